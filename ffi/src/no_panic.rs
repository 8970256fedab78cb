//! The link-time proof that the shipped library cannot panic.
//!
//! `make lib` builds this crate without `std`, with `panic = "abort"` and
//! fat LTO. A panic can then only end here, and this handler calls a
//! function that exists nowhere: if the optimiser leaves any path to a
//! panic in the library, the reference to that symbol stays, and the shared
//! library's link (`-z defs`, build.rs) fails, as does `make lib`'s check
//! that the static archive does not need it. So the library that ships
//! neither unwinds into C nor aborts: the panic boundary of the `std` build
//! is not needed, because no panic is left to catch.

unsafe extern "C" {
    /// Deliberately defined nowhere (see the module's documentation).
    fn coserr_panic_is_reachable_in_the_shipped_library() -> !;
}

#[panic_handler]
fn on_panic(_: &core::panic::PanicInfo<'_>) -> ! {
    // SAFETY: never runs: a build in which this call is reachable does not
    // link, because the function does not exist.
    unsafe { coserr_panic_is_reachable_in_the_shipped_library() }
}

/// With the `reachable-panic` feature (never shipped), a panic that the
/// optimiser cannot remove, called from `coserr_abi_version`: `make
/// no-panic-test` builds the library so and expects its link to fail,
/// which shows that the proof above is live.
#[cfg(feature = "reachable-panic")]
pub(crate) fn reachable_panic() {
    let index = core::hint::black_box(1usize);
    core::hint::black_box([0u8][index]);
}
