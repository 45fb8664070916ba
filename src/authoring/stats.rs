//! Scenario statistics: lines per stage and band, cue counts, which checklist items the
//! scenario can credit and asks for, and a difficulty estimated from saved playthroughs.

use std::path::Path;

use serde::Serialize;

use super::playtest::{PlaythroughRun, rerun_playthroughs};
use crate::library::{Entry, Library};
use crate::model::{Band, EndingKind};

/// Lines of one stage by band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageLines {
    pub id: String,
    pub title: String,
    /// Furious, upset, guarded, calm.
    pub by_band: [usize; 4],
    pub stuck: usize,
    pub extra: usize,
}

/// How the checklist is covered by a scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub id: String,
    pub title: String,
    /// Weight in this scenario (0: not scored).
    pub weight: u32,
    /// Cues of the checklist for it.
    pub checklist_cues: usize,
    /// Cues the scenario adds.
    pub scenario_cues: usize,
    /// Stages whose exit needs it.
    pub needed_by_stages: Vec<String>,
    /// Endings whose `when` needs it (or is `on` it).
    pub needed_by_endings: Vec<String>,
    /// Triggers that react to it.
    pub triggers: usize,
    /// Something can credit it: a cue, an action or a sentence rule.
    pub creditable: bool,
}

/// Difficulty estimated from saved playthroughs across seeds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difficulty {
    pub runs: usize,
    pub mean_score: f64,
    /// Share (0–1) of runs in which the complainant walked out.
    pub walk_out_rate: f64,
    /// Share (0–1) of runs resolved.
    pub resolved_rate: f64,
}

/// Statistics of a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub stages: Vec<StageLines>,
    /// Lines per band over all stages.
    pub by_band: [usize; 4],
    pub opening: usize,
    pub trigger_lines: usize,
    pub fact_lines: usize,
    pub ending_lines: usize,
    pub total_lines: usize,
    /// Scenario cue patterns per id, and fact question patterns per fact.
    pub cues: Vec<(String, usize)>,
    pub fact_asks: Vec<(String, usize)>,
    pub coverage: Vec<Coverage>,
    /// From the saved playthroughs, when there are any.
    pub difficulty: Option<Difficulty>,
}

/// Statistics of a validated scenario (`entry`); pass the playthrough runs (from
/// [`rerun_playthroughs`]) for the difficulty.
pub fn stats(library: &Library, entry: &Entry, runs: &[PlaythroughRun]) -> Stats {
    let s = &entry.scenario;
    let c = &entry.checklist;
    let stages: Vec<StageLines> = s
        .stages
        .iter()
        .map(|st| StageLines {
            id: st.id.clone(),
            title: st.title.clone(),
            by_band: Band::ALL.map(|b| st.lines.get(b).len()),
            stuck: st.stuck.values().map(Vec::len).sum(),
            extra: st.extra.iter().map(|x| x.lines.len()).sum(),
        })
        .collect();
    let mut by_band = [0; 4];
    for st in &stages {
        for (i, n) in st.by_band.iter().enumerate() {
            by_band[i] += n;
        }
    }
    let trigger_lines = s.triggers.iter().map(|t| t.lines.len()).sum();
    let fact_lines = s.facts.iter().map(|f| f.lines.len() + f.refuse.len()).sum();
    let ending_lines = s.endings.iter().map(|e| e.lines.len()).sum();
    let stage_lines: usize = stages
        .iter()
        .map(|st| st.by_band.iter().sum::<usize>() + st.stuck + st.extra)
        .sum();
    let stuck: usize = s.stuck.values().map(Vec::len).sum();
    let ids = c
        .items
        .iter()
        .map(|i| (i.id.clone(), i.title.clone(), i.cues.len()))
        .chain(
            c.violations
                .iter()
                .map(|v| (v.id.clone(), v.title.clone(), v.cues.len())),
        )
        .chain(
            c.ladder
                .iter()
                .map(|l| (l.rung.id().to_owned(), l.title.clone(), l.cues.len())),
        );
    let coverage = ids
        .map(|(id, title, checklist_cues)| Coverage {
            weight: c
                .items
                .iter()
                .position(|i| i.id == id)
                .map_or(0, |i| entry.compiled.weight(i)),
            scenario_cues: s.cues.get(&id).map_or(0, Vec::len),
            needed_by_stages: s
                .stages
                .iter()
                .filter(|st| st.exit.needs.contains(&id))
                .map(|st| st.id.clone())
                .collect(),
            needed_by_endings: s
                .endings
                .iter()
                .filter(|e| e.when.needs.contains(&id) || e.when.on.as_deref() == Some(&id))
                .map(|e| e.id.clone())
                .collect(),
            triggers: s.triggers.iter().filter(|t| t.on == id).count(),
            creditable: super::creditable(library, s, c, &id),
            id,
            title,
            checklist_cues,
        })
        .collect();
    Stats {
        stages,
        by_band,
        opening: s.opening.len(),
        trigger_lines,
        fact_lines,
        ending_lines,
        total_lines: s.opening.len()
            + stage_lines
            + stuck
            + trigger_lines
            + fact_lines
            + ending_lines,
        cues: s.cues.iter().map(|(k, v)| (k.clone(), v.len())).collect(),
        fact_asks: s
            .facts
            .iter()
            .map(|f| (f.id.clone(), f.asks.len()))
            .collect(),
        coverage,
        difficulty: difficulty(runs),
    }
}

/// Mean score, walk-out and resolved rates over every seed of every playthrough that ran.
pub fn difficulty(runs: &[PlaythroughRun]) -> Option<Difficulty> {
    let results: Vec<_> = runs.iter().flat_map(|r| &r.results).collect();
    if results.is_empty() {
        return None;
    }
    let n = results.len() as f64;
    let rate = |k: EndingKind| results.iter().filter(|r| r.outcome == k).count() as f64 / n;
    Some(Difficulty {
        runs: results.len(),
        mean_score: results.iter().map(|r| f64::from(r.total)).sum::<f64>() / n,
        walk_out_rate: rate(EndingKind::WalkedOut),
        resolved_rate: rate(EndingKind::Resolved),
    })
}

/// [`stats`] with the scenario's saved playthroughs re-run (slow: plays each of them three
/// times; run it off the UI thread).
pub fn stats_with_playthroughs(library: &Library, entry: &Entry, scenario_path: &Path) -> Stats {
    let runs = rerun_playthroughs(entry, scenario_path);
    stats(library, entry, &runs)
}
