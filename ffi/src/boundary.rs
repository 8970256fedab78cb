//! The panic boundary and the argument checks every export goes through.
//!
//! An export's body returns a [`Checked`] result, so that each check is one
//! `?`; [`run`] turns it into the `COSERR_*` number and, in the `std`
//! build, catches a panic on the way, so that nothing unwinds into C (the
//! shipped no-`std` build has no panic left to catch: no_panic.rs).

use core::panic::UnwindSafe;

use crate::constants::{
    COSERR_INVALID_ARGUMENT, COSERR_NOT_AN_ERROR, COSERR_NULL_ARGUMENT, COSERR_OK, COSERR_PANIC,
};

/// Result of an argument check: the error is a `COSERR_*` result.
pub(crate) type Checked<T> = Result<T, u32>;

/// The one panic boundary: a panic (a bug; the core never panics by
/// design) becomes `on_panic` instead of unwinding into C. Nothing is
/// shared between calls, so no state can be left broken by an unwind.
#[cfg(feature = "std")]
pub(crate) fn guard<T>(on_panic: T, f: impl FnOnce() -> T + UnwindSafe) -> T {
    std::panic::catch_unwind(f).unwrap_or(on_panic)
}

/// Without `std` there is no unwinding to catch: the shipped library is
/// built so that no panic is reachable at all (no_panic.rs), and `on_panic`
/// is never needed.
#[cfg(not(feature = "std"))]
pub(crate) fn guard<T>(_on_panic: T, f: impl FnOnce() -> T + UnwindSafe) -> T {
    f()
}

/// Runs an export that answers a `COSERR_*` result: a failed check's error
/// is the result, and a panic is `COSERR_PANIC`.
pub(crate) fn run(f: impl FnOnce() -> Checked<u32> + UnwindSafe) -> u32 {
    guard(COSERR_PANIC, || f().unwrap_or_else(|result| result))
}

/// [`run`] for an export that fills `*out`: on any result but a filled
/// record (OK / NOT_AN_ERROR), `*out` is zeroed (its `Default`: every
/// record is plain integers), so that it is never left uninitialised or
/// holding stale or partial data (a panic caught part-way through the
/// build may have left some strings).
///
/// # Safety
///
/// A non-NULL `out` must be valid for writes of one aligned `T`, and `f`
/// must hold no reference to it when it returns.
pub(crate) unsafe fn run_filling<T: Default>(
    out: *mut T,
    f: impl FnOnce() -> Checked<u32> + UnwindSafe,
) -> u32 {
    let result = run(f);
    if result != COSERR_OK && result != COSERR_NOT_AN_ERROR && !out.is_null() {
        // SAFETY: non-NULL, valid for writes and aligned (caller); the
        // closure and its borrows are gone.
        unsafe { out.write(T::default()) };
    }
    result
}

/// A required pointer: NULL is `COSERR_NULL_ARGUMENT`.
pub(crate) fn required<T>(ptr: *mut T) -> Checked<*mut T> {
    if ptr.is_null() {
        Err(COSERR_NULL_ARGUMENT)
    } else {
        Ok(ptr)
    }
}

/// A required input: NULL is `COSERR_NULL_ARGUMENT`.
///
/// # Safety
///
/// A non-NULL `ptr` must be valid for reads of one aligned `T`, unmodified
/// for `'a`.
pub(crate) unsafe fn input<'a, T>(ptr: *const T) -> Checked<&'a T> {
    // SAFETY: the caller guarantees a non-NULL `ptr` is valid for 'a.
    unsafe { ptr.as_ref() }.ok_or(COSERR_NULL_ARGUMENT)
}

/// A caller's `(buffer, capacity)` pair: NULL with a capacity above 0 is
/// `COSERR_NULL_ARGUMENT`; `(NULL, 0)` is no buffer.
pub(crate) fn buffer<T>(ptr: *mut T, cap: usize) -> Checked<()> {
    if ptr.is_null() && cap > 0 {
        Err(COSERR_NULL_ARGUMENT)
    } else {
        Ok(())
    }
}

/// A `(pointer, length)` pair as a slice: `(NULL, 0)` is empty, NULL with a
/// length above 0 is `COSERR_NULL_ARGUMENT`, a length over `isize::MAX`
/// bytes is `COSERR_INVALID_ARGUMENT`.
///
/// # Safety
///
/// A non-NULL `ptr` must point to `len` initialised `T`s that stay valid and
/// unmodified for `'a`.
pub(crate) unsafe fn slice<'a, T>(ptr: *const T, len: usize) -> Checked<&'a [T]> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(COSERR_NULL_ARGUMENT);
    }
    if len > isize::MAX as usize / size_of::<T>().max(1) {
        return Err(COSERR_INVALID_ARGUMENT);
    }
    // SAFETY: non-NULL, the size fits in isize (checked), and the caller
    // guarantees `len` valid elements for 'a.
    Ok(unsafe { core::slice::from_raw_parts(ptr, len) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guard_turns_a_panic_into_the_fallback() {
        assert_eq!(
            guard(COSERR_PANIC, || -> u32 { panic!("boom") }),
            COSERR_PANIC
        );
        assert_eq!(guard(COSERR_PANIC, || COSERR_OK), COSERR_OK);
    }

    #[test]
    fn run_answers_the_failed_check() {
        assert_eq!(run(|| Err(COSERR_NULL_ARGUMENT)), COSERR_NULL_ARGUMENT);
        assert_eq!(run(|| -> Checked<u32> { panic!("boom") }), COSERR_PANIC);
        assert_eq!(run(|| Ok(COSERR_NOT_AN_ERROR)), COSERR_NOT_AN_ERROR);
    }
}
