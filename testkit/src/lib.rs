//! Test support for coserr, in one place: the roxmltree / serde_json
//! oracles, the document generators and mutators, the seeded RNG, the
//! shared sample bodies, and a builder for C `coserr_response` values.
//!
//! Used by the core's and the C ABI's integration tests, the benches and
//! the fuzz targets; it is never published and never shipped. (The core's
//! own unit tests cannot use it: they would see a second copy of the
//! crate's types. They include [`rng`] alone, which uses only `core`.)

pub mod c_response;
pub mod input;
pub mod json_gen;
pub mod oracle;
pub mod record;
pub mod response_gen;
pub mod rng;
pub mod samples;
pub mod text;
pub mod xml_gen;
