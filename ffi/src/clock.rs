//! `coserr_clock_skew_ms`: how far the caller's clock is from the service's,
//! the correction a `COSERR_RETRY_CLOCK_SKEW` answer asks for.

use crate::boundary::{input, required, run};
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
