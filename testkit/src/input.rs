//! The byte layout of a fuzz input for the `response` and `ffi` targets,
//! shared with `core/tests/regressions.rs` so that `cargo test` replays
//! those corpora as whole responses.
//!
//! The layout is fixed so that seeds can be written by hand and every corpus
//! file decodes the same way everywhere; short inputs decode with defaults:
//!
//! ```text
//! [s0 s1]  status: s0 < 0x80 -> STATUSES[s1 % len], else ((s0 & 0x7F) << 8 | s1)
//! [m]      method: METHODS[m % len]
//! [u] ..   URL: u bytes
//! [h]      header count: h % 9
//! per header: [n] [v] [name bytes] [value bytes]
//!          n < 0xE0: HEADER_NAMES[n % len], upper-cased when n & 0x40;
//!          n < 0xF0: DECISION_HEADERS[(n & 0x0F) % len], upper-cased when
//!          n & 0x08; else a name of (n & 0x0F) raw bytes; v: value length
//! rest     the body
//! ```

/// Statuses worth hitting often (the table's rows and edges).
pub const STATUSES: [u32; 24] = [
    0,
    200,
    204,
    206,
    301,
    304,
    399,
    400,
    403,
    404,
    405,
    409,
    412,
    416,
    429,
    499,
    500,
    503,
    504,
    599,
    600,
    999,
    u16::MAX as u32,
    u32::MAX,
];

/// Methods, in spellings that matter (HEAD in any case, near misses).
pub const METHODS: [&[u8]; 10] = [
    b"GET", b"HEAD", b"head", b"PUT", b"POST", b"DELETE", b"", b"HEAD ", b"HEADX", b"Head",
];

/// Header names the record reads, plus two it must ignore.
pub const HEADER_NAMES: [&str; 8] = [
    "x-cos-request-id",
    "x-ci-request-id",
    "x-img-request-id",
    "x-cos-trace-id",
    "x-cos-error-code",
    "content-type",
    "X-Cos-Request-Id",
    "x-cos-request-id-x",
];

/// The headers the decisions read (the service's clock, where the resource
/// is), in a range of `n` of their own so that the inputs written before
/// them decode as they did.
pub const DECISION_HEADERS: [&str; 3] = ["date", "location", "x-cos-bucket-region"];

/// A decoded fuzz input: one HTTP response.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResponseInput<'a> {
    pub status: u32,
    pub method: &'a [u8],
    pub url: &'a [u8],
    pub headers: Vec<(Vec<u8>, &'a [u8])>,
    pub body: &'a [u8],
}

struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }
    fn bytes(&mut self, n: usize) -> &'a [u8] {
        let n = n.min(self.0.len());
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        head
    }
}

impl<'a> ResponseInput<'a> {
    /// Decodes the layout above (never fails).
    pub fn decode(data: &'a [u8]) -> Self {
        let mut c = Cursor(data);
        let (s0, s1) = (c.byte(), c.byte());
        let status = if s0 < 0x80 {
            STATUSES[usize::from(s1) % STATUSES.len()]
        } else {
            u32::from(s0 & 0x7F) << 8 | u32::from(s1)
        };
        let method = METHODS[usize::from(c.byte()) % METHODS.len()];
        let url_len = usize::from(c.byte());
        let url = c.bytes(url_len);
        let count = c.byte() % 9;
        let mut headers = Vec::new();
        for _ in 0..count {
            let (n, v) = (c.byte(), c.byte());
            let name = if n < 0xF0 {
                let (name, upper) = if n < 0xE0 {
                    (
                        HEADER_NAMES[usize::from(n) % HEADER_NAMES.len()],
                        n & 0x40 != 0,
                    )
                } else {
                    let i = usize::from(n & 0x0F) % DECISION_HEADERS.len();
                    (DECISION_HEADERS[i], n & 0x08 != 0)
                };
                if upper {
                    name.to_ascii_uppercase().into_bytes()
                } else {
                    name.as_bytes().to_vec()
                }
            } else {
                c.bytes(usize::from(n & 0x0F)).to_vec()
            };
            headers.push((name, c.bytes(usize::from(v))));
        }
        ResponseInput {
            status,
            method,
            url,
            headers,
            body: c.0,
        }
    }

    /// Encodes a response whose status is in [`STATUSES`], method in
    /// [`METHODS`] and header names in [`HEADER_NAMES`] or
    /// [`DECISION_HEADERS`] (lower case), with a
    /// URL and header values of at most 255 bytes: the seed writer's inverse
    /// of [`ResponseInput::decode`].
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let s = STATUSES
            .iter()
            .position(|&s| s == self.status)
            .expect("status in STATUSES");
        out.extend([0, s as u8]);
        let m = METHODS
            .iter()
            .position(|&m| m == self.method)
            .expect("method in METHODS");
        out.push(m as u8);
        assert!(self.url.len() < 256 && self.headers.len() < 9);
        out.push(self.url.len() as u8);
        out.extend_from_slice(self.url);
        out.push(self.headers.len() as u8);
        for (name, value) in &self.headers {
            let position = |names: &[&str]| names.iter().position(|h| h.as_bytes() == name);
            let n = match (position(&HEADER_NAMES), position(&DECISION_HEADERS)) {
                (Some(i), _) => i,
                (None, Some(i)) => 0xE0 + i,
                (None, None) => panic!("header name {name:?} not in the layout's lists"),
            };
            assert!(value.len() < 256);
            out.extend([n as u8, value.len() as u8]);
            out.extend_from_slice(value);
        }
        out.extend_from_slice(self.body);
        out
    }

    /// The headers as the core's [`coserr::Header`]s.
    pub fn core_headers(&self) -> Vec<coserr::Header<'_>> {
        self.headers
            .iter()
            .map(|(n, v)| coserr::Header { name: n, value: v })
            .collect()
    }
}
