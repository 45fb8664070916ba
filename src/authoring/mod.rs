//! The instructor's studio, without the UI: everything the 교관 screens of `src/app` stand on.
//! Deterministic and free of egui; every function here is fast enough to call from a frame or
//! on every keystroke unless its doc says otherwise.
//!
//! - [`document`]: a scenario file open for editing — autosave, atomic save with backups,
//!   recovery after a crash, changes made on disk by someone else.
//! - [`validate`] and [`outline`]: problems at `LINE:COL` as you type, and the parts of the file
//!   with the line each starts on.
//! - [`ron_text`]: tokens for syntax colouring, and the place of every string of a file.
//! - [`playtest`]: play a draft from any stage and mood with a watch of the state, replay the
//!   last inputs after an edit, saved playthroughs re-run across seeds.
//! - [`phrase`]: one sentence against the draft's checklist and cues, with where each finding is
//!   defined; adding a cue to the file; trainees' disputed judgements.
//! - [`review`]: the complainant's lines to Excel and back.
//! - [`stats`]: lines, cues, checklist coverage and difficulty of a scenario.
//! - [`templates`]: starting points for new scenarios.

pub mod document;
pub mod phrase;
pub mod playtest;
pub mod review;
pub mod ron_text;
pub mod stats;
pub mod templates;

use std::sync::Arc;

pub use document::{DiffLine, DiskChange, DocError, Draft, Recovery, drafts_in, line_diff};
pub use ron_text::{Token, TokenKind, tokenize as highlight};

use crate::library::{Entry, Library, Problem, builtin_files};
use crate::model::Scenario;
use crate::model::validate::Severity;
use ron_text::{Located, Seg, Walk};

/// What the studio checks drafts against: the library (checklists, language resources) and the
/// text of the files that define cues (to say on which line a cue is written).
#[derive(Debug, Clone)]
pub struct Context {
    pub library: Arc<Library>,
    /// `(path, text)` of the checklist and lexicon files, for finding where a cue is defined.
    sources: Vec<(String, String)>,
}

impl Context {
    /// The built-in checklists and lexicons.
    pub fn builtin() -> Context {
        Context::new(Arc::new(Library::builtin()))
    }

    /// A library the app has loaded (built-in plus folders). Cue places are looked up in the
    /// built-in files; add a folder's checklist with [`Context::with_source`].
    pub fn new(library: Arc<Library>) -> Context {
        let sources = builtin_files()
            .iter()
            .filter(|(p, t)| {
                !matches!(
                    crate::library::load::kind_of(p, t),
                    Ok(crate::library::load::Kind::Scenario) | Err(_)
                )
            })
            .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
            .collect();
        Context { library, sources }
    }

    /// Adds a checklist or lexicon file whose lines cue places may point at (it is searched
    /// first).
    pub fn with_source(mut self, path: &str, text: &str) -> Context {
        self.sources.insert(0, (path.to_owned(), text.to_owned()));
        self
    }

    /// Checks a draft: [`validate`].
    pub fn validate(&self, path: &str, text: &str) -> Validation {
        validate(&self.library, path, text)
    }

    /// The source files of one kind.
    pub(crate) fn sources_of(
        &self,
        kind: crate::library::load::Kind,
    ) -> impl Iterator<Item = &(String, String)> {
        self.sources
            .iter()
            .filter(move |(p, t)| crate::library::load::kind_of(p, t) == Ok(kind))
    }
}

/// The result of checking a draft.
#[derive(Debug, Clone)]
pub struct Validation {
    /// Every problem, errors first, then by line.
    pub problems: Vec<Problem>,
    /// The scenario ready to play, when there is no error.
    pub entry: Option<Entry>,
}

impl Validation {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }
}

/// Checks the text of a scenario file as `minwon check` does (parse errors, model validation,
/// cue patterns, the lint) plus the studio's reachability checks ([`lint_reach`]), every problem
/// with its `LINE:COL`. Pure and fast: a 3,000-line scenario takes a few milliseconds
/// (`benches/authoring.rs`), so it can run on every pause in typing.
pub fn validate(library: &Library, path: &str, text: &str) -> Validation {
    let (entry, mut problems) = library.scenario_problems(path, text.as_bytes());
    if let Some(e) = &entry {
        for f in lint_reach(library, &e.scenario) {
            let (line, col) =
                f.1.as_deref()
                    .map_or((1, 1), |n| crate::library::locate(text, n, 0));
            problems.push(Problem {
                path: path.to_owned(),
                line,
                col,
                severity: Severity::Warning,
                message: f.0,
            });
        }
    }
    problems.sort_by_key(|a| (!a.is_error(), a.line, a.col));
    problems.dedup();
    let entry = entry.filter(|_| !problems.iter().any(Problem::is_error));
    Validation { problems, entry }
}

/// Whether an item, violation or rung id can be shown at all by this checklist and scenario:
/// a cue (checklist's or scenario's), an action, an act rule, or the ladder.
fn creditable(
    library: &Library,
    s: &Scenario,
    checklist: &crate::model::Checklist,
    id: &str,
) -> bool {
    if crate::model::Rung::from_id(id).is_some() {
        return checklist
            .ladder
            .iter()
            .any(|st| st.rung.id() == id && (!st.cues.is_empty() || !st.actions.is_empty()));
    }
    if s.cues.get(id).is_some_and(|c| !c.is_empty()) {
        return true;
    }
    if library
        .korean
        .acts
        .rules
        .iter()
        .any(|r| !r.veto && r.target == id)
    {
        return true;
    }
    if checklist.ladder_item.as_deref() == Some(id) && !checklist.ladder.is_empty() {
        return true;
    }
    if let Some(item) = checklist.item(id) {
        return !item.cues.is_empty() || !item.actions.is_empty();
    }
    checklist
        .violations
        .iter()
        .find(|v| v.id == id)
        .is_some_and(|v| !v.cues.is_empty() || v.detector != crate::model::Detector::Cues)
}

/// The studio's reachability lint, beside `minwon check`'s: a stage no conversation can reach
/// (the exit before it can never hold), a fact no question can draw out, an item a stage or
/// ending needs that nothing can credit. `(message, text to locate)`.
pub fn lint_reach(library: &Library, s: &Scenario) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let Some(checklist) = library.checklist(&s.checklist) else {
        return out;
    };
    let q = |x: &str| Some(format!("{x:?}"));
    let fact_reachable = |id: &str| {
        s.fact(id)
            .is_some_and(|f| !f.asks.is_empty() && f.min_trust <= crate::model::Mood::MAX)
    };
    for f in &s.facts {
        if f.asks.is_empty() {
            out.push((
                format!(
                    "사실 \"{}\"을(를) 묻는 단서(asks)가 없어 털어놓게 할 수 없습니다",
                    f.id
                ),
                q(&f.id),
            ));
        } else if f.min_trust > crate::model::Mood::MAX {
            out.push((
                format!(
                    "사실 \"{}\"의 min_trust {}는 신뢰의 최대값(100)보다 커서 털어놓게 할 수 없습니다",
                    f.id, f.min_trust
                ),
                q(&f.id),
            ));
        }
    }
    let mut reported: Vec<String> = Vec::new();
    for (i, st) in s.stages.iter().enumerate() {
        let e = &st.exit;
        let mut never: Vec<String> = Vec::new();
        if e.min_trust.is_some_and(|t| t > crate::model::Mood::MAX) {
            never.push("min_trust가 100보다 큼".to_owned());
        }
        if e.max_anger.is_some_and(|a| a < 0) {
            never.push("max_anger가 0보다 작음".to_owned());
        }
        if let (Some(lo), Some(hi)) = (e.min_anger, e.max_anger)
            && lo > hi
        {
            never.push("min_anger가 max_anger보다 큼".to_owned());
        }
        for id in &e.needs {
            if !creditable(library, s, checklist, id) {
                never.push(format!("\"{id}\"을(를) 인정할 단서가 없음"));
                if !reported.contains(id) {
                    reported.push(id.clone());
                    out.push((
                        format!(
                            "단계 \"{}\"가 요구하는 \"{id}\"은(는) 체크리스트·시나리오의 어떤 단서·동작·문장 규칙으로도 인정되지 않습니다",
                            st.id
                        ),
                        q(id),
                    ));
                }
            }
        }
        for id in &e.facts {
            if !fact_reachable(id) {
                never.push(format!("사실 \"{id}\"을(를) 털어놓게 할 수 없음"));
            }
        }
        if !never.is_empty()
            && let Some(next) = s.stages.get(i + 1)
        {
            out.push((
                format!(
                    "단계 \"{}\"에는 닿을 수 없습니다: 앞 단계 \"{}\"의 exit가 맞을 수 없습니다 ({})",
                    next.id,
                    st.id,
                    never.join(", ")
                ),
                q(&next.id),
            ));
        }
    }
    for en in &s.endings {
        for id in en.when.needs.iter().chain(en.when.on.iter()) {
            if !creditable(library, s, checklist, id) && !reported.contains(id) {
                reported.push(id.clone());
                out.push((
                    format!(
                        "결말 \"{}\"이(가) 요구하는 \"{id}\"은(는) 어떤 단서·동작·문장 규칙으로도 인정되지 않습니다",
                        en.id
                    ),
                    q(id),
                ));
            }
        }
    }
    out
}

/// One part of a scenario file, for the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineEntry {
    pub kind: OutlineKind,
    /// The id (stage, fact, ending), the `on` of a trigger, or the persona's name.
    pub id: String,
    /// The stage's title or the fact's title, when found.
    pub title: String,
    /// 1-based line where it starts.
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineKind {
    Persona,
    Opening,
    Stage,
    Trigger,
    Fact,
    Ending,
}

impl OutlineKind {
    pub fn label(self) -> &'static str {
        match self {
            OutlineKind::Persona => "민원인",
            OutlineKind::Opening => "첫마디",
            OutlineKind::Stage => "단계",
            OutlineKind::Trigger => "반응",
            OutlineKind::Fact => "사실",
            OutlineKind::Ending => "결말",
        }
    }
}

/// The parts of a scenario file with the line each starts on, from the text itself (not the
/// parsed scenario), so it works on a broken file as far as its brackets allow.
pub fn outline(text: &str) -> Vec<OutlineEntry> {
    outline_of(text, &ron_text::walk(text))
}

/// [`outline`] from a walk already made.
pub fn outline_of(text: &str, walk: &Walk) -> Vec<OutlineEntry> {
    let field = |name: &str| Seg::Field(name.to_owned());
    let lines = ron_text::Lines::new(text);
    // Strings of list elements' own fields (`stages[3].title`), by path.
    let by_path: std::collections::HashMap<&[Seg], &Located> = walk
        .strings
        .iter()
        .filter(|s| !s.is_key && s.path.len() == 3)
        .map(|s| (s.path.as_slice(), s))
        .collect();
    let mut out = Vec::new();
    for (path, range) in &walk.fields {
        if path.len() == 1 && (path[0] == field("persona") || path[0] == field("opening")) {
            let kind = if path[0] == field("persona") {
                OutlineKind::Persona
            } else {
                OutlineKind::Opening
            };
            let id = if kind == OutlineKind::Persona {
                walk.string_at(&[field("persona"), field("name")])
                    .map(|s| s.value.clone())
                    .unwrap_or_default()
            } else {
                String::new()
            };
            out.push(OutlineEntry {
                kind,
                id,
                title: String::new(),
                line: lines.line(range.start),
            });
        }
    }
    let lists = [
        ("stages", OutlineKind::Stage, "id", "title"),
        ("triggers", OutlineKind::Trigger, "on", ""),
        ("facts", OutlineKind::Fact, "id", "title"),
        ("endings", OutlineKind::Ending, "id", "summary"),
    ];
    for (list, kind, key, title_key) in lists {
        // Each element: its container's start is where it begins.
        let mut elements: Vec<(usize, usize)> = walk
            .containers
            .iter()
            .filter_map(|(p, r)| match p.as_slice() {
                [Seg::Field(f), Seg::Index(i)] if f == list => Some((*i, r.start)),
                _ => None,
            })
            .collect();
        elements.sort();
        elements.dedup_by_key(|e| e.0);
        // An element whose closing bracket is missing has no container; take its id instead.
        let ids: Vec<&Located> = walk
            .strings
            .iter()
            .filter(|s| {
                !s.is_key
                    && matches!(s.path.as_slice(),
                        [Seg::Field(f), Seg::Index(_), Seg::Field(k)] if f == list && k == key)
            })
            .collect();
        let index_of = |s: &Located| match s.path.get(1) {
            Some(Seg::Index(i)) => *i,
            _ => 0,
        };
        let mut seen: Vec<usize> = Vec::new();
        for s in &ids {
            let i = index_of(s);
            if seen.contains(&i) {
                continue;
            }
            seen.push(i);
            let start = elements
                .iter()
                .find(|(j, _)| *j == i)
                .map_or(s.range.start, |(_, st)| *st);
            let title = (!title_key.is_empty())
                .then(|| {
                    by_path
                        .get([field(list), Seg::Index(i), field(title_key)].as_slice())
                        .map(|t| t.value.clone())
                })
                .flatten()
                .unwrap_or_default();
            out.push(OutlineEntry {
                kind,
                id: s.value.clone(),
                title,
                line: lines.line(start),
            });
        }
    }
    out.sort_by_key(|e| e.line);
    out
}
