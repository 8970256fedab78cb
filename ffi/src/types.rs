//! The C types: the response coserr reads, the records it fills, the spans
//! and the extras iteration. `repr(C)`, plain numbers and arrays (no
//! `bool`, no pointer in a record), with their layout asserted at compile
//! time (the C tests assert the same with `_Static_assert`).

use core::ffi::c_char;
use core::mem::{offset_of, size_of};

use coserr_core::capacity;

/// One response header. The name is matched without regard to ASCII case; an
/// entry whose `name` is NULL is skipped. `(NULL, 0)` is an empty value.
/// Neither string needs a NUL terminator.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct coserr_header {
    /// The header name, any case (`x-cos-request-id`).
    pub name: *const c_char,
    /// Its length in bytes.
    pub name_len: usize,
    /// The raw value.
    pub value: *const c_char,
    /// Its length in bytes.
    pub value_len: usize,
}

/// Everything coserr needs of an HTTP response. Nothing is copied or kept
/// after the call returns. Strings need no NUL terminator.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct coserr_response {
    /// HTTP status; 0 = unknown (then only the body decides).
    pub status: u32,
    /// `"HEAD"` etc., any case; `(NULL, 0)` = unknown.
    pub method: *const c_char,
    /// Length of `method` in bytes.
    pub method_len: usize,
    /// The request URL (the `resource` fallback); `(NULL, 0)` = unknown.
    pub url: *const c_char,
    /// Length of `url` in bytes.
    pub url_len: usize,
    /// The response headers; `(NULL, 0)` = none.
    pub headers: *const coserr_header,
    /// Number of entries in `headers`.
    pub header_count: usize,
    /// The response body; `(NULL, 0)` = empty body.
    pub body: *const u8,
    /// Length of `body` in bytes.
    pub body_len: usize,
}

/// The error record: fixed size, no pointers, no `bool`; copy it freely.
/// The members after `server_time` came with ABI version 2.
///
/// Strings are NUL-terminated UTF-8; a value longer than its array is cut at
/// a UTF-8 boundary and its bit is set in `truncated`. An absent field is
/// `""` with its bit clear in `present`; present-and-empty is `""` with the
/// bit set.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct coserr_error {
    /// `COSERR_KIND_NONE` / `_SERVICE` / `_CLIENT`.
    pub kind: u32,
    /// HTTP status (0 = unknown).
    pub status: u32,
    /// `COSERR_BODY_OK` / `_EMPTY` / `_NOT_XML` / `_MALFORMED` / `_NOT_ERROR_DOC`.
    pub body_status: u32,
    /// Byte offset in the body where it stopped being well-formed, for
    /// `COSERR_BODY_MALFORMED` (BOM and leading whitespace counted; saturates
    /// at `UINT32_MAX`); 0 otherwise.
    pub body_offset: u32,
    /// Bit per field (`COSERR_FIELD_*`): the field is present (possibly empty).
    pub present: u32,
    /// Bit per field: the value came from a header or the URL, not the body.
    pub from_header: u32,
    /// Bit per field: the value was cut to its array at a UTF-8 boundary, or
    /// holds a NUL byte (`&#0;` cannot occur, but a JSON `\u0000` or a header
    /// byte can), so that C, reading up to the first NUL, sees less of it.
    pub truncated: u32,
    /// `COSERR_FLAG_PARTIAL`, `COSERR_FLAG_IDS_DISAGREE`,
    /// `COSERR_FLAG_SERVER_CLOCK`, `COSERR_FLAG_NOT_FROM_COS`.
    pub flags: u32,
    /// The known COS code (see `coserr_code_name`), or `COSERR_CODE_UNKNOWN`.
    pub code_id: u32,
    /// `COSERR_CATEGORY_*`.
    pub category: u32,
    /// 1 when sending the same request again may succeed (`retry` is
    /// `COSERR_RETRY_TRANSIENT` or `COSERR_RETRY_THROTTLE`), else 0.
    pub retryable: u32,
    /// `Code`, e.g. `NoSuchKey`.
    pub code: [c_char; 64],
    /// `Message` (for a client error: the start of the body).
    pub message: [c_char; 1024],
    /// `Resource`, or the URL when the body has none.
    pub resource: [c_char; 1024],
    /// `RequestId`, or the `x-cos-request-id` / `x-ci-request-id` / `x-img-request-id` header.
    pub request_id: [c_char; 128],
    /// `TraceId`, or the `x-cos-trace-id` header.
    pub trace_id: [c_char; 256],
    /// `ServerTime` (signature errors).
    pub server_time: [c_char; 64],
    /// `COSERR_RETRY_*`: what retrying can do for this answer (decided for
    /// every answer, errors and non-errors alike).
    pub retry: u32,
    /// The service's clock, Unix milliseconds; valid when `flags` has
    /// `COSERR_FLAG_SERVER_CLOCK` (else 0).
    pub server_time_ms: i64,
    /// The `Location` header: where a redirect points.
    pub location: [c_char; 1024],
    /// The `x-cos-bucket-region` header: the bucket's region.
    pub region: [c_char; 64],
}

/// The all-zero record.
const ZEROED: coserr_error = coserr_error {
    kind: 0,
    status: 0,
    body_status: 0,
    body_offset: 0,
    present: 0,
    from_header: 0,
    truncated: 0,
    flags: 0,
    code_id: 0,
    category: 0,
    retryable: 0,
    code: [0; 64],
    message: [0; 1024],
    resource: [0; 1024],
    request_id: [0; 128],
    trace_id: [0; 256],
    server_time: [0; 64],
    retry: 0,
    server_time_ms: 0,
    location: [0; 1024],
    region: [0; 64],
};

impl Default for coserr_error {
    fn default() -> Self {
        ZEROED
    }
}

/// Where one text of `coserr_parse_response_spans` lies: `len` bytes at
/// `offset` in the input `source` names (for `COSERR_SOURCE_HEADER`, the
/// value of `resp->headers[header]`). Plain numbers, no pointers.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct coserr_span {
    /// `COSERR_SOURCE_NONE`, `_BODY`, `_URL`, `_HEADER` or `_TEXT`.
    pub source: u32,
    /// For `COSERR_SOURCE_HEADER`: the index of the header in
    /// `resp->headers`; else 0.
    pub header: u32,
    /// Offset in bytes of the text in its source.
    pub offset: u32,
    /// Length of the text in bytes.
    pub len: u32,
}

/// The record of `coserr_parse_response_spans`: `coserr_error`'s numbers,
/// where each of its eight texts lies (in the inputs, or in the caller's text
/// buffer), and the body's extras iteration. Each text is exactly what the
/// `coserr_error` array holds before its NUL. Plain numbers, no pointers;
/// meant for bindings that keep the inputs and would rather not copy texts
/// they already hold (Go takes its strings from its own copy of the body).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct coserr_spans {
    /// As `coserr_error.kind`.
    pub kind: u32,
    /// As `coserr_error.status`.
    pub status: u32,
    /// As `coserr_error.body_status`.
    pub body_status: u32,
    /// As `coserr_error.body_offset`.
    pub body_offset: u32,
    /// As `coserr_error.present`.
    pub present: u32,
    /// As `coserr_error.from_header`.
    pub from_header: u32,
    /// As `coserr_error.truncated` (a text holding a NUL byte is cut there,
    /// as in `coserr_error`, and flagged).
    pub truncated: u32,
    /// As `coserr_error.flags`.
    pub flags: u32,
    /// As `coserr_error.code_id`.
    pub code_id: u32,
    /// As `coserr_error.category`.
    pub category: u32,
    /// As `coserr_error.retryable`.
    pub retryable: u32,
    /// 1 when the body has at least one extra (`coserr_extras_next` on
    /// `extras` gives one), else 0: a binding need not ask when there is
    /// none (found cheaply: most bodies have too few tags for an extra).
    pub has_extras: u32,
    /// Where `code` lies.
    pub code: coserr_span,
    /// Where `message` lies.
    pub message: coserr_span,
    /// Where `resource` lies.
    pub resource: coserr_span,
    /// Where `request_id` lies.
    pub request_id: coserr_span,
    /// Where `trace_id` lies.
    pub trace_id: coserr_span,
    /// Where `server_time` lies.
    pub server_time: coserr_span,
    /// An iteration over the body's extras (pass it to `coserr_extras_next`
    /// with the same body): it yields exactly what an iteration from
    /// `coserr_extras_begin` yields, but comes from this call's parse (no
    /// second parse) and, when there are extras, already stands at the
    /// first (the fields before it are not read again).
    pub extras: coserr_extras_iter,
    /// Where `location` lies.
    pub location: coserr_span,
    /// Where `region` lies.
    pub region: coserr_span,
    /// As `coserr_error.retry`.
    pub retry: u32,
    /// 0; ignored.
    pub reserved: u32,
    /// As `coserr_error.server_time_ms`.
    pub server_time_ms: i64,
}

/// A paused one-pass iteration over the extras of one body
/// (`coserr_extras_begin`, `coserr_extras_next`): plain numbers (offsets into
/// that body and the fields already met), no pointers, nothing to free.
/// Copy it freely: a copy taken before `coserr_extras_next` reads the same
/// extra again. All zero is an iteration with nothing left.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct coserr_extras_iter {
    /// Offset in the body of the next byte to read.
    pub pos: u64,
    /// Offset in the body where the error element's children end.
    pub end: u64,
    /// Bit per field (`COSERR_FIELD_*`) already met: a later one is an extra.
    pub seen: u32,
    /// 0; ignored.
    pub reserved: u32,
}

// Layout, asserted.
const _: () = {
    assert!(size_of::<coserr_error>() == 3704);
    assert!(align_of::<coserr_error>() == 8);
    assert!(offset_of!(coserr_error, kind) == 0);
    assert!(offset_of!(coserr_error, status) == 4);
    assert!(offset_of!(coserr_error, body_status) == 8);
    assert!(offset_of!(coserr_error, body_offset) == 12);
    assert!(offset_of!(coserr_error, present) == 16);
    assert!(offset_of!(coserr_error, from_header) == 20);
    assert!(offset_of!(coserr_error, truncated) == 24);
    assert!(offset_of!(coserr_error, flags) == 28);
    assert!(offset_of!(coserr_error, code_id) == 32);
    assert!(offset_of!(coserr_error, category) == 36);
    assert!(offset_of!(coserr_error, retryable) == 40);
    // `kind` .. `retryable` are written at once as a `[u32; 11]`
    // (`numbers::write_numbers`), in both records.
    assert!(size_of::<[u32; 11]>() == offset_of!(coserr_error, code));
    assert!(offset_of!(coserr_spans, kind) == 0);
    assert!(offset_of!(coserr_spans, retryable) == 40);
    assert!(size_of::<[u32; 11]>() == offset_of!(coserr_spans, has_extras));
    assert!(offset_of!(coserr_error, code) == 44);
    assert!(offset_of!(coserr_error, message) == 108);
    assert!(offset_of!(coserr_error, resource) == 1132);
    assert!(offset_of!(coserr_error, request_id) == 2156);
    assert!(offset_of!(coserr_error, trace_id) == 2284);
    assert!(offset_of!(coserr_error, server_time) == 2540);
    assert!(offset_of!(coserr_error, retry) == 2604);
    assert!(offset_of!(coserr_error, server_time_ms) == 2608);
    assert!(offset_of!(coserr_error, location) == 2616);
    assert!(offset_of!(coserr_error, region) == 3640);
    // The arrays are the core's capacities plus the NUL.
    assert!(size_of::<[c_char; 64]>() == capacity::CODE + 1);
    assert!(size_of::<[c_char; 1024]>() == capacity::MESSAGE + 1);
    assert!(size_of::<[c_char; 1024]>() == capacity::RESOURCE + 1);
    assert!(size_of::<[c_char; 128]>() == capacity::REQUEST_ID + 1);
    assert!(size_of::<[c_char; 256]>() == capacity::TRACE_ID + 1);
    assert!(size_of::<[c_char; 64]>() == capacity::SERVER_TIME + 1);
    assert!(size_of::<[c_char; 1024]>() == capacity::LOCATION + 1);
    assert!(size_of::<[c_char; 64]>() == capacity::REGION + 1);

    let p = size_of::<usize>();
    assert!(size_of::<*const u8>() == p);
    assert!(offset_of!(coserr_header, name) == 0);
    assert!(offset_of!(coserr_header, name_len) == p);
    assert!(offset_of!(coserr_header, value) == 2 * p);
    assert!(offset_of!(coserr_header, value_len) == 3 * p);
    assert!(size_of::<coserr_header>() == 4 * p);
    assert!(offset_of!(coserr_response, status) == 0);
    assert!(offset_of!(coserr_response, method) == p);
    assert!(offset_of!(coserr_response, method_len) == 2 * p);
    assert!(offset_of!(coserr_response, url) == 3 * p);
    assert!(offset_of!(coserr_response, url_len) == 4 * p);
    assert!(offset_of!(coserr_response, headers) == 5 * p);
    assert!(offset_of!(coserr_response, header_count) == 6 * p);
    assert!(offset_of!(coserr_response, body) == 7 * p);
    assert!(offset_of!(coserr_response, body_len) == 8 * p);
    assert!(size_of::<coserr_response>() == 9 * p);

    assert!(size_of::<coserr_span>() == 16);
    assert!(offset_of!(coserr_spans, has_extras) == 44);
    assert!(offset_of!(coserr_spans, code) == 48);
    assert!(offset_of!(coserr_spans, server_time) == 128);
    assert!(offset_of!(coserr_spans, extras) == 144);
    assert!(offset_of!(coserr_spans, location) == 168);
    assert!(offset_of!(coserr_spans, region) == 184);
    assert!(offset_of!(coserr_spans, retry) == 200);
    assert!(offset_of!(coserr_spans, reserved) == 204);
    assert!(offset_of!(coserr_spans, server_time_ms) == 208);
    assert!(size_of::<coserr_spans>() == 216);
    assert!(align_of::<coserr_spans>() == 8);

    assert!(offset_of!(coserr_extras_iter, pos) == 0);
    assert!(offset_of!(coserr_extras_iter, end) == 8);
    assert!(offset_of!(coserr_extras_iter, seen) == 16);
    assert!(offset_of!(coserr_extras_iter, reserved) == 20);
    assert!(size_of::<coserr_extras_iter>() == 24);
    assert!(align_of::<coserr_extras_iter>() == align_of::<u64>());
    // Every offset into a body fits the struct's `uint64_t`s.
    assert!(size_of::<usize>() <= size_of::<u64>());
};
