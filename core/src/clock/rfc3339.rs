//! RFC 3339 `date-time` (section 5.6) to Unix milliseconds.

use super::civil::{seconds_of_day, unix_days};
use super::cursor::Cursor;

/// See [`crate::clock::rfc3339_ms`] for the accepted grammar.
pub(super) fn parse(text: &[u8]) -> Option<i64> {
    let mut c = Cursor::new(text);
    let year = c.digits(4)?;
    c.byte(b'-')?;
    let month = c.digits(2)?;
    c.byte(b'-')?;
    let day = c.digits(2)?;
    if !matches!(c.take_byte()?, b'T' | b't') {
        return None;
    }
    let hour = c.digits(2)?;
    c.byte(b':')?;
    let minute = c.digits(2)?;
    c.byte(b':')?;
    let second = c.digits(2)?;
    let millis = if c.eat(b".") {
        fraction_ms(c.digit_run())?
    } else {
        0
    };
    let offset = match c.take_byte()? {
        b'Z' | b'z' => 0,
        sign @ (b'+' | b'-') => {
            let hours = c.digits(2)?;
            c.byte(b':')?;
            let minutes = c.digits(2)?;
            let seconds = seconds_of_day(hours, minutes, 0)?;
            if sign == b'-' { -seconds } else { seconds }
        }
        _ => return None,
    };
    c.end()?;
    // |days| < 3 * 10^6, so every product below stays far inside i64.
    let local = unix_days(year, month, day)? * 86_400 + seconds_of_day(hour, minute, second)?;
    Some((local - offset) * 1000 + millis)
}

/// The milliseconds of a fraction's digits: the first three, missing ones
/// read as 0, the rest ignored (truncation). `None` for no digit at all.
fn fraction_ms(digits: &[u8]) -> Option<i64> {
    if digits.is_empty() {
        return None;
    }
    let mut millis = 0;
    // `digits` is a run of ASCII digits, so `d - b'0'` is 0..=9.
    for place in 0..3 {
        let digit = digits.get(place).map_or(0, |d| i64::from(d - b'0'));
        millis = millis * 10 + digit;
    }
    Some(millis)
}

#[cfg(test)]
mod tests {
    use super::parse;

    /// Each expected value was checked with Python's `datetime` or
    /// `date -u -d`, not with this code.
    const VALID: &[(&str, i64)] = &[
        ("2019-04-09T03:39:20Z", 1_554_781_160_000),
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59.999Z", -1),
        ("2000-01-01T00:00:00Z", 946_684_800_000),
        ("2000-02-29T12:00:00Z", 951_825_600_000),
        ("2400-02-29T00:00:00Z", 13_574_563_200_000),
        ("2024-02-29T00:00:00Z", 1_709_164_800_000),
        ("1600-02-29T00:00:00Z", -11_670_998_400_000),
        ("1900-02-28T00:00:00Z", -2_203_977_600_000),
        ("1900-03-01T00:00:00Z", -2_203_891_200_000),
        ("2100-02-28T00:00:00Z", 4_107_456_000_000),
        ("2100-03-01T00:00:00Z", 4_107_542_400_000),
        ("0000-01-01T00:00:00Z", -62_167_219_200_000),
        ("0000-01-01T00:00:00+01:00", -62_167_222_800_000),
        ("0001-01-01T00:00:00Z", -62_135_596_800_000),
        ("9999-12-31T23:59:59Z", 253_402_300_799_000),
        ("9999-12-31T23:59:59.999Z", 253_402_300_799_999),
        // Offsets: all the same instant as the first row.
        ("2019-04-09T11:39:20+08:00", 1_554_781_160_000),
        ("2019-04-08T22:09:20-05:30", 1_554_781_160_000),
        ("2019-04-09T03:39:20-00:00", 1_554_781_160_000),
        ("2019-04-09T03:39:20+00:00", 1_554_781_160_000),
        ("2019-04-09T03:39:20+23:59", 1_554_694_820_000),
        ("2019-04-09T03:39:20-23:59", 1_554_867_500_000),
        // Lowercase t and z.
        ("2019-04-09t03:39:20z", 1_554_781_160_000),
        ("2019-04-09t03:39:20Z", 1_554_781_160_000),
        ("2019-04-09T03:39:20z", 1_554_781_160_000),
        // Fractions: the first three digits, truncated.
        ("2019-04-09T03:39:20.5Z", 1_554_781_160_500),
        ("2019-04-09T03:39:20.12Z", 1_554_781_160_120),
        ("2019-04-09T03:39:20.123Z", 1_554_781_160_123),
        ("2019-04-09T03:39:20.1239Z", 1_554_781_160_123),
        ("2019-04-09T03:39:20.999999999999Z", 1_554_781_160_999),
        ("2019-04-09T03:39:20.000Z", 1_554_781_160_000),
        ("2019-04-09T11:39:20.25+08:00", 1_554_781_160_250),
        // Leap seconds, counted as POSIX counts them.
        ("2016-12-31T23:59:60Z", 1_483_228_800_000),
        ("2016-12-31T23:59:60.5Z", 1_483_228_800_500),
        ("2012-06-30T23:59:60Z", 1_341_100_800_000),
        ("2017-01-01T07:59:60+08:00", 1_483_228_800_000),
    ];

    const INVALID: &[&str] = &[
        "",
        "2019",
        "2019-04-09",
        "2019-04-09T03:39:20",
        "2019-04-09T03:39Z",
        // Bad dates.
        "2019-00-09T03:39:20Z",
        "2019-13-09T03:39:20Z",
        "2019-04-00T03:39:20Z",
        "2019-04-31T03:39:20Z",
        "2019-02-29T03:39:20Z",
        "2100-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z",
        "2000-02-30T00:00:00Z",
        // Bad times and offsets.
        "2019-04-09T24:00:00Z",
        "2019-04-09T03:60:20Z",
        "2019-04-09T03:39:61Z",
        "2019-04-09T03:39:99Z",
        "2019-04-09T03:39:20+24:00",
        "2019-04-09T03:39:20+08:60",
        "2019-04-09T03:39:20+0800",
        "2019-04-09T03:39:20+08",
        "2019-04-09T03:39:20+8:00",
        "2019-04-09T03:39:20 +08:00",
        "2019-04-09T03:39:20UTC",
        "2019-04-09T03:39:20GMT",
        // Missing or extra digits.
        "219-04-09T03:39:20Z",
        "20190-04-09T03:39:20Z",
        "2019-4-09T03:39:20Z",
        "2019-04-9T03:39:20Z",
        "2019-04-09T3:39:20Z",
        "2019-04-09T03:9:20Z",
        "2019-04-09T03:39:2Z",
        "2019-04-09T03:39:200Z",
        "+2019-04-09T03:39:20Z",
        "-2019-04-09T03:39:20Z",
        // Separators and whitespace.
        "2019-04-09 03:39:20Z",
        "2019-04-09_03:39:20Z",
        "2019/04/09T03:39:20Z",
        "2019-04-09T03.39.20Z",
        " 2019-04-09T03:39:20Z",
        "2019-04-09T03:39:20Z ",
        "2019-04-09T03:39:20Z\n",
        // Fractions.
        "2019-04-09T03:39:20.Z",
        "2019-04-09T03:39:20,5Z",
        "2019-04-09T03:39:20.5.5Z",
        "2019-04-09T03:39:20.5aZ",
        // Extra bytes, non-ASCII.
        "2019-04-09T03:39:20ZZ",
        "2019-04-09T03:39:20Z0",
        "2019-04-09T03:39:20+08:00Z",
        "2019-04-09T03:39:20\u{2212}08:00",
        "２019-04-09T03:39:20Z",
        "2019-04-09T03:39:20Z\u{0}",
    ];

    #[test]
    fn valid_timestamps() {
        for &(text, expected) in VALID {
            assert_eq!(parse(text.as_bytes()), Some(expected), "{text}");
        }
    }

    #[test]
    fn invalid_timestamps() {
        for &text in INVALID {
            assert_eq!(parse(text.as_bytes()), None, "{text:?}");
        }
    }

    #[test]
    fn huge_fraction() {
        let mut text = [b'7'; 600];
        let head = b"2019-04-09T03:39:20.";
        text[..head.len()].copy_from_slice(head);
        text[599] = b'Z';
        assert_eq!(parse(&text), Some(1_554_781_160_777));
        text[300] = b'x';
        assert_eq!(parse(&text), None);
    }

    #[test]
    fn not_utf8() {
        assert_eq!(parse(b"2019-04-09T03:39:20\xffZ"), None);
        assert_eq!(parse(b"\xff"), None);
    }
}
