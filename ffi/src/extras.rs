//! The extras: the children of the XML error element other than the six
//! fields, read from the body itself with a one-pass iteration
//! (`coserr_extras_begin`, `coserr_extras_next`) whose state is plain
//! numbers the caller holds.

use core::ffi::c_char;

use coserr_core::abi::ExtrasState;
use coserr_core::{Extras, parse_body};

use crate::boundary::{required, run, slice};
use crate::constants::{COSERR_NOT_FOUND, COSERR_OK};
use crate::types::coserr_extras_iter;
use crate::writer::TextOut;

/// The core's paused iteration as the C struct.
pub(crate) fn iter_of(state: ExtrasState) -> coserr_extras_iter {
    coserr_extras_iter {
        pos: state.pos as u64,
        end: state.end as u64,
        seen: state.seen,
        reserved: 0,
    }
}

/// The C struct as the core's paused iteration; an offset that does not fit
/// in `usize` gives a state that fits no body (so it yields nothing).
fn state_of(it: &coserr_extras_iter) -> ExtrasState {
    ExtrasState {
        pos: usize::try_from(it.pos).unwrap_or(usize::MAX),
        end: usize::try_from(it.end).unwrap_or(usize::MAX),
        seen: it.seen,
    }
}

/// Starts a one-pass iteration over the extras of a body: the direct
/// children of the XML error element other than the six fields (`HostId`,
/// `StringToSign`, `ArgumentName`, a repeated `Code`...), in document
/// order. The record is fixed-size, so extras are read from the body
/// itself: this parses it once and stores in `*it` where its extras are;
/// `coserr_extras_next` then reads them one by one without parsing the
/// body again.
///
/// ```c
/// coserr_extras_iter it;
/// char name[64], value[1024];
/// size_t name_len, value_len;
/// coserr_extras_begin(body, body_len, &it);
/// while (coserr_extras_next(body, body_len, &it, name, sizeof name, &name_len,
///                           value, sizeof value, &value_len) == COSERR_OK) {
///     use(name, value); // cut when name_len >= sizeof name or value_len >= sizeof value
/// }
/// ```
///
/// `*it` is zeroed first, whatever the result (a zeroed iterator yields
/// nothing). Returns `COSERR_OK`, also when the body has no extras (JSON
/// bodies, non-error documents, empty or unparseable bodies: the first
/// `coserr_extras_next` is `COSERR_NOT_FOUND`), `COSERR_NULL_ARGUMENT` when
/// `it` is NULL or `body` is NULL with `body_len` > 0,
/// `COSERR_INVALID_ARGUMENT`, `COSERR_PANIC`.
///
/// THE SAME BODY must be passed to `coserr_extras_begin` and to every
/// `coserr_extras_next` of one iterator: `*it` holds offsets into it, not a
/// pointer (the same bytes at another address will do). With another body
/// nothing crashes, but the extras are meaningless.
///
/// # Safety
///
/// A non-NULL `body` must be valid for reads of `body_len` bytes; a
/// non-NULL `it` valid for writes of one aligned `coserr_extras_iter`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn coserr_extras_begin(
    body: *const u8,
    body_len: usize,
    it: *mut coserr_extras_iter,
) -> u32 {
    run(|| {
        let it = required(it)?;
        // SAFETY: non-NULL, and the caller guarantees it is valid for writes
        // and aligned; the zeroed struct is a valid value.
        unsafe { it.write(coserr_extras_iter::default()) };
        // SAFETY: the caller guarantees `body` is valid for `body_len` bytes.
        let body = unsafe { slice(body, body_len)? };
        let state = parse_body(body).extras().state(body);
        // SAFETY: as above.
        unsafe { it.write(iter_of(state)) };
        Ok(COSERR_OK)
    })
}

/// Copies the next extra of the iteration `*it` (from
/// `coserr_extras_begin` on the same body) into `name` and `value`, and
/// moves `*it` past it. Never parses the body again: it reads on from
/// where `*it` stands to the next extra.
///
/// The buffers get the extra's local name (namespace prefix removed) and
/// its decoded value (text and CDATA joined, entities decoded), each
/// NUL-terminated and cut at a UTF-8 boundary to fit its `cap`;
/// `*name_len` / `*value_len` (either may be NULL) receive the FULL lengths;
/// `(NULL, 0)` buffers ask only for the lengths; on any result other than
/// `COSERR_OK` the lengths are 0 and the buffers (when `cap > 0`) hold `""`.
/// `*it` moves past the extra even when a buffer was too small: to read it
/// again with bigger buffers, copy `*it` before the call (it is plain
/// numbers) and call again with the copy.
///
/// Returns `COSERR_OK` with the next extra, `COSERR_NOT_FOUND` when there
/// is none left (and again on every later call), `COSERR_NULL_ARGUMENT`
/// when `it` is NULL or `body`, `name` or `value` is NULL with a length/cap
/// above 0, `COSERR_INVALID_ARGUMENT`, `COSERR_PANIC`. `*it` changes only
/// on `COSERR_OK`.
///
/// THE SAME BODY (the same bytes; the address may differ) must be passed
/// as to `coserr_extras_begin`. An iterator used with another body, or
/// holding any other numbers, never reads outside the body given: it yields
/// meaningless extras or `COSERR_NOT_FOUND`.
///
/// # Safety
///
/// A non-NULL `body` must be valid for reads of `body_len` bytes; a
/// non-NULL `it` valid for reads and writes of one aligned
/// `coserr_extras_iter`; non-NULL `name` / `value` valid for writes of
/// `name_cap` / `value_cap` bytes; non-NULL `name_len` / `value_len` valid
/// for writes; `*it` must not overlap the buffers or the lengths.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn coserr_extras_next(
    body: *const u8,
    body_len: usize,
    it: *mut coserr_extras_iter,
    name: *mut c_char,
    name_cap: usize,
    name_len: *mut usize,
    value: *mut c_char,
    value_cap: usize,
    value_len: *mut usize,
) -> u32 {
    run(|| {
        // Both buffers hold "" and both lengths 0 before either is checked.
        // SAFETY: the caller guarantees the buffers and length pointers.
        let (mut name, mut value) = unsafe {
            (
                TextOut::new(name, name_cap, name_len),
                TextOut::new(value, value_cap, value_len),
            )
        };
        name.check()?;
        value.check()?;
        let it = required(it)?;
        // SAFETY: the caller guarantees `body` is valid for `body_len` bytes.
        let body = unsafe { slice(body, body_len)? };
        // SAFETY: the caller guarantees `it` (non-NULL) is valid for reads
        // and writes, aligned, and not aliased during the call.
        let it = unsafe { &mut *it };
        let mut extras = Extras::resume(body, state_of(it));
        let extra = extras.next().ok_or(COSERR_NOT_FOUND)?;
        *it = iter_of(extras.state(body));
        name.text.text(extra.name);
        value.text.value(&extra.value);
        name.finish();
        value.finish();
        Ok(COSERR_OK)
    })
}
