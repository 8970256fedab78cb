//! Field extraction from element events, shared by the general parser and
//! the fast path: which element is the error element, which of its children
//! are the six fields (the first of each name), where their content lies.

use crate::field::Field;
use crate::scan::{Scan, Span};
use crate::value::ValueKind;

/// What an element's local name means to the extraction.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Name {
    Field(Field),
    Error,
    ErrorResponse,
    Other,
}

impl Name {
    pub(super) fn of(local: &[u8]) -> Name {
        match local {
            b"Error" => Name::Error,
            b"ErrorResponse" => Name::ErrorResponse,
            _ => Field::from_xml_name(local).map_or(Name::Other, Name::Field),
        }
    }
}

/// What the root element turned out to be.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Root {
    None,
    Error,
    Wrapper,
    Other,
}

/// The extraction state; results go straight into the caller's [`Scan`].
pub(super) struct Extract<'s> {
    pub(super) scan: &'s mut Scan,
    root: Root,
    /// Depth of the error element (0 = not found yet / closed).
    error_depth: usize,
    /// Set once the wrapper's first `Error` child has been taken.
    error_done: bool,
    /// Fields whose first element has been opened (taken or in progress).
    claimed: u32,
    /// The field element currently open: field, content start.
    open_field: Option<(Field, usize)>,
    /// No reference, CR or markup seen since the open field element began,
    /// so its value is its raw text. The parsers clear it on those.
    pub(super) plain: bool,
    /// The error element's child being read: where its start tag begins,
    /// whether it is an extra, and the fields claimed before it.
    child: (usize, bool, u32),
}

impl<'s> Extract<'s> {
    /// Starts extracting into `scan`, which must be empty.
    pub(super) fn new(scan: &'s mut Scan) -> Self {
        Extract {
            scan,
            root: Root::None,
            error_depth: 0,
            error_done: false,
            claimed: 0,
            open_field: None,
            plain: true,
            child: (0, false, 0),
        }
    }

    /// A start tag with `name` opened an element at `depth` (1 = root); the
    /// tag spans `tag_start..pos`; `open` unless it was an empty-element tag.
    #[inline(always)]
    pub(super) fn on_start(
        &mut self,
        name: Name,
        depth: usize,
        open: bool,
        tag_start: usize,
        pos: usize,
    ) {
        self.plain = false;
        if depth == 1 {
            self.root = match name {
                Name::Error => Root::Error,
                Name::ErrorResponse => Root::Wrapper,
                _ => Root::Other,
            };
            if self.root == Root::Error {
                self.enter_error(depth, open, pos);
            }
            return;
        }
        if depth == 2 && self.root == Root::Wrapper && !self.error_done && name == Name::Error {
            self.enter_error(depth, open, pos);
            return;
        }
        if self.error_depth != 0 && depth == self.error_depth + 1 {
            let field = match name {
                Name::Field(f) if self.claimed & f.bit() == 0 => Some(f),
                _ => None,
            };
            self.child = (tag_start, field.is_none(), self.claimed);
            if let Some(f) = field {
                self.claimed |= f.bit();
                if open {
                    self.open_field = Some((f, pos));
                    self.plain = true;
                } else {
                    self.set_field(f, Span::new(pos, pos, ValueKind::XmlText));
                }
            }
            if !open {
                self.child_complete(pos);
            }
        }
    }

    fn enter_error(&mut self, depth: usize, open: bool, pos: usize) {
        self.scan.is_error_doc = true;
        self.error_done = true;
        if open {
            self.error_depth = depth;
            self.scan.children = Some((pos, pos));
        }
    }

    /// The element at `depth` closed with an end tag that starts at
    /// `tag_start` and ends at `pos`.
    #[inline(always)]
    pub(super) fn on_end(&mut self, tag_start: usize, pos: usize, depth: usize) {
        if self.error_depth == 0 {
            return;
        }
        if depth == self.error_depth + 1 {
            if let Some((f, content)) = self.open_field.take() {
                let kind = if self.plain {
                    ValueKind::XmlText
                } else {
                    ValueKind::XmlContent
                };
                self.set_field(f, Span::new(content, tag_start, kind));
            }
            self.child_complete(pos);
        } else if depth == self.error_depth {
            self.error_depth = 0;
        }
    }

    /// Records where field `f`'s value lies (only the body's six fields are
    /// ever claimed; any other has no slot).
    fn set_field(&mut self, f: Field, span: Span) {
        if let Some(slot) = self.scan.fields.get_mut(f as usize) {
            *slot = Some(span);
        }
    }

    /// A child of the error element ended at `pos`.
    fn child_complete(&mut self, pos: usize) {
        if let Some((_, end)) = &mut self.scan.children {
            *end = pos;
        }
        let (start, is_extra, claimed) = self.child;
        if is_extra && self.scan.first_extra.is_none() {
            self.scan.first_extra = Some((start, claimed));
        }
    }
}
