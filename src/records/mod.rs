//! Training records: every session kept, turn by turn, as a file of its own; what the history,
//! the instructor's dashboard, the exports and the LRS are made from. No egui here.
//!
//! # Files
//!
//! One session, one file, named by a random UUID, in one folder ([`Location`]): a station
//! folder on a network share that several PCs write to, a portable `records` folder beside the
//! executable, or the user's data folder. No file is ever shared or changed by two writers.
//!
//! - `<uuid>.journal.jsonl` — a session being played: JSON Lines, a [`Header`] line, then one
//!   [`RecordedTurn`] line per trainee turn (with the engine's `SessionState` after the turn),
//!   each appended with write + flush + fsync. While the session is played the journal is held
//!   with an exclusive file lock, so a journal that can be locked is one whose program died.
//! - `<uuid>.jsonl` — a finished (or abandoned) record, written once and atomically (a temp file
//!   in the same folder, fsynced, then renamed): the header line with a compact [`Summary`]
//!   (what listing and the dashboard read — they never parse transcripts), the turns without
//!   their states, and an [`End`] line with the end time, duration and the scorecard.
//! - `outbox/<statement-id>.json` — xAPI statements waiting for the LRS ([`outbox`]).
//!
//! Readers tolerate half-written and corrupt files: [`Store::list`] puts them in
//! [`Listing::problems`] (path + reason) and goes on; a journal cut in the middle of its last
//! line keeps every complete turn.
//!
//! # The app's side
//!
//! ```no_run
//! # use minwon::records::*;
//! # fn demo(session: &mut minwon::engine::Session, turn: minwon::model::TraineeTurn)
//! #     -> Result<(), RecordsError> {
//! let store = Store::open(&Location::resolve(None)?)?;
//! // On start: sessions a crash or kill left behind.
//! for u in store.unfinished() {
//!     // offer u.header.title / u.turns.len(); then either
//!     //   let journal = store.resume(&u)?;  and  Session::resume(compiled, u.state.unwrap())
//!     // or store.abandon(u.header.id)?;
//! #   let _ = u;
//! }
//! let trainee = Trainee { name: "김민수".into(), id: "A1234".into() };
//! let mut journal = store.begin(Header::for_session(session, trainee, Mode::Practice));
//! session.respond(turn);
//! if let Err(e) = journal.turn(&RecordedTurn::last_of(session).unwrap()) {
//!     // Show `e` (Korean); the line stays in memory; call journal.retry() later.
//! }
//! session.end_by_trainee();
//! let card = minwon::scoring::score(session);
//! journal.finish(&card, session.closing_reply().map(|r| r.text.as_str()))?;
//! # Ok(()) }
//! ```
//!
//! A write that fails (read-only or full folder, a share that went away) returns a
//! [`RecordsError`] in Korean and keeps the lines in the [`Journal`]: [`Journal::retry`] writes
//! them when the folder is back; nothing is dropped until it is on disk.
//!
//! For the history and dashboard see [`stats`]; exports in [`export`]; xAPI in [`xapi`] and
//! [`outbox`].

pub mod export;
pub mod location;
pub mod outbox;
pub mod stats;
mod store;
pub mod xapi;

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

pub use location::Location;
pub use store::{Journal, JournalStatus, Listed, Listing, Problem, Record, Store, Unfinished};

use crate::analysis::Target;
use crate::engine::{Session, SessionState};
use crate::model::{Mood, Phase};
use crate::scoring::{Grade, Scorecard};

/// The version of the record format written here; newer records are listed as problems.
pub const RECORD_FORMAT: u32 = 1;

/// Why records could not be written or read. Every message is in Korean and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum RecordsError {
    #[error(
        "기록 폴더 {}에 쓸 수 없습니다 (읽기 전용이거나 권한이 없습니다). 상담 내용은 메모리에 남아 있으니 폴더를 고친 뒤 다시 저장하십시오. ({source})",
        path.display()
    )]
    ReadOnly { path: PathBuf, source: io::Error },
    #[error(
        "기록 폴더 {}의 디스크가 가득 찼습니다. 상담 내용은 메모리에 남아 있으니 공간을 비운 뒤 다시 저장하십시오. ({source})",
        path.display()
    )]
    Full { path: PathBuf, source: io::Error },
    #[error(
        "기록 파일 {}을(를) 쓰거나 읽을 수 없습니다: {source}. 상담 내용은 메모리에 남아 있으니 다시 시도하십시오.",
        path.display()
    )]
    Io { path: PathBuf, source: io::Error },
    #[error("기록 파일 {}이(가) 다른 프로그램에서 쓰이고 있습니다", path.display())]
    Busy { path: PathBuf },
    #[error(
        "기록 폴더를 정할 수 없습니다: 사용자 폴더(홈)를 찾지 못했습니다. 설정에서 기록 폴더를 고르십시오."
    )]
    NoHome,
    #[error("{}: 기록을 읽을 수 없습니다 ({reason})", path.display())]
    Corrupt { path: PathBuf, reason: String },
    #[error("기록 {0}을(를) 찾을 수 없습니다")]
    NotFound(String),
    #[error("{}을(를) 만들 수 없습니다: {reason}", path.display())]
    Export { path: PathBuf, reason: String },
}

impl RecordsError {
    /// Sorts an I/O error into what the trainee can do about it.
    pub fn io(path: &Path, source: io::Error) -> RecordsError {
        let path = path.to_path_buf();
        match source.kind() {
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                RecordsError::ReadOnly { path, source }
            }
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
                RecordsError::Full { path, source }
            }
            _ => RecordsError::Io { path, source },
        }
    }
}

/// Practice (feedback after every turn) or evaluation (nothing shown until the end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Practice,
    Evaluation,
}

impl Mode {
    pub fn label(self) -> &'static str {
        match self {
            Mode::Practice => "연습",
            Mode::Evaluation => "평가",
        }
    }
}

/// Who played: a name and an ID (교번), no password.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Trainee {
    pub name: String,
    pub id: String,
}

/// The first line of every record: what was played, by whom, when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// [`RECORD_FORMAT`].
    pub format: u32,
    /// The session's id: the file's name and the xAPI registration.
    pub id: Uuid,
    /// The version of minwon that played it.
    pub app_version: String,
    pub trainee: Trainee,
    pub scenario: String,
    pub title: String,
    /// SHA-256 of the scenario's content (its canonical JSON form, so reformatting the RON
    /// file does not change it): tells whether a record was played on today's scenario.
    pub scenario_hash: String,
    pub checklist: String,
    pub checklist_hash: String,
    pub mode: Mode,
    pub seed: u64,
    pub started_at: Timestamp,
    /// The complainant's first words.
    pub opening: String,
    /// Filled in the finished record only: what listing reads instead of the whole file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Summary>,
}

impl Header {
    /// The header of a session just started (its opening said), timed now.
    pub fn for_session(session: &Session, trainee: Trainee, mode: Mode) -> Header {
        let scenario = session.scenario();
        let checklist = session.checklist();
        Header {
            format: RECORD_FORMAT,
            id: Uuid::new_v4(),
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            trainee,
            scenario: scenario.id.clone(),
            title: scenario.title.clone(),
            scenario_hash: content_hash(&**scenario),
            checklist: checklist.id.clone(),
            checklist_hash: content_hash(&**checklist),
            mode,
            seed: session.seed(),
            started_at: Timestamp::now(),
            opening: session.opening().text.clone(),
            summary: None,
        }
    }
}

/// SHA-256 (hex) of a value's JSON form.
pub fn content_hash<T: Serialize>(value: &T) -> String {
    let bytes = serde_json::to_vec(value).unwrap_or_default();
    let digest = Sha256::digest(&bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// One trainee turn as recorded: what was said and done, what the analyser found, how the
/// complainant took it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordedTurn {
    /// 1-based.
    pub number: u32,
    pub at: Timestamp,
    pub text: String,
    /// Action ids (`bow`).
    pub actions: Vec<String>,
    /// `formal`, `informal` or `neutral`.
    pub speech_level: String,
    /// Checklist item ids found, sorted.
    pub items: Vec<String>,
    /// Violation ids found, sorted.
    pub violations: Vec<String>,
    /// Rungs of the ladder climbed properly (`ladder:warn`).
    #[serde(default)]
    pub rungs: Vec<String>,
    /// The stage the turn was spoken in (its id).
    pub stage: String,
    pub mood_after: Mood,
    /// The complainant's reply.
    pub reply: String,
    /// The session's state after this turn (journals only): what a resume continues from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<Box<SessionState>>,
}

impl RecordedTurn {
    /// The session's last turn with its state, or `None` before the first turn.
    pub fn last_of(session: &Session) -> Option<RecordedTurn> {
        let t = session.turns().last()?;
        let checklist = session.checklist();
        let mut items = Vec::new();
        let mut violations = Vec::new();
        for h in &t.analysis.hits {
            let list = match h.target {
                Target::Item(_) => &mut items,
                Target::Violation(_) => &mut violations,
                _ => continue,
            };
            list.extend(h.target.id(checklist).map(str::to_owned));
        }
        items.sort();
        items.dedup();
        violations.sort();
        violations.dedup();
        Some(RecordedTurn {
            number: t.number,
            at: Timestamp::now(),
            text: t.turn.text.clone(),
            actions: t.turn.actions.iter().map(|a| a.id().to_owned()).collect(),
            speech_level: t.analysis.level.id().to_owned(),
            items,
            violations,
            rungs: t.rungs.iter().map(|r| r.id().to_owned()).collect(),
            stage: session
                .scenario()
                .stages
                .get(t.stage)
                .map(|s| s.id.clone())
                .unwrap_or_default(),
            mood_after: t.mood_after,
            reply: t.reply.text.clone(),
            state: Some(Box::new(session.state())),
        })
    }
}

/// How a record ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Played to the scorecard.
    Finished,
    /// Left unfinished (a crash or kill) and kept as it was.
    Abandoned,
}

/// The last line of a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct End {
    pub status: Status,
    pub ended_at: Timestamp,
    pub duration_secs: f64,
    /// The complainant's words after the trainee ended the session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<String>,
    /// `None` for an abandoned session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scorecard: Option<Scorecard>,
}

/// A phase's score, 0.0–1.0.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PhasePoint {
    pub phase: Phase,
    pub score: f64,
}

/// What the history and the dashboard need of a record, kept in its first line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub status: Status,
    pub ended_at: Timestamp,
    pub duration_secs: f64,
    pub turns: u32,
    /// The scorecard's total; `None` when abandoned.
    #[serde(default)]
    pub total: Option<u32>,
    #[serde(default)]
    pub grade: Option<Grade>,
    /// The outcome id (`resolved`).
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub phases: Vec<PhasePoint>,
    /// Applicable items met, and those missed, by id.
    #[serde(default)]
    pub met: Vec<String>,
    #[serde(default)]
    pub missed: Vec<String>,
    /// Violations by id, with how many times.
    #[serde(default)]
    pub violations: BTreeMap<String, u32>,
    /// Steps of the ladder taken wrongly.
    #[serde(default)]
    pub ladder_faults: u32,
}

impl Summary {
    /// The summary of an ended session.
    pub fn of(end: &End, turns: u32) -> Summary {
        let mut s = Summary {
            status: end.status,
            ended_at: end.ended_at,
            duration_secs: end.duration_secs,
            turns,
            total: None,
            grade: None,
            outcome: None,
            phases: Vec::new(),
            met: Vec::new(),
            missed: Vec::new(),
            violations: BTreeMap::new(),
            ladder_faults: 0,
        };
        if let Some(card) = &end.scorecard {
            s.total = Some(card.total);
            s.grade = Some(card.grade);
            s.outcome = Some(card.outcome.id().to_owned());
            s.phases = card
                .phases
                .iter()
                .map(|p| PhasePoint {
                    phase: p.phase,
                    score: p.score,
                })
                .collect();
            for item in card.items.iter().filter(|i| i.applicable) {
                if item.met {
                    s.met.push(item.id.clone());
                } else {
                    s.missed.push(item.id.clone());
                }
            }
            for v in &card.violations {
                *s.violations.entry(v.id.clone()).or_default() += 1;
            }
            s.ladder_faults = card.ladder.len() as u32;
        }
        s
    }
}

/// One line of a record file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "line", rename_all = "snake_case")]
pub enum Line {
    Header(Box<Header>),
    Turn(Box<RecordedTurn>),
    End(Box<End>),
}
