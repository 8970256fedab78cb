//! A field value as a zero-copy span of the body, decoded on demand.
//!
//! The parser only records where a value lies; decoding (entities, character
//! references, CDATA, line-end normalisation, JSON escapes) happens when the
//! caller asks, into a [`core::fmt::Write`] sink, a byte buffer, or a callback
//! receiving [`Piece`]s. The span has been validated by the parser, so decoding
//! never fails; it still never panics on anything it is handed.

use core::fmt;
use core::ops::ControlFlow;

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

/// Where a value lies in the body (byte offsets into the whole body).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: ValueKind,
}

/// A piece of a decoded value: a borrowed run of text or one decoded character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// A run of text, borrowed from the body (or a static `"\n"`).
    Str(&'a str),
    /// A character produced by a reference or an escape.
    Char(char),
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

    /// Writes the decoded value into `out`.
    pub fn write_to<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        let flow = self.for_each_piece(|p| match write_piece(out, p) {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => ControlFlow::Break(e),
        });
        match flow {
            ControlFlow::Break(e) => Err(e),
            ControlFlow::Continue(()) => Ok(()),
        }
    }

    /// Decodes into `buf`, cutting at a UTF-8 boundary when it does not fit.
    #[inline]
    pub fn decode_into(&self, buf: &mut [u8]) -> Decoded {
        let mut sink = SliceSink { buf, len: 0 };
        let truncated = self
            .for_each_piece(|p| {
                let mut tmp = [0u8; 4];
                let s = match p {
                    Piece::Str(s) => s,
                    Piece::Char(c) => c.encode_utf8(&mut tmp),
                };
                if sink.push(s) {
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
        let _ = self.for_each_piece(|p| {
            n += piece_len(p);
            ControlFlow::<()>::Continue(())
        });
        n
    }

    /// Whether the decoded value is empty (`<Message/>`, `<Message></Message>`, `""`).
    pub fn is_empty(&self) -> bool {
        self.for_each_piece(|p| {
            if piece_len(p) > 0 {
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
        let flow = self.for_each_piece(|p| {
            let mut tmp = [0u8; 4];
            let s = match p {
                Piece::Str(s) => s.as_bytes(),
                Piece::Char(c) => c.encode_utf8(&mut tmp).as_bytes(),
            };
            match rest.strip_prefix(s) {
                Some(r) => {
                    rest = r;
                    ControlFlow::Continue(())
                }
                None => ControlFlow::Break(()),
            }
        });
        flow.is_continue() && rest.is_empty()
    }
}

impl fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

fn piece_len(p: Piece<'_>) -> usize {
    match p {
        Piece::Str(s) => s.len(),
        Piece::Char(c) => c.len_utf8(),
    }
}

fn write_piece<W: fmt::Write + ?Sized>(out: &mut W, p: Piece<'_>) -> fmt::Result {
    match p {
        Piece::Str(s) => out.write_str(s),
        Piece::Char(c) => out.write_char(c),
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
        let room = self.buf.len() - self.len;
        let take = floor_char_boundary(s, room);
        if let Some(dst) = self.buf.get_mut(self.len..self.len + take) {
            dst.copy_from_slice(&s.as_bytes()[..take]);
            self.len += take;
        }
        take == s.len()
    }
}

/// The largest `n <= max` at which `s` can be cut without splitting a character.
#[inline]
pub(crate) fn floor_char_boundary(s: &str, max: usize) -> usize {
    if max >= s.len() {
        return s.len();
    }
    let mut n = max;
    while n > 0 && !s.is_char_boundary(n) {
        n -= 1;
    }
    n
}

// ---------------------------------------------------------------------------
// XML element content

/// Decodes validated element content: the joined text of all descendant text
/// and CDATA nodes, exactly as roxmltree builds its text nodes.
fn xml_content<'a, B>(
    content: &'a str,
    f: &mut impl FnMut(Piece<'a>) -> ControlFlow<B>,
) -> ControlFlow<B> {
    let b = content.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            let end = memchr::memchr(b'<', &b[i..]).map_or(b.len(), |n| i + n);
            text_run(content.get(i..end).unwrap_or(""), f)?;
            i = end;
            continue;
        }
        let rest = &b[i..];
        if rest.starts_with(b"<![CDATA[") {
            let body_start = i + 9;
            let end = find(&b[body_start..], b"]]>").map_or(b.len(), |n| body_start + n);
            cdata(content.get(body_start..end).unwrap_or(""), f)?;
            i = (end + 3).min(b.len());
        } else {
            i = skip_markup(b, i).unwrap_or_else(|| skip_tag(b, i));
        }
    }
    ControlFlow::Continue(())
}

/// At `b[i] == '<'`: the index after the comment, CDATA section or PI that
/// starts there (the end of `b` if it is unterminated), or None for a tag.
pub(crate) fn skip_markup(b: &[u8], i: usize) -> Option<usize> {
    let rest = b.get(i..)?;
    let (open, close): (usize, &[u8]) = if rest.starts_with(b"<!--") {
        (4, b"-->")
    } else if rest.starts_with(b"<![CDATA[") {
        (9, b"]]>")
    } else if rest.starts_with(b"<?") {
        (2, b"?>")
    } else {
        return None;
    };
    Some(find(&rest[open..], close).map_or(b.len(), |n| i + open + n + close.len()))
}

/// Skips a start or end tag beginning at `b[i] == '<'`, honouring quoted
/// attribute values (which may contain `>`). Returns the index after `>`.
pub(crate) fn skip_tag(b: &[u8], mut i: usize) -> usize {
    let mut quote = 0u8;
    i += 1;
    while i < b.len() {
        let c = b[i];
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if c == b'"' || c == b'\'' {
            quote = c;
        } else if c == b'>' {
            return i + 1;
        }
        i += 1;
    }
    b.len()
}

/// One text node's worth of character data (between two pieces of markup).
///
/// Mirrors roxmltree's `TextBuffer`: `\r\n` and a lone `\r` become `\n` when
/// they come from the document's own characters, but a `\r` that directly
/// precedes a reference, or directly follows one, is kept as it is — and a
/// `\r` produced by `&#13;` is always kept.
fn text_run<'a, B>(
    run: &'a str,
    f: &mut impl FnMut(Piece<'a>) -> ControlFlow<B>,
) -> ControlFlow<B> {
    let b = run.as_bytes();
    let mut i = 0;
    let mut plain_start = 0;
    let mut pending_cr = false; // the last byte pushed was a '\r' that may still become '\n'
    let mut as_is = false; // the previous chunk was a reference: the next byte is pushed raw
    macro_rules! flush {
        ($end:expr) => {
            if plain_start < $end {
                f(Piece::Str(run.get(plain_start..$end).unwrap_or("")))?;
            }
        };
    }
    while i < b.len() {
        let c = b[i];
        if c == b'&' {
            flush!(i);
            if pending_cr {
                pending_cr = false;
                f(Piece::Str("\r"))?;
            }
            let (ch, n) = reference(&b[i..]);
            f(Piece::Char(ch))?;
            i += n;
            as_is = true;
            plain_start = i;
            continue;
        }
        if c != b'\r' && !pending_cr {
            // Plain text up to the next reference or CR.
            as_is = false;
            i = memchr::memchr2(b'&', b'\r', &b[i + 1..]).map_or(b.len(), |n| i + 1 + n);
            continue;
        }
        flush!(i);
        let at_end = i + 1 == b.len();
        if as_is {
            // Pushed raw: a '\r' stays, though a later byte may still fold it.
            as_is = false;
            pending_cr = true;
        } else if pending_cr {
            pending_cr = false;
            f(Piece::Str("\n"))?;
            if at_end && c == b'\r' {
                f(Piece::Str("\n"))?;
            } else if c == b'\r' {
                pending_cr = true;
            } else if c != b'\n' {
                // An ordinary byte: let the plain path take it (it may start a multibyte char).
                plain_start = i;
                continue;
            }
        } else if at_end {
            f(Piece::Str("\n"))?;
        } else {
            pending_cr = true;
        }
        i += 1;
        plain_start = i;
    }
    flush!(b.len());
    if pending_cr {
        f(Piece::Str("\r"))?;
    }
    ControlFlow::Continue(())
}

/// CDATA content: every `\r\n` and lone `\r` becomes `\n`, nothing else changes.
fn cdata<'a, B>(text: &'a str, f: &mut impl FnMut(Piece<'a>) -> ControlFlow<B>) -> ControlFlow<B> {
    let b = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while let Some(n) = memchr(b'\r', &b[i..]) {
        let cr = i + n;
        if start < cr {
            f(Piece::Str(text.get(start..cr).unwrap_or("")))?;
        }
        f(Piece::Str("\n"))?;
        i = if b.get(cr + 1) == Some(&b'\n') {
            cr + 2
        } else {
            cr + 1
        };
        start = i;
    }
    if start < b.len() {
        f(Piece::Str(text.get(start..).unwrap_or("")))?;
    }
    ControlFlow::Continue(())
}

/// Decodes the reference at the start of `b` (`&...;`), returning the character
/// and the bytes consumed. The parser has validated it; anything unexpected
/// yields a literal `&` so that decoding stays total.
pub(crate) fn reference(b: &[u8]) -> (char, usize) {
    parse_reference(b).unwrap_or(('&', 1))
}

/// Parses `&name;`, `&#123;` or `&#x1F;` with roxmltree's rules: a code point
/// that is not a Unicode scalar value (a surrogate, or above U+10FFFF) reads as
/// U+FFFD; one that does not fit in u32 is invalid. Returns None when invalid.
pub(crate) fn parse_reference(b: &[u8]) -> Option<(char, usize)> {
    if b.first() != Some(&b'&') {
        return None;
    }
    if b.get(1) == Some(&b'#') {
        let (radix, digits_start) = if b.get(2) == Some(&b'x') {
            (16, 3)
        } else {
            (10, 2)
        };
        let mut i = digits_start;
        let mut value: u32 = 0;
        while let Some(&c) = b.get(i) {
            let d = match (radix, c) {
                (_, b'0'..=b'9') => (c - b'0') as u32,
                (16, b'a'..=b'f') => (c - b'a' + 10) as u32,
                (16, b'A'..=b'F') => (c - b'A' + 10) as u32,
                _ => break,
            };
            value = value.checked_mul(radix)?.checked_add(d)?;
            i += 1;
        }
        if i == digits_start || b.get(i) != Some(&b';') {
            return None;
        }
        let ch = char::from_u32(value).unwrap_or('\u{FFFD}');
        if !crate::chars::is_xml_char(ch) {
            return None;
        }
        return Some((ch, i + 1));
    }
    let semi = memchr(b';', b)?;
    let ch = match &b[1..semi] {
        b"quot" => '"',
        b"amp" => '&',
        b"apos" => '\'',
        b"lt" => '<',
        b"gt" => '>',
        _ => return None,
    };
    Some((ch, semi + 1))
}

// ---------------------------------------------------------------------------
// JSON strings

/// Unescapes the inside of a validated JSON string literal.
fn json_string<'a, B>(
    raw: &'a str,
    f: &mut impl FnMut(Piece<'a>) -> ControlFlow<B>,
) -> ControlFlow<B> {
    let b = raw.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while let Some(n) = memchr(b'\\', &b[i..]) {
        let bs = i + n;
        if start < bs {
            f(Piece::Str(raw.get(start..bs).unwrap_or("")))?;
        }
        let (ch, len) = json_escape(&b[bs..]);
        f(Piece::Char(ch))?;
        i = bs + len;
        start = i;
    }
    if start < b.len() {
        f(Piece::Str(raw.get(start..).unwrap_or("")))?;
    }
    ControlFlow::Continue(())
}

/// Decodes one escape at the start of `b` (`\n`, `\u00e9`, a surrogate pair).
/// Invalid input (never produced by the validating parser) gives U+FFFD.
fn json_escape(b: &[u8]) -> (char, usize) {
    let simple = match b.get(1) {
        Some(b'"') => '"',
        Some(b'\\') => '\\',
        Some(b'/') => '/',
        Some(b'b') => '\u{8}',
        Some(b'f') => '\u{c}',
        Some(b'n') => '\n',
        Some(b'r') => '\r',
        Some(b't') => '\t',
        Some(b'u') => {
            let Some(hi) = hex4(b.get(2..6)) else {
                return ('\u{FFFD}', b.len().min(2));
            };
            if (0xD800..0xDC00).contains(&hi) && b.get(6) == Some(&b'\\') && b.get(7) == Some(&b'u')
            {
                if let Some(lo) = hex4(b.get(8..12)) {
                    if (0xDC00..0xE000).contains(&lo) {
                        let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                        return (char::from_u32(c).unwrap_or('\u{FFFD}'), 12);
                    }
                }
            }
            return (char::from_u32(hi).unwrap_or('\u{FFFD}'), 6);
        }
        _ => return ('\u{FFFD}', b.len().min(2)),
    };
    (simple, 2)
}

pub(crate) fn hex4(b: Option<&[u8]>) -> Option<u32> {
    let b = b?;
    let mut v = 0u32;
    for &c in b {
        v = v * 16 + (c as char).to_digit(16)?;
    }
    Some(v)
}

// ---------------------------------------------------------------------------
// Small byte search helpers, inline: most searches here end within a few
// bytes (a reference's `;`, an attribute's quote), where a call to the memchr
// crate's SIMD routines costs more than it saves. Long runs of text use the
// crate directly.

pub(crate) fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

pub(crate) fn memchr2(a: u8, b: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == a || c == b)
}

/// The first occurrence of `needle` in `hay`: candidates found by its first byte.
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let Some(&first) = needle.first() else {
        return Some(0);
    };
    let mut i = 0;
    while let Some(n) = memchr(first, hay.get(i..)?) {
        let at = i + n;
        if hay.get(at..at + needle.len()) == Some(needle) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}
