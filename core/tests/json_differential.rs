//! Differential test of the JSON scanner against serde_json (the reference).
//!
//! A seeded generator writes COS/Tencent-Cloud-like JSON error bodies (field
//! keys in many spellings, nested `error`/`response` objects, duplicates,
//! escapes, surrogates, numbers of all shapes, junk, deep nesting), then some
//! are mutated at the byte level or truncated. For every document:
//!
//! - the verdict must equal `serde_json::from_slice::<serde_json::Value>`;
//! - when accepted, each field must equal what an independent oracle finds:
//!   serde_json parses into an *ordered* tree that keeps duplicate keys
//!   (`Ov`, a hand-written `Deserialize` in `coserr_testkit::oracle`, the fuzz
//!   targets' oracle too), and the lookup rules are applied to that tree;
//!   the tree is also checked against `serde_json::Value`;
//! - when rejected, the error is where serde_json's error class says (end of
//!   input or not), and every field reported was complete before the error.
//!
//! `COSERR_JSON_DIFF_SEED` and `COSERR_JSON_DIFF_N` override the seed and the
//! number of documents; a failure prints the seed, the index and the document.

use coserr::{BodyFormat, BodyStatus, Field, Reason, parse_body};
use coserr_testkit::json_gen::JsonGen;
use coserr_testkit::oracle::{JsonField, Ov, json_oracle_found, normalise_number};

const DEFAULT_SEED: u64 = 0x5EED_C05E_4A50_0001;
const DEFAULT_N: usize = 24_000;

// ---------------------------------------------------------------------------
// The comparison.

#[derive(Default, Debug)]
struct Stats {
    docs: usize,
    not_json: usize,
    accepted: usize,
    rejected: usize,
    error_docs: usize,
    fields: usize,
    number_fields: usize,
    /// Fields found at each level: top, error, response, response.error.
    by_level: [usize; 4],
    /// Fields whose key occurs more than once in the object they came from.
    from_duplicates: usize,
    partial: usize,
    too_deep: usize,
}

fn check(bytes: &[u8], stats: &mut Stats) -> Result<(), String> {
    stats.docs += 1;
    let body = parse_body(bytes);
    if body.format() != BodyFormat::Json {
        stats.not_json += 1;
        return Ok(());
    }
    let doc = &bytes[body.document_start()..];
    let reference = serde_json::from_slice::<serde_json::Value>(doc);
    let ordered = serde_json::from_slice::<Ov>(doc);
    if ordered.is_ok() != reference.is_ok() {
        return Err(format!(
            "oracle disagrees with serde_json::Value: {ordered:?} vs {reference:?}"
        ));
    }
    match (reference, ordered) {
        (Ok(value), Ok(tree)) => {
            stats.accepted += 1;
            if tree.to_value() != value {
                return Err(format!(
                    "ordered tree {tree:?} is not serde_json's {value:?}"
                ));
            }
            if body.error().is_some() {
                return Err(format!("serde_json accepts, we reject: {:?}", body.error()));
            }
            let expected = json_oracle_found(&tree);
            let any = expected.iter().any(Option::is_some);
            let want_status = if any {
                BodyStatus::Ok
            } else {
                BodyStatus::NotErrorDoc
            };
            if body.status() != want_status {
                return Err(format!(
                    "status {:?}, expected {want_status:?}",
                    body.status()
                ));
            }
            for (f, want) in Field::ALL.into_iter().zip(expected) {
                let got = body.field(f);
                let want = want.map(|found| {
                    stats.by_level[found.level] += 1;
                    stats.from_duplicates += usize::from(found.duplicated);
                    found.want
                });
                let same = match (&got, &want) {
                    (None, None) => true,
                    (Some(v), Some(JsonField::Str(s))) => {
                        v.to_string() == *s && v.eq_str(s) && v.decoded_len() == s.len()
                    }
                    (Some(v), Some(JsonField::Num(n))) => {
                        stats.number_fields += 1;
                        normalise_number(&v.to_string()) == *n
                    }
                    _ => false,
                };
                if !same {
                    return Err(format!(
                        "{f:?}: got {:?} (raw {:?}), expected {want:?}",
                        got.map(|v| v.to_string()),
                        got.map(|v| v.raw())
                    ));
                }
                stats.fields += usize::from(got.is_some());
            }
            stats.error_docs += usize::from(any);
        }
        (Err(reference), _) => {
            stats.rejected += 1;
            let Some(error) = body.error() else {
                return Err(format!(
                    "serde_json rejects ({reference}), we accept with {:?}",
                    body.status()
                ));
            };
            if body.status() != BodyStatus::Malformed {
                return Err(format!("status {:?} with an error", body.status()));
            }
            if error.offset < body.document_start() || error.offset > bytes.len() {
                return Err(format!(
                    "error offset {} outside the document",
                    error.offset
                ));
            }
            // serde_json's "EOF while parsing" is our UnexpectedEof (for a
            // valid UTF-8 body; else the UTF-8 error may come first).
            if std::str::from_utf8(bytes).is_ok()
                && reference.is_eof() != (error.reason == Reason::UnexpectedEof)
            {
                return Err(format!("serde_json says {reference}, we say {error:?}"));
            }
            // Every field reported was complete before the error.
            for f in Field::ALL {
                if let Some(v) = body.field(f) {
                    let start = v.raw().as_ptr() as usize - bytes.as_ptr() as usize;
                    if start + v.raw().len() > error.offset {
                        return Err(format!(
                            "{f:?} at {start} ends after the error at {}",
                            error.offset
                        ));
                    }
                    let _ = v.to_string();
                }
            }
            stats.partial += usize::from(body.is_partial());
            stats.too_deep += usize::from(error.reason == Reason::LimitExceeded);
        }
        (Ok(_), Err(_)) => unreachable!(),
    }
    Ok(())
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn differential_against_serde_json() {
    let seed: u64 = env_or("COSERR_JSON_DIFF_SEED", DEFAULT_SEED);
    let n: usize = env_or("COSERR_JSON_DIFF_N", DEFAULT_N);
    let started = std::time::Instant::now();
    let mut stats = Stats::default();
    for index in 0..n {
        // Each document has its own generator state: reproducible by index.
        let mut g = JsonGen::new(seed ^ (index as u64).wrapping_mul(0xA076_1D64_78BD_642F));
        let bytes = g.document();
        if let Err(why) = check(&bytes, &mut stats) {
            panic!(
                "seed {seed:#x} index {index}: {why}\ndocument ({} bytes): {}",
                bytes.len(),
                String::from_utf8_lossy(&bytes).escape_debug()
            );
        }
    }
    eprintln!(
        "json differential: seed {seed:#x}, {stats:?}, {:?}",
        started.elapsed()
    );
    // The generator must keep exercising both sides.
    assert!(
        stats.accepted > n / 3 && stats.rejected > n / 10,
        "{stats:?}"
    );
    assert!(
        stats.error_docs > n / 4 && stats.number_fields > n / 50 && stats.partial > n / 50,
        "{stats:?}"
    );
    assert!(
        stats.by_level.iter().all(|&k| k > n / 200) && stats.too_deep > n / 1000,
        "{stats:?}"
    );
    assert!(stats.from_duplicates > n / 200, "{stats:?}");
}

#[test]
fn oracle_sanity() {
    // The oracle keeps duplicates in order and reads the number token.
    let tree: Ov = serde_json::from_str(
        r#"{"a":1,"a":"x","n":{"$serde_json::private::Number":"1E5"},"b":1e400}"#,
    )
    .unwrap();
    assert_eq!(
        tree,
        Ov::Obj(vec![
            ("a".into(), Ov::Num("1".into())),
            ("a".into(), Ov::Str("x".into())),
            ("n".into(), Ov::Num("1e+5".into())),
            ("b".into(), Ov::Num("1e+400".into())),
        ])
    );
    assert_eq!(normalise_number("-1.5E3"), "-1.5e+3");
    assert_eq!(normalise_number("2e-7"), "2e-7");
}

/// Every sequence of up to four tokens after `{`, closed by nothing, `}` or
/// `}}`, from a small alphabet chosen to hit grammar edges (commas, colons,
/// brackets, numbers, surrogates, the number token, field and container keys).
#[test]
fn exhaustive_short_documents() {
    const TOKENS: &[&str] = &[
        "\"code\":",
        "\"Error\":",
        "\"response\":",
        "\"$serde_json::private::Number\":",
        "\"x\"",
        "\"1\"",
        "-0.5E1",
        "null",
        "\"\\uD83D\\uDE00\"",
        "\"\\uD800\"",
        ",",
        "{",
        "}",
        "[",
        "]",
        " ",
        "01",
        "1.",
    ];
    let mut stats = Stats::default();
    let mut doc = String::new();
    for len in 0..=4u32 {
        for mut k in 0..TOKENS.len().pow(len) {
            doc.clear();
            doc.push('{');
            for _ in 0..len {
                doc.push_str(TOKENS[k % TOKENS.len()]);
                k /= TOKENS.len();
            }
            let open = doc.len();
            for close in ["", "}", "}}"] {
                doc.truncate(open);
                doc.push_str(close);
                if let Err(why) = check(doc.as_bytes(), &mut stats) {
                    panic!("{doc:?}: {why}");
                }
            }
        }
    }
    eprintln!("exhaustive: {stats:?}");
    assert!(
        stats.accepted > 300 && stats.error_docs > 50 && stats.by_level[1] > 0,
        "{stats:?}"
    );
}
