//! XML markup and references: skipping comments, CDATA sections, PIs and
//! tags inside validated element content, decoding entity and character
//! references, turning element content into its text exactly as roxmltree
//! builds its text nodes, and comparing attribute values as normalised.

use core::ops::ControlFlow;

use crate::bytes::{find, skip_while_not, swar_eq};
use crate::piece::{Piece, split_runs};

/// Decodes validated element content: the joined text of all descendant text
/// and CDATA nodes, exactly as roxmltree builds its text nodes.
pub(crate) fn xml_content<'a, B>(
    content: &'a str,
    f: &mut impl FnMut(Piece<'a>) -> ControlFlow<B>,
) -> ControlFlow<B> {
    let b = content.as_bytes();
    let mut i = 0;
    while let Some(rest) = b.get(i..).filter(|r| !r.is_empty()) {
        if rest.first() != Some(&b'<') {
            let end = memchr::memchr(b'<', rest).map_or(b.len(), |n| i + n);
            text_run(content.get(i..end).unwrap_or(""), f)?;
            i = end;
            continue;
        }
        if let Some(body) = rest.strip_prefix(b"<![CDATA[") {
            let body_start = i + 9;
            let end = find(body, b"]]>").map_or(b.len(), |n| body_start + n);
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
    let body = rest.get(open..).unwrap_or(&[]);
    Some(find(body, close).map_or(b.len(), |n| i + open + n + close.len()))
}

/// Skips a start or end tag beginning at `b[i] == '<'`, honouring quoted
/// attribute values (which may contain `>`). Returns the index after `>`.
pub(crate) fn skip_tag(b: &[u8], mut i: usize) -> usize {
    let mut quote = 0u8;
    i += 1;
    while let Some(&c) = b.get(i) {
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
    while let Some(&c) = b.get(i) {
        if c == b'&' {
            flush!(i);
            if pending_cr {
                pending_cr = false;
                f(Piece::Str("\r"))?;
            }
            let (ch, n) = reference(b.get(i..).unwrap_or(&[]));
            f(Piece::Char(ch))?;
            i += n;
            as_is = true;
            plain_start = i;
            continue;
        }
        if c != b'\r' && !pending_cr {
            // Plain text up to the next reference or CR.
            as_is = false;
            i = skip_while_not(
                b,
                i + 1,
                |c| (c == b'&') | (c == b'\r'),
                |x| swar_eq(x, b'&') | swar_eq(x, b'\r'),
            );
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
    split_runs(text, b'\r', f, |at| {
        let len = if at.get(1) == Some(&b'\n') { 2 } else { 1 };
        (Piece::Str("\n"), len)
    })
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
///
/// The five entity names are matched as byte patterns, not by searching for
/// the `;` first: a text checks and then decodes every reference, so this is
/// the hottest code of an entity-heavy body.
#[inline]
pub(crate) fn parse_reference(b: &[u8]) -> Option<(char, usize)> {
    // With eight bytes at hand, a named reference is one table look-up and
    // one word compare: no branch on which of the five it is, which in
    // entity-heavy text the processor could not predict.
    if let Some(word) = b.first_chunk::<8>() {
        let w = u64::from_le_bytes(*word);
        let key = (word[1] ^ word[2]) & 0x0F;
        if let Some(e) = NAMED.get(key as usize)
            && w & e.mask == e.word
        {
            return Some((e.ch, e.len));
        }
        if w & 0xFFFF != u16::from_le_bytes(*b"&#") as u64 {
            return None;
        }
    }
    match b {
        [b'&', b'l', b't', b';', ..] => Some(('<', 4)),
        [b'&', b'g', b't', b';', ..] => Some(('>', 4)),
        [b'&', b'a', b'm', b'p', b';', ..] => Some(('&', 5)),
        [b'&', b'q', b'u', b'o', b't', b';', ..] => Some(('"', 6)),
        [b'&', b'a', b'p', b'o', b's', b';', ..] => Some(('\'', 6)),
        [b'&', b'#', b'x', digits @ ..] => char_reference::<16>(digits, 3),
        [b'&', b'#', digits @ ..] => char_reference::<10>(digits, 2),
        _ => None,
    }
}

/// A named reference as a word to compare with: its bytes, the mask that
/// keeps that many, and what it stands for.
#[derive(Clone, Copy)]
struct Named {
    word: u64,
    mask: u64,
    ch: char,
    len: usize,
}

impl Named {
    const NONE: Named = Named {
        // Matches nothing: the first byte of a reference is `&`, never 0.
        word: 0,
        mask: 0xFF,
        ch: '&',
        len: 1,
    };

    const fn new(text: &[u8], ch: char) -> Named {
        let mut word = 0u64;
        let mut k = 0;
        while k < text.len() {
            word |= (text[k] as u64) << (8 * k);
            k += 1;
        }
        Named {
            word,
            mask: u64::MAX >> (64 - 8 * text.len()),
            ch,
            len: text.len(),
        }
    }
}

/// The five named references, by the low four bits of their second and
/// third bytes XORed (which differ for all five).
static NAMED: [Named; 16] = {
    let mut t = [Named::NONE; 16];
    let all = [
        Named::new(b"&lt;", '<'),
        Named::new(b"&gt;", '>'),
        Named::new(b"&amp;", '&'),
        Named::new(b"&quot;", '"'),
        Named::new(b"&apos;", '\''),
    ];
    let mut k = 0;
    while k < all.len() {
        let key = ((all[k].word >> 8) as u8 ^ (all[k].word >> 16) as u8) & 0x0F;
        t[key as usize] = all[k];
        k += 1;
    }
    t
};

/// The digits and `;` of a character reference whose `&#` or `&#x` took
/// `prefix` bytes: the character and the whole reference's length.
#[inline]
fn char_reference<const RADIX: u32>(digits: &[u8], prefix: usize) -> Option<(char, usize)> {
    let mut value: u32 = 0;
    let mut n = 0;
    for &c in digits {
        let Some(d) = (c as char).to_digit(RADIX) else {
            break;
        };
        value = value.checked_mul(RADIX)?.checked_add(d)?;
        n += 1;
    }
    if n == 0 || digits.get(n) != Some(&b';') {
        return None;
    }
    let ch = char::from_u32(value).unwrap_or('\u{FFFD}');
    if !crate::chars::is_xml_char(ch) {
        return None;
    }
    Some((ch, prefix + n + 1))
}

// ---------------------------------------------------------------------------
// Attribute values

/// Iterates the bytes of an attribute value after roxmltree's normalisation:
/// literal TAB/LF/CR become spaces (CR LF as one), references are decoded
/// and inserted as they are.
struct AttrBytes<'v> {
    v: &'v [u8],
    i: usize,
    buf: [u8; 4],
    buf_len: u8,
    buf_pos: u8,
}

impl<'v> AttrBytes<'v> {
    fn new(v: &'v [u8]) -> Self {
        AttrBytes {
            v,
            i: 0,
            buf: [0; 4],
            buf_len: 0,
            buf_pos: 0,
        }
    }
}

impl Iterator for AttrBytes<'_> {
    type Item = u8;

    fn next(&mut self) -> Option<u8> {
        if self.buf_pos < self.buf_len
            && let Some(&b) = self.buf.get(self.buf_pos as usize)
        {
            self.buf_pos += 1;
            return Some(b);
        }
        loop {
            let c = *self.v.get(self.i)?;
            if c == b'&'
                && let Some((ch, n)) = self.v.get(self.i..).and_then(parse_reference)
            {
                self.i += n;
                let len = ch.encode_utf8(&mut self.buf).len();
                self.buf_len = len as u8;
                self.buf_pos = 1;
                return self.buf.first().copied();
            }
            self.i += 1;
            return Some(match c {
                b'\r' if self.v.get(self.i) == Some(&b'\n') => continue,
                b'\n' | b'\r' | b'\t' => b' ',
                _ => c,
            });
        }
    }
}

/// Whether a raw attribute value normalises to `expected`.
pub(crate) fn attr_value_eq(raw: &[u8], expected: &[u8]) -> bool {
    AttrBytes::new(raw).eq(expected.iter().copied())
}

/// Whether two raw attribute values normalise to the same text.
pub(crate) fn attr_values_eq(a: &[u8], b: &[u8]) -> bool {
    AttrBytes::new(a).eq(AttrBytes::new(b))
}

#[cfg(test)]
mod tests {
    use super::parse_reference;

    /// The rule written out plainly: `&`, a name up to the first `;`, or
    /// `#` / `#x` digits and `;`, the value fitting in u32.
    fn by_the_rule(b: &[u8]) -> Option<(char, usize)> {
        let semi = b.iter().position(|&c| c == b';')?;
        let name = core::str::from_utf8(b.get(1..semi)?).ok()?;
        let ch = match name {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let (digits, radix) = match name.strip_prefix("#x") {
                    Some(hex) => (hex, 16),
                    None => (name.strip_prefix('#')?, 10),
                };
                if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
                    return None;
                }
                let v = u32::from_str_radix(digits, radix).ok()?;
                let ch = char::from_u32(v).unwrap_or('\u{FFFD}');
                if !crate::chars::is_xml_char(ch) {
                    return None;
                }
                ch
            }
        };
        (b.first() == Some(&b'&')).then_some((ch, semi + 1))
    }

    #[test]
    fn named_and_numeric_references_follow_the_rule() {
        let table: &[&[u8]] = &[
            b"&lt;",
            b"&gt;x",
            b"&amp;;",
            b"&quot;",
            b"&apos;",
            b"&lt",
            b"&ltx;",
            b"&Lt;",
            b"&amp",
            b"&am;",
            b"&;",
            b"&",
            b"&#;",
            b"&#x;",
            b"&#60;",
            b"&#x3C;",
            b"&#x3c;",
            b"&#X3C;",
            b"&#0;",
            b"&#9;",
            b"&#13;",
            b"&#xD800;",
            b"&#x110000;",
            b"&#xFFFE;",
            b"&#xFFFD;",
            b"&#4294967295;",
            b"&#4294967296;",
            b"&#xFFFFFFFF;",
            b"&#x100000000;",
            b"&#0000000000000065;",
            b"&#6a;",
            b"&#x6g;",
            b"&#-1;",
            b"&# 65;",
            b"lt;",
        ];
        // Each alone and followed by more text (the word-at-a-time path).
        let mut padded = [b'x'; 32];
        for b in table {
            assert_eq!(parse_reference(b), by_the_rule(b), "{:?}", b);
            padded[..b.len()].copy_from_slice(b);
            let p = &padded[..b.len() + 8];
            assert_eq!(parse_reference(p), by_the_rule(p), "{:?}", p);
        }
        assert_eq!(parse_reference(b"&#x1F600;"), Some(('\u{1F600}', 9)));
        assert_eq!(parse_reference(b"&#xD800;"), Some(('\u{FFFD}', 8)));
        // Every short string over the bytes references are made of.
        let alphabet = b"&#x;0179aAfFgltmpquos";
        let mut buf = [0u8; 5];
        for n in 1..=5usize {
            let total = alphabet.len().pow(n as u32);
            for mut k in 0..total {
                for slot in buf.iter_mut().take(n) {
                    *slot = alphabet[k % alphabet.len()];
                    k /= alphabet.len();
                }
                let mut b = [b'&'; 6];
                b[1..=n].copy_from_slice(&buf[..n]);
                let b = &b[..=n];
                assert_eq!(parse_reference(b), by_the_rule(b), "{:?}", b);
                let mut p = [b';'; 14];
                p[..b.len()].copy_from_slice(b);
                assert_eq!(parse_reference(&p), by_the_rule(&p), "{:?}", p);
            }
        }
    }
}
