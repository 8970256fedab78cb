//! From an HTTP response to one error record: the decision table (see
//! docs/semantics.md), the header fallbacks and the provenance of every value.

use crate::body::{Body, parse_body};
use crate::builder::{Builder, RecordHead, RecordSink};
use crate::bytes::{WordName, load_word};
use crate::codes::{CodeId, category_of};
use crate::decisions::{Answer, Message};
use crate::field::Field;
use crate::kind::{Flags, Kind};
use crate::record::ErrorRecord;
use crate::status::{BodyFormat, BodyStatus};

/// A response's header list, looked up by name without regard to ASCII case.
///
/// Implemented for slices of [`Header`] and of `(&str, &str)` pairs; the C ABI
/// implements it over its own array, so no list is ever copied.
pub trait Headers {
    /// The value of the first non-empty header called `name` (`name` is
    /// lowercase ASCII). An empty header is as good as none: it must not
    /// hide a later one of the same name.
    fn get(&self, name: &str) -> Option<&[u8]>;

    /// The value of the first non-empty header called `header.name()`, which is all
    /// coserr ever asks. By default [`Headers::get`]; an implementation may
    /// answer from a table it filled in one pass over its list (the C ABI
    /// does), but must give the same answer as `get`.
    #[doc(hidden)]
    fn known(&self, header: KnownHeader) -> Option<&[u8]> {
        self.get(header.name())
    }

    /// [`Headers::known`] of every [`KnownHeader::ALL`], indexed by
    /// discriminant. By default one look-up each; the slice implementations
    /// read their list once.
    #[doc(hidden)]
    fn known_all(&self) -> KnownHeaders<'_> {
        KnownHeader::ALL.map(|h| self.known(h))
    }

    /// Whether these are the answer's headers (possibly none), rather than
    /// a stand-in for headers not given: only then does a missing request id
    /// mean the answer did not come from COS ([`Flags::NOT_FROM_COS`], and
    /// the first rule of [`retry`](crate::retry)).
    /// `()` is the stand-in.
    fn given(&self) -> bool {
        true
    }
}

/// The first non-empty value of each [`KnownHeader`], by discriminant.
#[doc(hidden)]
pub type KnownHeaders<'v> = [Option<&'v [u8]>; KnownHeader::ALL.len()];

/// One pass over `(name, value)` pairs: the first non-empty value of each
/// known header.
fn known_in<'v>(pairs: impl Iterator<Item = (&'v [u8], &'v [u8])>) -> KnownHeaders<'v> {
    let mut out = [None; KnownHeader::ALL.len()];
    for (name, value) in pairs {
        if let Some(h) = KnownHeader::from_name(name)
            && !value.is_empty()
        {
            out[h as usize].get_or_insert(value);
        }
    }
    out
}

named_enum! {
    /// The headers coserr reads (all of them: [`KnownHeader::ALL`]).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum KnownHeader: u32 {
        /// `x-cos-error-code` (vector buckets answer with the code in it).
        ErrorCode = 0 => "x-cos-error-code",
        /// `x-cos-request-id`, the first request-id header in order of preference.
        CosRequestId = 1 => "x-cos-request-id",
        /// `x-ci-request-id`, the second.
        CiRequestId = 2 => "x-ci-request-id",
        /// `x-img-request-id`, the third.
        ImgRequestId = 3 => "x-img-request-id",
        /// `x-cos-trace-id`.
        TraceId = 4 => "x-cos-trace-id",
        /// `date`: the service's clock when the body has no `ServerTime`.
        Date = 5 => "date",
        /// `location`: where a redirect points.
        Location = 6 => "location",
        /// `x-cos-bucket-region`: the region the bucket is in.
        BucketRegion = 7 => "x-cos-bucket-region",
    }
    /// The header name, lowercase.
    fn name;
}

impl KnownHeader {
    /// The known header called `name` (any ASCII case), if any.
    pub fn from_name(name: &[u8]) -> Option<KnownHeader> {
        let candidates: &[KnownHeader] = match name.len() {
            // `date`: one word, letters folded to lowercase by `| 0x20`
            // (exact: only a letter's two cases fold to it).
            4 => {
                let word = u32::from_le_bytes(*name.first_chunk::<4>()?) | 0x2020_2020;
                return (word == u32::from_le_bytes(*b"date")).then_some(KnownHeader::Date);
            }
            8 => {
                let word = load_word(name, 0);
                return LOCATION
                    .matches(word, word)
                    .then_some(KnownHeader::Location);
            }
            14 => &[KnownHeader::TraceId],
            15 => &[KnownHeader::CiRequestId],
            16 => &[
                KnownHeader::CosRequestId,
                KnownHeader::ErrorCode,
                KnownHeader::ImgRequestId,
            ],
            19 => {
                let region = KnownHeader::BucketRegion;
                return name
                    .eq_ignore_ascii_case(region.name().as_bytes())
                    .then_some(region);
            }
            _ => return None,
        };
        // Two overlapping words per name (all are 14 to 16 bytes), compared
        // with the letters folded to lowercase: `eq_ignore_ascii_case`,
        // without a loop over the bytes.
        let (lo, hi) = (load_word(name, 0), load_word(name, name.len() - 8));
        candidates
            .iter()
            .copied()
            .find(|&h| FOLDED.get(h as usize).is_some_and(|f| f.matches(lo, hi)))
    }
}

/// `location` in any ASCII case, one word.
const LOCATION: WordName = WordName::folded(KnownHeader::Location.name().as_bytes());

/// The names of the first five known headers (14 to 16 bytes), matched in
/// any ASCII case, by discriminant.
const FOLDED: [WordName; 5] = [
    WordName::folded(KnownHeader::ErrorCode.name().as_bytes()),
    WordName::folded(KnownHeader::CosRequestId.name().as_bytes()),
    WordName::folded(KnownHeader::CiRequestId.name().as_bytes()),
    WordName::folded(KnownHeader::ImgRequestId.name().as_bytes()),
    WordName::folded(KnownHeader::TraceId.name().as_bytes()),
];

/// One header: name and value as bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header<'a> {
    /// The header name, any case.
    pub name: &'a [u8],
    /// The raw value.
    pub value: &'a [u8],
}

impl Headers for [Header<'_>] {
    fn get(&self, name: &str) -> Option<&[u8]> {
        self.iter()
            .find(|h| !h.value.is_empty() && h.name.eq_ignore_ascii_case(name.as_bytes()))
            .map(|h| h.value)
    }

    fn known_all(&self) -> KnownHeaders<'_> {
        known_in(self.iter().map(|h| (h.name, h.value)))
    }
}

impl Headers for [(&str, &str)] {
    fn get(&self, name: &str) -> Option<&[u8]> {
        self.iter()
            .find(|(n, v)| !v.is_empty() && n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_bytes())
    }

    fn known_all(&self) -> KnownHeaders<'_> {
        known_in(self.iter().map(|(n, v)| (n.as_bytes(), v.as_bytes())))
    }
}

/// Headers not given (a body alone): nothing is concluded from their
/// absence.
impl Headers for () {
    fn get(&self, _name: &str) -> Option<&[u8]> {
        None
    }

    fn given(&self) -> bool {
        false
    }
}

/// Everything coserr needs of an HTTP response.
#[derive(Clone, Copy, Debug)]
pub struct Response<'a, H: Headers + ?Sized> {
    /// HTTP status; 0 when unknown (then only the body decides).
    pub status: u32,
    /// `HEAD`, `GET`... (any case); empty when unknown.
    pub method: &'a [u8],
    /// The request URL; empty when unknown.
    pub url: &'a [u8],
    /// The response headers.
    pub headers: &'a H,
    /// The response body (possibly empty).
    pub body: &'a [u8],
}

/// Request-id headers, in order of preference.
const REQUEST_ID_HEADERS: [KnownHeader; 3] = [
    KnownHeader::CosRequestId,
    KnownHeader::CiRequestId,
    KnownHeader::ImgRequestId,
];

/// What the Python SDK reports for a HEAD that finds nothing (HEAD has no body).
pub const HEAD_NOT_FOUND_CODE: &str = "NoSuchResource";
/// The message that goes with [`HEAD_NOT_FOUND_CODE`].
pub const HEAD_NOT_FOUND_MESSAGE: &str = "The Resource You Head Not Exist";

impl ErrorRecord {
    /// Builds the error record of a response, parsing its body.
    ///
    /// | case | kind |
    /// |---|---|
    /// | status < 400 (or unknown) and the body is an XML `<Error>` document | service |
    /// | status < 400 otherwise | none |
    /// | status ≥ 400 with `x-cos-error-code` | service (code from the header) |
    /// | status ≥ 400, empty body | service (HEAD 404: `NoSuchResource`) |
    /// | status ≥ 400, XML or JSON error body | service |
    /// | status ≥ 400, body not XML, malformed, or not an error document | client |
    ///
    /// With status 0 (unknown), a body that is not XML or is malformed is a
    /// client error, and an empty body or a well-formed non-error document is
    /// not an error. A JSON body inside a 2xx is never an error: Tencent
    /// APIs answer success as `{"code":0,...}`.
    pub fn from_response<H: Headers + ?Sized>(resp: &Response<'_, H>) -> ErrorRecord {
        Self::from_parsed(resp, &parse_body(resp.body))
    }

    /// As [`ErrorRecord::from_response`], for a body the caller already parsed.
    pub fn from_parsed<H: Headers + ?Sized>(
        resp: &Response<'_, H>,
        body: &Body<'_>,
    ) -> ErrorRecord {
        let mut rec = ErrorRecord::default();
        rec.build(|b| {
            b.body(body);
            b.response(resp, body);
        });
        rec
    }
}

impl RecordHead {
    /// [`ErrorRecord::from_parsed`] into any storage: writes the eight strings
    /// into `sink` (which must start with every field empty) and returns the
    /// rest of the record. The record is exactly `from_parsed`'s: that is
    /// this function with the record's own strings as the sink.
    pub fn build<H: Headers + ?Sized, S: RecordSink + ?Sized>(
        resp: &Response<'_, H>,
        body: &Body<'_>,
        sink: &mut S,
    ) -> RecordHead {
        let mut rec = Builder::new(RecordHead::default(), sink);
        rec.body(body);
        rec.response(resp, body);
        rec.head
    }
}

impl<S: RecordSink + ?Sized> Builder<'_, S> {
    /// The response part of [`RecordHead::build`], after [`Builder::body`].
    fn response<H: Headers + ?Sized>(&mut self, resp: &Response<'_, H>, body: &Body<'_>) {
        let rec = self;
        rec.head.status = resp.status;
        // An empty header is no header: it must not hide the next one.
        let known = resp.headers.known_all();
        let header = |h: KnownHeader| known[h as usize].filter(|v| !v.is_empty());
        let header_code = header(KnownHeader::ErrorCode);
        let request_id = REQUEST_ID_HEADERS.into_iter().find_map(header);
        rec.head.kind = classify(resp.status, body, header_code.is_some());
        let mut message = Message::BodyField;
        if rec.head.kind != Kind::None {
            message = rec.error_texts(resp, body, header_code);
            rec.fall_back(Field::RequestId, request_id);
            rec.fall_back(Field::TraceId, header(KnownHeader::TraceId));
            rec.fall_back(Field::Resource, Some(resp.url).filter(|u| !u.is_empty()));
            rec.finish();
        }
        for (field, h) in [
            (Field::Location, KnownHeader::Location),
            (Field::Region, KnownHeader::BucketRegion),
        ] {
            if let Some(value) = header(h) {
                rec.set_bytes(field, value, true);
            }
        }
        rec.decide(&Answer {
            body,
            message,
            request_id_header: request_id.is_some(),
            headers_given: resp.headers.given(),
            date: header(KnownHeader::Date),
        });
    }

    /// The texts only an error has: the body's start as the message of a
    /// client error, the code of `x-cos-error-code`, the HEAD 404 texts.
    /// Returns where the message's whole text is.
    fn error_texts<'r, H: Headers + ?Sized>(
        &mut self,
        resp: &Response<'r, H>,
        body: &Body<'_>,
        header_code: Option<&[u8]>,
    ) -> Message<'r> {
        let rec = self;
        let mut message = Message::BodyField;
        if rec.head.kind == Kind::Client {
            // The body could not be read: keep its start as the message so
            // nothing is lost (a partial body's completed fields stay too).
            rec.set_bytes(Field::Message, resp.body, false);
            message = Message::BodyText(resp.body);
        }
        if let Some(code) = header_code {
            rec.set_bytes(Field::Code, code, true);
            // The message is the body's own (vector buckets: JSON `message`),
            // or else the body's text.
            if rec.get(Field::Message).is_empty() && !resp.body.is_empty() {
                rec.set_bytes(Field::Message, resp.body, false);
                message = Message::BodyText(resp.body);
            }
        }
        // HEAD has no body: the Python SDK's code and message stand in,
        // unless the server sent its code in a header.
        let head_404 = resp.status == 404 && resp.method.eq_ignore_ascii_case(b"HEAD");
        if head_404 && header_code.is_none() && body.status() == BodyStatus::Empty {
            rec.set_str(Field::Code, HEAD_NOT_FOUND_CODE);
            rec.set_str(Field::Message, HEAD_NOT_FOUND_MESSAGE);
            message = Message::Record;
        }
        message
    }

    /// Fills `field` from a header (or the URL) when the body left it absent
    /// or empty; flags a disagreement when both have a value.
    fn fall_back(&mut self, field: Field, value: Option<&[u8]>) {
        let Some(value) = value else { return };
        if self.has(field) && !self.get(field).is_empty() {
            if field != Field::Resource && !self.equals_bytes(field, value) {
                self.head.flags.insert(Flags::IDS_DISAGREE);
            }
            return;
        }
        self.set_bytes(field, value, true);
    }

    fn equals_bytes(&self, field: Field, value: &[u8]) -> bool {
        let have = self.get(field).as_bytes();
        if self.head.truncated.contains(field) {
            value.starts_with(have)
        } else {
            have == value
        }
    }

    /// Fills the derived values of an error: code id and category.
    fn finish(&mut self) {
        let code = self.get(Field::Code);
        let id = CodeId::from_code(code);
        self.head.category = category_of(id, self.head.status, code);
        self.head.code_id = id;
    }
}

/// Which row of the decision table a response falls in.
fn classify(status: u32, body: &Body<'_>, has_error_code_header: bool) -> Kind {
    let xml_error = body.status() == BodyStatus::Ok && body.format() == BodyFormat::Xml;
    match status {
        0 => match body.status() {
            BodyStatus::Ok => Kind::Service,
            BodyStatus::NotXml | BodyStatus::Malformed => Kind::Client,
            BodyStatus::Empty | BodyStatus::NotErrorDoc => Kind::None,
        },
        1..400 => {
            if xml_error {
                Kind::Service
            } else {
                Kind::None
            }
        }
        _ if has_error_code_header => Kind::Service,
        _ => match body.status() {
            BodyStatus::Ok | BodyStatus::Empty => Kind::Service,
            BodyStatus::NotXml | BodyStatus::Malformed | BodyStatus::NotErrorDoc => Kind::Client,
        },
    }
}

/// The record's getters of the same name, on [`CosError`].
macro_rules! record_getters {
    ($($(#[$doc:meta])* $name:ident: $ty:ty;)*) => {
        $($(#[$doc])* #[inline] pub fn $name(&self) -> $ty { self.record.$name() })*
    };
}

/// A response's error record together with the body it came from, for
/// what the fixed record cannot hold: the raw body and the extras.
#[derive(Clone, Debug)]
pub struct CosError<'a> {
    /// The owned record.
    pub record: ErrorRecord,
    /// The parsed body (spans into the caller's bytes).
    pub body: Body<'a>,
}

impl<'a> CosError<'a> {
    /// Parses a response. `None` when it is not an error.
    pub fn from_response<H: Headers + ?Sized>(resp: &Response<'a, H>) -> Option<CosError<'a>> {
        let body = parse_body(resp.body);
        let record = ErrorRecord::from_parsed(resp, &body);
        (record.kind() != Kind::None).then_some(CosError { record, body })
    }

    /// `get_origin_msg()`: the body exactly as received.
    pub fn origin_msg(&self) -> &'a [u8] {
        self.body.bytes()
    }

    /// The other children of the error element (`HostId`, `StringToSign`...).
    pub fn extras(&self) -> crate::Extras<'a> {
        self.body.extras()
    }

    record_getters! {
        /// Service or client error (never [`Kind::None`]).
        kind: Kind;
        /// `get_status_code()`: the HTTP status (0 = unknown).
        status_code: u32;
        /// `get_error_code()`: the COS code, e.g. `NoSuchKey`.
        error_code: Option<&str>;
        /// `get_error_msg()`: the message.
        error_msg: Option<&str>;
        /// `get_resource_location()`: the resource (the URL when the body has none).
        resource_location: Option<&str>;
        /// `get_request_id()`: the key for COS's diagnosis tool.
        request_id: Option<&str>;
        /// `get_trace_id()`.
        trace_id: Option<&str>;
        /// `get_digest_msg()`: a value whose `Display` is the JSON digest.
        digest: crate::Digest<'_>;
        /// What retrying can do for this answer.
        retry: crate::Retry;
        /// The service's clock in Unix milliseconds, when known.
        server_time_ms: Option<i64>;
        /// The `Location` header.
        location: Option<&str>;
        /// The `x-cos-bucket-region` header.
        region: Option<&str>;
    }

    /// The service's clock minus `local_unix_ms`; `None` when unknown.
    pub fn clock_skew_ms(&self, local_unix_ms: i64) -> Option<i64> {
        self.record.clock_skew_ms(local_unix_ms)
    }

    /// Whether the answer carries a request id (header or body), the mark
    /// of an answer that came from COS.
    pub fn from_cos(&self) -> bool {
        !self.record.flags().contains(Flags::NOT_FROM_COS)
    }
}

impl core::fmt::Display for CosError<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.record.fmt(f)
    }
}

impl core::error::Error for CosError<'_> {}
