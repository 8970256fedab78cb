//! The functions compared by the `body` benchmark (`benches/body.rs`), shared
//! with the agreement test (`tests/agree.rs`) so that the benchmark is known
//! to compare equal work.
//!
//! Every function takes the raw body bytes (validating UTF-8 itself, as
//! `coserr::parse_body` does) and extracts the same information: the decoded
//! text of the first direct child of the root `Error` element named `Code`,
//! `Message`, `Resource`, `RequestId`, `TraceId` and `ServerTime` — entities
//! and character references decoded, the joined text of the child's text and
//! CDATA descendants, as `roxmltree` builds it. A body that fails to parse,
//! or whose root is not `Error`, gives six `None`s.
//!
//! The competitors return [`Fields`], borrowing from the body where their
//! library allows it, so that they are not charged for copies they need not
//! make; [`to_owned`] turns that into the owned [`OwnedFields`].

use std::borrow::Cow;
use std::hint::black_box;

use coserr::Field;
use coserr_ffi::coserr_response;
use coserr_testkit::c_response::CResponse;

/// The six values, indexed by `coserr::Field as usize`; borrowed where possible.
pub type Fields<'a> = [Option<Cow<'a, str>>; 6];

/// The six values, owned.
pub type OwnedFields = [Option<String>; 6];

/// Six `None`s.
pub const NONE: Fields<'static> = [None, None, None, None, None, None];

/// A benchmark body.
#[derive(Clone, Copy, Debug)]
pub struct BenchBody {
    /// The criterion group name (the file name without `.xml`).
    pub name: &'static str,
    /// The body bytes.
    pub bytes: &'static [u8],
}

/// The bodies of the benchmark: the six bench bodies, then two real
/// samples, as (criterion group name, path under `../shared/cos`).
const BODY_FILES: [(&str, &str); 8] = [
    ("typical_482B", "bench/typical_482B.xml"),
    ("minimal_140B", "bench/minimal_140B.xml"),
    ("large_4KB", "bench/large_4KB.xml"),
    ("signature_1KB", "bench/signature_1KB.xml"),
    ("chinese_370B", "bench/chinese_370B.xml"),
    ("cdata_attrs_2KB", "bench/cdata_attrs_2KB.xml"),
    (
        "go_Test_checkResponse_with_error",
        "samples/go_Test_checkResponse_with_error.xml",
    ),
    (
        "issues_cos-wx-sdk-v5_30_AccessDenied_ServerTime",
        "samples/issues_cos-wx-sdk-v5_30_AccessDenied_ServerTime.xml",
    ),
];

/// The bodies of the benchmark, read once through the test kit's sample
/// loader (kept for the life of the process, as the benchmark needs them).
pub fn bodies() -> &'static [BenchBody] {
    static BODIES: std::sync::OnceLock<Vec<BenchBody>> = std::sync::OnceLock::new();
    BODIES.get_or_init(|| {
        BODY_FILES
            .iter()
            .map(|&(name, rel)| BenchBody {
                name,
                bytes: Vec::leak(coserr_testkit::samples::read_shared(rel)),
            })
            .collect()
    })
}

/// A competitor's extraction function.
pub type Competitor = fn(&[u8]) -> Fields<'_>;

/// The competitors, by the name their benchmark carries. roxmltree is the
/// reference the others are checked against.
pub const COMPETITORS: [(&str, Competitor); 4] = [
    ("roxmltree", roxmltree),
    ("quick_xml", quick_xml),
    ("xmlparser", xmlparser),
    ("aws_smithy_xml", aws_smithy_xml),
];

/// Competitors that extract wrong values from a bench body, as
/// (competitor, body): they are reported, not timed, on it. aws-smithy-xml's
/// `try_data` drops CDATA text. `tests/agree.rs` checks that each entry is
/// still wrong and that every other pair agrees.
pub const KNOWN_WRONG: [(&str, &str); 1] = [("aws_smithy_xml", "cdata_attrs_2KB")];

/// Whether `competitor` is known to get `body` wrong.
pub fn known_wrong(competitor: &str, body: &str) -> bool {
    KNOWN_WRONG.contains(&(competitor, body))
}

/// Size of the buffer [`coserr_view`] decodes into: larger than any bench
/// body, so no value is cut and the work equals the competitors'.
pub const VIEW_BUF: usize = 4096;

/// The index of a child element name among the six fields.
#[inline]
fn slot(name: &str) -> Option<usize> {
    Field::BODY.iter().position(|f| f.xml_name() == name)
}

/// Appends `s` to a value being collected (the first piece is kept as is,
/// borrowed when it is borrowed).
#[inline]
fn append<'a>(value: &mut Option<Cow<'a, str>>, s: Cow<'a, str>) {
    match value {
        Some(v) if v.is_empty() => *v = s,
        Some(v) => v.to_mut().push_str(&s),
        None => *value = Some(s),
    }
}

/// Converts borrowed values to owned strings.
pub fn to_owned(fields: Fields<'_>) -> OwnedFields {
    fields.map(|v| v.map(Cow::into_owned))
}

// ---------------------------------------------------------------------------
// coserr

/// Bench kernel for `coserr_view`: parse, then decode every present field
/// into `buf` and consume it. Returns the total decoded length.
#[inline]
pub fn coserr_view(bytes: &[u8], buf: &mut [u8; VIEW_BUF]) -> usize {
    let body = coserr::parse_body(bytes);
    let mut total = 0;
    for f in Field::BODY {
        if let Some(v) = body.field(f) {
            let d = v.decode_into(buf);
            total += black_box(&buf[..d.len]).len();
        }
    }
    total
}

/// Bench kernel for `coserr_owned`: the owned, fixed-capacity record.
#[inline]
pub fn coserr_owned(bytes: &[u8]) -> coserr::ErrorRecord {
    coserr::ErrorRecord::from_body(&coserr::parse_body(bytes))
}

/// The headers a COS error response typically carries, for the response path.
pub const RESPONSE_HEADERS: [(&str, &str); 4] = [
    ("Content-Type", "application/xml"),
    ("Server", "tencent-cos"),
    (
        "x-cos-request-id",
        "NjQ5ZjQ1ZTJfOTg0ZjFlMDlfMTk0YWZfMWI5ZTI5Ng==",
    ),
    (
        "x-cos-trace-id",
        "OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM1NmI1M2E2MTRlY2MzZDhmNmI5MWI1OTdjMmEzYmU1M2JkMGJmMmZlZmRkMmY5ZTQ0ZjQ0NzQ3NjRlNDg0Y2E1OGZlNWYxMmMzOWE3ZjdiN2JkNGE5YmE=",
    ),
];

/// The URL of the bench response.
const RESPONSE_URL: &[u8] = b"https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/key";

/// coserr's whole response path: status, method, URL, headers and body to
/// the owned record (decision table, header fallbacks, code id, category).
pub fn coserr_response(bytes: &[u8]) -> coserr::ErrorRecord {
    coserr::ErrorRecord::from_response(&coserr::Response {
        status: 404,
        method: b"GET",
        url: RESPONSE_URL,
        headers: &RESPONSE_HEADERS[..],
        body: bytes,
    })
}

/// The same response (404, GET, the URL, [`RESPONSE_HEADERS`]) around
/// `bytes`, for the C ABI: built once per body, outside the measured loop,
/// as a C caller fills its `coserr_response` once.
pub fn c_response(bytes: &[u8]) -> CResponse<'_> {
    CResponse::new(404, b"GET", RESPONSE_URL, bytes).with_headers(&RESPONSE_HEADERS)
}

/// The response through the C ABI: `coserr_parse_response` filling a
/// `coserr_error`, as a C caller does it.
pub fn coserr_ffi(resp: &coserr_response, out: &mut coserr_ffi::coserr_error) -> u32 {
    // SAFETY: `resp` comes from `CResponse::as_c` on a live `CResponse`, so
    // its pointers are valid for their lengths; `out` is a valid exclusive
    // reference.
    unsafe { coserr_ffi::coserr_parse_response(resp, out) }
}

/// Bench kernel for `coserr_ffi_body`: `coserr_parse_body`, the C call the
/// C/C++ peer benchmark times against rapidxml and pugixml.
#[inline]
pub fn coserr_ffi_body(bytes: &[u8], out: &mut coserr_ffi::coserr_error) -> u32 {
    // SAFETY: `bytes` is valid for its length; `out` is a valid exclusive
    // reference that does not overlap it.
    unsafe { coserr_ffi::coserr_parse_body(bytes.as_ptr(), bytes.len(), out) }
}

/// The same response as the Go binding reads it:
/// `coserr_parse_response_spans` without a text buffer (texts as spans of
/// the inputs), and again with `text` only when a text needs it; a body
/// over 1 KiB gets the buffer at once (Go's `textFirstSize`).
pub fn coserr_ffi_spans(
    resp: &coserr_response,
    out: &mut coserr_ffi::coserr_spans,
    text: &mut [std::ffi::c_char; coserr_ffi::COSERR_TEXT_CAPACITY],
) -> u32 {
    // SAFETY: as in `coserr_ffi`; `text` is valid for writes of its length,
    // and (NULL, 0) is no buffer.
    unsafe {
        if resp.body_len <= 1024 {
            let rc = coserr_ffi::coserr_parse_response_spans(resp, out, std::ptr::null_mut(), 0);
            if rc != coserr_ffi::COSERR_TEXT_NEEDED {
                return rc;
            }
        }
        coserr_ffi::coserr_parse_response_spans(resp, out, text.as_mut_ptr(), text.len())
    }
}

/// The six values as coserr's zero-copy view decodes them (for the test).
pub fn coserr_fields(bytes: &[u8]) -> OwnedFields {
    let body = coserr::parse_body(bytes);
    Field::BODY.map(|f| body.field(f).map(|v| v.to_string()))
}

// ---------------------------------------------------------------------------
// roxmltree

/// roxmltree: build the document, then read the root's first child elements
/// of each name, joining the text of their descendant text nodes.
pub fn roxmltree(bytes: &[u8]) -> Fields<'_> {
    let mut out = NONE;
    let Ok(text) = std::str::from_utf8(bytes) else {
        return out;
    };
    let Ok(doc) = roxmltree::Document::parse(text) else {
        return out;
    };
    let root = doc.root_element();
    if root.tag_name().name() != "Error" {
        return out;
    }
    for child in root.children().filter(roxmltree::Node::is_element) {
        let Some(i) = slot(child.tag_name().name()) else {
            continue;
        };
        if out[i].is_some() {
            continue;
        }
        let mut value: Option<Cow<'_, str>> = Some(Cow::Borrowed(""));
        for t in child.descendants().filter(roxmltree::Node::is_text) {
            let piece = match t.text_storage() {
                Some(roxmltree::StringStorage::Borrowed(s)) => Cow::Borrowed(*s),
                Some(s) => Cow::Owned(s.as_str().to_owned()),
                None => continue,
            };
            append(&mut value, piece);
        }
        out[i] = value;
    }
    out
}

// ---------------------------------------------------------------------------
// quick-xml

/// quick-xml: pull-parser event loop (text not trimmed), unescaping text and
/// resolving the general/character references it reports as separate events.
pub fn quick_xml(bytes: &[u8]) -> Fields<'_> {
    use quick_xml::events::Event;

    let mut out = NONE;
    let Ok(text) = std::str::from_utf8(bytes) else {
        return out;
    };
    let mut reader = quick_xml::Reader::from_str(text);
    let mut depth = 0usize;
    let mut current: Option<usize> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                depth += 1;
                let name = e.local_name().into_inner();
                if depth == 1 && name != "Error" {
                    return NONE;
                }
                if depth == 2 {
                    current = slot(name).filter(|&i| out[i].is_none());
                    if let Some(i) = current {
                        out[i] = Some(Cow::Borrowed(""));
                    }
                }
            }
            Ok(Event::Empty(e)) => {
                let name = e.local_name().into_inner();
                if depth == 0 && name != "Error" {
                    return NONE;
                }
                if let Some(i) = slot(name).filter(|&i| depth == 1 && out[i].is_none()) {
                    out[i] = Some(Cow::Borrowed(""));
                }
            }
            Ok(Event::End(_)) => {
                if depth == 2 {
                    current = None;
                }
                depth = depth.saturating_sub(1);
            }
            Ok(Event::Text(t)) => {
                if let Some(i) = current {
                    append(&mut out[i], t.xml10_content());
                }
            }
            Ok(Event::CData(t)) => {
                if let Some(i) = current {
                    append(&mut out[i], t.xml10_content());
                }
            }
            Ok(Event::GeneralRef(r)) => {
                let piece = match r.resolve_char_ref() {
                    Ok(Some(c)) => Cow::Owned(c.to_string()),
                    Ok(None) => match quick_xml::escape::resolve_predefined_entity(&r) {
                        Some(s) => Cow::Borrowed(s),
                        None => return NONE,
                    },
                    Err(_) => return NONE,
                };
                if let Some(i) = current {
                    append(&mut out[i], piece);
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(_) => return NONE,
        }
    }
    if depth != 0 {
        return NONE;
    }
    out
}

// ---------------------------------------------------------------------------
// xmlparser

/// xmlparser: the tokenizer, collecting the text and CDATA tokens inside each
/// wanted child; references and line ends decoded by [`decode_text`].
pub fn xmlparser(bytes: &[u8]) -> Fields<'_> {
    use xmlparser::{ElementEnd, Token};

    let mut out = NONE;
    let Ok(text) = std::str::from_utf8(bytes) else {
        return out;
    };
    let mut depth = 0usize;
    let mut current: Option<usize> = None;
    for token in xmlparser::Tokenizer::from(text) {
        match token {
            Ok(Token::ElementStart { local, .. }) => {
                depth += 1;
                if depth == 1 && local.as_str() != "Error" {
                    return NONE;
                }
                if depth == 2 {
                    current = slot(local.as_str()).filter(|&i| out[i].is_none());
                    if let Some(i) = current {
                        out[i] = Some(Cow::Borrowed(""));
                    }
                }
            }
            Ok(Token::ElementEnd {
                end: ElementEnd::Open,
                ..
            }) => {}
            Ok(Token::ElementEnd { .. }) => {
                if depth == 2 {
                    current = None;
                }
                depth = depth.saturating_sub(1);
            }
            Ok(Token::Text { text }) => {
                if let Some(i) = current {
                    let Some(s) = decode_text(text.as_str()) else {
                        return NONE;
                    };
                    append(&mut out[i], s);
                }
            }
            Ok(Token::Cdata { text, .. }) => {
                if let Some(i) = current {
                    append(&mut out[i], normalize_eol(text.as_str()));
                }
            }
            Ok(_) => {}
            Err(_) => return NONE,
        }
    }
    if depth != 0 {
        return NONE;
    }
    out
}

/// Decodes the five predefined entities and character references of a text
/// token, and normalises line ends (`\r\n` and `\r` to `\n`). Borrows when
/// there is nothing to do; `None` on an unknown or invalid reference.
pub fn decode_text(s: &str) -> Option<Cow<'_, str>> {
    let b = s.as_bytes();
    let Some(first) = b.iter().position(|&c| c == b'&' || c == b'\r') else {
        return Some(Cow::Borrowed(s));
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut i = first;
    while i < b.len() {
        match b[i] {
            b'&' => {
                let len = s[i..].find(';')?;
                let name = &s[i + 1..i + len];
                let c = match name {
                    "lt" => '<',
                    "gt" => '>',
                    "amp" => '&',
                    "quot" => '"',
                    "apos" => '\'',
                    _ => {
                        let code = if let Some(hex) = name.strip_prefix("#x") {
                            u32::from_str_radix(hex, 16).ok()?
                        } else {
                            name.strip_prefix('#')?.parse::<u32>().ok()?
                        };
                        char::from_u32(code)?
                    }
                };
                out.push(c);
                i += len + 1;
            }
            b'\r' => {
                out.push('\n');
                i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            }
            _ => {
                let end = b[i..]
                    .iter()
                    .position(|&c| c == b'&' || c == b'\r')
                    .map_or(b.len(), |n| i + n);
                out.push_str(&s[i..end]);
                i = end;
            }
        }
    }
    Some(Cow::Owned(out))
}

/// Normalises line ends of CDATA content.
fn normalize_eol(s: &str) -> Cow<'_, str> {
    if s.contains('\r') {
        Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(s)
    }
}

// ---------------------------------------------------------------------------
// aws-smithy-xml

/// aws-smithy-xml, the way the AWS Rust SDK's S3 error parser reads an
/// unwrapped `<Error>` body (`root_element`, `next_tag`, `try_data`),
/// extended from Code/Message/RequestId to the six fields.
pub fn aws_smithy_xml(bytes: &[u8]) -> Fields<'_> {
    use aws_smithy_xml::decode::{Document, try_data};

    let mut out = NONE;
    let Ok(mut doc) = Document::try_from(bytes) else {
        return out;
    };
    let Ok(mut root) = doc.root_element() else {
        return out;
    };
    if !root.start_el().matches("Error") {
        return out;
    }
    while let Some(mut tag) = root.next_tag() {
        let Some(i) = slot(tag.start_el().local()) else {
            continue;
        };
        if out[i].is_some() {
            continue;
        }
        match try_data(&mut tag) {
            Ok(s) => out[i] = Some(s),
            Err(_) => return NONE,
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Floor

/// The floor: the cost of touching every byte once.
#[inline]
pub fn byte_sum(bytes: &[u8]) -> u64 {
    bytes.iter().map(|&b| u64::from(b)).sum()
}
