//! The text outputs: an `snprintf`-like writer into a caller's buffer, and
//! the core record rebuilt from a C record so that `coserr_format` and
//! `coserr_to_json` are the core's `Display` and `write_json` exactly.

use core::ffi::c_char;
use core::fmt::{self, Write};
use core::ptr;

use coserr_core::abi::RecordHead;
use coserr_core::{BodyStatus, ErrorRecord, Field, Kind, Value};

use crate::coserr_error;

/// Writes into a caller's `(buf, cap)` with `snprintf` semantics: counts the
/// whole text, stores at most `cap - 1` bytes of it, cut at a UTF-8 boundary
/// (after a cut nothing more is stored, so the buffer always holds a prefix
/// of the text), and keeps the buffer NUL-terminated after every write.
pub(crate) struct Writer {
    /// Never dereferenced when `cap` is 0.
    buf: *mut c_char,
    /// 0 when `buf` is NULL.
    cap: usize,
    written: usize,
    total: usize,
    cut: bool,
}

impl Writer {
    /// A writer into `buf`; stores `""` at once when it can. A NULL `buf`
    /// is never written, whatever `cap`.
    ///
    /// # Safety
    ///
    /// A non-NULL `buf` must be valid for writes of `cap` bytes for as long
    /// as the writer is used.
    pub(crate) unsafe fn new(buf: *mut c_char, cap: usize) -> Self {
        let cap = if buf.is_null() { 0 } else { cap };
        if cap > 0 {
            // SAFETY: non-NULL and valid for `cap` >= 1 bytes (caller).
            unsafe { buf.write(0) };
        }
        Writer {
            buf,
            cap,
            written: 0,
            total: 0,
            cut: false,
        }
    }

    /// The length of the whole text written so far (without the NUL).
    pub(crate) fn total(&self) -> usize {
        self.total
    }

    /// The part of the text stored in the buffer (a prefix of it).
    pub(crate) fn stored(&self) -> &str {
        if self.written == 0 {
            return "";
        }
        // SAFETY: the first `written` bytes of `buf` were copied by
        // `write_str` from `&str`s, each cut at a character boundary and
        // stored one after the other, so they are initialised UTF-8; the
        // buffer is valid for `cap > written` bytes (`Writer::new`).
        unsafe {
            let bytes = core::slice::from_raw_parts(self.buf.cast::<u8>(), self.written);
            core::str::from_utf8_unchecked(bytes)
        }
    }

    /// Starts the text again from nothing (`""` in the buffer).
    pub(crate) fn restart(&mut self) {
        self.written = 0;
        self.total = 0;
        self.cut = false;
        if self.cap > 0 {
            // SAFETY: `cap > 0` only for a buffer valid for `cap` bytes.
            unsafe { self.buf.write(0) };
        }
    }

    /// Writes `s`.
    pub(crate) fn text(&mut self, s: &str) {
        let _ = self.write_str(s);
    }

    /// Writes a decoded body value.
    pub(crate) fn value(&mut self, v: &Value<'_>) {
        let _ = v.write_to(self);
    }

    /// Writes the core's one-line `Display` of `rec`.
    pub(crate) fn display(&mut self, rec: &ErrorRecord) {
        let _ = write!(self, "{rec}");
    }

    /// Writes the core's JSON digest of `rec`.
    pub(crate) fn json(&mut self, rec: &ErrorRecord) {
        let _ = rec.write_json(self);
    }
}

impl Write for Writer {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.total = self.total.saturating_add(s.len());
        if self.cut || self.cap == 0 {
            return Ok(());
        }
        // `written <= cap - 1` always holds.
        let room = self.cap - 1 - self.written;
        let take = if s.len() <= room {
            s.len()
        } else {
            self.cut = true;
            floor_char_boundary(s, room)
        };
        if take > 0 {
            // SAFETY: `buf` is valid for `cap` bytes (`Writer::new`), and
            // `written + take <= cap - 1`, so both the copy and the NUL after
            // it stay inside; `s` cannot overlap a buffer we may write.
            unsafe {
                ptr::copy_nonoverlapping(s.as_ptr(), self.buf.add(self.written).cast::<u8>(), take);
                self.written += take;
                self.buf.add(self.written).write(0);
            }
        }
        Ok(())
    }
}

/// The largest `i <= max` that is a char boundary of `s`.
fn floor_char_boundary(s: &str, max: usize) -> usize {
    if max >= s.len() {
        return s.len();
    }
    let mut i = max;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The core record a C record stands for, as far as the display and the
/// digest need it: kind, status, body status, and the present strings.
///
/// A string without a NUL in its array is read to the array's end (and cut
/// to capacity), invalid UTF-8 becomes U+FFFD, an unknown `kind` reads as
/// `COSERR_KIND_NONE` and an unknown `body_status` as
/// `COSERR_BODY_MALFORMED`. For a record coserr filled, the result displays
/// exactly as the record it was filled from.
pub(crate) fn record_of(e: &coserr_error) -> ErrorRecord {
    let mut rec = ErrorRecord::from_head(RecordHead {
        kind: match e.kind {
            1 => Kind::Service,
            2 => Kind::Client,
            _ => Kind::None,
        },
        status: e.status,
        body_status: match e.body_status {
            0 => BodyStatus::Ok,
            1 => BodyStatus::Empty,
            2 => BodyStatus::NotXml,
            4 => BodyStatus::NotErrorDoc,
            _ => BodyStatus::Malformed,
        },
        ..RecordHead::default()
    });
    let mut tmp = [0u8; 1024];
    for f in Field::ALL {
        if e.present & f.bit() == 0 {
            continue;
        }
        let src: &[c_char] = match f {
            Field::Code => &e.code,
            Field::Message => &e.message,
            Field::Resource => &e.resource,
            Field::RequestId => &e.request_id,
            Field::TraceId => &e.trace_id,
            Field::ServerTime => &e.server_time,
        };
        let n = src.iter().position(|&c| c == 0).unwrap_or(src.len());
        for (d, &c) in tmp.iter_mut().zip(&src[..n]) {
            *d = c as u8;
        }
        rec.set_bytes(f, &tmp[..n], false);
    }
    rec
}
