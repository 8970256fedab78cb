//! Hand-written JSON bodies with hand-checked verdicts, error offsets and
//! field values, through the public API only.

use coserr::{BodyFormat, BodyStatus, Field, Reason, parse_body};
use coserr_testkit::samples;

/// What a case expects: the verdict, the error (offset into the whole body,
/// reason), and every field that must be present (all others absent).
struct Case {
    name: &'static str,
    body: &'static [u8],
    status: BodyStatus,
    error: Option<(usize, Reason)>,
    fields: &'static [(Field, &'static str)],
}

use BodyStatus::{Malformed, NotErrorDoc, Ok};
use Field::{Code, Message, RequestId, Resource, ServerTime, TraceId};
use Reason::{InvalidChar, InvalidJson, InvalidSyntax, InvalidUtf8, LimitExceeded, UnexpectedEof};

const CASES: &[Case] = &[
    // --- the four searched objects ------------------------------------------
    Case {
        name: "Tencent Cloud API 3.0 shape",
        body: br#"{"Response":{"Error":{"Code":"AuthFailure.SignatureExpire","Message":"sig expired"},"RequestId":"abc-123"}}"#,
        status: Ok,
        error: None,
        fields: &[(Code, "AuthFailure.SignatureExpire"), (Message, "sig expired"), (RequestId, "abc-123")],
    },
    Case {
        name: "priority: top, error, response, response.error",
        body: br#"{"code":"top","error":{"code":"err","message":"m1"},"response":{"message":"m2","traceid":"t2","error":{"traceid":"t3","servertime":5,"resource":"r3"}}}"#,
        status: Ok,
        error: None,
        fields: &[(Code, "top"), (Message, "m1"), (Resource, "r3"), (TraceId, "t2"), (ServerTime, "5")],
    },
    Case {
        name: "error object under response only counts as response.error",
        body: br#"{"ERROR":{"Message":"from error"},"RESPONSE":{"error":{"message":"from response.error","code":"C"}}}"#,
        status: Ok,
        error: None,
        fields: &[(Code, "C"), (Message, "from error")],
    },
    Case {
        name: "deeper objects are not searched",
        body: br#"{"data":{"Error":{"Code":"x"}},"error":{"error":{"code":"y"},"response":{"code":"z"}},"response":{"response":{"code":"w"}}}"#,
        status: NotErrorDoc,
        error: None,
        fields: &[],
    },
    Case {
        name: "a field value inside an array does not count",
        body: br#"{"code":["NoSuchKey"],"message":{"text":"m"},"error":[{"code":"x"}]}"#,
        status: NotErrorDoc,
        error: None,
        fields: &[],
    },
    // --- key spellings ------------------------------------------------------
    Case {
        name: "spellings of the six keys",
        body: br#"{"CODE":"c","Mess_age":"m","-resource-":"r","REQUEST-ID":"q","trace_Id":"t","Server-Time":"s"}"#,
        status: Ok,
        error: None,
        fields: &[
            (Code, "c"),
            (Message, "m"),
            (Resource, "r"),
            (RequestId, "q"),
            (TraceId, "t"),
            (ServerTime, "s"),
        ],
    },
    Case {
        name: "escaped keys are compared unescaped",
        body: br#"{"Re\u0071uestId":"q","\u0043ode":"c","Trace\u005fId":"t","Err\u006Fr":{"m\u0065ssage":"m"}}"#,
        status: Ok,
        error: None,
        fields: &[(Code, "c"), (Message, "m"), (RequestId, "q"), (TraceId, "t")],
    },
    Case {
        name: "near misses are not keys",
        body: br#"{"code ":"a"," code":"b","codes":"c","cod":"d","c.ode":"e","x-request-id":"f","K\u212aode":"g","\u00e7ode":"h","request\u0000id":"i"}"#,
        status: NotErrorDoc,
        error: None,
        fields: &[],
    },
    Case {
        name: "a lone underscore run normalises to the key",
        body: br#"{"__r_e_q_u_e_s_t_i_d__":"q","--code--":"c"}"#,
        status: Ok,
        error: None,
        fields: &[(Code, "c"), (RequestId, "q")],
    },
    // --- duplicates: the last member decides ---------------------------------
    Case {
        name: "duplicate key: last string wins",
        body: br#"{"code":"a","Code":"b","message":"m"}"#,
        status: Ok,
        error: None,
        fields: &[(Code, "b"), (Message, "m")],
    },
    Case {
        name: "duplicate key: last is null, so the field does not count",
        body: br#"{"code":"a","code":null}"#,
        status: NotErrorDoc,
        error: None,
        fields: &[],
    },
    Case {
        name: "duplicate key: last is a number",
        body: br#"{"code":"a","c_o_d_e":-1.5E+3}"#,
        status: Ok,
        error: None,
        fields: &[(Code, "-1.5E+3")],
    },
    Case {
        name: "duplicate key at top falls back to the error object",
        body: br#"{"code":"a","error":{"code":"b"},"code":[]}"#,
        status: Ok,
        error: None,
        fields: &[(Code, "b")],
    },
    Case {
        name: "duplicate error object: the last one is searched",
        body: br#"{"error":{"code":"a","resource":"r"},"Error":{"message":"m"}}"#,
        status: Ok,
        error: None,
        fields: &[(Message, "m")],
    },
    Case {
        name: "duplicate error member that is not an object empties the level",
        body: br#"{"error":{"code":"a"},"error":"oops"}"#,
        status: NotErrorDoc,
        error: None,
        fields: &[],
    },
    Case {
        name: "a new response member replaces response.error too",
        body: br#"{"response":{"error":{"code":"a"},"requestid":"r1"},"response":{"traceid":"t"}}"#,
        status: Ok,
        error: None,
        fields: &[(TraceId, "t")],
    },
    Case {
        name: "duplicate error inside response",
        body: br#"{"response":{"error":{"code":"a"},"error":{"message":"m"}}}"#,
        status: Ok,
        error: None,
        fields: &[(Message, "m")],
    },
    // --- value types --------------------------------------------------------
    Case {
        name: "escapes are decoded",
        body: br#"{"message":"q\"b\\s\/ \b\f\n\r\t\u00e9\u00C9\uD83D\uDE00\u4e2d"}"#,
        status: Ok,
        error: None,
        fields: &[(Message, "q\"b\\s/ \u{8}\u{c}\n\r\t\u{e9}\u{c9}\u{1F600}\u{4e2d}")],
    },
    Case {
        name: "raw unicode, DEL and an escaped NUL",
        body: "{\"message\":\"中文 ✓ \u{7f} \\u0000 é\"}".as_bytes(),
        status: Ok,
        error: None,
        fields: &[(Message, "中文 ✓ \u{7f} \u{0} é")],
    },
    Case {
        name: "highest surrogate pair",
        body: br#"{"code":"\uDBFF\uDFFF"}"#,
        status: Ok,
        error: None,
        fields: &[(Code, "\u{10FFFF}")],
    },
    Case {
        name: "present and empty",
        body: br#"{"code":"","message":"  not trimmed  "}"#,
        status: Ok,
        error: None,
        fields: &[(Code, ""), (Message, "  not trimmed  ")],
    },
    Case {
        name: "numbers keep their literal text",
        body: br#"{"code":0,"message":-0,"resource":1e400,"requestid":123456789012345678901234567890,"traceid":0.000E-0,"servertime":-12.5e+07}"#,
        status: Ok,
        error: None,
        fields: &[
            (Code, "0"),
            (Message, "-0"),
            (Resource, "1e400"),
            (RequestId, "123456789012345678901234567890"),
            (TraceId, "0.000E-0"),
            (ServerTime, "-12.5e+07"),
        ],
    },
    Case {
        name: "booleans, null, arrays and objects do not count",
        body: br#"{"code":true,"message":false,"resource":null,"requestid":[],"traceid":{},"servertime":[1]}"#,
        status: NotErrorDoc,
        error: None,
        fields: &[],
    },
    Case {
        name: "whitespace everywhere",
        body: b" \r\n\t{ \t\n\r\"code\" \n:\r \"x\" \t, \"message\":\n[ 1 , { } , [ ] ]\n}\n\r\t ",
        status: Ok,
        error: None,
        fields: &[(Code, "x")],
    },
    Case {
        name: "BOM, whitespace, and a junk-laden body",
        body: b"\xEF\xBB\xBF  {\"a\":[true,false,null,{\"b\":[[]]}],\"Code\":\"k\",\"z\":\"\\\"}\"}",
        status: Ok,
        error: None,
        fields: &[(Code, "k")],
    },
    // --- serde_json's arbitrary_precision number token ------------------------
    Case {
        name: "number token at top level is a number, not an object",
        body: br#"{"$serde_json::private::Number":"404"}"#,
        status: NotErrorDoc,
        error: None,
        fields: &[],
    },
    Case {
        name: "number token as a field value counts as that number",
        body: br#"{"code":{"$serde_json::private::Number":"4\u00304"}}"#,
        status: Ok,
        error: None,
        fields: &[(Code, "404")],
    },
    Case {
        name: "number token as the error member: not an object",
        body: br#"{"error":{"$serde_json::private::Number":"1"},"message":"m"}"#,
        status: Ok,
        error: None,
        fields: &[(Message, "m")],
    },
    Case {
        name: "number token that is not the first key is an ordinary key",
        body: br#"{"a":1,"$serde_json::private::Number":"x","code":"c"}"#,
        status: Ok,
        error: None,
        fields: &[(Code, "c")],
    },
    Case {
        name: "number token holding a non-number",
        body: br#"{"$serde_json::private::Number":" 1"}"#,
        status: Malformed,
        error: Some((32, InvalidJson)),
        fields: &[],
    },
    Case {
        name: "number token holding a number literal (not a string)",
        body: br#"{"$serde_json::private::Number":1}"#,
        status: Malformed,
        error: Some((32, InvalidJson)),
        fields: &[],
    },
    Case {
        name: "number token followed by another member",
        body: br#"{"code":"c","x":{"$serde_json::private::Number":"1","a":1}}"#,
        status: Malformed,
        error: Some((51, InvalidSyntax)),
        fields: &[(Code, "c")],
    },
    // --- malformed: syntax ----------------------------------------------------
    Case {
        name: "leading zero",
        body: br#"{"code":01}"#,
        status: Malformed,
        error: Some((9, InvalidJson)),
        fields: &[],
    },
    Case {
        name: "trailing comma keeps the field before it",
        body: br#"{"code":"a",}"#,
        status: Malformed,
        error: Some((12, InvalidSyntax)),
        fields: &[(Code, "a")],
    },
    Case {
        name: "trailing comma in an array",
        body: br#"{"code":"a","x":[1,]}"#,
        status: Malformed,
        error: Some((19, InvalidSyntax)),
        fields: &[(Code, "a")],
    },
    Case {
        name: "lone high surrogate",
        body: br#"{"code":"\uD800"}"#,
        status: Malformed,
        error: Some((15, InvalidJson)),
        fields: &[],
    },
    Case {
        name: "high surrogate followed by a non-surrogate escape",
        body: br#"{"code":"\uD800\u0041"}"#,
        status: Malformed,
        error: Some((15, InvalidJson)),
        fields: &[],
    },
    Case {
        name: "high surrogate followed by a simple escape",
        body: br#"{"code":"\uD800\n"}"#,
        status: Malformed,
        error: Some((16, InvalidJson)),
        fields: &[],
    },
    Case {
        name: "lone low surrogate",
        body: br#"{"code":"\uDC00"}"#,
        status: Malformed,
        error: Some((9, InvalidJson)),
        fields: &[],
    },
    Case {
        name: "lone surrogate in a key",
        body: br#"{"\uDFFF":1}"#,
        status: Malformed,
        error: Some((2, InvalidJson)),
        fields: &[],
    },
    Case {
        name: "unknown escape",
        body: br#"{"code":"\U0041"}"#,
        status: Malformed,
        error: Some((10, InvalidJson)),
        fields: &[],
    },
    Case {
        name: "short unicode escape",
        body: br#"{"code":"\u00G1"}"#,
        status: Malformed,
        error: Some((13, InvalidJson)),
        fields: &[],
    },
    Case {
        name: "raw control character in a string",
        body: b"{\"code\":\"a\x01\"}",
        status: Malformed,
        error: Some((10, InvalidChar)),
        fields: &[],
    },
    Case {
        name: "raw tab in a string",
        body: b"{\"code\":\"ok\",\"message\":\"a\tb\"}",
        status: Malformed,
        error: Some((25, InvalidChar)),
        fields: &[(Code, "ok")],
    },
    Case {
        name: "text after the document",
        body: br#"{"code":"a"} x"#,
        status: Malformed,
        error: Some((13, InvalidSyntax)),
        fields: &[(Code, "a")],
    },
    Case {
        name: "a second document",
        body: br#"{"code":"a"}{}"#,
        status: Malformed,
        error: Some((12, InvalidSyntax)),
        fields: &[(Code, "a")],
    },
    Case {
        name: "form feed is not JSON whitespace",
        body: b"{\"code\":\"a\"}\x0c",
        status: Malformed,
        error: Some((12, InvalidSyntax)),
        fields: &[(Code, "a")],
    },
    Case {
        name: "no-break space is not JSON whitespace",
        body: "{\"code\":\"a\"}\u{a0}".as_bytes(),
        status: Malformed,
        error: Some((12, InvalidSyntax)),
        fields: &[(Code, "a")],
    },
    Case {
        name: "single quotes",
        body: br#"{'code':1}"#,
        status: Malformed,
        error: Some((1, InvalidSyntax)),
        fields: &[],
    },
    Case {
        name: "missing colon",
        body: br#"{"code" "a"}"#,
        status: Malformed,
        error: Some((8, InvalidSyntax)),
        fields: &[],
    },
    Case {
        name: "number without fraction digits",
        body: br#"{"code":1.}"#,
        status: Malformed,
        error: Some((10, InvalidJson)),
        fields: &[],
    },
    Case {
        name: "number with a plus sign",
        body: br#"{"code":+1}"#,
        status: Malformed,
        error: Some((8, InvalidSyntax)),
        fields: &[],
    },
    Case {
        name: "misspelt literal",
        body: br#"{"code":"a","x":tru}"#,
        status: Malformed,
        error: Some((19, InvalidJson)),
        fields: &[(Code, "a")],
    },
    Case {
        name: "capitalised literal",
        body: br#"{"x":True}"#,
        status: Malformed,
        error: Some((5, InvalidSyntax)),
        fields: &[],
    },
    Case {
        name: "invalid UTF-8 inside a later string",
        body: b"{\"code\":\"a\",\"message\":\"\xff\"}",
        status: Malformed,
        error: Some((23, InvalidUtf8)),
        fields: &[(Code, "a")],
    },
    Case {
        name: "offsets count the BOM and leading whitespace",
        body: b"\xEF\xBB\xBF \n{\"code\":\"a\"} x",
        status: Malformed,
        error: Some((18, InvalidSyntax)),
        fields: &[(Code, "a")],
    },
    // --- truncations: fields completed before the end are kept ---------------
    Case {
        name: "truncated in a key",
        body: br#"{"code":"NoSuchKey","message":"gone","requ"#,
        status: Malformed,
        error: Some((42, UnexpectedEof)),
        fields: &[(Code, "NoSuchKey"), (Message, "gone")],
    },
    Case {
        name: "truncated in a value",
        body: br#"{"code":"NoSuchKey","message":"go"#,
        status: Malformed,
        error: Some((33, UnexpectedEof)),
        fields: &[(Code, "NoSuchKey")],
    },
    Case {
        // The number may go on (`4040`): it is not a completed value.
        name: "truncated after a number (it may go on)",
        body: br#"{"message":"m","code":404"#,
        status: Malformed,
        error: Some((25, UnexpectedEof)),
        fields: &[(Message, "m")],
    },
    Case {
        name: "truncated API 3.0 body",
        body: br#"{"Response":{"Error":{"Code":"LimitExceeded","Message":"too"#,
        status: Malformed,
        error: Some((59, UnexpectedEof)),
        fields: &[(Code, "LimitExceeded")],
    },
    Case {
        name: "truncated in an escape",
        body: br#"{"code":"a","message":"x\u00"#,
        status: Malformed,
        error: Some((28, UnexpectedEof)),
        fields: &[(Code, "a")],
    },
    Case {
        name: "truncated between a surrogate pair",
        body: br#"{"code":"a","message":"\uD83D\"#,
        status: Malformed,
        error: Some((30, UnexpectedEof)),
        fields: &[(Code, "a")],
    },
    Case {
        name: "truncated in a literal",
        body: br#"{"code":"a","x":nul"#,
        status: Malformed,
        error: Some((19, UnexpectedEof)),
        fields: &[(Code, "a")],
    },
    Case {
        name: "truncated after the exponent mark",
        body: br#"{"code":1e"#,
        status: Malformed,
        error: Some((10, UnexpectedEof)),
        fields: &[],
    },
    Case {
        name: "only the opening brace",
        body: b"{",
        status: Malformed,
        error: Some((1, UnexpectedEof)),
        fields: &[],
    },
    Case {
        name: "truncated before the closing brace",
        body: b"{\"code\":\"a\" \n",
        status: Malformed,
        error: Some((13, UnexpectedEof)),
        fields: &[(Code, "a")],
    },
    // --- not error documents ----------------------------------------------------
    Case { name: "empty object", body: b"{}", status: NotErrorDoc, error: None, fields: &[] },
    Case {
        name: "object without the six keys",
        body: br#"{"Key":"a/b","UploadId":"x","Parts":[{"PartNumber":1}]}"#,
        status: NotErrorDoc,
        error: None,
        fields: &[],
    },
    Case { name: "empty error object", body: br#"{"Error":{}}"#, status: NotErrorDoc, error: None, fields: &[] },
];

/// The cases of two shared bodies, read from `../shared/cos` (and kept).
fn shared_cases() -> [Case; 2] {
    let shared = |rel| -> &'static [u8] { Vec::leak(samples::read_shared(rel)) };
    [
        Case {
            name: "go sdk Test_CheckReponse json (code is a number)",
            body: shared("samples/go_Test_CheckReponse_json.json"),
            status: Ok,
            error: None,
            fields: &[
                (Code, "404"),
                (Message, "404 NotFound"),
                (RequestId, "requestid"),
            ],
        },
        Case {
            name: "CI error json",
            body: shared("edge/json_ci_error.json"),
            status: Ok,
            error: None,
            fields: &[
                (Code, "InvalidArgument"),
                (Message, "bad"),
                (RequestId, "r1"),
            ],
        },
    ]
}

fn check(case: &Case) {
    let name = case.name;
    let body = parse_body(case.body);
    assert_eq!(body.format(), BodyFormat::Json, "{name}: format");
    assert_eq!(
        body.status(),
        case.status,
        "{name}: status (error {:?})",
        body.error()
    );
    assert_eq!(
        body.error().map(|e| (e.offset, e.reason)),
        case.error,
        "{name}: error"
    );
    for f in Field::BODY {
        let want = case.fields.iter().find(|(g, _)| *g == f).map(|(_, v)| *v);
        let got = body.field(f);
        assert_eq!(
            got.map(|v| v.to_string()),
            want.map(str::to_owned),
            "{name}: {f:?}"
        );
        if let (Some(got), Some(want)) = (got, want) {
            assert!(got.eq_str(want), "{name}: {f:?} eq_str");
            assert_eq!(got.decoded_len(), want.len(), "{name}: {f:?} decoded_len");
            assert_eq!(got.is_empty(), want.is_empty(), "{name}: {f:?} is_empty");
        }
    }
    assert_eq!(
        body.is_partial(),
        case.status == Malformed && !case.fields.is_empty(),
        "{name}: partial"
    );
    assert_eq!(body.extras().count(), 0, "{name}: JSON has no extras");
}

#[test]
fn hand_written_cases() {
    for case in CASES.iter().chain(&shared_cases()) {
        check(case);
    }
}

/// The verdicts above were written by hand; serde_json (the reference) must
/// agree with every one of them.
#[test]
fn serde_json_agrees_with_the_table() {
    for case in CASES.iter().chain(&shared_cases()) {
        let body = parse_body(case.body);
        let doc = &case.body[body.document_start()..];
        let reference = serde_json::from_slice::<serde_json::Value>(doc);
        assert_eq!(
            reference.is_ok(),
            case.status != Malformed,
            "{}: {reference:?}",
            case.name
        );
    }
}

#[test]
fn raw_values_are_undecoded() {
    let body = parse_body(br#"{"message":"a\nb\u0041","code":-1E+2}"#);
    let message = body.field(Message).unwrap();
    assert_eq!(message.raw(), r"a\nb\u0041");
    assert_eq!(message.to_string(), "a\nbA");
    assert_eq!(body.field(Code).unwrap().raw(), "-1E+2");
}

/// serde_json's recursion limit accepts 127 nested containers and rejects
/// the 128th; the top-level object is the first.
#[test]
fn depth_limit_boundary() {
    let prefix = r#"{"code":"a","x":"#; // 16 bytes, depth 1
    for (inner, ok) in [(126usize, true), (127, false)] {
        for (open, close) in [("[", "]"), (r#"{"k":"#, "}")] {
            let doc = format!("{prefix}{}1{}}}", open.repeat(inner), close.repeat(inner));
            let body = parse_body(doc.as_bytes());
            assert_eq!(
                body.field(Code).map(|v| v.to_string()).as_deref(),
                Some("a")
            );
            if ok {
                assert_eq!(body.status(), Ok, "{inner} x {open}");
                assert_eq!(body.error(), None);
            } else {
                // The 127th inner container (the 128th in all) is refused.
                let at = prefix.len() + 126 * open.len();
                assert_eq!(body.status(), Malformed);
                assert_eq!(
                    body.error().map(|e| (e.offset, e.reason)),
                    Some((at, LimitExceeded))
                );
            }
            assert_eq!(serde_json::from_str::<serde_json::Value>(&doc).is_ok(), ok);
        }
    }
    // A very deep body is refused at the limit without recursing.
    let deep = format!("{{\"code\":\"a\",\"x\":{}", "[".repeat(1_000_000));
    let body = parse_body(deep.as_bytes());
    assert_eq!(
        body.error().map(|e| (e.offset, e.reason)),
        Some((16 + 126, LimitExceeded))
    );
    assert!(body.is_partial());
    assert_eq!(coserr::MAX_JSON_DEPTH, 127);
}

#[test]
fn not_json() {
    // Only `{` starts a JSON body: other top-level values are not documents.
    for doc in [&b"[1]"[..], b"\"code\"", b"404", b"null"] {
        let body = parse_body(doc);
        assert_eq!(body.status(), BodyStatus::NotXml);
        assert_eq!(body.format(), BodyFormat::None);
    }
}

/// Strings are searched eight bytes at a time: put each kind of special
/// byte (and near misses) at every position of a long string.
#[test]
fn special_bytes_at_every_position() {
    let specials: &[(&str, Option<&str>)] = &[
        (r#"\""#, Some("\"")),
        (r"\\", Some("\\")),
        (r"\n", Some("\n")),
        (r"\u00e9", Some("é")),
        (r"\uD83D\uDE00", Some("😀")),
        ("\u{1}", None),
        ("\u{1f}", None),
        ("\t", None),
        (r"\uD800", None),
        (r"\x", None),
        (" ", Some(" ")),
        ("!", Some("!")),
        ("#", Some("#")),
        ("[", Some("[")),
        ("]", Some("]")),
        ("\u{7f}", Some("\u{7f}")),
        ("é", Some("é")),
        ("\u{10FFFF}", Some("\u{10FFFF}")),
    ];
    for pos in 0..40 {
        for tail in [0, 1, 7, 8, 9, 17] {
            for &(special, decoded) in specials {
                let doc = format!(
                    r#"{{"message":"{}{special}{}","code":"c"}}"#,
                    "a".repeat(pos),
                    "b".repeat(tail)
                );
                let body = parse_body(doc.as_bytes());
                let accepted = serde_json::from_str::<serde_json::Value>(&doc).is_ok();
                assert_eq!(accepted, decoded.is_some(), "{doc:?}");
                match decoded {
                    Some(d) => {
                        assert_eq!(body.status(), Ok, "{doc:?}");
                        let want = format!("{}{d}{}", "a".repeat(pos), "b".repeat(tail));
                        assert_eq!(
                            body.field(Message).map(|v| v.to_string()),
                            Some(want),
                            "{doc:?}"
                        );
                        assert_eq!(
                            body.field(Code).map(|v| v.to_string()).as_deref(),
                            Some("c")
                        );
                    }
                    None => {
                        assert_eq!(body.status(), Malformed, "{doc:?}");
                        let error = body.error().unwrap();
                        // The error is at the special sequence (for a surrogate or an
                        // escape, at or just after its backslash).
                        let at = 12 + pos;
                        assert!((at..at + 7).contains(&error.offset), "{doc:?}: {error:?}");
                    }
                }
            }
        }
    }
}
