//! The fast path for plain documents: what COS actually sends.
//!
//! A plain document is an optional common XML declaration, whitespace, and
//! one element tree whose tags are `<name>`, `<name/>` and `</name>` with
//! ASCII names and no attributes, whose text holds valid references and no
//! `]]>`, and nothing else (no comments, PIs, CDATA, DOCTYPE, prefixes,
//! spaces inside tags, deeper nesting than [`DEPTH`]). Every such document
//! is well-formed exactly when this scan accepts it, so the scan either
//! fills in the same [`Scan`] the general parser would, or declines and the
//! general parser (the reference) takes the document from the start.
//!
//! It exists for speed: a single loop with its state in locals, instead of
//! the general parser's storage for attributes and namespaces.

use super::extract::{Extract, Name};
use super::{ASCII_NAME, COMMON_DECLARATIONS, is_nonchar};
use crate::bytes::{WordName, load_word, skip_chunks_without, skip_while_not, swar_eq};
use crate::chars::{is_ascii_name_start, is_space};
use crate::field::Field;
use crate::markup::parse_reference;
use crate::scan::Scan;

/// Open elements the fast path keeps track of; deeper documents take the
/// general path.
const DEPTH: usize = 16;

/// Scans a plain document that starts at `text[start]` (a `<`) into `out`
/// (which must be empty); false when the document is not plain (or not
/// well-formed), leaving `out` to be reset.
pub(super) fn scan(text: &str, start: usize, out: &mut Scan) -> bool {
    scan_into(text, start, &mut Extract::new(out)).is_some()
}

fn scan_into(text: &str, start: usize, out: &mut Extract<'_>) -> Option<()> {
    let b = text.as_bytes();
    let mut i = start;
    if b.get(i..)?.starts_with(b"<?xml ") {
        let decl = COMMON_DECLARATIONS
            .iter()
            .find(|d| b.get(i..).is_some_and(|r| r.starts_with(d)))?;
        i += decl.len();
        while b.get(i).is_some_and(|&c| is_space(c)) {
            i += 1;
        }
    }

    if b.get(i) != Some(&b'<') {
        return None;
    }
    // Most bodies have nothing in their text that needs a look but `<`: one
    // vectorised pass says so, and then text runs are just searched for `<`.
    let clean = !any_unclean(&b[i..]);
    let text = |i: usize, plain: &mut bool| {
        if clean {
            clean_text_run(b, i)
        } else {
            text_run(b, i, plain)
        }
    };
    // Open elements as (name start, name end).
    let mut stack = [(0usize, 0usize); DEPTH];
    let mut depth = 0usize;
    loop {
        // b[i] is '<'.
        if b.get(i + 1) == Some(&b'/') {
            let (name_start, name_end) = *stack.get(depth.checked_sub(1)?)?;
            let tag = i;
            i = end_tag(b, i, name_start, name_end)?;
            out.on_end(tag, i, depth);
            depth -= 1;
            if depth == 0 {
                break;
            }
            i = text(i, &mut out.plain)?;
            continue;
        }
        let name_start = i + 1;
        let (j, name) = match known_name(b, name_start) {
            Some((len, name)) => (name_start + len, name),
            None => {
                if !b
                    .get(name_start)
                    .is_some_and(|&c| is_ascii_name_start(c) && c != b':')
                {
                    return None;
                }
                let mut j = name_start + 1;
                while b.get(j).is_some_and(|&c| ASCII_NAME[c as usize]) {
                    j += 1;
                }
                (j, Name::of(&b[name_start..j]))
            }
        };
        let open = match b.get(j) {
            Some(b'>') => true,
            Some(b'/') if b.get(j + 1) == Some(&b'>') => false,
            _ => return None,
        };
        i = j + if open { 1 } else { 2 };
        out.on_start(name, depth + 1, open, name_start - 1, i);
        if !open {
            if depth == 0 {
                break;
            }
            i = text(i, &mut out.plain)?;
            continue;
        }
        i = text(i, &mut out.plain)?;
        // Most elements hold only text: their end tag comes next. Taking it
        // here, where that is the usual case, keeps the branch predictable.
        if b.get(i + 1) == Some(&b'/') {
            let tag = i;
            i = end_tag(b, i, name_start, j)?;
            out.on_end(tag, i, depth + 1);
            if depth == 0 {
                break;
            }
            i = text(i, &mut out.plain)?;
            continue;
        }
        *stack.get_mut(depth)? = (name_start, j);
        depth += 1;
    }
    while b.get(i).is_some_and(|&c| is_space(c)) {
        i += 1;
    }
    (i == b.len()).then_some(())
}

/// Character data from `i` to the next `<`: valid references, no `]]>`, no
/// control characters but whitespace, no U+FFFE/U+FFFF. Returns the position
/// of the `<`; clears `plain` when the data is not its own value (a
/// reference or a CR, which decoding changes).
#[inline(always)]
fn text_run(b: &[u8], mut i: usize, plain: &mut bool) -> Option<usize> {
    // Indentation between elements: a few spaces, tabs and newlines.
    while let Some(b' ' | b'\n' | b'\t') = b.get(i) {
        i += 1;
    }
    loop {
        i = next_special(b, i);
        match *b.get(i)? {
            b'<' => return Some(i),
            b'\r' => {
                *plain = false;
                i += 1;
            }
            b'&' => {
                let (_, n) = parse_reference(&b[i..])?;
                *plain = false;
                i += n;
            }
            b']' if b.get(i + 1..i + 3) == Some(b"]>") => return None,
            0xEF if is_nonchar(b, i) => return None,
            b']' | 0xEF => i += 1,
            _ => return None,
        }
    }
}

/// A name COS sends, followed by the `>` that ends its start tag, and
/// what it names.
struct KnownName {
    len: usize,
    name: Name,
    word: WordName,
}

impl KnownName {
    const fn new(name_and_gt: &[u8], name: Name) -> Self {
        KnownName {
            len: name_and_gt.len() - 1,
            name,
            word: WordName::exact(name_and_gt),
        }
    }
}

const CODE: KnownName = KnownName::new(b"Code>", Name::Field(Field::Code));
const MESSAGE: KnownName = KnownName::new(b"Message>", Name::Field(Field::Message));
const RESOURCE: KnownName = KnownName::new(b"Resource>", Name::Field(Field::Resource));
const REQUEST_ID: KnownName = KnownName::new(b"RequestId>", Name::Field(Field::RequestId));
const TRACE_ID: KnownName = KnownName::new(b"TraceId>", Name::Field(Field::TraceId));
const SERVER_TIME: KnownName = KnownName::new(b"ServerTime>", Name::Field(Field::ServerTime));
const ERROR: KnownName = KnownName::new(b"Error>", Name::Error);
const ERROR_RESPONSE: KnownName = KnownName::new(b"ErrorResponse>", Name::ErrorResponse);

/// Recognises the start-tag names COS sends at `b[at]` (each a valid name
/// followed by `>`) with two word compares instead of a loop over its bytes:
/// the name's length and meaning. None for any other name (the caller then
/// reads it byte by byte).
#[inline(always)]
fn known_name(b: &[u8], at: usize) -> Option<(usize, Name)> {
    let candidates: &[KnownName] = match b.get(at)? {
        b'C' => &[CODE],
        b'M' => &[MESSAGE],
        b'R' => &[RESOURCE, REQUEST_ID],
        b'T' => &[TRACE_ID],
        b'S' => &[SERVER_TIME],
        b'E' => &[ERROR, ERROR_RESPONSE],
        _ => return None,
    };
    let (lo, hi) = (load_word(b, at), load_word(b, at + 8));
    candidates
        .iter()
        .find(|k| k.word.matches(lo, hi) && at + k.len < b.len())
        .map(|k| (k.len, k.name))
}

/// Whether `b[x..x + n]` equals `b[y..y + n]` (x < y, both in bounds when
/// true). Names are short, so two overlapping word compares beat a call to
/// memcmp.
#[inline(always)]
fn same_name(b: &[u8], x: usize, y: usize, n: usize) -> bool {
    fn word<const W: usize>(b: &[u8], at: usize) -> [u8; W] {
        b.get(at..at + W)
            .and_then(|w| w.try_into().ok())
            .unwrap_or([0; W])
    }
    if y + n > b.len() {
        return false;
    }
    match n {
        8..=16 => word::<8>(b, x) == word(b, y) && word::<8>(b, x + n - 8) == word(b, y + n - 8),
        4..=7 => word::<4>(b, x) == word(b, y) && word::<4>(b, x + n - 4) == word(b, y + n - 4),
        _ => b.get(x..x + n) == b.get(y..y + n),
    }
}

/// The end tag at `b[i]` (`</`), which must close the element whose name is
/// `b[name_start..name_end]`: the position after it.
#[inline(always)]
fn end_tag(b: &[u8], i: usize, name_start: usize, name_end: usize) -> Option<usize> {
    let len = name_end - name_start;
    let after = i + 2 + len;
    (b.get(after) == Some(&b'>') && same_name(b, name_start, i + 2, len)).then_some(after + 1)
}

/// A text run of a document without special bytes: up to the next `<`.
#[inline(always)]
fn clean_text_run(b: &[u8], mut i: usize) -> Option<usize> {
    // Indentation between elements: a few spaces, tabs and newlines.
    while let Some(b' ' | b'\n' | b'\t') = b.get(i) {
        i += 1;
    }
    if b.get(i) == Some(&b'<') {
        return Some(i);
    }
    find_lt(b, i)
}

/// The first `<` at or after `i`. Runs are short (tens of bytes), where a
/// call into a SIMD library costs more than it saves.
#[inline(always)]
fn find_lt(b: &[u8], i: usize) -> Option<usize> {
    let at = skip_while_not(b, i, |c| c == b'<', |x| swar_eq(x, b'<'));
    (at < b.len()).then_some(at)
}

/// Whether character data needs a look at `c` (beyond `<`): a reference, a
/// possible `]]>` or U+FFFE/U+FFFF, a CR (decoded as LF), a control
/// character other than tab and LF (those two are plain text, and frequent).
#[inline(always)]
fn is_special(c: u8) -> bool {
    (c == b'&') | (c == b']') | (c == 0xEF) | ((c < 0x20) & (c.wrapping_sub(9) > 1))
}

/// Whether a clean document may not hold `c`: a special byte or, to keep
/// the test to a few SIMD operations, any non-ASCII byte (such documents are
/// checked run by run instead). Tabs are clean: COS indents with them.
#[inline(always)]
fn is_unclean(c: u8) -> bool {
    // As i8, the bytes below 0x20 and from 0x80 up are those below 0x20.
    (((c as i8) < 0x20) & (c != b'\t') & (c != b'\n')) | (c == b'&') | (c == b']')
}

/// Whether any byte of `b` is special or not ASCII. Branch-free within 64-byte chunks,
/// which the compiler turns into SIMD compares with one reduction per chunk.
fn any_unclean(b: &[u8]) -> bool {
    fn chunk_unclean(chunk: &[u8]) -> bool {
        let mut lanes = 0u8;
        for &c in chunk {
            lanes |= is_unclean(c) as u8;
        }
        lanes != 0
    }
    let chunks = b.chunks_exact(64);
    let tail = chunks.remainder();
    let mut any = false;
    for chunk in chunks {
        any |= chunk_unclean(chunk);
    }
    if tail.is_empty() {
        return any;
    }
    // The last 64 bytes again (overlapping the last whole chunk), or for a
    // short input, the input padded with spaces.
    match b.len().checked_sub(64) {
        Some(from) => any | chunk_unclean(&b[from..]),
        None => {
            let mut last = [b' '; 64];
            if let Some(dst) = last.get_mut(..b.len()) {
                dst.copy_from_slice(b);
            }
            chunk_unclean(&last)
        }
    }
}

/// The first byte at or after `i` that is `<` or special (or `b.len()`):
/// whole chunks skipped with SIMD compares, then byte by byte (a word-wise
/// search could not leave tabs and LFs out exactly).
#[inline(always)]
fn next_special(b: &[u8], i: usize) -> usize {
    let stop = |c: u8| (c == b'<') | is_special(c);
    let mut i = skip_chunks_without(b, i, stop);
    while let Some(&c) = b.get(i) {
        if stop(c) {
            return i;
        }
        i += 1;
    }
    i
}

#[cfg(test)]
#[path = "plain_tests.rs"]
mod tests;
