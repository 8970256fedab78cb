//! What the body parser concluded about a body, and why it rejected one.

use core::fmt;

/// The verdict on a body. The discriminants are the C ABI's `COSERR_BODY_*`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum BodyStatus {
    /// A well-formed error document (XML `<Error>` or a JSON error object).
    Ok = 0,
    /// Nothing but an optional BOM and whitespace.
    Empty = 1,
    /// Starts with neither `<` nor `{`: plain text, HTML-less garbage, binary.
    NotXml = 2,
    /// Starts like XML or JSON but is not well-formed (see [`ParseError`]).
    Malformed = 3,
    /// Well-formed, but not an error document (e.g. `CompleteMultipartUploadResult`).
    NotErrorDoc = 4,
}

impl BodyStatus {
    /// A stable lowercase name, used in the display line and the JSON digest.
    pub const fn name(self) -> &'static str {
        match self {
            BodyStatus::Ok => "ok",
            BodyStatus::Empty => "empty",
            BodyStatus::NotXml => "not_xml",
            BodyStatus::Malformed => "malformed",
            BodyStatus::NotErrorDoc => "not_error_doc",
        }
    }
}

/// Which syntax the body was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum BodyFormat {
    /// Not parsed as a document (empty or not XML/JSON).
    None = 0,
    /// The body starts with `<`.
    Xml = 1,
    /// The body starts with `{`.
    Json = 2,
}

/// Why a body was rejected as malformed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum Reason {
    /// The bytes are not UTF-8.
    InvalidUtf8 = 1,
    /// The body ends before the document does (a truncated body).
    UnexpectedEof = 2,
    /// A character that XML 1.0 or JSON does not allow here.
    InvalidChar = 3,
    /// A malformed element, attribute, PI or entity name.
    InvalidName = 4,
    /// A syntax error: missing `=`, quote, `>`, bad declaration, stray text...
    InvalidSyntax = 5,
    /// A comment containing `--` or ending in `-`.
    InvalidComment = 6,
    /// `]]>` in character data.
    InvalidCharData = 7,
    /// A reference to an undefined entity, or a malformed/invalid reference.
    InvalidReference = 8,
    /// A DOCTYPE: entity definitions are never processed.
    Doctype = 9,
    /// An end tag that does not match its start tag.
    MismatchedTag = 10,
    /// A second root element, text outside the root, or no root at all.
    InvalidStructure = 11,
    /// Two attributes with the same expanded name on one element.
    DuplicateAttribute = 12,
    /// An undeclared prefix, or a forbidden `xml`/`xmlns` binding.
    InvalidNamespace = 13,
    /// A documented resource limit (nesting depth, attributes per element,
    /// namespace bindings in scope) was exceeded.
    LimitExceeded = 14,
    /// An invalid JSON escape, number or literal.
    InvalidJson = 15,
}

impl Reason {
    /// A short lowercase description.
    pub const fn describe(self) -> &'static str {
        match self {
            Reason::InvalidUtf8 => "invalid UTF-8",
            Reason::UnexpectedEof => "unexpected end of body",
            Reason::InvalidChar => "invalid character",
            Reason::InvalidName => "invalid name",
            Reason::InvalidSyntax => "invalid syntax",
            Reason::InvalidComment => "invalid comment",
            Reason::InvalidCharData => "']]>' in character data",
            Reason::InvalidReference => "invalid or unknown reference",
            Reason::Doctype => "DOCTYPE is not allowed",
            Reason::MismatchedTag => "mismatched end tag",
            Reason::InvalidStructure => "invalid document structure",
            Reason::DuplicateAttribute => "duplicate attribute",
            Reason::InvalidNamespace => "invalid namespace",
            Reason::LimitExceeded => "limit exceeded",
            Reason::InvalidJson => "invalid JSON",
        }
    }
}

/// Where and why a body stopped being well-formed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ParseError {
    /// Byte offset into the body as passed (BOM and leading whitespace included).
    pub offset: usize,
    /// What went wrong.
    pub reason: Reason,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.reason.describe(), self.offset)
    }
}

impl core::error::Error for ParseError {}
