//! `coserr_parse_response_spans` on hand-made responses: which input each
//! text is taken from, at which offset (found here by searching the input),
//! when the text buffer is needed, and the argument checks. That every span
//! names the same text as `coserr_parse_response` is checked on every
//! shared body by `agree.rs`.

use std::ffi::c_char;
use std::ptr;

use coserr_ffi::*;
use coserr_testkit::c_response::CResponse;

/// The spans call, with a text buffer or without.
fn spans(resp: &coserr_response, text: Option<&mut [c_char]>) -> (u32, coserr_spans) {
    let mut out = coserr_spans {
        kind: 7,
        ..coserr_spans::default()
    };
    let (t, cap) = match text {
        Some(t) => (t.as_mut_ptr(), t.len()),
        None => (ptr::null_mut(), 0),
    };
    // SAFETY: `resp`'s pointers are valid for their lengths; `out` and the
    // buffer are valid for writes of their sizes.
    let rc = unsafe { coserr_parse_response_spans(resp, &mut out, t, cap) };
    (rc, out)
}

/// Where `needle` first occurs in `hay`.
fn find(hay: &[u8], needle: &str) -> u32 {
    let n = needle.as_bytes();
    hay.windows(n.len()).position(|w| w == n).expect("present") as u32
}

fn span(source: u32, header: u32, offset: u32, len: usize) -> coserr_span {
    coserr_span {
        source,
        header,
        offset,
        len: len as u32,
    }
}

#[test]
fn plain_values_are_spans_of_the_body_and_fallbacks_of_their_input() {
    let body = b"<?xml version='1.0'?>\n<Error>\n\t<Code>NoSuchKey</Code>\n\t<Message>The key does not exist.</Message>\n\t<RequestId>bodyid</RequestId>\n</Error>";
    let headers = [
        ("Content-Type", "application/xml"),
        ("X-Cos-Request-Id", "hdrid"),
        ("x-cos-trace-id", "trace-1"),
    ];
    let url = "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/k";
    let r = CResponse::new(404, b"GET", url.as_bytes(), body).with_headers(&headers);
    let resp = r.as_c();
    let (rc, s) = spans(&resp, None);
    assert_eq!(rc, COSERR_OK);
    assert_eq!(s.kind, COSERR_KIND_SERVICE);
    assert_eq!(
        s.code,
        span(COSERR_SOURCE_BODY, 0, find(body, "NoSuchKey"), 9)
    );
    assert_eq!(
        s.message,
        span(COSERR_SOURCE_BODY, 0, find(body, "The key"), 23)
    );
    // The body's id wins over the header's (and they disagree).
    assert_eq!(
        s.request_id,
        span(COSERR_SOURCE_BODY, 0, find(body, "bodyid"), 6)
    );
    assert_eq!(s.flags & COSERR_FLAG_IDS_DISAGREE, COSERR_FLAG_IDS_DISAGREE);
    // Fallbacks: the trace id from header 2, the resource from the URL.
    assert_eq!(s.trace_id, span(COSERR_SOURCE_HEADER, 2, 0, 7));
    assert_eq!(s.resource, span(COSERR_SOURCE_URL, 0, 0, url.len()));
    assert_eq!(s.server_time, coserr_span::default());
    assert_eq!(s.from_header, COSERR_FIELD_TRACE_ID | COSERR_FIELD_RESOURCE);
    // A buffer changes nothing when no text needs it.
    let mut text = vec![0 as c_char; COSERR_TEXT_CAPACITY];
    assert_eq!(spans(&resp, Some(&mut text)), (rc, s));
}

#[test]
fn decoded_and_made_up_texts_need_the_buffer() {
    let mut text = vec![0 as c_char; COSERR_TEXT_CAPACITY];
    let text_at = |text: &[c_char], sp: &coserr_span| -> String {
        assert_eq!(sp.source, COSERR_SOURCE_TEXT);
        let b: Vec<u8> = text[sp.offset as usize..][..sp.len as usize]
            .iter()
            .map(|&c| c as u8)
            .collect();
        String::from_utf8(b).unwrap()
    };

    // An entity: the message is decoded into the buffer, at the message's
    // region (after the code's 63 bytes); the code stays a span.
    let body = b"<Error><Code>InvalidArgument</Code><Message>a &amp; b</Message></Error>";
    let r = CResponse::new(400, b"PUT", b"", body);
    let resp = r.as_c();
    assert_eq!(
        spans(&resp, None),
        (COSERR_TEXT_NEEDED, coserr_spans::default())
    );
    let (rc, s) = spans(&resp, Some(&mut text));
    assert_eq!(rc, COSERR_OK);
    assert_eq!(
        s.code,
        span(COSERR_SOURCE_BODY, 0, find(body, "InvalidArgument"), 15)
    );
    assert_eq!(s.message.offset, 63);
    assert_eq!(text_at(&text, &s.message), "a & b");

    // HEAD 404 without a body: the Python SDK's code and message.
    let r = CResponse::new(404, b"HEAD", b"", b"");
    let resp = r.as_c();
    assert_eq!(spans(&resp, None).0, COSERR_TEXT_NEEDED);
    let (rc, s) = spans(&resp, Some(&mut text));
    assert_eq!(rc, COSERR_OK);
    assert_eq!(text_at(&text, &s.code), "NoSuchResource");
    assert_eq!(
        text_at(&text, &s.message),
        "The Resource You Head Not Exist"
    );

    // A header value that is not UTF-8 reaches the record with U+FFFD.
    let headers: [(&str, &[u8]); 1] = [("x-cos-request-id", b"id\xff")];
    let r = CResponse::new(404, b"GET", b"", b"<Error><Code>NoSuchKey</Code></Error>")
        .with_headers(&headers);
    let resp = r.as_c();
    assert_eq!(spans(&resp, None).0, COSERR_TEXT_NEEDED);
    let (_, s) = spans(&resp, Some(&mut text));
    assert_eq!(text_at(&text, &s.request_id), "id\u{FFFD}");
}

#[test]
fn cut_texts_stay_spans() {
    // A code over its 63-byte capacity: the first 63 bytes, flagged.
    let code = "C".repeat(100);
    let body = format!("<Error><Code>{code}</Code></Error>");
    let r = CResponse::new(404, b"GET", b"", body.as_bytes());
    let resp = r.as_c();
    let (rc, s) = spans(&resp, None);
    assert_eq!(rc, COSERR_OK);
    assert_eq!(s.code, span(COSERR_SOURCE_BODY, 0, 13, 63));
    assert_eq!(s.truncated, COSERR_FIELD_CODE);

    // A JSON value with a NUL is cut there for C, and flagged.
    let body = br#"{"code":"a\u0000b","message":"plain"}"#;
    let r = CResponse::new(0, b"", b"", body);
    let resp = r.as_c();
    let mut text = vec![0 as c_char; COSERR_TEXT_CAPACITY];
    let (rc, s) = spans(&resp, Some(&mut text));
    assert_eq!(rc, COSERR_OK);
    assert_eq!((s.code.source, s.code.len), (COSERR_SOURCE_TEXT, 1));
    assert_eq!(
        s.message,
        span(COSERR_SOURCE_BODY, 0, find(body, "plain"), 5)
    );
    assert_eq!(s.truncated, COSERR_FIELD_CODE);
}

#[test]
fn the_spans_call_checks_its_arguments() {
    let body = b"<Error><Code>NoSuchKey</Code></Error>";
    let r = CResponse::new(404, b"GET", b"", body);
    let resp = r.as_c();
    let mut text = vec![0 as c_char; COSERR_TEXT_CAPACITY];
    let cases: [(*const coserr_response, *mut c_char, usize, u32); 5] = [
        (ptr::null(), ptr::null_mut(), 0, COSERR_NULL_ARGUMENT),
        (&resp, ptr::null_mut(), 10, COSERR_NULL_ARGUMENT),
        (
            &resp,
            text.as_mut_ptr(),
            text.len() - 1,
            COSERR_INVALID_ARGUMENT,
        ),
        (&resp, text.as_mut_ptr(), text.len(), COSERR_OK),
        (&resp, ptr::null_mut(), 0, COSERR_OK),
    ];
    for (r, t, cap, want) in cases {
        let mut out = coserr_spans {
            kind: 9,
            ..coserr_spans::default()
        };
        // SAFETY: every non-NULL pointer is valid for its size.
        let rc = unsafe { coserr_parse_response_spans(r, &mut out, t, cap) };
        assert_eq!(rc, want);
        if want == COSERR_OK {
            assert_eq!(out.code, span(COSERR_SOURCE_BODY, 0, 13, 9));
        } else {
            assert_eq!(out, coserr_spans::default());
        }
    }
    // SAFETY: a NULL `out` is checked.
    let rc = unsafe { coserr_parse_response_spans(&resp, ptr::null_mut(), ptr::null_mut(), 0) };
    assert_eq!(rc, COSERR_NULL_ARGUMENT);
    // A body NULL with a length above 0.
    let bad = coserr_response {
        body: ptr::null(),
        ..resp
    };
    assert_eq!(
        spans(&bad, None),
        (COSERR_NULL_ARGUMENT, coserr_spans::default())
    );
}
