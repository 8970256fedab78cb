//! What the syntax scanners (XML and JSON) produce and the body consumes:
//! where each field's value lies, and the first error.

use crate::status::ParseError;
use crate::value::ValueKind;

/// Where a value lies in the body (byte offsets into the whole body).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: ValueKind,
}

impl Span {
    pub(crate) const fn new(start: usize, end: usize, kind: ValueKind) -> Self {
        Span { start, end, kind }
    }
}

/// What a syntax scanner (XML or JSON) found. Offsets are into the whole body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Scan {
    /// The span of each field that was completed, indexed by `Field as usize`.
    pub fields: [Option<Span>; 6],
    /// The first well-formedness error, if any.
    pub error: Option<ParseError>,
    /// The document is (or, if malformed, started as) an error document.
    pub is_error_doc: bool,
    /// XML: the content of the error element up to the end of its last
    /// complete child, from which `Extras` re-reads the other children.
    pub children: Option<(usize, usize)>,
    /// XML: where the first complete extra child starts, and the fields
    /// whose first element came before it (so iteration can start there).
    pub first_extra: Option<(usize, u32)>,
}

impl Scan {
    pub(crate) const fn new() -> Self {
        Scan {
            fields: [None; 6],
            error: None,
            is_error_doc: false,
            children: None,
            first_extra: None,
        }
    }
}
