//! Dates as editors write them: a timestamp, a day, a month or a year.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime as Zoned};
use serde::Serialize;

/// How precise a written date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    /// A weekday of a known week, the day of the month not given (`Thursday`).
    Weekday,
    Day,
    Instant,
}

/// A parsed date with what templates need: a machine form and a reader's form.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct When {
    /// For `<time datetime>`: `2025-05-16T09:30:00Z`, `2025-05-16`, `2025-05` or `2025`.
    pub iso: String,
    /// For readers: `16 May 2025, 09:30 UTC`, `16 May 2025`, `May 2025`, `2025`.
    pub display: String,
    /// RFC 3339 of the start of the period, for feeds and sorting.
    pub rfc3339: String,
    #[serde(skip)]
    pub timestamp: Timestamp,
    #[serde(skip)]
    pub precision: Precision,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Parse `2025`, `2025-05`, `2025-05-16`, or an RFC 3339 timestamp.
pub fn parse(text: &str) -> Result<When, String> {
    let t = text.trim();
    let bad = || format!("`{t}` is not a date");
    // `YYYY-MM-DD` is ten bytes; a timestamp is longer. (A failed timestamp parse builds an
    // error, so days, months and years, most of a timeline, skip it.)
    if t.len() > 10
        && let Ok(ts) = t.parse::<Timestamp>()
    {
        let utc = ts.to_zoned_datetime(TimeZone::UTC).datetime();
        let stamp = utc_stamp(utc);
        return Ok(When {
            iso: stamp.clone(),
            display: {
                let mut s = day_text(utc.date());
                s.push_str(", ");
                push2(&mut s, utc.hour());
                s.push(':');
                push2(&mut s, utc.minute());
                s.push_str(" UTC");
                s
            },
            rfc3339: stamp,
            timestamp: ts,
            precision: Precision::Instant,
        });
    }
    let parts: Vec<&str> = t.split('-').collect();
    let num = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i16>().ok())
            .flatten()
    };
    let (date, precision) = match parts.as_slice() {
        [y] => (
            num(y, 4).and_then(|y| Date::new(y, 1, 1).ok()),
            Precision::Year,
        ),
        [y, m] => (
            num(y, 4)
                .zip(num(m, 2))
                .and_then(|(y, m)| Date::new(y, m as i8, 1).ok()),
            Precision::Month,
        ),
        [y, m, d] => (
            num(y, 4)
                .zip(num(m, 2))
                .zip(num(d, 2))
                .and_then(|((y, m), d)| Date::new(y, m as i8, d as i8).ok()),
            Precision::Day,
        ),
        _ => (None, Precision::Day),
    };
    let date = date.ok_or_else(bad)?;
    let ts = date
        .to_zoned_datetime(TimeZone::UTC)
        .map_err(|_| bad())?
        .timestamp();
    let (iso, display) = match precision {
        Precision::Year => (year(date.year()), date.year().to_string()),
        Precision::Month => (
            {
                let mut s = year(date.year());
                s.push('-');
                push2(&mut s, date.month());
                s
            },
            {
                let mut s = String::with_capacity(16);
                s.push_str(MONTHS[date.month() as usize - 1]);
                s.push(' ');
                push_int(&mut s, date.year());
                s
            },
        ),
        _ => (ymd(date), day_text(date)),
    };
    Ok(When {
        iso,
        display,
        rfc3339: {
            let mut s = ymd(date);
            s.push_str("T00:00:00Z");
            s
        },
        timestamp: ts,
        precision,
    })
}

/// Append `%Y`: the year, zero-padded to four places (a sign takes one: `-044`).
fn push_year(out: &mut String, y: i16) {
    use std::fmt::Write;
    let _ = write!(out, "{y:04}");
}

/// Append a two-digit number (months, days, hours, minutes, seconds).
fn push2(out: &mut String, n: i8) {
    use std::fmt::Write;
    let _ = write!(out, "{n:02}");
}

/// `%Y`.
fn year(y: i16) -> String {
    let mut s = String::with_capacity(4);
    push_year(&mut s, y);
    s
}

/// `%Y-%m-%d`.
fn ymd(d: Date) -> String {
    let mut s = String::with_capacity(20);
    push_year(&mut s, d.year());
    s.push('-');
    push2(&mut s, d.month());
    s.push('-');
    push2(&mut s, d.day());
    s
}

/// `%Y-%m-%dT%H:%M:%SZ` of a UTC time.
fn utc_stamp(t: jiff::civil::DateTime) -> String {
    let mut s = ymd(t.date());
    s.push('T');
    push2(&mut s, t.hour());
    s.push(':');
    push2(&mut s, t.minute());
    s.push(':');
    push2(&mut s, t.second());
    s.push('Z');
    s
}

/// `16 May 2025`.
fn day_text(d: Date) -> String {
    let mut s = String::with_capacity(32);
    push_int(&mut s, d.day().into());
    s.push(' ');
    s.push_str(MONTHS[d.month() as usize - 1]);
    s.push(' ');
    push_int(&mut s, d.year());
    s
}

/// Append a number as `{}` writes it (no padding).
fn push_int(out: &mut String, n: i16) {
    if (0..=9999).contains(&n) {
        let n = n as u16;
        let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
        let first = digits.iter().position(|&d| d != 0).unwrap_or(3);
        for d in &digits[first..] {
            out.push(char::from(b'0' + *d as u8));
        }
    } else {
        use std::fmt::Write;
        let _ = write!(out, "{n}");
    }
}

/// The days of the week, Monday first, as readers see them.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A day named only by its weekday, in the (Monday to Sunday) week of `week_of`: shown as
/// the weekday alone (`Thursday`), its machine form the ISO week (`2025-W20`), since the
/// reporting gives no day of the month. Sorted as that day.
pub fn weekday_of(weekday: &str, week_of: &When) -> Result<When, String> {
    let i = WEEKDAYS
        .iter()
        .position(|d| d.eq_ignore_ascii_case(weekday.trim()))
        .ok_or_else(|| format!("`{}` is not a day of the week", weekday.trim()))?;
    if week_of.precision < Precision::Day {
        return Err(format!(
            "`week_of: {}` must be a day, to know the week",
            week_of.iso
        ));
    }
    let date = week_of.timestamp.to_zoned_datetime(TimeZone::UTC).date();
    let monday = date
        .checked_sub(jiff::Span::new().days(date.weekday().to_monday_zero_offset()))
        .map_err(|_| format!("`{}` is out of range", week_of.iso))?;
    let day = monday
        .checked_add(jiff::Span::new().days(i as i64))
        .map_err(|_| format!("`{}` is out of range", week_of.iso))?;
    let week = day.iso_week_date();
    let mut iso = year(week.year());
    iso.push_str("-W");
    push2(&mut iso, week.week());
    let ts = day
        .to_zoned_datetime(TimeZone::UTC)
        .map_err(|_| format!("`{}` is out of range", week_of.iso))?
        .timestamp();
    Ok(When {
        iso,
        display: WEEKDAYS[i].to_string(),
        rfc3339: {
            let mut s = ymd(day);
            s.push_str("T00:00:00Z");
            s
        },
        timestamp: ts,
        precision: Precision::Weekday,
    })
}

/// The local time at the venue: `12:30 in Istanbul (UTC+3)`, with its ISO form. The place
/// is the first part of `place` (`Geneva, Switzerland` -> `Geneva`) when given, since a
/// zone is named after one city only (Geneva keeps `Europe/Zurich` time).
pub fn local(when: &When, zone: &str, place: Option<&str>) -> Result<(String, String), String> {
    let tz = TimeZone::get(zone).map_err(|_| format!("`{zone}` is not a known time zone"))?;
    let z: Zoned = when.timestamp.to_zoned_datetime(tz);
    let city = match place
        .and_then(|p| p.split(',').next())
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        Some(c) => c.to_string(),
        None => zone.rsplit('/').next().unwrap_or(zone).replace('_', " "),
    };
    let secs = z.offset().seconds();
    let (sign, secs) = if secs < 0 { ('-', -secs) } else { ('+', secs) };
    let offset = if secs % 3600 == 0 {
        format!("UTC{sign}{}", secs / 3600)
    } else {
        format!("UTC{sign}{}:{:02}", secs / 3600, (secs % 3600) / 60)
    };
    let day = if z.date() != when.timestamp.to_zoned_datetime(TimeZone::UTC).date() {
        format!("{}, ", day_text(z.date()))
    } else {
        String::new()
    };
    Ok((
        format!("{day}{} in {city} ({offset})", z.strftime("%H:%M")),
        z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precisions() {
        assert_eq!(parse("2022").unwrap().display, "2022");
        assert_eq!(parse("2022-02").unwrap().display, "February 2022");
        assert_eq!(parse("2022-02").unwrap().iso, "2022-02");
        assert_eq!(parse("2025-05-16").unwrap().display, "16 May 2025");
        let t = parse("2025-05-16T09:30:00Z").unwrap();
        assert_eq!(t.display, "16 May 2025, 09:30 UTC");
        assert_eq!(t.iso, "2025-05-16T09:30:00Z");
        assert_eq!(
            parse("2025-05-16T12:30:00+03:00").unwrap().iso,
            "2025-05-16T09:30:00Z"
        );
    }

    proptest::proptest! {
        /// The hand-made forms are jiff's `strftime` ones, over jiff's whole range.
        #[test]
        fn forms_match_strftime(secs in -377705116800i64..=253402207200i64) {
            let ts = Timestamp::from_second(secs).unwrap();
            let utc = ts.to_zoned_datetime(TimeZone::UTC).datetime();
            proptest::prop_assert_eq!(
                utc_stamp(utc),
                ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
            );
            proptest::prop_assert_eq!(ymd(utc.date()), utc.date().strftime("%Y-%m-%d").to_string());
            let w = parse(&ts.to_string()).unwrap();
            proptest::prop_assert_eq!(&w.iso, &ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string());
            proptest::prop_assert_eq!(w.rfc3339, w.iso);
            // The reader's form, as `format!` writes it (unpadded day and year).
            let d = utc.date();
            proptest::prop_assert_eq!(
                w.display,
                format!(
                    "{} {} {}, {} UTC",
                    d.day(),
                    MONTHS[d.month() as usize - 1],
                    d.year(),
                    utc.strftime("%H:%M")
                )
            );
        }

        /// Days, months and years as written, against the same forms from jiff.
        #[test]
        fn days_match_strftime(y in 0i16..=9999, m in 1i8..=12, d in 1i8..=28) {
            let date = Date::new(y, m, d).unwrap();
            let w = parse(&format!("{y:04}-{m:02}-{d:02}")).unwrap();
            proptest::prop_assert_eq!(w.iso, date.strftime("%Y-%m-%d").to_string());
            let midnight = date.to_zoned_datetime(TimeZone::UTC).unwrap().timestamp();
            proptest::prop_assert_eq!(w.rfc3339, midnight.strftime("%Y-%m-%dT%H:%M:%SZ").to_string());
            let month = parse(&format!("{y:04}-{m:02}")).unwrap();
            proptest::prop_assert_eq!(month.iso, date.strftime("%Y-%m").to_string());
            proptest::prop_assert_eq!(w.display, format!("{d} {} {y}", MONTHS[m as usize - 1]));
            let year = parse(&format!("{y:04}")).unwrap();
            proptest::prop_assert_eq!(year.iso, date.strftime("%Y").to_string());
            proptest::prop_assert_eq!(&month.display, &format!("{} {y}", MONTHS[m as usize - 1]));
            proptest::prop_assert_eq!(year.display, y.to_string());
        }
    }

    #[test]
    fn rejects_nonsense() {
        assert!(parse("tomorrow").is_err());
        assert!(parse("2025-13").is_err());
        assert!(parse("2025-02-30").is_err());
        assert!(parse("").is_err());
    }

    #[test]
    fn weekday_of_a_known_week() {
        let friday = parse("2025-05-16").unwrap();
        let thu = weekday_of("thursday", &friday).unwrap();
        assert_eq!(thu.display, "Thursday");
        assert_eq!(thu.iso, "2025-W20");
        assert_eq!(thu.rfc3339, "2025-05-15T00:00:00Z");
        assert_eq!(thu.precision, Precision::Weekday);
        // Any day of the week names the same week; Sunday ends it.
        let sun = weekday_of("Sunday", &parse("2025-05-12").unwrap()).unwrap();
        assert_eq!(sun.rfc3339, "2025-05-18T00:00:00Z");
        assert_eq!(sun.iso, "2025-W20");
        // The ISO week's year, not the calendar year, at a year's edge.
        let mon = weekday_of("Monday", &parse("2025-01-01").unwrap()).unwrap();
        assert_eq!(mon.iso, "2025-W01");
        assert_eq!(mon.rfc3339, "2024-12-30T00:00:00Z");
        assert_eq!(
            weekday_of("Thurday", &friday).unwrap_err(),
            "`Thurday` is not a day of the week"
        );
        assert!(weekday_of("Friday", &parse("2025-05").unwrap()).is_err());
    }

    #[test]
    fn local_time_at_venue() {
        let t = parse("2025-05-16T09:30:00Z").unwrap();
        let (text, iso) = local(&t, "Europe/Istanbul", None).unwrap();
        assert_eq!(text, "12:30 in Istanbul (UTC+3)");
        assert_eq!(iso, "2025-05-16T12:30:00+03:00");
        assert!(local(&t, "Mars/Olympus", None).is_err());
        let g = parse("2026-03-02T08:00:00Z").unwrap();
        assert_eq!(
            local(&g, "Europe/Zurich", Some("Geneva, Switzerland"))
                .unwrap()
                .0,
            "09:00 in Geneva (UTC+1)"
        );
    }
}
