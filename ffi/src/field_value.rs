//! `coserr_field_value`: one field's whole value, whatever its length,
//! every byte (NUL bytes included), with `snprintf` semantics. The record's
//! arrays cut long values; this is how C (and the bindings) get them whole.

use core::ffi::c_char;

use coserr_core::abi::{RecordHead, RecordSink};
use coserr_core::{Field, parse_body};

use crate::boundary::{run, slice};
use crate::constants::{COSERR_INVALID_ARGUMENT, COSERR_NOT_FOUND, COSERR_OK};
use crate::parse::body_response;
use crate::writer::TextOut;

/// A [`RecordSink`] that keeps one field, without a capacity, in the
/// caller's buffer and drops the others: the record is built exactly as
/// `coserr_parse_body` builds it, so the value is the one its array would
/// hold if it were long enough.
struct OneField {
    field: Field,
    out: TextOut,
}

impl RecordSink for OneField {
    /// The kept field's stored part (all of it when the buffer is large
    /// enough); `""` for the others. A body-only build reads back only the
    /// code, for its id, which the value does not depend on.
    fn text(&self, field: Field) -> &str {
        if field == self.field {
            self.out.text.stored()
        } else {
            ""
        }
    }

    fn clear(&mut self, field: Field) {
        if field == self.field {
            self.out.text.restart();
        }
    }

    /// Never reports a cut: the value has no capacity here, only the
    /// caller's buffer, whose cut `*len` reveals.
    fn append(&mut self, field: Field, s: &str) -> bool {
        if field == self.field {
            self.out.text.text(s);
        }
        true
    }
}

/// Copies the whole value of one body field, as `coserr_parse_body` decides
/// it (entities decoded, invalid UTF-8 replaced by U+FFFD, a client error's
/// message being the start of the body...), into `buf`: `field` is one
/// `COSERR_FIELD_*` bit. Unlike the record's arrays, the value is not cut to
/// a capacity, and NUL bytes are part of it (a JSON `\u0000`): `*len`
/// counts them, and C string functions stop at the first.
///
/// `snprintf` semantics, as the extras: `*len` receives the FULL length in
/// bytes (without the NUL); at most `cap - 1` bytes and a NUL are written
/// when `cap > 0`, cut at a UTF-8 boundary (so fewer bytes may be written);
/// `(NULL, 0)` asks only for the length; `len` may be NULL when not wanted.
/// On any result other than `COSERR_OK`, `*len` is 0 and `buf` (when
/// `cap > 0`) holds `""`.
///
/// Returns `COSERR_OK`, `COSERR_NOT_FOUND` when the body has no such field,
/// `COSERR_INVALID_ARGUMENT` when `field` is not exactly one of the six body
/// fields' `COSERR_FIELD_*` bits (`COSERR_FIELD_LOCATION` and
/// `COSERR_FIELD_REGION` are headers, never in a body) or a length is above
/// `PTRDIFF_MAX`, `COSERR_NULL_ARGUMENT` when
/// `body` or `buf` is NULL with a length/cap above 0, `COSERR_PANIC`.
///
/// # Safety
///
/// A non-NULL `body` must be valid for reads of `body_len` bytes, a non-NULL
/// `buf` valid for writes of `cap` bytes and a non-NULL `len` valid for
/// writes; `buf` must not overlap the body.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn coserr_field_value(
    body: *const u8,
    body_len: usize,
    field: u32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> u32 {
    run(|| {
        // SAFETY: the caller guarantees `buf` is valid for `cap` bytes and
        // `len` for writes.
        let out = unsafe { TextOut::new(buf, cap, len) };
        out.check()?;
        let field = Field::BODY
            .into_iter()
            .find(|f| f.bit() == field)
            .ok_or(COSERR_INVALID_ARGUMENT)?;
        // SAFETY: the caller guarantees `body` is valid for `body_len` bytes.
        let body = unsafe { slice(body, body_len)? };
        let mut sink = OneField { field, out };
        let head = RecordHead::build(&body_response(body), &parse_body(body), &mut sink);
        if !head.present.contains(field) {
            sink.out.text.restart();
            return Err(COSERR_NOT_FOUND);
        }
        sink.out.finish();
        Ok(COSERR_OK)
    })
}
