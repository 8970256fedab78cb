//! The proleptic Gregorian calendar and the time of day, counted as Unix
//! time counts them: days since 1970-01-01, seconds since midnight.

/// 2000 and 2400 are leap years, 1900 and 2100 are not.
pub(super) const fn is_leap(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

/// The number of days in `month` (1–12) of `year`; 0 for no such month.
pub(super) const fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days from 1970-01-01 to `year`-`month`-`day` (negative before), or
/// `None` when the date does not exist or the year is past 9999.
pub(super) fn unix_days(year: u32, month: u32, day: u32) -> Option<i64> {
    if year > 9999 || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    // Howard Hinnant's days_from_civil: years start on March 1st, so the
    // leap day is the last day of its year. All values are small (year <=
    // 9999), so the arithmetic cannot overflow.
    let (year, month, day) = (i64::from(year), i64::from(month), i64::from(day));
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let shifted_month = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

/// The day of the week of a day counted from 1970-01-01 (a Thursday):
/// 0 for Monday through 6 for Sunday.
pub(super) const fn weekday(unix_days: i64) -> u32 {
    // rem_euclid(7) is in 0..7, so the cast is lossless.
    (unix_days + 3).rem_euclid(7) as u32
}

/// Seconds since midnight of `hour`:`minute`:`second`, or `None` out of
/// range. Second 60 (a leap second) is counted as POSIX time counts it:
/// 23:59:60 is the next day's 00:00:00.
pub(super) fn seconds_of_day(hour: u32, minute: u32, second: u32) -> Option<i64> {
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    Some(i64::from(hour * 3600 + minute * 60 + second))
}
