//! The service's clock: the two date forms a COS answer carries, read as
//! Unix milliseconds. Pure functions over bytes; what does not parse is
//! `None` (nothing is guessed).

/// The Unix time in milliseconds of an RFC 3339 timestamp
/// (`2019-04-09T03:39:20Z`, with an optional fraction and `Z` or `±hh:mm`),
/// or `None` when `text` is not one.
pub fn rfc3339_ms(text: &[u8]) -> Option<i64> {
    let _ = text;
    None
}

/// The Unix time in milliseconds of an HTTP-date in any of its three forms
/// (`Tue, 09 Apr 2019 03:39:20 GMT`, `Tuesday, 09-Apr-19 03:39:20 GMT`,
/// `Tue Apr  9 03:39:20 2019`), or `None` when `text` is not one.
pub fn http_date_ms(text: &[u8]) -> Option<i64> {
    let _ = text;
    None
}
