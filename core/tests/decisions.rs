//! The decisions of docs/decisions.md, row by row: the retry class (each of
//! the five rules and the precedence between them), whether the answer came
//! from COS, the service's clock (each date form, bad dates, offsets and
//! fractions) and where the resource is. Every expectation is written from
//! the rules; every Unix time was checked with `date -u -d`.

use coserr::{ErrorRecord, Field, Flags, Kind, Retry, capacity};
use coserr_testkit::record::record;

/// 2019-04-09T03:39:20Z (`date -u -d @1554781160`), in milliseconds.
const APR_9: i64 = 1_554_781_160_000;

fn xml(code: &str, message: &str) -> Vec<u8> {
    format!("<Error><Code>{code}</Code><Message>{message}</Message></Error>").into_bytes()
}

fn xml_with_id(code: &str, message: &str) -> Vec<u8> {
    format!(
        "<Error><Code>{code}</Code><Message>{message}</Message><RequestId>NWQ1</RequestId></Error>"
    )
    .into_bytes()
}

fn xml_with_time(code: &str, time: &str) -> Vec<u8> {
    format!(
        "<Error><Code>{code}</Code><Message>m</Message><ServerTime>{time}</ServerTime>\
         <RequestId>NWQ1</RequestId></Error>"
    )
    .into_bytes()
}

const ID: (&str, &str) = ("x-cos-request-id", "NWQ1ZjE2");

/// One answer and the decisions it must give.
struct Row {
    name: &'static str,
    status: u32,
    method: &'static str,
    headers: Vec<(&'static str, &'static str)>,
    body: Vec<u8>,
    retry: Retry,
    /// No request id anywhere.
    not_from_cos: bool,
    /// The service's clock, Unix ms.
    clock: Option<i64>,
}

fn row(
    name: &'static str,
    status: u32,
    headers: Vec<(&'static str, &'static str)>,
    body: Vec<u8>,
    retry: Retry,
) -> Row {
    Row {
        name,
        status,
        method: "GET",
        headers,
        body,
        retry,
        not_from_cos: false,
        clock: None,
    }
}

impl Row {
    fn not_from_cos(mut self) -> Self {
        self.not_from_cos = true;
        self
    }
    fn clock(mut self, ms: i64) -> Self {
        self.clock = Some(ms);
        self
    }
    fn method(mut self, method: &'static str) -> Self {
        self.method = method;
        self
    }
}

fn rows() -> Vec<Row> {
    use Retry::*;
    let long_expired = format!("{}Request has expired", "x".repeat(2000));
    let long_expired: &'static str = Box::leak(long_expired.into_boxed_str());
    // Longer than the record's 63 bytes: only a long fraction makes that a
    // timestamp; its first three digits count.
    let long_fraction = format!("2019-04-09T03:39:20.987{}Z", "6".repeat(100));
    let long_fraction: &'static str = Box::leak(long_fraction.into_boxed_str());
    let referenced = format!("&#50;019-04-09T03:39:20.0{}&#x5A;", "9".repeat(80));
    let referenced: &'static str = Box::leak(referenced.into_boxed_str());
    let long_bad = format!("2019-04-09T03:39:20.{}x9Z", "1".repeat(80));
    let long_bad: &'static str = Box::leak(long_bad.into_boxed_str());
    vec![
        // ---- rule 1: no request id, 3xx other than 304, or 5xx
        row(
            "500 without any id",
            500,
            vec![],
            xml("InternalError", "e"),
            SwitchDomain,
        )
        .not_from_cos(),
        row(
            "502 HTML without any id",
            502,
            vec![],
            b"<html>Bad Gateway</html>".to_vec(),
            SwitchDomain,
        )
        .not_from_cos(),
        row(
            "503 empty body without any id",
            503,
            vec![],
            vec![],
            SwitchDomain,
        )
        .not_from_cos(),
        row("599 without any id", 599, vec![], vec![], SwitchDomain).not_from_cos(),
        row(
            "301 without any id (not an error)",
            301,
            vec![],
            vec![],
            SwitchDomain,
        )
        .not_from_cos(),
        row(
            "302 with a Location, no id",
            302,
            vec![("Location", "https://b.cos.ap-x.tencentcos.cn/k")],
            vec![],
            SwitchDomain,
        )
        .not_from_cos(),
        row("307 without any id", 307, vec![], vec![], SwitchDomain).not_from_cos(),
        row(
            "304 without any id is not rule 1",
            304,
            vec![],
            vec![],
            None,
        )
        .not_from_cos(),
        row("300 without any id", 300, vec![], vec![], SwitchDomain).not_from_cos(),
        row("399 without any id", 399, vec![], vec![], SwitchDomain).not_from_cos(),
        row(
            "empty x-cos-request-id does not count",
            500,
            vec![("x-cos-request-id", "")],
            vec![],
            SwitchDomain,
        )
        .not_from_cos(),
        row(
            "empty RequestId element does not count",
            500,
            vec![],
            b"<Error><Code>InternalError</Code><RequestId></RequestId></Error>".to_vec(),
            SwitchDomain,
        )
        .not_from_cos(),
        row(
            "rule 1 beats rule 2: 503 RequestTimeTooSkewed, no id",
            503,
            vec![],
            xml("RequestTimeTooSkewed", "m"),
            SwitchDomain,
        )
        .not_from_cos(),
        row(
            "rule 1 beats rule 3: 503 SlowDown, no id",
            503,
            vec![],
            xml("SlowDown", "m"),
            SwitchDomain,
        )
        .not_from_cos(),
        // ---- an id anywhere keeps rule 1 away
        row(
            "500 with x-cos-request-id",
            500,
            vec![ID],
            xml("InternalError", "e"),
            Transient,
        ),
        row(
            "500 with x-ci-request-id only",
            500,
            vec![("x-ci-request-id", "ci-1")],
            vec![],
            Transient,
        ),
        row(
            "500 with x-img-request-id only",
            500,
            vec![("X-Img-Request-Id", "img-1")],
            vec![],
            Transient,
        ),
        row(
            "500 with the id in the body only",
            500,
            vec![],
            xml_with_id("InternalError", "e"),
            Transient,
        ),
        row(
            "302 with an id is not switched",
            302,
            vec![ID],
            vec![],
            None,
        ),
        row(
            "an empty first id header does not hide the next",
            502,
            vec![("x-cos-request-id", ""), ("x-ci-request-id", "ci-2")],
            vec![],
            Transient,
        ),
        // ---- rule 2: the clock
        row(
            "403 RequestTimeTooSkewed",
            403,
            vec![ID],
            xml("RequestTimeTooSkewed", "The difference..."),
            ClockSkew,
        ),
        row(
            "403 AccessDenied, Request has expired",
            403,
            vec![ID],
            xml("AccessDenied", "Request has expired"),
            ClockSkew,
        ),
        row(
            "403 SignatureDoesNotMatch, REQUEST HAS EXPIRED",
            403,
            vec![ID],
            xml("SignatureDoesNotMatch", "REQUEST HAS EXPIRED, sign again"),
            ClockSkew,
        ),
        row(
            "403 AccessDenied, the phrase inside a sentence",
            403,
            vec![ID],
            xml(
                "AccessDenied",
                "Your request HAS expired? no: Request has Expired.",
            ),
            ClockSkew,
        ),
        row(
            "403 AccessDenied, the phrase past the record's 1023 bytes",
            403,
            vec![ID],
            xml("AccessDenied", long_expired),
            ClockSkew,
        ),
        row(
            "403 AccessDenied, the phrase split by a character reference",
            403,
            vec![ID],
            xml("AccessDenied", "request&#32;has expired"),
            ClockSkew,
        ),
        row(
            "403 AccessDenied, another message",
            403,
            vec![ID],
            xml("AccessDenied", "Access Denied."),
            None,
        ),
        row(
            "403 AccessDenied, a near miss",
            403,
            vec![ID],
            xml("AccessDenied", "request  has expired"),
            None,
        ),
        row(
            "400 InvalidArgument saying Request has expired",
            400,
            vec![ID],
            xml("InvalidArgument", "Request has expired"),
            None,
        ),
        row(
            "RequestTimeTooSkewed inside a 200",
            200,
            vec![ID],
            xml("RequestTimeTooSkewed", "m"),
            ClockSkew,
        ),
        row(
            "rule 2 beats rule 4: 500 RequestTimeTooSkewed with an id",
            500,
            vec![ID],
            xml("RequestTimeTooSkewed", "m"),
            ClockSkew,
        ),
        row(
            "rule 2 beats rule 3: 429 AccessDenied, Request has expired",
            429,
            vec![ID],
            xml("AccessDenied", "Request has expired"),
            ClockSkew,
        ),
        // ---- rule 3: throttling
        row("429 without a body", 429, vec![ID], vec![], Throttle),
        row(
            "429 without a body or an id (4xx: not rule 1)",
            429,
            vec![],
            vec![],
            Throttle,
        )
        .not_from_cos(),
        row(
            "503 SlowDown with an id: throttle beats transient",
            503,
            vec![ID],
            xml("SlowDown", "slow"),
            Throttle,
        ),
        row(
            "429 TooManyRequestsException in the header",
            429,
            vec![ID, ("x-cos-error-code", "TooManyRequestsException")],
            br#"{"message":"Rate exceeded"}"#.to_vec(),
            Throttle,
        ),
        row(
            "400 RequestLimitExceeded",
            400,
            vec![ID],
            xml("RequestLimitExceeded", "m"),
            Throttle,
        ),
        row(
            "403 ReqFreqControl-like code",
            403,
            vec![ID],
            xml("UploadFreqControl", "m"),
            Throttle,
        ),
        row(
            "SlowDown inside a 200",
            200,
            vec![ID],
            xml("SlowDown", "m"),
            Throttle,
        ),
        // ---- rule 4: transient
        row(
            "502 plain text with an id",
            502,
            vec![ID],
            b"Bad Gateway".to_vec(),
            Transient,
        ),
        row(
            "InternalError inside a 200",
            200,
            vec![ID],
            xml("InternalError", "m"),
            Transient,
        ),
        row(
            "ServiceUnavailable inside a 200",
            200,
            vec![ID],
            xml("ServiceUnavailable", "m"),
            Transient,
        ),
        row(
            "400 RequestTimeout",
            400,
            vec![ID],
            xml("RequestTimeout", "m"),
            Transient,
        ),
        row(
            "InternalError with status unknown (body alone)",
            0,
            vec![ID],
            xml("InternalError", "m"),
            Transient,
        ),
        row(
            "a code that only starts like InternalError",
            200,
            vec![ID],
            xml("InternalError.DbError", "m"),
            None,
        ),
        // ---- rule 5
        row("404 NoSuchKey", 404, vec![ID], xml("NoSuchKey", "m"), None),
        row("HEAD 404 with no body", 404, vec![ID], vec![], None).method("HEAD"),
        row(
            "409 BucketAlreadyExists",
            409,
            vec![ID],
            xml("BucketAlreadyExists", "m"),
            None,
        ),
        row("200 success", 200, vec![ID], vec![], None),
        row(
            "200 success without an id (not rule 1)",
            200,
            vec![],
            vec![],
            None,
        )
        .not_from_cos(),
        row("600 without an id (not 5xx)", 600, vec![], vec![], None).not_from_cos(),
        // ---- the service's clock
        row(
            "ServerTime Z",
            403,
            vec![],
            xml_with_time("RequestTimeTooSkewed", "2019-04-09T03:39:20Z"),
            ClockSkew,
        )
        .clock(APR_9),
        row(
            "ServerTime +08:00",
            403,
            vec![],
            xml_with_time("RequestTimeTooSkewed", "2019-04-09T11:39:20+08:00"),
            ClockSkew,
        )
        .clock(APR_9),
        // 2019-04-08T22:09:20Z: `date -u -d @1554761360`.
        row(
            "ServerTime +05:30",
            403,
            vec![],
            xml_with_time("AccessDenied", "2019-04-09T03:39:20+05:30"),
            None,
        )
        .clock(1_554_761_360_000),
        row(
            "ServerTime with a fraction, cut to ms",
            403,
            vec![],
            xml_with_time("AccessDenied", "2019-04-09T03:39:20.1239Z"),
            None,
        )
        .clock(APR_9 + 123),
        row(
            "ServerTime lowercase t and z",
            403,
            vec![],
            xml_with_time("AccessDenied", "2019-04-09t03:39:20z"),
            None,
        )
        .clock(APR_9),
        // 2024-02-29T12:00:00Z: `date -u -d @1709208000`.
        row(
            "ServerTime on a leap day",
            403,
            vec![],
            xml_with_time("AccessDenied", "2024-02-29T12:00:00Z"),
            None,
        )
        .clock(1_709_208_000_000),
        // -1 s: `date -u -d @-1` is 1969-12-31T23:59:59Z.
        row(
            "ServerTime before 1970",
            403,
            vec![],
            xml_with_time("AccessDenied", "1969-12-31T23:59:59.5Z"),
            None,
        )
        .clock(-500),
        row(
            "ServerTime with a 103-digit fraction",
            403,
            vec![],
            xml_with_time("AccessDenied", long_fraction),
            None,
        )
        .clock(APR_9 + 987),
        row(
            "ServerTime with references and an 81-digit fraction",
            403,
            vec![],
            xml_with_time("AccessDenied", referenced),
            None,
        )
        .clock(APR_9 + 99),
        row(
            "ServerTime: a long fraction broken by a letter is unknown",
            403,
            vec![],
            xml_with_time("AccessDenied", long_bad),
            None,
        ),
        row(
            "ServerTime wins over Date",
            403,
            vec![("Date", "Mon, 01 Jul 2024 00:00:00 GMT")],
            xml_with_time("AccessDenied", "2019-04-09T03:39:20Z"),
            None,
        )
        .clock(APR_9),
        row(
            "Date IMF-fixdate",
            404,
            vec![ID, ("Date", "Tue, 09 Apr 2019 03:39:20 GMT")],
            xml("NoSuchKey", "m"),
            None,
        )
        .clock(APR_9),
        row(
            "Date RFC 850",
            404,
            vec![ID, ("date", "Tuesday, 09-Apr-19 03:39:20 GMT")],
            xml("NoSuchKey", "m"),
            None,
        )
        .clock(APR_9),
        row(
            "Date asctime",
            404,
            vec![ID, ("DATE", "Tue Apr  9 03:39:20 2019")],
            xml("NoSuchKey", "m"),
            None,
        )
        .clock(APR_9),
        // 2024-07-01T00:00:00Z: `date -u -d @1719792000`.
        row(
            "Date on a success",
            200,
            vec![ID, ("Date", "Mon, 01 Jul 2024 00:00:00 GMT")],
            vec![],
            None,
        )
        .clock(1_719_792_000_000),
        row(
            "an unparseable ServerTime falls back to Date",
            403,
            vec![("Date", "Tue, 09 Apr 2019 03:39:20 GMT")],
            xml_with_time("AccessDenied", "2019-04-09 03:39:20"),
            None,
        )
        .clock(APR_9),
        row(
            "ServerTime 30 Feb: unknown",
            403,
            vec![],
            xml_with_time("AccessDenied", "2019-02-30T00:00:00Z"),
            None,
        ),
        row(
            "ServerTime hour 24: unknown",
            403,
            vec![],
            xml_with_time("AccessDenied", "2019-04-09T24:00:00Z"),
            None,
        ),
        row(
            "ServerTime offset +24:00: unknown",
            403,
            vec![],
            xml_with_time("AccessDenied", "2019-04-09T03:39:20+24:00"),
            None,
        ),
        row(
            "ServerTime without an offset: unknown",
            403,
            vec![],
            xml_with_time("AccessDenied", "2019-04-09T03:39:20"),
            None,
        ),
        row(
            "Date with the wrong weekday: unknown",
            404,
            vec![ID, ("Date", "Mon, 09 Apr 2019 03:39:20 GMT")],
            xml("NoSuchKey", "m"),
            None,
        ),
        row(
            "Date in UTC, not GMT: unknown",
            404,
            vec![ID, ("Date", "Tue, 09 Apr 2019 03:39:20 UTC")],
            xml("NoSuchKey", "m"),
            None,
        ),
        row(
            "Date 31 April: unknown",
            404,
            vec![ID, ("Date", "Wed, 31 Apr 2019 03:39:20 GMT")],
            xml("NoSuchKey", "m"),
            None,
        ),
        row(
            "Date garbage: unknown",
            404,
            vec![ID, ("Date", "yesterday")],
            xml("NoSuchKey", "m"),
            None,
        ),
    ]
}

fn check(r: &Row, rec: &ErrorRecord) -> Vec<String> {
    let mut errs = Vec::new();
    if rec.retry() != r.retry {
        errs.push(format!("retry: want {:?}, got {:?}", r.retry, rec.retry()));
    }
    let retryable = matches!(r.retry, Retry::Transient | Retry::Throttle);
    if rec.retryable() != retryable {
        errs.push(format!(
            "retryable: want {retryable}, got {}",
            rec.retryable()
        ));
    }
    if rec.flags().contains(Flags::NOT_FROM_COS) != r.not_from_cos {
        errs.push(format!(
            "NOT_FROM_COS: want {}, flags {:?}",
            r.not_from_cos,
            rec.flags()
        ));
    }
    if rec.server_time_ms() != r.clock
        || rec.flags().contains(Flags::SERVER_CLOCK) != r.clock.is_some()
    {
        errs.push(format!(
            "clock: want {:?}, got {:?} (flags {:?})",
            r.clock,
            rec.server_time_ms(),
            rec.flags()
        ));
    }
    if let Some(ms) = r.clock {
        let skew = rec.clock_skew_ms(ms - 90_000);
        if skew != Some(90_000) {
            errs.push(format!("clock skew from 90 s behind: {skew:?}"));
        }
    } else if rec.clock_skew_ms(0).is_some() {
        errs.push("a clock skew without a clock".into());
    }
    // The display line names the class unless it is none; the digest always.
    let line = rec.to_string();
    let named = line.contains(&format!(" retry={} ", r.retry.name()));
    if named != (r.retry != Retry::None) || (r.retry == Retry::None && line.contains("retry=")) {
        errs.push(format!("display: {line}"));
    }
    let digest: serde_json::Value = serde_json::from_str(&rec.digest().to_string()).unwrap();
    if digest["retry"] != r.retry.name() {
        errs.push(format!("digest retry: {}", digest["retry"]));
    }
    errs
}

#[test]
fn every_rule_and_precedence_by_table() {
    let rows = rows();
    assert!(rows.len() >= 40, "{} rows", rows.len());
    let mut failed = Vec::new();
    for r in &rows {
        let rec = record(r.status, r.method, "", &r.headers, &r.body);
        let errs = check(r, &rec);
        if !errs.is_empty() {
            failed.push(format!("{} ({}): {}", r.name, r.status, errs.join("; ")));
        }
    }
    assert!(
        failed.is_empty(),
        "{} rows fail:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

/// The public rule function agrees with the record on answers without
/// bodies that need decoding.
#[test]
fn the_rule_function_takes_the_same_facts() {
    use Retry::*;
    let cases: &[(u32, &str, &str, bool, Retry)] = &[
        (503, "", "", false, SwitchDomain),
        (503, "", "", true, Transient),
        (304, "", "", false, None),
        (403, "AccessDenied", "request has EXPIRED", true, ClockSkew),
        (403, "AccessDenied", "request has EXPIRED", false, ClockSkew),
        (403, "accessdenied", "request has expired", true, None),
        (429, "NoSuchKey", "", true, Throttle),
        (200, "RequestTimeout", "", true, Transient),
        (404, "NoSuchKey", "", false, None),
    ];
    for &(status, code, message, id, want) in cases {
        assert_eq!(
            coserr::retry(status, code, message, id),
            want,
            "({status}, {code:?}, {message:?}, {id})"
        );
    }
}

/// An answer whose headers were not given is never judged not to come from
/// COS.
#[test]
fn a_body_alone_is_never_judged() {
    for body in [xml("InternalError", "m"), Vec::new(), b"garbage".to_vec()] {
        let rec = ErrorRecord::from_response(&coserr::Response {
            status: 0,
            method: b"",
            url: b"",
            headers: &(),
            body: &body,
        });
        assert!(!rec.flags().contains(Flags::NOT_FROM_COS), "{rec:?}");
        // Nor is a status without its headers: rule 1 needs them too.
        let no_headers = ErrorRecord::from_response(&coserr::Response {
            status: 503,
            method: b"GET",
            url: b"",
            headers: &(),
            body: &body,
        });
        assert!(!no_headers.flags().contains(Flags::NOT_FROM_COS));
        assert_eq!(no_headers.retry(), Retry::Transient, "{no_headers:?}");
        // The same answer with an empty header list is judged.
        let judged = record(0, "", "", &[], &body);
        assert!(judged.flags().contains(Flags::NOT_FROM_COS), "{judged:?}");
    }
}

/// `Location` and `x-cos-bucket-region` for every answer: any case, the
/// first non-empty one of its name (an empty one is none, as for the ids), cut to
/// capacity at a character boundary, marked as from a header.
#[test]
fn location_and_region_come_from_their_headers() {
    let long = format!("https://b.cos.ap-x.myqcloud.com/{}", "页".repeat(400));
    let headers = [
        ("location", long.as_str()),
        ("Location", "https://second"),
        ("X-Cos-Bucket-Region", "ap-guangzhou"),
    ];
    for status in [200, 301, 404, 503] {
        let rec = record(status, "GET", "", &headers, b"");
        let loc = rec.get(Field::Location);
        assert!(rec.has(Field::Location) && rec.from_header().contains(Field::Location));
        assert!(rec.truncated().contains(Field::Location), "{status}");
        assert!(
            long.starts_with(loc) && loc.len() > capacity::LOCATION - 3,
            "{status}: {loc}"
        );
        assert_eq!(rec.location(), Some(loc));
        assert_eq!(rec.region(), Some("ap-guangzhou"));
        assert!(rec.from_header().contains(Field::Region));
        assert!(!rec.truncated().contains(Field::Region));
        if status < 400 {
            assert_eq!(rec.kind(), Kind::None);
        }
    }
    let none = record(301, "GET", "", &[("x-cos-request-id", "r")], b"");
    assert_eq!((none.location(), none.region()), (None, None));
    let empty = record(
        301,
        "GET",
        "",
        &[("Location", ""), ("location", "/later")],
        b"",
    );
    assert_eq!(empty.location(), Some("/later"));
    let only_empty = record(301, "GET", "", &[("Location", "")], b"");
    assert_eq!(only_empty.location(), None);
    assert!(!none.has(Field::Location) && none.from_header().is_empty());
    // A body never carries them.
    let body = b"<Error><Code>C</Code><Location>x</Location><Region>y</Region></Error>";
    let rec = record(404, "GET", "", &[], body);
    assert_eq!((rec.location(), rec.region()), (None, None));
    let extras: Vec<String> = coserr::parse_body(body)
        .extras()
        .map(|e| e.name.to_string())
        .collect();
    assert_eq!(extras, ["Location", "Region"]);
}
