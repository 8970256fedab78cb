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
//!   (`Ov`, a hand-written `Deserialize` in `fuzz/src/oracle.rs`, the fuzz
//!   targets' oracle too), and the lookup rules are applied to that tree;
//!   the tree is also checked against `serde_json::Value`;
//! - when rejected, the error is where serde_json's error class says (end of
//!   input or not), and every field reported was complete before the error.
//!
//! `COSERR_JSON_DIFF_SEED` and `COSERR_JSON_DIFF_N` override the seed and the
//! number of documents; a failure prints the seed, the index and the document.

mod common;
#[path = "../../fuzz/src/oracle.rs"]
mod oracle;

use common::Rng;
use coserr::{BodyFormat, BodyStatus, Field, Reason, parse_body};
use oracle::{FIELD_KEYS, JsonField, NUMBER_TOKEN, Ov, json_oracle_found, normalise_number};

const DEFAULT_SEED: u64 = 0x5EED_C05E_4A50_0001;
const DEFAULT_N: usize = 24_000;

// ---------------------------------------------------------------------------
// The generator.

struct Gen {
    rng: Rng,
    out: String,
    /// This document has the Tencent Cloud API 3.0 shape.
    api3: bool,
}

const CAMEL: [&str; 8] = [
    "Code",
    "Message",
    "Resource",
    "RequestId",
    "TraceId",
    "ServerTime",
    "Error",
    "Response",
];

const SNAKE: [&str; 8] = [
    "code",
    "message",
    "resource",
    "request_id",
    "trace_id",
    "server_time",
    "error",
    "response",
];

impl Gen {
    fn ws(&mut self) {
        if self.rng.chance(75) {
            return;
        }
        for _ in 0..=self.rng.index(3) {
            let c = self.rng.pick(&[' ', ' ', '\n', '\t', '\r']);
            self.out.push(c);
        }
    }

    /// A key naming `base` (a normalised key) in some spelling, or a near miss.
    fn spelled(&mut self, index: usize, base: &str) -> String {
        let mut s = String::new();
        match self.rng.index(12) {
            0..=3 => s.push_str(CAMEL[index]),
            4 => s.push_str(base),
            5 => s.push_str(&CAMEL[index].to_ascii_uppercase()),
            // request_id, REQUEST-ID, requestId
            6 => s.push_str(SNAKE[index]),
            7 => s.push_str(&SNAKE[index].replace('_', "-").to_ascii_uppercase()),
            8 => {
                let camel = CAMEL[index];
                s.push_str(&camel[..1].to_ascii_lowercase());
                s.push_str(&camel[1..]);
            }
            _ => {
                for c in base.chars() {
                    if self.rng.chance(15) {
                        s.push(self.rng.pick(&['_', '-']));
                    }
                    s.push(if self.rng.chance(30) {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    });
                }
                if self.rng.chance(10) {
                    s.push('_');
                }
            }
        }
        if self.rng.chance(6) {
            // A near miss: an extra, missing or non-ASCII character.
            match self.rng.index(4) {
                0 => s.push('s'),
                1 => {
                    s.pop();
                }
                2 => s.insert(0, ' '),
                _ => s.push('\u{131}'), // dotless i
            }
        }
        s
    }

    /// Writes `key` as a JSON string, escaping some characters at random.
    fn key_literal(&mut self, key: &str) {
        self.out.push('"');
        let escape_some = self.rng.chance(20);
        for c in key.chars() {
            if escape_some && self.rng.chance(30) {
                self.escaped_char(c);
            } else {
                self.raw_char(c);
            }
        }
        self.out.push('"');
    }

    fn raw_char(&mut self, c: char) {
        match c {
            '"' => self.out.push_str("\\\""),
            '\\' => self.out.push_str("\\\\"),
            '\u{0}'..='\u{1f}' => self.escaped_char(c),
            _ => self.out.push(c),
        }
    }

    fn escaped_char(&mut self, c: char) {
        let mut units = [0u16; 2];
        for u in c.encode_utf16(&mut units) {
            if self.rng.chance(50) {
                self.out.push_str(&format!("\\u{u:04x}"));
            } else {
                self.out.push_str(&format!("\\u{u:04X}"));
            }
        }
    }

    /// Random string content (without the quotes).
    fn string_body(&mut self) {
        let max = if self.rng.chance(10) { 60 } else { 12 };
        let n = self.rng.index(max);
        for _ in 0..n {
            match self.rng.index(40) {
                0..=17 => {
                    let c = self.rng.pick(&[
                        'a', 'Z', '0', ' ', '.', '/', ':', '-', '_', 'k', '{', '}', '[', ',',
                    ]);
                    self.out.push(c);
                }
                18 => {
                    let word = self.rng_word();
                    self.out.push_str(word);
                }
                19..=21 => {
                    let e = self
                        .rng
                        .pick(&["\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"]);
                    self.out.push_str(e);
                }
                22..=23 => {
                    let c = self.rng.pick(&[
                        '\u{e9}',
                        '\u{4e2d}',
                        '\u{1F600}',
                        '\u{7f}',
                        '\u{0}',
                        'A',
                        '\u{FFFF}',
                    ]);
                    self.escaped_char(c);
                }
                24 => {
                    // Any BMP scalar value as an escape.
                    let v = self.rng.index(0x1_0000) as u32;
                    let c = char::from_u32(v).unwrap_or('\u{FFFD}');
                    self.escaped_char(c);
                }
                25..=27 => {
                    let c = self
                        .rng
                        .pick(&['é', '中', '😀', '\u{7f}', '\u{2028}', '\u{feff}']);
                    self.out.push(c);
                }
                28 => {
                    // A surrogate pair of any supplementary character.
                    let v = 0x1_0000 + self.rng.index(0x10_0000) as u32;
                    self.escaped_char(char::from_u32(v).unwrap());
                }
                29 if self.rng.chance(10) => {
                    // Lone and mismatched surrogates.
                    let s = self.rng.pick(&[
                        "\\uD800",
                        "\\uDC00",
                        "\\uDBFF\\u0041",
                        "\\uD83D\\uD83D",
                        "\\uD83D\\n",
                        "\\udfff",
                        "\\uD83D\\uDE00",
                        "\\uD83D\\\\uDE00",
                    ]);
                    self.out.push_str(s);
                }
                30 if self.rng.chance(8) => {
                    // Invalid escapes and raw control characters.
                    let s = self.rng.pick(&[
                        "\\x41", "\\U0041", "\\u00G0", "\\'", "\u{1}", "\t", "\n", "\u{1f}",
                        "\\u12",
                    ]);
                    self.out.push_str(s);
                }
                _ => self.out.push('x'),
            }
        }
    }

    fn rng_word(&mut self) -> &'static str {
        self.rng.pick(&[
            "NoSuchKey",
            "AccessDenied",
            "SignatureDoesNotMatch",
            "NWZjZjU0Yjlf",
            "examplebucket-1250000000",
        ])
    }

    fn string(&mut self) {
        self.out.push('"');
        self.string_body();
        self.out.push('"');
    }

    fn number(&mut self) {
        if self.rng.chance(1) {
            let bad = self.rng.pick(&[
                "01", "1.", "-", ".5", "+1", "1e", "1e+", "-01", "1.e5", "0x10", "1E-", "--1",
                "Infinity", "NaN",
            ]);
            self.out.push_str(bad);
            return;
        }
        if self.rng.chance(20) {
            let s = self.rng.pick(&[
                "0",
                "-0",
                "404",
                "1e400",
                "-1e-400",
                "18446744073709551615",
                "18446744073709551616",
                "-9223372036854775808",
                "-9223372036854775809",
                "123456789012345678901234567890",
                "0.0",
                "1E5",
                "1e+5",
                "2.50",
                "-0.0e-0",
            ]);
            self.out.push_str(s);
            return;
        }
        if self.rng.chance(30) {
            self.out.push('-');
        }
        if self.rng.chance(20) {
            self.out.push('0');
        } else {
            self.digits(true);
        }
        if self.rng.chance(30) {
            self.out.push('.');
            self.digits(false);
        }
        if self.rng.chance(25) {
            self.out.push(self.rng.pick(&['e', 'E']));
            if self.rng.chance(60) {
                self.out.push(self.rng.pick(&['+', '-']));
            }
            self.digits(false);
        }
    }

    fn digits(&mut self, nonzero_first: bool) {
        let max = if self.rng.chance(10) { 30 } else { 5 };
        let n = 1 + self.rng.index(max);
        for k in 0..n {
            let d = if k == 0 && nonzero_first {
                1 + self.rng.index(9)
            } else {
                self.rng.index(10)
            };
            self.out.push(char::from(b'0' + d as u8));
        }
    }

    fn scalar(&mut self) {
        match self.rng.index(10) {
            0..=4 => self.string(),
            5..=7 => self.number(),
            _ => {
                let lit = if self.rng.chance(99) {
                    self.rng.pick(&["true", "false", "null"])
                } else {
                    self.rng
                        .pick(&["nul", "True", "NULL", "fals", "truee", "nulll"])
                };
                self.out.push_str(lit);
            }
        }
    }

    /// Any value; `budget` bounds the nesting below it.
    fn value(&mut self, budget: usize) {
        self.ws();
        match self.rng.index(12) {
            0..=7 => self.scalar(),
            8..=9 if budget > 0 => self.array(budget - 1),
            10..=11 if budget > 0 => self.object(budget - 1, None),
            _ => self.scalar(),
        }
        self.ws();
    }

    fn array(&mut self, budget: usize) {
        self.out.push('[');
        self.ws();
        let n = self.rng.index(4);
        for k in 0..n {
            if k > 0 {
                self.out.push(',');
            }
            self.value(budget);
        }
        if self.rng.chance(1) {
            self.out.push(',');
        }
        self.out.push(']');
    }

    /// The number-token object serde_json reads as a number.
    fn number_token(&mut self) {
        self.out.push('{');
        self.ws();
        self.key_literal(NUMBER_TOKEN);
        self.ws();
        self.out.push(':');
        self.ws();
        match self.rng.index(10) {
            0..=5 => {
                self.out.push('"');
                self.number();
                self.out.push('"');
            }
            6 => self.number(),
            7 => self.string(),
            _ => {
                // An escaped number.
                let saved = std::mem::take(&mut self.out);
                self.number();
                let n = std::mem::replace(&mut self.out, saved);
                self.out.push('"');
                for c in n.chars() {
                    if self.rng.chance(40) {
                        self.escaped_char(c)
                    } else {
                        self.out.push(c)
                    }
                }
                self.out.push('"');
            }
        }
        self.ws();
        if self.rng.chance(10) {
            self.out.push_str(",\"a\":1");
        }
        self.out.push('}');
    }

    /// An object. `level` is the searched level it stands for, if any, which
    /// makes field and container keys likelier.
    fn object(&mut self, budget: usize, level: Option<usize>) {
        if self.rng.chance(2) {
            self.number_token();
            return;
        }
        self.out.push('{');
        self.ws();
        let mut n = match level {
            Some(_) => self.rng.index(8),
            None => self.rng.index(4),
        };
        // The Tencent Cloud API 3.0 shape: make sure `Response` and
        // `Response.Error` are there (somewhere among the members).
        let forced = match (self.api3, level) {
            (true, Some(0)) => Some(7),
            (true, Some(2)) => Some(6),
            _ => None,
        };
        if forced.is_some() {
            n = n.max(1);
        }
        let forced_at = self.rng.index(n.max(1));
        for k in 0..n {
            if k > 0 {
                self.out.push(',');
                self.ws();
            }
            if let (Some(i), true) = (forced, k == forced_at) {
                self.container_member(i, level, budget);
                continue;
            }
            if k == 0 && self.rng.chance(1) {
                self.key_literal(NUMBER_TOKEN);
                self.ws();
                self.out.push(':');
                self.value(budget);
                continue;
            }
            let field_bias = if level.is_some() { 70 } else { 20 };
            if self.rng.chance(field_bias) {
                let i = self.rng.index(6);
                let key = self.spelled(i, FIELD_KEYS[i]);
                self.key_literal(&key);
                self.ws();
                self.out.push(':');
                self.ws();
                match self.rng.index(10) {
                    0..=4 => self.string(),
                    5..=6 => self.number(),
                    7 if budget > 0 && self.rng.chance(30) => self.number_token(),
                    _ => self.value(budget),
                }
                self.ws();
            } else if level.is_some() && self.rng.chance(45) {
                let i = if self.rng.chance(50) { 6 } else { 7 };
                self.container_member(i, level, budget);
            } else {
                let key = match self.rng.index(6) {
                    0 => "Key".to_owned(),
                    1 => "HostId".to_owned(),
                    2 => String::new(),
                    3 => "data".to_owned(),
                    4 => "é\u{0}\"k".to_owned(),
                    _ => NUMBER_TOKEN.to_owned(),
                };
                self.key_literal(&key);
                self.ws();
                self.out.push(':');
                self.value(budget);
            }
        }
        if self.rng.chance(1) {
            self.out.push(',');
        }
        self.out.push('}');
    }

    /// A member `error` (`i` = 6) or `response` (7) in an object at `level`.
    fn container_member(&mut self, i: usize, level: Option<usize>, budget: usize) {
        let base = if i == 6 { "error" } else { "response" };
        let key = self.spelled(i, base);
        self.key_literal(&key);
        self.ws();
        self.out.push(':');
        self.ws();
        if budget > 0 && self.rng.chance(90) {
            let sub = match (level, i) {
                (Some(0), 6) => Some(1),
                (Some(0), _) => Some(2),
                (Some(2), 6) => Some(3),
                _ => Some(9), // not searched, but written like one
            };
            self.object(budget - 1, sub);
        } else {
            self.value(budget.saturating_sub(1));
        }
        self.ws();
    }

    /// Nesting right around serde_json's recursion limit.
    fn deep(&mut self) {
        let depth = 120 + self.rng.index(12);
        self.out.push_str("{\"code\":\"deep\",\"x\":");
        let mut closers = Vec::new();
        for _ in 1..depth {
            if self.rng.chance(50) {
                self.out.push('[');
                closers.push(']');
            } else {
                self.out.push_str("{\"Error\":");
                closers.push('}');
            }
            self.ws();
        }
        self.out.push_str("null");
        while let Some(c) = closers.pop() {
            self.out.push(c);
        }
        self.out.push('}');
    }

    fn document(&mut self) -> Vec<u8> {
        self.out.clear();
        if self.rng.chance(3) {
            self.out
                .push_str(self.rng.pick(&["\u{feff}", " ", "\r\n", "\u{feff}\t"]));
        }
        self.api3 = self.rng.chance(30);
        if self.rng.chance(1) {
            self.deep();
        } else {
            self.object(4, Some(0));
        }
        self.ws();
        let mut bytes = std::mem::take(&mut self.out).into_bytes();
        if self.rng.chance(35) {
            self.mutate(&mut bytes);
        }
        bytes
    }

    fn mutate(&mut self, bytes: &mut Vec<u8>) {
        const SNIPPETS: &[&[u8]] = &[
            b"\\u",
            b"\\uD800",
            b"\\uDC00",
            b"\\",
            b"\"",
            b"\\n",
            b"\x01",
            b"\x1f",
            b"\x7f",
            b"\xff",
            b"\xc3",
            b"\xe2\x82",
            b"\xc3\xa9",
            b",",
            b":",
            b"{",
            b"}",
            b"[",
            b"]",
            b" ",
            b"0",
            b"-",
            b".",
            b"e",
            b"+",
            b"true",
            b"n",
        ];
        for _ in 0..=self.rng.index(3) {
            if bytes.is_empty() {
                return;
            }
            // Keep the first byte, so that the body stays JSON most of the time.
            let at = 1 + self.rng.index(bytes.len());
            let at = at.min(bytes.len());
            match self.rng.index(6) {
                0 => {
                    if at < bytes.len() {
                        bytes.remove(at);
                    }
                }
                1 | 2 => {
                    let s = self.rng.pick(SNIPPETS);
                    bytes.splice(at..at, s.iter().copied());
                }
                3 => {
                    if at < bytes.len() {
                        bytes[at] = self.rng.pick(b"\"\\{}[],:0-e \x00\x0a\xfft");
                    }
                }
                _ => bytes.truncate(at),
            }
        }
    }
}

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
        let mut g = Gen {
            rng: Rng::new(seed ^ (index as u64).wrapping_mul(0xA076_1D64_78BD_642F)),
            out: String::new(),
            api3: false,
        };
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
