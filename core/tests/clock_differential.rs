//! Differential test of the clock parsers against well-kept crates used as
//! oracles: `coserr::clock::rfc3339_ms` against chrono's
//! `DateTime::parse_from_rfc3339`, `coserr::clock::http_date_ms` against
//! httpdate's `parse_http_date` (hyper's).
//!
//! A seeded generator writes dates across 1970–2100 (RFC 3339; a tenth over
//! 0000–9999), across httpdate's 1970–9999 (IMF-fixdate and asctime) and
//! 1970–2069 (RFC 850), with leap days in leap and non-leap years, leap
//! seconds, wrong weekdays, out-of-range fields, random offsets, fractions
//! of 0–12 digits and lowercase `t`/`z`; each is then mutated at the byte
//! level (flips, insertions, deletions, truncations). Every input must give
//! the oracle's answer, except where the oracle's documented rules differ
//! from ours on purpose (each such rule is written where it is checked, and
//! ours is asserted there).
//!
//! `COSERR_CLOCK_DIFF_SEED` and `COSERR_CLOCK_DIFF_N` override the seed and
//! the number of generated dates of each kind; a failure prints the seed and
//! the input.

use chrono::{DateTime, Datelike, NaiveDate};
use coserr::clock::{http_date_ms, rfc3339_ms};
use coserr_testkit::rng::Rng;
use std::time::UNIX_EPOCH;

const DEFAULT_SEED: u64 = 0x5EED_C10C_0015_0001;
const DEFAULT_N: usize = 40_000;
/// Mutated copies of each generated date.
const MUTANTS: usize = 2;

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn chrono_ms(text: &[u8]) -> Option<i64> {
    let text = std::str::from_utf8(text).ok()?;
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.timestamp_millis())
}

fn httpdate_ms(text: &[u8]) -> Option<i64> {
    let text = std::str::from_utf8(text).ok()?;
    let time = httpdate::parse_http_date(text).ok()?;
    let ms = time.duration_since(UNIX_EPOCH).ok()?.as_millis();
    i64::try_from(ms).ok()
}

fn show(text: &[u8]) -> String {
    String::from_utf8_lossy(text).escape_debug().to_string()
}

#[derive(Default, Debug)]
struct Stats {
    accepted: usize,
    rejected: usize,
    leap_days_accepted: usize,
    leap_days_rejected: usize,
    leap_seconds: usize,
    /// Inputs where the oracle's rule differs from ours on purpose.
    rule_differences: usize,
}

impl Stats {
    fn count(&mut self, ours: Option<i64>) {
        match ours {
            Some(_) => self.accepted += 1,
            None => self.rejected += 1,
        }
    }
}

// ---------------------------------------------------------------------------
// Generated fields

struct Fields {
    year: u32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
}

fn days_in_month(year: u32, month: u32) -> u32 {
    // chrono's calendar, not the parser's.
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    let first = NaiveDate::from_ymd_opt(year as i32, month, 1).unwrap();
    let next = NaiveDate::from_ymd_opt(next_year as i32, next_month, 1).unwrap();
    (next - first).num_days() as u32
}

fn is_leap(year: u32) -> bool {
    NaiveDate::from_ymd_opt(year as i32, 2, 29).is_some()
}

/// Mostly valid fields; sometimes Feb 29 whatever the year, and now and
/// then a field just out of range.
fn fields(rng: &mut Rng, years: (u32, u32)) -> Fields {
    let year = years.0 + rng.below(u64::from(years.1 - years.0 + 1)) as u32;
    let (month, day) = if rng.chance(8) {
        (2, 29)
    } else {
        let month = 1 + rng.below(12) as u32;
        (
            month,
            1 + rng.below(u64::from(days_in_month(year, month))) as u32,
        )
    };
    let mut f = Fields {
        year,
        month,
        day,
        hour: rng.below(24) as u32,
        minute: rng.below(60) as u32,
        second: if rng.chance(5) {
            60
        } else {
            rng.below(60) as u32
        },
    };
    if rng.chance(4) {
        match rng.below(5) {
            0 => f.month = rng.pick(&[0, 13, 99]),
            1 => f.day = rng.pick(&[0, days_in_month(f.year, f.month) + 1, 32, 99]),
            2 => f.hour = rng.pick(&[24, 25, 99]),
            3 => f.minute = rng.pick(&[60, 99]),
            _ => f.second = rng.pick(&[61, 99]),
        }
    }
    f
}

/// Counts a 29 February: accepted in a leap year, and asserted rejected in
/// any other.
fn count_leap_day(f: &Fields, ours: Option<i64>, stats: &mut Stats, text: &[u8]) {
    if (f.month, f.day) != (2, 29) {
        return;
    }
    if !is_leap(f.year) {
        assert_eq!(ours, None, "not a leap year: {}", show(text));
        stats.leap_days_rejected += 1;
    } else if ours.is_some() {
        stats.leap_days_accepted += 1;
    }
}

// ---------------------------------------------------------------------------
// Mutations

const ALPHABET: &[u8] = b"0123456789 \t\r\n\x0b:-+.,TtZzGMSunovDecFebWdy\x00\xff\xc3\xa0";

fn mutate(rng: &mut Rng, text: &[u8]) -> Vec<u8> {
    let mut out = text.to_vec();
    for _ in 0..1 + rng.below(3) {
        let at = rng.index(out.len() + 1);
        let byte = if rng.chance(80) {
            rng.pick(ALPHABET)
        } else {
            rng.below(256) as u8
        };
        match rng.below(5) {
            0 if at < out.len() => out[at] = byte,
            1 => out.insert(at, byte),
            2 if at < out.len() => {
                out.remove(at);
            }
            3 => out.truncate(at),
            _ if at + 1 < out.len() => out.swap(at, at + 1),
            _ => out.push(byte),
        }
    }
    out
}

// ---------------------------------------------------------------------------
// RFC 3339

fn rfc3339_text(rng: &mut Rng) -> (Vec<u8>, Fields) {
    let years = if rng.chance(10) {
        (0, 9999)
    } else {
        (1970, 2100)
    };
    let f = fields(rng, years);
    let mut text = format!(
        "{:04}-{:02}-{:02}{}{:02}:{:02}:{:02}",
        f.year,
        f.month,
        f.day,
        // A space is chrono's, not ours (see check_rfc3339).
        rng.pick(&['T', 'T', 'T', 'T', 't', 't', ' ']),
        f.hour,
        f.minute,
        f.second
    );
    let digits = rng.below(13);
    if digits > 0 || rng.chance(3) {
        text.push('.');
        for _ in 0..digits {
            text.push(char::from(b'0' + rng.below(10) as u8));
        }
    }
    match rng.below(4) {
        0 => text.push('Z'),
        1 => text.push('z'),
        _ => {
            // U+2212 is chrono's, not ours (see check_rfc3339).
            let sign = rng.pick(&['+', '-', '+', '-', '+', '-', '\u{2212}']);
            let (hours, minutes) = if rng.chance(3) {
                (rng.pick(&[24, 99]), rng.pick(&[0, 60]))
            } else {
                (rng.below(24), rng.below(60))
            };
            text.push_str(&format!("{sign}{hours:02}:{minutes:02}"));
        }
    }
    (text.into_bytes(), f)
}

fn check_rfc3339(text: &[u8], stats: &mut Stats, seed: u64) {
    let ours = rfc3339_ms(text);
    stats.count(ours);
    agree_rfc3339(text, ours, stats, seed);
}

/// `ours` (our answer for `text`) is chrono's, or differs by one of the
/// rules below.
fn agree_rfc3339(text: &[u8], ours: Option<i64>, stats: &mut Stats, seed: u64) {
    let oracle = chrono_ms(text);
    // chrono also takes a space for `T` (RFC 3339 allows it only as an
    // application's choice "for readability"; the date-time grammar has
    // `T`), and U+2212 MINUS SIGN before the offset. We take neither: COS
    // writes `T` and `-`. With those replaced, the two must agree again.
    let minus_sign = "\u{2212}".as_bytes();
    let replaced = if text.get(10) == Some(&b' ') {
        let mut with_t = text.to_vec();
        with_t[10] = b'T';
        Some(with_t)
    } else {
        text.windows(3).position(|w| w == minus_sign).map(|at| {
            let mut with_hyphen = text.to_vec();
            with_hyphen.splice(at..at + 3, [b'-']);
            with_hyphen
        })
    };
    if let Some(replaced) = replaced {
        assert_eq!(ours, None, "seed {seed:#x}: {}", show(text));
        stats.rule_differences += usize::from(oracle.is_some());
        agree_rfc3339(&replaced, rfc3339_ms(&replaced), stats, seed);
        return;
    }
    assert_eq!(ours, oracle, "seed {seed:#x}: {}", show(text));
}

#[test]
fn rfc3339_against_chrono() {
    let seed = env_or("COSERR_CLOCK_DIFF_SEED", DEFAULT_SEED);
    let n = env_or("COSERR_CLOCK_DIFF_N", DEFAULT_N);
    let mut rng = Rng::new(seed);
    let mut generated = Stats::default();
    let mut mutated = Stats::default();
    for _ in 0..n {
        let (text, fields) = rfc3339_text(&mut rng);
        check_rfc3339(&text, &mut generated, seed);
        let ours = rfc3339_ms(&text);
        count_leap_day(&fields, ours, &mut generated, &text);
        if fields.second == 60 && ours.is_some() {
            generated.leap_seconds += 1;
        }
        for _ in 0..MUTANTS {
            check_rfc3339(&mutate(&mut rng, &text), &mut mutated, seed);
        }
    }
    eprintln!("rfc3339: generated {generated:?}, mutated {mutated:?}");
    assert_covered(&generated, &mutated, n);
    assert!(generated.rule_differences > n / 100, "{generated:?}");
}

// ---------------------------------------------------------------------------
// HTTP-date

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const LONG_DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn http_date_text(rng: &mut Rng) -> (Vec<u8>, Fields) {
    let form = rng.below(3);
    let years = if form == 1 {
        (1970, 2069)
    } else if rng.chance(70) {
        (1970, 2100)
    } else {
        (1900, 9999)
    };
    let f = fields(rng, years);
    // The date's own weekday (chrono's), or now and then another one.
    let own = NaiveDate::from_ymd_opt(f.year as i32, f.month, f.day)
        .map(|d| d.weekday().num_days_from_monday() as usize);
    let weekday = match own {
        Some(own) if !rng.chance(5) => own,
        _ => rng.index(7),
    };
    let month = MONTHS.get(f.month.wrapping_sub(1) as usize).copied();
    let month = month.unwrap_or_else(|| rng.pick(&["Jam", "jan", "JAN", "Foo"]));
    let time = format!("{:02}:{:02}:{:02}", f.hour, f.minute, f.second);
    let mut text = match form {
        0 => format!(
            "{}, {:02} {month} {:04} {time} GMT",
            DAYS[weekday], f.day, f.year
        ),
        1 => format!(
            "{}, {:02}-{month}-{:02} {time} GMT",
            LONG_DAYS[weekday],
            f.day,
            f.year % 100
        ),
        _ if rng.chance(20) => format!(
            "{} {month} {:02} {time} {:04}",
            DAYS[weekday], f.day, f.year
        ),
        _ => format!(
            "{} {month} {:>2} {time} {:04}",
            DAYS[weekday], f.day, f.year
        ),
    };
    if rng.chance(10) {
        let pad = rng.pick(&[" ", "\t", " \t ", "  "]);
        text = format!("{pad}{text}{}", rng.pick(&["", " ", "\t"]));
    }
    (text.into_bytes(), f)
}

/// Where the space between the year and the time is in an RFC 850 date of
/// the right length.
fn rfc850_gap(text: &[u8]) -> Option<usize> {
    let name = LONG_DAYS
        .iter()
        .find(|day| text.starts_with(day.as_bytes()))?;
    let year_end = name.len() + ", 06-Nov-94".len();
    (text.len() == year_end + " 08:49:37 GMT".len()).then_some(year_end)
}

fn check_http_date(text: &[u8], stats: &mut Stats, seed: u64) {
    let ours = http_date_ms(text);
    stats.count(ours);
    agree_http_date(text, ours, stats, seed);
}

/// `ours` (our answer for `text`) is httpdate's, or differs by one of the
/// rules below.
fn agree_http_date(text: &[u8], ours: Option<i64>, stats: &mut Stats, seed: u64) {
    let oracle = httpdate_ms(text);
    // httpdate trims with `str::trim`, so CR, LF, VT and FF around the
    // value are dropped too; an HTTP field value's optional whitespace is
    // only SP and HTAB, and a parser that already has the field value should
    // not see the others, so we reject them.
    let is_ows = |b: &u8| matches!(b, b' ' | b'\t');
    let start = text.iter().position(|b| !is_ows(b)).unwrap_or(text.len());
    let end = text
        .iter()
        .rposition(|b| !is_ows(b))
        .map_or(start, |i| i + 1);
    let core = &text[start..end];
    let other_space = |b: Option<&u8>| matches!(b, Some(b'\r' | b'\n' | b'\x0b' | b'\x0c'));
    if other_space(core.first()) || other_space(core.last()) {
        assert_eq!(ours, None, "seed {seed:#x}: {}", show(text));
        stats.rule_differences += usize::from(oracle.is_some());
        return;
    }
    // httpdate's RFC 850 parser never looks at the byte between the
    // two-digit year and the time (`Sunday, 06-Nov-94x08:49:37 GMT` is a
    // date to it); the grammar has a space there, and so do we.
    if let Some(at) = rfc850_gap(core).filter(|&at| core[at] != b' ') {
        assert_eq!(ours, None, "seed {seed:#x}: {}", show(text));
        let mut with_space = core.to_vec();
        with_space[at] = b' ';
        agree_http_date(&with_space, http_date_ms(&with_space), stats, seed);
        stats.rule_differences += usize::from(oracle.is_some());
        return;
    }
    // httpdate rejects second 60; RFC 9110's grammar allows it (a leap
    // second), and we take it as POSIX time does: one second after :59.
    if let (Some(ours), None) = (ours, oracle) {
        let at = core.windows(4).position(|w| w == b":60 ");
        let at = at.unwrap_or_else(|| panic!("seed {seed:#x}: only ours: {}", show(text)));
        let mut at_59 = core.to_vec();
        at_59[at + 1..at + 3].copy_from_slice(b"59");
        assert_eq!(
            httpdate_ms(&at_59),
            Some(ours - 1000),
            "seed {seed:#x}: leap second: {}",
            show(text)
        );
        stats.leap_seconds += 1;
        stats.rule_differences += 1;
        return;
    }
    assert_eq!(ours, oracle, "seed {seed:#x}: {}", show(text));
}

#[test]
fn http_date_against_httpdate() {
    let seed = env_or("COSERR_CLOCK_DIFF_SEED", DEFAULT_SEED);
    let n = env_or("COSERR_CLOCK_DIFF_N", DEFAULT_N);
    let mut rng = Rng::new(seed ^ 0x4854_5450);
    let mut generated = Stats::default();
    let mut mutated = Stats::default();
    for _ in 0..n {
        let (text, fields) = http_date_text(&mut rng);
        check_http_date(&text, &mut generated, seed);
        count_leap_day(&fields, http_date_ms(&text), &mut generated, &text);
        for _ in 0..MUTANTS {
            check_http_date(&mutate(&mut rng, &text), &mut mutated, seed);
        }
    }
    eprintln!("http-date: generated {generated:?}, mutated {mutated:?}");
    assert_covered(&generated, &mutated, n);
}

/// The run covered what it claims to, for `n` generated dates (each floor
/// far below the expected count at the default N): accepted and rejected
/// dates, leap days both ways, leap seconds, and mutants that differ from
/// the oracle only by a stated rule.
fn assert_covered(generated: &Stats, mutated: &Stats, n: usize) {
    let floor = n / 100;
    assert!(generated.accepted > n / 2, "{generated:?}");
    assert!(generated.rejected > floor, "{generated:?}");
    assert!(generated.leap_days_accepted > floor / 4, "{generated:?}");
    assert!(generated.leap_days_rejected > floor, "{generated:?}");
    assert!(generated.leap_seconds > floor, "{generated:?}");
    assert!(
        mutated.accepted > floor && mutated.rejected > n,
        "{mutated:?}"
    );
    assert!(mutated.rule_differences > 0, "{mutated:?}");
}
