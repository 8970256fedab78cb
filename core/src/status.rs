//! What the body parser concluded about a body, and why it rejected one.

use core::fmt;

named_enum! {
    /// The verdict on a body. The discriminants are the C ABI's `COSERR_BODY_*`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum BodyStatus: u32 {
        /// A well-formed error document (XML `<Error>` or a JSON error object).
        Ok = 0 => "ok",
        /// Nothing but an optional BOM and whitespace.
        Empty = 1 => "empty",
        /// Starts with neither `<` nor `{`: plain text, HTML-less garbage, binary.
        NotXml = 2 => "not_xml",
        /// Starts like XML or JSON but is not well-formed (see [`ParseError`]).
        Malformed = 3 => "malformed",
        /// Well-formed, but not an error document (e.g. `CompleteMultipartUploadResult`).
        NotErrorDoc = 4 => "not_error_doc",
    }
    /// A stable lowercase name, used in the display line and the JSON digest.
    fn name;
}

named_enum! {
    /// Which syntax the body was read as.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum BodyFormat: u32 {
        /// Not parsed as a document (empty or not XML/JSON).
        None = 0 => "none",
        /// The body starts with `<`.
        Xml = 1 => "xml",
        /// The body starts with `{`.
        Json = 2 => "json",
    }
    /// A stable lowercase name.
    fn name;
}

named_enum! {
    /// Why a body was rejected as malformed.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Reason: u32 {
        /// The bytes are not UTF-8.
        InvalidUtf8 = 1 => "invalid UTF-8",
        /// The body ends before the document does (a truncated body).
        UnexpectedEof = 2 => "unexpected end of body",
        /// A character that XML 1.0 or JSON does not allow here.
        InvalidChar = 3 => "invalid character",
        /// A malformed element, attribute, PI or entity name.
        InvalidName = 4 => "invalid name",
        /// A syntax error: missing `=`, quote, `>`, bad declaration, stray text...
        InvalidSyntax = 5 => "invalid syntax",
        /// A comment containing `--` or ending in `-`.
        InvalidComment = 6 => "invalid comment",
        /// `]]>` in character data.
        InvalidCharData = 7 => "']]>' in character data",
        /// A reference to an undefined entity, or a malformed/invalid reference.
        InvalidReference = 8 => "invalid or unknown reference",
        /// A DOCTYPE: entity definitions are never processed.
        Doctype = 9 => "DOCTYPE is not allowed",
        /// An end tag that does not match its start tag.
        MismatchedTag = 10 => "mismatched end tag",
        /// A second root element, text outside the root, or no root at all.
        InvalidStructure = 11 => "invalid document structure",
        /// Two attributes with the same expanded name on one element.
        DuplicateAttribute = 12 => "duplicate attribute",
        /// An undeclared prefix, or a forbidden `xml`/`xmlns` binding.
        InvalidNamespace = 13 => "invalid namespace",
        /// A documented resource limit (nesting depth, attributes per element,
        /// namespace bindings in scope) was exceeded.
        LimitExceeded = 14 => "limit exceeded",
        /// An invalid JSON escape, number or literal.
        InvalidJson = 15 => "invalid JSON",
    }
    /// A short lowercase description.
    fn describe;
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
