//! Test support for coserr, in one place: the roxmltree / serde_json
//! oracles, the document generators and mutators, the seeded RNG, the
//! shared sample bodies, and a builder for C `coserr_response` values.
//!
//! Used by the core's and the C ABI's tests, the benches and the fuzz
//! targets; it is never published and never shipped.
