//! Character data between markup, as both parsers check it: runs without a
//! byte that needs a look are skipped many bytes at a time; where there are
//! such bytes, they are taken one after the other from a mask of the
//! 32-byte window, so that a reference or a CR costs its own bytes and no
//! new search.

use super::is_nonchar;
use crate::bytes::{WINDOW, skip_while_not, stops32, swar_eq, swar_lt};
use crate::markup::parse_reference;
use crate::status::{ParseError, Reason};

/// Whether character data needs a look at `c`: the `<` that ends it, a
/// reference, a possible `]]>` or U+FFFE/U+FFFF, a CR (decoded as LF), a
/// control character other than tab and LF (those two are plain text, and
/// frequent).
#[inline(always)]
fn is_stop(c: u8) -> bool {
    (c == b'<')
        | (c == b'&')
        | (c == b']')
        | (c == 0xEF)
        | ((c < 0x20) & (c != b'\t') & (c != b'\n'))
}

/// [`is_stop`] for the eight bytes of a word, exact for the lowest stop
/// (but for tabs and LFs, which the window then passes over).
#[inline(always)]
fn is_stop_swar(x: u64) -> u64 {
    swar_eq(x, b'<') | swar_eq(x, b'&') | swar_eq(x, b']') | swar_eq(x, 0xEF) | swar_lt(x, 0x20)
}

/// Checks the character data from `b[i]` to the next `<`: XML characters,
/// well-formed references, no `]]>`. Returns where it ends (the `<`, or the
/// end of `b`); clears `plain` when the data is not its own value (it holds
/// a reference or a CR, which decoding changes).
#[inline(always)]
pub(super) fn char_data(b: &[u8], mut i: usize, plain: &mut bool) -> Result<usize, ParseError> {
    // Indentation between elements: a few spaces, tabs and newlines.
    while let Some(b' ' | b'\n' | b'\t') = b.get(i) {
        i += 1;
    }
    if b.get(i) == Some(&b'<') {
        return Ok(i);
    }
    // Most runs hold no stop but the `<` that ends them.
    i = skip_while_not(b, i, is_stop, is_stop_swar);
    if b.get(i) == Some(&b'<') {
        return Ok(i);
    }
    // This one holds more: window by window from its first stop.
    'window: while i < b.len() {
        let mut mask = stops32(b, i, is_stop);
        while mask != 0 {
            let at = i + mask.trailing_zeros() as usize;
            mask &= mask - 1;
            let Some(&c) = b.get(at) else {
                break 'window;
            };
            match c {
                b'<' => return Ok(at),
                b'&' => {
                    let Some((_, n)) = b.get(at..).and_then(parse_reference) else {
                        return fail(at, Reason::InvalidReference);
                    };
                    *plain = false;
                    // Stops inside the reference are none; past this window,
                    // the next window starts after it.
                    let next = at + n;
                    match (u32::MAX).checked_shl((next - i) as u32) {
                        Some(rest) if next - i < WINDOW => mask &= rest,
                        _ => {
                            i = next;
                            continue 'window;
                        }
                    }
                }
                b']' if b.get(at + 1..at + 3) == Some(b"]>") => {
                    return fail(at, Reason::InvalidCharData);
                }
                0xEF if is_nonchar(b, at) => return fail(at, Reason::InvalidChar),
                b']' | 0xEF => {}
                b'\r' => *plain = false,
                _ => return fail(at, Reason::InvalidChar),
            }
        }
        i += WINDOW;
    }
    Ok(b.len())
}

fn fail(offset: usize, reason: Reason) -> Result<usize, ParseError> {
    Err(ParseError { offset, reason })
}
