//! What the history and the instructor's dashboard show, computed from listed records (their
//! summaries only, never the transcripts).

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::{Header, Listed, Mode, PhasePoint, Status, Trainee};
use crate::library::Library;

/// Which records to take.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// A trainee ID (교번).
    pub trainee: Option<String>,
    pub scenario: Option<String>,
    /// Started on or after this local date.
    pub since: Option<Date>,
    pub mode: Option<Mode>,
}

impl Filter {
    /// A filter with its date turned into an instant once, to test many records quickly.
    pub fn compile(&self) -> CompiledFilter<'_> {
        let since = self.since.and_then(|d| {
            d.to_zoned_datetime(TimeZone::system())
                .ok()
                .map(|z| z.timestamp())
        });
        CompiledFilter {
            filter: self,
            since,
        }
    }
}

/// A [`Filter`] ready to test headers.
#[derive(Debug, Clone)]
pub struct CompiledFilter<'a> {
    filter: &'a Filter,
    since: Option<Timestamp>,
}

impl CompiledFilter<'_> {
    pub fn matches(&self, h: &Header) -> bool {
        let f = self.filter;
        f.trainee.as_ref().is_none_or(|t| *t == h.trainee.id)
            && f.scenario.as_ref().is_none_or(|s| *s == h.scenario)
            && f.mode.is_none_or(|m| m == h.mode)
            && self.since.is_none_or(|t| h.started_at >= t)
    }
}

/// Parses a date as the CLI and settings take it: `2026-11-30`.
pub fn parse_date(text: &str) -> Result<Date, String> {
    text.trim()
        .parse::<Date>()
        .map_err(|_| format!("날짜 \"{text}\"를 읽을 수 없습니다 (예: 2026-11-30)"))
}

/// A record's start as a local date and time (`2026-11-30 14:05`).
pub fn local_time(t: Timestamp) -> String {
    t.to_zoned_datetime(TimeZone::system())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// One row of the dashboard: a trainee on a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub trainee: Trainee,
    pub scenario: String,
    pub title: String,
    /// Finished sessions.
    pub attempts: u32,
    pub abandoned: u32,
    /// The total of the latest finished session.
    pub last: Option<u32>,
    pub last_at: Option<Timestamp>,
    pub best: Option<u32>,
    /// Violations over all attempts, by id.
    pub violations: BTreeMap<String, u32>,
}

/// Trainee × scenario: attempts, last and best total, violations by kind. Sorted by trainee
/// ID, then scenario.
pub fn dashboard<'a>(records: impl IntoIterator<Item = &'a Listed>) -> Vec<Row> {
    let mut rows: HashMap<(&str, &str), Row> = HashMap::new();
    for r in records {
        let h = &r.header;
        let Some(s) = h.summary.as_ref() else {
            continue;
        };
        let row = rows
            .entry((h.trainee.id.as_str(), h.scenario.as_str()))
            .or_insert_with(|| Row {
                trainee: h.trainee.clone(),
                scenario: h.scenario.clone(),
                title: h.title.clone(),
                attempts: 0,
                abandoned: 0,
                last: None,
                last_at: None,
                best: None,
                violations: BTreeMap::new(),
            });
        if s.status == Status::Abandoned {
            row.abandoned += 1;
            continue;
        }
        row.attempts += 1;
        if let Some(total) = s.total {
            if row.last_at.is_none_or(|t| h.started_at > t) {
                row.last = Some(total);
                row.last_at = Some(h.started_at);
                // The newest record names the trainee as they last wrote it.
                row.trainee.name.clone_from(&h.trainee.name);
            }
            row.best = Some(row.best.map_or(total, |b| b.max(total)));
        }
        for (id, n) in &s.violations {
            *row.violations.entry(id.clone()).or_default() += n;
        }
    }
    let mut rows: Vec<Row> = rows.into_values().collect();
    rows.sort_by(|a, b| {
        (a.trainee.id.as_str(), a.scenario.as_str()).cmp(&(b.trainee.id.as_str(), &b.scenario))
    });
    rows
}

/// A finished session on a trainee's progress plot.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub at: Timestamp,
    pub scenario: String,
    pub total: u32,
    pub phases: Vec<PhasePoint>,
}

/// A trainee's finished sessions, oldest first: totals over time and each phase.
pub fn progress<'a>(records: impl IntoIterator<Item = &'a Listed>, trainee: &str) -> Vec<Point> {
    let mut points: Vec<Point> = records
        .into_iter()
        .filter(|r| r.header.trainee.id == trainee)
        .filter_map(|r| {
            let s = r.header.summary.as_ref()?;
            Some(Point {
                at: r.header.started_at,
                scenario: r.header.scenario.clone(),
                total: s.total?,
                phases: s.phases.clone(),
            })
        })
        .collect();
    points.sort_by_key(|p| p.at);
    points
}

/// The items a trainee missed most over their last `last_n` finished sessions: `(id, times)`,
/// most first.
pub fn missed_most<'a>(
    records: impl IntoIterator<Item = &'a Listed>,
    trainee: &str,
    last_n: usize,
) -> Vec<(String, u32)> {
    let mut mine: Vec<&Listed> = records
        .into_iter()
        .filter(|r| {
            r.header.trainee.id == trainee
                && r.header
                    .summary
                    .as_ref()
                    .is_some_and(|s| s.status == Status::Finished)
        })
        .collect();
    mine.sort_by_key(|r| std::cmp::Reverse(r.header.started_at));
    let mut counts: BTreeMap<String, u32> = BTreeMap::new();
    for r in mine.into_iter().take(last_n) {
        for id in &r.summary().missed {
            *counts.entry(id.clone()).or_default() += 1;
        }
    }
    let mut out: Vec<(String, u32)> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// The scenario that would train the missed items next.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub scenario: String,
    pub title: String,
    /// The missed items it weighs, heaviest first.
    pub covers: Vec<String>,
}

/// The scenario whose checklist weights and stage exits (`needs`) cover the missed items best:
/// each missed item counts its misses × its weight in the scenario, doubled when a stage cannot
/// be left without it. Ties go to the scenario played least (`attempts`, by scenario id).
pub fn next_scenario(
    library: &Library,
    missed: &[(String, u32)],
    attempts: &BTreeMap<String, u32>,
) -> Option<Suggestion> {
    let mut best: Option<(u64, u32, Suggestion)> = None;
    for entry in &library.scenarios {
        let checklist = &entry.checklist;
        let mut score = 0u64;
        let mut covers: Vec<(u64, String)> = Vec::new();
        for (id, times) in missed {
            let Some(index) = checklist.items.iter().position(|i| i.id == *id) else {
                continue;
            };
            let weight = u64::from(entry.compiled.weight(index));
            if weight == 0 {
                continue;
            }
            let needed = entry
                .scenario
                .stages
                .iter()
                .any(|s| s.exit.needs.iter().any(|n| n == id));
            let value = u64::from(*times) * weight * if needed { 2 } else { 1 };
            score += value;
            covers.push((value, id.clone()));
        }
        if score == 0 {
            continue;
        }
        covers.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let played = attempts.get(&entry.scenario.id).copied().unwrap_or(0);
        let better = best
            .as_ref()
            .is_none_or(|(s, p, _)| score > *s || (score == *s && played < *p));
        if better {
            best = Some((
                score,
                played,
                Suggestion {
                    scenario: entry.scenario.id.clone(),
                    title: entry.scenario.title.clone(),
                    covers: covers.into_iter().map(|(_, id)| id).collect(),
                },
            ));
        }
    }
    best.map(|(_, _, s)| s)
}

/// Totals over everything listed: for the dashboard's header line.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Totals {
    pub sessions: u32,
    pub abandoned: u32,
    pub trainees: u32,
    /// Mean total of finished sessions.
    pub mean: Option<f64>,
}

pub fn totals<'a>(records: impl IntoIterator<Item = &'a Listed>) -> Totals {
    let mut t = Totals::default();
    let mut trainees = std::collections::HashSet::new();
    let mut sum = 0u64;
    let mut scored = 0u64;
    for r in records {
        let Some(s) = r.header.summary.as_ref() else {
            continue;
        };
        trainees.insert(r.header.trainee.id.as_str());
        match s.status {
            Status::Abandoned => t.abandoned += 1,
            Status::Finished => t.sessions += 1,
        }
        if let Some(total) = s.total {
            sum += u64::from(total);
            scored += 1;
        }
    }
    t.trainees = trainees.len() as u32;
    t.mean = (scored > 0).then(|| sum as f64 / scored as f64);
    t
}
