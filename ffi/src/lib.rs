//! # coserr-ffi — the C ABI of coserr
//!
//! Builds `libcoserr.a` and `libcoserr.so` (soname `libcoserr.so.2`; cargo
//! names them `libcoserr_ffi.*`, `make lib` renames them); the header
//! `include/coserr.h` is generated from this crate by a pinned cbindgen
//! (`make header-check` fails when it is stale), so the rustdoc of the
//! exports is the header's documentation. The conventions are in
//! docs/abi.md:
//!
//! - every pointer is checked: a NULL that must not be NULL gives
//!   `COSERR_NULL_ARGUMENT`; a `(NULL, 0)` pointer/length pair is an empty
//!   slice, NULL with a length above 0 is `COSERR_NULL_ARGUMENT`;
//! - a record `*out` is all zero on any result but `COSERR_OK` /
//!   `COSERR_NOT_AN_ERROR`, never stale or partial;
//! - the output records hold no pointer and no `bool`: they can be copied,
//!   stored and freed by the caller like any plain struct; nothing is ever
//!   allocated for the caller and nothing has to be released;
//! - texts longer than a buffer are written with `snprintf` semantics: the
//!   full length is reported, the buffer holds a NUL-terminated prefix cut
//!   at a UTF-8 boundary, `(NULL, 0)` asks for the length;
//! - every export runs behind one panic boundary and answers `COSERR_PANIC`
//!   (or a documented fallback) instead of unwinding into C;
//! - no global state: every function is reentrant and thread-safe;
//! - inputs that are enumerations are `uint32_t`.
//!
//! The files, in the order of the header: `constants` and `types` (the
//! ABI's data), then one file per family of exports — `parse` (response,
//! body), `spans`, `format` (display and digest), `extras`, `field_value`,
//! `decisions` (the clock skew, the retry class of given facts), `names`.
//! Beneath them: `boundary` (the panic boundary and argument checks),
//! `c_headers` (the header array as the core's `Headers`), `regions` (the
//! record sink), `numbers` (the record head as C numbers), `writer`
//! (`snprintf`-like outputs) and `code_names` (the code table).
//!
//! Rust code (benchmarks, tests) can call the exports through the rlib, as
//! `coserr_ffi::coserr_parse_response` with the dependency
//! `coserr-ffi = { path = "../ffi" }`.
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(unsafe_op_in_unsafe_fn)]
#![deny(clippy::undocumented_unsafe_blocks)]
#![deny(missing_docs)]
#![allow(non_camel_case_types)]

#[cfg(all(feature = "std", panic = "abort"))]
compile_error!(
    "coserr-ffi with `std` needs panic = \"unwind\": its exports catch panics at the C boundary"
);

mod constants;
mod types;

// The exports, a family per file, in the header's order: cbindgen follows
// the `mod`s (the blank lines keep rustfmt from sorting them).
mod parse;

mod spans;

mod format;

mod extras;

mod field_value;

mod decisions;

mod names;

mod boundary;
mod c_headers;
mod code_names;
/// cbindgen:ignore
#[cfg(not(feature = "std"))]
mod no_panic;
mod numbers;
mod regions;
mod writer;

// Without `std` nothing else names libc, whose `memcpy`, `memset` and
// `bcmp` the compiled code calls: the shared library then records it as
// needed, and `-z defs` (build.rs) can check every other symbol.
#[cfg(not(feature = "std"))]
#[link(name = "c")]
unsafe extern "C" {}

pub use constants::*;
pub use decisions::{coserr_clock_skew_ms, coserr_retry_of};
pub use extras::{coserr_extras_begin, coserr_extras_next};
pub use field_value::coserr_field_value;
pub use format::{coserr_format, coserr_to_json};
pub use names::{coserr_abi_version, coserr_code_name, coserr_result_name, coserr_retry_name};
pub use parse::{coserr_parse_body, coserr_parse_response};
pub use spans::coserr_parse_response_spans;
pub use types::{
    coserr_error, coserr_extras_iter, coserr_header, coserr_response, coserr_span, coserr_spans,
};
