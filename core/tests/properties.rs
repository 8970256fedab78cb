//! Seeded property test of the response layer (the decision table of
//! docs/semantics.md) on random
//! responses: random status (the interesting ones, 0 and random values),
//! method, URL, headers (random name case, random ids, duplicates, sometimes
//! none), and body (a shared sample, a mutated sample, a generated error
//! document with awkward values, random bytes, empty).
//!
//! The body verdict and the body's own field values are taken from
//! `parse_body` (checked against roxmltree / serde_json elsewhere); the rest
//! is recomputed from the table's rules (here, and the kind table by the fuzz
//! oracle's `expected_kind`) and compared with the record:
//! kind, every field with its present / from-header / truncated bits, the
//! flags, code id, category, the retry class (the five rules), the display line (which must
//! carry the request id whenever one was anywhere) and the JSON digest.
//!
//! `COSERR_PROP_CASES=n` and `COSERR_PROP_SEED=s` change the run. Failures
//! are grouped by the property broken; each group shows its first input.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use coserr::{
    BodyStatus, CodeId, ErrorRecord, Field, FieldSet, Flags, Header, Kind, Response, Retry,
    capacity, category, parse_body,
};

// The kind table and the retry rules, as the fuzz targets check them.
use coserr_testkit::oracle::{expected_kind, expected_retry};
use coserr_testkit::response_gen::{
    ERROR_CODE_HEADER, Gen, Input, REQUEST_ID_HEADERS, TRACE_ID_HEADER, random_input,
};
use coserr_testkit::rng::Rng;
use coserr_testkit::text::{cut, display_escape};

// ---------------------------------------------------------------- the oracle

/// The expected value of one field and whether it came from a header.
#[derive(Debug, Clone, PartialEq)]
struct Want {
    value: Option<String>, // None: absent
    from_header: bool,
    /// Left unspecified by the rules in this case: not checked.
    unchecked: bool,
}

fn from_body(v: &Option<String>) -> Want {
    Want {
        value: v.clone(),
        from_header: false,
        unchecked: false,
    }
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Body value if present and non-empty, else the header's, else the body's state.
fn fallback(body: &Option<String>, header: Option<&[u8]>) -> Want {
    match (body, header) {
        (Some(v), _) if !v.is_empty() => from_body(body),
        (_, Some(h)) => Want {
            value: Some(lossy(h)),
            from_header: true,
            unchecked: false,
        },
        _ => from_body(body),
    }
}

struct Failures {
    groups: BTreeMap<&'static str, (usize, String)>,
}

impl Failures {
    fn add(&mut self, what: &'static str, input: &Input, detail: String) {
        let e = self.groups.entry(what).or_insert((0, String::new()));
        e.0 += 1;
        if e.0 == 1 {
            e.1 = format!("{detail}\n      input: {}", input.short());
        }
    }
}

fn check(input: &Input, fails: &mut Failures) {
    let headers: Vec<Header<'_>> = input
        .headers
        .iter()
        .map(|(n, v)| Header { name: n, value: v })
        .collect();
    let resp = Response {
        status: input.status,
        method: input.method.as_bytes(),
        url: &input.url,
        headers: &headers[..],
        body: &input.body,
    };
    let rec = match catch_unwind(AssertUnwindSafe(|| ErrorRecord::from_response(&resp))) {
        Ok(rec) => rec,
        Err(_) => {
            fails.add("from_response panicked", input, String::new());
            return;
        }
    };
    let body = parse_body(&input.body);
    let body_fields: [Option<String>; 8] = Field::ALL.map(|f| body.field(f).map(|v| v.to_string()));

    macro_rules! prop {
        ($name:expr, $ok:expr, $($detail:tt)*) => {
            if !$ok {
                fails.add($name, input, format!($($detail)*));
            }
        };
    }

    // ---- kind
    // An empty x-cos-error-code carries no code: the same rule as the ids.
    let code_header = input.header_value(ERROR_CODE_HEADER);
    let kind = expected_kind(
        input.status,
        body.status(),
        body.format(),
        code_header.is_some(),
    );
    prop!(
        "kind follows the decision table",
        rec.kind() == kind,
        "want {kind:?}, got {:?} (body {:?} {:?})",
        rec.kind(),
        body.status(),
        body.format()
    );
    prop!(
        "status is kept",
        rec.status() == input.status,
        "got {}",
        rec.status()
    );
    prop!(
        "body status is the parser's",
        rec.body_status() == body.status()
            && rec.body_format() == body.format()
            && rec.body_error() == body.error(),
        "record {:?}",
        rec.body_status()
    );
    prop!(
        "PARTIAL iff the body is partial",
        rec.flags().contains(Flags::PARTIAL) == body.is_partial(),
        "flags {:?}, partial {}",
        rec.flags(),
        body.is_partial()
    );

    // ---- structural invariants, whatever the case
    prop!(
        "from_header within present",
        rec.from_header().0 & !rec.present().0 == 0,
        "{:?} {:?}",
        rec.from_header(),
        rec.present()
    );
    prop!(
        "truncated within present",
        rec.truncated().0 & !rec.present().0 == 0,
        "{:?} {:?}",
        rec.truncated(),
        rec.present()
    );
    prop!(
        "no unknown field bits",
        (rec.present().0 | rec.from_header().0 | rec.truncated().0) < 256,
        ""
    );
    prop!(
        "no unknown flags",
        rec.flags().0
            & !(Flags::PARTIAL | Flags::IDS_DISAGREE | Flags::SERVER_CLOCK | Flags::NOT_FROM_COS)
            == 0,
        "{:?}",
        rec.flags()
    );
    for f in Field::ALL {
        let s = rec.get(f);
        prop!(
            "absent fields are empty",
            rec.has(f) || s.is_empty(),
            "{} = {s:?}",
            f.xml_name()
        );
        prop!(
            "strings within capacity",
            s.len() <= capacity::of(f),
            "{} is {} bytes",
            f.xml_name(),
            s.len()
        );
        if rec.truncated().contains(f) {
            prop!(
                "a truncated value is full to within one char",
                s.len() + 4 > capacity::of(f),
                "{} {} bytes",
                f.xml_name(),
                s.len()
            );
        }
    }

    // ---- field by field
    let mut want: [Want; 8] = Field::ALL.map(|f| from_body(&body_fields[f as usize]));
    // The two header fields, for every answer.
    for (f, name) in [
        (Field::Location, "location"),
        (Field::Region, "x-cos-bucket-region"),
    ] {
        if let Some(v) = input.header_value(name) {
            want[f as usize] = Want {
                value: Some(lossy(v)),
                from_header: true,
                unchecked: false,
            };
        }
    }
    if kind != Kind::None {
        let head_404_empty = input.status == 404
            && input.method.eq_ignore_ascii_case("HEAD")
            && body.status() == BodyStatus::Empty;
        if kind == Kind::Client {
            want[Field::Message as usize] = Want {
                value: Some(lossy(&input.body)),
                from_header: false,
                unchecked: false,
            };
        }
        if let Some(code) = code_header {
            // Row 3: the code from the header; message from the body's
            // message, or else the body text.
            want[Field::Code as usize] = Want {
                value: Some(lossy(code)),
                from_header: true,
                unchecked: false,
            };
            let m = &body_fields[Field::Message as usize];
            if m.as_deref().is_none_or(str::is_empty) && !input.body.is_empty() {
                want[Field::Message as usize] = Want {
                    value: Some(lossy(&input.body)),
                    from_header: false,
                    unchecked: false,
                };
            }
            if head_404_empty {
                // Row 3 comes first; the message for an empty body is not
                // specified by the rules (the code is).
                want[Field::Message as usize].unchecked = true;
            }
        } else if head_404_empty {
            want[Field::Code as usize] = Want {
                value: Some(coserr::HEAD_NOT_FOUND_CODE.into()),
                from_header: false,
                unchecked: false,
            };
            want[Field::Message as usize] = Want {
                value: Some(coserr::HEAD_NOT_FOUND_MESSAGE.into()),
                from_header: false,
                unchecked: false,
            };
        }
        let rid_header = REQUEST_ID_HEADERS
            .iter()
            .find_map(|h| input.header_value(h));
        want[Field::RequestId as usize] =
            fallback(&body_fields[Field::RequestId as usize], rid_header);
        let trace_header = input.header_value(TRACE_ID_HEADER);
        want[Field::TraceId as usize] =
            fallback(&body_fields[Field::TraceId as usize], trace_header);
        let url = Some(input.url.as_slice()).filter(|u| !u.is_empty());
        want[Field::Resource as usize] = fallback(&body_fields[Field::Resource as usize], url);

        // IDS_DISAGREE: both have a value and they differ (a body value cut
        // to capacity agrees with a header it is a prefix of).
        let differs = |f: Field, header: Option<&[u8]>| -> bool {
            let (Some(b), Some(h)) = (&body_fields[f as usize], header) else {
                return false;
            };
            if b.is_empty() {
                return false;
            }
            let kept = cut(b, capacity::of(f));
            if kept.len() < b.len() {
                !h.starts_with(kept.as_bytes())
            } else {
                h != b.as_bytes()
            }
        };
        let disagree =
            differs(Field::RequestId, rid_header) || differs(Field::TraceId, trace_header);
        prop!(
            "IDS_DISAGREE iff body and header ids differ",
            rec.flags().contains(Flags::IDS_DISAGREE) == disagree,
            "want {disagree}, flags {:?}, request_id {:?}/{:?}, trace_id {:?}/{:?}",
            rec.flags(),
            body_fields[Field::RequestId as usize],
            rid_header.map(lossy),
            body_fields[Field::TraceId as usize],
            trace_header.map(lossy)
        );
    } else {
        prop!(
            "none: nothing from headers but the two header fields",
            rec.from_header().0 & !(Field::Location.bit() | Field::Region.bit()) == 0,
            "{:?}",
            rec.from_header()
        );
        prop!(
            "none: no disagreement",
            !rec.flags().contains(Flags::IDS_DISAGREE),
            ""
        );
    }
    for f in Field::ALL {
        let w = &want[f as usize];
        if w.unchecked {
            continue;
        }
        let cap = capacity::of(f);
        let got = rec.has(f).then(|| rec.get(f).to_string());
        let want_v = w.value.as_deref().map(|v| cut(v, cap).to_string());
        let name: &'static str = match f {
            Field::Code => "Code value",
            Field::Message => "Message value",
            Field::Resource => "Resource value",
            Field::RequestId => "RequestId value",
            Field::TraceId => "TraceId value",
            Field::ServerTime => "ServerTime value",
            Field::Location => "Location value",
            Field::Region => "Region value",
        };
        prop!(name, got == want_v, "want {want_v:?}, got {got:?}");
        prop!(
            "from_header bit matches the source",
            rec.from_header().contains(f) == w.from_header,
            "{}: want {}, got {:?}",
            f.xml_name(),
            w.from_header,
            rec.from_header()
        );
        let long = w.value.as_ref().is_some_and(|v| v.len() > cap);
        prop!(
            "truncated bit iff the value did not fit",
            rec.truncated().contains(f) == long,
            "{}: {:?}",
            f.xml_name(),
            rec.truncated()
        );
    }

    // ---- derived
    let code = rec.get(Field::Code);
    if kind == Kind::None {
        prop!(
            "none: nothing derived",
            rec.code_id() == CodeId::Unknown
                && rec.category() == coserr::Category::Other
                && !rec.retryable(),
            "{:?} {:?} {}",
            rec.code_id(),
            rec.category(),
            rec.retryable()
        );
    } else {
        prop!(
            "code_id is the table's",
            rec.code_id() == CodeId::from_code(code),
            "{code:?} → {:?}",
            rec.code_id()
        );
        prop!(
            "known code ids spell the code",
            !rec.code_id().is_known() || rec.code_id().as_str() == code,
            "{:?}",
            rec.code_id()
        );
        prop!(
            "category is category(status, code)",
            rec.category() == category(rec.status(), code),
            "{:?}",
            rec.category()
        );
    }
    let retry = expected_retry(&resp, &body, &rec);
    prop!(
        "retry: the first of the five rules that holds",
        rec.retry() == retry,
        "want {retry:?}, got {:?} for {} {code:?}",
        rec.retry(),
        input.status
    );
    prop!(
        "retryable: exactly transient and throttle",
        rec.retryable() == matches!(retry, Retry::Transient | Retry::Throttle),
        "{retry:?} {}",
        rec.retryable()
    );

    // ---- display line
    let line = rec.to_string();
    prop!(
        "display is one line",
        !line.contains('\n') && !line.contains('\r'),
        "{line:?}"
    );
    let label = match rec.kind() {
        Kind::Service => "CosServiceError",
        Kind::Client => "CosClientError",
        Kind::None => "NotAnError",
    };
    prop!(
        "display starts with the kind",
        line.starts_with(label),
        "{line:?}"
    );
    prop!(
        "display carries the status",
        line.contains(&format!("status={}", rec.status())),
        "{line:?}"
    );
    for (key, f) in [
        ("code", Field::Code),
        ("message", Field::Message),
        ("request_id", Field::RequestId),
        ("trace_id", Field::TraceId),
    ] {
        let part = match rec.has(f) {
            true => format!(" {key}=\"{}\"", display_escape(rec.get(f))),
            false => format!(" {key}=-"),
        };
        prop!(
            "display carries code, message, request id, trace id (escaped)",
            line.contains(&part),
            "{part:?} not in {line:?}"
        );
    }
    if kind != Kind::None {
        let body_rid = body_fields[Field::RequestId as usize]
            .as_deref()
            .is_some_and(|v| !v.is_empty());
        let header_rid = REQUEST_ID_HEADERS
            .iter()
            .any(|h| input.header_value(h).is_some());
        if body_rid || header_rid {
            let rid = rec.get(Field::RequestId);
            prop!(
                "a request id present anywhere is in the display line",
                !rid.is_empty()
                    && line.contains(&format!("request_id=\"{}\"", display_escape(rid))),
                "request_id {rid:?}, line {line:?}"
            );
        }
    }

    // ---- JSON digest
    let json = rec.digest().to_string();
    match serde_json::from_str::<serde_json::Value>(&json) {
        Err(e) => fails.add("digest parses as JSON", input, format!("{e}: {json}")),
        Ok(v) => {
            for (key, f) in [
                ("code", Field::Code),
                ("message", Field::Message),
                ("resource", Field::Resource),
                ("requestid", Field::RequestId),
                ("traceid", Field::TraceId),
            ] {
                let want = match rec.has(f) {
                    true => serde_json::Value::String(rec.get(f).to_string()),
                    false => serde_json::Value::Null,
                };
                prop!(
                    "digest values are the record's (null when absent)",
                    v.get(key) == Some(&want),
                    "{key}: {:?} vs {want:?}",
                    v.get(key)
                );
            }
            prop!(
                "digest status and kind",
                v["status"].as_u64() == Some(u64::from(rec.status()))
                    && v["kind"] == rec.kind().name(),
                "{json}"
            );
        }
    }
}

fn run(default_cases: usize, g: Gen) {
    let cases: usize = std::env::var("COSERR_PROP_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default_cases);
    let seed: u64 = std::env::var("COSERR_PROP_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0xC05E_2424);
    let samples = coserr_testkit::samples::all_bodies();
    let mut r = Rng::new(seed);
    let mut fails = Failures {
        groups: BTreeMap::new(),
    };
    let mut kinds = [0usize; 3];
    for _ in 0..cases {
        let input = random_input(&mut r, &samples, g);
        check(&input, &mut fails);
        let rec = ErrorRecord::from_response(&Response {
            status: input.status,
            method: input.method.as_bytes(),
            url: &input.url,
            headers: &(),
            body: &input.body,
        });
        kinds[rec.kind() as usize] += 1;
    }
    // The generator reaches every kind, plenty of times.
    assert!(
        kinds.iter().all(|&k| k > cases / 20),
        "kinds (none, service, client): {kinds:?}"
    );
    if !fails.groups.is_empty() {
        let mut msg = format!("seed {seed}, {cases} cases; properties broken:\n");
        for (what, (n, first)) in &fails.groups {
            msg.push_str(&format!("  - {what}: {n} cases; first: {first}\n"));
        }
        panic!("{msg}");
    }
}

#[test]
fn random_responses_give_consistent_records() {
    run(6_000, Gen { edgy: false });
}

/// The same properties on inputs that often have an empty id header
/// (`x-cos-request-id:` with no value, in front of a good `x-ci-request-id`)
/// or are a body-less HEAD 404 carrying `x-cos-error-code`. The rules: the
/// request id must never be lost, an empty value never wipes out a real
/// one, and the x-cos-error-code row of the table comes before the EMPTY row.
#[test]
fn empty_headers_and_head_404_with_code_header() {
    run(2_000, Gen { edgy: true });
}

/// FieldSet is a plain bit mask: the record's masks are the C ABI's.
#[test]
fn field_bits_are_the_abi_masks() {
    let mut s = FieldSet::EMPTY;
    for (i, f) in Field::ALL.into_iter().enumerate() {
        assert_eq!(f.bit(), 1 << i);
        s.insert(f);
    }
    assert_eq!(s.0, 0b1111_1111);
}
