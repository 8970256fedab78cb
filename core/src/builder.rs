//! Building a record: the record head (everything but the texts) and the
//! sink the eight texts are written to, so that the C ABI can write straight
//! into its own struct while [`ErrorRecord`](crate::ErrorRecord) writes into
//! its texts.

use core::ops::ControlFlow;

use crate::body::Body;
use crate::codes::{Category, CodeId};
use crate::field::{Field, FieldSet};
use crate::kind::{Flags, Kind};
use crate::retry::Retry;
use crate::status::{BodyFormat, BodyStatus, ParseError};
use crate::value::Value;

/// Where the eight strings of a record are written while it is built:
/// [`ErrorRecord`]'s own texts, or another fixed-size layout (the C ABI
/// writes straight into its `coserr_error`, so that no intermediate record
/// is built and copied). [`RecordHead::build`] drives it.
///
/// A sink passed to the builder must start with every field empty.
///
/// [`ErrorRecord`]: crate::ErrorRecord
pub trait RecordSink {
    /// The text of `field` appended since it was last cleared ("" at first).
    fn text(&self, field: Field) -> &str;
    /// Empties `field`.
    fn clear(&mut self, field: Field);
    /// Appends the longest prefix of `s` that fits in the rest of `field`'s
    /// capacity ([`capacity::of`]) without splitting a character; false
    /// when `s` was cut.
    ///
    /// [`capacity::of`]: crate::capacity::of
    fn append(&mut self, field: Field, s: &str) -> bool;
}

/// Everything of an [`ErrorRecord`] but its eight texts: what
/// [`RecordHead::build`] returns beside the strings it writes into a
/// [`RecordSink`].
///
/// [`ErrorRecord`]: crate::ErrorRecord
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
    /// Whether retrying the same request may succeed ([`Retry::is_retryable`]).
    pub retryable: bool,
    /// What retrying can do for this answer.
    pub retry: Retry,
    /// The service's clock in Unix milliseconds, when known (then
    /// [`Flags::SERVER_CLOCK`] is set).
    pub server_time_ms: Option<i64>,
}

impl Default for RecordHead {
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
            retry: Retry::None,
            server_time_ms: None,
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

    /// Copies a parsed body's verdict and fields (`ErrorRecord::from_body`).
    pub(crate) fn body(&mut self, body: &Body<'_>) {
        self.head.body_status = body.status();
        self.head.body_format = body.format();
        self.head.body_error = body.error();
        if body.is_partial() {
            self.head.flags.insert(Flags::PARTIAL);
        }
        for f in Field::BODY {
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

    /// As [`ErrorRecord::set_value`](crate::ErrorRecord::set_value).
    pub(crate) fn set_value(&mut self, field: Field, value: &Value<'_>) {
        self.clear(field);
        self.head.present.insert(field);
        let sink = &mut *self.sink;
        let cut = value
            .for_each_piece(|p| {
                if sink.append(field, p.as_str(&mut [0; 4])) {
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

    /// As [`ErrorRecord::set_str`](crate::ErrorRecord::set_str).
    pub(crate) fn set_str(&mut self, field: Field, text: &str) {
        self.clear(field);
        self.head.present.insert(field);
        if !self.sink.append(field, text) {
            self.head.truncated.insert(field);
        }
    }

    /// As [`ErrorRecord::set_bytes`](crate::ErrorRecord::set_bytes).
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
