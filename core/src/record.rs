//! The owned error record: the record head (verdict, provenance, code
//! facts, decisions) and the eight texts, each copied into a fixed-capacity string.

use crate::body::Body;
use crate::builder::{Builder, RecordHead};
use crate::codes::{Category, CodeId};
use crate::field::{Field, FieldSet};
use crate::kind::{Flags, Kind};
use crate::retry::Retry;
use crate::status::{BodyFormat, BodyStatus, ParseError};
use crate::texts::Texts;
use crate::value::Value;

/// The owned COS error record.
///
/// Values longer than their capacity are cut at a UTF-8 boundary and their
/// bit is set in [`ErrorRecord::truncated`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorRecord {
    head: RecordHead,
    texts: Texts,
}

/// Read accessors of the record head's fields, each a copy of the field.
macro_rules! head_accessors {
    ($($(#[$doc:meta])* $name:ident: $ty:ty;)*) => {
        $($(#[$doc])* #[inline] pub fn $name(&self) -> $ty { self.head.$name })*
    };
}

impl ErrorRecord {
    head_accessors! {
        /// Service error, client error, or not an error.
        kind: Kind;
        /// HTTP status (0 = unknown).
        status: u32;
        /// The body verdict.
        body_status: BodyStatus;
        /// XML, JSON, or neither.
        body_format: BodyFormat;
        /// Where the body went wrong, for [`BodyStatus::Malformed`].
        body_error: Option<ParseError>;
        /// Fields present (possibly empty).
        present: FieldSet;
        /// Fields whose value came from a header or the URL, not the body.
        from_header: FieldSet;
        /// Fields whose value was cut to capacity.
        truncated: FieldSet;
        /// [`Flags::PARTIAL`], [`Flags::IDS_DISAGREE`], [`Flags::SERVER_CLOCK`],
        /// [`Flags::NOT_FROM_COS`].
        flags: Flags;
        /// The code, if it is one of the COS table's.
        code_id: CodeId;
        /// What kind of failure the status and code describe.
        category: Category;
        /// Whether retrying the same request may succeed: exactly when
        /// [`ErrorRecord::retry`] is [`Retry::Transient`] or [`Retry::Throttle`].
        retryable: bool;
        /// What retrying can do for this answer (decided for every answer,
        /// errors and non-errors alike; see [`retry`](crate::retry)).
        retry: Retry;
        /// The service's clock in Unix milliseconds, when known: from the
        /// body's `ServerTime` (RFC 3339), else the `Date` header (an
        /// HTTP-date); [`Flags::SERVER_CLOCK`] is set exactly then.
        server_time_ms: Option<i64>;
    }

    /// The service's clock minus `local_unix_ms` (the caller's clock, Unix
    /// milliseconds): how far to correct the local clock before signing
    /// again. `None` when the service's clock is unknown.
    pub fn clock_skew_ms(&self, local_unix_ms: i64) -> Option<i64> {
        Some(self.head.server_time_ms?.saturating_sub(local_unix_ms))
    }

    /// The eight texts (each "" when absent; see [`ErrorRecord::present`]).
    pub fn texts(&self) -> &Texts {
        &self.texts
    }

    /// A record with `head` and no texts yet: the C ABI rebuilds a record
    /// from its own struct this way, then sets the texts.
    #[doc(hidden)]
    pub fn from_head(head: RecordHead) -> Self {
        ErrorRecord {
            head,
            texts: Texts::default(),
        }
    }

    /// Copies a parsed body into an owned record. Only the body-derived
    /// parts are filled: [`ErrorRecord::from_response`] adds the rest.
    pub fn from_body(body: &Body<'_>) -> Self {
        let mut rec = ErrorRecord::default();
        rec.build(|b| b.body(body));
        rec
    }

    /// The text of `field` ("" when absent).
    pub fn get(&self, field: Field) -> &str {
        self.texts.get(field)
    }

    /// Whether `field` is present.
    pub fn has(&self, field: Field) -> bool {
        self.head.present.contains(field)
    }

    /// Replaces `field` with a decoded body value, marking it present.
    pub fn set_value(&mut self, field: Field, value: &Value<'_>) {
        self.build(|b| b.set_value(field, value));
    }

    /// Replaces `field` with `text`, marking it present.
    pub fn set_str(&mut self, field: Field, text: &str) {
        self.build(|b| b.set_str(field, text));
    }

    /// Replaces `field` with bytes that should be UTF-8 (a header, a URL, a
    /// body that could not be parsed); invalid sequences become U+FFFD.
    pub fn set_bytes(&mut self, field: Field, bytes: &[u8], from_header: bool) {
        self.build(|b| b.set_bytes(field, bytes, from_header));
    }

    /// Runs `f` on a builder over this record: the head is worked on as a
    /// local copy (kept in registers on the hot path) and stored back, the
    /// texts are written in place.
    #[inline]
    pub(crate) fn build(&mut self, f: impl FnOnce(&mut Builder<'_, Texts>)) {
        let mut b = Builder::new(self.head, &mut self.texts);
        f(&mut b);
        self.head = b.head;
    }
}
