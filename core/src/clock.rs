//! The service's clock: the two date forms a COS answer carries, read as
//! Unix milliseconds. Pure functions over bytes; what does not parse is
//! `None` (nothing is guessed).

mod civil;
mod cursor;
mod http_date;
mod rfc3339;

/// The Unix time in milliseconds (UTC; negative before 1970) of an RFC 3339
/// `date-time`, or `None` when `text` is not exactly one.
///
/// The grammar is RFC 3339's, section 5.6, with exactly these digit counts:
/// `YYYY-MM-DD` `T` `hh:mm:ss` [`.` 1\*DIGIT] (`Z` | (`+` | `-`) `hh:mm`),
/// for example `2019-04-09T03:39:20Z` or `2019-04-09T11:39:20.25+08:00`.
///
/// - `T` and `Z` may be lowercase; nothing else stands in for `T` (not a
///   space), and no whitespace is allowed anywhere.
/// - Year 0000–9999, month 01–12, a day that exists in that month of the
///   proleptic Gregorian calendar (2000-02-29 exists, 2100-02-29 does not),
///   hour 00–23, minute 00–59, second 00–60.
/// - Second 60 is a leap second, counted as POSIX time counts it: `hh:mm:60`
///   is the same instant as the next minute's `:00` (`23:59:60Z` is the next
///   day's `00:00:00Z`).
/// - The fraction may have any number of digits; its first three are the
///   milliseconds (missing ones read as 0) and the rest are only checked to
///   be digits: truncated, not rounded.
/// - The offset's hours are 00–23 and minutes 00–59; `-00:00` is UTC.
pub fn rfc3339_ms(text: &[u8]) -> Option<i64> {
    rfc3339::parse(text)
}

/// The Unix time in milliseconds (UTC, whole seconds) of an HTTP-date in any
/// of the three forms of RFC 9110 section 5.6.7, or `None` when `text` is not
/// exactly one.
///
/// - IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`;
/// - RFC 850: `Sunday, 06-Nov-94 08:49:37 GMT`;
/// - asctime: `Sun Nov  6 08:49:37 1994` (the day is a space and one digit,
///   or two digits).
///
/// Rules, following the `httpdate` crate where RFC 9110 leaves room:
///
/// - Names are case-sensitive (`Mon`..`Sun`, `Monday`..`Sunday`,
///   `Jan`..`Dec`, `GMT`) and the separators are single, exactly as shown.
/// - The weekday must be the date's own; a date whose weekday disagrees is
///   `None`.
/// - The year is 1970–9999. An RFC 850 two-digit year has a fixed pivot:
///   `70`–`99` are 1970–1999 and `00`–`69` are 2000–2069 (RFC 9110's "more
///   than 50 years in the future" rule would need the local clock).
/// - The date must exist (no 29 February outside leap years); hour 00–23,
///   minute 00–59, second 00–60. Second 60 is a leap second, which RFC 9110's
///   grammar allows (`httpdate` rejects it): counted as POSIX time counts it,
///   the same instant as the next minute's `:00`.
/// - Spaces and tabs around the whole value are ignored (an HTTP field
///   value's optional whitespace); any other extra byte makes it `None`.
pub fn http_date_ms(text: &[u8]) -> Option<i64> {
    http_date::parse(text)
}
