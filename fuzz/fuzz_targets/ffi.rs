//! The C ABI (`coserr-ffi`, called through its rlib) on a whole response
//! (layout in `src/input.rs`): every export against the core, `snprintf`
//! semantics of the formatters, the extras accessors, NULL arguments, and
//! the formatters on a record made of arbitrary bytes (`check_ffi`).
#![no_main]

use coserr_fuzz::FuzzResponse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: FuzzResponse| {
    coserr_fuzz::oracle::tolerate_known_issues();
    let input = input.0;
    if let Err(why) = coserr_fuzz::check_ffi(&input, true) {
        panic!("{why}\ninput: {input:?}");
    }
});
