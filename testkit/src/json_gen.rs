//! A seeded generator of COS / Tencent Cloud-like JSON error bodies: field
//! keys in many spellings, nested `error` / `response` objects, duplicates,
//! escapes, surrogates, numbers of all shapes, junk, deep nesting; some are
//! then mutated at the byte level or truncated.

use crate::oracle::{FIELD_KEYS, NUMBER_TOKEN};
use crate::rng::Rng;

pub struct JsonGen {
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

impl JsonGen {
    /// A generator for one document, seeded.
    pub fn new(seed: u64) -> Self {
        JsonGen {
            rng: Rng::new(seed),
            out: String::new(),
            api3: false,
        }
    }

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

    pub fn document(&mut self) -> Vec<u8> {
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

    pub fn mutate(&mut self, bytes: &mut Vec<u8>) {
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
