//! The record head as C numbers: the eleven `uint32_t`s every record
//! struct starts with (`kind` .. `retryable`), the decisions of ABI
//! version 2 (`retry`, `server_time_ms`), and the export's result.

use coserr_core::abi::RecordHead;
use coserr_core::{BodyStatus, Kind};

use crate::constants::{COSERR_NOT_AN_ERROR, COSERR_OK};
use crate::types::coserr_error;

/// The scalars of a record as C's `uint32_t`s, in `coserr_error`'s order
/// (`kind` to `retryable`), with `truncated` as given (the core's cuts and
/// the texts C sees cut at a NUL).
pub(crate) fn scalars(head: &RecordHead, truncated: u32) -> [u32; 11] {
    let body_offset = match (head.body_status, head.body_error) {
        (BodyStatus::Malformed, Some(e)) => u32::try_from(e.offset).unwrap_or(u32::MAX),
        _ => 0,
    };
    [
        head.kind as u32,
        head.status,
        head.body_status as u32,
        body_offset,
        head.present.0,
        head.from_header.0,
        truncated,
        head.flags.0,
        head.code_id.as_u32(),
        head.category.as_u32(),
        u32::from(head.retryable),
    ]
}

/// Writes the eleven numbers at the start of a record struct, without
/// making a reference to the (possibly uninitialised) record.
///
/// # Safety
///
/// `out` must be valid for writes of one aligned `T` that starts with
/// `kind` .. `retryable` as 11 consecutive `u32` fields: `coserr_error` or
/// `coserr_spans` (asserted in `types`).
pub(crate) unsafe fn write_numbers<T>(out: *mut T, numbers: [u32; 11]) {
    // SAFETY: the first 44 bytes of `*out` are the 11 `u32`s (caller),
    // valid for writes, and `T`'s alignment is at least `u32`'s.
    unsafe { out.cast::<[u32; 11]>().write(numbers) };
}

/// `retry` and `server_time_ms` of a record (0 when the clock is unknown).
pub(crate) fn decisions(head: &RecordHead) -> (u32, i64) {
    (head.retry.as_u32(), head.server_time_ms.unwrap_or(0))
}

/// Writes the two numbers of ABI version 2 after `coserr_error`'s texts,
/// `retry` and `server_time_ms`, without making a reference to the record.
///
/// # Safety
///
/// `out` must be valid for writes of one aligned `coserr_error`.
pub(crate) unsafe fn write_decisions(out: *mut coserr_error, head: &RecordHead) {
    let (retry, server_time_ms) = decisions(head);
    // SAFETY: the projections stay inside `*out`, valid for writes and
    // aligned (caller).
    unsafe {
        (&raw mut (*out).retry).write(retry);
        (&raw mut (*out).server_time_ms).write(server_time_ms);
    }
}

/// The result for a record: OK for an error, NOT_AN_ERROR otherwise.
pub(crate) fn result_of(head: &RecordHead) -> u32 {
    if head.kind == Kind::None {
        COSERR_NOT_AN_ERROR
    } else {
        COSERR_OK
    }
}
