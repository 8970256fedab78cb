//! The XML scanner: one pass, fixed storage, roxmltree's exact verdict.
//!
//! The control flow follows roxmltree 0.21's tokenizer and tree builder step
//! by step (declaration, misc, DOCTYPE refusal, root element, content, misc),
//! including its quirks, because "the reference is roxmltree" is the contract:
//! an XML declaration is recognised only as `<?xml ` with a space; `<?xml?>` is
//! an ordinary PI; a qualified name may have an empty prefix (`<:a>`); the
//! `xml:` prefix is predefined for attributes but not for elements; a character
//! reference to a surrogate or beyond U+10FFFF reads as U+FFFD.
//!
//! While checking, it records where the error element's fields and children
//! are, so that values can be decoded later without a second parse.

use crate::bytes::{find, memchr, memchr2, skip_while_not, swar_eq, swar_lt};
use crate::chars::{
    is_ascii_name_char, is_ascii_name_start, is_name_char, is_name_start, is_space,
};
use crate::markup::{attr_value_eq, attr_values_eq, parse_reference};
use crate::scan::Scan;
use crate::status::{ParseError, Reason};
use crate::{MAX_ATTRIBUTES, MAX_DEPTH, MAX_NAMESPACES};

const NS_XML_URI: &[u8] = b"http://www.w3.org/XML/1998/namespace";
const NS_XMLNS_URI: &[u8] = b"http://www.w3.org/2000/xmlns/";

type Result<T> = core::result::Result<T, ParseError>;

mod extract;
mod plain;
mod text;

use extract::{Extract, Name};

/// Scans the XML document that starts at `text[start]` (a `<`) into `out`.
///
/// A plain document (what COS sends: elements and text only) is taken by
/// the fast path in [`plain`]; any other goes to the general parser, whose
/// first attempt uses small fixed storage, which every real COS body fits
/// (and which costs almost nothing to set up); a document that needs more is
/// scanned again with storage for the documented limits. Each fallback starts
/// over at most once, so time stays linear.
pub(crate) fn scan(text: &str, start: usize, out: &mut Scan) {
    if plain::scan(text, start, out) {
        return;
    }
    *out = Scan::new();
    let mut small = Storage::<16, 8, 8>::new();
    if !small.parser(text, start, out).run() {
        *out = Scan::new();
        scan_large(text, start, out);
    }
}

#[inline(never)]
fn scan_large(text: &str, start: usize, out: &mut Scan) {
    // With storage for the documented limits, storage never runs out first.
    let mut large = Storage::<MAX_DEPTH, MAX_ATTRIBUTES, MAX_NAMESPACES>::new();
    large.parser(text, start, out).run();
}

/// The parser's storage, on the caller's stack: room for `D` open
/// elements, `A` attributes on one tag and `N` namespace bindings in scope.
/// The parser itself sees slices, so that one copy of its code serves both
/// sizes.
struct Storage<const D: usize, const A: usize, const N: usize> {
    stack: [QName; D],
    bindings: [Binding; N],
    attrs: [QName; A],
}

impl<const D: usize, const A: usize, const N: usize> Storage<D, A, N> {
    fn new() -> Self {
        Storage {
            stack: [QName::default(); D],
            bindings: [Binding::default(); N],
            attrs: [QName::default(); A],
        }
    }

    fn parser<'a, 's, 'm>(
        &'m mut self,
        text: &'a str,
        start: usize,
        out: &'s mut Scan,
    ) -> Parser<'a, 's, 'm> {
        Parser::new(
            text,
            start,
            out,
            &mut self.stack,
            &mut self.bindings,
            &mut self.attrs,
        )
    }
}

/// A byte range `[start, end)` of the input.
#[derive(Clone, Copy, Default, Debug)]
struct Range {
    start: u32,
    end: u32,
}

/// A qualified name: `prefix` is empty when there is no colon (or `:local`).
#[derive(Clone, Copy, Default, Debug)]
struct QName {
    prefix: Range,
    local: Range,
}

/// A prefixed namespace declaration in scope.
#[derive(Clone, Copy, Default, Debug)]
struct Binding {
    prefix: Range,
    uri: Range,
    /// Depth of the element that declared it (1 = root).
    depth: u32,
}

/// The namespace an attribute name resolved to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ns {
    None,
    Xml,
    Binding(usize),
}

/// How the start tag ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum TagEnd {
    Open,
    Empty,
}

/// The scanner, over the storage a [`Storage`] lends it.
struct Parser<'a, 's, 'm> {
    s: &'a str,
    b: &'a [u8],
    pos: usize,
    /// Open elements: their qualified names, innermost last.
    stack: &'m mut [QName],
    depth: usize,
    bindings: &'m mut [Binding],
    nbindings: usize,
    /// Ordinary attributes of the start tag being read.
    attrs: &'m mut [QName],
    nattrs: usize,
    /// Storage ran out before a documented limit did: scan again, larger.
    retry: bool,
    root_seen: bool,
    out: Extract<'s>,
}

fn err<T>(offset: usize, reason: Reason) -> Result<T> {
    Err(ParseError { offset, reason })
}

impl<'a, 's, 'm> Parser<'a, 's, 'm> {
    fn new(
        s: &'a str,
        start: usize,
        out: &'s mut Scan,
        stack: &'m mut [QName],
        bindings: &'m mut [Binding],
        attrs: &'m mut [QName],
    ) -> Self {
        Parser {
            s,
            b: s.as_bytes(),
            pos: start,
            stack,
            depth: 0,
            bindings,
            nbindings: 0,
            attrs,
            nattrs: 0,
            retry: false,
            root_seen: false,
            out: Extract::new(out),
        }
    }

    /// Scans the document into the output; false when the storage was too
    /// small (the output is then to be discarded).
    fn run(&mut self) -> bool {
        if let Err(e) = self.document() {
            if self.retry {
                return false;
            }
            self.out.scan.error = Some(e);
        }
        true
    }

    /// Storage of capacity `cap` (the documented limit being `limit`) is full.
    fn full<T>(&mut self, offset: usize, cap: usize, limit: usize) -> Result<T> {
        if cap < limit {
            self.retry = true;
        }
        err(offset, Reason::LimitExceeded)
    }

    // -- stream primitives -------------------------------------------------

    #[inline]
    fn at_end(&self) -> bool {
        self.pos >= self.b.len()
    }

    #[inline]
    fn cur(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    #[inline]
    fn starts_with(&self, pat: &[u8]) -> bool {
        self.b.get(self.pos..).is_some_and(|r| r.starts_with(pat))
    }

    #[inline]
    fn skip_spaces(&mut self) {
        while self.cur().is_some_and(is_space) {
            self.pos += 1;
        }
    }

    /// An error at the current position: end of input if we are there.
    fn fail<T>(&self, reason: Reason) -> Result<T> {
        if self.at_end() {
            err(self.pos, Reason::UnexpectedEof)
        } else {
            err(self.pos, reason)
        }
    }

    fn expect_byte(&mut self, c: u8) -> Result<()> {
        if self.cur() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            self.fail(Reason::InvalidSyntax)
        }
    }

    fn expect_str(&mut self, pat: &[u8]) -> Result<()> {
        if self.starts_with(pat) {
            self.pos += pat.len();
            Ok(())
        } else if self.b.len().saturating_sub(self.pos) < pat.len() && pat.starts_with(self.rest())
        {
            err(self.b.len(), Reason::UnexpectedEof)
        } else {
            err(self.pos, Reason::InvalidSyntax)
        }
    }

    /// The input from the current position.
    fn rest(&self) -> &'a [u8] {
        self.b.get(self.pos..).unwrap_or(&[])
    }

    fn slice(&self, r: Range) -> &'a [u8] {
        self.b.get(r.start as usize..r.end as usize).unwrap_or(&[])
    }

    fn range_from(&self, start: usize) -> Range {
        Range {
            start: start as u32,
            end: self.pos as u32,
        }
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.s.get(i..).and_then(|r| r.chars().next())
    }

    // -- character data ------------------------------------------------------

    /// Checks that `[from, to)` holds only XML characters. The input is valid
    /// UTF-8, so only control bytes and U+FFFE/U+FFFF (EF BF BE/BF) can fail.
    fn check_chars(&self, from: usize, to: usize) -> Result<()> {
        match first_bad_char(self.b.get(from..to).unwrap_or(&[])) {
            Some(i) => err(from + i, Reason::InvalidChar),
            None => Ok(()),
        }
    }

    /// Advances to the first occurrence of `pat`, checking characters on the
    /// way; the position is left at the pattern. Used for comments, PIs, CDATA.
    fn until(&mut self, pat: &[u8]) -> Result<usize> {
        let from = self.pos;
        let rest = self.b.get(from..).unwrap_or(&[]);
        match find(rest, pat) {
            Some(n) => {
                self.check_chars(from, from + n)?;
                self.pos = from + n;
                Ok(self.pos)
            }
            None => {
                self.check_chars(from, self.b.len())?;
                err(self.b.len(), Reason::UnexpectedEof)
            }
        }
    }

    // -- names -----------------------------------------------------------------

    /// `Name` (PI targets): NameStartChar NameChar*, colons allowed anywhere.
    fn name(&mut self) -> Result<Range> {
        let start = self.pos;
        match self.char_at(self.pos) {
            Some(c) if is_name_start(c) => self.pos += c.len_utf8(),
            _ => return err(start, Reason::InvalidName),
        }
        while let Some(&c) = self.b.get(self.pos) {
            if c < 0x80 {
                if !is_ascii_name_char(c) {
                    break;
                }
                self.pos += 1;
            } else {
                match self.char_at(self.pos) {
                    Some(ch) if is_name_char(ch) => self.pos += ch.len_utf8(),
                    _ => break,
                }
            }
        }
        Ok(self.range_from(start))
    }

    /// A qualified name with at most one colon; prefix (if any) and local
    /// part must each begin with a NameStartChar. An empty prefix is allowed.
    fn qname(&mut self) -> Result<QName> {
        let start = self.pos;
        let mut colon = None;
        loop {
            // ASCII name characters other than ':' by table, the rest one by one.
            while self
                .b
                .get(self.pos)
                .is_some_and(|&c| ASCII_NAME[c as usize])
            {
                self.pos += 1;
            }
            match self.b.get(self.pos) {
                Some(b':') => {
                    if colon.is_some() {
                        return err(start, Reason::InvalidName);
                    }
                    colon = Some(self.pos);
                    self.pos += 1;
                }
                Some(&c) if c >= 0x80 => match self.char_at(self.pos) {
                    Some(ch) if is_name_char(ch) => self.pos += ch.len_utf8(),
                    _ => break,
                },
                _ => break,
            }
        }
        let (prefix, local_start) = match colon {
            Some(c) => (
                Range {
                    start: start as u32,
                    end: c as u32,
                },
                c + 1,
            ),
            None => (
                Range {
                    start: start as u32,
                    end: start as u32,
                },
                start,
            ),
        };
        let local = self.range_from(local_start);
        if (prefix.end > prefix.start && !self.starts_name(prefix)) || !self.starts_name(local) {
            return err(start, Reason::InvalidName);
        }
        Ok(QName { prefix, local })
    }

    /// Whether the (non-empty) range begins with a NameStartChar.
    fn starts_name(&self, r: Range) -> bool {
        match self.b.get(r.start as usize) {
            _ if r.end == r.start => false,
            Some(&c) if c < 0x80 => is_ascii_name_start(c),
            Some(_) => self.char_at(r.start as usize).is_some_and(is_name_start),
            None => false,
        }
    }

    fn qname_eq(&self, a: QName, b: QName) -> bool {
        self.slice(a.prefix) == self.slice(b.prefix) && self.slice(a.local) == self.slice(b.local)
    }

    // -- document structure ------------------------------------------------

    fn document(&mut self) -> Result<()> {
        self.declaration()?;
        self.misc()?;
        self.skip_spaces();
        if self.starts_with(b"<!DOCTYPE") {
            return err(self.pos, Reason::Doctype);
        }
        self.skip_spaces();
        if self.cur() == Some(b'<') && self.start_tag()? == Some(TagEnd::Open) {
            self.content()?;
        }
        self.misc()?;
        if !self.at_end() {
            return err(self.pos, Reason::InvalidStructure);
        }
        if !self.root_seen {
            return err(self.pos, Reason::UnexpectedEof);
        }
        if self.depth > 0 {
            return err(self.pos, Reason::UnexpectedEof);
        }
        Ok(())
    }

    /// `<?xml version=... encoding=... standalone=... ?>`, only at the start
    /// and only when written `<?xml` + space (roxmltree's recognition rule).
    fn declaration(&mut self) -> Result<()> {
        if !self.starts_with(b"<?xml ") {
            return Ok(());
        }
        // The declarations COS and its SDKs actually send, known valid.
        for common in COMMON_DECLARATIONS {
            if self.starts_with(common) {
                self.pos += common.len();
                return Ok(());
            }
        }
        self.pos += 5;
        self.decl_spaces()?;
        if !self.starts_with(b"version") {
            return self.expect_str(b"version");
        }
        self.decl_attribute()?;
        self.decl_spaces()?;
        if self.starts_with(b"encoding") {
            self.decl_attribute()?;
            self.decl_spaces()?;
        }
        if self.starts_with(b"standalone") {
            self.decl_attribute()?;
        }
        self.skip_spaces();
        self.expect_str(b"?>")
    }

    fn decl_spaces(&mut self) -> Result<()> {
        if self.cur().is_some_and(is_space) {
            self.skip_spaces();
            Ok(())
        } else if !self.starts_with(b"?>") && !self.at_end() {
            err(self.pos, Reason::InvalidSyntax)
        } else {
            Ok(())
        }
    }

    /// `name = 'value'` inside the declaration (values are not interpreted).
    fn decl_attribute(&mut self) -> Result<()> {
        self.qname()?;
        self.eq()?;
        let quote = self.quote()?;
        let start = self.pos;
        let end = memchr2(quote, b'<', self.b.get(start..).unwrap_or(&[]))
            .map_or(self.b.len(), |n| start + n);
        if !self
            .b
            .get(start..end)
            .unwrap_or(&[])
            .iter()
            .all(|&c| c >= 0x20 && c != 0xEF)
        {
            self.check_chars(start, end)?;
        }
        self.pos = end;
        self.expect_byte(quote)
    }

    fn eq(&mut self) -> Result<()> {
        self.skip_spaces();
        self.expect_byte(b'=')?;
        self.skip_spaces();
        Ok(())
    }

    fn quote(&mut self) -> Result<u8> {
        match self.cur() {
            Some(q @ (b'"' | b'\'')) => {
                self.pos += 1;
                Ok(q)
            }
            _ => self.fail(Reason::InvalidSyntax),
        }
    }

    /// Comments, PIs and whitespace around the root element.
    fn misc(&mut self) -> Result<()> {
        while !self.at_end() {
            self.skip_spaces();
            if self.starts_with(b"<!--") {
                self.comment()?;
            } else if self.starts_with(b"<?") {
                self.pi()?;
            } else {
                break;
            }
        }
        Ok(())
    }

    /// `<!-- ... -->`: no `--` inside, must not end with `-`.
    fn comment(&mut self) -> Result<()> {
        self.out.plain = false;
        let start = self.pos;
        self.pos += 4;
        let dashes = self.until(b"--")?;
        if self.b.get(dashes + 2) == Some(&b'>') {
            self.pos = dashes + 3;
            Ok(())
        } else if dashes + 2 >= self.b.len() {
            err(self.b.len(), Reason::UnexpectedEof)
        } else {
            err(start, Reason::InvalidComment)
        }
    }

    /// `<?target content?>`; `<?xml ` here is a misplaced declaration.
    fn pi(&mut self) -> Result<()> {
        self.out.plain = false;
        if self.starts_with(b"<?xml ") {
            return err(self.pos, Reason::InvalidSyntax);
        }
        self.pos += 2;
        self.name()?;
        self.skip_spaces();
        self.until(b"?>")?;
        self.pos += 2;
        Ok(())
    }

    /// `<![CDATA[ ... ]]>`
    fn cdata(&mut self) -> Result<()> {
        self.out.plain = false;
        self.pos += 9;
        self.until(b"]]>")?;
        self.pos += 3;
        Ok(())
    }

    /// Element content, iteratively, until the root element closes.
    fn content(&mut self) -> Result<()> {
        while let Some(c) = self.cur() {
            if c != b'<' {
                self.text()?;
                continue;
            }
            match self.b.get(self.pos + 1) {
                Some(b'!') => {
                    if self.starts_with(b"<!--") {
                        self.comment()?;
                    } else if self.starts_with(b"<![CDATA[") {
                        self.cdata()?;
                    } else if b"<![CDATA[".starts_with(self.rest())
                        || b"<!--".starts_with(self.rest())
                    {
                        return err(self.b.len(), Reason::UnexpectedEof);
                    } else {
                        return err(self.pos, Reason::InvalidSyntax);
                    }
                }
                Some(b'?') => self.pi()?,
                Some(b'/') => {
                    self.end_tag()?;
                    if self.depth == 0 {
                        return Ok(());
                    }
                }
                Some(_) => {
                    self.start_tag()?;
                }
                None => return err(self.b.len(), Reason::UnexpectedEof),
            }
        }
        err(self.pos, Reason::UnexpectedEof)
    }

    /// Character data up to the next `<`: valid characters, valid references,
    /// no `]]>`.
    fn text(&mut self) -> Result<()> {
        self.pos = text::char_data(self.b, self.pos, &mut self.out.plain)?;
        Ok(())
    }

    // -- tags ------------------------------------------------------------------

    /// Reads a start tag. Returns None when the input ends inside it (roxmltree
    /// then never creates the element; the caller reports the truncation).
    fn start_tag(&mut self) -> Result<Option<TagEnd>> {
        // Fast path: `<name>` or `<name/>` with a plain ASCII name and no
        // attributes, which is every tag of a typical COS body.
        match self.simple_start_tag() {
            Some(done) => done.map(Some),
            None => self.start_tag_general(),
        }
    }

    /// `<name>` / `<name/>`; None when the tag needs the general path.
    fn simple_start_tag(&mut self) -> Option<Result<TagEnd>> {
        let start = self.pos + 1;
        if !self
            .b
            .get(start)
            .is_some_and(|&c| is_ascii_name_start(c) && c != b':')
        {
            return None;
        }
        let mut j = start + 1;
        while self.b.get(j).is_some_and(|&c| ASCII_NAME[c as usize]) {
            j += 1;
        }
        let (end, after) = match self.b.get(j) {
            Some(b'>') => (TagEnd::Open, j + 1),
            Some(b'/') if self.b.get(j + 1) == Some(&b'>') => (TagEnd::Empty, j + 2),
            _ => return None,
        };
        let name = QName {
            prefix: Range {
                start: start as u32,
                end: start as u32,
            },
            local: Range {
                start: start as u32,
                end: j as u32,
            },
        };
        let tag_start = self.pos;
        self.pos = after;
        self.nattrs = 0;
        Some(self.element_started(name, end, tag_start))
    }

    fn start_tag_general(&mut self) -> Result<Option<TagEnd>> {
        let tag_start = self.pos;
        self.pos += 1;
        let name = self.qname()?;
        if self.slice(name.prefix) == b"xmlns" {
            return err(tag_start + 1, Reason::InvalidNamespace);
        }
        let new_depth = self.depth + 1;
        self.nattrs = 0;
        let end = loop {
            if self.at_end() {
                return Ok(None);
            }
            let has_space = self.cur().is_some_and(is_space);
            self.skip_spaces();
            match self.cur() {
                None => return Ok(None),
                Some(b'/') => {
                    self.pos += 1;
                    self.expect_byte(b'>')?;
                    break TagEnd::Empty;
                }
                Some(b'>') => {
                    self.pos += 1;
                    break TagEnd::Open;
                }
                Some(_) => {
                    if !has_space {
                        return err(self.pos, Reason::InvalidSyntax);
                    }
                    self.attribute(new_depth)?;
                }
            }
        };
        self.resolve_attributes()?;
        if name.prefix.end > name.prefix.start && self.lookup(self.slice(name.prefix)).is_none() {
            return err(tag_start + 1, Reason::InvalidNamespace);
        }
        self.element_started(name, end, tag_start).map(Some)
    }

    /// A start tag was read and checked: record it and enter the element.
    fn element_started(&mut self, name: QName, end: TagEnd, tag_start: usize) -> Result<TagEnd> {
        let new_depth = self.depth + 1;
        if new_depth == 1 {
            self.root_seen = true;
        }
        self.out.on_start(
            Name::of(self.slice(name.local)),
            new_depth,
            end == TagEnd::Open,
            tag_start,
            self.pos,
        );
        match end {
            TagEnd::Open => {
                match self.stack.get_mut(self.depth) {
                    Some(slot) => *slot = name,
                    None => return self.full(tag_start, self.stack.len(), MAX_DEPTH),
                }
                self.depth = new_depth;
            }
            TagEnd::Empty => self.pop_bindings(self.depth),
        }
        Ok(end)
    }

    /// One `name="value"` of a start tag; namespace declarations are checked
    /// and bound here, ordinary attributes collected for [`Self::resolve_attributes`].
    fn attribute(&mut self, depth: usize) -> Result<()> {
        let name = self.qname()?;
        self.eq()?;
        let quote = self.quote()?;
        let start = self.pos;
        let Some(n) = memchr2(quote, b'<', self.rest()) else {
            self.check_chars(start, self.b.len())?;
            return err(self.b.len(), Reason::UnexpectedEof);
        };
        let end = start + n;
        self.check_chars(start, end)?;
        self.pos = end;
        self.expect_byte(quote)?;
        let value = Range {
            start: start as u32,
            end: end as u32,
        };
        // Every reference must be well-formed and known.
        let raw = self.slice(value);
        let mut i = 0;
        while let Some(k) = raw.get(i..).and_then(|r| memchr(b'&', r)) {
            match raw.get(i + k..).and_then(parse_reference) {
                Some((_, len)) => i += k + len,
                None => return err(start + i + k, Reason::InvalidReference),
            }
        }
        let prefix = self.slice(name.prefix);
        let local = self.slice(name.local);
        if prefix == b"xmlns" {
            if attr_value_eq(self.slice(value), NS_XMLNS_URI) {
                return err(name.prefix.start as usize, Reason::InvalidNamespace);
            }
            let is_xml_uri = attr_value_eq(self.slice(value), NS_XML_URI);
            if (local == b"xml") != is_xml_uri {
                return err(name.prefix.start as usize, Reason::InvalidNamespace);
            }
            let declared_here = self
                .bindings()
                .iter()
                .rev()
                .take_while(|bd| bd.depth as usize == depth)
                .any(|bd| self.slice(bd.prefix) == local);
            if declared_here {
                return err(name.prefix.start as usize, Reason::InvalidNamespace);
            }
            if !is_xml_uri {
                let Some(slot) = self.bindings.get_mut(self.nbindings) else {
                    return self.full(
                        name.prefix.start as usize,
                        self.bindings.len(),
                        MAX_NAMESPACES,
                    );
                };
                *slot = Binding {
                    prefix: name.local,
                    uri: value,
                    depth: depth as u32,
                };
                self.nbindings += 1;
            }
        } else if local == b"xmlns" {
            let v = self.slice(value);
            if attr_value_eq(v, NS_XML_URI) || attr_value_eq(v, NS_XMLNS_URI) {
                return err(name.prefix.start as usize, Reason::InvalidNamespace);
            }
        } else {
            let Some(slot) = self.attrs.get_mut(self.nattrs) else {
                return self.full(name.prefix.start as usize, self.attrs.len(), MAX_ATTRIBUTES);
            };
            *slot = name;
            self.nattrs += 1;
        }
        Ok(())
    }

    /// Resolves attribute prefixes (all declarations of the tag are known
    /// now) and rejects two attributes with the same expanded name.
    fn resolve_attributes(&self) -> Result<()> {
        let attrs = self.attrs.get(..self.nattrs).unwrap_or(&[]);
        for (i, &a) in attrs.iter().enumerate() {
            let ns_a = self.attr_ns(a)?;
            for &b in attrs.get(..i).unwrap_or(&[]) {
                if self.slice(a.local) != self.slice(b.local) {
                    continue;
                }
                let ns_b = self.attr_ns(b)?;
                if self.same_ns(ns_a, ns_b) {
                    return err(a.prefix.start as usize, Reason::DuplicateAttribute);
                }
            }
        }
        Ok(())
    }

    fn attr_ns(&self, a: QName) -> Result<Ns> {
        let prefix = self.slice(a.prefix);
        if prefix.is_empty() {
            Ok(Ns::None)
        } else if prefix == b"xml" {
            Ok(Ns::Xml)
        } else {
            match self.lookup(prefix) {
                Some(i) => Ok(Ns::Binding(i)),
                None => err(a.prefix.start as usize, Reason::InvalidNamespace),
            }
        }
    }

    fn same_ns(&self, a: Ns, b: Ns) -> bool {
        match (a, b) {
            (Ns::Binding(x), Ns::Binding(y)) => {
                let uri = |k: usize| self.bindings.get(k).map(|bd| self.slice(bd.uri));
                x == y || attr_values_eq(uri(x).unwrap_or(&[]), uri(y).unwrap_or(&[]))
            }
            _ => a == b,
        }
    }

    /// The innermost binding of `prefix`.
    fn lookup(&self, prefix: &[u8]) -> Option<usize> {
        self.bindings()
            .iter()
            .rposition(|bd| self.slice(bd.prefix) == prefix)
    }

    /// Drops the bindings declared by elements deeper than `depth`.
    fn pop_bindings(&mut self, depth: usize) {
        while let Some(last) = self.nbindings.checked_sub(1)
            && self
                .bindings
                .get(last)
                .is_some_and(|bd| bd.depth as usize > depth)
        {
            self.nbindings = last;
        }
    }

    /// The namespace bindings in scope, innermost last.
    fn bindings(&self) -> &[Binding] {
        self.bindings.get(..self.nbindings).unwrap_or(&[])
    }

    /// `</name S? >`, which must match the innermost open element.
    fn end_tag(&mut self) -> Result<()> {
        let start = self.pos;
        self.pos += 2;
        let Some(open) = self
            .depth
            .checked_sub(1)
            .and_then(|d| self.stack.get(d).copied())
        else {
            return err(start, Reason::InvalidStructure);
        };
        // Fast path: the start tag's name, byte for byte, then `>`.
        // (`<:a>` closed by `</a>` takes the slow path, and matches there.)
        let name = self.slice(Range {
            start: open.prefix.start,
            end: open.local.end,
        });
        if self.b.get(self.pos..self.pos + name.len()) == Some(name)
            && self.b.get(self.pos + name.len()) == Some(&b'>')
        {
            self.pos += name.len() + 1;
        } else {
            let name = self.qname()?;
            self.skip_spaces();
            self.expect_byte(b'>')?;
            if !self.qname_eq(open, name) {
                return err(start, Reason::MismatchedTag);
            }
        }
        self.out.on_end(start, self.pos, self.depth);
        self.depth -= 1;
        self.pop_bindings(self.depth);
        Ok(())
    }
}

/// Declarations that need no parsing: they are valid by inspection.
const COMMON_DECLARATIONS: [&[u8]; 3] = [
    b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
    b"<?xml version='1.0' encoding='utf-8' ?>",
    b"<?xml version=\"1.0\"?>",
];

/// ASCII `NameChar`s except `:`, which a qualified name treats specially.
static ASCII_NAME: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 128 {
        t[c] = c as u8 != b':' && is_ascii_name_char(c as u8);
        c += 1;
    }
    t
};

/// Where the first byte of `bytes` that is not part of an XML character
/// lies. The input is valid UTF-8, so only control bytes and U+FFFE/U+FFFF
/// (EF BF BE/BF) can fail.
fn first_bad_char(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    loop {
        i = skip_while_not(
            bytes,
            i,
            |c| (c < 0x20) | (c == 0xEF),
            |x| swar_lt(x, 0x20) | swar_eq(x, 0xEF),
        );
        let &c = bytes.get(i)?;
        if (c < 0x20 && !is_space(c)) || (c == 0xEF && is_nonchar(bytes, i)) {
            return Some(i);
        }
        i += 1;
    }
}

/// U+FFFE or U+FFFF (EF BF BE / EF BF BF) at `b[i]`.
#[inline]
fn is_nonchar(b: &[u8], i: usize) -> bool {
    b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF))
}
