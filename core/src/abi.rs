//! Plumbing the C ABI (the `coserr-ffi` crate) builds on, outside the API a
//! Rust user needs: writing a record's texts into a caller's own storage,
//! looking headers up from a table filled in one pass, resuming the extras
//! iteration from a saved state, and cutting text on a character boundary
//! exactly as the record does.

pub use crate::builder::{RecordHead, RecordSink};
pub use crate::bytes::floor_char_boundary;
pub use crate::extras::ExtrasState;
pub use crate::response::{KnownHeader, KnownHeaders};
pub use crate::retry::retry_of_bytes;
