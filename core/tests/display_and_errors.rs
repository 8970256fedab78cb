//! The record's faces: the one-line display, the digest, `CosError` (raw
//! body, extras, the Python SDK's getters, `core::error::Error`) and the
//! look-up of the known headers. Expectations are the Python SDK's strings
//! and hand-checked values, not coserr's output.

use coserr::{CosError, Flags, Header, Kind, Response};

use coserr_testkit::record::record;
use coserr_testkit::rng::Rng;
use coserr_testkit::samples::read_shared;

const URL: &str = "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/dir/key.txt";

// ---------------------------------------------------------------- display

#[test]
fn display_line_carries_status_code_message_ids() {
    let body = read_shared("samples/go_Test_IsNotFoundError.xml");
    let r = record(404, "GET", URL, &[], &body);
    let line = r.to_string();
    assert!(!line.contains('\n'), "{line}");
    assert!(line.starts_with("CosServiceError"), "{line}");
    for part in [
        "status=404",
        "code=\"NoSuchKey\"",
        "message=\"The specified key does not exist.\"",
        "request_id=\"NjA3OGY4NGFfNjJkMmMwYl8***\"",
        "trace_id=\"OGVmYzZiMmQzYjA2OWNh***\"",
    ] {
        assert!(line.contains(part), "{part} not in {line}");
    }
    // Absent values still have their key.
    let r = record(404, "GET", "", &[], b"");
    let line = r.to_string();
    for part in [
        "status=404",
        "code=-",
        "message=-",
        "request_id=-",
        "trace_id=-",
    ] {
        assert!(line.contains(part), "{part} not in {line}");
    }
    // A client error names its cause.
    let r = record(
        403,
        "GET",
        "",
        &[("x-cos-request-id", "rid")],
        &read_shared("samples/issues_PicGo_868_403_plaintext_nonxml.txt"),
    );
    let line = r.to_string();
    assert!(line.starts_with("CosClientError"), "{line}");
    assert!(
        line.contains("cause=not_xml") && line.contains("request_id=\"rid\""),
        "{line}"
    );
}

#[test]
fn display_escapes_values_to_stay_one_line() {
    let body = br#"{"code":"Bad\"Code","message":"a \"q\" \\ b\nc\td\u0001","request_id":"r\"1"}"#;
    let r = record(400, "GET", "", &[], body);
    assert_eq!(r.texts().message, "a \"q\" \\ b\nc\td\u{1}");
    let line = r.to_string();
    assert!(
        !line.contains('\n') && !line.contains('\t') && !line.contains('\u{1}'),
        "{line:?}"
    );
    assert!(line.contains(r#"code="Bad\"Code""#), "{line}");
    assert!(
        line.contains(r#"message="a \"q\" \\ b\nc\td\u{1}""#),
        "{line}"
    );
    assert!(line.contains(r#"request_id="r\"1""#), "{line}");
}

#[test]
fn digest_is_json_with_the_python_sdk_keys() {
    let body = read_shared("samples/go_Test_IsNotFoundError.xml");
    let r = record(404, "GET", URL, &[], &body);
    let v: serde_json::Value = serde_json::from_str(&r.digest().to_string()).unwrap();
    let obj = v.as_object().unwrap();
    let keys: Vec<&str> = obj.keys().map(|k| k.as_str()).collect();
    for k in [
        "code",
        "message",
        "resource",
        "requestid",
        "traceid",
        "status",
        "kind",
    ] {
        assert!(keys.contains(&k), "{k} missing in {v}");
    }
    assert_eq!(v["code"], "NoSuchKey");
    assert_eq!(v["message"], "The specified key does not exist.");
    assert_eq!(
        v["resource"],
        "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/test_404"
    );
    assert_eq!(v["requestid"], "NjA3OGY4NGFfNjJkMmMwYl8***");
    assert_eq!(v["traceid"], "OGVmYzZiMmQzYjA2OWNh***");
    assert_eq!(v["status"].as_u64(), Some(404));
    assert_eq!(v["kind"], "service");
    // Absent → null; awkward characters round-trip.
    let r = record(
        400,
        "GET",
        "",
        &[],
        br#"{"message":"a\"b\\c\nd\u0001\u001f"}"#,
    );
    let v: serde_json::Value = serde_json::from_str(&r.digest().to_string()).unwrap();
    assert!(
        v["code"].is_null()
            && v["resource"].is_null()
            && v["requestid"].is_null()
            && v["traceid"].is_null(),
        "{v}"
    );
    assert_eq!(v["message"], "a\"b\\c\nd\u{1}\u{1f}");
    // Present and empty is "" (not null).
    let r = record(
        403,
        "GET",
        "",
        &[],
        &read_shared("samples/issues_mozillazg-go-cos_2_SignatureDoesNotMatch_empty_elements.xml"),
    );
    let v: serde_json::Value = serde_json::from_str(&r.digest().to_string()).unwrap();
    assert_eq!(v["requestid"], "");
    assert!(v["requestid"].is_string());
}

// ---------------------------------------------------------------- CosError

#[test]
fn cos_error_keeps_the_raw_body_and_the_extras() {
    let body = read_shared(
        "samples/java_XmlResponsesSaxParser_CompleteMultipartUploadHandler_javadoc.xml",
    );
    let headers = [("x-cos-request-id", "656c76696e6727732072657175657374")];
    let resp = Response {
        status: 200,
        method: b"POST",
        url: URL.as_bytes(),
        headers: &headers[..],
        body: &body,
    };
    let e = CosError::from_response(&resp).expect("a 200 with <Error> is an error");
    assert_eq!(e.origin_msg(), &body[..]);
    assert_eq!(e.kind(), Kind::Service);
    assert_eq!(e.error_code(), Some("InternalError"));
    assert!(e.record.retryable());
    let extras: Vec<(String, String)> = e
        .extras()
        .map(|x| (x.name.to_string(), x.value.to_string()))
        .collect();
    assert_eq!(
        extras,
        [(
            "HostId".to_string(),
            "Uuag1LuByRx9e6j5Onimru9pO4ZVKnJ2Qz7/C1NPcfTWAtRPfTaOFg==".to_string()
        )]
    );
    assert_eq!(e.to_string(), e.record.to_string());

    // A client error (truncated body) still exposes the extras it completed.
    let body = read_shared(
        "samples/issues_PicGo_638_SignatureDoesNotMatch_StringToSign_FormatString_TRUNCATED.xml",
    );
    let resp = Response {
        status: 403,
        method: b"PUT",
        url: b"",
        headers: &(),
        body: &body,
    };
    let e = CosError::from_response(&resp).unwrap();
    assert_eq!(e.kind(), Kind::Client);
    assert!(e.record.flags().contains(Flags::PARTIAL));
    assert_eq!(e.error_code(), Some("SignatureDoesNotMatch"));
    assert_eq!(
        e.request_id(),
        Some("NjA0NGFjMmFfZTViOTJhMDlfMjA0NDlfNzU0MzM4NQ==")
    );
    assert_eq!(e.origin_msg(), &body[..]);
    let names: Vec<&str> = e.extras().map(|x| x.name).collect();
    assert_eq!(names, ["StringToSign", "FormatString"]);

    // Not an error → None.
    let body = read_shared("edge/leading_whitespace_keepalive_then_result.xml");
    let resp = Response {
        status: 200,
        method: b"POST",
        url: b"",
        headers: &(),
        body: &body,
    };
    assert!(CosError::from_response(&resp).is_none());
}

#[test]
fn python_sdk_getters() {
    let body = read_shared("samples/issues_cos-wx-sdk-v5_30_AccessDenied_ServerTime.xml");
    let r = record(403, "GET", URL, &[], &body);
    assert_eq!(r.status_code(), 403);
    assert_eq!(r.error_code(), Some("AccessDenied"));
    assert_eq!(r.error_msg(), Some("Access Denied."));
    assert_eq!(r.server_time(), Some("2019-04-09T03:39:20Z"));
    assert_eq!(
        r.request_id(),
        Some("NWNhYzEzZThfNGQ5ZTU4NjRfNmFhNV83YTZjOGY=")
    );
    assert!(
        r.resource_location()
            .unwrap()
            .starts_with("wechat-12567014540")
    );
    assert!(r.trace_id().unwrap().starts_with("OGVmYzZi"));
}

/// `ParseError` and `CosError` are `core::error::Error`s, so they fit a
/// `Box<dyn Error>` or `?` into one, and say what went wrong through it.
#[test]
fn parse_error_and_cos_error_are_errors() {
    // Seven bytes: the body ends where the root's content should begin.
    let body = coserr::parse_body(b"<Error>");
    let parse_error: Box<dyn std::error::Error> = Box::new(body.error().unwrap());
    assert_eq!(parse_error.to_string(), "unexpected end of body at byte 7");
    assert!(parse_error.source().is_none());

    let body = read_shared("samples/issues_cos-wx-sdk-v5_30_AccessDenied_ServerTime.xml");
    let resp = Response {
        status: 403,
        method: b"GET",
        url: URL.as_bytes(),
        headers: &[][..] as &[Header<'_>],
        body: &body,
    };
    let err = CosError::from_response(&resp).unwrap();
    // The getters CosError has of its own (no Deref to the record).
    assert_eq!(err.kind(), Kind::Service);
    assert_eq!(err.status_code(), 403);
    assert_eq!(err.error_code(), Some("AccessDenied"));
    assert_eq!(err.error_msg(), Some("Access Denied."));
    assert_eq!(
        err.request_id(),
        Some("NWNhYzEzZThfNGQ5ZTU4NjRfNmFhNV83YTZjOGY=")
    );
    assert_eq!(err.trace_id(), err.record.trace_id());
    assert_eq!(err.resource_location(), err.record.resource_location());
    assert_eq!(err.digest().to_string(), err.record.digest().to_string());
    let line = err.to_string();
    let as_error: Box<dyn std::error::Error + '_> = Box::new(err);
    assert_eq!(as_error.to_string(), line);
    assert!(line.starts_with("CosServiceError status=403 code=\"AccessDenied\""));
}

/// `KnownHeader::from_name` knows exactly the eight names, in any ASCII
/// case: every byte of each name replaced by any byte but its own two cases
/// gives no match.
#[test]
fn known_headers_by_name() {
    use coserr::abi::KnownHeader;
    for k in KnownHeader::ALL {
        let name = k.name();
        assert_eq!(KnownHeader::from_name(name.as_bytes()), Some(k));
        assert_eq!(
            KnownHeader::from_name(name.to_ascii_uppercase().as_bytes()),
            Some(k)
        );
        for i in 0..name.len() {
            let own = name.as_bytes()[i];
            for b in 0..=255u8 {
                if b.eq_ignore_ascii_case(&own) {
                    continue;
                }
                let mut other = name.as_bytes().to_vec();
                other[i] = b;
                assert_eq!(KnownHeader::from_name(&other), None, "{other:?}");
            }
        }
        assert_eq!(KnownHeader::from_name(&name.as_bytes()[1..]), None);
    }
    assert_eq!(KnownHeader::from_name(b"content-type"), None);
    assert_eq!(KnownHeader::from_name(b""), None);
}

/// The one-pass look-up of the known headers answers what a look-up by name
/// does: the first non-empty header of that name in any ASCII case.
#[test]
fn known_all_equals_get_for_every_known_header() {
    use coserr::Headers;
    use coserr::abi::KnownHeader;
    let names = [
        "x-cos-request-id",
        "X-Cos-Request-Id",
        "x-ci-request-id",
        "X-IMG-REQUEST-ID",
        "x-cos-trace-id",
        "x-cos-error-code",
        "x-cos-request-i",
        "x-cos-request-idd",
        "content-type",
        "x-cos-trace-iD",
        "Date",
        "dat",
        "LOCATION",
        "locations",
        "x-cos-bucket-region",
        "X-Cos-Storage-Class",
    ];
    let values = ["", "a", "NjQ5ZjQ1", "second"];
    let mut rng = Rng::new(0x04EA_DE25);
    for _ in 0..5_000 {
        let n = rng.index(7);
        let pairs: Vec<(&str, &str)> = (0..n)
            .map(|_| (rng.pick(&names), rng.pick(&values)))
            .collect();
        let list: Vec<Header<'_>> = pairs
            .iter()
            .map(|&(name, value)| Header {
                name: name.as_bytes(),
                value: value.as_bytes(),
            })
            .collect();
        for h in KnownHeader::ALL {
            let want = pairs
                .iter()
                .find(|(name, value)| !value.is_empty() && name.eq_ignore_ascii_case(h.name()))
                .map(|(_, value)| value.as_bytes());
            assert_eq!(pairs[..].known_all()[h as usize], want, "{pairs:?} {h:?}");
            assert_eq!(list[..].known_all()[h as usize], want, "{pairs:?} {h:?}");
            assert_eq!(Headers::get(&pairs[..], h.name()), want, "{pairs:?} {h:?}");
            assert_eq!(Headers::get(&list[..], h.name()), want, "{pairs:?} {h:?}");
        }
    }
}

/// `KnownHeader::from_name` folds case exactly as `eq_ignore_ascii_case`:
/// every known name with any one byte replaced by any value.
#[test]
fn known_header_from_name_is_ascii_case_insensitive_and_nothing_more() {
    use coserr::abi::KnownHeader;
    for h in KnownHeader::ALL {
        for at in 0..h.name().len() {
            for c in 0..=255u8 {
                let mut name = h.name().as_bytes().to_vec();
                name[at] = c;
                let want = KnownHeader::ALL
                    .into_iter()
                    .find(|k| name.eq_ignore_ascii_case(k.name().as_bytes()));
                assert_eq!(KnownHeader::from_name(&name), want, "{name:?}");
            }
        }
        assert_eq!(
            KnownHeader::from_name(h.name().to_uppercase().as_bytes()),
            Some(h)
        );
        assert_eq!(KnownHeader::from_name(&h.name().as_bytes()[1..]), None);
    }
}
