//! The decision table of docs/semantics.md, row by row: from an HTTP
//! response to one error record.
//!
//! One table-driven case per row of the decision table and per fallback rule,
//! with real bodies from `../shared/cos` wherever one fits. Every case states
//! the kind, the body verdict, every field (absent / value), which fields came
//! from a header or the URL, the flags, and where it matters the derived
//! code id, category and retryability. Expectations are written from the
//! table's rules, not from coserr's output.

use coserr::{
    BodyStatus, Category, CodeId, ErrorRecord, Field, FieldSet, Flags, Header, Kind, Response,
    Retry, capacity,
};

use coserr_testkit::record::record;
use coserr_testkit::samples::read_shared;

const URL: &str = "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/dir/key.txt";

/// One response and what its record must be.
struct Case {
    name: &'static str,
    status: u32,
    method: &'static str,
    url: &'static str,
    headers: Vec<(&'static str, &'static str)>,
    body: Vec<u8>,
    kind: Kind,
    body_status: BodyStatus,
    /// Every field that must be present, with its value; all others absent.
    fields: Vec<(Field, String)>,
    /// Fields that must (only these) carry the from-header bit.
    from_header: Vec<Field>,
    flags: u32,
    truncated: Vec<Field>,
    code_id: Option<CodeId>,
    category: Option<Category>,
    retryable: Option<bool>,
    retry: Option<Retry>,
    /// The service's clock, Unix ms.
    clock: Option<i64>,
}

fn case(name: &'static str, status: u32, method: &'static str, body: Vec<u8>) -> Case {
    Case {
        name,
        status,
        method,
        url: "",
        headers: Vec::new(),
        body,
        kind: Kind::Service,
        body_status: BodyStatus::Ok,
        fields: Vec::new(),
        from_header: Vec::new(),
        flags: 0,
        truncated: Vec::new(),
        code_id: None,
        category: None,
        retryable: None,
        retry: None,
        clock: None,
    }
}

impl Case {
    fn url(mut self, url: &'static str) -> Self {
        self.url = url;
        self
    }
    fn header(mut self, name: &'static str, value: &'static str) -> Self {
        self.headers.push((name, value));
        self
    }
    fn kind(mut self, kind: Kind, body_status: BodyStatus) -> Self {
        self.kind = kind;
        self.body_status = body_status;
        self
    }
    fn field(mut self, f: Field, v: impl Into<String>) -> Self {
        self.fields.push((f, v.into()));
        self
    }
    fn hdr(mut self, f: Field, v: impl Into<String>) -> Self {
        self.fields.push((f, v.into()));
        self.from_header.push(f);
        self
    }
    fn flags(mut self, flags: u32) -> Self {
        self.flags = flags;
        self
    }
    fn clock(mut self, ms: i64) -> Self {
        self.clock = Some(ms);
        self.flags |= Flags::SERVER_CLOCK;
        self
    }
    fn class(mut self, retry: Retry) -> Self {
        self.retry = Some(retry);
        self
    }
    /// No request id anywhere: the answer did not come from COS.
    fn not_from_cos(mut self) -> Self {
        self.flags |= Flags::NOT_FROM_COS;
        self
    }
    fn truncated(mut self, f: Field) -> Self {
        self.truncated.push(f);
        self
    }
    fn derived(mut self, code_id: CodeId, category: Category, retryable: bool) -> Self {
        self.code_id = Some(code_id);
        self.category = Some(category);
        self.retryable = Some(retryable);
        self
    }
    fn retry(mut self, retryable: bool) -> Self {
        self.retryable = Some(retryable);
        self
    }
}

fn set(fields: &[Field]) -> FieldSet {
    let mut s = FieldSet::EMPTY;
    for &f in fields {
        s.insert(f);
    }
    s
}

fn check(c: &Case) -> Vec<String> {
    let r = record(c.status, c.method, c.url, &c.headers, &c.body);
    let mut errs = Vec::new();
    let mut expect = |ok: bool, what: String| {
        if !ok {
            errs.push(what);
        }
    };
    expect(
        r.kind() == c.kind,
        format!("kind: want {:?}, got {:?}", c.kind, r.kind()),
    );
    expect(
        r.status() == c.status,
        format!("status: got {}", r.status()),
    );
    expect(
        r.body_status() == c.body_status,
        format!(
            "body_status: want {:?}, got {:?}",
            c.body_status,
            r.body_status()
        ),
    );
    for f in Field::ALL {
        let want = c
            .fields
            .iter()
            .find(|(g, _)| *g == f)
            .map(|(_, v)| v.as_str());
        let got = r.has(f).then(|| r.get(f));
        expect(
            got == want,
            format!("{}: want {want:?}, got {got:?}", f.xml_name()),
        );
    }
    expect(
        r.from_header() == set(&c.from_header),
        format!(
            "from_header: want {:?}, got {:?}",
            set(&c.from_header),
            r.from_header()
        ),
    );
    expect(
        r.truncated() == set(&c.truncated),
        format!(
            "truncated: want {:?}, got {:?}",
            set(&c.truncated),
            r.truncated()
        ),
    );
    expect(
        r.flags() == Flags(c.flags),
        format!("flags: want {}, got {}", c.flags, r.flags().0),
    );
    if let Some(id) = c.code_id {
        expect(
            r.code_id() == id,
            format!("code_id: want {id:?}, got {:?}", r.code_id()),
        );
    }
    if let Some(cat) = c.category {
        expect(
            r.category() == cat,
            format!("category: want {cat:?}, got {:?}", r.category()),
        );
    }
    expect(
        r.server_time_ms() == c.clock,
        format!(
            "server clock: want {:?}, got {:?}",
            c.clock,
            r.server_time_ms()
        ),
    );
    if let Some(class) = c.retry {
        expect(
            r.retry() == class,
            format!("retry: want {class:?}, got {:?}", r.retry()),
        );
    }
    if let Some(retry) = c.retryable {
        expect(
            r.retryable() == retry,
            format!("retryable: want {retry}, got {}", r.retryable()),
        );
    }
    if c.kind == Kind::None {
        // "none": nothing derived, nothing filled from headers.
        expect(r.code_id() == CodeId::Unknown, "none: code_id".into());
        expect(r.category() == Category::Other, "none: category".into());
        expect(!r.retryable(), "none: retryable".into());
        expect(r.from_header().is_empty(), "none: from_header".into());
    }
    errs
}

fn cases() -> Vec<Case> {
    use BodyStatus::{Empty, Malformed, NotErrorDoc, NotXml, Ok};
    use Field::{Code, Message, RequestId, Resource, ServerTime, TraceId};
    let s = read_shared;
    let text = |p: &str| String::from_utf8(s(p)).unwrap();
    vec![
        // ---- row 1: status < 400 and the body is an error document → service
        case("row1: 200 UploadPartCopy with <Error> (Go SDK CopyPart)", 200, "PUT", s("samples/go_TestObjectService_CopyPart.xml"))
            .field(Code, "string")
            .field(Message, "string")
            .field(Resource, "string")
            .field(RequestId, "string")
            .field(TraceId, "string")
            .derived(CodeId::Unknown, Category::Other, false),
        case("row1: 200 Copy with <Error> (Go SDK Copy returnErr)", 200, "PUT", s("samples/go_TestObjectService_Copy_returnErr.xml"))
            .url(URL)
            .field(Code, "ErrorRequest")
            .field(Message, "Error Request")
            .hdr(Resource, URL)
            .retry(false)
            .not_from_cos(),
        case("row1: 200 CompleteMultipartUpload with InternalError", 200, "POST",
            s("samples/go_TestObjectService_CompleteMultipartUpload_200NonXML_xml_error_embedded_in_200.xml"))
            .url(URL)
            .header("x-cos-request-id", "NjVhYjEyMzRfMTIzNDU2Nzg=")
            .field(Code, "InternalError")
            .field(Message, "We encountered an internal error.")
            .hdr(Resource, URL)
            .hdr(RequestId, "NjVhYjEyMzRfMTIzNDU2Nzg=")
            .derived(CodeId::InternalError, Category::Server, true),
        case("row1: 200 with keep-alive spaces then <Error>", 200, "POST",
            s("edge/leading_whitespace_keepalive_then_error.xml"))
            .field(Code, "InternalError")
            .field(Message, "We encountered an internal error. Please try again.")
            .field(Resource, "b-1250000000.cos.ap-guangzhou.myqcloud.com/k")
            .field(RequestId, "req1")
            .field(TraceId, "t1")
            .derived(CodeId::InternalError, Category::Server, true),
        case("row1: 206 with a SlowDown <Error> is retryable", 206, "GET",
            b"<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>".to_vec())
            .field(Code, "SlowDown")
            .field(Message, "Please reduce your request rate.")
            .derived(CodeId::SlowDown, Category::Throttled, true)
            .not_from_cos(),
        // ---- row 2: status < 400 otherwise → none
        case("row2: 200 CompleteMultipartUploadResult after keep-alive spaces", 200, "POST",
            s("edge/leading_whitespace_keepalive_then_result.xml"))
            .url(URL)
            .header("x-cos-request-id", "req-ok")
            .kind(Kind::None, NotErrorDoc),
        case("row2: 204 HEAD, empty body", 204, "HEAD", Vec::new())
            .url(URL)
            .header("x-cos-request-id", "req-ok")
            .kind(Kind::None, Empty),
        case("row2: 301, empty body", 301, "GET", Vec::new()).kind(Kind::None, Empty)
            .not_from_cos(),
        case("row2: 200 plain text (Go SDK 200NonXML)", 200, "POST",
            s("samples/go_TestObjectService_CompleteMultipartUpload_200NonXML_plain_text_body.txt"))
            .kind(Kind::None, NotXml)
            .not_from_cos(),
        case("row2: 200 HTML page (Go SDK 200NonXML)", 200, "POST",
            s("samples/go_TestObjectService_CompleteMultipartUpload_200NonXML_html_error_page.html"))
            .kind(Kind::None, NotErrorDoc)
            .not_from_cos(),
        // A 2xx JSON body is a success answer (`{"code":0,...}`); coserr's
        // documented reading of "error document" in row 1 is XML <Error>.
        case("row2: 200 JSON is never an error", 200, "GET", br#"{"code":0,"message":"ok"}"#.to_vec())
            .kind(Kind::None, Ok)
            .field(Code, "0")
            .field(Message, "ok")
            .not_from_cos(),
        // Literally "status < 400 otherwise": a malformed body in a 2xx is
        // not an error (the SDK decides per operation).
        case("row2: 200 truncated <Error>", 200, "GET", s("edge/truncated_after_code.xml"))
            .kind(Kind::None, Malformed)
            .field(Code, "SlowDown")
            .flags(Flags::PARTIAL)
            .not_from_cos(),
        case("row2: x-cos-error-code with 200 is not an error", 200, "GET", br#"{"message":"x"}"#.to_vec())
            .header("x-cos-error-code", "NotFoundException")
            .kind(Kind::None, Ok)
            .field(Message, "x")
            .not_from_cos(),
        // ---- row 3: status ≥ 400 with x-cos-error-code → service
        case("row3: vector bucket 404, JSON message", 404, "POST",
            br#"{"message":"The specified vector bucket does not exist."}"#.to_vec())
            .url(URL)
            .header("x-cos-error-code", "NotFoundException")
            .header("x-cos-request-id", "vreq-1")
            .hdr(Code, "NotFoundException")
            .field(Message, "The specified vector bucket does not exist.")
            .hdr(Resource, URL)
            .hdr(RequestId, "vreq-1")
            .derived(CodeId::NotFoundException, Category::NotFound, false),
        case("row3: X-Cos-Error-Code with a plain-text body (message = body text)", 403, "POST",
            b"Access denied by bucket policy".to_vec())
            .header("X-Cos-Error-Code", "AccessDeniedException")
            .kind(Kind::Service, NotXml)
            .hdr(Code, "AccessDeniedException")
            .field(Message, "Access denied by bucket policy")
            .derived(CodeId::AccessDeniedException, Category::AccessAuth, false)
            .not_from_cos(),
        case("row3: header code wins over a JSON body code", 500, "POST",
            br#"{"code":"BodyCode","message":"boom"}"#.to_vec())
            .header("x-cos-error-code", "InternalServerException")
            .header("x-cos-request-id", "req-500")
            .hdr(Code, "InternalServerException")
            .field(Message, "boom")
            .hdr(RequestId, "req-500")
            .derived(CodeId::InternalServerException, Category::Server, true),
        case("row3: 429 TooManyRequestsException is throttled (retryable)", 429, "POST",
            br#"{"message":"Rate exceeded"}"#.to_vec())
            .header("x-cos-error-code", "TooManyRequestsException")
            .hdr(Code, "TooManyRequestsException")
            .field(Message, "Rate exceeded")
            .derived(CodeId::TooManyRequestsException, Category::Throttled, true)
            .not_from_cos(),
        case("row3: malformed JSON with the header: service, message = body text", 400, "POST",
            br#"{"message":"cut"#.to_vec())
            .header("x-cos-error-code", "ValidationException")
            .kind(Kind::Service, Malformed)
            .hdr(Code, "ValidationException")
            .field(Message, r#"{"message":"cut"#)
            .not_from_cos(),
        // ---- row 4: status ≥ 400, body EMPTY → service, ids from headers
        case("row4: HEAD 404 (the Python SDK's values)", 404, "HEAD", Vec::new())
            .url(URL)
            .header("x-cos-request-id", "NjVhYjEyMzRfaGVhZA==")
            .header("x-cos-trace-id", "trace-head")
            .kind(Kind::Service, Empty)
            .field(Code, "NoSuchResource")
            .field(Message, "The Resource You Head Not Exist")
            .hdr(Resource, URL)
            .hdr(RequestId, "NjVhYjEyMzRfaGVhZA==")
            .hdr(TraceId, "trace-head")
            .derived(CodeId::NoSuchResource, Category::NotFound, false),
        case("row4: GET 404 with an empty body: no code invented", 404, "GET", Vec::new())
            .url(URL)
            .header("x-cos-request-id", "req-get")
            .kind(Kind::Service, Empty)
            .hdr(Resource, URL)
            .hdr(RequestId, "req-get")
            .derived(CodeId::Unknown, Category::NotFound, false),
        case("row4: HEAD 503, whitespace-only body", 503, "HEAD", b" \r\n".to_vec())
            .header("x-cos-request-id", "req-503")
            .kind(Kind::Service, Empty)
            .hdr(RequestId, "req-503")
            .retry(true),
        case("row4: HEAD 403, no headers, no URL", 403, "HEAD", Vec::new())
            .kind(Kind::Service, Empty)
            .derived(CodeId::Unknown, Category::AccessAuth, false)
            .not_from_cos(),
        // ---- row 5: status ≥ 400, XML or JSON error body → service
        case("row5: 404 NoSuchKey (Go SDK IsNotFoundError), ids agree", 404, "GET",
            s("samples/go_Test_IsNotFoundError.xml"))
            .url(URL)
            .header("x-cos-request-id", "NjA3OGY4NGFfNjJkMmMwYl8***")
            .header("x-cos-trace-id", "OGVmYzZiMmQzYjA2OWNh***")
            .field(Code, "NoSuchKey")
            .field(Message, "The specified key does not exist.")
            .field(Resource, "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/test_404")
            .field(RequestId, "NjA3OGY4NGFfNjJkMmMwYl8***")
            .field(TraceId, "OGVmYzZiMmQzYjA2OWNh***")
            .derived(CodeId::NoSuchKey, Category::NotFound, false),
        case("row5: 404 JSON with a numeric code (Go SDK CheckReponse)", 404, "GET",
            s("samples/go_Test_CheckReponse_json.json"))
            .field(Code, "404")
            .field(Message, "404 NotFound")
            .field(RequestId, "requestid")
            .derived(CodeId::Unknown, Category::NotFound, false),
        case("row5: 400 CI JSON error", 400, "POST", s("edge/json_ci_error.json"))
            .header("x-ci-request-id", "r1")
            .field(Code, "InvalidArgument")
            .field(Message, "bad")
            .field(RequestId, "r1")
            .derived(CodeId::InvalidArgument, Category::InvalidRequest, false),
        case("row5: 403 AccessDenied with ServerTime", 403, "PUT",
            s("samples/issues_cos-wx-sdk-v5_30_AccessDenied_ServerTime.xml"))
            .field(Code, "AccessDenied")
            .field(Message, "Access Denied.")
            .field(ServerTime, "2019-04-09T03:39:20Z")
            .field(Resource, "wechat-12567014540.cos.ap-chengdu.myqcloud.com/wx3797508a5e86abc4.o6zAJswgmdYeKPMcMCHrceK2dEPg.XJUjCYfLQYu658775cd5728cea06330e944b2fa97b7b.jpg")
            .field(RequestId, "NWNhYzEzZThfNGQ5ZTU4NjRfNmFhNV83YTZjOGY=")
            .field(TraceId, "OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM1NmI1M2E2MTRlY2MzZDhmNmI5MWI1OTQyYWVlY2QwZTk2MDVmZDQ3MmI2Y2I4ZmI5ZmM4ODFjYjEzMGU3N2I0OTJjYTAwYWExNjJhODI1NTRkOGZlM2Y=")
            .derived(CodeId::AccessDenied, Category::AccessAuth, false)
            // 2019-04-09T03:39:20Z (`date -u -d @1554781160`).
            .clock(1_554_781_160_000),
        case("row5: 500 InternalError (Go SDK HTTPError)", 500, "POST",
            s("samples/go_TestObjectService_CompleteMultipartUpload_HTTPError.xml"))
            .field(Code, "InternalError")
            .field(Message, "server error")
            // COS itself always sends a request id: a 5xx without one came
            // from something in between.
            .class(Retry::SwitchDomain)
            .derived(CodeId::InternalError, Category::Server, false)
            .not_from_cos(),
        case("row5: 429 with another code is throttled (retryable)", 429, "GET",
            b"<Error><Code>TooManyRequestsException</Code><Message>slow</Message></Error>".to_vec())
            .field(Code, "TooManyRequestsException")
            .field(Message, "slow")
            .derived(CodeId::TooManyRequestsException, Category::Throttled, true)
            .not_from_cos(),
        case("row5: 400 RequestTimeout is retryable", 400, "PUT",
            b"<Error><Code>RequestTimeout</Code><Message>t</Message></Error>".to_vec())
            .field(Code, "RequestTimeout")
            .field(Message, "t")
            .derived(CodeId::RequestTimeout, Category::InvalidRequest, true)
            .not_from_cos(),
        case("row5: 409 BucketAlreadyExists", 409, "PUT", s("samples/go_Test_checkResponse_with_error.xml"))
            .field(Code, "BucketAlreadyExists")
            .field(Message, "The requested bucket name is not available.")
            .field(Resource, "testdelete-1253846586.cos.ap-guangzhou.myqcloud.com")
            .field(RequestId, "NTk0NTRjZjZfNTViMjM1XzlkMV9hZTZh")
            .field(TraceId, "OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM1NmI1M2E2MTRlY2MzZDhmNmI5MWI1OTBjYzE2MjAxN2M1MzJiOTdkZjMxMDVlYTZjN2FiMmI0NTk3NWFiNjAyMzdlM2RlMmVmOGNiNWIxYjYwNDFhYmQ=")
            .derived(CodeId::BucketAlreadyExists, Category::Conflict, false),
        // ---- row 6: status ≥ 400, NOT_XML / MALFORMED / NOT_ERROR_DOC → client
        case("row6: 403 plain text (PicGo 868)", 403, "GET", s("samples/issues_PicGo_868_403_plaintext_nonxml.txt"))
            .url(URL)
            .header("x-cos-request-id", "NjI0NmY0YmRfcGljZ28=")
            .header("x-cos-trace-id", "trace-868")
            .kind(Kind::Client, NotXml)
            .field(Message, text("samples/issues_PicGo_868_403_plaintext_nonxml.txt"))
            .hdr(Resource, URL)
            .hdr(RequestId, "NjI0NmY0YmRfcGljZ28=")
            .hdr(TraceId, "trace-868")
            .derived(CodeId::Unknown, Category::AccessAuth, false),
        case("row6: 502 nginx HTML (malformed XML) is retryable", 502, "GET", s("edge/html_502.html"))
            .header("x-cos-request-id", "req-502")
            .kind(Kind::Client, Malformed)
            .field(Message, text("edge/html_502.html"))
            .hdr(RequestId, "req-502")
            .derived(CodeId::Unknown, Category::Server, true),
        case("row6: 502 well-formed HTML without a request id: not from COS, not retryable", 502, "GET",
            s("samples/go_TestObjectService_CompleteMultipartUpload_200NonXML_html_error_page.html"))
            .kind(Kind::Client, NotErrorDoc)
            .field(Message, "<html><body>Bad Gateway</body></html>")
            .retry(false)
            .not_from_cos(),
        case("row6: 503 truncated after <Code>: partial, code kept", 503, "GET", s("edge/truncated_after_code.xml"))
            .header("x-cos-request-id", "req-503")
            .kind(Kind::Client, Malformed)
            .field(Code, "SlowDown")
            .field(Message, text("edge/truncated_after_code.xml"))
            .hdr(RequestId, "req-503")
            .flags(Flags::PARTIAL)
            .derived(CodeId::SlowDown, Category::Throttled, true),
        case("row6: 400 DeleteResult (nested <Error> is not the root)", 400, "POST",
            s("samples/cpp_ObjectRespTest_ObjectTest_DeleteResult.xml"))
            .kind(Kind::Client, NotErrorDoc)
            .field(Message, text("samples/cpp_ObjectRespTest_ObjectTest_DeleteResult.xml"))
            .retry(false)
            .not_from_cos(),
        case("row6: 400 mismatched close (C SDK, expects UnknownError)", 400, "GET",
            s("samples/c_test_cos_status_parse_from_body_400_mismatched_close.xml"))
            .kind(Kind::Client, Malformed)
            .field(Message, text("samples/c_test_cos_status_parse_from_body_400_mismatched_close.xml"))
            .not_from_cos(),
        case("row6: 400 wrong root (C SDK, expects UnknownError)", 400, "GET",
            s("samples/c_test_cos_status_parse_from_body_400_wrong_root.xml"))
            .kind(Kind::Client, NotErrorDoc)
            .field(Message, "<root><Status>active</Status></root>")
            .not_from_cos(),
        case("row6: 400 Latin-1 body: partial code, message with U+FFFD", 400, "GET", s("edge/non_utf8_latin1.xml"))
            .kind(Kind::Client, Malformed)
            .field(Code, "InvalidArgument")
            .field(Message, "<Error><Code>InvalidArgument</Code><Message>caf\u{FFFD}</Message><Resource>r</Resource><RequestId>req1</RequestId><TraceId>t1</TraceId></Error>")
            .flags(Flags::PARTIAL)
            .derived(CodeId::InvalidArgument, Category::InvalidRequest, false)
            .not_from_cos(),
        case("row6: 500 long plain text: message is the start of the body", 500, "GET", vec![b'x'; 5000])
            .header("x-cos-request-id", "req-500")
            .kind(Kind::Client, NotXml)
            .field(Message, "x".repeat(capacity::MESSAGE))
            .hdr(RequestId, "req-500")
            .truncated(Message)
            .retry(true),
        // ---- header fallback
        case("fallback: x-cos-request-id", 404, "GET", Vec::new())
            .header("x-cos-request-id", "cos-1")
            .kind(Kind::Service, Empty)
            .hdr(RequestId, "cos-1"),
        case("fallback: header names are case-insensitive", 404, "GET", Vec::new())
            .header("X-Cos-Request-Id", "cos-2")
            .header("X-COS-TRACE-ID", "trace-2")
            .kind(Kind::Service, Empty)
            .hdr(RequestId, "cos-2")
            .hdr(TraceId, "trace-2"),
        case("fallback: x-ci-request-id when there is no x-cos-request-id", 404, "GET", Vec::new())
            .header("X-Ci-Request-Id", "ci-1")
            .kind(Kind::Service, Empty)
            .hdr(RequestId, "ci-1"),
        case("fallback: x-img-request-id last", 404, "GET", Vec::new())
            .header("x-img-request-id", "img-1")
            .kind(Kind::Service, Empty)
            .hdr(RequestId, "img-1"),
        case("fallback: x-cos wins over x-ci and x-img, whatever the order", 404, "GET", Vec::new())
            .header("x-img-request-id", "img-1")
            .header("x-ci-request-id", "ci-1")
            .header("x-cos-request-id", "cos-1")
            .kind(Kind::Service, Empty)
            .hdr(RequestId, "cos-1"),
        case("fallback: x-ci wins over x-img", 404, "GET", Vec::new())
            .header("x-img-request-id", "img-1")
            .header("x-ci-request-id", "ci-1")
            .kind(Kind::Service, Empty)
            .hdr(RequestId, "ci-1"),
        // Body wins when present and non-empty, and the disagreement is
        // flagged (the AWS SDK prefers the header here; coserr's rule says body).
        case("fallback: body RequestId wins, IDS_DISAGREE (AWS request_id test)", 404, "GET",
            s("samples/awsrust_s3_request_id_NoSuchKey.xml"))
            .url(URL)
            .header("x-cos-request-id", "correct-request-id")
            .field(Code, "NoSuchKey")
            .field(Message, "The resource you requested does not exist")
            .field(Resource, "/mybucket/myfoto.jpg")
            .field(RequestId, "incorrect-request-id")
            .flags(Flags::IDS_DISAGREE)
            .derived(CodeId::NoSuchKey, Category::NotFound, false),
        case("fallback: body TraceId differs from x-cos-trace-id", 400, "GET",
            s("samples/cpp_mock_server_handleErrorRequest.xml"))
            .header("x-cos-request-id", "error_request_id")
            .header("x-cos-trace-id", "another-trace")
            .field(Code, "InvalidBucketName")
            .field(Message, "bucket name is invalid")
            .field(Resource, "error_request_resource")
            .field(RequestId, "error_request_id")
            .field(TraceId, "error_request_trace_id")
            .flags(Flags::IDS_DISAGREE),
        case("fallback: empty body elements never wipe out headers (go-cos #2)", 403, "GET",
            s("samples/issues_mozillazg-go-cos_2_SignatureDoesNotMatch_empty_elements.xml"))
            .url(URL)
            .header("x-cos-request-id", "NWE1ZjdhYjBfZ29jb3M=")
            .header("x-cos-trace-id", "OGVmYzZiMmQzYjA2")
            .field(Code, "SignatureDoesNotMatch")
            .field(Message, "The Signature you specified is invalid.")
            .hdr(Resource, URL)
            .hdr(RequestId, "NWE1ZjdhYjBfZ29jb3M=")
            .hdr(TraceId, "OGVmYzZiMmQzYjA2")
            .derived(CodeId::SignatureDoesNotMatch, Category::AccessAuth, false),
        case("fallback: empty body elements and no headers stay present and empty", 403, "GET",
            s("samples/issues_mozillazg-go-cos_2_SignatureDoesNotMatch_empty_elements.xml"))
            .field(Code, "SignatureDoesNotMatch")
            .field(Message, "The Signature you specified is invalid.")
            .field(Resource, "")
            .field(RequestId, "")
            .field(TraceId, "")
            .not_from_cos(),
        case("fallback: resource falls back to the URL", 500, "GET", s("edge/missing_resource.xml"))
            .url(URL)
            .field(Code, "InternalError")
            .field(Message, "We encountered an internal error. Please try again.")
            .hdr(Resource, URL)
            .field(RequestId, "req1")
            .retry(true),
        case("fallback: a body resource wins over the URL, no flag", 404, "GET",
            s("samples/awsrust_s3_request_id_SomeUnmodeledError.xml"))
            .url(URL)
            .header("x-cos-request-id", "incorrect-request-id")
            .field(Code, "SomeUnmodeledError")
            .field(Message, "Something bad happened")
            .field(Resource, "/mybucket/myfoto.jpg")
            .field(RequestId, "incorrect-request-id")
            .derived(CodeId::Unknown, Category::NotFound, false),
    ]
}

#[test]
fn decision_table_rows_and_fallbacks() {
    let mut failures = Vec::new();
    for c in cases() {
        let errs = check(&c);
        if !errs.is_empty() {
            failures.push(format!(
                "{} ({} {}):\n    {}",
                c.name,
                c.status,
                c.method,
                errs.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// "request_id ... must never be lost" and "request_id from
/// x-cos-request-id, else x-ci-request-id, else x-img-request-id": an empty
/// `x-cos-request-id:` header carries no request id, so the next header of
/// the chain must be used instead of filling the field with "".
#[test]
fn empty_request_id_header_does_not_hide_the_next_one() {
    let r = record(
        404,
        "GET",
        "",
        &[
            ("x-cos-request-id", ""),
            ("x-ci-request-id", "ci-behind-empty"),
        ],
        b"",
    );
    assert_eq!(r.request_id(), Some("ci-behind-empty"), "{r:?}");
    assert!(r.from_header().contains(Field::RequestId));
    // Same with a body whose RequestId is empty.
    let body =
        read_shared("samples/issues_mozillazg-go-cos_2_SignatureDoesNotMatch_empty_elements.xml");
    let r = record(
        403,
        "GET",
        "",
        &[
            ("x-cos-request-id", ""),
            ("x-img-request-id", "img-behind-empty"),
        ],
        &body,
    );
    assert_eq!(r.request_id(), Some("img-behind-empty"), "{r:?}");
}

/// The x-cos-error-code row comes before the EMPTY row of the decision
/// table: for a
/// body-less HEAD 404 whose header names the code, the server's code is kept
/// (from the header), not replaced by the Python SDK's `NoSuchResource`,
/// which stands in for a code only when the server gave none.
#[test]
fn head_404_with_error_code_header_keeps_the_header_code() {
    let r = record(
        404,
        "HEAD",
        URL,
        &[("x-cos-error-code", "NotFoundException")],
        b"",
    );
    assert_eq!(r.kind(), Kind::Service);
    assert_eq!(r.error_code(), Some("NotFoundException"), "{r:?}");
    assert!(r.from_header().contains(Field::Code), "{r:?}");
    assert_eq!(r.code_id(), CodeId::NotFoundException);
    assert_eq!(r.resource_location(), Some(URL));
}

#[test]
fn header_list_types() {
    let body = b"<Error><Code>NoSuchKey</Code></Error>";
    // [coserr::Header] with raw bytes: invalid UTF-8 becomes U+FFFD.
    let headers = [
        Header {
            name: b"Content-Type",
            value: b"application/xml",
        },
        Header {
            name: b"X-COS-REQUEST-ID",
            value: b"id-\xFF-1",
        },
    ];
    let r = ErrorRecord::from_response(&Response {
        status: 404,
        method: b"GET",
        url: b"",
        headers: &headers[..],
        body,
    });
    assert_eq!(r.request_id(), Some("id-\u{FFFD}-1"));
    assert!(r.from_header().contains(Field::RequestId));
    // No headers at all.
    let r = ErrorRecord::from_response(&Response {
        status: 404,
        method: b"GET",
        url: b"",
        headers: &(),
        body,
    });
    assert_eq!(r.kind(), Kind::Service);
    assert_eq!(r.request_id(), None);
    assert_eq!(r.code_id(), CodeId::NoSuchKey);
}

#[test]
fn long_body_request_id_matching_header_is_no_disagreement() {
    let id = "R".repeat(200);
    let body = format!("<Error><Code>NoSuchKey</Code><RequestId>{id}</RequestId></Error>");
    let r = record(
        404,
        "GET",
        "",
        &[("x-cos-request-id", &id)],
        body.as_bytes(),
    );
    assert_eq!(r.texts().request_id.len(), capacity::REQUEST_ID);
    assert!(r.truncated().contains(Field::RequestId));
    assert!(!r.from_header().contains(Field::RequestId));
    assert!(!r.flags().contains(Flags::IDS_DISAGREE), "{:?}", r.flags());
    // Differs inside the kept prefix: a disagreement.
    let other = format!("{}S{}", &id[..100], &id[101..]);
    let r = record(
        404,
        "GET",
        "",
        &[("x-cos-request-id", &other)],
        body.as_bytes(),
    );
    assert!(r.flags().contains(Flags::IDS_DISAGREE));
}
