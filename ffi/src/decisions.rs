//! The decisions an SDK acts on beside the record: the clock skew a
//! `COSERR_RETRY_CLOCK_SKEW` answer asks to correct (`coserr_clock_skew_ms`),
//! and the retry class of facts the caller holds (`coserr_retry_of`).

use core::ffi::c_char;

use coserr_core::abi::retry_of_bytes;

use crate::boundary::{input, required, run, slice};
use crate::constants::{COSERR_FLAG_SERVER_CLOCK, COSERR_NOT_FOUND, COSERR_OK};
use crate::types::coserr_error;

/// The service's clock minus the caller's: `*skew_ms = e->server_time_ms -
/// local_unix_ms` (saturating at `INT64_MIN` / `INT64_MAX`), where
/// `local_unix_ms` is the caller's clock in Unix milliseconds when the
/// answer arrived. Add it to the local clock before signing the request
/// again.
///
/// Returns `COSERR_OK`; `COSERR_NOT_FOUND` when the service's clock is
/// unknown (`e->flags` lacks `COSERR_FLAG_SERVER_CLOCK`), with `*skew_ms`
/// set to 0; `COSERR_NULL_ARGUMENT` when `e` or `skew_ms` is NULL;
/// `COSERR_PANIC`.
///
/// # Safety
///
/// A non-NULL `e` must be valid for reads of one `coserr_error`, and a
/// non-NULL `skew_ms` valid for writes of one `int64_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn coserr_clock_skew_ms(
    e: *const coserr_error,
    local_unix_ms: i64,
    skew_ms: *mut i64,
) -> u32 {
    run(|| {
        let out = required(skew_ms)?;
        // SAFETY: the caller guarantees a non-NULL `e` is valid for reads.
        let e = unsafe { input(e) }?;
        let (result, skew) = if e.flags & COSERR_FLAG_SERVER_CLOCK == 0 {
            (COSERR_NOT_FOUND, 0)
        } else {
            (COSERR_OK, e.server_time_ms.saturating_sub(local_unix_ms))
        };
        // SAFETY: `out` is non-NULL and valid for writes (caller).
        unsafe { out.write(skew) };
        Ok(result)
    })
}

/// The retry class (`COSERR_RETRY_*`) of an answer given as facts, by the
/// same five rules as the record's `retry`: HTTP `status` (0 when unknown),
/// the error `code` and `message` (`(NULL, 0)` when none; bytes, matched
/// exactly, the message searched whole), and whether a request id came
/// (`has_request_id` non-zero: a non-empty `x-cos-request-id`,
/// `x-ci-request-id` or `x-img-request-id` header, or a non-empty
/// `RequestId` in the body). For an SDK that holds these values already,
/// or builds an error of its own; `coserr_parse_response` decides the same
/// for a whole answer.
///
/// Returns `COSERR_OK` with `*retry` set; `COSERR_NULL_ARGUMENT` when `retry`
/// is NULL or a string is NULL with a length above 0, `COSERR_INVALID_ARGUMENT`
/// for a length above `PTRDIFF_MAX`, `COSERR_PANIC` (then `*retry`, when
/// given, is `COSERR_RETRY_NONE`).
///
/// # Safety
///
/// A non-NULL `code` must be valid for reads of `code_len` bytes, a
/// non-NULL `message` of `message_len` bytes, a non-NULL `retry` for writes
/// of one `uint32_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn coserr_retry_of(
    status: u32,
    code: *const c_char,
    code_len: usize,
    message: *const c_char,
    message_len: usize,
    has_request_id: u32,
    retry: *mut u32,
) -> u32 {
    if !retry.is_null() {
        // SAFETY: a non-NULL `retry` is valid for writes (caller).
        unsafe { retry.write(0) };
    }
    run(|| {
        let out = required(retry)?;
        // SAFETY: the caller guarantees each non-NULL string is valid for
        // its length.
        let (code, message) = unsafe {
            (
                slice(code.cast::<u8>(), code_len)?,
                slice(message.cast::<u8>(), message_len)?,
            )
        };
        let class = retry_of_bytes(status, code, message, has_request_id != 0);
        // SAFETY: `out` is non-NULL and valid for writes (caller).
        unsafe { out.write(class.as_u32()) };
        Ok(COSERR_OK)
    })
}
