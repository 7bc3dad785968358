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
    if let Ok(ts) = t.parse::<Timestamp>() {
        let utc = ts.to_zoned_datetime(TimeZone::UTC);
        return Ok(When {
            iso: ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
            display: format!("{}, {} UTC", day_text(utc.date()), utc.strftime("%H:%M")),
            rfc3339: ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
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
        Precision::Year => (format!("{:04}", date.year()), format!("{}", date.year())),
        Precision::Month => (
            format!("{:04}-{:02}", date.year(), date.month()),
            format!("{} {}", MONTHS[date.month() as usize - 1], date.year()),
        ),
        _ => (date.strftime("%Y-%m-%d").to_string(), day_text(date)),
    };
    Ok(When {
        iso,
        display,
        rfc3339: ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        timestamp: ts,
        precision,
    })
}

fn day_text(d: Date) -> String {
    format!(
        "{} {} {}",
        d.day(),
        MONTHS[d.month() as usize - 1],
        d.year()
    )
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

    #[test]
    fn rejects_nonsense() {
        assert!(parse("tomorrow").is_err());
        assert!(parse("2025-13").is_err());
        assert!(parse("2025-02-30").is_err());
        assert!(parse("").is_err());
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
