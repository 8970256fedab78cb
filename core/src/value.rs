//! A field value as a zero-copy span of the body, decoded on demand.
//!
//! The parser only records where a value lies; decoding (entities, character
//! references, CDATA, line-end normalisation, JSON escapes) happens when the
//! caller asks, into a [`core::fmt::Write`] sink, a byte buffer, or a callback
//! receiving [`Piece`]s. The span has been validated by the parser, so decoding
//! never fails; it still never panics on anything it is handed.

use core::fmt;
use core::ops::ControlFlow;

use crate::bytes::floor_char_boundary;
use crate::json_string::json_string;
use crate::markup::xml_content;
use crate::piece::Piece;

/// How the bytes of a span are to be decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum ValueKind {
    /// Element content: text, references, CDATA, comments, PIs, nested elements.
    XmlContent,
    /// Element content that is one run of text without references or CRs:
    /// its value is its raw text.
    XmlText,
    /// The inside of a JSON string literal (without the quotes).
    JsonString,
    /// A JSON number literal, taken as its text.
    JsonNumber,
}

/// The result of [`Value::decode_into`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// Bytes written (always ends on a UTF-8 boundary).
    pub len: usize,
    /// The whole value did not fit and was cut at a UTF-8 boundary.
    pub truncated: bool,
}

/// A field value: a span of the body plus how to decode it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Value<'a> {
    raw: &'a str,
    kind: ValueKind,
}

impl<'a> Value<'a> {
    #[inline]
    pub(crate) fn new(raw: &'a str, kind: ValueKind) -> Self {
        Value { raw, kind }
    }

    /// The undecoded text of the value as it stands in the body (element content
    /// with markup, or a JSON literal without its quotes).
    #[inline]
    pub fn raw(&self) -> &'a str {
        self.raw
    }

    /// Calls `f` with each decoded piece in order; stops early on `Break`.
    #[inline]
    pub fn for_each_piece<B>(
        &self,
        mut f: impl FnMut(Piece<'a>) -> ControlFlow<B>,
    ) -> ControlFlow<B> {
        match self.kind {
            ValueKind::XmlContent => xml_content(self.raw, &mut f),
            ValueKind::JsonString => json_string(self.raw, &mut f),
            ValueKind::XmlText | ValueKind::JsonNumber => {
                if self.raw.is_empty() {
                    ControlFlow::Continue(())
                } else {
                    f(Piece::Str(self.raw))
                }
            }
        }
    }

    /// [`Value::for_each_piece`] through one copy of the decoders that is
    /// never inlined, for every caller but the record's own hot path: each
    /// generic caller would otherwise carry its own copy of them (several
    /// KiB each in the shipped library).
    #[inline(never)]
    pub(crate) fn visit_pieces(
        &self,
        f: &mut dyn FnMut(Piece<'a>) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        self.for_each_piece(f)
    }

    /// Writes the decoded value into `out`.
    pub fn write_to<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        let flow = self.visit_pieces(&mut |p| match p.write_to(out) {
            Ok(()) => ControlFlow::Continue(()),
            Err(_) => ControlFlow::Break(()),
        });
        match flow {
            ControlFlow::Break(()) => Err(fmt::Error),
            ControlFlow::Continue(()) => Ok(()),
        }
    }

    /// Decodes into `buf`, cutting at a UTF-8 boundary when it does not fit.
    #[inline]
    pub fn decode_into(&self, buf: &mut [u8]) -> Decoded {
        let mut sink = SliceSink { buf, len: 0 };
        let truncated = self
            .visit_pieces(&mut |p| {
                if sink.push(p.as_str(&mut [0; 4])) {
                    ControlFlow::Continue(())
                } else {
                    ControlFlow::Break(())
                }
            })
            .is_break();
        Decoded {
            len: sink.len,
            truncated,
        }
    }

    /// The length in bytes of the decoded value.
    pub fn decoded_len(&self) -> usize {
        let mut n = 0;
        let _ = self.visit_pieces(&mut |p| {
            n += p.byte_len();
            ControlFlow::Continue(())
        });
        n
    }

    /// Whether the decoded value is empty (`<Message/>`, `<Message></Message>`, `""`).
    pub fn is_empty(&self) -> bool {
        self.visit_pieces(&mut |p| {
            if p.byte_len() > 0 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })
        .is_continue()
    }

    /// Whether the decoded value equals `other`, without decoding into a buffer.
    pub fn eq_str(&self, other: &str) -> bool {
        let mut rest = other.as_bytes();
        let flow = self.visit_pieces(&mut |p| match rest
            .strip_prefix(p.as_str(&mut [0; 4]).as_bytes())
        {
            Some(r) => {
                rest = r;
                ControlFlow::Continue(())
            }
            None => ControlFlow::Break(()),
        });
        flow.is_continue() && rest.is_empty()
    }
}

impl fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

/// Copies whole-character prefixes into a byte slice.
struct SliceSink<'b> {
    buf: &'b mut [u8],
    len: usize,
}

impl SliceSink<'_> {
    /// Appends as much of `s` as fits on a char boundary; false when cut.
    #[inline]
    fn push(&mut self, s: &str) -> bool {
        let room = self.buf.len().saturating_sub(self.len);
        let take = floor_char_boundary(s, room);
        let src = s.as_bytes().get(..take).unwrap_or_default();
        if let Some(dst) = self.buf.get_mut(self.len..self.len + src.len()) {
            dst.copy_from_slice(src);
            self.len += src.len();
        }
        take == s.len()
    }
}
