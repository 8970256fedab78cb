//! The parse exports: `coserr_parse_response` and `coserr_parse_body` fill
//! a `coserr_error`; the checked view of a C response that they and the
//! spans export share.

use coserr_core::abi::RecordHead;
use coserr_core::{Field, Headers, Response, parse_body};

use crate::boundary::{Checked, input, required, run_filling, slice};
use crate::c_headers::CHeaders;
use crate::numbers::{result_of, scalars, write_decisions, write_numbers};
use crate::regions::{Regions, nul_cut};
use crate::types::{coserr_error, coserr_response};

/// Parses an HTTP response into `*out` by the decision table of
/// docs/semantics.md (status, `x-cos-error-code`, request-id/trace-id
/// header fallbacks, HEAD 404, body).
///
/// Returns `COSERR_OK` when the response is an error (`kind` is
/// `COSERR_KIND_SERVICE` or `COSERR_KIND_CLIENT`), `COSERR_NOT_AN_ERROR`
/// when it is not (`*out` still has the status, `body_status` and any body
/// fields), `COSERR_NULL_ARGUMENT` when `resp` or `out` is NULL or a
/// pointer in `*resp` is NULL with a length above 0,
/// `COSERR_INVALID_ARGUMENT` for a length above `PTRDIFF_MAX`,
/// `COSERR_PANIC` on an internal error; `*out` is all zero on any other
/// result than the first two.
/// Header entries whose `name` is NULL are skipped.
///
/// # Safety
///
/// `resp` and every non-NULL pointer in it must be valid for reads of the
/// given lengths, and `out` valid for writes, during the call; `*out` must
/// not overlap any of the inputs.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn coserr_parse_response(
    resp: *const coserr_response,
    out: *mut coserr_error,
) -> u32 {
    let parse = || {
        let out = required(out)?;
        // SAFETY: the caller guarantees a non-NULL `resp` is valid for
        // reads, and vouches for the pointers inside it; `out` is valid
        // for writes and apart from the inputs during the call.
        unsafe { with_response(input(resp)?, |resp| parse_into(out, resp)) }
    };
    // SAFETY: the caller guarantees `out` is valid for writes when non-NULL.
    unsafe { run_filling(out, parse) }
}

/// Parses a body alone, status unknown (as `coserr_parse_response` with
/// status 0, no method, URL or headers): an XML or JSON error document is a
/// service error, a body that is not XML or is malformed a client error, an
/// empty body or a well-formed non-error document not an error.
///
/// `(NULL, 0)` is an empty body. Returns `COSERR_OK`, `COSERR_NOT_AN_ERROR`,
/// `COSERR_NULL_ARGUMENT` (`out` NULL, or `body` NULL with `body_len` > 0),
/// `COSERR_INVALID_ARGUMENT`, `COSERR_PANIC`; `*out` is all zero on any
/// result but `COSERR_OK` / `COSERR_NOT_AN_ERROR`.
///
/// # Safety
///
/// A non-NULL `body` must be valid for reads of `body_len` bytes and `out`
/// valid for writes during the call; `*out` must not overlap the body.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn coserr_parse_body(
    body: *const u8,
    body_len: usize,
    out: *mut coserr_error,
) -> u32 {
    let parse = || {
        let out = required(out)?;
        // SAFETY: the caller guarantees `body` is valid for `body_len`
        // bytes, and `out` for writes, apart from the body.
        unsafe { Ok(parse_into(out, &body_response(slice(body, body_len)?))) }
    };
    // SAFETY: the caller guarantees `out` is valid for writes when non-NULL.
    unsafe { run_filling(out, parse) }
}

/// A body alone as a response: status unknown, no method, URL or headers.
pub(crate) fn body_response(body: &[u8]) -> Response<'_, ()> {
    Response {
        status: 0,
        method: b"",
        url: b"",
        headers: &(),
        body,
    }
}

/// Runs `parse` on the core's view of a C response, once its pointers are
/// checked: `(NULL, 0)` pairs are empty, a NULL with a length above 0 is
/// `COSERR_NULL_ARGUMENT`, a length above `PTRDIFF_MAX` is
/// `COSERR_INVALID_ARGUMENT`.
///
/// # Safety
///
/// `resp`'s pointers must be valid for their lengths during the call.
pub(crate) unsafe fn with_response(
    resp: &coserr_response,
    parse: impl FnOnce(&Response<'_, CHeaders<'_>>) -> u32,
) -> Checked<u32> {
    // SAFETY: the caller vouches for every pointer/length pair of `resp`.
    let (method, url, headers, body) = unsafe {
        (
            slice(resp.method.cast::<u8>(), resp.method_len)?,
            slice(resp.url.cast::<u8>(), resp.url_len)?,
            CHeaders::new(slice(resp.headers, resp.header_count)?)?,
            slice(resp.body, resp.body_len)?,
        )
    };
    Ok(parse(&Response {
        status: resp.status,
        method,
        url,
        headers: &headers,
        body,
    }))
}

/// Parses `resp` into `*out`, writing every byte of it (all zero after
/// each string), and returns the result.
///
/// # Safety
///
/// As [`Regions::arrays`].
unsafe fn parse_into<H: Headers + ?Sized>(out: *mut coserr_error, resp: &Response<'_, H>) -> u32 {
    let body = parse_body(resp.body);
    // SAFETY: the caller's guarantees are `Regions::arrays`'.
    let mut sink = unsafe { Regions::arrays(out) };
    let head = RecordHead::build(resp, &body, &mut sink);
    let mut truncated = head.truncated.0;
    for f in Field::ALL {
        if nul_cut(&head, f, sink.bytes(f)).is_some() {
            truncated |= f.bit();
        }
    }
    // SAFETY: the regions are `*out`'s arrays, each followed by its NUL.
    unsafe { sink.zero_rest() };
    // SAFETY: the caller guarantees `out` is valid for writes; a
    // `coserr_error` starts with the eleven numbers.
    unsafe { write_numbers(out, scalars(&head, truncated)) };
    // SAFETY: as above.
    unsafe { write_decisions(out, &head) };
    result_of(&head)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constants::COSERR_NULL_ARGUMENT;
    use crate::types::coserr_header;

    #[test]
    fn a_rejected_call_leaves_the_record_zeroed() {
        let mut out = coserr_error {
            kind: 7,
            code: [1; 64],
            trace_id: [2; 256],
            ..coserr_error::default()
        };
        // SAFETY: a NULL response is checked; `out` is valid.
        let rc = unsafe { coserr_parse_response(core::ptr::null(), &mut out) };
        assert_eq!(rc, COSERR_NULL_ARGUMENT);
        assert_eq!(out, coserr_error::default());

        out.message = [3; 1024];
        let bad = [coserr_header {
            name: c"x".as_ptr(),
            name_len: 1,
            value: core::ptr::null(),
            value_len: 4,
        }];
        let resp = coserr_response {
            status: 404,
            method: core::ptr::null(),
            method_len: 0,
            url: core::ptr::null(),
            url_len: 0,
            headers: bad.as_ptr(),
            header_count: 1,
            body: core::ptr::null(),
            body_len: 0,
        };
        // SAFETY: the NULL value with a length is checked; `out` is valid.
        let rc = unsafe { coserr_parse_response(&resp, &mut out) };
        assert_eq!(rc, COSERR_NULL_ARGUMENT);
        assert_eq!(out, coserr_error::default());

        out.resource = [4; 1024];
        // SAFETY: a NULL body with a length is checked; `out` is valid.
        let rc = unsafe { coserr_parse_body(core::ptr::null(), 3, &mut out) };
        assert_eq!(rc, COSERR_NULL_ARGUMENT);
        assert_eq!(out, coserr_error::default());
    }
}
