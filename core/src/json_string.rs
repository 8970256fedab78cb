//! Decoding the inside of a JSON string literal: its escapes, including
//! `\uXXXX` surrogate pairs.

use core::ops::ControlFlow;

use crate::piece::{Piece, split_runs};

/// Unescapes the inside of a validated JSON string literal.
pub(crate) fn json_string<'a, B>(
    raw: &'a str,
    f: &mut impl FnMut(Piece<'a>) -> ControlFlow<B>,
) -> ControlFlow<B> {
    split_runs(raw, b'\\', f, |at| {
        let (ch, len) = json_escape(at);
        (Piece::Char(ch), len)
    })
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
            if (0xD800..0xDC00).contains(&hi)
                && b.get(6) == Some(&b'\\')
                && b.get(7) == Some(&b'u')
                && let Some(lo) = hex4(b.get(8..12))
                && (0xDC00..0xE000).contains(&lo)
            {
                let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                return (char::from_u32(c).unwrap_or('\u{FFFD}'), 12);
            }
            return (char::from_u32(hi).unwrap_or('\u{FFFD}'), 6);
        }
        _ => return ('\u{FFFD}', b.len().min(2)),
    };
    (simple, 2)
}

fn hex4(b: Option<&[u8]>) -> Option<u32> {
    let b = b?;
    let mut v = 0u32;
    for &c in b {
        v = v * 16 + (c as char).to_digit(16)?;
    }
    Some(v)
}
