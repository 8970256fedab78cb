//! # coserr-ffi — the C ABI of coserr
//!
//! Builds `libcoserr.a` and `libcoserr.so` (soname `libcoserr.so.2`; cargo
//! names them `libcoserr_ffi.*`, `make lib` renames them); the
//! header `include/coserr.h` is generated from this file by a pinned cbindgen
//! (`make header-check` fails when it is stale), so the rustdoc below is the
//! header's documentation.
//!
//! Conventions (DESIGN §4, see `ffi/README.md`):
//!
//! - every pointer is checked: a NULL that must not be NULL gives
//!   `COSERR_NULL_ARGUMENT`; a `(NULL, 0)` pointer/length pair is an empty
//!   slice, NULL with a length above 0 is `COSERR_NULL_ARGUMENT`;
//! - `*out` is always zeroed first, whatever the result;
//! - the output record holds no pointer and no `bool`: it can be copied,
//!   stored and freed by the caller like any plain struct; nothing is ever
//!   allocated for the caller and nothing has to be released;
//! - every export runs behind one panic boundary ([`guard`]) and answers
//!   `COSERR_PANIC` (or a documented fallback) instead of unwinding into C;
//! - no global state: every function is reentrant and thread-safe;
//! - inputs that are enumerations are `uint32_t`.
//!
//! Rust code (benchmarks, tests) can call the exports through the rlib, as
//! `coserr_ffi::coserr_parse_response` with the dependency
//! `coserr-ffi = { path = "../ffi" }`.
#![deny(unsafe_op_in_unsafe_fn)]
#![deny(clippy::undocumented_unsafe_blocks)]
#![deny(missing_docs)]
#![allow(non_camel_case_types)]

use core::ffi::c_char;
use core::mem::{offset_of, size_of};
use std::panic::{UnwindSafe, catch_unwind};

use coserr_core::{
    BodyFormat, BodyStatus, Category, CodeId, ErrorRecord, Extra, Extras, ExtrasState, Field,
    Flags, Headers, Kind, KnownHeader, RecordHead, RecordSink, Response, capacity, parse_body,
};

mod code_names;
mod field_value;
mod spans;
mod text;

pub use field_value::coserr_field_value;

use text::{Writer, record_of};

#[cfg(panic = "abort")]
compile_error!("coserr-ffi needs panic = \"unwind\": its exports catch panics at the C boundary");

// ---------------------------------------------------------------------------
// Constants. Literal values so that cbindgen emits them as `#define`s; each is
// checked against the core at compile time below.

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

/// `flags`: the body was malformed; the fields completed before the error are kept.
pub const COSERR_FLAG_PARTIAL: u32 = 1;
/// `flags`: the body's request id or trace id differs from the header's.
pub const COSERR_FLAG_IDS_DISAGREE: u32 = 2;

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

/// The least `text_cap` of `coserr_parse_response_spans`: the six texts'
/// capacities summed (63 + 1023 + 1023 + 127 + 255 + 63 bytes), so that
/// every record fits.
pub const COSERR_TEXT_CAPACITY: usize = 2554;

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
    assert!(COSERR_FLAG_PARTIAL == Flags::PARTIAL);
    assert!(COSERR_FLAG_IDS_DISAGREE == Flags::IDS_DISAGREE);
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
    );
};

// ---------------------------------------------------------------------------
// Types.

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
    /// `COSERR_FLAG_PARTIAL`, `COSERR_FLAG_IDS_DISAGREE`.
    pub flags: u32,
    /// The known COS code (see `coserr_code_name`), or `COSERR_CODE_UNKNOWN`.
    pub code_id: u32,
    /// `COSERR_CATEGORY_*`.
    pub category: u32,
    /// 1 when sending the same request again may succeed, else 0.
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
/// where each of its six texts lies (in the inputs, or in the caller's text
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

// Layout, asserted (the C tests assert the same with `_Static_assert`).
const _: () = {
    assert!(size_of::<coserr_error>() == 2604);
    assert!(align_of::<coserr_error>() == 4);
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
    // `kind` .. `retryable` are written at once as a `[u32; 11]` (`parse_into`).
    assert!(size_of::<[u32; 11]>() == offset_of!(coserr_error, code));
    assert!(offset_of!(coserr_error, code) == 44);
    assert!(offset_of!(coserr_error, message) == 108);
    assert!(offset_of!(coserr_error, resource) == 1132);
    assert!(offset_of!(coserr_error, request_id) == 2156);
    assert!(offset_of!(coserr_error, trace_id) == 2284);
    assert!(offset_of!(coserr_error, server_time) == 2540);
    // The arrays are the core's capacities plus the NUL.
    assert!(size_of::<[c_char; 64]>() == capacity::CODE + 1);
    assert!(size_of::<[c_char; 1024]>() == capacity::MESSAGE + 1);
    assert!(size_of::<[c_char; 1024]>() == capacity::RESOURCE + 1);
    assert!(size_of::<[c_char; 128]>() == capacity::REQUEST_ID + 1);
    assert!(size_of::<[c_char; 256]>() == capacity::TRACE_ID + 1);
    assert!(size_of::<[c_char; 64]>() == capacity::SERVER_TIME + 1);

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
    assert!(size_of::<coserr_spans>() == 168);
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

// ---------------------------------------------------------------------------
// The panic boundary and argument checks.

/// The one panic boundary: every export runs its body through this, so a
/// panic (a bug; the core never panics by design) becomes `on_panic` instead
/// of unwinding into C. Nothing is shared between calls, so no state can be
/// left broken by an unwind.
fn guard<T>(on_panic: T, f: impl FnOnce() -> T + UnwindSafe) -> T {
    catch_unwind(f).unwrap_or(on_panic)
}

/// Result of an argument check: the error is a `COSERR_*` result.
type Checked<T> = Result<T, u32>;

/// A `(pointer, length)` pair as a slice: `(NULL, 0)` is empty, NULL with a
/// length above 0 is `COSERR_NULL_ARGUMENT`, a length over `isize::MAX`
/// bytes is `COSERR_INVALID_ARGUMENT`.
///
/// # Safety
///
/// A non-NULL `ptr` must point to `len` initialised `T`s that stay valid and
/// unmodified for `'a`.
unsafe fn slice<'a, T>(ptr: *const T, len: usize) -> Checked<&'a [T]> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(COSERR_NULL_ARGUMENT);
    }
    if len > isize::MAX as usize / size_of::<T>().max(1) {
        return Err(COSERR_INVALID_ARGUMENT);
    }
    // SAFETY: non-NULL, the size fits in isize (checked), and the caller
    // guarantees `len` valid elements for 'a.
    Ok(unsafe { core::slice::from_raw_parts(ptr, len) })
}

/// The C header array, read through the core's [`Headers`] trait without
/// copying. Built only by [`CHeaders::new`], which checks every entry and
/// notes, in the same pass, the first value of each header coserr reads.
struct CHeaders<'a> {
    all: &'a [coserr_header],
    /// The first value of each [`KnownHeader`], by discriminant.
    known: [Option<&'a [u8]>; 5],
    /// The index in `all` of each of those values (0 when there is none).
    known_at: [usize; 5],
}

impl<'a> CHeaders<'a> {
    /// Checks every entry: a NULL name is skipped later; a value (or name)
    /// that is NULL with a length above 0, or longer than `isize::MAX`, is
    /// rejected here, so that [`Headers::get`] cannot fail. Notes the first
    /// value of every known header on the way, so that the core's look-ups
    /// ([`Headers::known`]) need no scan.
    ///
    /// # Safety
    ///
    /// Every non-NULL pointer in `headers` must be valid for its length for 'a.
    unsafe fn new(headers: &'a [coserr_header]) -> Checked<Self> {
        let mut known = [None; 5];
        let mut known_at = [0; 5];
        for (i, h) in headers.iter().enumerate() {
            if h.name.is_null() {
                continue;
            }
            // SAFETY: the caller vouches for the pointers (see above).
            let (n, v) = unsafe {
                (
                    slice(h.name.cast::<u8>(), h.name_len)?,
                    slice(h.value.cast::<u8>(), h.value_len)?,
                )
            };
            if let Some(k) = KnownHeader::from_name(n)
                && known[k as usize].is_none()
            {
                known[k as usize] = Some(v);
                known_at[k as usize] = i;
            }
        }
        Ok(CHeaders {
            all: headers,
            known,
            known_at,
        })
    }
}

impl Headers for CHeaders<'_> {
    fn get(&self, name: &str) -> Option<&[u8]> {
        self.all.iter().filter(|h| !h.name.is_null()).find_map(|h| {
            // SAFETY: every entry with a non-NULL name was checked by
            // `CHeaders::new` (so neither call fails), the caller of the
            // export vouches for the pointers for the duration of the call,
            // and `c_char` and `u8` have the same size and alignment.
            let (n, v) = unsafe {
                (
                    slice(h.name.cast::<u8>(), h.name_len).ok()?,
                    slice(h.value.cast::<u8>(), h.value_len).ok()?,
                )
            };
            n.eq_ignore_ascii_case(name.as_bytes()).then_some(v)
        })
    }

    fn known(&self, header: KnownHeader) -> Option<&[u8]> {
        self.known[header as usize]
    }
}

/// Six byte regions, one per field, as the core's [`RecordSink`]: the core
/// writes every string straight into the caller's memory (the arrays of a
/// `coserr_error`, or the text buffer of `coserr_parse_response_spans`),
/// so no intermediate [`ErrorRecord`] is built and copied, and no byte is
/// zeroed only to be overwritten.
///
/// It holds raw pointers, not references, because the regions may be
/// uninitialised C memory: only bytes the sink wrote are ever read back.
struct Regions {
    /// The start of each field's region, indexed by `Field as usize`; each
    /// is valid for writes of `cap` bytes, and not otherwise accessed, for
    /// as long as the sink lives ([`Regions::new`]).
    base: [*mut u8; 6],
    /// The capacity of each region in bytes (text only, no NUL).
    cap: [usize; 6],
    /// The length of each field's text; `len <= cap`. The first `len`
    /// bytes of each region were written by the sink and are UTF-8.
    len: [usize; 6],
}

impl Regions {
    /// A sink over six regions, which may hold anything (they are not read).
    ///
    /// # Safety
    ///
    /// Each `base[i]` must be valid for writes of `cap[i]` bytes, the
    /// regions must not overlap each other or anything the core reads,
    /// and nothing else may access them while the sink lives.
    unsafe fn new(base: [*mut u8; 6], cap: [usize; 6]) -> Self {
        Regions {
            base,
            cap,
            len: [0; 6],
        }
    }

    /// The bytes of `field`'s text.
    fn bytes(&self, field: Field) -> &[u8] {
        let i = field as usize;
        // SAFETY: the first `len[i] <= cap[i]` bytes of the region were
        // written by `append`, so they are initialised, and nothing else
        // writes the region while the sink (hence this borrow) lives.
        unsafe { core::slice::from_raw_parts(self.base[i], self.len[i]) }
    }

    /// C strings end at the first NUL: the fields whose text holds one
    /// (cut there for C; see [`nul_checked`]).
    fn nul_fields(&self, head: &RecordHead) -> u32 {
        let mut bits = 0;
        for f in Field::ALL {
            if nul_checked(head, f) && self.bytes(f).contains(&0) {
                bits |= f.bit();
            }
        }
        bits
    }
}

/// Whether `field`'s text may hold a NUL (which C strings end at): values
/// read from a well-formed XML body cannot (NUL is not an XML character),
/// so only JSON, raw body text and header values are looked at.
fn nul_checked(head: &RecordHead, field: Field) -> bool {
    let xml = head.body_format == BodyFormat::Xml && head.body_status == BodyStatus::Ok;
    !xml || head.from_header.contains(field)
}

impl RecordSink for Regions {
    fn text(&self, field: Field) -> &str {
        // SAFETY: the first `len` bytes of the region were written only by
        // `append`, each time a prefix of a `&str` cut at a character
        // boundary, right after the previous ones (and `clear` resets `len`
        // to 0): they are valid UTF-8.
        unsafe { core::str::from_utf8_unchecked(self.bytes(field)) }
    }

    fn clear(&mut self, field: Field) {
        // The bytes dropped are overwritten or zeroed by the finisher.
        self.len[field as usize] = 0;
    }

    #[inline]
    fn append(&mut self, field: Field, s: &str) -> bool {
        let i = field as usize;
        let len = self.len[i];
        let mut take = s.len().min(self.cap[i].saturating_sub(len));
        while !s.is_char_boundary(take) {
            take -= 1;
        }
        // SAFETY: `len + take <= cap`, so the destination lies inside the
        // region, valid for writes (`Regions::new`); the source is `take <=
        // s.len()` bytes of `s`, which does not overlap the regions.
        unsafe { core::ptr::copy_nonoverlapping(s.as_ptr(), self.base[i].add(len), take) };
        self.len[i] = len + take;
        take == s.len()
    }
}

/// `*out`'s six arrays as regions (each its array less the NUL).
///
/// # Safety
///
/// `out` must be valid for writes of one aligned `coserr_error`, and must
/// not be accessed otherwise (nor overlap anything the core reads) while
/// the sink lives.
unsafe fn record_regions(out: *mut coserr_error) -> Regions {
    /// A C array field as a byte pointer and its length without the NUL.
    fn array<const N: usize>(a: *mut [c_char; N]) -> (*mut u8, usize) {
        (a.cast::<u8>(), N - 1)
    }
    // SAFETY: `out` points to one valid `coserr_error`, so each field
    // projection stays inside it; nothing is read or written here.
    let a = unsafe {
        [
            array(&raw mut (*out).code),
            array(&raw mut (*out).message),
            array(&raw mut (*out).resource),
            array(&raw mut (*out).request_id),
            array(&raw mut (*out).trace_id),
            array(&raw mut (*out).server_time),
        ]
    };
    // SAFETY: the arrays are disjoint fields of `*out`, which the caller
    // guarantees is valid for writes and exclusive.
    unsafe { Regions::new(a.map(|r| r.0), a.map(|r| r.1)) }
}

/// The scalars of a record as C's `uint32_t`s, in `coserr_error`'s order
/// (`kind` to `retryable`), with `truncated` as given.
fn scalars(head: &RecordHead, truncated: u32) -> [u32; 11] {
    let body_offset = match (head.body_status, head.body_error) {
        (BodyStatus::Malformed, Some(e)) => u32::try_from(e.offset).unwrap_or(u32::MAX),
        _ => 0,
    };
    [
        head.kind as u32,
        head.status,
        head.body_status as u32,
        body_offset,
        head.present.0,
        head.from_header.0,
        truncated,
        head.flags.0,
        head.code_id.as_u32(),
        head.category.as_u32(),
        u32::from(head.retryable),
    ]
}

/// The result for a record: OK for an error, NOT_AN_ERROR otherwise.
fn result_of(head: &RecordHead) -> u32 {
    if head.kind == Kind::None {
        COSERR_NOT_AN_ERROR
    } else {
        COSERR_OK
    }
}

/// Parses `resp` into `*out`, writing every byte of it (all zero after
/// each string), and returns the result.
///
/// # Safety
///
/// As [`record_regions`].
unsafe fn parse_into<H: Headers + ?Sized>(out: *mut coserr_error, resp: &Response<'_, H>) -> u32 {
    let body = parse_body(resp.body);
    // SAFETY: the caller's guarantees are `record_regions`'s.
    let mut sink = unsafe { record_regions(out) };
    let head = RecordHead::build(resp, &body, &mut sink);
    let truncated = head.truncated.0 | sink.nul_fields(&head);
    for i in 0..6 {
        // SAFETY: `base + len .. base + cap + 1` is the rest of the array
        // (the `+ 1` is the NUL's byte), valid for writes (`record_regions`).
        unsafe {
            sink.base[i]
                .add(sink.len[i])
                .write_bytes(0, sink.cap[i] + 1 - sink.len[i])
        };
    }
    // SAFETY: `kind` .. `retryable` are 11 consecutive `u32` fields at the
    // start of the `repr(C)` struct (asserted below the type), valid for
    // writes; no reference to the possibly uninitialised record is made.
    unsafe { out.cast::<[u32; 11]>().write(scalars(&head, truncated)) };
    result_of(&head)
}

/// The checked slices of a C response (method, URL, headers, body), or the
/// `COSERR_*` result of a bad argument.
///
/// # Safety
///
/// `resp`'s pointers must be valid for their lengths for `'a`.
#[allow(clippy::type_complexity)]
unsafe fn response_args<'a>(
    resp: &'a coserr_response,
) -> Checked<(&'a [u8], &'a [u8], CHeaders<'a>, &'a [u8])> {
    // SAFETY: the caller vouches for every pointer/length pair of `resp`.
    unsafe {
        Ok((
            slice(resp.method.cast::<u8>(), resp.method_len)?,
            slice(resp.url.cast::<u8>(), resp.url_len)?,
            CHeaders::new(slice(resp.headers, resp.header_count)?)?,
            slice(resp.body, resp.body_len)?,
        ))
    }
}

/// Runs `parse` on the core's view of a C response, once its pointers are
/// checked ([`response_args`]); the `COSERR_*` result of a bad argument
/// otherwise. What the three response exports share.
///
/// # Safety
///
/// `resp`'s pointers must be valid for their lengths during the call.
unsafe fn with_response(
    resp: &coserr_response,
    parse: impl FnOnce(&Response<'_, CHeaders<'_>>) -> u32,
) -> u32 {
    // SAFETY: the caller vouches for the pointers.
    let (method, url, headers, body) = match unsafe { response_args(resp) } {
        Ok(args) => args,
        Err(result) => return result,
    };
    parse(&Response {
        status: resp.status,
        method,
        url,
        headers: &headers,
        body,
    })
}

/// A body alone as a response: status unknown, no method, URL or headers.
fn body_response(body: &[u8]) -> Response<'_, ()> {
    Response {
        status: 0,
        method: b"",
        url: b"",
        headers: &(),
        body,
    }
}

/// Finishes an export that fills `*out`: on any result but a filled record
/// (OK / NOT_AN_ERROR), `*out` is zeroed (its `Default`: every export's
/// record is plain integers), so that it is never left uninitialised or
/// holding stale or partial data (a panic caught part-way through the build
/// may have left some strings).
///
/// # Safety
///
/// A non-NULL `out` must be valid for writes of one aligned `T`, with no
/// reference to it live.
unsafe fn zero_unless_filled<T: Default>(result: u32, out: *mut T) -> u32 {
    if result != COSERR_OK && result != COSERR_NOT_AN_ERROR && !out.is_null() {
        // SAFETY: non-NULL, valid for writes and aligned (caller).
        unsafe { out.write(T::default()) };
    }
    result
}

// ---------------------------------------------------------------------------
// Exports.

/// Parses an HTTP response into `*out` (DESIGN §3's decision table: status,
/// `x-cos-error-code`, request-id/trace-id header fallbacks, HEAD 404, body).
///
/// `*out` is zeroed first, whatever the result. Returns `COSERR_OK` when the
/// response is an error (`kind` is `COSERR_KIND_SERVICE` or
/// `COSERR_KIND_CLIENT`), `COSERR_NOT_AN_ERROR` when it is not (`*out` still
/// has the status, `body_status` and any body fields),
/// `COSERR_NULL_ARGUMENT` when `resp` or `out` is NULL or a pointer in
/// `*resp` is NULL with a length above 0, `COSERR_INVALID_ARGUMENT` for a
/// length above `PTRDIFF_MAX`, `COSERR_PANIC` on an internal error.
/// Header entries whose `name` is NULL are skipped.
///
/// # Safety
///
/// `resp` and every non-NULL pointer in it must be valid for reads of the
/// given lengths, and `out` valid for writes, during the call; `*out` must
/// not overlap any of the inputs.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn coserr_parse_response(
    resp: *const coserr_response,
    out: *mut coserr_error,
) -> u32 {
    let result = guard(COSERR_PANIC, || {
        if out.is_null() {
            return COSERR_NULL_ARGUMENT;
        }
        // SAFETY: the caller guarantees a non-NULL `resp` is valid for reads.
        let Some(resp) = (unsafe { resp.as_ref() }) else {
            return COSERR_NULL_ARGUMENT;
        };
        // SAFETY: the caller vouches for the pointers inside `*resp`;
        // the caller guarantees `out` (non-NULL) is valid for
        // writes and apart from the inputs during the call.
        unsafe { with_response(resp, |resp| parse_into(out, resp)) }
    });
    // SAFETY: the caller guarantees `out` is valid for writes when non-NULL;
    // the closure and its borrows are gone.
    unsafe { zero_unless_filled(result, out) }
}

/// Parses a body alone, status unknown (as `coserr_parse_response` with
/// status 0, no method, URL or headers): an XML or JSON error document is a
/// service error, a body that is not XML or is malformed a client error, an
/// empty body or a well-formed non-error document not an error.
///
/// `(NULL, 0)` is an empty body. Returns `COSERR_OK`, `COSERR_NOT_AN_ERROR`,
/// `COSERR_NULL_ARGUMENT` (`out` NULL, or `body` NULL with `body_len` > 0),
/// `COSERR_INVALID_ARGUMENT`, `COSERR_PANIC`. `*out` is zeroed first.
///
/// # Safety
///
/// A non-NULL `body` must be valid for reads of `body_len` bytes and `out`
/// valid for writes during the call; `*out` must not overlap the body.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn coserr_parse_body(
    body: *const u8,
    body_len: usize,
    out: *mut coserr_error,
) -> u32 {
    let result = guard(COSERR_PANIC, || {
        if out.is_null() {
            return COSERR_NULL_ARGUMENT;
        }
        // SAFETY: the caller guarantees `body` is valid for `body_len` bytes.
        let body = match unsafe { slice(body, body_len) } {
            Ok(b) => b,
            Err(result) => return result,
        };
        // SAFETY: the caller guarantees `out` (non-NULL) is valid for
        // writes and apart from the body during the call.
        unsafe { parse_into(out, &body_response(body)) }
    });
    // SAFETY: the caller guarantees `out` is valid for writes when non-NULL;
    // the closure and its borrows are gone.
    unsafe { zero_unless_filled(result, out) }
}

/// `coserr_parse_response` for bindings that hold the inputs: the same
/// record, with its numbers in `*out` and, for each of its six texts, where
/// it lies. A text that is bytes of the body, the URL or a header value
/// (as a plain XML value in the body is) is given as that span of the
/// input, not copied; a text that is not (entities decoded, invalid UTF-8
/// replaced by U+FFFD, the HEAD 404 code and message, text joined from
/// several pieces) is written into `text`, at the offset the span gives
/// (`COSERR_SOURCE_TEXT`). Each text is exactly what
/// `coserr_parse_response`'s array holds before its NUL, and every number
/// is the same. `out->has_extras` says whether the body has extras and
/// `out->extras` iterates them, without parsing the body a second time.
///
/// `text` may be `(NULL, 0)`: when a text then has to be written, the
/// result is `COSERR_TEXT_NEEDED` (call again with a buffer). A non-NULL `text` must have at least
/// `COSERR_TEXT_CAPACITY` bytes (else `COSERR_INVALID_ARGUMENT`),
/// so that every record fits; its other bytes are unspecified.
///
/// `*out` is all zero on any result but `COSERR_OK` / `COSERR_NOT_AN_ERROR`;
/// `COSERR_NULL_ARGUMENT` when `resp` or `out` is NULL or a pointer is NULL
/// with a length above 0.
///
/// # Safety
///
/// As `coserr_parse_response`; a non-NULL `out` must be valid for writes of
/// one `coserr_spans` and a non-NULL `text` of `text_cap` bytes, neither
/// overlapping the other or the inputs. The spans point into the inputs:
/// they mean something only while the caller keeps those.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn coserr_parse_response_spans(
    resp: *const coserr_response,
    out: *mut coserr_spans,
    text: *mut c_char,
    text_cap: usize,
) -> u32 {
    let result = guard(COSERR_PANIC, || {
        if out.is_null() || (text.is_null() && text_cap > 0) {
            return COSERR_NULL_ARGUMENT;
        }
        // SAFETY: the caller guarantees a non-NULL `resp` is valid for reads.
        let Some(resp) = (unsafe { resp.as_ref() }) else {
            return COSERR_NULL_ARGUMENT;
        };
        if !text.is_null() && text_cap < COSERR_TEXT_CAPACITY {
            return COSERR_INVALID_ARGUMENT;
        }
        // SAFETY: the caller vouches for the pointers inside `*resp`;
        // the caller guarantees `out` and a non-NULL `text` (with at
        // least the capacity) are valid for writes and apart from each
        // other and the inputs during the call.
        unsafe {
            with_response(resp, |resp| {
                spans::parse_spans(out, text.cast::<u8>(), resp)
            })
        }
    });
    // SAFETY: the caller guarantees `out` is valid for writes when non-NULL;
    // the closure and its borrows are gone.
    unsafe { zero_unless_filled(result, out) }
}

/// Writes the one-line display of `*e` (for logs and support tickets; always
/// with status, code, message, request id and trace id, `-` when absent):
///
/// `CosServiceError status=404 code="NoSuchKey" message="..." request_id="..." trace_id="..." resource="..."`
///
/// `snprintf` semantics: returns the length of the whole line without the
/// NUL; writes at most `cap - 1` bytes plus a NUL when `cap > 0`, cut at a
/// UTF-8 boundary (so fewer bytes may be written); `(NULL, 0)` asks for the
/// length (a NULL `buf` is never written, whatever `cap`). A NULL `e` gives
/// 0 and writes `""`. The text is exactly the Rust core's `Display`.
///
/// Only `kind`, `status`, `body_status`, `present` and the strings are read;
/// a string without a NUL in its array is read to the array's end, invalid
/// UTF-8 becomes U+FFFD, and an unknown `kind` reads as `COSERR_KIND_NONE`.
/// Returns 0 on an internal panic.
///
/// # Safety
///
/// A non-NULL `e` must be valid for reads, a non-NULL `buf` valid for writes
/// of `cap` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn coserr_format(
    e: *const coserr_error,
    buf: *mut c_char,
    cap: usize,
) -> usize {
    // SAFETY: the caller's guarantees are `write_text`'s.
    unsafe { write_text(e, buf, cap, Writer::display) }
}

/// Writes the JSON digest of `*e`: the COS Python SDK's `get_digest_msg()`
/// keys `code`, `message`, `resource`, `requestid`, `traceid` (`null` when
/// absent), then `status` and `kind`:
///
/// `{"code":"NoSuchKey","message":"...","resource":"...","requestid":"...","traceid":null,"status":404,"kind":"service"}`
///
/// Same `snprintf` semantics and input rules as `coserr_format`; the text is
/// exactly the Rust core's `write_json`.
///
/// # Safety
///
/// As `coserr_format`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn coserr_to_json(
    e: *const coserr_error,
    buf: *mut c_char,
    cap: usize,
) -> usize {
    // SAFETY: the caller's guarantees are `write_text`'s.
    unsafe { write_text(e, buf, cap, Writer::json) }
}

/// The body of `coserr_format` and `coserr_to_json`: `text` writes the
/// record of `*e` into `buf` with `snprintf` semantics.
///
/// # Safety
///
/// A non-NULL `e` must be valid for reads, a non-NULL `buf` valid for writes
/// of `cap` bytes.
unsafe fn write_text(
    e: *const coserr_error,
    buf: *mut c_char,
    cap: usize,
    text: fn(&mut Writer, &ErrorRecord),
) -> usize {
    guard(0, || {
        // SAFETY: the caller guarantees `buf` is valid for `cap` bytes.
        let mut w = unsafe { Writer::new(buf, cap) };
        // SAFETY: the caller guarantees a non-NULL `e` is valid for reads.
        match unsafe { e.as_ref() } {
            Some(e) => {
                text(&mut w, &record_of(e));
                w.total()
            }
            None => 0,
        }
    })
}

/// The name of a result code, e.g. `"COSERR_NOT_AN_ERROR"`; for a value that
/// is not a result, `"COSERR_UNKNOWN_RESULT"`. A static string, never NULL.
#[unsafe(no_mangle)]
pub extern "C" fn coserr_result_name(result: u32) -> *const c_char {
    guard(c"".as_ptr(), || {
        match result {
            COSERR_OK => c"COSERR_OK",
            COSERR_NOT_AN_ERROR => c"COSERR_NOT_AN_ERROR",
            COSERR_NULL_ARGUMENT => c"COSERR_NULL_ARGUMENT",
            COSERR_PANIC => c"COSERR_PANIC",
            COSERR_INVALID_ARGUMENT => c"COSERR_INVALID_ARGUMENT",
            COSERR_NOT_FOUND => c"COSERR_NOT_FOUND",
            COSERR_TEXT_NEEDED => c"COSERR_TEXT_NEEDED",
            _ => c"COSERR_UNKNOWN_RESULT",
        }
        .as_ptr()
    })
}

/// The code text of a `code_id` as the service spells it (`"NoSuchKey"`,
/// `"BadRquest"` sic), so that the id round-trips. `""` for
/// `COSERR_CODE_UNKNOWN` and for any number that is not a known id: there is
/// no such code, and a made-up name could be mistaken for one the service
/// sent (the record's `code` keeps the text received either way). A static
/// string, never NULL.
#[unsafe(no_mangle)]
pub extern "C" fn coserr_code_name(code_id: u32) -> *const c_char {
    guard(c"".as_ptr(), || code_names::name(code_id).as_ptr())
}

/// `COSERR_ABI_VERSION` of the library actually linked; compare it with the
/// header's to detect a mismatched shared library.
#[unsafe(no_mangle)]
pub extern "C" fn coserr_abi_version() -> u32 {
    COSERR_ABI_VERSION
}

/// The output arguments of `coserr_extras_next`: two `snprintf`-like buffers (name, value) and two
/// optional pointers for their full lengths.
struct ExtraOut {
    name: Writer,
    value: Writer,
    /// NULL or valid for writes ([`ExtraOut::new`]).
    name_len: *mut usize,
    /// NULL or valid for writes ([`ExtraOut::new`]).
    value_len: *mut usize,
}

impl ExtraOut {
    /// Stores `""` in each buffer that has room and 0 in each non-NULL
    /// length, then checks the buffers: NULL with a cap above 0 is
    /// `COSERR_NULL_ARGUMENT` (the lengths stay 0, the other buffer `""`).
    ///
    /// # Safety
    ///
    /// Non-NULL `name` / `value` must be valid for writes of `name_cap` /
    /// `value_cap` bytes and non-NULL `name_len` / `value_len` valid for
    /// writes, for as long as the result is used.
    unsafe fn new(
        name: *mut c_char,
        name_cap: usize,
        name_len: *mut usize,
        value: *mut c_char,
        value_cap: usize,
        value_len: *mut usize,
    ) -> Checked<Self> {
        // SAFETY: the caller guarantees the buffers are valid for their caps;
        // `Writer::new` writes the empty string first when it can.
        let (nw, vw) = unsafe { (Writer::new(name, name_cap), Writer::new(value, value_cap)) };
        let out = ExtraOut {
            name: nw,
            value: vw,
            name_len,
            value_len,
        };
        out.set_lens(0, 0);
        if (name.is_null() && name_cap > 0) || (value.is_null() && value_cap > 0) {
            return Err(COSERR_NULL_ARGUMENT);
        }
        Ok(out)
    }

    fn set_lens(&self, n: usize, v: usize) {
        // SAFETY: `ExtraOut::new`'s caller guarantees that non-NULL length
        // pointers are valid for writes while `self` is used.
        unsafe {
            if let Some(p) = self.name_len.as_mut() {
                *p = n;
            }
            if let Some(p) = self.value_len.as_mut() {
                *p = v;
            }
        }
    }

    /// Writes `extra`'s name and decoded value, and their full lengths.
    fn write(mut self, extra: &Extra<'_>) -> u32 {
        self.name.text(extra.name);
        self.value.value(&extra.value);
        self.set_lens(self.name.total(), self.value.total());
        COSERR_OK
    }
}

/// The core's paused iteration as the C struct.
fn iter_of(state: ExtrasState) -> coserr_extras_iter {
    coserr_extras_iter {
        pos: state.pos as u64,
        end: state.end as u64,
        seen: state.seen,
        reserved: 0,
    }
}

/// The C struct as the core's paused iteration; an offset that does not fit
/// in `usize` gives a state that fits no body (so it yields nothing).
fn state_of(it: &coserr_extras_iter) -> ExtrasState {
    ExtrasState {
        pos: usize::try_from(it.pos).unwrap_or(usize::MAX),
        end: usize::try_from(it.end).unwrap_or(usize::MAX),
        seen: it.seen,
    }
}

/// Starts a one-pass iteration over the extras of a body: the direct
/// children of the XML error element other than the six fields (`HostId`,
/// `StringToSign`, `ArgumentName`, a repeated `Code`...), in document
/// order. The record is fixed-size, so extras are read from the body
/// itself: this parses it once and stores in `*it` where its extras are;
/// `coserr_extras_next` then reads them one by one without parsing the
/// body again.
///
/// ```c
/// coserr_extras_iter it;
/// char name[64], value[1024];
/// size_t name_len, value_len;
/// coserr_extras_begin(body, body_len, &it);
/// while (coserr_extras_next(body, body_len, &it, name, sizeof name, &name_len,
///                           value, sizeof value, &value_len) == COSERR_OK) {
///     use(name, value); // cut when name_len >= sizeof name or value_len >= sizeof value
/// }
/// ```
///
/// `*it` is zeroed first, whatever the result (a zeroed iterator yields
/// nothing). Returns `COSERR_OK`, also when the body has no extras (JSON
/// bodies, non-error documents, empty or unparseable bodies: the first
/// `coserr_extras_next` is `COSERR_NOT_FOUND`), `COSERR_NULL_ARGUMENT` when
/// `it` is NULL or `body` is NULL with `body_len` > 0,
/// `COSERR_INVALID_ARGUMENT`, `COSERR_PANIC`.
///
/// THE SAME BODY must be passed to `coserr_extras_begin` and to every
/// `coserr_extras_next` of one iterator: `*it` holds offsets into it, not a
/// pointer (the same bytes at another address will do). With another body
/// nothing crashes, but the extras are meaningless.
///
/// # Safety
///
/// A non-NULL `body` must be valid for reads of `body_len` bytes; a
/// non-NULL `it` valid for writes of one aligned `coserr_extras_iter`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn coserr_extras_begin(
    body: *const u8,
    body_len: usize,
    it: *mut coserr_extras_iter,
) -> u32 {
    guard(COSERR_PANIC, || {
        if it.is_null() {
            return COSERR_NULL_ARGUMENT;
        }
        // SAFETY: non-NULL, and the caller guarantees it is valid for writes
        // and aligned; the zeroed struct is a valid value.
        unsafe { it.write(coserr_extras_iter::default()) };
        // SAFETY: the caller guarantees `body` is valid for `body_len` bytes.
        let body = match unsafe { slice(body, body_len) } {
            Ok(b) => b,
            Err(result) => return result,
        };
        let state = parse_body(body).extras().state(body);
        // SAFETY: as above.
        unsafe { it.write(iter_of(state)) };
        COSERR_OK
    })
}

/// Copies the next extra of the iteration `*it` (from
/// `coserr_extras_begin` on the same body) into `name` and `value`, and
/// moves `*it` past it. Never parses the body again: it reads on from
/// where `*it` stands to the next extra.
///
/// The buffers get the extra's local name (namespace prefix removed) and
/// its decoded value (text and CDATA joined, entities decoded), each
/// NUL-terminated and cut at a UTF-8 boundary to fit its `cap`;
/// `*name_len` / `*value_len` (either may be NULL) receive the FULL lengths;
/// `(NULL, 0)` buffers ask only for the lengths; on any result other than
/// `COSERR_OK` the lengths are 0 and the buffers (when `cap > 0`) hold `""`.
/// `*it` moves past the extra even when a buffer was too small: to read it
/// again with bigger buffers, copy `*it` before the call (it is plain
/// numbers) and call again with the copy.
///
/// Returns `COSERR_OK` with the next extra, `COSERR_NOT_FOUND` when there
/// is none left (and again on every later call), `COSERR_NULL_ARGUMENT`
/// when `it` is NULL or `body`, `name` or `value` is NULL with a length/cap
/// above 0, `COSERR_INVALID_ARGUMENT`, `COSERR_PANIC`. `*it` changes only
/// on `COSERR_OK`.
///
/// THE SAME BODY (the same bytes; the address may differ) must be passed
/// as to `coserr_extras_begin`. An iterator used with another body, or
/// holding any other numbers, never reads outside the body given: it yields
/// meaningless extras or `COSERR_NOT_FOUND`.
///
/// # Safety
///
/// A non-NULL `body` must be valid for reads of `body_len` bytes; a
/// non-NULL `it` valid for reads and writes of one aligned
/// `coserr_extras_iter`; non-NULL `name` / `value` valid for writes of
/// `name_cap` / `value_cap` bytes; non-NULL `name_len` / `value_len` valid
/// for writes; `*it` must not overlap the buffers or the lengths.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn coserr_extras_next(
    body: *const u8,
    body_len: usize,
    it: *mut coserr_extras_iter,
    name: *mut c_char,
    name_cap: usize,
    name_len: *mut usize,
    value: *mut c_char,
    value_cap: usize,
    value_len: *mut usize,
) -> u32 {
    guard(COSERR_PANIC, || {
        // SAFETY: the caller guarantees the buffers and length pointers.
        let out =
            match unsafe { ExtraOut::new(name, name_cap, name_len, value, value_cap, value_len) } {
                Ok(out) => out,
                Err(result) => return result,
            };
        // SAFETY: the caller guarantees a non-NULL `it` is valid for reads
        // and writes, aligned, and not aliased during the call.
        let Some(it) = (unsafe { it.as_mut() }) else {
            return COSERR_NULL_ARGUMENT;
        };
        // SAFETY: the caller guarantees `body` is valid for `body_len` bytes.
        let body = match unsafe { slice(body, body_len) } {
            Ok(b) => b,
            Err(result) => return result,
        };
        let mut extras = Extras::resume(body, state_of(it));
        let Some(extra) = extras.next() else {
            return COSERR_NOT_FOUND;
        };
        *it = iter_of(extras.state(body));
        out.write(&extra)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use coserr_core::FieldSet;

    #[test]
    fn guard_turns_a_panic_into_the_fallback() {
        assert_eq!(
            guard(COSERR_PANIC, || -> u32 { panic!("boom") }),
            COSERR_PANIC
        );
        assert_eq!(guard(COSERR_PANIC, || COSERR_OK), COSERR_OK);
    }

    fn header(name: Option<&'static str>, value: &'static str) -> coserr_header {
        coserr_header {
            name: name.map_or(core::ptr::null(), |n| n.as_ptr().cast()),
            name_len: name.map_or(0, str::len),
            value: value.as_ptr().cast(),
            value_len: value.len(),
        }
    }

    #[test]
    fn the_one_pass_header_table_answers_as_a_scan() {
        let lists: [&[coserr_header]; 4] = [
            &[],
            &[
                header(Some("Content-Type"), "application/xml"),
                header(Some("X-Cos-Request-Id"), "a"),
                header(Some("x-cos-request-id"), "b"),
                header(None, "skipped"),
                header(Some("X-COS-TRACE-ID"), ""),
                header(Some("x-cos-trace-id"), "t"),
            ],
            &[
                header(None, "x"),
                header(Some("x-ci-request-id"), "ci"),
                header(Some("X-Img-Request-Id"), "img"),
                header(Some("x-cos-error-code"), "SlowDown"),
                header(Some("x-cos-error-codf"), "no"),
                header(Some("x-cos-trace-id "), "no"),
            ],
            &[
                header(Some("x-cos-request-i"), "no"),
                header(Some("y-cos-request-id"), "no"),
                header(Some("x-cos-trace-ie"), "no"),
            ],
        ];
        for list in lists {
            // SAFETY: every pointer in `list` is a static string of its length.
            let h = unsafe { CHeaders::new(list) }.unwrap();
            for k in KnownHeader::ALL {
                assert_eq!(h.known(k), h.get(k.name()), "{k:?} in {list:?}");
            }
        }
    }

    #[test]
    fn a_rejected_call_leaves_the_record_zeroed() {
        let mut out = coserr_error {
            kind: 7,
            code: [1; 64],
            trace_id: [2; 256],
            ..ZEROED
        };
        // SAFETY: a NULL response is checked; `out` is valid.
        let rc = unsafe { coserr_parse_response(core::ptr::null(), &mut out) };
        assert_eq!(rc, COSERR_NULL_ARGUMENT);
        assert_eq!(out, ZEROED);

        out.message = [3; 1024];
        let bad = [coserr_header {
            name: c"x".as_ptr(),
            name_len: 1,
            value: core::ptr::null(),
            value_len: 4,
        }];
        let resp = coserr_response {
            status: 404,
            method: core::ptr::null(),
            method_len: 0,
            url: core::ptr::null(),
            url_len: 0,
            headers: bad.as_ptr(),
            header_count: 1,
            body: core::ptr::null(),
            body_len: 0,
        };
        // SAFETY: the NULL value with a length is checked; `out` is valid.
        let rc = unsafe { coserr_parse_response(&resp, &mut out) };
        assert_eq!(rc, COSERR_NULL_ARGUMENT);
        assert_eq!(out, ZEROED);

        out.resource = [4; 1024];
        // SAFETY: a NULL body with a length is checked; `out` is valid.
        let rc = unsafe { coserr_parse_body(core::ptr::null(), 3, &mut out) };
        assert_eq!(rc, COSERR_NULL_ARGUMENT);
        assert_eq!(out, ZEROED);
    }

    #[test]
    fn field_set_bits_cover_the_record() {
        let all = Field::ALL.iter().fold(FieldSet::EMPTY, |mut s, &f| {
            s.insert(f);
            s
        });
        assert_eq!(all.0, 63);
    }
}
