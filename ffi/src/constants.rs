//! The `COSERR_*` constants: results, enumerations, field bits, flags and
//! the text buffer's size. Literal values so that cbindgen emits them as
//! `#define`s; each is checked against the core at compile time.

use coserr_core::{BodyStatus, Category, CodeId, Field, Flags, Kind, Retry, capacity};

/// The ABI version this library implements; also the soname's number
/// (`libcoserr.so.2`). It changes only when the ABI changes incompatibly.
pub const COSERR_ABI_VERSION: u32 = 2;

/// Result: the response is an error; `*out` holds it.
pub const COSERR_OK: u32 = 0;
/// Result: the response is not an error (kind `COSERR_KIND_NONE`); `*out`
/// still holds the status, the body verdict and any body fields.
pub const COSERR_NOT_AN_ERROR: u32 = 1;
/// Result: a required pointer was NULL, or a pointer was NULL with a length above 0.
pub const COSERR_NULL_ARGUMENT: u32 = 2;
/// Result: an internal panic was caught at the boundary (a bug: please report it).
pub const COSERR_PANIC: u32 = 3;
/// Result: an argument is out of range (a length above `PTRDIFF_MAX`).
pub const COSERR_INVALID_ARGUMENT: u32 = 4;
/// Result: no extra is left (`coserr_extras_next`), or the body has no
/// such field (`coserr_field_value`).
pub const COSERR_NOT_FOUND: u32 = 5;
/// Result: a text of `coserr_parse_response_spans` is not a piece of any
/// input (it was decoded or replaced) and no text buffer was given; `*out`
/// is all zero. Call again with one of `COSERR_TEXT_CAPACITY` bytes.
pub const COSERR_TEXT_NEEDED: u32 = 6;

/// `kind`: not an error (a 2xx/3xx without an error document).
pub const COSERR_KIND_NONE: u32 = 0;
/// `kind`: the service answered and the operation failed (`CosServiceError`).
pub const COSERR_KIND_SERVICE: u32 = 1;
/// `kind`: the answer could not be understood (`CosClientError`).
pub const COSERR_KIND_CLIENT: u32 = 2;

/// `body_status`: a well-formed error document (XML `<Error>` or a JSON error object).
pub const COSERR_BODY_OK: u32 = 0;
/// `body_status`: nothing but an optional BOM and whitespace.
pub const COSERR_BODY_EMPTY: u32 = 1;
/// `body_status`: starts with neither `<` nor `{` (plain text, garbage).
pub const COSERR_BODY_NOT_XML: u32 = 2;
/// `body_status`: starts like XML or JSON but is not well-formed (see `body_offset`).
pub const COSERR_BODY_MALFORMED: u32 = 3;
/// `body_status`: well-formed, but not an error document.
pub const COSERR_BODY_NOT_ERROR_DOC: u32 = 4;

/// Field bit (`present`, `from_header`, `truncated`): `code`.
pub const COSERR_FIELD_CODE: u32 = 1;
/// Field bit: `message`.
pub const COSERR_FIELD_MESSAGE: u32 = 2;
/// Field bit: `resource`.
pub const COSERR_FIELD_RESOURCE: u32 = 4;
/// Field bit: `request_id`.
pub const COSERR_FIELD_REQUEST_ID: u32 = 8;
/// Field bit: `trace_id`.
pub const COSERR_FIELD_TRACE_ID: u32 = 16;
/// Field bit: `server_time`.
pub const COSERR_FIELD_SERVER_TIME: u32 = 32;
/// Field bit: `location` (the `Location` header; never in a body).
pub const COSERR_FIELD_LOCATION: u32 = 64;
/// Field bit: `region` (the `x-cos-bucket-region` header; never in a body).
pub const COSERR_FIELD_REGION: u32 = 128;

/// `flags`: the body was malformed; the fields completed before the error are kept.
pub const COSERR_FLAG_PARTIAL: u32 = 1;
/// `flags`: the body's request id or trace id differs from the header's.
pub const COSERR_FLAG_IDS_DISAGREE: u32 = 2;
/// `flags`: `server_time_ms` holds the service's clock (from the body's
/// `ServerTime`, else the `Date` header).
pub const COSERR_FLAG_SERVER_CLOCK: u32 = 4;
/// `flags`: no request id anywhere (no non-empty `x-cos-request-id`,
/// `x-ci-request-id`, `x-img-request-id` header, no `RequestId` in the
/// body): the answer did not come from COS. Set by `coserr_parse_response`
/// and `coserr_parse_response_spans` only (`coserr_parse_body` has no
/// headers to judge).
pub const COSERR_FLAG_NOT_FROM_COS: u32 = 8;

/// `retry`: retrying as is will not help.
pub const COSERR_RETRY_NONE: u32 = 0;
/// `retry`: the service failed; retry with backoff.
pub const COSERR_RETRY_TRANSIENT: u32 = 1;
/// `retry`: too many requests; retry with a longer backoff.
pub const COSERR_RETRY_THROTTLE: u32 = 2;
/// `retry`: the local clock is off; correct it (`coserr_clock_skew_ms`),
/// sign again, then retry.
pub const COSERR_RETRY_CLOCK_SKEW: u32 = 3;
/// `retry`: the answer did not come from COS; retry on the backup domain.
pub const COSERR_RETRY_SWITCH_DOMAIN: u32 = 4;

/// `category`: none of the others, or nothing to go on.
pub const COSERR_CATEGORY_OTHER: u32 = 0;
/// `category`: the bucket, object, upload or configuration does not exist.
pub const COSERR_CATEGORY_NOT_FOUND: u32 = 1;
/// `category`: credentials, signature, clock skew, permissions, account standing.
pub const COSERR_CATEGORY_ACCESS_AUTH: u32 = 2;
/// `category`: the request conflicts with the current state of the resource.
pub const COSERR_CATEGORY_CONFLICT: u32 = 3;
/// `category`: a conditional request's condition did not hold (304, 412).
pub const COSERR_CATEGORY_PRECONDITION: u32 = 4;
/// `category`: too many requests: slow down and retry.
pub const COSERR_CATEGORY_THROTTLED: u32 = 5;
/// `category`: the request is wrong as sent: fix it before sending it again.
pub const COSERR_CATEGORY_INVALID_REQUEST: u32 = 6;
/// `category`: the service failed (5xx).
pub const COSERR_CATEGORY_SERVER: u32 = 7;
/// `category`: the resource is elsewhere (3xx other than 304).
pub const COSERR_CATEGORY_REDIRECT: u32 = 8;

/// `code_id`: the code is not one of the COS table's (the text is kept in `code`).
pub const COSERR_CODE_UNKNOWN: u32 = 0;

/// `coserr_span.source`: no text (an absent or empty field; `len` is 0).
pub const COSERR_SOURCE_NONE: u32 = 0;
/// `coserr_span.source`: the text is bytes of the body.
pub const COSERR_SOURCE_BODY: u32 = 1;
/// `coserr_span.source`: the text is bytes of the URL.
pub const COSERR_SOURCE_URL: u32 = 2;
/// `coserr_span.source`: the text is bytes of the value of header `header`.
pub const COSERR_SOURCE_HEADER: u32 = 3;
/// `coserr_span.source`: the text is bytes of the caller's text buffer.
pub const COSERR_SOURCE_TEXT: u32 = 4;

/// The least `text_cap` of `coserr_parse_response_spans`: the eight texts'
/// capacities summed (63 + 1023 + 1023 + 127 + 255 + 63 + 1023 + 63
/// bytes), so that every record fits.
pub const COSERR_TEXT_CAPACITY: usize = 3640;

// The constants are the core's values.
const _: () = {
    assert!(COSERR_KIND_NONE == Kind::None as u32);
    assert!(COSERR_KIND_SERVICE == Kind::Service as u32);
    assert!(COSERR_KIND_CLIENT == Kind::Client as u32);
    assert!(COSERR_BODY_OK == BodyStatus::Ok as u32);
    assert!(COSERR_BODY_EMPTY == BodyStatus::Empty as u32);
    assert!(COSERR_BODY_NOT_XML == BodyStatus::NotXml as u32);
    assert!(COSERR_BODY_MALFORMED == BodyStatus::Malformed as u32);
    assert!(COSERR_BODY_NOT_ERROR_DOC == BodyStatus::NotErrorDoc as u32);
    assert!(COSERR_FIELD_CODE == Field::Code.bit());
    assert!(COSERR_FIELD_MESSAGE == Field::Message.bit());
    assert!(COSERR_FIELD_RESOURCE == Field::Resource.bit());
    assert!(COSERR_FIELD_REQUEST_ID == Field::RequestId.bit());
    assert!(COSERR_FIELD_TRACE_ID == Field::TraceId.bit());
    assert!(COSERR_FIELD_SERVER_TIME == Field::ServerTime.bit());
    assert!(COSERR_FIELD_LOCATION == Field::Location.bit());
    assert!(COSERR_FIELD_REGION == Field::Region.bit());
    assert!(COSERR_FLAG_PARTIAL == Flags::PARTIAL);
    assert!(COSERR_FLAG_IDS_DISAGREE == Flags::IDS_DISAGREE);
    assert!(COSERR_FLAG_SERVER_CLOCK == Flags::SERVER_CLOCK);
    assert!(COSERR_FLAG_NOT_FROM_COS == Flags::NOT_FROM_COS);
    assert!(COSERR_RETRY_NONE == Retry::None.as_u32());
    assert!(COSERR_RETRY_TRANSIENT == Retry::Transient.as_u32());
    assert!(COSERR_RETRY_THROTTLE == Retry::Throttle.as_u32());
    assert!(COSERR_RETRY_CLOCK_SKEW == Retry::ClockSkew.as_u32());
    assert!(COSERR_RETRY_SWITCH_DOMAIN == Retry::SwitchDomain.as_u32());
    assert!(Retry::ALL.len() == 5);
    assert!(COSERR_CATEGORY_OTHER == Category::Other.as_u32());
    assert!(COSERR_CATEGORY_NOT_FOUND == Category::NotFound.as_u32());
    assert!(COSERR_CATEGORY_ACCESS_AUTH == Category::AccessAuth.as_u32());
    assert!(COSERR_CATEGORY_CONFLICT == Category::Conflict.as_u32());
    assert!(COSERR_CATEGORY_PRECONDITION == Category::Precondition.as_u32());
    assert!(COSERR_CATEGORY_THROTTLED == Category::Throttled.as_u32());
    assert!(COSERR_CATEGORY_INVALID_REQUEST == Category::InvalidRequest.as_u32());
    assert!(COSERR_CATEGORY_SERVER == Category::Server.as_u32());
    assert!(COSERR_CATEGORY_REDIRECT == Category::Redirect.as_u32());
    assert!(Category::ALL.len() == 9);
    assert!(COSERR_CODE_UNKNOWN == CodeId::Unknown.as_u32());
    assert!(
        COSERR_TEXT_CAPACITY
            == capacity::CODE
                + capacity::MESSAGE
                + capacity::RESOURCE
                + capacity::REQUEST_ID
                + capacity::TRACE_ID
                + capacity::SERVER_TIME
                + capacity::LOCATION
                + capacity::REGION
    );
};

#[cfg(test)]
mod tests {
    use super::*;
    use coserr_core::FieldSet;

    #[test]
    fn field_set_bits_cover_the_record() {
        let all = Field::ALL.iter().fold(FieldSet::EMPTY, |mut s, &f| {
            s.insert(f);
            s
        });
        assert_eq!(all.0, 255);
    }
}
