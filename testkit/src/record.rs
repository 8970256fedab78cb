//! The owned record of one response written as plain strings, the way the
//! table-driven tests state their cases.

use coserr::{ErrorRecord, Response};

/// `ErrorRecord::from_response` of status, method, URL, headers and body.
pub fn record(
    status: u32,
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> ErrorRecord {
    ErrorRecord::from_response(&Response {
        status,
        method: method.as_bytes(),
        url: url.as_bytes(),
        headers,
        body,
    })
}
