//! The C ABI and the core agree on every shared body: each body of
//! `../shared/cos/{samples,edge,bench}` goes through the exported functions
//! (called from Rust exactly as C calls them) and through the core, under
//! several statuses, methods and header sets; every field of `coserr_error`,
//! every bit, the display line and the JSON digest must be the core's, and
//! the extras (through the one-pass iterator, begun alone or by the spans
//! call) must be the core's `Body::extras()`.

use std::ffi::{CStr, c_char};
use std::ptr;

use coserr_core::{ErrorRecord, Field, Kind, Response, parse_body};
use coserr_ffi::*;
use coserr_testkit::c_response::CResponse;
use coserr_testkit::samples::body_paths;

/// One response shape to try each body with.
struct Case {
    status: u32,
    method: &'static str,
    url: &'static str,
    headers: &'static [(&'static str, &'static str)],
}

const CASES: &[Case] = &[
    Case {
        status: 0,
        method: "",
        url: "",
        headers: &[],
    },
    Case {
        status: 200,
        method: "PUT",
        url: "",
        headers: &[],
    },
    Case {
        status: 404,
        method: "HEAD",
        url: "https://b-1250000000.cos.ap-beijing.myqcloud.com/k",
        headers: &[
            ("X-Cos-Request-Id", "hdr-req"),
            ("x-cos-trace-id", "hdr-trace"),
        ],
    },
    Case {
        status: 403,
        method: "GET",
        url: "/k",
        headers: &[("x-ci-request-id", "ci-req"), ("X-COS-TRACE-ID", "")],
    },
    Case {
        status: 502,
        method: "post",
        url: "",
        headers: &[
            ("x-cos-error-code", "SlowDown"),
            ("x-img-request-id", "img"),
        ],
    },
];

/// The eleven numbers every record struct of the C ABI starts with
/// (`kind` .. `retryable`), in order.
macro_rules! numbers {
    ($r:expr) => {{
        let r = &$r;
        [
            r.kind,
            r.status,
            r.body_status,
            r.body_offset,
            r.present,
            r.from_header,
            r.truncated,
            r.flags,
            r.code_id,
            r.category,
            r.retryable,
        ]
    }};
}

/// The eight text arrays of a record, in field order.
fn arrays_of(c: &coserr_error) -> [&[c_char]; 8] {
    [
        &c.code,
        &c.message,
        &c.resource,
        &c.request_id,
        &c.trace_id,
        &c.server_time,
        &c.location,
        &c.region,
    ]
}

/// A C array's string: NUL-terminated inside the array, and UTF-8.
fn c_str(a: &[c_char]) -> String {
    let bytes: Vec<u8> = a.iter().map(|&c| c as u8).collect();
    let n = bytes.iter().position(|&b| b == 0).expect("NUL-terminated");
    String::from_utf8(bytes[..n].to_vec()).expect("UTF-8")
}

fn text(
    f: unsafe extern "C" fn(*const coserr_error, *mut c_char, usize) -> usize,
    e: &coserr_error,
) -> String {
    // SAFETY: a valid record, and (NULL, 0) then a buffer of the asked size.
    unsafe {
        let n = f(e, ptr::null_mut(), 0);
        let mut buf = vec![0 as c_char; n + 1];
        assert_eq!(f(e, buf.as_mut_ptr(), buf.len()), n);
        CStr::from_ptr(buf.as_ptr()).to_str().unwrap().to_owned()
    }
}

/// A record full of garbage, so that a test sees what a call leaves unwritten.
fn garbage() -> coserr_error {
    let g = 0xA5A5_A5A5;
    let b = 0xA5u8 as c_char;
    coserr_error {
        kind: g,
        status: g,
        body_status: g,
        body_offset: g,
        present: g,
        from_header: g,
        truncated: g,
        flags: g,
        code_id: g,
        category: g,
        retryable: g,
        code: [b; 64],
        message: [b; 1024],
        resource: [b; 1024],
        request_id: [b; 128],
        trace_id: [b; 256],
        server_time: [b; 64],
        retry: g,
        server_time_ms: 0x5A5A_5A5A_5A5A_5A5A,
        location: [b; 1024],
        region: [b; 64],
    }
}

/// Each C array holds exactly the core's string (NUL bytes included) and
/// zeroes after it: nothing stale, nothing left from a value replaced
/// while the record was built.
fn assert_arrays(c: &coserr_error, rec: &ErrorRecord, what: &str) {
    let arrays: [(&[c_char], &str, &str); 8] = [
        (&c.code, rec.get(Field::Code), "code"),
        (&c.message, rec.get(Field::Message), "message"),
        (&c.resource, rec.get(Field::Resource), "resource"),
        (&c.request_id, rec.get(Field::RequestId), "request_id"),
        (&c.trace_id, rec.get(Field::TraceId), "trace_id"),
        (&c.server_time, rec.get(Field::ServerTime), "server_time"),
        (&c.location, rec.get(Field::Location), "location"),
        (&c.region, rec.get(Field::Region), "region"),
    ];
    for (a, s, field) in arrays {
        let bytes: Vec<u8> = a.iter().map(|&c| c as u8).collect();
        let mut want = s.as_bytes().to_vec();
        want.resize(a.len(), 0);
        assert_eq!(bytes, want, "{what}: the {field} array");
    }
}

/// The bytes a span names: `len` bytes at `offset` of its source, the
/// source being one of `resp`'s inputs or `text`.
fn span_bytes<'a>(resp: &'a coserr_response, text: &'a [c_char], sp: &coserr_span) -> &'a [u8] {
    // SAFETY: every non-NULL pointer of `resp` is valid for its length
    // (the caller's call used it), and the header array for its count.
    let source: &[u8] = unsafe {
        let bytes = |p: *const u8, n: usize| {
            if p.is_null() {
                &[][..]
            } else {
                std::slice::from_raw_parts(p, n)
            }
        };
        match sp.source {
            COSERR_SOURCE_NONE => &[],
            COSERR_SOURCE_BODY => bytes(resp.body, resp.body_len),
            COSERR_SOURCE_URL => bytes(resp.url.cast(), resp.url_len),
            COSERR_SOURCE_HEADER => {
                assert!((sp.header as usize) < resp.header_count, "header index");
                let h = &*resp.headers.add(sp.header as usize);
                bytes(h.value.cast(), h.value_len)
            }
            COSERR_SOURCE_TEXT => bytes(text.as_ptr().cast(), text.len()),
            other => panic!("unknown source {other}"),
        }
    };
    if sp.source == COSERR_SOURCE_NONE {
        assert_eq!(
            (sp.offset, sp.len, sp.header),
            (0, 0, 0),
            "an empty span is all zero"
        );
    }
    if sp.source != COSERR_SOURCE_HEADER {
        assert_eq!(sp.header, 0, "header index outside a header span");
    }
    let (at, n) = (sp.offset as usize, sp.len as usize);
    source
        .get(at..at + n)
        .expect("the span lies inside its source")
}

/// `coserr_parse_response_spans` on `resp` gives `c` (the record
/// `coserr_parse_response` filled for it): the same numbers, and each
/// span names exactly the array's text up to its NUL. Without a text
/// buffer the call gives the same record, or `COSERR_TEXT_NEEDED` (and a
/// zeroed record); it must give that whenever the record with a buffer has
/// a text in the buffer.
fn assert_spans(resp: &coserr_response, rc: u32, c: &coserr_error, what: &str) {
    let dirty = coserr_spans {
        kind: 0xA5A5_A5A5,
        code: coserr_span {
            source: 9,
            header: 9,
            offset: 9,
            len: 9,
        },
        ..coserr_spans::default()
    };
    let mut text = vec![0xA5u8 as c_char; COSERR_TEXT_CAPACITY];
    let mut with = dirty;
    // SAFETY: `resp` is valid (the caller's call used it); `with` and
    // `text` are valid for writes of their sizes.
    let src =
        unsafe { coserr_parse_response_spans(resp, &mut with, text.as_mut_ptr(), text.len()) };
    assert_eq!(src, rc, "{what}: spans result");
    let mut without = dirty;
    // SAFETY: as above, with no text buffer.
    let nrc = unsafe { coserr_parse_response_spans(resp, &mut without, ptr::null_mut(), 0) };
    let spans = |s: &coserr_spans| {
        [
            s.code,
            s.message,
            s.resource,
            s.request_id,
            s.trace_id,
            s.server_time,
            s.location,
            s.region,
        ]
    };
    if nrc == COSERR_TEXT_NEEDED {
        assert_eq!(
            without,
            coserr_spans::default(),
            "{what}: zeroed on TEXT_NEEDED"
        );
    } else {
        assert_eq!(nrc, rc, "{what}: spans result without text");
        assert_eq!(
            without, with,
            "{what}: the same record with and without text"
        );
        assert!(
            spans(&with)
                .iter()
                .all(|sp| sp.source != COSERR_SOURCE_TEXT),
            "{what}: a text in the buffer, but no buffer was needed"
        );
    }
    assert_eq!(numbers!(with), numbers!(c), "{what}: spans numbers");
    assert_eq!(
        (with.retry, with.server_time_ms),
        (c.retry, c.server_time_ms),
        "{what}: spans decisions"
    );
    let arrays = arrays_of(c);
    for (i, (sp, a)) in spans(&with).into_iter().zip(arrays).enumerate() {
        let got = span_bytes(resp, &text, &sp);
        assert_eq!(
            std::str::from_utf8(got).expect("UTF-8"),
            c_str(a),
            "{what}: spans text {i} ({sp:?})"
        );
    }
    // The extras: the record's iteration is the core's, and `has_extras`
    // says whether it yields anything.
    if src == COSERR_OK || src == COSERR_NOT_AN_ERROR {
        let body: &[u8] = if resp.body.is_null() {
            &[]
        } else {
            // SAFETY: the body of `resp` is valid for its length.
            unsafe { std::slice::from_raw_parts(resp.body, resp.body_len) }
        };
        let mut it = with.extras;
        let from_record = extras_from(body, &mut it);
        assert_eq!(from_record, iterate(body), "{what}: spans extras iteration");
        assert_eq!(
            with.has_extras,
            u32::from(!from_record.is_empty()),
            "{what}: has_extras"
        );
    }
}

fn assert_same(c: &coserr_error, rec: &ErrorRecord, what: &str) {
    assert_arrays(c, rec, what);
    assert_eq!(c.kind, rec.kind() as u32, "{what}: kind");
    assert_eq!(c.status, rec.status(), "{what}: status");
    assert_eq!(
        c.body_status,
        rec.body_status() as u32,
        "{what}: body_status"
    );
    let offset = match (rec.body_status(), rec.body_error()) {
        (coserr_core::BodyStatus::Malformed, Some(e)) => e.offset as u32,
        _ => 0,
    };
    assert_eq!(c.body_offset, offset, "{what}: body_offset");
    assert_eq!(c.present, rec.present().0, "{what}: present");
    assert_eq!(c.from_header, rec.from_header().0, "{what}: from_header");
    assert_eq!(c.truncated, rec.truncated().0, "{what}: truncated");
    assert_eq!(c.flags, rec.flags().0, "{what}: flags");
    assert_eq!(c.code_id, rec.code_id().as_u32(), "{what}: code_id");
    assert_eq!(c.category, rec.category().as_u32(), "{what}: category");
    assert_eq!(c.retryable, u32::from(rec.retryable()), "{what}: retryable");
    assert_eq!(c.retry, rec.retry().as_u32(), "{what}: retry");
    assert_eq!(
        c.server_time_ms,
        rec.server_time_ms().unwrap_or(0),
        "{what}: server_time_ms"
    );
    // SAFETY: a static NUL-terminated string.
    let retry_name = unsafe { CStr::from_ptr(coserr_retry_name(c.retry)) };
    assert_eq!(
        retry_name.to_str().unwrap(),
        rec.retry().name(),
        "{what}: retry name"
    );
    assert_eq!(c_str(&c.code), rec.get(Field::Code), "{what}: code");
    assert_eq!(
        c_str(&c.message),
        rec.get(Field::Message),
        "{what}: message"
    );
    assert_eq!(
        c_str(&c.resource),
        rec.get(Field::Resource),
        "{what}: resource"
    );
    assert_eq!(
        c_str(&c.request_id),
        rec.get(Field::RequestId),
        "{what}: request_id"
    );
    assert_eq!(
        c_str(&c.trace_id),
        rec.get(Field::TraceId),
        "{what}: trace_id"
    );
    assert_eq!(
        c_str(&c.server_time),
        rec.get(Field::ServerTime),
        "{what}: server_time"
    );
    assert_eq!(text(coserr_format, c), rec.to_string(), "{what}: display");
    let mut json = String::new();
    rec.write_json(&mut json).unwrap();
    assert_eq!(text(coserr_to_json, c), json, "{what}: digest");
    // SAFETY: a static NUL-terminated string.
    let name = unsafe { CStr::from_ptr(coserr_code_name(c.code_id)) };
    assert_eq!(
        name.to_str().unwrap(),
        rec.code_id().as_str(),
        "{what}: code name"
    );
}

#[test]
fn the_c_abi_and_the_core_agree_on_every_shared_body() {
    let mut checked = 0;
    let mut extras_seen = 0;
    let files = body_paths();
    // Under Miri (thousands of times slower) a few bodies cover every export.
    let files = if cfg!(miri) {
        &files[..files.len().min(6)]
    } else {
        &files[..]
    };
    for path in files {
        let body = std::fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();

        // coserr_parse_body = the core with status 0 and nothing else.
        let mut c = garbage();
        // SAFETY: valid body slice and output.
        let rc = unsafe { coserr_parse_body(body.as_ptr(), body.len(), &mut c) };
        let rec = ErrorRecord::from_response(&Response {
            status: 0,
            method: b"",
            url: b"",
            headers: &(),
            body: &body,
        });
        let want = if rec.kind() == Kind::None {
            COSERR_NOT_AN_ERROR
        } else {
            COSERR_OK
        };
        assert_eq!(rc, want, "{name}: result");
        assert_same(&c, &rec, &format!("{name} (body)"));
        // The same body as a response with no headers: the same record, but
        // now the missing headers are judged (no request id anywhere: not
        // from COS); the spans call gives that response's record.
        let body_alone = CResponse::body(0, &body);
        let mut as_response = garbage();
        // SAFETY: a valid response and a valid record.
        let rrc = unsafe { coserr_parse_response(&body_alone.as_c(), &mut as_response) };
        assert_eq!(rrc, rc, "{name}: as a response");
        let no_id = c.request_id[0] == 0;
        let mut judged = c;
        if no_id {
            judged.flags |= COSERR_FLAG_NOT_FROM_COS;
        }
        assert_eq!(as_response, judged, "{name}: as a response, headers judged");
        assert_spans(
            &body_alone.as_c(),
            rc,
            &as_response,
            &format!("{name} (body, spans)"),
        );

        for case in CASES {
            let c_resp = CResponse::new(
                case.status,
                case.method.as_bytes(),
                case.url.as_bytes(),
                &body,
            )
            .with_headers(case.headers);
            let resp = c_resp.as_c();
            let mut c = garbage();
            // SAFETY: every pointer in `resp` is valid for its length.
            let rc = unsafe { coserr_parse_response(&resp, &mut c) };
            let rec = ErrorRecord::from_response(&Response {
                status: case.status,
                method: case.method.as_bytes(),
                url: case.url.as_bytes(),
                headers: case.headers,
                body: &body,
            });
            let want = if rec.kind() == Kind::None {
                COSERR_NOT_AN_ERROR
            } else {
                COSERR_OK
            };
            let what = format!("{name} (status {} {})", case.status, case.method);
            assert_eq!(rc, want, "{what}: result");
            assert_same(&c, &rec, &what);
            assert_spans(&resp, rc, &c, &what);
            checked += 1;
        }

        // The extras are the core's.
        let core_extras: Vec<(String, String)> = parse_body(&body)
            .extras()
            .map(|x| (x.name.to_owned(), x.value.to_string()))
            .collect();
        // The one-pass iterator gives the same extras, in the same order.
        assert_eq!(
            iterate(&body),
            core_extras,
            "{name}: coserr_extras_begin/next"
        );
        // The same bytes at another address will do: the iterator holds offsets.
        let copy = body.clone();
        let mut it = coserr_extras_iter::default();
        // SAFETY: valid body and iterator.
        assert_eq!(
            unsafe { coserr_extras_begin(body.as_ptr(), body.len(), &mut it) },
            COSERR_OK
        );
        let moved = extras_from(&copy, &mut it);
        assert_eq!(moved, core_extras, "{name}: iterated over a copy");
        extras_seen += core_extras.len();
    }
    if !cfg!(miri) {
        assert!(checked >= 200);
        assert!(
            extras_seen >= 10,
            "only {extras_seen} extras in the shared bodies"
        );
    }
}

/// The extras `*it` has left, in order; `*it` ends past the last.
fn extras_from(body: &[u8], it: &mut coserr_extras_iter) -> Vec<(String, String)> {
    std::iter::from_fn(|| next_extra(body, it)).collect()
}

/// The next extra of `*it`: the lengths first, with a copy of the iterator
/// ((NULL, 0) buffers), then the text into buffers of exactly those sizes.
fn next_extra(body: &[u8], it: &mut coserr_extras_iter) -> Option<(String, String)> {
    let before = *it;
    let (mut nl, mut vl) = (usize::MAX, usize::MAX);
    let mut probe = *it;
    // SAFETY: valid body and iterator; (NULL, 0) buffers ask the lengths.
    let rc = unsafe {
        coserr_extras_next(
            body.as_ptr(),
            body.len(),
            &mut probe,
            ptr::null_mut(),
            0,
            &mut nl,
            ptr::null_mut(),
            0,
            &mut vl,
        )
    };
    if rc == COSERR_NOT_FOUND {
        assert_eq!((nl, vl), (0, 0), "lengths at the end");
        assert_eq!(probe, before, "an iterator at its end does not move");
        return None;
    }
    assert_eq!(rc, COSERR_OK);
    assert_eq!(probe.reserved, 0);
    assert!(
        probe.pos > before.pos && probe.pos <= probe.end,
        "{before:?} -> {probe:?}"
    );
    let mut nb = vec![0 as c_char; nl + 1];
    let mut vb = vec![0 as c_char; vl + 1];
    let (mut nl2, mut vl2) = (0usize, 0usize);
    // SAFETY: buffers of the asked sizes.
    let rc = unsafe {
        coserr_extras_next(
            body.as_ptr(),
            body.len(),
            it,
            nb.as_mut_ptr(),
            nb.len(),
            &mut nl2,
            vb.as_mut_ptr(),
            vb.len(),
            &mut vl2,
        )
    };
    assert_eq!(rc, COSERR_OK);
    assert_eq!((nl2, vl2), (nl, vl), "the same extra twice");
    assert_eq!(*it, probe, "the copy moved as the iterator did");
    Some((c_str(&nb), c_str(&vb)))
}

/// Every extra of `body` through `coserr_extras_begin` / `coserr_extras_next`.
fn iterate(body: &[u8]) -> Vec<(String, String)> {
    let mut it = coserr_extras_iter {
        pos: 7,
        end: 9,
        seen: 1,
        reserved: 3,
    };
    let ptr = if body.is_empty() {
        ptr::null()
    } else {
        body.as_ptr()
    };
    // SAFETY: valid body ((NULL, 0) when empty) and iterator.
    assert_eq!(
        unsafe { coserr_extras_begin(ptr, body.len(), &mut it) },
        COSERR_OK
    );
    assert_eq!(it.reserved, 0);
    let out = extras_from(body, &mut it);
    // Still nothing after the end.
    assert!(next_extra(body, &mut it).is_none());
    out
}

/// An iterator begun on one body and used with every other body: no crash
/// (no read outside the body: Miri/ASan would see one), only `COSERR_OK`
/// or `COSERR_NOT_FOUND`, and never more steps than there are bytes.
#[test]
fn an_iterator_used_with_another_body_stays_inside_it() {
    let bodies: Vec<Vec<u8>> = body_paths()
        .iter()
        .take(if cfg!(miri) { 8 } else { usize::MAX })
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    let mut name = [0 as c_char; 16];
    let mut value = [0 as c_char; 16];
    let mut foreign = 0;
    for a in &bodies {
        let mut begun = coserr_extras_iter::default();
        // SAFETY: valid body and iterator.
        assert_eq!(
            unsafe { coserr_extras_begin(a.as_ptr(), a.len(), &mut begun) },
            COSERR_OK
        );
        for b in bodies.iter().chain([Vec::new(), b"<".to_vec()].iter()) {
            let mut it = begun;
            for step in 0.. {
                assert!(step <= b.len() + 1, "the iterator does not advance");
                let (mut nl, mut vl) = (0usize, 0usize);
                // SAFETY: valid body, iterator and buffers.
                let rc = unsafe {
                    coserr_extras_next(
                        b.as_ptr(),
                        b.len(),
                        &mut it,
                        name.as_mut_ptr(),
                        name.len(),
                        &mut nl,
                        value.as_mut_ptr(),
                        value.len(),
                        &mut vl,
                    )
                };
                if rc == COSERR_NOT_FOUND {
                    break;
                }
                assert_eq!(rc, COSERR_OK);
                assert!(nl <= b.len() && vl <= b.len());
                c_str(&name);
                c_str(&value);
                foreign += usize::from(!ptr::eq(a, b));
            }
        }
    }
    assert!(
        foreign > 0,
        "no foreign body yielded anything: the test proves little"
    );
    // Numbers no body fits.
    for (pos, end) in [
        (u64::MAX, u64::MAX),
        (0, u64::MAX),
        (5, 2),
        (1 << 40, 1 << 41),
    ] {
        let mut it = coserr_extras_iter {
            pos,
            end,
            seen: u32::MAX,
            reserved: u32::MAX,
        };
        let body = b"<Error><A>1</A></Error>";
        // SAFETY: valid body and iterator; (NULL, 0) buffers.
        let rc = unsafe {
            coserr_extras_next(
                body.as_ptr(),
                body.len(),
                &mut it,
                ptr::null_mut(),
                0,
                ptr::null_mut(),
                ptr::null_mut(),
                0,
                ptr::null_mut(),
            )
        };
        assert_eq!(rc, COSERR_NOT_FOUND, "{pos}..{end}");
    }
}

/// `coserr_format`/`coserr_to_json` of a record rebuilt by the core from
/// long multibyte values: truncated strings display as the core displays them.
#[test]
fn truncated_records_display_as_the_core() {
    let long = "页".repeat(700);
    let body = format!(
        "<Error><Code>{}</Code><Message>a{long}</Message><Resource>\u{1F600}{long}</Resource>\
         <RequestId>{long}</RequestId><TraceId>\t\"\\{long}</TraceId><ServerTime>{long}</ServerTime></Error>",
        "C".repeat(61) + "\u{1F600}"
    );
    let mut c = coserr_error::default();
    // SAFETY: valid body slice and output.
    let rc = unsafe { coserr_parse_body(body.as_ptr(), body.len(), &mut c) };
    assert_eq!(rc, COSERR_OK);
    let rec = ErrorRecord::from_response(&Response {
        status: 0,
        method: b"",
        url: b"",
        headers: &(),
        body: body.as_bytes(),
    });
    assert_eq!(c.truncated, 63);
    assert_same(&c, &rec, "long values");
}

#[test]
fn abi_version_and_names() {
    assert_eq!(coserr_abi_version(), COSERR_ABI_VERSION);
    for (r, want) in [
        (COSERR_OK, "COSERR_OK"),
        (COSERR_NOT_AN_ERROR, "COSERR_NOT_AN_ERROR"),
        (COSERR_NULL_ARGUMENT, "COSERR_NULL_ARGUMENT"),
        (COSERR_PANIC, "COSERR_PANIC"),
        (COSERR_INVALID_ARGUMENT, "COSERR_INVALID_ARGUMENT"),
        (COSERR_NOT_FOUND, "COSERR_NOT_FOUND"),
        (COSERR_TEXT_NEEDED, "COSERR_TEXT_NEEDED"),
        (7, "COSERR_UNKNOWN_RESULT"),
    ] {
        // SAFETY: a static NUL-terminated string.
        let got = unsafe { CStr::from_ptr(coserr_result_name(r)) };
        assert_eq!(got.to_str().unwrap(), want);
    }
}

/// A value holding a NUL byte (a JSON `\u0000`) reaches C cut at the NUL, so
/// its `truncated` bit is set (found by the `ffi` fuzz target).
#[test]
fn a_value_with_a_nul_is_flagged_as_cut_for_c() {
    let body = br#"{"code":"a\u0000b","message":"m"}"#;
    // SAFETY: coserr_error is plain integers and byte arrays.
    let mut out: coserr_error = unsafe { std::mem::zeroed() };
    // SAFETY: body is valid for its length; out is a valid exclusive pointer.
    let rc = unsafe { coserr_parse_body(body.as_ptr(), body.len(), &mut out) };
    assert_eq!(rc, COSERR_OK);
    assert_eq!(c_str(&out.code), "a");
    assert_eq!(out.truncated, COSERR_FIELD_CODE);
    assert_eq!(out.present & COSERR_FIELD_CODE, COSERR_FIELD_CODE);
    // The spans call gives what C sees: cut at the NUL, flagged.
    let c_resp = CResponse::body(0, body);
    let resp = c_resp.as_c();
    let mut sp = coserr_spans::default();
    let mut text = [0 as c_char; COSERR_TEXT_CAPACITY];
    // SAFETY: valid response, record and buffer.
    let rc = unsafe { coserr_parse_response_spans(&resp, &mut sp, text.as_mut_ptr(), text.len()) };
    assert_eq!(rc, COSERR_OK);
    assert_eq!((sp.code.len, sp.message.len), (1, 1));
    assert_eq!(span_bytes(&resp, &text, &sp.code), b"a");
    assert_eq!(sp.truncated, COSERR_FIELD_CODE);
    // coserr_field_value gives the whole value, NUL included.
    let mut whole = [0x5Au8 as c_char; 8];
    let mut len = 0;
    // SAFETY: valid body, buffer and length.
    let rc = unsafe {
        coserr_field_value(
            body.as_ptr(),
            body.len(),
            COSERR_FIELD_CODE,
            whole.as_mut_ptr(),
            whole.len(),
            &mut len,
        )
    };
    assert_eq!((rc, len), (COSERR_OK, 3));
    assert_eq!(
        whole[..4].iter().map(|&c| c as u8).collect::<Vec<_>>(),
        b"a\0b\0"
    );
    // The core keeps the whole value.
    assert_eq!(
        ErrorRecord::from_body(&parse_body(body)).get(Field::Code),
        "a\0b"
    );
}

/// `has_extras` of the spans call says exactly whether there is an extra,
/// also where its tag count is fooled (markup inside comments and CDATA,
/// elements nested in a field, self-closing and repeated children).
#[test]
fn has_extras_is_exact() {
    let bodies: [&[u8]; 12] = [
        b"<Error><Code>C</Code></Error>",
        b"<Error><Code>C</Code><X/></Error>",
        b"<Error><Code>C</Code><Code>D</Code></Error>",
        b"<Error><Code>C<b>x</b></Code></Error>",
        b"<Error><Code>C</Code><!-- <a><b> --></Error>",
        b"<Error><Message><![CDATA[<a><b>]]></Message></Error>",
        b"<Error><Message><![CDATA[<a><b>]]></Message><HostId>h</HostId></Error>",
        b"<e:Error xmlns:e=\"u\"><e:Code>C</e:Code><e:Host>h</e:Host></e:Error>",
        b"<?xml version=\"1.0\"?><Error><?pi <x> ?><Code>C</Code></Error>",
        b"<Error><Code>C</Code><HostId>h",
        b"{\"code\":\"C\",\"x\":\"<y>\"}",
        b"",
    ];
    for body in bodies {
        let c_resp = CResponse::body(404, body);
        let resp = c_resp.as_c();
        let mut p = coserr_spans::default();
        let mut text = vec![0 as c_char; COSERR_TEXT_CAPACITY];
        // SAFETY: valid response, record and buffer.
        unsafe { coserr_parse_response_spans(&resp, &mut p, text.as_mut_ptr(), text.len()) };
        let count = parse_body(body).extras().count();
        assert_eq!(
            p.has_extras,
            u32::from(count > 0),
            "{}",
            String::from_utf8_lossy(body)
        );
        let mut it = p.extras;
        let from_record = extras_from(body, &mut it);
        assert_eq!(
            from_record,
            iterate(body),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
}
