//! Writes the seed corpora `fuzz/corpus/<target>/seed-*` from the shared
//! sample bodies (`../shared/cos/{samples,edge,bench}`, relative to the
//! repository root) plus a few hand-made edge bodies:
//!
//! ```text
//! cd fuzz && cargo run --example seed_corpus
//! ```
//!
//! `body` and `differential` get the raw bodies; `response` and `ffi` get
//! each body wrapped as a few responses (layout in `coserr_testkit::input`): an error
//! status with the id headers and a URL, a 200, a 503 without ids but with
//! the date / location / region headers, a 301 with an asctime date, a HEAD
//! 404 with no body, a
//! vector-bucket `x-cos-error-code` answer.

use std::fs;
use std::path::Path;

use coserr_fuzz::ResponseInput;
use coserr_testkit::samples;

/// Small bodies on the edges the samples do not cover.
const EXTRA: &[(&str, &[u8])] = &[
    ("json_api3", br#"{"Response":{"Error":{"Code":"AuthFailure","Message":"m"},"RequestId":"r-1"}}"#),
    ("json_number_token", br#"{"code":{"$serde_json::private::Number":"404"},"request_id":"x"}"#),
    ("json_surrogates", br#"{"message":"\uD83D\uDE00 \u00e9","code":1e400}"#),
    ("xml_ns", b"<s3:Error xmlns:s3='urn:s3'><s3:Code>c</s3:Code><Extra a='&lt;'>x<![CDATA[y]]></Extra></s3:Error>"),
    ("xml_refs", b"<Error><Message>&#13;&#x1F600;&amp;\r\n\r&lt;</Message></Error>"),
    ("xml_pi_comment", b"<?xml version='1.0'?><!-- c --><?pi x?><Error><Code><!--c-->a<?p?>b</Code></Error>"),
    ("xml_deep", b"<Error><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a>x</a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></Error>"),
];

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    fs::create_dir_all(dir).unwrap();
    fs::write(dir.join(format!("seed-{name}")), bytes).unwrap();
}

fn main() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut bodies: Vec<(String, Vec<u8>)> = Vec::new();
    for p in samples::body_paths() {
        let dir = p.parent().and_then(|d| d.file_name()).unwrap_or_default();
        let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
        let name = format!("{}-{stem}", dir.to_string_lossy());
        bodies.push((name, fs::read(&p).unwrap()));
    }
    for (name, b) in EXTRA {
        bodies.push((name.to_string(), b.to_vec()));
    }
    for (name, body) in &bodies {
        write(&corpus.join("body"), name, body);
        write(&corpus.join("differential"), name, body);
        let ids: Vec<(Vec<u8>, &[u8])> = vec![
            (b"x-cos-request-id".to_vec(), b"NWZjZjU0Yjlf"),
            (b"x-cos-trace-id".to_vec(), b"OGVmYzZiMmQz"),
        ];
        let variants = [
            (
                "404",
                ResponseInput {
                    status: 404,
                    method: b"GET",
                    url: b"https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/key",
                    headers: ids.clone(),
                    body,
                },
            ),
            (
                "200",
                ResponseInput {
                    status: 200,
                    method: b"PUT",
                    url: b"",
                    headers: vec![],
                    body,
                },
            ),
            (
                "403-code-header",
                ResponseInput {
                    status: 403,
                    method: b"POST",
                    url: b"/v",
                    headers: vec![
                        (b"x-cos-error-code".to_vec(), b"AccessDenied"),
                        (b"x-ci-request-id".to_vec(), b"ci-1"),
                    ],
                    body,
                },
            ),
            (
                "503-decisions",
                ResponseInput {
                    status: 503,
                    method: b"GET",
                    url: b"",
                    headers: vec![
                        (b"date".to_vec(), b"Tuesday, 09-Apr-19 03:39:20 GMT"),
                        (b"location".to_vec(), b"https://b.cos.ap-x.tencentcos.cn/k"),
                        (b"x-cos-bucket-region".to_vec(), b"ap-guangzhou"),
                    ],
                    body,
                },
            ),
            (
                "301-date",
                ResponseInput {
                    status: 301,
                    method: b"HEAD",
                    url: b"/k",
                    headers: vec![
                        (b"date".to_vec(), b"Tue Apr  9 03:39:20 2019"),
                        (b"x-img-request-id".to_vec(), b"img-1"),
                    ],
                    body,
                },
            ),
        ];
        for (suffix, input) in variants {
            let bytes = input.encode();
            assert_eq!(ResponseInput::decode(&bytes), input);
            write(
                &corpus.join("response"),
                &format!("{name}-{suffix}"),
                &bytes,
            );
            write(&corpus.join("ffi"), &format!("{name}-{suffix}"), &bytes);
        }
    }
    let head = ResponseInput {
        status: 404,
        method: b"HEAD",
        url: b"https://b.cos.myqcloud.com/k",
        headers: vec![(b"x-cos-request-id".to_vec(), b"r")],
        body: b"",
    };
    for t in ["response", "ffi"] {
        write(&corpus.join(t), "head-404", &head.encode());
    }
    println!(
        "wrote seeds for {} bodies into {}",
        bodies.len(),
        corpus.display()
    );
}
