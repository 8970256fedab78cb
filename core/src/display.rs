//! The one-line display for logs and support tickets, the JSON digest, and
//! the accessors named after the COS Python SDK's getters.

use core::fmt::{self, Write};

use crate::field::Field;
use crate::kind::Kind;
use crate::record::ErrorRecord;
use crate::retry::Retry;

/// Getters named after the Python SDK's: a field's text, `None` when absent.
macro_rules! field_getters {
    ($($(#[$doc:meta])* $name:ident: $field:ident;)*) => {
        $($(#[$doc])* pub fn $name(&self) -> Option<&str> { self.opt(Field::$field) })*
    };
}

impl ErrorRecord {
    /// `get_status_code()`: the HTTP status (0 = unknown).
    pub fn status_code(&self) -> u32 {
        self.status()
    }

    field_getters! {
        /// `get_error_code()`: the COS code, e.g. `NoSuchKey`.
        error_code: Code;
        /// `get_error_msg()`: the message.
        error_msg: Message;
        /// `get_resource_location()`: the resource (the URL when the body has none).
        resource_location: Resource;
        /// `get_request_id()`: the key for COS's diagnosis tool.
        request_id: RequestId;
        /// `get_trace_id()`.
        trace_id: TraceId;
        /// The `ServerTime` of signature errors.
        server_time: ServerTime;
        /// The `Location` header: where a redirect points.
        location: Location;
        /// The `x-cos-bucket-region` header: the bucket's region.
        region: Region;
    }

    /// `get_digest_msg()`: a value whose `Display` is the JSON digest.
    pub fn digest(&self) -> Digest<'_> {
        Digest(self)
    }

    fn opt(&self, f: Field) -> Option<&str> {
        self.has(f).then(|| self.get(f))
    }

    /// Writes the JSON digest: the Python SDK's keys `code`, `message`,
    /// `resource`, `requestid`, `traceid` (null when absent), then `status`,
    /// `kind` and `retry` (the retry class's name).
    pub fn write_json<W: Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        w.write_char('{')?;
        for (i, (key, field)) in DIGEST_KEYS.iter().enumerate() {
            if i > 0 {
                w.write_char(',')?;
            }
            write_all(w, &["\"", key, "\":"])?;
            match self.opt(*field) {
                Some(v) => json_string(w, v)?,
                None => w.write_str("null")?,
            }
        }
        write!(w, ",\"status\":{}", self.status())?;
        write_all(
            w,
            &[
                ",\"kind\":\"",
                self.kind().name(),
                "\",\"retry\":\"",
                self.retry().name(),
                "\"}",
            ],
        )
    }
}

/// The digest keys of the Python SDK, in its order.
const DIGEST_KEYS: [(&str, Field); 5] = [
    ("code", Field::Code),
    ("message", Field::Message),
    ("resource", Field::Resource),
    ("requestid", Field::RequestId),
    ("traceid", Field::TraceId),
];

/// The JSON digest of a record ([`ErrorRecord::digest`]).
#[derive(Clone, Copy, Debug)]
pub struct Digest<'a>(&'a ErrorRecord);

impl fmt::Display for Digest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write_json(f)
    }
}

/// One line, always with status, code, message, request id and trace id
/// (`-` when absent), values quoted and escaped so the line stays one line;
/// the retry class after the status when it is not `none`:
///
/// `CosServiceError status=503 retry=transient code="ServiceUnavailable" message="..." request_id="..." trace_id="..." resource="..."`
impl fmt::Display for ErrorRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.kind() {
            Kind::Service => "CosServiceError",
            Kind::Client => "CosClientError",
            Kind::None => "NotAnError",
        };
        f.write_str(label)?;
        write!(f, " status={}", self.status())?;
        if self.kind() == Kind::Client {
            write_all(f, &[" cause=", self.body_status().name()])?;
        }
        if self.retry() != Retry::None {
            write_all(f, &[" retry=", self.retry().name()])?;
        }
        for (name, field) in [
            ("code", Field::Code),
            ("message", Field::Message),
            ("request_id", Field::RequestId),
            ("trace_id", Field::TraceId),
            ("resource", Field::Resource),
        ] {
            write_all(f, &[" ", name, "="])?;
            match self.opt(field) {
                Some(v) => quoted(f, v)?,
                None => f.write_char('-')?,
            }
        }
        Ok(())
    }
}

/// Writes each of `parts` as it is. Texts go out with `write_str`, not
/// through `{}`, whose padding support would add code to the shipped
/// library for nothing.
fn write_all<W: Write + ?Sized>(w: &mut W, parts: &[&str]) -> fmt::Result {
    parts.iter().try_for_each(|p| w.write_str(p))
}

/// `"..."` with `"`, `\` and control characters escaped Rust-style.
fn quoted<W: Write + ?Sized>(w: &mut W, s: &str) -> fmt::Result {
    w.write_char('"')?;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c == '"' || c == '\\' || c.is_control() {
            w.write_str(s.get(start..i).unwrap_or_default())?;
            for e in c.escape_default() {
                w.write_char(e)?;
            }
            start = i + c.len_utf8();
        }
    }
    w.write_str(s.get(start..).unwrap_or_default())?;
    w.write_char('"')
}

/// A JSON string literal (RFC 8259 escapes).
fn json_string<W: Write + ?Sized>(w: &mut W, s: &str) -> fmt::Result {
    w.write_char('"')?;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let esc = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            _ => None,
        };
        if esc.is_some() || (c as u32) < 0x20 {
            w.write_str(s.get(start..i).unwrap_or_default())?;
            match esc {
                Some(e) => w.write_str(e)?,
                None => {
                    // A control character: `\u00XX`.
                    let hex = |n: u32| char::from_digit(n & 0xf, 16).unwrap_or('0');
                    w.write_str("\\u00")?;
                    w.write_char(hex(c as u32 >> 4))?;
                    w.write_char(hex(c as u32))?;
                }
            }
            start = i + 1;
        }
    }
    w.write_str(s.get(start..).unwrap_or_default())?;
    w.write_char('"')
}
