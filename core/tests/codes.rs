//! The COS error-code table, `category` and `retryable`, checked against
//! `../shared/cos/error_codes.tsv` itself.

use coserr::{Category, CodeId, Retry, category, retry};
use coserr_testkit::samples;
use std::collections::{BTreeMap, BTreeSet};

struct Row {
    line: usize,
    status: u16,
    code: &'static str,
    meaning: &'static str,
}

fn rows() -> Vec<Row> {
    // Read once and kept: the rows borrow from it for the whole test.
    let tsv = String::from_utf8(samples::read_shared("error_codes.tsv")).expect("UTF-8");
    let mut lines = String::leak(tsv).lines().enumerate();
    let (_, header) = lines.next().expect("the TSV has a header");
    assert_eq!(header, "status\tcode\tmeaning");
    let rows: Vec<Row> = lines
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 3, "line {}: {l:?}", i + 1);
            Row {
                line: i + 1,
                status: cols[0].parse().expect("numeric status"),
                code: cols[1],
                meaning: cols[2],
            }
        })
        .collect();
    assert!(rows.len() > 100, "only {} rows", rows.len());
    rows
}

/// Distinct codes in order of first appearance.
fn distinct_codes(rows: &[Row]) -> Vec<&'static str> {
    let mut seen = BTreeSet::new();
    rows.iter()
        .filter(|r| seen.insert(r.code))
        .map(|r| r.code)
        .collect()
}

#[test]
fn every_row_is_a_known_code() {
    for r in rows() {
        let id = CodeId::from_code(r.code);
        assert_ne!(id, CodeId::Unknown, "line {}: {:?}", r.line, r.code);
        assert!(id.is_known());
        assert_eq!(id.as_str(), r.code, "line {}", r.line);
        assert!(
            id.statuses().contains(&r.status),
            "line {}: {:?} statuses {:?} lack {}",
            r.line,
            r.code,
            id.statuses(),
            r.status
        );
        assert!(id.meaning().contains(r.meaning), "line {}", r.line);
    }
}

#[test]
fn ids_follow_first_appearance_and_are_unique() {
    let rows = rows();
    let codes = distinct_codes(&rows);
    assert_eq!(CodeId::COUNT, codes.len());
    assert_eq!(CodeId::ALL.len(), CodeId::COUNT);
    for (i, code) in codes.iter().enumerate() {
        let id = CodeId::from_code(code);
        assert_eq!(id.as_u32() as usize, i + 1, "{code:?}");
        assert_eq!(CodeId::ALL[i], id);
    }
    let ids: BTreeSet<u32> = CodeId::ALL.iter().map(|id| id.as_u32()).collect();
    assert_eq!(ids.len(), CodeId::COUNT);
    assert!(!ids.contains(&0));
    let texts: BTreeSet<&str> = CodeId::ALL.iter().map(|id| id.as_str()).collect();
    assert_eq!(texts.len(), CodeId::COUNT);
    // Statuses: exactly the rows' statuses, ascending, no repeats.
    let mut by_code: BTreeMap<&str, BTreeSet<u16>> = BTreeMap::new();
    for r in &rows {
        by_code.entry(r.code).or_default().insert(r.status);
    }
    for id in CodeId::ALL {
        let want: Vec<u16> = by_code[id.as_str()].iter().copied().collect();
        assert_eq!(id.statuses(), want.as_slice(), "{id:?}");
    }
}

#[test]
fn from_u32_round_trips() {
    assert_eq!(CodeId::from_u32(0), Some(CodeId::Unknown));
    for id in CodeId::ALL {
        assert_eq!(CodeId::from_u32(id.as_u32()), Some(id));
        assert_eq!(CodeId::from_code(id.as_str()), id);
    }
    let max = u32::try_from(CodeId::COUNT).unwrap();
    assert!(CodeId::from_u32(max).is_some());
    for bad in [max + 1, max + 2, 1000, u32::MAX - 1, u32::MAX] {
        assert_eq!(CodeId::from_u32(bad), None, "{bad}");
    }
}

#[test]
fn unknown_id() {
    let u = CodeId::Unknown;
    assert_eq!(u.as_u32(), 0);
    assert!(!u.is_known());
    assert_eq!(u.as_str(), "");
    assert_eq!(u.statuses(), &[] as &[u16]);
    assert_eq!(u.meaning(), "");
    assert_eq!(CodeId::default(), u);
    assert_eq!(CodeId::from_code(u.as_str()), u);
}

#[test]
fn misspellings_and_spaces_are_codes_of_their_own() {
    let bad = CodeId::from_code("BadRequest");
    let rquest = CodeId::from_code("BadRquest");
    assert!(bad.is_known() && rquest.is_known());
    assert_ne!(bad, rquest);
    assert_eq!(bad, CodeId::BadRequest);
    assert_eq!(rquest, CodeId::BadRquest);
    assert_ne!(
        CodeId::from_code("InvaildAccessKeyId"),
        CodeId::from_code("InvalidAccessKeyId")
    );
    assert!(CodeId::from_code("QuotaOperationConfilct").is_known());

    let expired = CodeId::from_code("Request has expired");
    assert_eq!(expired, CodeId::RequestHasExpired);
    assert_eq!(expired.as_str(), "Request has expired");
    assert_eq!(expired.statuses(), &[403]);
    for near in [
        "RequestHasExpired",
        "Request has  expired",
        "Request has expired ",
        " Request has expired",
        "request has expired",
        "Request\thas\texpired",
        "Request_has_expired",
    ] {
        assert_eq!(CodeId::from_code(near), CodeId::Unknown, "{near:?}");
    }

    assert_eq!(CodeId::TemporaryRedirect.statuses(), &[302, 307]);
    assert_eq!(CodeId::ExpiredToken.statuses(), &[400, 403]);
    assert!(CodeId::NoSuchUpload.meaning().contains("404: "));
}

#[test]
fn unknown_texts() {
    let long_a = "A".repeat(1000);
    let long_key = format!("NoSuchKey{}", "x".repeat(991));
    let long_ws = " ".repeat(1000);
    let cases: Vec<&str> = vec![
        "",
        "nosuchkey",
        "NOSUCHKEY",
        "noSuchKey",
        "NoSuchkey",
        "NoSuchKe",
        "NoSuchKeyy",
        " NoSuchKey",
        "NoSuchKey ",
        "NoSuchKey\n",
        "NoSuchKey\0",
        "\u{feff}NoSuchKey",
        "NoSuchKéy",
        "<Code>NoSuchKey</Code>",
        "\"NoSuchKey\"",
        "Unknown",
        "UNKNOWN",
        "0",
        "404",
        "MatadataTooLarge",
        "\u{fffd}",
        "\0",
        &long_a,
        &long_key,
        &long_ws,
    ];
    for c in cases {
        assert_eq!(CodeId::from_code(c), CodeId::Unknown, "{c:?}");
    }
}

#[test]
fn near_misses_of_every_code_are_unknown() {
    let known: BTreeSet<&str> = CodeId::ALL.iter().map(|id| id.as_str()).collect();
    let expect = |s: &str| {
        if known.contains(s) {
            assert_eq!(CodeId::from_code(s).as_str(), s);
        } else {
            assert_eq!(CodeId::from_code(s), CodeId::Unknown, "{s:?}");
        }
    };
    for id in CodeId::ALL {
        let code = id.as_str();
        for (i, _) in code.char_indices().skip(1) {
            expect(&code[..i]);
            expect(&code[i..]);
        }
        expect(&code.to_lowercase());
        expect(&code.to_uppercase());
        expect(&format!("{code}s"));
        expect(&format!("x{code}"));
        // One byte changed at every position.
        for i in 0..code.len() {
            let mut b = code.as_bytes().to_vec();
            b[i] ^= 0x01;
            if let Ok(s) = std::str::from_utf8(&b) {
                expect(s);
            }
        }
    }
}

/// The committed `codes_table.rs` is what `tools/gen_codes.py` makes of the TSV.
#[test]
fn generated_table_is_current() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let script = format!("{root}/tools/gen_codes.py");
    let out = match std::process::Command::new("python3")
        .arg(&script)
        .arg("--check")
        .current_dir(root)
        .output()
    {
        Ok(out) => out,
        Err(e) => panic!(
            "cannot run `python3 {script} --check` ({e}); python3 is needed to check that \
             core/src/codes_table.rs matches ../shared/cos/error_codes.tsv"
        ),
    };
    assert!(
        out.status.success(),
        "core/src/codes_table.rs is stale or the generator failed; run `python3 tools/gen_codes.py`\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn category_cases() {
    use Category::*;
    let cases: &[(u32, &str, Category)] = &[
        (404, "NoSuchKey", NotFound),
        (404, "NoSuchBucket", NotFound),
        (404, "", NotFound),
        (404, "NoSuchResource", NotFound),
        (404, "NotFound", NotFound),
        (404, "NotFoundException", NotFound),
        (404, "ReplicationConfigurationNotFoundError", NotFound),
        (400, "NoSuchUpload", NotFound),
        (400, "NoLifecycle", NotFound),
        (0, "NoSuchKey", NotFound),
        (200, "NoSuchUpload", NotFound),
        (0, "NoSuchFutureThing", NotFound),
        (0, "ResourceNotFound.Bucket", NotFound),
        (0, "SomethingNotFound", NotFound),
        (403, "AccessDenied", AccessAuth),
        (403, "AccessDeniedException", AccessAuth),
        (403, "SignatureDoesNotMatch", AccessAuth),
        (403, "InvalidAccessKeyId", AccessAuth),
        (403, "InvaildAccessKeyId", AccessAuth),
        (403, "Request has expired", AccessAuth),
        (403, "RequestTimeTooSkewed", AccessAuth),
        (403, "NoProcessAuthority", AccessAuth),
        (400, "ExpiredToken", AccessAuth),
        (403, "ExpiredToken", AccessAuth),
        (401, "", AccessAuth),
        (402, "PaymentRequired", AccessAuth),
        (451, "DomainAuditFailed", AccessAuth),
        (200, "AuthFailure.SignatureExpire", AccessAuth),
        (0, "AccessDenied", AccessAuth),
        (409, "BucketAlreadyExists", Conflict),
        (409, "BucketAlreadyOwnedByYou", Conflict),
        (409, "BucketNotEmpty", Conflict),
        (409, "SomethingElse", Conflict),
        (400, "ObjectNotAppendable", Conflict),
        (400, "AppendPositionErr", Conflict),
        (403, "InvalidObjectState", Conflict),
        (409, "InvalidObjectState", Conflict),
        (400, "LoggingConfExists", Conflict),
        (0, "RestoreAlreadyInProgress", Conflict),
        (412, "PreconditionFailed", Precondition),
        (412, "", Precondition),
        (304, "NotModified", Precondition),
        (304, "", Precondition),
        (503, "SlowDown", Throttled),
        (200, "SlowDown", Throttled),
        (429, "TooManyRequestsException", Throttled),
        (429, "SomethingElse", Throttled),
        (503, "KmsFreqControl", Throttled),
        (503, "", Throttled),
        (200, "RequestLimitExceeded", Throttled),
        (400, "BadRquest", InvalidRequest),
        (400, "BadRequest", InvalidRequest),
        (400, "MalformedXML", InvalidRequest),
        (400, "InvalidArgument", InvalidRequest),
        (400, "NotifyRuleEventConflict", InvalidRequest),
        (400, "KmsKeyNotExist", InvalidRequest),
        (400, "KmsNotFoundException", InvalidRequest),
        (400, "KmsInvalidStateException", InvalidRequest),
        (400, "RequestTimeout", InvalidRequest),
        (400, "", InvalidRequest),
        (405, "MethodNotAllowed", InvalidRequest),
        (411, "MissingContentLength", InvalidRequest),
        (416, "InvalidRange", InvalidRequest),
        (402, "ServiceQuotaExceededException", AccessAuth),
        (0, "BadRquest", InvalidRequest),
        (0, "InvalidSomethingNew", InvalidRequest),
        (200, "InvalidParameter.Bucket", InvalidRequest),
        (500, "InternalError", Server),
        (200, "InternalError", Server),
        (0, "InternalError", Server),
        (503, "ServiceUnavailable", Server),
        (503, "ServiceUnavailableException", Server),
        (500, "KmsInternalException", Server),
        (500, "", Server),
        (502, "", Server),
        (501, "NotImplemented", Server),
        (200, "InternalError.DbError", Server),
        (301, "PermanentRedirect", Redirect),
        (302, "TemporaryRedirect", Redirect),
        (307, "TemporaryRedirect", Redirect),
        (307, "", Redirect),
        (0, "PermanentRedirect", Redirect),
        (0, "", Other),
        (200, "", Other),
        (200, "SomethingElse", Other),
        (0, "FailedOperation", Other),
        (600, "", Other),
        (u32::MAX, "", Other),
        (100, "", Other),
    ];
    for &(status, code, want) in cases {
        assert_eq!(category(status, code), want, "({status}, {code:?})");
    }
}

#[test]
fn retry_cases_with_a_request_id() {
    use Retry::*;
    // With a request id and no message: rules 3 to 5.
    let cases: &[(u32, &str, Retry)] = &[
        (500, "InternalError", Transient),
        (500, "", Transient),
        (502, "", Transient),
        (503, "SlowDown", Throttle),
        (503, "", Transient),
        (501, "NotImplemented", Transient),
        (599, "AnythingAtAll", Transient),
        (500, "NoSuchKey", Transient),
        (200, "InternalError", Transient),
        (200, "SlowDown", Throttle),
        (200, "ServiceUnavailable", Transient),
        (200, "RequestTimeout", Transient),
        (0, "SlowDown", Throttle),
        (400, "RequestTimeout", Transient),
        (403, "SlowDown", Throttle),
        (429, "SlowDown", Throttle),
        (429, "SomethingElse", Throttle),
        (429, "TooManyRequestsException", Throttle),
        (429, "", Throttle),
        (400, "BadRequest", None),
        (403, "AccessDenied", None),
        (404, "NoSuchKey", None),
        (409, "OperationAborted", None),
        (400, "UserNetworkTooSlow", None),
        (200, "", None),
        (0, "", None),
        (600, "", None),
        (499, "", None),
        (200, "slowdown", None),
        (200, "InternalError.DbError", None),
        (200, " SlowDown", None),
        (u32::MAX, "", None),
    ];
    for &(status, code, want) in cases {
        assert_eq!(retry(status, code, "", true), want, "({status}, {code:?})");
    }
}

/// The category a COS user expects for each row, from its status, and the
/// codes whose status is not the whole story.
fn expected_category(status: u16, code: &str) -> Category {
    use Category::*;
    match code {
        "NotModified" => return Precondition,
        // Legacy 400 forms of 404 codes, and a legacy not-found code.
        "NoSuchUpload" | "NoSuchVersion" | "NoLifecycle" => return NotFound,
        // Token expiry is an authentication failure, 400 or 403.
        "ExpiredToken" => return AccessAuth,
        // The object's or bucket's state (legacy 400 forms of 409 codes; an
        // archived object, 403).
        "ObjectNotAppendable" | "AppendPositionErr" | "InvalidObjectState" => return Conflict,
        // "Logging configuration already exists" (400).
        "LoggingConfExists" => return Conflict,
        // 503 codes that say what they are.
        "ServiceUnavailable" | "ServiceUnavailableException" => return Server,
        _ => {}
    }
    match status {
        301 | 302 | 307 => Redirect,
        400 | 405 | 411 | 416 => InvalidRequest,
        402 | 403 | 451 => AccessAuth,
        404 => NotFound,
        409 => Conflict,
        412 => Precondition,
        429 | 503 => Throttled,
        500 | 501 => Server,
        s => panic!("no expectation for status {s} ({code})"),
    }
}

#[test]
fn every_row_has_the_expected_category() {
    for r in rows() {
        let want = expected_category(r.status, r.code);
        assert_ne!(want, Category::Other);
        let status = u32::from(r.status);
        assert_eq!(
            category(status, r.code),
            want,
            "line {}: ({}, {:?}) {}",
            r.line,
            r.status,
            r.code,
            r.meaning
        );
        // Without a usable status (parse_body alone, or an error inside a 200)
        // a known code gets the same category.
        assert_eq!(
            category(0, r.code),
            want,
            "line {}: (0, {:?})",
            r.line,
            r.code
        );
        assert_eq!(
            category(200, r.code),
            want,
            "line {}: (200, {:?})",
            r.line,
            r.code
        );
    }
}

/// The retry class of every row of the code table, answered by COS (with
/// a request id) with its documented status: the clock-skew code, then the
/// throttling codes (each named here) and 429, then 5xx and the three
/// transient codes.
#[test]
fn every_row_has_the_retry_class_as_designed() {
    let throttling = [
        "SlowDown",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "ReqFreqControl",
    ];
    for r in rows() {
        let throttle = throttling.contains(&r.code)
            || r.code.contains("Throttl")
            || r.code.starts_with("TooManyRequests")
            || r.code.ends_with("FreqControl");
        let want = if r.code == "RequestTimeTooSkewed" {
            Retry::ClockSkew
        } else if r.status == 429 || throttle {
            Retry::Throttle
        } else if r.status >= 500
            || matches!(
                r.code,
                "RequestTimeout" | "InternalError" | "ServiceUnavailable"
            )
        {
            Retry::Transient
        } else {
            Retry::None
        };
        assert_eq!(
            retry(u32::from(r.status), r.code, "", true),
            want,
            "line {}: ({}, {:?})",
            r.line,
            r.status,
            r.code
        );
    }
}

#[test]
fn category_names_and_numbers() {
    let names: BTreeSet<&str> = Category::ALL.iter().map(|c| c.name()).collect();
    assert_eq!(names.len(), Category::ALL.len());
    for (i, c) in Category::ALL.iter().enumerate() {
        assert_eq!(c.as_u32() as usize, i);
        assert_eq!(Category::from_u32(c.as_u32()), Some(*c));
        assert_eq!(c.to_string(), c.name());
        assert!(
            c.name()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-')
        );
    }
    assert_eq!(Category::from_u32(9), None);
    assert_eq!(Category::from_u32(u32::MAX), None);
    assert_eq!(Category::default(), Category::Other);
    assert_eq!(Category::NotFound.name(), "not-found");
    assert_eq!(Category::AccessAuth.name(), "access-auth");
    assert_eq!(Category::InvalidRequest.name(), "invalid-request");
}

/// Total functions: no panic on odd statuses and codes.
#[test]
fn no_panics_on_odd_input() {
    let long = "Z".repeat(100_000);
    let codes = [
        "",
        "N",
        "No",
        "NoS",
        "Nó",
        "\u{10ffff}",
        "\0\0\0",
        "Request has expired",
        long.as_str(),
    ];
    let statuses = [
        0,
        1,
        99,
        199,
        200,
        299,
        300,
        399,
        400,
        499,
        500,
        599,
        600,
        999,
        65_535,
        u32::MAX,
    ];
    for c in codes {
        for s in statuses {
            let _ = category(s, c);
            let _ = retry(s, c, c, false);
        }
        let _ = CodeId::from_code(c);
    }
    for s in 0..=1000 {
        let _ = category(s, "");
        let _ = retry(s, "", "", true);
    }
}
