//! The phrase tester: one sentence against a draft's checklist and its own cues, with where each
//! finding is defined; adding a cue to the scenario file; trainees' disputed judgements.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Context;
use super::document::{DocError, atomic_write};
use super::ron_text::{self, Located, Seg};
use crate::analysis::{Hit, SpeechLevel, Target};
use crate::library::load::Kind;
use crate::library::{Entry, Library};
use crate::model::TraineeTurn;

/// What kind of rule made a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CueKind {
    /// A cue of the scenario's `cues` map.
    ScenarioCue,
    /// A question cue of a fact's `asks`.
    FactQuestion,
    /// A cue of the checklist.
    ChecklistCue,
    /// A sentence rule of `scenarios/lexicon/acts.ron`.
    ActRule,
    /// A button (`[bow]`).
    Action,
    /// The speech-level judgement (반말).
    SpeechLevel,
    /// A word of the profanity lexicon.
    Profanity,
}

impl CueKind {
    pub fn label(self) -> &'static str {
        match self {
            CueKind::ScenarioCue => "시나리오 단서",
            CueKind::FactQuestion => "사실 질문 단서",
            CueKind::ChecklistCue => "체크리스트 단서",
            CueKind::ActRule => "문장 규칙",
            CueKind::Action => "동작",
            CueKind::SpeechLevel => "말투 판정",
            CueKind::Profanity => "욕설 사전",
        }
    }
}

/// Where a cue or rule is written: a file and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The scenario's path, or the checklist or lexicon file's.
    pub file: String,
    pub line: usize,
}

/// One thing a turn was found to show, with the cue that matched and where it is defined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The item, violation or rung id (`empathy`, `blame`, `ladder:warn`), or the fact id.
    pub id: String,
    pub target: Target,
    /// The cue pattern, act rule label (`outcome+@commit`), action id or swear word.
    pub cue: String,
    /// The sentence that showed it.
    pub quote: String,
    pub kind: CueKind,
    /// Where it is defined, when it could be found.
    pub place: Option<Place>,
}

/// Where the cue of a hit is defined. `scenario_path`/`scenario_text` are the draft's.
pub fn locate_hit(
    ctx: &Context,
    entry: &Entry,
    scenario_path: &str,
    scenario_text: &str,
    hit: &Hit,
) -> (CueKind, Option<Place>) {
    let scenario_walk = ron_text::walk(scenario_text);
    locate_with(
        ctx,
        entry,
        scenario_path,
        scenario_text,
        &scenario_walk,
        hit,
    )
}

fn field(s: &str) -> Seg {
    Seg::Field(s.to_owned())
}

fn place_of(file: &str, text: &str, s: &Located) -> Place {
    Place {
        file: file.to_owned(),
        line: ron_text::line_of(text, s.range.start),
    }
}

pub(crate) fn locate_with(
    ctx: &Context,
    entry: &Entry,
    scenario_path: &str,
    scenario_text: &str,
    walk: &ron_text::Walk,
    hit: &Hit,
) -> (CueKind, Option<Place>) {
    let checklist = &entry.checklist;
    if let Target::Fact(i) = hit.target {
        let found = walk.strings.iter().find(|s| {
            !s.is_key
                && s.value == hit.cue
                && matches!(s.path.as_slice(),
                    [Seg::Field(f), Seg::Index(j), Seg::Field(a), Seg::Index(_)]
                        if f == "facts" && *j == i && a == "asks")
        });
        return (
            CueKind::FactQuestion,
            found.map(|s| place_of(scenario_path, scenario_text, s)),
        );
    }
    let id = hit.target.id(checklist).unwrap_or_default().to_owned();
    if hit.quote.starts_with('[') && crate::model::Action::from_id(&hit.cue).is_some() {
        return (CueKind::Action, None);
    }
    // The scenario's own cues first: they are the instructor's.
    let mine = walk.strings.iter().find(|s| {
        !s.is_key
            && s.value == hit.cue
            && matches!(s.path.as_slice(),
                [Seg::Field(f), Seg::Key(k), Seg::Index(_)] if f == "cues" && *k == id)
    });
    if let Some(s) = mine {
        return (
            CueKind::ScenarioCue,
            Some(place_of(scenario_path, scenario_text, s)),
        );
    }
    let checklist_source = ctx
        .sources_of(Kind::Checklist)
        .find(|(_, t)| t.contains(&format!("id: \"{}\"", checklist.id)));
    if let Some((file, text)) = checklist_source {
        let w = ron_text::walk(text);
        let found = w.strings.iter().find(|s| {
            !s.is_key
                && s.value == hit.cue
                && s.path.iter().any(|p| *p == field("cues"))
                && s.path.first().is_some_and(|p| {
                    *p == field("items") || *p == field("violations") || *p == field("ladder")
                })
        });
        if let Some(s) = found {
            return (CueKind::ChecklistCue, Some(place_of(file, text, s)));
        }
    }
    if hit.cue == "반말" {
        return (CueKind::SpeechLevel, None);
    }
    // An act rule: the rule in acts.ron whose target is the id and whose conditions make the
    // label.
    for (file, text) in ctx.sources_of(Kind::Acts) {
        let w = ron_text::walk(text);
        let targets = w.strings.iter().filter(|s| {
            !s.is_key
                && s.value == id
                && matches!(s.path.as_slice(),
                    [Seg::Field(r), Seg::Index(_), Seg::Field(t)] if r == "rules" && t == "target")
        });
        for t in targets {
            let Some(rule) = t.path.get(1).cloned() else {
                continue;
            };
            let all: Vec<&str> = w
                .strings
                .iter()
                .filter(|s| {
                    s.path.len() == 4
                        && s.path[0] == field("rules")
                        && s.path[1] == rule
                        && s.path[2] == field("all")
                })
                .map(|s| s.value.as_str())
                .collect();
            if all.join("+") == hit.cue {
                let start = w
                    .container_at(&[field("rules"), rule.clone()])
                    .map_or(t.range.start, |r| r.start);
                return (
                    CueKind::ActRule,
                    Some(Place {
                        file: file.clone(),
                        line: ron_text::line_of(text, start),
                    }),
                );
            }
        }
    }
    let profane = checklist
        .violations
        .iter()
        .position(|v| v.detector == crate::model::Detector::Profanity)
        .is_some_and(|v| hit.target == Target::Violation(v));
    if profane {
        let place = ctx
            .sources_of(Kind::ProfanityLexicon)
            .find_map(|(file, text)| {
                let quoted = ron_text::quote(&hit.cue);
                text.find(&quoted).map(|b| Place {
                    file: file.clone(),
                    line: ron_text::line_of(text, b),
                })
            });
        return (CueKind::Profanity, place);
    }
    (CueKind::ChecklistCue, None)
}

/// What one sentence does against a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhraseReport {
    pub text: String,
    pub speech_level: SpeechLevel,
    /// Items and rungs shown (ladder rungs as `ladder:request` …).
    pub items: Vec<Finding>,
    pub violations: Vec<Finding>,
    /// Facts the sentence asks for.
    pub facts: Vec<Finding>,
}

/// Analyses one sentence (with optional leading `[action]` tokens) against the draft's
/// checklist and the draft's own cues and fact questions, saying for each finding which cue or
/// rule matched and where it is defined.
pub fn test_phrase(
    ctx: &Context,
    entry: &Entry,
    scenario_path: &str,
    scenario_text: &str,
    sentence: &str,
) -> PhraseReport {
    let (turn, _) = TraineeTurn::parse(sentence);
    let analysis = entry.compiled.analyzer().analyze(&turn);
    let walk = ron_text::walk(scenario_text);
    let mut report = PhraseReport {
        text: sentence.to_owned(),
        speech_level: analysis.level,
        items: Vec::new(),
        violations: Vec::new(),
        facts: Vec::new(),
    };
    for hit in &analysis.hits {
        let (kind, place) = locate_with(ctx, entry, scenario_path, scenario_text, &walk, hit);
        let id = match hit.target {
            Target::Fact(i) => entry
                .scenario
                .facts
                .get(i)
                .map(|f| f.id.clone())
                .unwrap_or_default(),
            t => t.id(&entry.checklist).unwrap_or_default().to_owned(),
        };
        let finding = Finding {
            id,
            target: hit.target,
            cue: hit.cue.clone(),
            quote: hit.quote.clone(),
            kind,
            place,
        };
        match hit.target {
            Target::Item(_) | Target::Rung(_) => report.items.push(finding),
            Target::Violation(_) => report.violations.push(finding),
            Target::Fact(_) => report.facts.push(finding),
        }
    }
    report
}

/// Why a cue could not be added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddCueError {
    #[error("단서가 비어 있습니다")]
    Empty,
    #[error("단서 문법이 잘못되었습니다: {0}")]
    Pattern(String),
    #[error("\"{0}\"은(는) 이 시나리오 체크리스트의 항목·위반·대응 단계 id가 아닙니다")]
    UnknownId(String),
    #[error("파일 구조를 읽을 수 없어 단서를 넣을 자리를 찾지 못했습니다 (먼저 오류를 고치십시오)")]
    NoPlace,
    #[error("단서를 넣은 파일에 오류가 생깁니다: {0}")]
    Invalid(String),
    #[error("이미 있는 단서입니다")]
    Exists,
}

/// Adds `pattern` to the scenario's `cues: {"id": [...]}` map in the RON text and returns the
/// new text. Every other byte of the file stays as it was: the pattern is inserted after the
/// last cue of that key, or a new key is added to the map, or a `cues` field is added after the
/// `id` line when the file has none. The result is validated; an error is returned instead of a
/// broken file.
pub fn add_cue(
    library: &Library,
    text: &str,
    id: &str,
    pattern: &str,
) -> Result<String, AddCueError> {
    let pattern = pattern.trim();
    if pattern.is_empty() {
        return Err(AddCueError::Empty);
    }
    crate::analysis::cue::Cue::parse(pattern).map_err(|e| AddCueError::Pattern(e.to_string()))?;
    let walk = ron_text::walk(text);
    let checklist_id = walk
        .string_at(&[field("checklist")])
        .map_or("default".to_owned(), |s| s.value.clone());
    if let Some(c) = library.checklist(&checklist_id)
        && crate::analysis::Target::of_id(c, id).is_none()
    {
        return Err(AddCueError::UnknownId(id.to_owned()));
    }
    let quoted = ron_text::quote(pattern);
    let key_path = [field("cues"), Seg::Key(id.to_owned())];
    let new_text = if let Some(list) = walk.container_at(&key_path) {
        // After the last element of the key's list, or inside an empty one.
        let existing: Vec<&Located> = walk
            .strings
            .iter()
            .filter(|s| !s.is_key && s.path.len() == 3 && s.path[..2] == key_path)
            .collect();
        if existing.iter().any(|s| s.value == pattern) {
            return Err(AddCueError::Exists);
        }
        match existing.last() {
            Some(last) => splice(text, last.range.end, &format!(", {quoted}")),
            None => splice(text, list.start + 1, &quoted),
        }
    } else if let Some(map) = walk.container_at(&[field("cues")]) {
        let inner = text[map.start + 1..map.end - 1].trim();
        let entry = format!("{:?}: [{quoted}]", id);
        if inner.is_empty() {
            splice(text, map.start + 1, &entry)
        } else {
            // After the last value of the map, before its closing brace.
            let last_end = walk
                .containers
                .iter()
                .filter(|(p, r)| {
                    p.len() == 2 && p[0] == field("cues") && r.end <= map.end && r.start > map.start
                })
                .map(|(_, r)| r.end)
                .max()
                .ok_or(AddCueError::NoPlace)?;
            let after = &text[last_end..map.end - 1];
            let comma = if after.trim_start().starts_with(',') {
                ""
            } else {
                ","
            };
            let at = if comma.is_empty() {
                last_end + after.find(',').map_or(0, |i| i + 1)
            } else {
                last_end
            };
            splice(text, at, &format!("{comma} {entry}"))
        }
    } else {
        // No `cues` field: a new line after the top-level `id: "...",` line, indented alike.
        let id_field = walk
            .fields
            .iter()
            .find(|(p, _)| p.as_slice() == [field("id")])
            .ok_or(AddCueError::NoPlace)?;
        let line_start = text[..id_field.1.start].rfind('\n').map_or(0, |i| i + 1);
        let indent = &text[line_start..id_field.1.start];
        let line_end = text[id_field.1.start..]
            .find('\n')
            .map_or(text.len(), |i| id_field.1.start + i);
        let line = &text[id_field.1.start..line_end];
        if !line.trim_end().ends_with(',') {
            return Err(AddCueError::NoPlace);
        }
        splice(
            text,
            line_end,
            &format!("\n{indent}cues: {{{:?}: [{quoted}]}},", id),
        )
    };
    let v = super::validate(library, "cue.ron", &new_text);
    if let Some(p) = v.problems.iter().find(|p| p.is_error()) {
        return Err(AddCueError::Invalid(format!(
            "{}:{}: {}",
            p.line, p.col, p.message
        )));
    }
    Ok(new_text)
}

fn splice(text: &str, at: usize, insert: &str) -> String {
    let mut s = String::with_capacity(text.len() + insert.len());
    s.push_str(&text[..at]);
    s.push_str(insert);
    s.push_str(&text[at..]);
    s
}

/// A trainee's disagreement with a judgement of the analyser, for the instructor to review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dispute {
    pub scenario: String,
    /// The trainee's turn as typed.
    pub turn_text: String,
    /// What the analyser said (`items: empathy; violations: blame`).
    pub analyser_said: String,
    /// What the trainee expected, in their words.
    pub expected: String,
    /// When (RFC 3339, UTC).
    pub when: String,
    /// The trainee's name or ID.
    pub trainee: String,
}

/// The folder of disputes in an instructor folder: one file per dispute, so trainees on several
/// PCs writing to a shared station folder at once never overwrite each other.
pub fn disputes_path(folder: &Path) -> PathBuf {
    folder.join("disputes")
}

/// Keeps a dispute as a file of its own, `disputes/<when>-<uuid>.json`, written atomically
/// (a temporary file in the same folder, then renamed).
pub fn add_dispute(folder: &Path, dispute: &Dispute) -> Result<PathBuf, DocError> {
    let dir = disputes_path(folder);
    std::fs::create_dir_all(&dir).map_err(|e| DocError::Write {
        path: dir.display().to_string(),
        reason: e.to_string(),
    })?;
    let json = serde_json::to_string_pretty(dispute).map_err(|e| DocError::Write {
        path: dir.display().to_string(),
        reason: e.to_string(),
    })?;
    let stamp: String = dispute
        .when
        .chars()
        .filter(char::is_ascii_digit)
        .take(14)
        .collect();
    let path = dir.join(format!("{stamp}-{}.json", uuid::Uuid::new_v4()));
    atomic_write(&path, json.as_bytes())?;
    Ok(path)
}

/// The disputes of `folder`, oldest first, and how many files could not be read (skipped, e.g.
/// one half-copied onto a share). Also reads a `disputes.jsonl` of one dispute a line.
pub fn load_disputes(folder: &Path) -> (Vec<Dispute>, usize) {
    let mut out = Vec::new();
    let mut broken = 0;
    let lines = std::fs::read_to_string(folder.join("disputes.jsonl")).unwrap_or_default();
    for line in lines.lines().filter(|l| !l.trim().is_empty()) {
        match serde_json::from_str::<Dispute>(line) {
            Ok(d) => out.push(d),
            Err(_) => broken += 1,
        }
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(disputes_path(folder))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    for path in files {
        match std::fs::read(&path).map(|b| serde_json::from_slice::<Dispute>(&b)) {
            Ok(Ok(d)) => out.push(d),
            _ => broken += 1,
        }
    }
    out.sort_by(|a, b| a.when.cmp(&b.when));
    (out, broken)
}
