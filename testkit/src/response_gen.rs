//! Random responses for the response layer's property test: random status
//! (the interesting ones, 0 and random values), method, URL, headers (random
//! name case, random ids, duplicates, sometimes none), and body (a shared
//! sample, a mutated sample, a generated error document with awkward
//! values, random bytes, empty).

use coserr::{BodyStatus, Field, parse_body};

use crate::rng::Rng;

pub const REQUEST_ID_HEADERS: [&str; 3] =
    ["x-cos-request-id", "x-ci-request-id", "x-img-request-id"];
pub const TRACE_ID_HEADER: &str = "x-cos-trace-id";
pub const ERROR_CODE_HEADER: &str = "x-cos-error-code";
pub const STATUSES: &[u32] = &[
    0, 200, 204, 206, 301, 302, 304, 307, 400, 403, 404, 409, 412, 429, 500, 502, 503, 504,
];
pub const METHODS: &[&str] = &["HEAD", "GET", "PUT", "POST", "DELETE", ""];
pub const URLS: &[&str] = &[
    "",
    "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/a/b.txt",
    "/bucket/key with \"quote\" and \\ back",
    "https://b.cos.ap-x.myqcloud.com/\u{9875}\u{9762}?x=1&y=2",
];
pub const CODES: &[&str] = &[
    "NoSuchKey",
    "SlowDown",
    "InternalError",
    "AccessDenied",
    "RequestTimeout",
    "ServiceUnavailable",
    "TooManyRequestsException",
    "NotFoundException",
    "BadRquest",
    "RequestTimeTooSkewed",
    "SignatureDoesNotMatch",
    "SomethingElse",
    "",
];

/// `Date` header values: each HTTP-date form, near misses, garbage.
pub const DATES: &[&str] = &[
    "Mon, 01 Jul 2024 00:00:00 GMT",
    "Tue, 09 Apr 2019 03:39:20 GMT",
    "Tuesday, 09-Apr-19 03:39:20 GMT",
    "Tue Apr  9 03:39:20 2019",
    "Thu, 29 Feb 2024 23:59:59 GMT",
    "Mon, 09 Apr 2019 03:39:20 GMT",
    "Tue, 09 Apr 2019 03:39:20 UTC",
    "2019-04-09T03:39:20Z",
    "Tue, 31 Apr 2019 03:39:20 GMT",
    "",
];

/// `ServerTime` values: RFC 3339 with and without fraction and offset,
/// near misses.
pub const SERVER_TIMES: &[&str] = &[
    "2019-04-09T03:39:20Z",
    "2019-04-09T11:39:20.123+08:00",
    "2024-02-29T00:00:00.5-00:00",
    "2019-04-09t03:39:20z",
    "2019-04-09 03:39:20Z",
    "2100-02-29T00:00:00Z",
    "2019-04-09T03:39:20",
    "Tue, 09 Apr 2019 03:39:20 GMT",
];

/// One random response, owned.
#[derive(Debug, Clone)]
pub struct Input {
    pub status: u32,
    pub method: String,
    pub url: Vec<u8>,
    pub headers: Vec<(Vec<u8>, Vec<u8>)>,
    pub body: Vec<u8>,
}

impl Input {
    /// The first header called `name` (any case), as the core's lists define.
    pub fn header(&self, name: &str) -> Option<&[u8]> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name.as_bytes()))
            .map(|(_, v)| v.as_slice())
    }

    /// The first header called `name` that carries a value: an empty
    /// header carries nothing and hides nothing (the request id must never
    /// be lost, and the core treats an empty URL as no URL too).
    pub fn header_value(&self, name: &str) -> Option<&[u8]> {
        self.headers
            .iter()
            .find(|(n, v)| !v.is_empty() && n.eq_ignore_ascii_case(name.as_bytes()))
            .map(|(_, v)| v.as_slice())
    }

    pub fn short(&self) -> String {
        let body = String::from_utf8_lossy(&self.body[..self.body.len().min(300)]).into_owned();
        format!(
            "status={} method={:?} url={:?} headers={:?} body({} bytes)={:?}",
            self.status,
            self.method,
            String::from_utf8_lossy(&self.url),
            self.headers
                .iter()
                .map(|(n, v)| (
                    String::from_utf8_lossy(n).into_owned(),
                    String::from_utf8_lossy(v).into_owned()
                ))
                .collect::<Vec<_>>(),
            self.body.len(),
            body
        )
    }
}

// ---------------------------------------------------------------- generation

pub fn random_case(r: &mut Rng, name: &str) -> String {
    name.chars()
        .map(|c| {
            if r.below(2) == 0 {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect()
}

/// An id-like value: mostly plain, sometimes with characters the display
/// line must escape, non-ASCII, or longer than any capacity.
pub fn random_id(r: &mut Rng) -> String {
    const ALPHA: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789=+/-_";
    let len = match r.below(20) {
        0 => 120 + r.below(300) as usize,
        1 => 1,
        _ => 8 + r.below(40) as usize,
    };
    let mut s = String::new();
    for _ in 0..len {
        match r.below(40) {
            0 => s.push('"'),
            1 => s.push('\\'),
            2 => s.push('\t'),
            3 => s.push('\u{9875}'),
            4 => s.push('\u{1F600}'),
            5 => s.push('\u{7f}'),
            _ => s.push(r.pick(ALPHA) as char),
        }
    }
    s
}

/// Which inputs to generate. `edgy` adds the two input shapes on which the
/// core once broke its rules on (see `empty_headers_and_head_404_with_code_header`
/// in core/tests/properties.rs):
/// empty id header values, and a body-less HEAD 404 with `x-cos-error-code`.
#[derive(Clone, Copy)]
pub struct Gen {
    pub edgy: bool,
}

pub fn random_headers(r: &mut Rng, pool: &[String], g: Gen) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut h = Vec::new();
    if r.below(8) == 0 {
        return h;
    }
    let mut names: Vec<&str> = vec!["Content-Type", "Date", "Server"];
    for n in REQUEST_ID_HEADERS {
        if r.below(3) == 0 {
            names.push(n);
        }
    }
    if r.below(2) == 0 {
        names.push(TRACE_ID_HEADER);
    }
    if r.below(6) == 0 {
        names.push(ERROR_CODE_HEADER);
    }
    if r.below(10) == 0 {
        names.push("x-cos-request-id"); // a duplicate: the first one counts
    }
    if r.below(4) == 0 {
        names.push("Location");
    }
    if r.below(4) == 0 {
        names.push("x-cos-bucket-region");
    }
    // Shuffle.
    for i in (1..names.len()).rev() {
        let j = r.below(i as u64 + 1) as usize;
        names.swap(i, j);
    }
    for n in names {
        let value: Vec<u8> = match n {
            "Content-Type" => b"application/xml".to_vec(),
            "Date" => r.pick(DATES).as_bytes().to_vec(),
            "Location" if r.below(2) == 0 => r.pick(URLS).as_bytes().to_vec(),
            "x-cos-bucket-region" if r.below(2) == 0 => b"ap-guangzhou".to_vec(),
            "Server" => b"tencent-cos".to_vec(),
            ERROR_CODE_HEADER => r.pick(CODES).as_bytes().to_vec(),
            _ => match r.below(if g.edgy { 4 } else { 30 }) {
                0 if g.edgy => Vec::new(),              // empty value
                0 | 1 => b"bad-\xFF\xFE-utf8".to_vec(), // not UTF-8
                2 | 3 => pool[r.below(pool.len() as u64) as usize]
                    .clone()
                    .into_bytes(), // may equal a body id
                _ => random_id(r).into_bytes(),
            },
        };
        h.push((random_case(r, n).into_bytes(), value));
    }
    h
}

pub fn xml_escape_random(r: &mut Rng, s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '&' => out.push_str(if r.below(2) == 0 { "&amp;" } else { "&#38;" }),
            '"' => out.push_str(if r.below(2) == 0 { "&quot;" } else { "\"" }),
            '\u{7f}' => out.push_str("&#x7F;"),
            _ => out.push(c),
        }
    }
    out
}

pub fn json_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// A generated error document (XML or JSON) with random fields, some empty.
pub fn generated_doc(r: &mut Rng, pool: &mut Vec<String>) -> Vec<u8> {
    let json = r.below(3) == 0;
    let mut parts = Vec::new();
    for f in Field::BODY {
        if r.below(4) == 0 {
            continue;
        }
        let v = match (f, r.below(6)) {
            (_, 0) => String::new(),
            (Field::Code, _) => r.pick(CODES).to_string(),
            (Field::Message, 1) => "line1\nline2 \"quoted\" \\ back\u{1}"
                .replace('\u{1}', if json { "\u{1}" } else { "" }),
            (Field::Message, 2) => "Request has expired".to_string(),
            (Field::Message, 3) => format!("{}rEqUeSt HAS expired", "x".repeat(1020)),
            (Field::ServerTime, _) => r.pick(SERVER_TIMES).to_string(),
            _ => random_id(r),
        };
        if matches!(f, Field::RequestId | Field::TraceId) && !v.is_empty() {
            pool.push(v.clone());
        }
        parts.push((f, v));
    }
    if r.below(3) == 0 {
        // Shuffle the order.
        for i in (1..parts.len()).rev() {
            let j = r.below(i as u64 + 1) as usize;
            parts.swap(i, j);
        }
    }
    if json {
        let inner: Vec<String> = parts
            .iter()
            .map(|(f, v)| format!("\"{}\":\"{}\"", f.xml_name(), json_escape(v)))
            .collect();
        let obj = format!("{{{}}}", inner.join(","));
        match r.below(3) {
            0 => obj.into_bytes(),
            1 => format!("{{\"Error\":{obj}}}").into_bytes(),
            _ => format!("{{\"Response\":{{\"Error\":{obj}}}}}").into_bytes(),
        }
    } else {
        let mut s = String::from(if r.below(2) == 0 {
            "<?xml version='1.0' encoding='utf-8' ?>\n"
        } else {
            ""
        });
        s.push_str("<Error>\n");
        for (f, v) in &parts {
            let name = f.xml_name();
            if v.is_empty() && r.below(2) == 0 {
                s.push_str(&format!("\t<{name}/>\n"));
            } else {
                s.push_str(&format!("\t<{name}>{}</{name}>\n", xml_escape_random(r, v)));
            }
        }
        if r.below(3) == 0 {
            s.push_str("\t<HostId>host</HostId>\n");
        }
        s.push_str("</Error>");
        if r.below(4) == 0 {
            s = format!("{}{s}", " ".repeat(r.below(20) as usize));
        }
        s.into_bytes()
    }
}

pub fn mutate(r: &mut Rng, body: &mut Vec<u8>) {
    const SNIPPETS: &[&[u8]] = &[
        b"<",
        b">",
        b"&",
        b"&amp;",
        b"\"",
        b"\\",
        b"\xFF",
        b"\xE9",
        b"\0",
        b"</Error>",
        b"<Code>",
        b"]]>",
        b"<!--",
        b"\r",
        b"\xEF\xBB\xBF",
        b"{",
        b"}",
        b"\\u0000",
    ];
    let n = 1 + r.below(4);
    for _ in 0..n {
        let at = if body.is_empty() {
            0
        } else {
            r.below(body.len() as u64 + 1) as usize
        };
        match r.below(4) {
            0 => body.truncate(at),
            1 => {
                if at < body.len() {
                    body[at] = r.next_u64() as u8;
                }
            }
            2 => {
                let s = r.pick(SNIPPETS);
                body.splice(at..at, s.iter().copied());
            }
            _ => {
                if at < body.len() {
                    body.remove(at);
                }
            }
        }
    }
}

pub fn random_input(r: &mut Rng, samples: &[(String, Vec<u8>)], g: Gen) -> Input {
    let mut pool: Vec<String> = vec!["req1".into(), "t1".into(), "incorrect-request-id".into()];
    let body = match r.below(10) {
        0 => Vec::new(),
        1 => (0..r.below(200)).map(|_| r.next_u64() as u8).collect(),
        2 | 3 => samples[r.below(samples.len() as u64) as usize].1.clone(),
        4..=6 => {
            let mut b = samples[r.below(samples.len() as u64) as usize].1.clone();
            mutate(r, &mut b);
            b
        }
        _ => {
            let mut b = generated_doc(r, &mut pool);
            if r.below(5) == 0 {
                mutate(r, &mut b);
            }
            b
        }
    };
    let status = if r.below(6) == 0 {
        r.below(1000) as u32
    } else {
        r.pick(STATUSES)
    };
    let method = r.pick(METHODS).to_string();
    let url = r.pick(URLS).as_bytes().to_vec();
    let headers = random_headers(r, &pool, g);
    let mut input = Input {
        status,
        method,
        url,
        headers,
        body,
    };
    let head_404_empty = |i: &Input| {
        i.status == 404 && i.method == "HEAD" && parse_body(&i.body).status() == BodyStatus::Empty
    };
    if g.edgy && r.below(4) == 0 {
        input.status = 404;
        input.method = "HEAD".into();
        input.body.clear();
        input.headers.push((
            b"X-Cos-Error-Code".to_vec(),
            r.pick(CODES).as_bytes().to_vec(),
        ));
    } else if !g.edgy && head_404_empty(&input) {
        input
            .headers
            .retain(|(n, _)| !n.eq_ignore_ascii_case(ERROR_CODE_HEADER.as_bytes()));
    }
    input
}
