//! Golden tests: one hand-written expectation per shared body.
//!
//! Every file in `../shared/cos/{samples,edge,bench}` must have an entry here
//! (a new sample cannot be skipped silently), and every entry must name an
//! existing file. The expectations were written from what each body *means*
//! (the rules in docs/semantics.md and `samples/README.tsv`), not copied from coserr's output:
//! verdict, format, each of the six fields (absent / present-empty / value),
//! the extras in document order, partial or not, and for a few malformed
//! bodies the byte offset and reason of the error, counted by hand.
//!
//! As an independent check, every XML candidate is also given to roxmltree
//! (the reference): it must accept exactly the bodies expected `Ok` or
//! `NotErrorDoc`.

use std::collections::BTreeSet;

use coserr::{BodyFormat, BodyStatus, ErrorRecord, Field, Flags, Reason, parse_body};

use coserr_testkit::text::cut;
use coserr_testkit::{oracle, samples};

/// What one body must give.
#[derive(Debug, Clone)]
struct Golden {
    file: &'static str,
    status: BodyStatus,
    format: BodyFormat,
    /// Indexed by `Field as usize`: `None` absent, `Some("")` present and empty.
    fields: [Option<String>; 6],
    extras: Vec<(String, String)>,
    partial: bool,
    /// `(offset into the whole body, reason)`, when checked by hand.
    error: Option<(usize, Reason)>,
    /// Offset of the document after BOM and leading whitespace.
    doc_start: usize,
}

fn g(file: &'static str, status: BodyStatus, format: BodyFormat) -> Golden {
    Golden {
        file,
        status,
        format,
        fields: Default::default(),
        extras: Vec::new(),
        partial: false,
        error: None,
        doc_start: 0,
    }
}

fn ok_xml(file: &'static str) -> Golden {
    g(file, BodyStatus::Ok, BodyFormat::Xml)
}

impl Golden {
    fn set(mut self, f: Field, v: impl Into<String>) -> Self {
        self.fields[f as usize] = Some(v.into());
        self
    }
    fn code(self, v: &str) -> Self {
        self.set(Field::Code, v)
    }
    fn message(self, v: impl Into<String>) -> Self {
        self.set(Field::Message, v)
    }
    fn resource(self, v: impl Into<String>) -> Self {
        self.set(Field::Resource, v)
    }
    fn request_id(self, v: &str) -> Self {
        self.set(Field::RequestId, v)
    }
    fn trace_id(self, v: &str) -> Self {
        self.set(Field::TraceId, v)
    }
    fn server_time(self, v: &str) -> Self {
        self.set(Field::ServerTime, v)
    }
    fn extra(mut self, name: &str, value: &str) -> Self {
        self.extras.push((name.to_string(), value.to_string()));
        self
    }
    fn partial(mut self) -> Self {
        self.partial = true;
        self
    }
    fn error(mut self, offset: usize, reason: Reason) -> Self {
        self.error = Some((offset, reason));
        self
    }
    fn doc_start(mut self, at: usize) -> Self {
        self.doc_start = at;
        self
    }
}

/// The decoded `<Message>` of bench/large_4KB.xml: 14 conditions with every
/// predefined entity and both kinds of character reference (`&#x27;`, `&#39;`).
fn large_message() -> String {
    (0..14)
        .map(|i| {
            format!(
                "Condition #{i}: header \"x-cos-meta-k{i}\" <= limit && value > 0 \
                 failed for 'obj-{i}' (R&D policy 'v{i}')."
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The decoded `<Resource>` of bench/large_4KB.xml (`&amp;` between params).
fn large_resource() -> String {
    let params: Vec<String> = (0..28)
        .map(|i| format!("param{i}=value-{i:04}%2Fpath%3Fk%3Dv"))
        .collect();
    format!(
        "https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/very/long/object/key/\
         prefix/2024/06/30/report-final.tar.gz?{}",
        params.join("&")
    )
}

fn table() -> Vec<Golden> {
    use BodyFormat::{Json, None as NoFormat, Xml};
    use BodyStatus::{Empty, Malformed, NotErrorDoc, NotXml, Ok};
    const COS_TRACE_SUFFIX: &str =
        "OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM1NmI1M2E2MTRl";
    vec![
        // ------------------------------------------------------------ samples
        ok_xml("samples/awsrust_rest_xml_unwrapped_errors_parse_unwrapped_error.xml")
            .code("InvalidGreeting")
            .message("Hi")
            .request_id("foo-id")
            .extra("Type", "Sender")
            .extra("AnotherSetting", "setting"),
        // The body's RequestId is deliberately wrong (the AWS SDK prefers the
        // header); the *body* parser still reports what the body says.
        ok_xml("samples/awsrust_s3_request_id_NoSuchKey.xml")
            .code("NoSuchKey")
            .message("The resource you requested does not exist")
            .resource("/mybucket/myfoto.jpg")
            .request_id("incorrect-request-id"),
        ok_xml("samples/awsrust_s3_request_id_SomeUnmodeledError.xml")
            .code("SomeUnmodeledError")
            .message("Something bad happened")
            .resource("/mybucket/myfoto.jpg")
            .request_id("incorrect-request-id"),
        // `</DomainRule>` closes `<root>`: 6 + 23 + 17 + 17 + 43 = byte 106.
        // The root is not Error, so nothing is kept (not partial).
        g("samples/c_test_cos_status_parse_from_body_400_mismatched_close.xml", Malformed, Xml)
            .error(106, Reason::MismatchedTag),
        g("samples/c_test_cos_status_parse_from_body_400_wrong_root.xml", NotErrorDoc, Xml),
        ok_xml("samples/cpp_BucketRespTest_BucketDomainTest.xml")
            .code("Code")
            .message("Message")
            .request_id("RequestId")
            .trace_id("TraceId"),
        // The per-key <Error> is nested in <DeleteResult>: not the root.
        g("samples/cpp_ObjectRespTest_ObjectTest_DeleteResult.xml", NotErrorDoc, Xml),
        ok_xml("samples/cpp_mock_server_handleErrorRequest.xml")
            .code("InvalidBucketName")
            .message("bucket name is invalid")
            .resource("error_request_resource")
            .request_id("error_request_id")
            .trace_id("error_request_trace_id"),
        ok_xml("samples/flare_CosStatus_ParseFromString.xml")
            .code("ActionAccelerateNotSupported")
            .message("string")
            .resource("string")
            .request_id("string")
            .trace_id("string"),
        // Well-formed XML whose root is <html>.
        g(
            "samples/go_TestObjectService_CompleteMultipartUpload_200NonXML_html_error_page.html",
            NotErrorDoc,
            Xml,
        ),
        g(
            "samples/go_TestObjectService_CompleteMultipartUpload_200NonXML_plain_text_body.txt",
            NotXml,
            NoFormat,
        ),
        ok_xml("samples/go_TestObjectService_CompleteMultipartUpload_200NonXML_xml_error_embedded_in_200.xml")
            .code("InternalError")
            .message("We encountered an internal error."),
        ok_xml("samples/go_TestObjectService_CompleteMultipartUpload_HTTPError.xml")
            .code("InternalError")
            .message("server error"),
        // Tabs and spaces around the children are whitespace text, not values.
        ok_xml("samples/go_TestObjectService_CopyPart.xml")
            .code("string")
            .message("string")
            .resource("string")
            .request_id("string")
            .trace_id("string"),
        ok_xml("samples/go_TestObjectService_Copy_returnErr.xml")
            .code("ErrorRequest")
            .message("Error Request"),
        // A number counts as its literal text; `request_id` matches RequestId.
        g("samples/go_Test_CheckReponse_json.json", Ok, Json)
            .code("404")
            .message("404 NotFound")
            .request_id("requestid"),
        ok_xml("samples/go_Test_IsNotFoundError.xml")
            .code("NoSuchKey")
            .message("The specified key does not exist.")
            .resource("examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/test_404")
            .request_id("NjA3OGY4NGFfNjJkMmMwYl8***")
            .trace_id("OGVmYzZiMmQzYjA2OWNh***"),
        ok_xml("samples/go_Test_checkResponse_with_error.xml")
            .code("BucketAlreadyExists")
            .message("The requested bucket name is not available.")
            .resource("testdelete-1253846586.cos.ap-guangzhou.myqcloud.com")
            .request_id("NTk0NTRjZjZfNTViMjM1XzlkMV9hZTZh")
            .trace_id(&format!("{COS_TRACE_SUFFIX}Y2MzZDhmNmI5MWI1OTBjYzE2MjAxN2M1MzJiOTdkZjMxMDVlYTZjN2FiMmI0NTk3NWFiNjAyMzdlM2RlMmVmOGNiNWIxYjYwNDFhYmQ=")),
        // Cut off inside <TraceId>: the fields and extras completed before the
        // end are kept; the unfinished TraceId is absent. The end of the body
        // (539 bytes, no trailing newline) is where it goes wrong.
        g(
            "samples/issues_PicGo_638_SignatureDoesNotMatch_StringToSign_FormatString_TRUNCATED.xml",
            Malformed,
            Xml,
        )
        .code("SignatureDoesNotMatch")
        .message("The Signature you specified is invalid.")
        .resource("o2-00000000.cos.ap-beijing.myqcloud.com/imagesresume-zh+en_\u{9875}\u{9762}_1.png")
        .request_id("NjA0NGFjMmFfZTViOTJhMDlfMjA0NDlfNzU0MzM4NQ==")
        .extra(
            "StringToSign",
            "sha1\n1615113257;1615199657\nc7503b92a8581b3f3f68c8f7f64a8917b03a1a95\n",
        )
        .extra(
            "FormatString",
            "put\n/imagesresume-zh en_\u{9875}\u{9762}_1.png\n\nhost=o2-1258123310.cos.ap-beijing.myqcloud.com\n",
        )
        .partial()
        .error(539, Reason::UnexpectedEof),
        g("samples/issues_PicGo_868_403_plaintext_nonxml.txt", NotXml, NoFormat),
        ok_xml("samples/issues_cos-wx-sdk-v5_25_AccessDenied.xml")
            .code("AccessDenied")
            .message("Access Denied.")
            .resource("shoujike-img-1251612692.cos.ap-beijing.myqcloud.com/1.png")
            .request_id("NWM4MDhmZDJfNzljMDBiMDlfMmRmYzBfMTM2OTNiZA==")
            .trace_id(&format!("{COS_TRACE_SUFFIX}Y2MzZDhmNmI5MWI1OTQyYWVlY2QwZTk2MDVmZDQ3MmI2Y2I4ZmI5ZmM4ODFjMGU5NjQzNGY1N2ZkZTM2MmQ2NzI2NGU1ZGIyNDgxZDc=")),
        ok_xml("samples/issues_cos-wx-sdk-v5_30_AccessDenied_ServerTime.xml")
            .code("AccessDenied")
            .message("Access Denied.")
            .server_time("2019-04-09T03:39:20Z")
            .resource("wechat-12567014540.cos.ap-chengdu.myqcloud.com/wx3797508a5e86abc4.o6zAJswgmdYeKPMcMCHrceK2dEPg.XJUjCYfLQYu658775cd5728cea06330e944b2fa97b7b.jpg")
            .request_id("NWNhYzEzZThfNGQ5ZTU4NjRfNmFhNV83YTZjOGY=")
            .trace_id(&format!("{COS_TRACE_SUFFIX}Y2MzZDhmNmI5MWI1OTQyYWVlY2QwZTk2MDVmZDQ3MmI2Y2I4ZmI5ZmM4ODFjYjEzMGU3N2I0OTJjYTAwYWExNjJhODI1NTRkOGZlM2Y=")),
        // Present and empty is not absent.
        ok_xml("samples/issues_mozillazg-go-cos_2_SignatureDoesNotMatch_empty_elements.xml")
            .code("SignatureDoesNotMatch")
            .message("The Signature you specified is invalid.")
            .resource("")
            .request_id("")
            .trace_id(""),
        ok_xml("samples/java_XmlResponsesSaxParser_CompleteMultipartUploadHandler_javadoc.xml")
            .code("InternalError")
            .message("We encountered an internal error. Please try again.")
            .request_id("656c76696e6727732072657175657374")
            .extra("HostId", "Uuag1LuByRx9e6j5Onimru9pO4ZVKnJ2Qz7/C1NPcfTWAtRPfTaOFg=="),
        // <Error></Error>: an error document with no fields at all.
        ok_xml("samples/python_test_cos_exception_unknow.xml"),
        // --------------------------------------------------------------- edge
        ok_xml("edge/bom_prefixed.xml")
            .code("AccessDenied")
            .message("Access Denied.")
            .resource("r")
            .request_id("req1")
            .trace_id("t1")
            .doc_start(3),
        // `<?xml version="1.0"?>` is 21 bytes; the DOCTYPE starts at 21. No
        // field was completed (the root had not started): not partial.
        g("edge/doctype_entity.xml", Malformed, Xml).error(21, Reason::Doctype),
        ok_xml("edge/duplicate_code.xml")
            .code("First")
            .message("m")
            .resource("r")
            .request_id("req1")
            .trace_id("t1")
            .extra("Code", "Second"),
        g("edge/empty.txt", Empty, NoFormat),
        ok_xml("edge/entities_cdata.xml")
            .code("InvalidArgument")
            .message("bad <arg> & stuff")
            .resource("b.cos.ap-x.myqcloud.com/a%20b&c")
            .request_id("req1")
            .trace_id("t1"),
        // nginx's page: `<hr>` is never closed, so `</body>` (after five CRLF
        // lines of 8 + 45 + 8 + 43 + 28 bytes) mismatches at byte 132.
        g("edge/html_502.html", Malformed, Xml).error(132, Reason::MismatchedTag),
        g("edge/json_ci_error.json", Ok, Json)
            .code("InvalidArgument")
            .message("bad")
            .request_id("r1"),
        ok_xml("edge/leading_whitespace_keepalive_then_error.xml")
            .code("InternalError")
            .message("We encountered an internal error. Please try again.")
            .resource("b-1250000000.cos.ap-guangzhou.myqcloud.com/k")
            .request_id("req1")
            .trace_id("t1")
            .doc_start(9),
        g("edge/leading_whitespace_keepalive_then_result.xml", NotErrorDoc, Xml).doc_start(10),
        ok_xml("edge/missing_resource.xml")
            .code("InternalError")
            .message("We encountered an internal error. Please try again.")
            .request_id("req1"),
        ok_xml("edge/namespaced_default.xml")
            .code("NoSuchBucket")
            .message("The specified bucket does not exist.")
            .resource("b-1250000000.cos.ap-guangzhou.myqcloud.com")
            .request_id("req1")
            .trace_id("trace1"),
        ok_xml("edge/namespaced_prefixed.xml")
            .code("NoSuchBucket")
            .message("m")
            .resource("r")
            .request_id("req1"),
        // <Detail><Code>Inner</Code></Detail>: the nested Code is not the
        // field (not a direct child); Detail is an extra whose value is its
        // descendant text.
        ok_xml("edge/nested_extra_element.xml")
            .code("InvalidArgument")
            .message("m")
            .resource("r")
            .request_id("req1")
            .trace_id("t1")
            .extra("Detail", "Inner"),
        // Latin-1 é (0xE9) in `caf\xE9`: `<Error><Code>InvalidArgument</Code>
        // <Message>caf` is 7 + 6 + 15 + 7 + 9 + 3 = 47 bytes.
        g("edge/non_utf8_latin1.xml", Malformed, Xml)
            .code("InvalidArgument")
            .partial()
            .error(47, Reason::InvalidUtf8),
        ok_xml("edge/self_closing_message.xml")
            .code("AccessDenied")
            .message("")
            .resource("r")
            .request_id("req1")
            .trace_id("t1"),
        // 50 bytes, no trailing newline: the body ends inside <Message>.
        g("edge/truncated_after_code.xml", Malformed, Xml)
            .code("SlowDown")
            .partial()
            .error(50, Reason::UnexpectedEof),
        g("edge/truncated_mid_element.xml", Malformed, Xml)
            .code("NoSuchKey")
            .message("The specified key does not exist.")
            .resource("examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/a")
            .partial()
            .error(225, Reason::UnexpectedEof),
        g("edge/whitespace_only.txt", Empty, NoFormat).doc_start(4),
        // The inner Error's fields; the wrapper's RequestId `outer` is not a
        // child of the error element and is neither a field nor an extra.
        ok_xml("edge/wrapped_ErrorResponse.xml")
            .code("InvalidArgument")
            .message("m")
            .resource("r")
            .request_id("req1")
            .trace_id("t1"),
        // -------------------------------------------------------------- bench
        // Comments are skipped; X-Cos-Request-Id is an extra, not RequestId.
        ok_xml("bench/large_4KB.xml")
            .code("InvalidArgument")
            .message(large_message())
            .server_time("2024-06-30T12:34:56Z")
            .resource(large_resource())
            .request_id("NjQ5ZjQ1ZTJfOTg0ZjFlMDlfMTk0YWZfMWI5ZTI5Ng==")
            .trace_id(&format!("{COS_TRACE_SUFFIX}Y2MzZDhmNmI5MWI1OTdjMmEzYmU1M2JkMGJmMmZlZmRkMmY5ZTQ0ZjQ0NzQ3NjRlNDg0Y2E1OGZlNWYxMmMzOWE3ZjdiN2JkNGE5YmE="))
            .extra("X-Cos-Request-Id", "NjQ5ZjQ1ZTJfOTg0ZjFlMDlfMTk0YWZfMWI5ZTI5Ng==")
            .extra("ArgumentName", "x-cos-meta-*")
            .extra("ArgumentValue", "a <b> & c")
            .extra("HostId", "cos-gz-proxy-17.example.internal"),
        // A default namespace and attributes on the error element change
        // nothing; the Message is one CDATA section, taken as it is (its
        // `<`, `>` and `&` are text). Each Layer is an extra whose value is
        // the text of its descendants joined: the Name, then the Check.
        (0..12).fold(
            ok_xml("bench/cdata_attrs_2KB.xml")
                .code("InvalidArgument")
                .message("Template \"tpl-<watermark>\" is invalid: the text & font settings of layer 3 do not fit the canvas")
                .request_id("NjFiMTg0MDBfZTViOTJhMDlfMjA0NDlfNzU0MzM4NQ==")
                .trace_id(&format!("{COS_TRACE_SUFFIX}Y2MzZDhmNmI5MWI1OTdjMmEzYmU1M2JkMGJmMmZlZmRkMmY5ZTQ0ZjQ0NzQ3NjRlNDg0Y2E1OGZlNWYxMmMzOWE3ZjdiN2JkNGE5YmE=")),
            |g, i| g.extra("Layer", &format!("layer-{i}width {}px > canvas 640px", 200 + 7 * i)),
        ),
        // Multi-byte UTF-8 text, in the message and in the resource's key.
        ok_xml("bench/chinese_370B.xml")
            .code("InvalidArgument")
            .message("请求参数错误：图片处理参数 imageMogr2/thumbnail 的取值超出范围")
            .resource("pics-1250000000.cos.ap-chengdu.myqcloud.com/avatar/用户头像.png")
            .request_id("NjFiMTg0MDBfYTdiNDIzMDlfM2M1Zl8xZjRi")
            .trace_id("OGVmYzZiMmQzYjA2OWNh"),
        // Tab-indented; the two signature extras keep their line ends, and
        // `&amp;` reads as `&` in them and in the Resource.
        ok_xml("bench/signature_1KB.xml")
            .code("SignatureDoesNotMatch")
            .message("The Signature you specified is invalid.")
            .resource("backup-1250000000.cos.ap-shanghai.myqcloud.com/backup/2021-12-09/db.tar.gz?partNumber=3&uploadId=1639008000a1b2c3d4e5f60718293a4b5c6d7e8f9")
            .request_id("NjFiMTg0MDBfNjJiNDIzMDlfMmQ4Zl8xZjRhNjc=")
            .trace_id(&format!("{COS_TRACE_SUFFIX}Y2MzZDhmNmI5MWI1OTdjMmEzYmU1M2JkMGJmMmZlZmRkMmY5ZTQ0ZjQ0NzQ3NjRlNDg0Y2E1OGZlNWYxMmMzOWE3ZjdiN2JkNGE5YmE="))
            .extra("StringToSign", "sha1\n1639008000;1639011600\n9a0c6b1f3e2d4c5b6a7f8e9d0c1b2a3f4e5d6c7b\n")
            .extra("FormatString", "put\n/backup/2021-12-09/db.tar.gz\npartnumber=3&uploadid=1639008000a1b2c3d4e5f60718293a4b5c6d7e8f9\ncontent-length=5242880&content-md5=Q2hlY2sgSW50ZWdyaXR5IQ%3D%3D&host=backup-1250000000.cos.ap-shanghai.myqcloud.com\n"),
        ok_xml("bench/minimal_140B.xml")
            .code("AccessDenied")
            .message("Access Denied.")
            .request_id("NjQ5ZjQ1ZTJfOTg0ZjFlMDlfMTk0YWZfMWI5ZTI5Ng=="),
        ok_xml("bench/typical_482B.xml")
            .code("NoSuchBucket")
            .message("The specified bucket does not exist.")
            .resource("examplebucket-1250000000.cos.ap-beijing.myqcloud.com")
            .request_id("NjQ5ZjQ1ZTJfOTg0ZjFlMDlfMTk0YWZfMWI5ZTI5Ng==")
            .trace_id(&format!("{COS_TRACE_SUFFIX}Y2MzZDhmNmI5MWI1OTdjMmEzYmU1M2JkMGJmMmZlZmRkMmY5ZTQ0ZjQ0NzQ3NjRlNDg0Y2E1OGZlNWYxMmMzOWE3ZjdiN2JkNGE5YmE=")),
    ]
}

#[test]
fn every_shared_body_has_a_golden_entry() {
    let files: BTreeSet<String> = samples::all_bodies().into_iter().map(|(n, _)| n).collect();
    let entries: Vec<&str> = table().iter().map(|g| g.file).collect();
    let listed: BTreeSet<String> = entries.iter().map(|s| s.to_string()).collect();
    assert_eq!(listed.len(), entries.len(), "duplicate golden entries");
    let missing: Vec<_> = files.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&files).collect();
    assert!(
        missing.is_empty(),
        "shared bodies without a golden entry (write one from the body's meaning): {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "golden entries for files that do not exist: {stale:?}"
    );
}

fn field_name(f: Field) -> &'static str {
    f.xml_name()
}

/// Compares one body against its golden entry; returns every mismatch.
fn check(gold: &Golden, bytes: &[u8]) -> Vec<String> {
    let mut errs = Vec::new();
    let mut expect = |ok: bool, what: String| {
        if !ok {
            errs.push(what);
        }
    };
    let body = parse_body(bytes);
    expect(
        body.status() == gold.status,
        format!("status: want {:?}, got {:?}", gold.status, body.status()),
    );
    expect(
        body.format() == gold.format,
        format!("format: want {:?}, got {:?}", gold.format, body.format()),
    );
    expect(
        body.is_partial() == gold.partial,
        format!("partial: want {}, got {}", gold.partial, body.is_partial()),
    );
    expect(
        body.document_start() == gold.doc_start,
        format!(
            "document_start: want {}, got {}",
            gold.doc_start,
            body.document_start()
        ),
    );
    expect(
        body.bytes() == bytes,
        "bytes() is not the body as passed".to_string(),
    );
    // An error exactly when malformed; offset and reason when counted by hand.
    let is_malformed = gold.status == BodyStatus::Malformed;
    expect(
        body.error().is_some() == is_malformed,
        format!("error(): {:?} for status {:?}", body.error(), gold.status),
    );
    if let Some((offset, reason)) = gold.error {
        let got = body.error().map(|e| (e.offset, e.reason));
        expect(
            got == Some((offset, reason)),
            format!("error: want {:?}, got {got:?}", Some((offset, reason))),
        );
    }
    if let Some(e) = body.error() {
        expect(
            e.offset <= bytes.len(),
            format!("error offset {} past the end ({})", e.offset, bytes.len()),
        );
    }
    // Fields, through every face of Value.
    for f in Field::BODY {
        let want = gold.fields[f as usize].as_deref();
        let got = body.field(f);
        let got_s = got.map(|v| v.to_string());
        expect(
            got_s.as_deref() == want,
            format!("{}: want {want:?}, got {got_s:?}", field_name(f)),
        );
        expect(
            body.present().contains(f) == want.is_some(),
            format!("{}: present bit wrong", field_name(f)),
        );
        if let (Some(v), Some(w)) = (got, want) {
            expect(
                v.eq_str(w),
                format!("{}: eq_str({w:?}) is false", field_name(f)),
            );
            expect(
                v.decoded_len() == w.len(),
                format!(
                    "{}: decoded_len {} != {}",
                    field_name(f),
                    v.decoded_len(),
                    w.len()
                ),
            );
            expect(
                v.is_empty() == w.is_empty(),
                format!("{}: is_empty wrong", field_name(f)),
            );
            let mut buf = [0u8; 16];
            let d = v.decode_into(&mut buf);
            expect(
                d.len <= 16
                    && buf[..d.len] == *cut(w, 16).as_bytes()
                    && d.truncated == (w.len() > 16),
                format!("{}: decode_into(16) gave {d:?}", field_name(f)),
            );
            let mut s = String::new();
            expect(
                v.write_to(&mut s).is_ok() && s == w,
                format!("{}: write_to", field_name(f)),
            );
        }
    }
    let extras: Vec<(String, String)> = body
        .extras()
        .map(|e| (e.name.to_string(), e.value.to_string()))
        .collect();
    expect(
        extras == gold.extras,
        format!("extras: want {:?}, got {extras:?}", gold.extras),
    );
    // The owned record holds the same values, cut to capacity.
    let rec = ErrorRecord::from_body(&body);
    expect(
        rec.body_status() == gold.status,
        "record body_status".to_string(),
    );
    expect(
        rec.body_format() == gold.format,
        "record body_format".to_string(),
    );
    expect(
        rec.body_error() == body.error(),
        "record body_error".to_string(),
    );
    expect(
        rec.flags().contains(Flags::PARTIAL) == gold.partial,
        "record PARTIAL flag".to_string(),
    );
    expect(
        rec.from_header().is_empty(),
        "record from_header not empty".to_string(),
    );
    for f in Field::BODY {
        let want = gold.fields[f as usize].as_deref();
        let cap = coserr::capacity::of(f);
        expect(
            rec.has(f) == want.is_some(),
            format!("record {}: present", field_name(f)),
        );
        let w = want.unwrap_or("");
        expect(
            rec.get(f) == cut(w, cap),
            format!(
                "record {}: want {:?}, got {:?}",
                field_name(f),
                cut(w, cap),
                rec.get(f)
            ),
        );
        expect(
            rec.truncated().contains(f) == (w.len() > cap),
            format!("record {}: truncated bit", field_name(f)),
        );
    }
    errs
}

#[test]
fn every_shared_body_means_what_its_golden_entry_says() {
    let bodies: std::collections::BTreeMap<String, Vec<u8>> =
        samples::all_bodies().into_iter().collect();
    let mut failures = Vec::new();
    for gold in table() {
        let Some(bytes) = bodies.get(gold.file) else {
            continue; // reported by every_shared_body_has_a_golden_entry
        };
        let errs = check(&gold, bytes);
        if !errs.is_empty() {
            failures.push(format!("{}:\n    {}", gold.file, errs.join("\n    ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} bodies differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The hand-written verdicts of XML candidates agree with roxmltree, so a
/// wrong expectation above would show here too.
#[test]
fn xml_expectations_agree_with_roxmltree() {
    let bodies: std::collections::BTreeMap<String, Vec<u8>> =
        samples::all_bodies().into_iter().collect();
    for gold in table() {
        if gold.format != BodyFormat::Xml {
            continue;
        }
        let bytes = &bodies[gold.file];
        let d = &bytes[gold.doc_start..];
        let accepted = std::str::from_utf8(d)
            .ok()
            .is_some_and(|t| roxmltree::Document::parse(t).is_ok());
        let want = matches!(gold.status, BodyStatus::Ok | BodyStatus::NotErrorDoc);
        assert_eq!(
            accepted, want,
            "{}: roxmltree accepts = {accepted}",
            gold.file
        );
        if !accepted {
            continue;
        }
        let text = std::str::from_utf8(d).unwrap();
        let doc = roxmltree::Document::parse(text).unwrap();
        let err_el = oracle::error_element(&doc);
        assert_eq!(
            err_el.is_some(),
            gold.status == BodyStatus::Ok,
            "{}",
            gold.file
        );
        if let Some(e) = err_el {
            for f in Field::BODY {
                let v = e
                    .children()
                    .find(|c| c.is_element() && c.tag_name().name() == f.xml_name())
                    .map(|c| {
                        c.descendants()
                            .filter(|d| d.is_text())
                            .filter_map(|d| d.text())
                            .collect::<String>()
                    });
                assert_eq!(
                    v,
                    gold.fields[f as usize],
                    "{}: roxmltree {}",
                    gold.file,
                    f.xml_name()
                );
            }
        }
    }
}

/// The two malformed HTML pages: the brief asked whether they are XML
/// candidates at all. They start with `<`, so they are; Go's is well-formed
/// (NotErrorDoc), nginx's leaves `<hr>` open (Malformed). Checked against
/// roxmltree directly here as well.
#[test]
fn html_pages_are_xml_candidates() {
    let go = samples::read_shared(
        "samples/go_TestObjectService_CompleteMultipartUpload_200NonXML_html_error_page.html",
    );
    assert!(roxmltree::Document::parse(std::str::from_utf8(&go).unwrap()).is_ok());
    assert_eq!(parse_body(&go).status(), BodyStatus::NotErrorDoc);
    let nginx = samples::read_shared("edge/html_502.html");
    assert!(roxmltree::Document::parse(std::str::from_utf8(&nginx).unwrap()).is_err());
    assert_eq!(parse_body(&nginx).status(), BodyStatus::Malformed);
    assert_eq!(&nginx[132..139], b"</body>");
}

/// Hand-counted offsets, cross-checked against the bytes themselves.
#[test]
fn hand_counted_offsets_point_where_the_body_goes_wrong() {
    let b =
        samples::read_shared("samples/c_test_cos_status_parse_from_body_400_mismatched_close.xml");
    assert_eq!(&b[106..119], b"</DomainRule>");
    let b = samples::read_shared("edge/doctype_entity.xml");
    assert_eq!(&b[21..30], b"<!DOCTYPE");
    let b = samples::read_shared("edge/non_utf8_latin1.xml");
    assert_eq!(b[47], 0xE9);
    assert!(std::str::from_utf8(&b[..47]).is_ok());
    assert_eq!(
        samples::read_shared("edge/truncated_after_code.xml").len(),
        50
    );
    assert_eq!(
        samples::read_shared("edge/truncated_mid_element.xml").len(),
        225
    );
    let b = samples::read_shared(
        "samples/issues_PicGo_638_SignatureDoesNotMatch_StringToSign_FormatString_TRUNCATED.xml",
    );
    assert_eq!(b.len(), 539);
    // Offsets count the BOM and leading whitespace: prefix a truncated body.
    let mut shifted = b"\xEF\xBB\xBF \r\n\t".to_vec();
    shifted.extend_from_slice(&samples::read_shared("edge/truncated_after_code.xml"));
    let body = parse_body(&shifted);
    assert_eq!(body.document_start(), 7);
    assert_eq!(
        body.error().map(|e| (e.offset, e.reason)),
        Some((57, Reason::UnexpectedEof))
    );
    assert!(body.field(Field::Code).unwrap().eq_str("SlowDown"));
}

/// Pausing an extras iteration as plain offsets and resuming it gives the
/// same extras as one uninterrupted pass (the C ABI iterates this way).
#[test]
fn extras_resume_where_they_paused() {
    for (name, body) in samples::all_bodies() {
        let parsed = coserr::parse_body(&body);
        let whole: Vec<(String, String)> = parsed
            .extras()
            .map(|e| (e.name.to_string(), e.value.to_string()))
            .collect();
        let mut state = parsed.extras().state(&body);
        let mut stepped = Vec::new();
        loop {
            let mut it = coserr::Extras::resume(&body, state);
            let Some(e) = it.next() else { break };
            stepped.push((e.name.to_string(), e.value.to_string()));
            state = it.state(&body);
        }
        assert_eq!(stepped, whole, "{name}");
    }
    // A state that does not fit the body yields nothing, without panicking.
    let bogus = coserr::abi::ExtrasState {
        pos: 5,
        end: 1_000,
        seen: 0,
    };
    assert_eq!(coserr::Extras::resume(b"<Error/>", bogus).count(), 0);
}
