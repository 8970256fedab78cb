//! The names: `coserr_result_name`, `coserr_code_name` (from the table in
//! `code_names`), `coserr_retry_name` and `coserr_abi_version`.

use core::ffi::c_char;

use coserr_core::Retry;

use crate::boundary::guard;
use crate::code_names;
use crate::constants::{
    COSERR_ABI_VERSION, COSERR_INVALID_ARGUMENT, COSERR_NOT_AN_ERROR, COSERR_NOT_FOUND,
    COSERR_NULL_ARGUMENT, COSERR_OK, COSERR_PANIC, COSERR_TEXT_NEEDED,
};

/// The name of a result code, e.g. `"COSERR_NOT_AN_ERROR"`; for a value that
/// is not a result, `"COSERR_UNKNOWN_RESULT"`. A static string, never NULL.
#[unsafe(no_mangle)]
pub extern "C" fn coserr_result_name(result: u32) -> *const c_char {
    guard(c"".as_ptr(), || {
        match result {
            COSERR_OK => c"COSERR_OK",
            COSERR_NOT_AN_ERROR => c"COSERR_NOT_AN_ERROR",
            COSERR_NULL_ARGUMENT => c"COSERR_NULL_ARGUMENT",
            COSERR_PANIC => c"COSERR_PANIC",
            COSERR_INVALID_ARGUMENT => c"COSERR_INVALID_ARGUMENT",
            COSERR_NOT_FOUND => c"COSERR_NOT_FOUND",
            COSERR_TEXT_NEEDED => c"COSERR_TEXT_NEEDED",
            _ => c"COSERR_UNKNOWN_RESULT",
        }
        .as_ptr()
    })
}

/// The code text of a `code_id` as the service spells it (`"NoSuchKey"`,
/// `"BadRquest"` sic), so that the id round-trips. `""` for
/// `COSERR_CODE_UNKNOWN` and for any number that is not a known id: there is
/// no such code, and a made-up name could be mistaken for one the service
/// sent (the record's `code` keeps the text received either way). A static
/// string, never NULL.
#[unsafe(no_mangle)]
pub extern "C" fn coserr_code_name(code_id: u32) -> *const c_char {
    guard(c"".as_ptr(), || code_names::name(code_id).as_ptr())
}

/// The name of a retry class (`COSERR_RETRY_*`): `"none"`, `"transient"`,
/// `"throttle"`, `"clock_skew"`, `"switch_domain"` (the JSON digest's
/// `"retry"`); `""` for a number that is not one. A static string, never
/// NULL.
#[unsafe(no_mangle)]
pub extern "C" fn coserr_retry_name(retry: u32) -> *const c_char {
    guard(c"".as_ptr(), || {
        match Retry::from_u32(retry) {
            Some(Retry::None) => c"none",
            Some(Retry::Transient) => c"transient",
            Some(Retry::Throttle) => c"throttle",
            Some(Retry::ClockSkew) => c"clock_skew",
            Some(Retry::SwitchDomain) => c"switch_domain",
            None => c"",
        }
        .as_ptr()
    })
}

/// `COSERR_ABI_VERSION` of the library actually linked; compare it with the
/// header's to detect a mismatched shared library.
#[unsafe(no_mangle)]
pub extern "C" fn coserr_abi_version() -> u32 {
    #[cfg(all(feature = "reachable-panic", not(feature = "std")))]
    crate::no_panic::reachable_panic();
    COSERR_ABI_VERSION
}
