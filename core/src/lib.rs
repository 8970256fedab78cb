//! # coserr
//!
//! Turns the error answer of Tencent Cloud Object Storage (COS) — HTTP status,
//! headers, and a small XML or JSON body — into one fixed-size error record.
//!
//! `#![no_std]` without `alloc`, `#![forbid(unsafe_code)]`, and no panics on
//! any input. Two faces:
//!
//! - [`parse_body`] returns a zero-copy [`Body`]: the verdict plus spans into
//!   the body, decoded on demand ([`Value`]), with [`Body::extras`] iterating
//!   the unknown children of the error element;
//! - [`ErrorRecord`] is the owned record with fixed-capacity strings.
//!
//! ```
//! let body = coserr::parse_body(b"<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>");
//! assert_eq!(body.status(), coserr::BodyStatus::Ok);
//! let code = body.field(coserr::Field::Code).unwrap();
//! assert!(code.eq_str("NoSuchKey"));
//! ```
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[macro_use]
mod named_enum;

// Layers, each using only itself and those above it: bytes, characters
// and the enums; a value and its decoding; the scanners (tokenizer and
// parser) and what they produce; the parsed body; the record and the
// response; display. `abi` exposes the plumbing the C ABI builds on.
mod bytes;
mod chars;
pub mod clock;
mod codes;
mod field;
mod kind;
mod retry;
mod status;

mod json_string;
mod markup;
mod piece;
mod value;

mod json;
mod scan;
mod xml;

mod body;
mod extras;

mod builder;
mod record;
mod response;
mod texts;

mod decisions;

mod display;

#[doc(hidden)]
pub mod abi;

pub use body::{Body, parse_body};
pub use codes::{Category, CodeId, category};
pub use display::Digest;
pub use extras::{Extra, Extras};
pub use field::{Field, FieldSet};
pub use kind::{Flags, Kind};
pub use piece::Piece;
pub use record::ErrorRecord;
pub use response::{
    CosError, HEAD_NOT_FOUND_CODE, HEAD_NOT_FOUND_MESSAGE, Header, Headers, Response,
};
pub use retry::{Retry, retry};
pub use status::{BodyFormat, BodyStatus, ParseError, Reason};
pub use texts::{Texts, capacity};
pub use value::{Decoded, Value};

/// Deepest XML element nesting accepted (the root element is depth 1).
pub const MAX_DEPTH: usize = 256;
/// Most ordinary attributes accepted on one element (namespace declarations
/// are counted by [`MAX_NAMESPACES`] instead).
pub const MAX_ATTRIBUTES: usize = 256;
/// Most prefixed namespace declarations in scope at once.
pub const MAX_NAMESPACES: usize = 256;
/// Deepest JSON nesting accepted: serde_json's default recursion limit
/// (127 nested arrays/objects), so that both agree on every input.
pub const MAX_JSON_DEPTH: usize = 127;

/// The README's Rust example is compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

/// So is the example of the crate's own README (the one crates.io shows).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct CrateReadmeDoctests;
