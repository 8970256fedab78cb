//! `coserr_retry_of`: the five rules on facts a caller holds, the same as
//! the core's `retry` (itself checked by the decision tables), for codes and
//! messages that are not UTF-8 too, and its argument checks.

use std::ptr;

use coserr_core::{Retry, retry};
use coserr_ffi::*;

fn retry_of(status: u32, code: &[u8], message: &[u8], has_id: u32) -> (u32, u32) {
    let mut out = 99;
    // SAFETY: both slices are valid for their lengths; `out` for writes.
    let rc = unsafe {
        coserr_retry_of(
            status,
            code.as_ptr().cast(),
            code.len(),
            message.as_ptr().cast(),
            message.len(),
            has_id,
            &mut out,
        )
    };
    (rc, out)
}

/// Status, code, message, has a request id, the class.
type Row = (u32, &'static [u8], &'static [u8], u32, Retry);

#[test]
fn a_table_of_facts() {
    use Retry::*;
    let rows: &[Row] = &[
        (502, b"", b"", 0, SwitchDomain),
        (502, b"", b"", 1, Transient),
        (302, b"", b"", 0, SwitchDomain),
        (304, b"", b"", 0, None),
        (403, b"RequestTimeTooSkewed", b"", 1, ClockSkew),
        (
            403,
            b"SignatureDoesNotMatch",
            b"Request has expired",
            1,
            ClockSkew,
        ),
        (
            403,
            b"SignatureDoesNotMatch",
            b"request\xFFhas expired",
            1,
            None,
        ),
        (
            403,
            b"AccessDenied",
            b"\xFF\xFErequest HAS expired\xFF",
            1,
            ClockSkew,
        ),
        (429, b"", b"", 0, Throttle),
        (503, b"SlowDown", b"", 1, Throttle),
        (400, b"X\xFFThrottled", b"", 1, Throttle),
        (200, b"InternalError", b"", 1, Transient),
        (200, b"InternalError\xFF", b"", 1, None),
        (404, b"NoSuchKey", b"", 0, None),
        (404, b"NoSuchKey", b"", 7, None),
        (0, b"RequestTimeout", b"", 0, Transient),
    ];
    for &(status, code, message, id, want) in rows {
        let got = retry_of(status, code, message, id);
        assert_eq!(
            got,
            (COSERR_OK, want.as_u32()),
            "({status}, {code:?}, {message:?}, {id})"
        );
    }
}

/// Every combination of a few statuses, codes and messages gives what the
/// core's `retry` gives on the same strings.
#[test]
fn the_same_as_the_core_on_text() {
    let statuses = [
        0,
        200,
        301,
        304,
        399,
        400,
        403,
        429,
        499,
        500,
        503,
        599,
        600,
        u32::MAX,
    ];
    let codes = [
        "",
        "SlowDown",
        "RequestTimeTooSkewed",
        "AccessDenied",
        "SignatureDoesNotMatch",
        "InternalError",
        "ServiceUnavailable",
        "RequestTimeout",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "ApiFreqControl",
        "NoSuchKey",
        "accessdenied",
    ];
    let messages = [
        "",
        "Request has expired",
        "REQUEST HAS EXPIRED.",
        "expired",
        "页面 request has expired",
    ];
    for status in statuses {
        for code in codes {
            for message in messages {
                for id in [0, 1] {
                    let want = retry(status, code, message, id != 0).as_u32();
                    let got = retry_of(status, code.as_bytes(), message.as_bytes(), id);
                    assert_eq!(
                        got,
                        (COSERR_OK, want),
                        "({status}, {code:?}, {message:?}, {id})"
                    );
                }
            }
        }
    }
}

#[test]
fn arguments_are_checked() {
    let mut out = 99;
    // SAFETY: NULL pointers with zero lengths are empty strings; `out` is valid.
    let rc = unsafe { coserr_retry_of(503, ptr::null(), 0, ptr::null(), 0, 0, &mut out) };
    assert_eq!((rc, out), (COSERR_OK, COSERR_RETRY_SWITCH_DOMAIN));
    // SAFETY: a NULL code with a length is rejected before any read.
    let rc = unsafe { coserr_retry_of(503, ptr::null(), 3, ptr::null(), 0, 0, &mut out) };
    assert_eq!((rc, out), (COSERR_NULL_ARGUMENT, COSERR_RETRY_NONE));
    out = 99;
    // SAFETY: a NULL message with a length is rejected before any read.
    let rc = unsafe { coserr_retry_of(503, ptr::null(), 0, ptr::null(), 1, 0, &mut out) };
    assert_eq!((rc, out), (COSERR_NULL_ARGUMENT, COSERR_RETRY_NONE));
    // SAFETY: a NULL output is rejected.
    let rc = unsafe { coserr_retry_of(503, ptr::null(), 0, ptr::null(), 0, 0, ptr::null_mut()) };
    assert_eq!(rc, COSERR_NULL_ARGUMENT);
    let huge = usize::MAX / 2 + 1;
    // SAFETY: a length above PTRDIFF_MAX is rejected before any read.
    let rc = unsafe { coserr_retry_of(503, c"x".as_ptr(), huge, ptr::null(), 0, 0, &mut out) };
    assert_eq!((rc, out), (COSERR_INVALID_ARGUMENT, COSERR_RETRY_NONE));
}
