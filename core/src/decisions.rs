//! The decisions made from a whole answer once its texts are in: the retry
//! class, whether it came from COS, and the service's clock.

use core::ops::ControlFlow;

use crate::body::Body;
use crate::builder::{Builder, RecordSink};
use crate::bytes::contains_ignore_ascii_case;
use crate::clock::{http_date_ms, rfc3339_ms};
use crate::codes::CodeId;
use crate::field::Field;
use crate::kind::{Flags, Kind};
use crate::retry::{EXPIRED, decide};
use crate::value::Value;

/// Where the whole text of the record's message is, for the one rule that
/// reads it: the record keeps at most its capacity, the rule reads it all.
#[derive(Clone, Copy)]
pub(crate) enum Message<'a> {
    /// The body's `Message` field (or none).
    BodyField,
    /// The body's bytes (a client error, or a code from `x-cos-error-code`).
    BodyText(&'a [u8]),
    /// The record's own text (the HEAD 404 message).
    Record,
}

/// What the decisions read beside the record's texts.
pub(crate) struct Answer<'a, 'b> {
    pub(crate) body: &'b Body<'a>,
    pub(crate) message: Message<'b>,
    /// A non-empty request-id header was there.
    pub(crate) request_id_header: bool,
    /// The headers were given (not a body alone).
    pub(crate) headers_given: bool,
    /// The non-empty `Date` header.
    pub(crate) date: Option<&'b [u8]>,
}

impl<S: RecordSink + ?Sized> Builder<'_, S> {
    /// Fills `retry`, `retryable`, the service's clock and
    /// [`Flags::NOT_FROM_COS`], after every text is in.
    pub(crate) fn decide(&mut self, answer: &Answer<'_, '_>) {
        let body = answer.body;
        // Without the headers a missing id proves nothing: the flag and the
        // retry class's first rule need them.
        let has_request_id = answer.request_id_header
            || body.field(Field::RequestId).is_some_and(|v| !v.is_empty())
            || !answer.headers_given;
        if !has_request_id {
            self.head.flags.insert(Flags::NOT_FROM_COS);
        }
        // A non-error has no code of its own (a 2xx JSON body's `code` is
        // Tencent's success code): only its status and ids count.
        let (id, code) = match self.head.kind {
            Kind::None => (CodeId::Unknown, ""),
            _ => (self.head.code_id, self.get(Field::Code)),
        };
        let expired = || self.message_says_expired(answer);
        let retry = decide(
            self.head.status,
            id,
            code.as_bytes(),
            expired,
            has_request_id,
        );
        self.head.retry = retry;
        self.head.retryable = retry.is_retryable();

        let body_clock = body
            .field(Field::ServerTime)
            .and_then(|v| server_time_ms(&v));
        self.head.server_time_ms = body_clock.or_else(|| http_date_ms(answer.date?));
        if self.head.server_time_ms.is_some() {
            self.head.flags.insert(Flags::SERVER_CLOCK);
        }
    }

    /// Whether the whole message contains "request has expired".
    fn message_says_expired(&self, answer: &Answer<'_, '_>) -> bool {
        if !self.head.truncated.contains(Field::Message) {
            return contains_ignore_ascii_case(self.get(Field::Message).as_bytes(), EXPIRED);
        }
        match answer.message {
            Message::BodyText(bytes) => contains_ignore_ascii_case(bytes, EXPIRED),
            Message::BodyField => answer
                .body
                .field(Field::Message)
                .is_some_and(|v| value_contains_expired(&v)),
            Message::Record => false,
        }
    }
}

/// Whether a decoded value contains [`EXPIRED`], in any ASCII case, without
/// decoding it into a buffer: each piece is searched, and so is each seam
/// between pieces (the last bytes before it and the first after).
fn value_contains_expired(value: &Value<'_>) -> bool {
    const TAIL: usize = EXPIRED.len() - 1;
    let mut carry = [0u8; TAIL];
    let mut carried = 0;
    let flow = value.visit_pieces(&mut |p| {
        let mut tmp = [0; 4];
        let s = p.as_str(&mut tmp).as_bytes();
        if contains_ignore_ascii_case(s, EXPIRED) {
            return ControlFlow::Break(());
        }
        let head = s.get(..TAIL).unwrap_or(s);
        let mut seam = [0u8; 2 * TAIL];
        let before = carry.get(..carried).unwrap_or_default();
        let seam = copy_prefix(&mut seam, before.iter().chain(head));
        if contains_ignore_ascii_case(seam, EXPIRED) {
            return ControlFlow::Break(());
        }
        // The last bytes seen so far: of this piece, or of the seam when
        // the piece is shorter.
        let last = if s.len() >= TAIL { s } else { seam };
        let tail = last
            .get(last.len().saturating_sub(TAIL)..)
            .unwrap_or_default();
        carried = copy_prefix(&mut carry, tail).len();
        ControlFlow::Continue(())
    });
    flow.is_break()
}

/// Copies `bytes` to the front of `buf` (as many as fit) and returns that
/// part of `buf`: the slicing the seam search needs, without an index that
/// could be out of bounds.
fn copy_prefix<'b, 's>(buf: &'b mut [u8], bytes: impl IntoIterator<Item = &'s u8>) -> &'b [u8] {
    let mut len = 0;
    for (slot, &b) in buf.iter_mut().zip(bytes) {
        *slot = b;
        len += 1;
    }
    buf.get(..len).unwrap_or_default()
}

/// The Unix ms of a `ServerTime` value. Decoded into a small buffer; a
/// longer value can only be a timestamp with a long fraction, whose digits
/// after the ninth are checked to be digits and not kept.
fn server_time_ms(value: &Value<'_>) -> Option<i64> {
    let mut buf = [0u8; 64];
    let decoded = value.decode_into(&mut buf);
    let len = if decoded.truncated {
        squeeze(value, &mut buf)?
    } else {
        decoded.len
    };
    rfc3339_ms(buf.get(..len)?)
}

/// Writes `value` into `buf` with its fraction cut to nine digits; the
/// length, or None when even that does not fit.
fn squeeze(value: &Value<'_>, buf: &mut [u8; 64]) -> Option<usize> {
    let mut squeezed = Squeezed {
        buf,
        len: 0,
        in_fraction: false,
        digits: 0,
    };
    let flow = value.visit_pieces(&mut |p| {
        let mut tmp = [0; 4];
        if p.as_str(&mut tmp).bytes().all(|b| squeezed.push(b)) {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    });
    flow.is_continue().then_some(squeezed.len)
}

/// A timestamp's bytes with the fraction cut to nine digits (the rest of
/// its digits dropped, which changes no millisecond).
struct Squeezed<'b> {
    buf: &'b mut [u8; 64],
    len: usize,
    /// After the `.` at offset 19 (`YYYY-MM-DDThh:mm:ss.`), in its digits.
    in_fraction: bool,
    digits: usize,
}

impl Squeezed<'_> {
    /// Appends `b` unless it is a fraction digit after the ninth; false
    /// when the buffer is full.
    fn push(&mut self, b: u8) -> bool {
        if self.in_fraction && b.is_ascii_digit() {
            self.digits += 1;
            if self.digits > 9 {
                return true;
            }
        } else {
            self.in_fraction = self.len == 19 && b == b'.';
        }
        let Some(slot) = self.buf.get_mut(self.len) else {
            return false;
        };
        *slot = b;
        self.len += 1;
        true
    }
}
