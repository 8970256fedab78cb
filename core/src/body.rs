//! The body parser's entry point and its zero-copy result, [`Body`].

use crate::extras::Extras;
use crate::field::{Field, FieldSet};
use crate::scan::Scan;
use crate::status::{BodyFormat, BodyStatus, ParseError, Reason};
use crate::value::Value;
use crate::{json, xml};

/// A parsed COS error body: the verdict plus spans into the body.
///
/// Nothing is copied or decoded until asked: [`Body::field`] returns a
/// [`Value`] that decodes on demand. Build one with [`parse_body`].
#[derive(Clone, Copy, Debug)]
pub struct Body<'a> {
    bytes: &'a [u8],
    /// The longest valid UTF-8 prefix of `bytes` (all of it for a valid body).
    text: &'a str,
    doc_start: usize,
    status: BodyStatus,
    format: BodyFormat,
    scan: Scan,
}

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Parses a COS error body (XML or JSON) without allocating.
///
/// A leading UTF-8 BOM and then leading XML whitespace (space, tab, CR, LF)
/// are skipped: COS writes spaces before the XML declaration to keep a
/// CompleteMultipartUpload connection alive. What remains decides the format:
/// `<` is XML (judged exactly as `roxmltree::Document::parse` judges it), `{`
/// is JSON (RFC 8259, as `serde_json::Value`), nothing is [`BodyStatus::Empty`],
/// anything else [`BodyStatus::NotXml`].
///
/// # Limits
///
/// Time is linear in the body's length and memory is constant (a few KiB of
/// stack). Documents beyond these limits are rejected as
/// [`BodyStatus::Malformed`] with [`Reason::LimitExceeded`]:
/// XML elements nested deeper than [`MAX_DEPTH`], more than
/// [`MAX_ATTRIBUTES`] attributes on one element, more than
/// [`MAX_NAMESPACES`] namespace declarations in scope at once, and JSON
/// nested deeper than [`MAX_JSON_DEPTH`] (serde_json's own limit).
///
/// [`MAX_DEPTH`]: crate::MAX_DEPTH
/// [`MAX_ATTRIBUTES`]: crate::MAX_ATTRIBUTES
/// [`MAX_NAMESPACES`]: crate::MAX_NAMESPACES
/// [`MAX_JSON_DEPTH`]: crate::MAX_JSON_DEPTH
#[inline]
pub fn parse_body(bytes: &[u8]) -> Body<'_> {
    let mut start = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    while bytes.get(start).is_some_and(|&b| crate::chars::is_space(b)) {
        start += 1;
    }
    let mut body = Body {
        bytes,
        text: "",
        doc_start: start,
        status: BodyStatus::Empty,
        format: BodyFormat::None,
        scan: Scan::new(),
    };
    let Some(&first) = bytes.get(start) else {
        return body;
    };
    if first != b'<' && first != b'{' {
        body.status = BodyStatus::NotXml;
        return body;
    }
    // Validate UTF-8 once; a bad byte ends the document there, so the fields
    // completed before it are still reported (as a partial result).
    let (text, bad_utf8_at) = match core::str::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let valid = e.valid_up_to();
            let prefix = bytes.get(..valid).unwrap_or_default();
            (core::str::from_utf8(prefix).unwrap_or(""), Some(valid))
        }
    };
    body.text = text;
    // The scanners fill `body.scan` in place: it is large enough that
    // returning it by value costs copies on the hot path.
    if first == b'<' {
        body.format = BodyFormat::Xml;
        xml::scan(text, start, &mut body.scan);
    } else {
        body.format = BodyFormat::Json;
        body.scan = json::scan(text, start);
    }
    let scan = &mut body.scan;
    if let Some(valid) = bad_utf8_at
        && scan.error.is_none_or(|e| e.offset >= valid)
    {
        scan.error = Some(ParseError {
            offset: valid,
            reason: Reason::InvalidUtf8,
        });
    }
    body.status = match (scan.error, scan.is_error_doc) {
        (Some(_), _) => BodyStatus::Malformed,
        (None, true) => BodyStatus::Ok,
        (None, false) => BodyStatus::NotErrorDoc,
    };
    body
}

impl<'a> Body<'a> {
    /// The verdict.
    pub fn status(&self) -> BodyStatus {
        self.status
    }

    /// Which syntax the body was read as.
    pub fn format(&self) -> BodyFormat {
        self.format
    }

    /// Where and why the body is malformed ([`BodyStatus::Malformed`] only).
    pub fn error(&self) -> Option<ParseError> {
        self.scan.error
    }

    /// The body is malformed but fields completed before the error were kept.
    pub fn is_partial(&self) -> bool {
        self.scan.error.is_some() && !self.present().is_empty()
    }

    /// The body as passed in.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// Offset of the document after the BOM and leading whitespace.
    pub fn document_start(&self) -> usize {
        self.doc_start
    }

    /// The fields that are present (possibly empty).
    pub fn present(&self) -> FieldSet {
        let mut set = FieldSet::EMPTY;
        for f in Field::BODY {
            if self.scan.fields[f as usize].is_some() {
                set.insert(f);
            }
        }
        set
    }

    /// The value of `field`, or `None` when the body does not have it.
    ///
    /// Present-but-empty (`<Resource></Resource>`) is `Some` of an empty value.
    /// For a malformed body, only fields completed before the error are given.
    #[inline]
    pub fn field(&self, field: Field) -> Option<Value<'a>> {
        // `Location` and `Region` are never in a body: no slot, `None`.
        let span = (*self.scan.fields.get(field as usize)?)?;
        Some(Value::new(self.text.get(span.start..span.end)?, span.kind))
    }

    /// The other direct children of the XML error element, in document order:
    /// every child that is not the first of its name among the six fields
    /// (`StringToSign`, `HostId`, a second `Code`...). JSON bodies have none.
    pub fn extras(&self) -> Extras<'a> {
        // The scan saw where the first one is: start there.
        match (self.scan.first_extra, self.scan.children) {
            (Some((start, seen)), Some((_, end))) => {
                Extras::new(self.text.get(start..end).unwrap_or(""), seen)
            }
            // Empty, at the end of the body (so that its state is too).
            _ => Extras::new(self.text.get(self.text.len()..).unwrap_or(""), 0),
        }
    }

    /// Whether [`Body::extras`] yields anything (known from the parse).
    pub fn has_extras(&self) -> bool {
        self.scan.first_extra.is_some()
    }
}
