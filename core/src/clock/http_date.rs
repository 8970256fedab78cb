//! HTTP-date (RFC 9110 section 5.6.7) in its three forms to Unix
//! milliseconds.

use super::civil::{seconds_of_day, unix_days, weekday};
use super::cursor::Cursor;

const DAY_NAMES: [[u8; 3]; 7] = [
    *b"Mon", *b"Tue", *b"Wed", *b"Thu", *b"Fri", *b"Sat", *b"Sun",
];
const LONG_DAY_NAMES: [&[u8]; 7] = [
    b"Monday",
    b"Tuesday",
    b"Wednesday",
    b"Thursday",
    b"Friday",
    b"Saturday",
    b"Sunday",
];
const MONTH_NAMES: [[u8; 3]; 12] = [
    *b"Jan", *b"Feb", *b"Mar", *b"Apr", *b"May", *b"Jun", *b"Jul", *b"Aug", *b"Sep", *b"Oct",
    *b"Nov", *b"Dec",
];

/// The fields of a date as written, before they are checked.
struct Written {
    weekday: u32,
    year: u32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
}

/// See [`crate::clock::http_date_ms`] for the accepted forms and rules.
pub(super) fn parse(text: &[u8]) -> Option<i64> {
    let text = trim_whitespace(text);
    let written = imf_fixdate(text)
        .or_else(|| rfc850_date(text))
        .or_else(|| asctime_date(text))?;
    instant_ms(&written)
}

/// `text` without the spaces and tabs around it (an HTTP field value's
/// optional whitespace).
fn trim_whitespace(text: &[u8]) -> &[u8] {
    let is_space = |byte: &u8| matches!(byte, b' ' | b'\t');
    let start = text.iter().position(|b| !is_space(b)).unwrap_or(text.len());
    let end = text
        .iter()
        .rposition(|b| !is_space(b))
        .map_or(start, |last| last + 1);
    text.get(start..end).unwrap_or(&[])
}

/// `Sun, 06 Nov 1994 08:49:37 GMT`
fn imf_fixdate(text: &[u8]) -> Option<Written> {
    // One fixed layout of 29 bytes (every `Date` header COS sends), read
    // by a slice pattern: no loop, no cursor, no index that can fail.
    let &[
        w0,
        w1,
        w2,
        b',',
        b' ',
        d0,
        d1,
        b' ',
        m0,
        m1,
        m2,
        b' ',
        y0,
        y1,
        y2,
        y3,
        b' ',
        h0,
        h1,
        b':',
        i0,
        i1,
        b':',
        s0,
        s1,
        b' ',
        b'G',
        b'M',
        b'T',
    ] = text
    else {
        return None;
    };
    Some(Written {
        weekday: position(&DAY_NAMES, [w0, w1, w2])?,
        year: number(&[y0, y1, y2, y3])?,
        month: position(&MONTH_NAMES, [m0, m1, m2])? + 1,
        day: number(&[d0, d1])?,
        hour: number(&[h0, h1])?,
        minute: number(&[i0, i1])?,
        second: number(&[s0, s1])?,
    })
}

/// The index of `name` in `names`.
fn position(names: &[[u8; 3]], name: [u8; 3]) -> Option<u32> {
    let index = names.iter().position(|n| *n == name)?;
    u32::try_from(index).ok()
}

/// The decimal number written by `digits` (at most four).
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |n, &d| {
        d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
    })
}

fn rfc850_date(text: &[u8]) -> Option<Written> {
    let mut c = Cursor::new(text);
    let weekday = c.name(&LONG_DAY_NAMES)?;
    c.literal(b", ")?;
    let day = c.digits(2)?;
    c.byte(b'-')?;
    let month = c.short_name(&MONTH_NAMES)? + 1;
    c.byte(b'-')?;
    let two_digit_year = c.digits(2)?;
    c.byte(b' ')?;
    let (hour, minute, second) = time_of_day(&mut c)?;
    c.literal(b" GMT")?;
    c.end()?;
    // The httpdate crate's fixed pivot: 70–99 are 1970–1999, 00–69 are
    // 2000–2069.
    let year = if two_digit_year < 70 {
        2000 + two_digit_year
    } else {
        1900 + two_digit_year
    };
    Some(Written {
        weekday,
        year,
        month,
        day,
        hour,
        minute,
        second,
    })
}

/// `Sun Nov  6 08:49:37 1994` (the day is a space and one digit, or two
/// digits)
fn asctime_date(text: &[u8]) -> Option<Written> {
    let mut c = Cursor::new(text);
    let weekday = c.short_name(&DAY_NAMES)?;
    c.byte(b' ')?;
    let month = c.short_name(&MONTH_NAMES)? + 1;
    c.byte(b' ')?;
    let day = if c.eat(b" ") {
        c.digits(1)?
    } else {
        c.digits(2)?
    };
    c.byte(b' ')?;
    let (hour, minute, second) = time_of_day(&mut c)?;
    c.byte(b' ')?;
    let year = c.digits(4)?;
    c.end()?;
    Some(Written {
        weekday,
        year,
        month,
        day,
        hour,
        minute,
        second,
    })
}

/// `08:49:37`
fn time_of_day(c: &mut Cursor<'_>) -> Option<(u32, u32, u32)> {
    let hour = c.digits(2)?;
    c.byte(b':')?;
    let minute = c.digits(2)?;
    c.byte(b':')?;
    let second = c.digits(2)?;
    Some((hour, minute, second))
}

/// The instant of a written date: the year within 1970–9999, the date
/// existing, the weekday its own, the time in range.
fn instant_ms(w: &Written) -> Option<i64> {
    if w.year < 1970 {
        return None;
    }
    let days = unix_days(w.year, w.month, w.day)?;
    if weekday(days) != w.weekday {
        return None;
    }
    // 0 <= days < 3 * 10^6: the products stay far inside i64.
    Some((days * 86_400 + seconds_of_day(w.hour, w.minute, w.second)?) * 1000)
}

#[cfg(test)]
mod tests {
    use super::parse;

    /// Each expected value was checked with Python's `datetime` or
    /// `date -u -d`, not with this code.
    const VALID: &[(&str, i64)] = &[
        ("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_777_000),
        ("Sunday, 06-Nov-94 08:49:37 GMT", 784_111_777_000),
        ("Sun Nov  6 08:49:37 1994", 784_111_777_000),
        ("Sun Nov 06 08:49:37 1994", 784_111_777_000),
        ("Tue, 09 Apr 2019 03:39:20 GMT", 1_554_781_160_000),
        ("Tuesday, 09-Apr-19 03:39:20 GMT", 1_554_781_160_000),
        ("Tue Apr  9 03:39:20 2019", 1_554_781_160_000),
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0),
        ("Thursday, 01-Jan-70 00:00:00 GMT", 0),
        ("Thu Jan  1 00:00:00 1970", 0),
        // RFC 850 years 00-69 are 2000-2069.
        ("Tuesday, 31-Dec-69 23:59:59 GMT", 3_155_759_999_000),
        ("Saturday, 01-Jan-00 00:00:00 GMT", 946_684_800_000),
        ("Fri, 31 Dec 9999 23:59:59 GMT", 253_402_300_799_000),
        ("Fri Dec 31 23:59:59 9999", 253_402_300_799_000),
        ("Tue, 29 Feb 2000 12:00:00 GMT", 951_825_600_000),
        ("Thu, 29 Feb 2024 00:00:00 GMT", 1_709_164_800_000),
        ("Tue, 29 Feb 2400 00:00:00 GMT", 13_574_563_200_000),
        ("Mon, 01 Mar 2100 00:00:00 GMT", 4_107_542_400_000),
        // Leap second: the next day's midnight.
        ("Sat, 31 Dec 2016 23:59:60 GMT", 1_483_228_800_000),
        ("Saturday, 31-Dec-16 23:59:60 GMT", 1_483_228_800_000),
        ("Sat Dec 31 23:59:60 2016", 1_483_228_800_000),
        // Optional whitespace around the value.
        (" \tTue, 09 Apr 2019 03:39:20 GMT \t", 1_554_781_160_000),
        ("  Tue Apr  9 03:39:20 2019  ", 1_554_781_160_000),
    ];

    const INVALID: &[&str] = &[
        "",
        " \t ",
        // Wrong weekday.
        "Mon, 06 Nov 1994 08:49:37 GMT",
        "Monday, 06-Nov-94 08:49:37 GMT",
        "Mon Nov  6 08:49:37 1994",
        // 1969-12-31 was a Wednesday, but "69" is 2069 (a Tuesday).
        "Wednesday, 31-Dec-69 23:59:59 GMT",
        // Bad names and case.
        "sun, 06 Nov 1994 08:49:37 GMT",
        "SUN, 06 Nov 1994 08:49:37 GMT",
        "Sun, 06 nov 1994 08:49:37 GMT",
        "Sun, 06 NOV 1994 08:49:37 GMT",
        "Sun, 06 Noe 1994 08:49:37 GMT",
        "Sun, 06 November 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 gmt",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 Nov 1994 08:49:37 +0000",
        "sunday, 06-Nov-94 08:49:37 GMT",
        "Sunday, 06-nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994 GMT",
        "Sux, 06 Nov 1994 08:49:37 GMT",
        // Forms mixed up.
        "Sun, 06-Nov-94 08:49:37 GMT",
        "Sunday, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-1994 08:49:37 GMT",
        "Sun, 06 Nov 94 08:49:37 GMT",
        "Sun Nov 6 08:49:37 1994",
        "Sun Nov   6 08:49:37 1994",
        "Sun Nov  6 08:49:37 94",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun,  06 Nov 1994 08:49:37 GMT",
        "Sun,06 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994  08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37",
        "Sun, 06 Nov 1994 08:49 GMT",
        "06 Nov 1994 08:49:37 GMT",
        // Bad dates and times.
        "Wed, 31 Dec 1969 23:59:59 GMT",
        "Sat, 01 Jan 0000 00:00:00 GMT",
        "Sun, 00 Nov 1994 08:49:37 GMT",
        "Thu, 31 Nov 1994 08:49:37 GMT",
        "Mon, 29 Feb 2100 00:00:00 GMT",
        "Thu, 29 Feb 2019 00:00:00 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:37 GMT",
        "Sun, 06 Nov 1994 08:49:61 GMT",
        "Sun Nov  0 08:49:37 1994",
        // Extra bytes; whitespace other than spaces and tabs.
        "Sun, 06 Nov 1994 08:49:37 GMTx",
        "xSun, 06 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT\r\n",
        "\nSun, 06 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT\u{a0}",
        "Sun, 06 Nov 1994 08:49:37\u{a0}GMT",
        "Sun, ０6 Nov 1994 08:49:37 GMT",
    ];

    #[test]
    fn valid_dates() {
        for &(text, expected) in VALID {
            assert_eq!(parse(text.as_bytes()), Some(expected), "{text}");
        }
    }

    #[test]
    fn invalid_dates() {
        for &text in INVALID {
            assert_eq!(parse(text.as_bytes()), None, "{text:?}");
        }
    }

    #[test]
    fn not_utf8() {
        assert_eq!(parse(b"Sun, 06 Nov 1994 08:49:37 GMT\xff"), None);
        assert_eq!(parse(b"\xff"), None);
    }
}
