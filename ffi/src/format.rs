//! `coserr_format` and `coserr_to_json`: a C record's one-line display and
//! JSON digest, exactly the core's `Display` and `write_json` of the record
//! it stands for.

use core::ffi::c_char;
use core::fmt::Write;

use coserr_core::abi::RecordHead;
use coserr_core::{BodyStatus, ErrorRecord, Field, Kind, Retry};

use crate::boundary::guard;
use crate::types::coserr_error;
use crate::writer::Writer;

/// Writes the one-line display of `*e` (for logs and support tickets; always
/// with status, code, message, request id and trace id, `-` when absent; the
/// retry class after the status when it is not `COSERR_RETRY_NONE`):
///
/// `CosServiceError status=503 retry=transient code="ServiceUnavailable" message="..." request_id="..." trace_id="..." resource="..."`
///
/// `snprintf` semantics: returns the length of the whole line without the
/// NUL; writes at most `cap - 1` bytes plus a NUL when `cap > 0`, cut at a
/// UTF-8 boundary (so fewer bytes may be written); `(NULL, 0)` asks for the
/// length (a NULL `buf` is never written, whatever `cap`). A NULL `e` gives
/// 0 and writes `""`. The text is exactly the Rust core's `Display`.
///
/// Only `kind`, `status`, `body_status`, `present`, `retry` and the strings
/// are read; a string without a NUL in its array is read to the array's end,
/// invalid UTF-8 becomes U+FFFD, an unknown `kind` reads as
/// `COSERR_KIND_NONE` and an unknown `retry` as `COSERR_RETRY_NONE`.
/// Returns 0 on an internal panic.
///
/// # Safety
///
/// A non-NULL `e` must be valid for reads, a non-NULL `buf` valid for writes
/// of `cap` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn coserr_format(
    e: *const coserr_error,
    buf: *mut c_char,
    cap: usize,
) -> usize {
    // SAFETY: the caller's guarantees are `write_text`'s.
    unsafe { write_text(e, buf, cap, display) }
}

/// Writes the JSON digest of `*e`: the COS Python SDK's `get_digest_msg()`
/// keys `code`, `message`, `resource`, `requestid`, `traceid` (`null` when
/// absent), then `status`, `kind` and `retry` (the class's name):
///
/// `{"code":"NoSuchKey","message":"...","resource":"...","requestid":"...","traceid":null,"status":404,"kind":"service","retry":"none"}`
///
/// Same `snprintf` semantics and input rules as `coserr_format`; the text is
/// exactly the Rust core's `write_json`.
///
/// # Safety
///
/// As `coserr_format`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn coserr_to_json(
    e: *const coserr_error,
    buf: *mut c_char,
    cap: usize,
) -> usize {
    // SAFETY: the caller's guarantees are `write_text`'s.
    unsafe { write_text(e, buf, cap, json) }
}

/// The body of `coserr_format` and `coserr_to_json`: `text` writes the
/// record of `*e` into `buf` with `snprintf` semantics.
///
/// # Safety
///
/// A non-NULL `e` must be valid for reads, a non-NULL `buf` valid for writes
/// of `cap` bytes.
unsafe fn write_text(
    e: *const coserr_error,
    buf: *mut c_char,
    cap: usize,
    text: fn(&mut Writer, &ErrorRecord),
) -> usize {
    guard(0, || {
        // SAFETY: the caller guarantees `buf` is valid for `cap` bytes.
        let mut w = unsafe { Writer::new(buf, cap) };
        // SAFETY: the caller guarantees a non-NULL `e` is valid for reads.
        match unsafe { e.as_ref() } {
            Some(e) => {
                text(&mut w, &record_of(e));
                w.total()
            }
            None => 0,
        }
    })
}

/// Writes the core's one-line `Display` of `rec`.
fn display(w: &mut Writer, rec: &ErrorRecord) {
    let _ = write!(w, "{rec}");
}

/// Writes the core's JSON digest of `rec`.
fn json(w: &mut Writer, rec: &ErrorRecord) {
    let _ = rec.write_json(w);
}

/// The core record a C record stands for, as far as the display and the
/// digest need it: kind, status, body status, retry class, and the present
/// strings.
///
/// A string without a NUL in its array is read to the array's end (and cut
/// to capacity), invalid UTF-8 becomes U+FFFD, an unknown `kind` reads as
/// `COSERR_KIND_NONE`, an unknown `retry` as `COSERR_RETRY_NONE` and an unknown `body_status` as
/// `COSERR_BODY_MALFORMED`. For a record coserr filled, the result displays
/// exactly as the record it was filled from.
fn record_of(e: &coserr_error) -> ErrorRecord {
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
        retry: Retry::from_u32(e.retry).unwrap_or(Retry::None),
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
            Field::Location => &e.location,
            Field::Region => &e.region,
        };
        let n = src.iter().position(|&c| c == 0).unwrap_or(src.len());
        for (d, &c) in tmp.iter_mut().zip(&src[..n]) {
            *d = c as u8;
        }
        rec.set_bytes(f, &tmp[..n], false);
    }
    rec
}
