//! Playtesting a draft: start at any stage with a chosen mood and facts already told, watch the
//! state after every turn (which parts of the stage's exit hold, which endings could happen),
//! see which cues fired and where they are written, replay the last inputs against an edited
//! draft to see what changed, and keep playthroughs beside the scenario that are re-run on save
//! across seeds with score and outcome drift flagged.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Context;
use super::document::{DocError, atomic_write};
use super::phrase::{CueKind, Place, locate_with};
use super::ron_text;
use crate::analysis::Target;
use crate::engine::{Reply, Session};
use crate::library::Entry;
use crate::model::{Band, Condition, EndingKind, Mood, Rung, TraineeTurn, Transcript};

/// Where and how a playtest starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartOptions {
    /// Index of the stage to start in (0 = the start of the scenario).
    pub stage: usize,
    pub mood: Mood,
    /// Ids of facts already told.
    pub disclosed: Vec<String>,
    pub seed: u64,
}

impl StartOptions {
    /// The scenario's own start: first stage, its mood, nothing told, seed 1.
    pub fn beginning(entry: &Entry) -> StartOptions {
        StartOptions {
            stage: 0,
            mood: entry.scenario.mood,
            disclosed: Vec::new(),
            seed: 1,
        }
    }
}

/// Everything needed to play a playtest again: how it started and what the trainee said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaytestInputs {
    pub start: StartOptions,
    pub turns: Vec<TraineeTurn>,
}

/// One part of a condition (a stage's exit or an ending's `when`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    MinTurns(u32),
    MaxAnger(i32),
    MinAnger(i32),
    MinTrust(i32),
    /// An item or rung to have been shown.
    Need(String),
    /// A fact to have been told.
    Fact(String),
    /// Only in this stage.
    Stage(String),
    /// Only on a turn that shows this.
    On(String),
}

/// A part of a condition and whether it holds now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartCheck {
    pub part: Part,
    pub holds: bool,
    /// Korean: what it asks and what there is (`분노 60 이하 (지금 72)`).
    pub label: String,
}

/// The watch panel after a turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Watch {
    pub mood: Mood,
    pub band: Band,
    pub stage: usize,
    pub stage_id: String,
    pub stage_title: String,
    /// Each part of the current stage's exit (empty in the last stage).
    pub exit: Vec<PartCheck>,
    pub last_stage: bool,
    /// `(fact id, title, told)`.
    pub facts: Vec<(String, String, bool)>,
    /// Rungs of the ladder climbed, in order, and the next one.
    pub ladder: Vec<Rung>,
    pub ladder_next: Option<Rung>,
    /// The complainant has been abusive recently: the ladder applies now.
    pub abuse_ongoing: bool,
    pub turns_used: u32,
    pub max_turns: u32,
    pub stage_turns: u32,
    pub endings: Vec<EndingWatch>,
    /// How it ended, if it has: `(kind, ending id)`.
    pub ended: Option<(EndingKind, String)>,
}

/// An ending and whether its condition holds now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndingWatch {
    pub id: String,
    pub kind: EndingKind,
    pub holds: bool,
    pub parts: Vec<PartCheck>,
}

/// A cue that fired in a turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CueFired {
    /// Item, violation, rung or fact id.
    pub id: String,
    pub cue: String,
    pub quote: String,
    pub kind: CueKind,
    pub place: Option<Place>,
}

/// What one playtest turn did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnReport {
    pub number: u32,
    /// The turn as a transcript line.
    pub input: String,
    pub reply: String,
    /// 1-based line of the reply's text in the scenario file, when found.
    pub reply_line: Option<usize>,
    pub stage_before: String,
    pub stage_after: String,
    pub mood_before: Mood,
    pub mood_after: Mood,
    /// Item ids credited (rungs as `ladder:…`), in order.
    pub items: Vec<String>,
    pub violations: Vec<String>,
    pub cues: Vec<CueFired>,
    /// The fact told in reply.
    pub disclosed: Option<String>,
    /// Why the stage did not move: the parts of its exit that do not hold (empty when it moved
    /// or in the last stage).
    pub stuck_because: Vec<PartCheck>,
    /// The ending reached with this turn.
    pub ended: Option<(EndingKind, String)>,
}

/// A playtest of a draft in progress.
#[derive(Debug)]
pub struct Playtest {
    ctx: Context,
    entry: Entry,
    path: String,
    text: String,
    walk: ron_text::Walk,
    session: Session,
    inputs: PlaytestInputs,
    reports: Vec<TurnReport>,
}

impl Playtest {
    /// Starts a playtest of a validated draft (`entry` from [`super::validate`], `text` and
    /// `path` its file) with the given start.
    pub fn start(
        ctx: &Context,
        entry: &Entry,
        path: &str,
        text: &str,
        start: StartOptions,
    ) -> Playtest {
        let disclosed: Vec<usize> = start
            .disclosed
            .iter()
            .filter_map(|id| entry.scenario.facts.iter().position(|f| f.id == *id))
            .collect();
        let session = Session::start_at(
            entry.compiled.clone(),
            start.seed,
            start.stage,
            start.mood,
            &disclosed,
        );
        Playtest {
            ctx: ctx.clone(),
            entry: entry.clone(),
            path: path.to_owned(),
            text: text.to_owned(),
            walk: ron_text::walk(text),
            session,
            inputs: PlaytestInputs {
                start,
                turns: Vec::new(),
            },
            reports: Vec::new(),
        }
    }

    /// Plays `inputs` against a (possibly edited) draft: the replay after an edit.
    pub fn replay(
        ctx: &Context,
        entry: &Entry,
        path: &str,
        text: &str,
        inputs: &PlaytestInputs,
    ) -> Playtest {
        let mut p = Playtest::start(ctx, entry, path, text, inputs.start.clone());
        for t in &inputs.turns {
            if p.respond(t.clone()).is_none() {
                break;
            }
        }
        p
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn opening(&self) -> &Reply {
        self.session.opening()
    }

    /// The inputs so far, to replay after an edit.
    pub fn inputs(&self) -> &PlaytestInputs {
        &self.inputs
    }

    pub fn reports(&self) -> &[TurnReport] {
        &self.reports
    }

    /// Plays one trainee turn; `None` when the session is over.
    pub fn respond(&mut self, turn: TraineeTurn) -> Option<&TurnReport> {
        let stage_before = self.session.stage();
        self.session.respond(turn.clone())?;
        self.inputs.turns.push(turn);
        let report = self.report(stage_before)?;
        self.reports.push(report);
        self.reports.last()
    }

    fn stage_id(&self, i: usize) -> String {
        self.entry
            .scenario
            .stages
            .get(i)
            .map(|s| s.id.clone())
            .unwrap_or_default()
    }

    fn report(&self, stage_before: usize) -> Option<TurnReport> {
        let t = self.session.turns().last()?;
        let checklist = &self.entry.checklist;
        let mut items = Vec::new();
        let mut violations = Vec::new();
        let mut cues = Vec::new();
        for hit in &t.analysis.hits {
            let id = match hit.target {
                Target::Fact(i) => self
                    .entry
                    .scenario
                    .facts
                    .get(i)
                    .map(|f| f.id.clone())
                    .unwrap_or_default(),
                x => x.id(checklist).unwrap_or_default().to_owned(),
            };
            match hit.target {
                Target::Item(_) => items.push(id.clone()),
                Target::Rung(r) if t.rungs.contains(&r) => items.push(id.clone()),
                Target::Violation(_) => violations.push(id.clone()),
                _ => {}
            }
            let (kind, place) = locate_with(
                &self.ctx,
                &self.entry,
                &self.path,
                &self.text,
                &self.walk,
                hit,
            );
            cues.push(CueFired {
                id,
                cue: hit.cue.clone(),
                quote: hit.quote.clone(),
                kind,
                place,
            });
        }
        let moved = t.advanced_to.is_some();
        let last = stage_before + 1 >= self.entry.scenario.stages.len();
        let stuck_because = if moved || last || self.session.is_over() {
            Vec::new()
        } else {
            self.check(&self.entry.scenario.stages[stage_before].exit)
                .into_iter()
                .filter(|p| !p.holds)
                .collect()
        };
        let reply_line = ron_text_line(&self.walk, &self.text, &t.reply.text);
        Some(TurnReport {
            number: t.number,
            input: t.turn.to_line(),
            reply: t.reply.text.clone(),
            reply_line,
            stage_before: self.stage_id(stage_before),
            stage_after: self.stage_id(self.session.stage()),
            mood_before: t.mood_before,
            mood_after: t.mood_after,
            items,
            violations,
            cues,
            disclosed: t
                .disclosed
                .and_then(|i| self.entry.scenario.facts.get(i))
                .map(|f| f.id.clone()),
            stuck_because,
            ended: self.ended(),
        })
    }

    fn ended(&self) -> Option<(EndingKind, String)> {
        self.session.ended().map(|e| {
            (
                e.kind,
                self.entry
                    .scenario
                    .endings
                    .get(e.index)
                    .map(|x| x.id.clone())
                    .unwrap_or_default(),
            )
        })
    }

    /// Each part of a condition and whether it holds now (`on` against the last turn).
    pub fn check(&self, c: &Condition) -> Vec<PartCheck> {
        let s = &self.session;
        let mood = s.mood();
        let scenario = &self.entry.scenario;
        let mut out = Vec::new();
        let mut push =
            |part: Part, holds: bool, label: String| out.push(PartCheck { part, holds, label });
        if c.min_turns > 0 {
            push(
                Part::MinTurns(c.min_turns),
                s.stage_turns() >= c.min_turns,
                format!(
                    "이 단계 응답 {}번 이상 (지금 {})",
                    c.min_turns,
                    s.stage_turns()
                ),
            );
        }
        if let Some(m) = c.max_anger {
            push(
                Part::MaxAnger(m),
                mood.anger <= m,
                format!("분노 {m} 이하 (지금 {})", mood.anger),
            );
        }
        if let Some(m) = c.min_anger {
            push(
                Part::MinAnger(m),
                mood.anger >= m,
                format!("분노 {m} 이상 (지금 {})", mood.anger),
            );
        }
        if let Some(m) = c.min_trust {
            push(
                Part::MinTrust(m),
                mood.trust >= m,
                format!("신뢰 {m} 이상 (지금 {})", mood.trust),
            );
        }
        for id in &c.needs {
            let title = self
                .entry
                .checklist
                .item(id)
                .map_or(id.clone(), |i| i.title.clone());
            push(
                Part::Need(id.clone()),
                s.shown_ids().contains(id),
                format!("항목 '{title}' ({id})"),
            );
        }
        for id in &c.facts {
            let told = scenario
                .facts
                .iter()
                .position(|f| f.id == *id)
                .is_some_and(|i| s.disclosed().get(i).copied().unwrap_or(false));
            push(
                Part::Fact(id.clone()),
                told,
                format!("사실 '{id}'을(를) 들음"),
            );
        }
        if let Some(st) = &c.stage {
            let here = scenario.stage_index(st) == Some(s.stage());
            push(Part::Stage(st.clone()), here, format!("단계 '{st}'에서"));
        }
        if let Some(on) = &c.on {
            push(
                Part::On(on.clone()),
                s.last_turn_shows(on),
                format!("이번 응답에 '{on}'"),
            );
        }
        out
    }

    /// The watch panel now.
    pub fn watch(&self) -> Watch {
        let s = &self.session;
        let scenario = &self.entry.scenario;
        let stage = s.stage();
        let st = &scenario.stages[stage];
        let last_stage = stage + 1 >= scenario.stages.len();
        let ladder = s.climbed().to_vec();
        Watch {
            mood: s.mood(),
            band: s.band(),
            stage,
            stage_id: st.id.clone(),
            stage_title: st.title.clone(),
            exit: if last_stage {
                Vec::new()
            } else {
                self.check(&st.exit)
            },
            last_stage,
            facts: scenario
                .facts
                .iter()
                .zip(s.disclosed())
                .map(|(f, &d)| (f.id.clone(), f.title.clone(), d))
                .collect(),
            ladder_next: Rung::ALL.into_iter().find(|r| !ladder.contains(r)),
            ladder,
            abuse_ongoing: s.abuse_ongoing(),
            turns_used: s.turns().len() as u32,
            max_turns: scenario.max_turns,
            stage_turns: s.stage_turns(),
            endings: scenario
                .endings
                .iter()
                .map(|e| {
                    let parts = self.check(&e.when);
                    EndingWatch {
                        id: e.id.clone(),
                        kind: e.kind,
                        holds: parts.iter().all(|p| p.holds),
                        parts,
                    }
                })
                .collect(),
            ended: self.ended(),
        }
    }
}

/// The line of the scenario file where a reply's text is written.
fn ron_text_line(walk: &ron_text::Walk, text: &str, reply: &str) -> Option<usize> {
    walk.strings
        .iter()
        .find(|s| !s.is_key && s.value == reply)
        .map(|s| ron_text::line_of(text, s.range.start))
}

/// How a session ended: the kind and the ending's id.
pub type EndedAs = (EndingKind, String);

/// What changed in one turn between two plays of the same inputs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnChange {
    pub number: u32,
    pub input: String,
    /// `(before, after)` of what changed; `None` when it stayed the same.
    pub reply: Option<(String, String)>,
    pub items: Option<(Vec<String>, Vec<String>)>,
    pub violations: Option<(Vec<String>, Vec<String>)>,
    pub stage: Option<(String, String)>,
    pub mood: Option<(Mood, Mood)>,
    pub ended: Option<(Option<EndedAs>, Option<EndedAs>)>,
    /// The turn was played only before, or only after (the session ended at another turn).
    pub only_before: bool,
    pub only_after: bool,
}

/// Compares two plays of the same inputs turn by turn (as Inky replays after an edit): only
/// turns where something changed are returned.
pub fn compare(before: &[TurnReport], after: &[TurnReport]) -> Vec<TurnChange> {
    let n = before.len().max(after.len());
    let mut out = Vec::new();
    for i in 0..n {
        let (b, a) = (before.get(i), after.get(i));
        let diff = |x: Option<String>, y: Option<String>| -> Option<(String, String)> {
            (x != y).then(|| (x.unwrap_or_default(), y.unwrap_or_default()))
        };
        let change = TurnChange {
            number: i as u32 + 1,
            input: a.or(b).map(|t| t.input.clone()).unwrap_or_default(),
            reply: diff(b.map(|t| t.reply.clone()), a.map(|t| t.reply.clone())),
            items: {
                let (x, y) = (
                    b.map(|t| t.items.clone()).unwrap_or_default(),
                    a.map(|t| t.items.clone()).unwrap_or_default(),
                );
                (x != y).then_some((x, y))
            },
            violations: {
                let (x, y) = (
                    b.map(|t| t.violations.clone()).unwrap_or_default(),
                    a.map(|t| t.violations.clone()).unwrap_or_default(),
                );
                (x != y).then_some((x, y))
            },
            stage: diff(
                b.map(|t| t.stage_after.clone()),
                a.map(|t| t.stage_after.clone()),
            ),
            mood: {
                let (x, y) = (
                    b.map(|t| t.mood_after).unwrap_or_default(),
                    a.map(|t| t.mood_after).unwrap_or_default(),
                );
                (x != y).then_some((x, y))
            },
            ended: {
                let (x, y) = (
                    b.and_then(|t| t.ended.clone()),
                    a.and_then(|t| t.ended.clone()),
                );
                (x != y).then_some((x, y))
            },
            only_before: a.is_none(),
            only_after: b.is_none(),
        };
        let changed = change.reply.is_some()
            || change.items.is_some()
            || change.violations.is_some()
            || change.stage.is_some()
            || change.mood.is_some()
            || change.ended.is_some();
        if changed {
            out.push(change);
        }
    }
    out
}

/// The seeds saved playthroughs are re-run with.
pub const SEEDS: [u64; 3] = [1, 7, 2024];

/// A total that moves more than this from the expectation is flagged as drift.
pub const SCORE_TOLERANCE: u32 = 5;

/// The folder of a scenario's saved playthroughs: `NAME.playthroughs/` beside `NAME.ron`.
pub fn playthrough_dir(scenario_path: &Path) -> PathBuf {
    let stem = scenario_path
        .file_stem()
        .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned());
    scenario_path.with_file_name(format!("{stem}.playthroughs"))
}

/// The saved playthroughs of a scenario, by file name.
pub fn list_playthroughs(scenario_path: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(playthrough_dir(scenario_path))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// The result of one seed of a playthrough.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedResult {
    pub seed: u64,
    pub total: u32,
    pub outcome: EndingKind,
}

/// Plays trainee turns from the start with one seed, as `minwon score` does (ending the session
/// when the turns run out).
pub fn play_from_start(entry: &Entry, turns: &[TraineeTurn], seed: u64) -> Session {
    let mut session = entry.start(seed);
    for t in turns {
        if session.respond(t.clone()).is_none() {
            break;
        }
    }
    if !session.is_over() {
        session.end_by_trainee();
    }
    session
}

fn results(entry: &Entry, turns: &[TraineeTurn]) -> Vec<SeedResult> {
    SEEDS
        .iter()
        .map(|&seed| {
            let session = play_from_start(entry, turns, seed);
            let card = crate::scoring::score(&session);
            SeedResult {
                seed,
                total: card.total,
                outcome: card.outcome,
            }
        })
        .collect()
}

const EXPECT: &str = "# expect:";

fn expectation_line(results: &[SeedResult]) -> String {
    let parts: Vec<String> = results
        .iter()
        .map(|r| format!("{}={}/{}", r.seed, r.total, r.outcome.id()))
        .collect();
    format!("{EXPECT} {}", parts.join(" "))
}

fn parse_expectation(text: &str) -> Vec<SeedResult> {
    let Some(line) = text.lines().find(|l| l.trim_start().starts_with(EXPECT)) else {
        return Vec::new();
    };
    line.trim_start()[EXPECT.len()..]
        .split_whitespace()
        .filter_map(|part| {
            let (seed, rest) = part.split_once('=')?;
            let (total, outcome) = rest.split_once('/')?;
            Some(SeedResult {
                seed: seed.parse().ok()?,
                total: total.parse().ok()?,
                outcome: EndingKind::ALL.into_iter().find(|k| k.id() == outcome)?,
            })
        })
        .collect()
}

/// Saves trainee turns as a playthrough `NAME.txt` in the scenario's playthrough folder, a
/// transcript (`tests/transcripts` format) whose header holds what it scores now with each of
/// [`SEEDS`]: `# expect: 1=87/resolved 7=85/resolved 2024=88/resolved`.
pub fn save_playthrough(
    entry: &Entry,
    scenario_path: &Path,
    name: &str,
    turns: &[TraineeTurn],
) -> Result<PathBuf, DocError> {
    let dir = playthrough_dir(scenario_path);
    std::fs::create_dir_all(&dir).map_err(|e| DocError::Write {
        path: dir.display().to_string(),
        reason: e.to_string(),
    })?;
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let path = dir.join(format!("{safe}.txt"));
    let mut text = format!(
        "# 플레이 기록: {name}\n{}\n",
        expectation_line(&results(entry, turns))
    );
    for t in turns {
        text.push_str(&t.to_line());
        text.push('\n');
    }
    atomic_write(&path, text.as_bytes())?;
    Ok(path)
}

/// One saved playthrough re-run against the scenario as it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaythroughRun {
    pub name: String,
    pub path: PathBuf,
    /// Now, one per seed.
    pub results: Vec<SeedResult>,
    /// What the header expects, per seed (empty when it has no expectation line).
    pub expected: Vec<SeedResult>,
    /// Seeds whose total moved more than [`SCORE_TOLERANCE`]: `(seed, expected, now)`.
    pub score_drift: Vec<(u64, u32, u32)>,
    /// Seeds whose outcome changed: `(seed, expected, now)`.
    pub outcome_drift: Vec<(u64, EndingKind, EndingKind)>,
    /// The file could not be read or parsed.
    pub error: Option<String>,
}

impl PlaythroughRun {
    pub fn drifted(&self) -> bool {
        !self.score_drift.is_empty() || !self.outcome_drift.is_empty()
    }
}

/// Re-runs every saved playthrough of a scenario across [`SEEDS`] (call it after a save) and
/// flags score and outcome drift against each file's expectation line.
pub fn rerun_playthroughs(entry: &Entry, scenario_path: &Path) -> Vec<PlaythroughRun> {
    list_playthroughs(scenario_path)
        .into_iter()
        .map(|path| {
            let name = path
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            let mut run = PlaythroughRun {
                name,
                path: path.clone(),
                results: Vec::new(),
                expected: Vec::new(),
                score_drift: Vec::new(),
                outcome_drift: Vec::new(),
                error: None,
            };
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) => {
                    run.error = Some(format!("읽을 수 없습니다: {e}"));
                    return run;
                }
            };
            let transcript = match Transcript::parse(&text) {
                Ok(t) => t,
                Err(e) => {
                    run.error = Some(format!("{}:{e}", path.display()));
                    return run;
                }
            };
            run.results = results(entry, &transcript.turns);
            run.expected = parse_expectation(&text);
            for now in &run.results {
                if let Some(exp) = run.expected.iter().find(|e| e.seed == now.seed) {
                    if exp.total.abs_diff(now.total) > SCORE_TOLERANCE {
                        run.score_drift.push((now.seed, exp.total, now.total));
                    }
                    if exp.outcome != now.outcome {
                        run.outcome_drift.push((now.seed, exp.outcome, now.outcome));
                    }
                }
            }
            run
        })
        .collect()
}
