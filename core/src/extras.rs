//! Iterating the unknown children of an error element without allocating.

use crate::field::Field;
use crate::markup::{skip_markup, skip_tag};
use crate::value::{Value, ValueKind};

/// One direct child of the error element that is not one of the six fields
/// (or is a repeat of one), with its local name and value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Extra<'a> {
    /// The element's local name (namespace prefix removed).
    pub name: &'a str,
    /// Its value: the joined text of its descendants, decoded on demand.
    pub value: Value<'a>,
}

/// Iterator over [`Extra`]s; re-reads the (already validated) content of the
/// error element, so it holds no storage of its own.
#[derive(Clone, Debug)]
pub struct Extras<'a> {
    text: &'a str,
    pos: usize,
    seen: u32,
}

impl<'a> Extras<'a> {
    /// Iterates the children in `text`, the fields in `seen` having been
    /// taken already.
    pub(crate) fn new(text: &'a str, seen: u32) -> Self {
        Extras { text, pos: 0, seen }
    }

    /// Where the iteration stands: the part of the body still to read
    /// (offsets into the body passed to [`crate::parse_body`]) and the fields
    /// already met. With [`Extras::resume`], lets a caller that cannot hold
    /// an `Extras` (the C ABI) iterate in one pass over the body.
    #[doc(hidden)]
    pub fn state(&self, body: &[u8]) -> ExtrasState {
        let base = (self.text.as_ptr() as usize).wrapping_sub(body.as_ptr() as usize);
        let base = base.min(body.len());
        let end = (base + self.text.len()).min(body.len());
        ExtrasState {
            pos: (base + self.pos).min(end),
            end,
            seen: self.seen,
        }
    }

    /// Continues an iteration over `body` from a [`Extras::state`] taken on
    /// the same body. A state that does not fit the body yields nothing.
    #[doc(hidden)]
    pub fn resume(body: &'a [u8], state: ExtrasState) -> Self {
        let text = body
            .get(state.pos..state.end)
            .and_then(|b| core::str::from_utf8(b).ok())
            .unwrap_or("");
        Extras {
            text,
            pos: 0,
            seen: state.seen,
        }
    }
}

/// A paused [`Extras`] iteration: plain numbers, no borrow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExtrasState {
    /// Offset in the body of the next byte to read.
    pub pos: usize,
    /// Offset in the body where the error element's children end.
    pub end: usize,
    /// Bits of the fields (`Field::bit`) already met.
    pub seen: u32,
}

impl<'a> Iterator for Extras<'a> {
    type Item = Extra<'a>;

    fn next(&mut self) -> Option<Extra<'a>> {
        let b = self.text.as_bytes();
        loop {
            let rel = b.get(self.pos..)?.iter().position(|&c| c == b'<')?;
            let i = self.pos + rel;
            let rest = b.get(i..)?;
            if let Some(next) = skip_markup(b, i) {
                self.pos = next;
            } else if rest.starts_with(b"</") {
                // Not expected at depth 0 of validated content; stop safely.
                self.pos = b.len();
                return None;
            } else {
                let name = rest.get(1..).unwrap_or_default();
                let name_len = name
                    .iter()
                    .position(|&c| matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>'))
                    .unwrap_or(name.len());
                let qname = self.text.get(i + 1..i + 1 + name_len).unwrap_or("");
                let local = match qname.bytes().rposition(|c| c == b':') {
                    Some(colon) => qname.get(colon + 1..).unwrap_or_default(),
                    None => qname,
                };
                let tag_end = skip_tag(b, i);
                let self_closing = tag_end.checked_sub(2).and_then(|k| b.get(k)) == Some(&b'/');
                let (content_start, content_end, next) = if self_closing {
                    (tag_end, tag_end, tag_end)
                } else {
                    let (end, after) = matching_end(b, tag_end);
                    (tag_end, end, after)
                };
                self.pos = next;
                if let Some(f) = Field::from_xml_name(local.as_bytes())
                    && self.seen & f.bit() == 0
                {
                    self.seen |= f.bit();
                    continue;
                }
                let raw = self.text.get(content_start..content_end).unwrap_or("");
                return Some(Extra {
                    name: local,
                    value: Value::new(raw, ValueKind::XmlContent),
                });
            }
        }
    }
}

/// From just after a start tag, finds the `</` of its end tag and the index
/// after that end tag.
fn matching_end(b: &[u8], mut i: usize) -> (usize, usize) {
    let mut depth = 0usize;
    while let Some(rel) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'<')) {
        i += rel;
        let rest = b.get(i..).unwrap_or_default();
        if let Some(next) = skip_markup(b, i) {
            i = next;
        } else if rest.starts_with(b"</") {
            let after = skip_tag(b, i);
            if depth == 0 {
                return (i, after);
            }
            depth -= 1;
            i = after;
        } else {
            let after = skip_tag(b, i);
            if after.checked_sub(2).and_then(|k| b.get(k)) != Some(&b'/') {
                depth += 1;
            }
            i = after;
        }
    }
    (b.len(), b.len())
}
