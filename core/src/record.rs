//! The owned error record: every value copied into fixed-capacity strings.

use heapless::String;

use crate::body::Body;
use crate::codes::{Category, CodeId};
use crate::field::{Field, FieldSet};
use crate::status::{BodyFormat, BodyStatus, ParseError};
use crate::value::{Piece, Value, floor_char_boundary};
use core::ops::ControlFlow;

/// A fixed-capacity string of the record, re-exported for signatures.
pub type RecordString<const N: usize> = String<N>;

/// Capacities in bytes, one less than the C ABI's arrays (which add the NUL).
pub mod capacity {
    /// `code[64]`
    pub const CODE: usize = 63;
    /// `message[1024]`
    pub const MESSAGE: usize = 1023;
    /// `resource[1024]`
    pub const RESOURCE: usize = 1023;
    /// `request_id[128]`
    pub const REQUEST_ID: usize = 127;
    /// `trace_id[256]`
    pub const TRACE_ID: usize = 255;
    /// `server_time[64]`
    pub const SERVER_TIME: usize = 63;

    /// The capacity of `field`'s string.
    pub const fn of(field: crate::Field) -> usize {
        use crate::Field;
        match field {
            Field::Code => CODE,
            Field::Message => MESSAGE,
            Field::Resource => RESOURCE,
            Field::RequestId => REQUEST_ID,
            Field::TraceId => TRACE_ID,
            Field::ServerTime => SERVER_TIME,
        }
    }
}

/// What kind of error a response is (the C ABI's `COSERR_KIND_*`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum Kind {
    /// Not an error: a 2xx/3xx without an error document.
    #[default]
    None = 0,
    /// The service answered and the operation failed (`CosServiceError`).
    Service = 1,
    /// The answer could not be understood (`CosClientError`): a body that is
    /// not XML, malformed, or not an error document, with an error status.
    Client = 2,
}

impl Kind {
    /// `"none"`, `"service"` or `"client"`.
    pub const fn name(self) -> &'static str {
        match self {
            Kind::None => "none",
            Kind::Service => "service",
            Kind::Client => "client",
        }
    }
}

/// Facts about how the record was put together (the C ABI's `COSERR_FLAG_*`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Flags(pub u32);

impl Flags {
    /// The body was malformed; its fields completed before the error are kept.
    pub const PARTIAL: u32 = 1;
    /// The body's request id or trace id differs from the header's.
    pub const IDS_DISAGREE: u32 = 2;

    /// Whether `flag` is set.
    pub const fn contains(self, flag: u32) -> bool {
        self.0 & flag != 0
    }

    /// Sets `flag`.
    pub fn insert(&mut self, flag: u32) {
        self.0 |= flag;
    }
}

/// The owned COS error record.
///
/// Values longer than their capacity are cut at a UTF-8 boundary and their
/// bit is set in [`ErrorRecord::truncated`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorRecord {
    /// Service error, client error, or not an error.
    pub kind: Kind,
    /// HTTP status (0 = unknown).
    pub status: u32,
    /// The body verdict.
    pub body_status: BodyStatus,
    /// XML, JSON, or neither.
    pub body_format: BodyFormat,
    /// Where the body went wrong, for [`BodyStatus::Malformed`].
    pub body_error: Option<ParseError>,
    /// Fields present (possibly empty).
    pub present: FieldSet,
    /// Fields whose value came from a header or the URL, not the body.
    pub from_header: FieldSet,
    /// Fields whose value was cut to capacity.
    pub truncated: FieldSet,
    /// [`Flags::PARTIAL`], [`Flags::IDS_DISAGREE`].
    pub flags: Flags,
    /// The code, if it is one of the COS table's.
    pub code_id: CodeId,
    /// What kind of failure the status and code describe.
    pub category: Category,
    /// Whether retrying the same request may succeed.
    pub retryable: bool,
    /// `Code`.
    pub code: String<{ capacity::CODE }>,
    /// `Message`.
    pub message: String<{ capacity::MESSAGE }>,
    /// `Resource`.
    pub resource: String<{ capacity::RESOURCE }>,
    /// `RequestId`.
    pub request_id: String<{ capacity::REQUEST_ID }>,
    /// `TraceId`.
    pub trace_id: String<{ capacity::TRACE_ID }>,
    /// `ServerTime`.
    pub server_time: String<{ capacity::SERVER_TIME }>,
}

impl Default for ErrorRecord {
    fn default() -> Self {
        ErrorRecord {
            kind: Kind::None,
            status: 0,
            body_status: BodyStatus::Empty,
            body_format: BodyFormat::None,
            body_error: None,
            present: FieldSet::EMPTY,
            from_header: FieldSet::EMPTY,
            truncated: FieldSet::EMPTY,
            flags: Flags(0),
            code_id: CodeId::Unknown,
            category: Category::Other,
            retryable: false,
            code: String::new(),
            message: String::new(),
            resource: String::new(),
            request_id: String::new(),
            trace_id: String::new(),
            server_time: String::new(),
        }
    }
}

impl ErrorRecord {
    /// Copies a parsed body into an owned record. Only the body-derived
    /// parts are filled: [`ErrorRecord::from_response`] adds the rest.
    pub fn from_body(body: &Body<'_>) -> Self {
        let mut rec = ErrorRecord::default();
        let mut own = Own(&mut rec);
        let mut b = Builder::new(RecordHead::default(), &mut own);
        b.body(body);
        let head = b.head;
        rec.set_head(head);
        rec
    }

    /// The text of `field` ("" when absent).
    pub fn get(&self, field: Field) -> &str {
        match field {
            Field::Code => &self.code,
            Field::Message => &self.message,
            Field::Resource => &self.resource,
            Field::RequestId => &self.request_id,
            Field::TraceId => &self.trace_id,
            Field::ServerTime => &self.server_time,
        }
    }

    /// Whether `field` is present.
    pub fn has(&self, field: Field) -> bool {
        self.present.contains(field)
    }

    /// Replaces `field` with a decoded body value, marking it present.
    pub fn set_value(&mut self, field: Field, value: &Value<'_>) {
        self.with_builder(|b| b.set_value(field, value));
    }

    /// Replaces `field` with `text`, marking it present.
    pub fn set_str(&mut self, field: Field, text: &str) {
        self.with_builder(|b| b.set_str(field, text));
    }

    /// Replaces `field` with bytes that should be UTF-8 (a header, a URL, a
    /// body that could not be parsed); invalid sequences become U+FFFD.
    pub fn set_bytes(&mut self, field: Field, bytes: &[u8], from_header: bool) {
        self.with_builder(|b| b.set_bytes(field, bytes, from_header));
    }

    /// Runs `f` on a builder over this record (its scalars copied out and
    /// back, its strings written in place).
    fn with_builder(&mut self, f: impl FnOnce(&mut Builder<'_, Own<'_>>)) {
        let head = self.head();
        let mut own = Own(self);
        let mut b = Builder::new(head, &mut own);
        f(&mut b);
        let head = b.head;
        self.set_head(head);
    }

    /// Everything but the strings.
    pub(crate) fn head(&self) -> RecordHead {
        RecordHead {
            kind: self.kind,
            status: self.status,
            body_status: self.body_status,
            body_format: self.body_format,
            body_error: self.body_error,
            present: self.present,
            from_header: self.from_header,
            truncated: self.truncated,
            flags: self.flags,
            code_id: self.code_id,
            category: self.category,
            retryable: self.retryable,
        }
    }

    /// Sets everything but the strings.
    pub(crate) fn set_head(&mut self, head: RecordHead) {
        let RecordHead {
            kind,
            status,
            body_status,
            body_format,
            body_error,
            present,
            from_header,
            truncated,
            flags,
            code_id,
            category,
            retryable,
        } = head;
        self.kind = kind;
        self.status = status;
        self.body_status = body_status;
        self.body_format = body_format;
        self.body_error = body_error;
        self.present = present;
        self.from_header = from_header;
        self.truncated = truncated;
        self.flags = flags;
        self.code_id = code_id;
        self.category = category;
        self.retryable = retryable;
    }
}

/// Where the six strings of a record are written while it is built:
/// [`ErrorRecord`]'s own strings, or another fixed-size layout (the C ABI
/// writes straight into its `coserr_error`, so that no intermediate record
/// is built and copied). [`RecordHead::build`] drives it.
///
/// A sink passed to the builder must start with every field empty.
pub trait RecordSink {
    /// The text of `field` appended since it was last cleared ("" at first).
    fn text(&self, field: Field) -> &str;
    /// Empties `field`.
    fn clear(&mut self, field: Field);
    /// Appends the longest prefix of `s` that fits in the rest of `field`'s
    /// capacity ([`capacity::of`]) without splitting a character; false
    /// when `s` was cut.
    fn append(&mut self, field: Field, s: &str) -> bool;
}

/// Everything of an [`ErrorRecord`] but its six strings (same fields, same
/// meaning): what [`RecordHead::build`] returns beside the strings it
/// writes into a [`RecordSink`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecordHead {
    /// Service error, client error, or not an error.
    pub kind: Kind,
    /// HTTP status (0 = unknown).
    pub status: u32,
    /// The body verdict.
    pub body_status: BodyStatus,
    /// XML, JSON, or neither.
    pub body_format: BodyFormat,
    /// Where the body went wrong, for [`BodyStatus::Malformed`].
    pub body_error: Option<ParseError>,
    /// Fields present (possibly empty).
    pub present: FieldSet,
    /// Fields whose value came from a header or the URL, not the body.
    pub from_header: FieldSet,
    /// Fields whose value was cut to capacity.
    pub truncated: FieldSet,
    /// [`Flags::PARTIAL`], [`Flags::IDS_DISAGREE`].
    pub flags: Flags,
    /// The code, if it is one of the COS table's.
    pub code_id: CodeId,
    /// What kind of failure the status and code describe.
    pub category: Category,
    /// Whether retrying the same request may succeed.
    pub retryable: bool,
}

impl Default for RecordHead {
    /// The head of [`ErrorRecord::default`].
    fn default() -> Self {
        RecordHead {
            kind: Kind::None,
            status: 0,
            body_status: BodyStatus::Empty,
            body_format: BodyFormat::None,
            body_error: None,
            present: FieldSet::EMPTY,
            from_header: FieldSet::EMPTY,
            truncated: FieldSet::EMPTY,
            flags: Flags(0),
            code_id: CodeId::Unknown,
            category: Category::Other,
            retryable: false,
        }
    }
}

/// [`ErrorRecord`]'s own strings as a [`RecordSink`].
pub(crate) struct Own<'a>(pub(crate) &'a mut ErrorRecord);

impl RecordSink for Own<'_> {
    fn text(&self, field: Field) -> &str {
        self.0.get(field)
    }

    fn clear(&mut self, field: Field) {
        let r = &mut *self.0;
        match field {
            Field::Code => r.code.clear(),
            Field::Message => r.message.clear(),
            Field::Resource => r.resource.clear(),
            Field::RequestId => r.request_id.clear(),
            Field::TraceId => r.trace_id.clear(),
            Field::ServerTime => r.server_time.clear(),
        }
    }

    fn append(&mut self, field: Field, s: &str) -> bool {
        let r = &mut *self.0;
        match field {
            Field::Code => push_cut(&mut r.code, s),
            Field::Message => push_cut(&mut r.message, s),
            Field::Resource => push_cut(&mut r.resource, s),
            Field::RequestId => push_cut(&mut r.request_id, s),
            Field::TraceId => push_cut(&mut r.trace_id, s),
            Field::ServerTime => push_cut(&mut r.server_time, s),
        }
    }
}

/// A record being built: its head, and its strings in a sink.
pub(crate) struct Builder<'s, S: RecordSink + ?Sized> {
    pub(crate) head: RecordHead,
    pub(crate) sink: &'s mut S,
}

impl<'s, S: RecordSink + ?Sized> Builder<'s, S> {
    pub(crate) fn new(head: RecordHead, sink: &'s mut S) -> Self {
        Builder { head, sink }
    }

    /// Copies a parsed body's verdict and fields ([`ErrorRecord::from_body`]).
    pub(crate) fn body(&mut self, body: &Body<'_>) {
        self.head.body_status = body.status();
        self.head.body_format = body.format();
        self.head.body_error = body.error();
        if body.is_partial() {
            self.head.flags.insert(Flags::PARTIAL);
        }
        for f in Field::ALL {
            if let Some(v) = body.field(f) {
                self.set_value(f, &v);
            }
        }
    }

    /// The text of `field` ("" when absent).
    pub(crate) fn get(&self, field: Field) -> &str {
        self.sink.text(field)
    }

    /// Whether `field` is present.
    pub(crate) fn has(&self, field: Field) -> bool {
        self.head.present.contains(field)
    }

    /// As [`ErrorRecord::set_value`].
    pub(crate) fn set_value(&mut self, field: Field, value: &Value<'_>) {
        self.clear(field);
        self.head.present.insert(field);
        let sink = &mut *self.sink;
        let cut = value
            .for_each_piece(|p| {
                let mut tmp = [0u8; 4];
                let s = match p {
                    Piece::Str(s) => s,
                    Piece::Char(c) => c.encode_utf8(&mut tmp),
                };
                if sink.append(field, s) {
                    ControlFlow::Continue(())
                } else {
                    ControlFlow::Break(())
                }
            })
            .is_break();
        if cut {
            self.head.truncated.insert(field);
        }
    }

    /// As [`ErrorRecord::set_str`].
    pub(crate) fn set_str(&mut self, field: Field, text: &str) {
        self.clear(field);
        self.head.present.insert(field);
        if !self.sink.append(field, text) {
            self.head.truncated.insert(field);
        }
    }

    /// As [`ErrorRecord::set_bytes`].
    pub(crate) fn set_bytes(&mut self, field: Field, bytes: &[u8], from_header: bool) {
        self.clear(field);
        self.head.present.insert(field);
        if from_header {
            self.head.from_header.insert(field);
        }
        // Valid UTF-8 (headers and URLs are ASCII) is checked fast in one go.
        if let Ok(text) = core::str::from_utf8(bytes) {
            if !self.sink.append(field, text) {
                self.head.truncated.insert(field);
            }
            return;
        }
        for chunk in bytes.utf8_chunks() {
            let fits = self.sink.append(field, chunk.valid())
                && (chunk.invalid().is_empty() || self.sink.append(field, "\u{FFFD}"));
            if !fits {
                self.head.truncated.insert(field);
                return;
            }
        }
    }

    fn clear(&mut self, field: Field) {
        self.head.present.remove(field);
        self.head.from_header.remove(field);
        self.head.truncated.remove(field);
        self.sink.clear(field);
    }
}

/// Pushes the longest prefix of `s` that fits, on a char boundary.
pub(crate) fn push_cut<const N: usize>(dst: &mut String<N>, s: &str) -> bool {
    let room = N - dst.len();
    let take = floor_char_boundary(s, room);
    let _ = dst.push_str(s.get(..take).unwrap_or(""));
    take == s.len()
}
