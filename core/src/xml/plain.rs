//! The fast path for plain documents: what COS actually sends.
//!
//! A plain document is an optional common XML declaration, whitespace and
//! comments, and one element tree whose tags are `<name attr="value">`,
//! `<name/>` and `</name>` with ASCII names without a prefix (attributes,
//! `xmlns="..."` among them, up to [`ATTRIBUTES`] a tag), whose text holds
//! valid references and no `]]>`, with comments and CDATA sections between,
//! and nothing else (no PIs, DOCTYPE, prefixes, deeper nesting than
//! [`DEPTH`]). Every such document is well-formed exactly when this scan
//! accepts it, so the scan either fills in the same [`Scan`] the general
//! parser would, or declines and the general parser (the reference) takes
//! the document from the start.
//!
//! It exists for speed: a single loop with its state in locals, instead of
//! the general parser's storage for attributes and namespaces.

use super::extract::{Extract, Name};
use super::text::char_data;
use super::{
    ASCII_NAME, COMMON_DECLARATIONS, NS_XML_URI, NS_XMLNS_URI, first_bad_char, is_nonchar,
};
use crate::bytes::{WordName, find, load_word, skip_while_not, swar_eq};
use crate::chars::{is_ascii_name_start, is_space};
use crate::field::Field;
use crate::markup::{attr_value_eq, parse_reference};
use crate::scan::Scan;

/// Open elements the fast path keeps track of; deeper documents take the
/// general path.
const DEPTH: usize = 16;

/// Attributes of one start tag the fast path keeps track of (to reject a
/// duplicate); tags with more take the general path.
const ATTRIBUTES: usize = 8;

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
    }
    i = misc(b, i, out)?;
    if b.get(i) != Some(&b'<') {
        return None;
    }
    // Most bodies have nothing in their text that needs a look but `<`: one
    // vectorised pass says so, and then text runs are just searched for `<`.
    let clean = !any_unclean(b.get(i..)?);
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
        if b.get(i + 1) == Some(&b'!') {
            // A comment or CDATA section inside the root (the root's own
            // start tag cannot begin so).
            if depth == 0 {
                return None;
            }
            i = markup(b, i)?;
            out.plain = false;
            i = text(i, &mut out.plain)?;
            continue;
        }
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
                (j, Name::of(b.get(name_start..j)?))
            }
        };
        let open;
        (i, open) = match b.get(j) {
            Some(b'>') => (j + 1, true),
            Some(b'/') if b.get(j + 1) == Some(&b'>') => (j + 2, false),
            Some(&c) if is_space(c) => attributes(b, j)?,
            _ => return None,
        };
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
    i = misc(b, i, out)?;
    (i == b.len()).then_some(())
}

/// Whitespace and comments around the root element, from `i`: the position
/// after them.
#[inline(always)]
fn misc(b: &[u8], mut i: usize, out: &mut Extract<'_>) -> Option<usize> {
    loop {
        while b.get(i).is_some_and(|&c| is_space(c)) {
            i += 1;
        }
        if !b.get(i..)?.starts_with(b"<!--") {
            return Some(i);
        }
        i = markup(b, i)?;
        out.plain = false;
    }
}

/// The comment or CDATA section at `b[i]` (`<!`): the position after it.
/// None for any other `<!`, or one that is not well-formed.
#[inline(never)]
fn markup(b: &[u8], i: usize) -> Option<usize> {
    let rest = b.get(i..)?;
    let (open, close): (usize, &[u8]) = if rest.starts_with(b"<!--") {
        (4, b"--")
    } else if rest.starts_with(b"<![CDATA[") {
        (9, b"]]>")
    } else {
        return None;
    };
    let body = rest.get(open..)?;
    let n = find(body, close)?;
    if first_bad_char(body.get(..n)?).is_some() {
        return None;
    }
    let after = i + open + n + close.len();
    if open == 4 {
        // `--` must end the comment.
        return (b.get(after) == Some(&b'>')).then_some(after + 1);
    }
    Some(after)
}

/// The attributes of a start tag, from the space after its name at `b[i]`:
/// the position after the tag, and whether it opens an element (not `/>`).
/// None when a name has a prefix, a name repeats, a namespace declaration
/// binds a reserved URI, or anything is not well-formed (the general parser
/// then says what).
#[inline(never)]
fn attributes(b: &[u8], mut i: usize) -> Option<(usize, bool)> {
    let mut names: [&[u8]; ATTRIBUTES] = [&[]; ATTRIBUTES];
    let mut count = 0;
    loop {
        let spaced = b.get(i).is_some_and(|&c| is_space(c));
        while b.get(i).is_some_and(|&c| is_space(c)) {
            i += 1;
        }
        match *b.get(i)? {
            b'>' => return Some((i + 1, true)),
            b'/' => return (b.get(i + 1) == Some(&b'>')).then_some((i + 2, false)),
            c if spaced && is_ascii_name_start(c) && c != b':' => {}
            _ => return None,
        }
        let name_start = i;
        i += 1;
        while b.get(i).is_some_and(|&c| ASCII_NAME[c as usize]) {
            i += 1;
        }
        let name = b.get(name_start..i)?;
        while b.get(i).is_some_and(|&c| is_space(c)) {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            return None;
        }
        i += 1;
        while b.get(i).is_some_and(|&c| is_space(c)) {
            i += 1;
        }
        let quote = match *b.get(i)? {
            q @ (b'"' | b'\'') => q,
            _ => return None,
        };
        i += 1;
        let value_start = i;
        let literal = attribute_value(b, &mut i, quote)?;
        let value = b.get(value_start..i)?;
        i += 1;
        if name == b"xmlns" && reserved_namespace(value, literal) {
            return None;
        }
        if names.get(..count)?.contains(&name) {
            return None;
        }
        *names.get_mut(count)? = name;
        count += 1;
    }
}

/// Reads an attribute value from `b[*i]` up to its closing `quote`, where
/// it leaves `*i`: XML characters, well-formed references, no `<`. Whether
/// the value is literal (its own normalised value: no reference, tab, LF or
/// CR) is the answer; None when the value is not well-formed.
#[inline(always)]
fn attribute_value(b: &[u8], i: &mut usize, quote: u8) -> Option<bool> {
    let mut literal = true;
    loop {
        let c = *b.get(*i)?;
        if !ATTRIBUTE_STOP[c as usize] {
            *i += 1;
            continue;
        }
        match c {
            _ if c == quote => return Some(literal),
            b'"' | b'\'' => *i += 1,
            b'&' => {
                let (_, n) = b.get(*i..).and_then(parse_reference)?;
                literal = false;
                *i += n;
            }
            b'\t' | b'\n' | b'\r' => {
                literal = false;
                *i += 1;
            }
            0xEF if !is_nonchar(b, *i) => *i += 1,
            _ => return None,
        }
    }
}

/// The bytes of an attribute value that need a look: either quote, `<`,
/// `&`, control characters and the first byte of U+FFFE/U+FFFF.
static ATTRIBUTE_STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = c < 0x20 || matches!(c as u8, b'"' | b'\'' | b'<' | b'&' | 0xEF);
        c += 1;
    }
    t
};

/// Whether an `xmlns` value binds a URI no default namespace may have.
fn reserved_namespace(value: &[u8], literal: bool) -> bool {
    if literal {
        value == NS_XML_URI || value == NS_XMLNS_URI
    } else {
        attr_value_eq(value, NS_XML_URI) || attr_value_eq(value, NS_XMLNS_URI)
    }
}

/// Character data from `i` to the next `<` (see [`char_data`]): None when
/// it is not well-formed or the input ends first. Out of line: the clean
/// path, inlined at each call, is the one that must stay short.
#[inline(never)]
fn text_run(b: &[u8], i: usize, plain: &mut bool) -> Option<usize> {
    char_data(b, i, plain).ok().filter(|&end| end < b.len())
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

/// Whether a clean document may not hold `c`: a special byte. Other
/// non-ASCII bytes are clean (the input is valid UTF-8, and only U+FFFE and
/// U+FFFF, which begin with 0xEF, are not XML characters); so are tabs: COS
/// indents with them.
#[inline(always)]
fn is_unclean(c: u8) -> bool {
    ((c < 0x20) & (c != b'\t') & (c != b'\n')) | (c == b'&') | (c == b']') | (c == 0xEF)
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
    for chunk in chunks {
        if chunk_unclean(chunk) {
            return true;
        }
    }
    if tail.is_empty() {
        return false;
    }
    // The last 64 bytes again (overlapping the last whole chunk), or for a
    // short input, the input padded with spaces.
    match b.len().checked_sub(64) {
        Some(from) => chunk_unclean(b.get(from..).unwrap_or(&[])),
        None => {
            let mut last = [b' '; 64];
            if let Some(dst) = last.get_mut(..b.len()) {
                dst.copy_from_slice(b);
            }
            chunk_unclean(&last)
        }
    }
}

#[cfg(test)]
#[path = "plain_tests.rs"]
mod tests;
