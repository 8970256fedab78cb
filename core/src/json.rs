//! JSON error bodies: one streaming, validating pass over the document.
//!
//! # What is accepted
//!
//! Exactly what `serde_json::from_str::<serde_json::Value>` accepts with the
//! `arbitrary_precision` feature (the reference in the design contract), so
//! that both agree on every input:
//!
//! - RFC 8259: whitespace is space, tab, LF and CR; `true`, `false`, `null`;
//!   numbers `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` of any size
//!   (`1e400` is fine); strings with the escapes `\" \\ \/ \b \f \n \r \t
//!   \uXXXX`, no raw U+0000..U+001F inside, nothing after the top value but
//!   whitespace.
//! - UTF-16 surrogates in `\u` escapes must pair up: a high surrogate must be
//!   followed directly by `\u` and a low surrogate (`"\uD800\uDC00"`), and a
//!   lone high (`"\uD800"`, `"\uD800\u0041"`) or lone low (`"\uDC00"`) one is
//!   rejected, as serde_json rejects it when it builds a `String`.
//! - Nesting: at most [`MAX_JSON_DEPTH`] (127) arrays/objects inside one
//!   another; serde_json's recursion limit (128, counted down on entering each
//!   container, failing when it reaches 0) rejects the 128th.
//! - serde_json's `arbitrary_precision` private number token: an object whose
//!   *first* key (after unescaping) is `$serde_json::private::Number` is read
//!   by `serde_json::Value` as a number. Its value must then be a string whose
//!   unescaped text is a JSON number, and the object must end right after that
//!   member; anything else is rejected. Such an object counts as a number
//!   (its value is the string's text) and never as an object.
//!
//! # Which values are the fields
//!
//! A key names a field when its unescaped text, ASCII-lowercased with every
//! `_` and `-` removed, is [`Field::json_key`] (`RequestId`, `request_id`,
//! `REQUEST-ID`). Four objects are searched, in priority order: the top-level
//! object, its `error` member, its `response` member, and that object's
//! `error` member (Tencent Cloud API 3.0: `{"Response":{"Error":{..}}}`).
//! Container keys are normalised the same way. For each field the first of
//! these objects that has a counting value wins.
//!
//! A value counts when it is a string (its span is the inside of the quotes,
//! decoded on demand) or a number (its literal text, `404`, `1E5`); `true`,
//! `false`, `null`, arrays and objects do not count.
//!
//! Duplicate keys follow `serde_json::Value`, which keeps the last: within one
//! object the last member with a matching key decides, and if its value does
//! not count the field does not count there, whatever earlier duplicates
//! held. Likewise the last `error` / `response` member decides
//! which object is searched (none when it is not an object). A later
//! duplicate takes effect as soon as its value starts, so a body truncated
//! inside it no longer reports the earlier one.
//!
//! # Errors
//!
//! The first error stops the scan; the fields recorded up to there are kept
//! (a partial result). Time is linear, memory is a fixed [`MAX_JSON_DEPTH`]
//! byte stack plus 24 spans, and nothing recurses on the Rust stack.

use crate::MAX_JSON_DEPTH;
use crate::bytes::{skip_while_not, swar_eq, swar_lt};
use crate::field::Field;
use crate::piece::Piece;
use crate::scan::{Scan, Span};
use crate::status::{ParseError, Reason};
use crate::value::{Value, ValueKind};
use core::ops::ControlFlow;

/// serde_json's private map key for arbitrary-precision numbers.
const NUMBER_TOKEN: &[u8] = b"$serde_json::private::Number";

/// Normalised keys we look for: the six fields (by `Field as usize`), then
/// the two containers.
const KEYS: [&[u8]; 8] = [
    Field::Code.json_key().as_bytes(),
    Field::Message.json_key().as_bytes(),
    Field::Resource.json_key().as_bytes(),
    Field::RequestId.json_key().as_bytes(),
    Field::TraceId.json_key().as_bytes(),
    Field::ServerTime.json_key().as_bytes(),
    b"error",
    b"response",
];
const KEY_ERROR: u8 = 6;
const KEY_RESPONSE: u8 = 7;

/// The searched objects: top level, `error`, `response`, `response.error`.
const LEVELS: usize = 4;
const LEVEL_TOP: u8 = 0;
const LEVEL_ERROR: u8 = 1;
const LEVEL_RESPONSE: u8 = 2;
const LEVEL_RESPONSE_ERROR: u8 = 3;
/// An object that is not searched.
const NO_LEVEL: u8 = 0x7F;
/// Stack frame flag: the container is an object (else an array).
const OBJECT: u8 = 0x80;

/// What the value about to be parsed means to the lookup.
#[derive(Clone, Copy)]
enum Role {
    /// Nothing.
    Ignored,
    /// The value of field `.1` in the object searched at level `.0`.
    Field(u8, u8),
    /// If an object, it is searched at this level.
    Container(u8),
}

/// The result of reading one key.
#[derive(Clone, Copy)]
struct Key {
    /// Index into [`KEYS`] of the normalised key, if it is one of them.
    known: Option<u8>,
    /// The unescaped key is exactly [`NUMBER_TOKEN`].
    number_token: bool,
}

/// The longest normalised key in [`KEYS`].
const MAX_KEY: usize = 10;

/// A normalised key of at most [`MAX_KEY`] bytes packed into one integer:
/// its bytes, big-endian, with its length in the top byte.
const fn pack(key: &[u8]) -> u128 {
    let mut packed = 0u128;
    let mut i = 0;
    while i < key.len() && i < MAX_KEY {
        packed = (packed << 8) | key[i] as u128;
        i += 1;
    }
    packed | ((i as u128) << 120)
}

const PACKED_KEYS: [u128; 8] = {
    let mut packed = [0; 8];
    let mut k = 0;
    while k < KEYS.len() {
        assert!(KEYS[k].len() <= MAX_KEY);
        packed[k] = pack(KEYS[k]);
        k += 1;
    }
    packed
};

/// Matches the unescaped bytes of a key against [`KEYS`] and [`NUMBER_TOKEN`]
/// as they stream by. A byte of 0x80 or above stands for "not ASCII".
struct KeyMatcher {
    /// The normalised key so far, packed as by [`pack`] without the length.
    packed: u128,
    len: usize,
    /// Still possibly one of [`KEYS`].
    possible: bool,
    /// Length matched against [`NUMBER_TOKEN`]; `usize::MAX` once it fails.
    token: usize,
}

impl KeyMatcher {
    const fn new() -> Self {
        KeyMatcher {
            packed: 0,
            len: 0,
            possible: true,
            token: 0,
        }
    }

    fn feed(&mut self, c: u8) {
        if self.token != usize::MAX {
            self.token = if NUMBER_TOKEN.get(self.token) == Some(&c) {
                self.token + 1
            } else {
                usize::MAX
            };
        }
        self.push(c);
    }

    /// Adds `c` to the normalised key; false once it can match none of [`KEYS`].
    fn push(&mut self, c: u8) -> bool {
        if !self.possible || c == b'_' || c == b'-' {
            return self.possible;
        }
        if self.len < MAX_KEY && c.is_ascii() {
            self.packed = (self.packed << 8) | u128::from(c.to_ascii_lowercase());
            self.len += 1;
        } else {
            self.possible = false;
        }
        self.possible
    }

    /// Index into [`KEYS`] of the normalised key.
    fn known(&self) -> Option<u8> {
        if !self.possible {
            return None;
        }
        let packed = self.packed | ((self.len as u128) << 120);
        let k = PACKED_KEYS.iter().position(|&p| p == packed)?;
        u8::try_from(k).ok()
    }
}

// Number grammar as a small automaton: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
const N_START: u8 = 0;
const N_MINUS: u8 = 1;
const N_ZERO: u8 = 2;
const N_INT: u8 = 3;
const N_DOT: u8 = 4;
const N_FRAC: u8 = 5;
const N_EXP: u8 = 6;
const N_EXP_SIGN: u8 = 7;
const N_EXP_DIGITS: u8 = 8;
/// The automaton has failed (only used when fed a decoded string).
const N_DEAD: u8 = 9;

fn number_step(state: u8, c: u8) -> Option<u8> {
    let digit = c.is_ascii_digit();
    Some(match (state, c) {
        (N_START, b'-') => N_MINUS,
        (N_START | N_MINUS, b'0') => N_ZERO,
        (N_START | N_MINUS | N_INT, _) if digit => N_INT,
        (N_ZERO | N_INT, b'.') => N_DOT,
        (N_DOT | N_FRAC, _) if digit => N_FRAC,
        (N_ZERO | N_INT | N_FRAC, b'e' | b'E') => N_EXP,
        (N_EXP, b'+' | b'-') => N_EXP_SIGN,
        (N_EXP | N_EXP_SIGN | N_EXP_DIGITS, _) if digit => N_EXP_DIGITS,
        _ => return None,
    })
}

fn number_accepts(state: u8) -> bool {
    matches!(state, N_ZERO | N_INT | N_FRAC | N_EXP_DIGITS)
}

/// Scans the JSON document starting at `text[start]` (a `{` once the caller
/// has skipped a BOM and whitespace). Offsets in the result are into `text`.
pub(crate) fn scan(text: &str, start: usize) -> Scan {
    let mut parser = Parser {
        text,
        b: text.as_bytes(),
        i: start,
        slots: [[None; 6]; LEVELS],
        stack: [0; MAX_JSON_DEPTH],
        depth: 0,
    };
    let mut scan = Scan::new();
    scan.error = parser.run().err();
    for (f, out) in scan.fields.iter_mut().enumerate() {
        *out = parser
            .slots
            .iter()
            .find_map(|level| level.get(f).copied().flatten());
    }
    let top_is_object = text.as_bytes().get(start) == Some(&b'{');
    scan.is_error_doc = top_is_object && scan.fields.iter().any(Option::is_some);
    scan
}

type Result<T> = core::result::Result<T, ParseError>;

struct Parser<'a> {
    text: &'a str,
    /// `text` as bytes.
    b: &'a [u8],
    i: usize,
    /// The last counting value seen for each field, per searched object.
    slots: [[Option<Span>; 6]; LEVELS],
    /// One frame per open container: [`OBJECT`] | level (or [`NO_LEVEL`]).
    stack: [u8; MAX_JSON_DEPTH],
    depth: usize,
}

impl Parser<'_> {
    fn run(&mut self) -> Result<()> {
        let mut role = Role::Container(LEVEL_TOP);
        loop {
            // A value is expected here.
            self.skip_ws();
            match self.peek()? {
                b'{' => {
                    self.begin_value(role);
                    let level = match role {
                        Role::Container(level) => level,
                        _ => NO_LEVEL,
                    };
                    self.push(OBJECT | level)?;
                    self.i += 1;
                    self.skip_ws();
                    match self.peek()? {
                        b'}' => {
                            self.i += 1;
                            self.pop();
                        }
                        b'"' => {
                            let key = self.key()?;
                            if key.number_token {
                                self.number_token_object(role)?;
                            } else {
                                role = member_role(level, key);
                                self.colon()?;
                                continue;
                            }
                        }
                        _ => return Err(self.err(Reason::InvalidSyntax)),
                    }
                }
                b'[' => {
                    self.begin_value(role);
                    self.push(NO_LEVEL)?;
                    self.i += 1;
                    self.skip_ws();
                    if self.peek()? != b']' {
                        role = Role::Ignored;
                        continue;
                    }
                    self.i += 1;
                    self.pop();
                }
                b'"' => {
                    self.begin_value(role);
                    let (start, end, _) = self.string()?;
                    self.finish_value(role, Span::new(start, end, ValueKind::JsonString));
                }
                b'-' | b'0'..=b'9' => {
                    self.begin_value(role);
                    let (start, end) = self.number()?;
                    // A number that runs into the end of a cut body may be
                    // cut itself (`404` cut after `40`): not a completed value.
                    if end < self.b.len() {
                        self.finish_value(role, Span::new(start, end, ValueKind::JsonNumber));
                    }
                }
                b't' => self.literal(role, b"true")?,
                b'f' => self.literal(role, b"false")?,
                b'n' => self.literal(role, b"null")?,
                _ => return Err(self.err(Reason::InvalidSyntax)),
            }

            // A value is complete: close containers until one continues.
            loop {
                let Some(frame) = self
                    .depth
                    .checked_sub(1)
                    .and_then(|d| self.stack.get(d).copied())
                else {
                    // The top-level value is complete: only whitespace may follow.
                    self.skip_ws();
                    return if self.i < self.b.len() {
                        Err(self.err(Reason::InvalidSyntax))
                    } else {
                        Ok(())
                    };
                };
                let is_object = frame & OBJECT != 0;
                self.skip_ws();
                match self.peek()? {
                    b',' => {
                        self.i += 1;
                        if is_object {
                            self.skip_ws();
                            if self.peek()? != b'"' {
                                return Err(self.err(Reason::InvalidSyntax));
                            }
                            let key = self.key()?;
                            role = member_role(frame & !OBJECT, key);
                            self.colon()?;
                        } else {
                            role = Role::Ignored;
                        }
                        break;
                    }
                    b'}' if is_object => {
                        self.i += 1;
                        self.pop();
                    }
                    b']' if !is_object => {
                        self.i += 1;
                        self.pop();
                    }
                    _ => return Err(self.err(Reason::InvalidSyntax)),
                }
            }
        }
    }

    /// A value with `role` starts: a later duplicate replaces what an earlier
    /// member recorded, a new container empties the objects it feeds.
    fn begin_value(&mut self, role: Role) {
        match role {
            Role::Ignored => {}
            Role::Field(level, field) => {
                if let Some(slot) = self
                    .slots
                    .get_mut(usize::from(level))
                    .and_then(|l| l.get_mut(usize::from(field)))
                {
                    *slot = None;
                }
            }
            Role::Container(level) => {
                let last = if level == LEVEL_RESPONSE {
                    LEVEL_RESPONSE_ERROR
                } else {
                    level
                };
                for l in level..=last {
                    if let Some(slots) = self.slots.get_mut(usize::from(l)) {
                        *slots = [None; 6];
                    }
                }
            }
        }
    }

    /// A string or number with `role` is complete.
    fn finish_value(&mut self, role: Role, span: Span) {
        if let Role::Field(level, field) = role
            && let Some(slot) = self
                .slots
                .get_mut(usize::from(level))
                .and_then(|l| l.get_mut(usize::from(field)))
        {
            *slot = Some(span);
        }
    }

    /// After the first key `"$serde_json::private::Number"` of an object:
    /// `: "<number>" }`, making the object a number whose text is the string's.
    fn number_token_object(&mut self, role: Role) -> Result<()> {
        self.colon()?;
        self.skip_ws();
        let at = self.i;
        match self.peek()? {
            b'"' => {}
            // Not a string: serde_json reads a scalar to the end before it
            // complains, so a truncated one is the end of the input.
            b't' => {
                return self
                    .literal(Role::Ignored, b"true")
                    .and(Err(invalid_json(at)));
            }
            b'f' => {
                return self
                    .literal(Role::Ignored, b"false")
                    .and(Err(invalid_json(at)));
            }
            b'n' => {
                return self
                    .literal(Role::Ignored, b"null")
                    .and(Err(invalid_json(at)));
            }
            b'-' | b'0'..=b'9' => return self.number().and(Err(invalid_json(at))),
            _ => return Err(self.err(Reason::InvalidJson)),
        }
        let mut state = N_START;
        let (start, end, escaped) = self.string()?;
        self.unescaped(start, end, escaped, |c| {
            state = number_step(state, c).unwrap_or(N_DEAD);
        });
        if !number_accepts(state) {
            return Err(invalid_json(at));
        }
        self.skip_ws();
        if self.peek()? != b'}' {
            return Err(self.err(Reason::InvalidSyntax));
        }
        self.i += 1;
        self.pop();
        self.finish_value(role, Span::new(start, end, ValueKind::JsonString));
        Ok(())
    }

    /// Reads a key (at its opening quote).
    fn key(&mut self) -> Result<Key> {
        let mut matcher = KeyMatcher::new();
        let (start, end, escaped) = self.string()?;
        if escaped {
            self.unescaped(start, end, escaped, |c| matcher.feed(c));
            return Ok(Key {
                known: matcher.known(),
                number_token: matcher.token == NUMBER_TOKEN.len(),
            });
        }
        // No escapes (the common case): the key is its raw text.
        let raw = self.b.get(start..end).unwrap_or(&[]);
        for &c in raw {
            if !matcher.push(c) {
                break;
            }
        }
        Ok(Key {
            known: matcher.known(),
            number_token: raw == NUMBER_TOKEN,
        })
    }

    /// Feeds the unescaped bytes of the (validated) string inside
    /// `start..end` to `feed`; a character beyond ASCII that came from an
    /// escape is fed as 0x80.
    fn unescaped(&self, start: usize, end: usize, escaped: bool, mut feed: impl FnMut(u8)) {
        if !escaped {
            for &c in self.b.get(start..end).unwrap_or(&[]) {
                feed(c);
            }
            return;
        }
        let raw = self.text.get(start..end).unwrap_or("");
        let _ = Value::new(raw, ValueKind::JsonString).visit_pieces(&mut |piece| {
            match piece {
                Piece::Str(s) => s.bytes().for_each(&mut feed),
                Piece::Char(c) => feed(u8::try_from(c).unwrap_or(0x80)),
            }
            ControlFlow::Continue(())
        });
    }

    /// `:` after optional whitespace.
    fn colon(&mut self) -> Result<()> {
        self.skip_ws();
        if self.peek()? != b':' {
            return Err(self.err(Reason::InvalidSyntax));
        }
        self.i += 1;
        Ok(())
    }

    /// Reads and validates a string at its opening quote. Returns the span
    /// of its inside and whether it holds any escape.
    fn string(&mut self) -> Result<(usize, usize, bool)> {
        self.i += 1;
        let start = self.i;
        let mut escaped = false;
        loop {
            let rest = self.b.get(self.i..).unwrap_or(&[]);
            let Some(n) = find_special(rest) else {
                self.i = self.b.len();
                return Err(self.eof());
            };
            self.i += n;
            match rest.get(n) {
                Some(b'"') => {
                    let end = self.i;
                    self.i += 1;
                    return Ok((start, end, escaped));
                }
                Some(b'\\') => {
                    escaped = true;
                    self.escape()?;
                }
                _ => return Err(self.err(Reason::InvalidChar)),
            }
        }
    }

    /// Validates one escape at its backslash and moves past it.
    fn escape(&mut self) -> Result<()> {
        let at = self.i;
        let Some(&e) = self.b.get(at + 1) else {
            return Err(self.eof());
        };
        self.i = match e {
            b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => at + 2,
            b'u' => {
                let n = self.hex4(at + 2)?;
                if (0xDC00..=0xDFFF).contains(&n) {
                    return Err(invalid_json(at));
                }
                if !(0xD800..=0xDBFF).contains(&n) {
                    at + 6
                } else {
                    // A high surrogate: a low one must follow at once.
                    for (k, want) in [(6, b'\\'), (7, b'u')] {
                        match self.b.get(at + k) {
                            None => return Err(self.eof()),
                            Some(&got) if got == want => {}
                            Some(_) => return Err(invalid_json(at + k)),
                        }
                    }
                    let low = self.hex4(at + 8)?;
                    if !(0xDC00..=0xDFFF).contains(&low) {
                        return Err(invalid_json(at + 6));
                    }
                    at + 12
                }
            }
            _ => return Err(invalid_json(at + 1)),
        };
        Ok(())
    }

    /// Four hex digits at `at` (fewer than four bytes left is the end of the
    /// input, whatever they are, as for serde_json).
    fn hex4(&self, at: usize) -> Result<u32> {
        let Some(digits) = self.b.get(at..at + 4) else {
            return Err(self.eof());
        };
        let mut n = 0u32;
        for (k, &c) in (at..).zip(digits) {
            let Some(d) = char::from(c).to_digit(16) else {
                return Err(invalid_json(k));
            };
            n = n * 16 + d;
        }
        Ok(n)
    }

    /// A number literal at its first byte; returns its span.
    fn number(&mut self) -> Result<(usize, usize)> {
        let start = self.i;
        let mut state = N_START;
        while let Some(next) = self.b.get(self.i).and_then(|&c| number_step(state, c)) {
            state = next;
            self.i += 1;
        }
        let leading_zero = state == N_ZERO && self.b.get(self.i).is_some_and(u8::is_ascii_digit);
        if !number_accepts(state) || leading_zero {
            return Err(if self.i >= self.b.len() {
                self.eof()
            } else {
                self.err(Reason::InvalidJson)
            });
        }
        Ok((start, self.i))
    }

    /// `true`, `false` or `null`; none of them counts as a field value.
    fn literal(&mut self, role: Role, word: &[u8]) -> Result<()> {
        self.begin_value(role);
        for &want in word {
            match self.b.get(self.i) {
                None => return Err(self.eof()),
                Some(&got) if got == want => self.i += 1,
                Some(_) => return Err(self.err(Reason::InvalidJson)),
            }
        }
        Ok(())
    }

    fn skip_ws(&mut self) {
        while self
            .b
            .get(self.i)
            .is_some_and(|&c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.i += 1;
        }
    }

    /// The next byte, or an end-of-input error.
    fn peek(&self) -> Result<u8> {
        self.b.get(self.i).copied().ok_or_else(|| self.eof())
    }

    fn push(&mut self, frame: u8) -> Result<()> {
        match self.stack.get_mut(self.depth) {
            Some(slot) => {
                *slot = frame;
                self.depth += 1;
                Ok(())
            }
            None => Err(self.err(Reason::LimitExceeded)),
        }
    }

    fn pop(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn err(&self, reason: Reason) -> ParseError {
        ParseError {
            offset: self.i,
            reason,
        }
    }

    fn eof(&self) -> ParseError {
        ParseError {
            offset: self.b.len(),
            reason: Reason::UnexpectedEof,
        }
    }
}

/// The position of the first `"`, `\\` or control character in `b`.
fn find_special(b: &[u8]) -> Option<usize> {
    let at = skip_while_not(
        b,
        0,
        |c| (c == b'"') | (c == b'\\') | (c < 0x20),
        |x| swar_lt(x, 0x20) | swar_eq(x, b'"') | swar_eq(x, b'\\'),
    );
    (at < b.len()).then_some(at)
}

fn invalid_json(offset: usize) -> ParseError {
    ParseError {
        offset,
        reason: Reason::InvalidJson,
    }
}

/// What a member's value means, given the level of its object and its key.
fn member_role(level: u8, key: Key) -> Role {
    match (level, key.known) {
        (LEVEL_TOP..=LEVEL_RESPONSE_ERROR, Some(f)) if usize::from(f) < Field::BODY.len() => {
            Role::Field(level, f)
        }
        (LEVEL_TOP, Some(KEY_ERROR)) => Role::Container(LEVEL_ERROR),
        (LEVEL_TOP, Some(KEY_RESPONSE)) => Role::Container(LEVEL_RESPONSE),
        (LEVEL_RESPONSE, Some(KEY_ERROR)) => Role::Container(LEVEL_RESPONSE_ERROR),
        _ => Role::Ignored,
    }
}
