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

use coserr_testkit::json_gen::JsonGen;
use coserr_testkit::oracle::{
    JsonStats as Stats, Ov, check_json_counted as check, normalise_number,
};

const DEFAULT_SEED: u64 = 0x5EED_C05E_4A50_0001;
const DEFAULT_N: usize = 24_000;

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
