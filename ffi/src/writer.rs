//! The text outputs: an `snprintf`-like writer into a caller's buffer, and
//! the output argument pair `(buffer, capacity)` + optional full length
//! that the extras and `coserr_field_value` fill.

use core::ffi::c_char;
use core::fmt::{self, Write};
use core::ptr;

use coserr_core::Value;
use coserr_core::abi::floor_char_boundary;

use crate::boundary::{Checked, buffer};

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

/// One `snprintf`-like output of an export: the caller's `(buf, cap)` and
/// an optional pointer (NULL when not wanted) for the full length.
pub(crate) struct TextOut {
    pub(crate) text: Writer,
    /// NULL or valid for writes ([`TextOut::new`]).
    len: *mut usize,
    /// The buffer's check ([`TextOut::check`]).
    check: Checked<()>,
}

impl TextOut {
    /// Stores `""` in `buf` when it has room and 0 in `*len` when `len` is
    /// not NULL: what the caller sees on any result but `COSERR_OK`.
    ///
    /// # Safety
    ///
    /// A non-NULL `buf` must be valid for writes of `cap` bytes and a
    /// non-NULL `len` valid for writes, for as long as the result is used.
    pub(crate) unsafe fn new(buf: *mut c_char, cap: usize, len: *mut usize) -> Self {
        let out = TextOut {
            // SAFETY: the caller guarantees `buf` is valid for `cap` bytes.
            text: unsafe { Writer::new(buf, cap) },
            len,
            check: buffer(buf, cap),
        };
        out.store_len(0);
        out
    }

    /// The buffer's check: NULL with a capacity above 0 is
    /// `COSERR_NULL_ARGUMENT`.
    pub(crate) fn check(&self) -> Checked<()> {
        self.check
    }

    /// Stores the full length of the text written in `*len`.
    pub(crate) fn finish(&self) {
        self.store_len(self.text.total());
    }

    fn store_len(&self, n: usize) {
        // SAFETY: `TextOut::new`'s caller guarantees that a non-NULL `len`
        // is valid for writes while `self` is used.
        if let Some(p) = unsafe { self.len.as_mut() } {
            *p = n;
        }
    }
}
