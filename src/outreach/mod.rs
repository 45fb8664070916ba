//! A 일일열사 day: ten short resident conversations in a row, drawn from the
//! outreach scenarios of the library. After each one the resident fills in a card, and the
//! trainee records the request in the box's ledger; the day ends with "오늘 만난 주민 n/10",
//! the day's ledger and its CSV export.
//!
//! [`Day`] holds the live session of the current visit; [`DayState`] is everything else, plain
//! data that records can keep and [`Day::resume`] continues from.

pub mod ledger;

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

pub use ledger::{Card, FieldMark, LedgerEntry, LedgerField, LedgerScore, score_entry};

use crate::engine::{Session, SessionState};
use crate::library::{Entry, Library};
use crate::practice::Practice;
use crate::scoring::{self, Scorecard};

/// Residents an officer meets in a day.
pub const RESIDENTS_PER_DAY: usize = 10;

/// The checklist id of outreach scenarios.
pub const OUTREACH_CHECKLIST: &str = "outreach";

/// The version of [`DayState`]'s format.
pub const DAY_STATE_VERSION: u32 = 1;

/// One finished visit: the conversation's scorecard, the resident's card, the trainee's ledger
/// entry and its score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Visit {
    pub scenario: String,
    /// The resident (`이○○ 어르신`).
    pub resident: String,
    pub seed: u64,
    pub scorecard: Scorecard,
    pub card: Card,
    pub entry: LedgerEntry,
    pub ledger: LedgerScore,
}

/// Everything about a day but the live session: what records keep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayState {
    pub version: u32,
    pub seed: u64,
    /// The scenario ids of the day, in order (ten, or fewer when the pack has fewer residents).
    pub plan: Vec<String>,
    pub visits: Vec<Visit>,
    /// The practice the day is scored under.
    pub practice: Option<Practice>,
    /// The visit under way, if any.
    pub current: Option<SessionState>,
}

/// Why a day cannot go on.
#[derive(Debug, thiserror::Error)]
pub enum DayError {
    #[error("주민 요청(request)이 있는 일일열사 시나리오가 없어 하루를 시작할 수 없습니다")]
    NoResidents,
    #[error("지금 면담이 진행 중입니다. 면담을 마치고 장부를 적은 뒤 다음 주민을 만나십시오")]
    VisitUnderway,
    #[error("오늘 만날 주민을 모두 만났습니다")]
    DayOver,
    #[error("진행 중인 면담이 없습니다")]
    NoVisit,
    #[error("면담이 아직 끝나지 않았습니다. 면담을 마친 뒤 카드를 받고 장부를 적으십시오")]
    VisitNotOver,
    #[error(
        "저장된 하루의 형식(버전 {0})을 이 프로그램은 읽지 못합니다 (버전 {DAY_STATE_VERSION})"
    )]
    Version(u32),
    #[error("저장된 하루의 시나리오 \"{0}\"가 지금 시나리오 목록에 없습니다")]
    MissingScenario(String),
    #[error("저장된 면담을 이어 갈 수 없습니다: {0}")]
    Resume(#[from] crate::engine::ResumeError),
    #[error("장부를 CSV로 쓸 수 없습니다: {0}")]
    Csv(String),
}

/// A 일일열사 day in progress.
#[derive(Debug)]
pub struct Day {
    state: DayState,
    /// The planned scenarios, in order.
    entries: Vec<Entry>,
    current: Option<Session>,
}

/// The day's residents: outreach scenarios with a request, one per resident (persona name),
/// shuffled by the seed, at most ten.
fn draw(library: &Library, seed: u64) -> Vec<Entry> {
    let mut pool: Vec<&Entry> = library
        .scenarios
        .iter()
        .filter(|e| e.scenario.checklist == OUTREACH_CHECKLIST && e.scenario.request.is_some())
        .collect();
    // Independent of the order files were loaded in.
    pool.sort_by(|a, b| a.scenario.id.cmp(&b.scenario.id));
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    pool.shuffle(&mut rng);
    let mut seen = std::collections::BTreeSet::new();
    pool.into_iter()
        .filter(|e| seen.insert(e.scenario.persona.name.clone()))
        .take(RESIDENTS_PER_DAY)
        .cloned()
        .collect()
}

/// The seed of the `index`-th visit of a day.
fn visit_seed(day_seed: u64, index: usize) -> u64 {
    day_seed
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(index as u64 + 1)
}

impl Day {
    /// Plans a day from the library's outreach scenarios, deterministic for a seed, scored
    /// under `practice` if the station has one.
    pub fn new(library: &Library, seed: u64, practice: Option<Practice>) -> Result<Day, DayError> {
        let entries = draw(library, seed);
        if entries.is_empty() {
            return Err(DayError::NoResidents);
        }
        Ok(Day {
            state: DayState {
                version: DAY_STATE_VERSION,
                seed,
                plan: entries.iter().map(|e| e.scenario.id.clone()).collect(),
                visits: Vec::new(),
                practice,
                current: None,
            },
            entries,
            current: None,
        })
    }

    /// Continues a saved day with the library's scenarios.
    pub fn resume(library: &Library, state: DayState) -> Result<Day, DayError> {
        if state.version != DAY_STATE_VERSION {
            return Err(DayError::Version(state.version));
        }
        let entries = state
            .plan
            .iter()
            .map(|id| {
                library
                    .scenario(id)
                    .cloned()
                    .ok_or_else(|| DayError::MissingScenario(id.clone()))
            })
            .collect::<Result<Vec<Entry>, DayError>>()?;
        let current = match &state.current {
            Some(s) => {
                let entry = entries
                    .get(state.visits.len())
                    .ok_or_else(|| DayError::MissingScenario(s.scenario.clone()))?;
                Some(Session::resume(entry.compiled.clone(), s.clone())?)
            }
            None => None,
        };
        Ok(Day {
            state: DayState {
                current: None,
                ..state
            },
            entries,
            current,
        })
    }

    /// The state to save: finished visits, the plan, and the current session's state.
    pub fn state(&self) -> DayState {
        DayState {
            current: self.current.as_ref().map(Session::state),
            ..self.state.clone()
        }
    }

    pub fn seed(&self) -> u64 {
        self.state.seed
    }

    /// The practice the day is scored under.
    pub fn practice(&self) -> Option<&Practice> {
        self.state.practice.as_ref()
    }

    /// The scenario ids of the day, in order.
    pub fn plan(&self) -> &[String] {
        &self.state.plan
    }

    /// Residents met so far (visits finished with a ledger entry).
    pub fn met(&self) -> usize {
        self.state.visits.len()
    }

    /// Finished visits, in order.
    pub fn visits(&self) -> &[Visit] {
        &self.state.visits
    }

    /// The visit under way.
    pub fn current(&self) -> Option<&Session> {
        self.current.as_ref()
    }

    /// The visit under way, to play turns in.
    pub fn current_mut(&mut self) -> Option<&mut Session> {
        self.current.as_mut()
    }

    /// The scenario of the visit under way, or of the next one when none is: who the trainee
    /// meets (for a "다음 주민" screen); `None` when the day is over.
    pub fn resident(&self) -> Option<&std::sync::Arc<crate::model::Scenario>> {
        self.entries
            .get(self.state.visits.len())
            .map(|e| e.compiled.scenario())
    }

    /// Every planned resident has been met.
    pub fn is_over(&self) -> bool {
        self.current.is_none() && self.state.visits.len() >= self.entries.len()
    }

    /// Starts the conversation with the next resident: the resident speaks first.
    pub fn start_next(&mut self) -> Result<&mut Session, DayError> {
        if self.current.is_some() {
            return Err(DayError::VisitUnderway);
        }
        let index = self.state.visits.len();
        let entry = self.entries.get(index).ok_or(DayError::DayOver)?;
        let seed = visit_seed(self.state.seed, index);
        Ok(self.current.insert(entry.start(seed)))
    }

    /// Takes the visit under way out of the day, for a view that plays it; give it back with
    /// [`Day::restore_current`] before [`Day::card`] or [`Day::submit`].
    pub fn take_current(&mut self) -> Option<Session> {
        self.current.take()
    }

    /// Gives back the visit taken with [`Day::take_current`]. Refused (and returned) if it is
    /// not the next planned resident's.
    pub fn restore_current(&mut self, session: Session) -> Result<(), Box<Session>> {
        let expected = self.entries.get(self.state.visits.len());
        if self.current.is_some() || expected.is_none_or(|e| e.scenario.id != session.scenario().id)
        {
            return Err(Box::new(session));
        }
        self.current = Some(session);
        Ok(())
    }

    /// The card the resident of the current visit fills in, once the conversation is over.
    pub fn card(&self) -> Option<Card> {
        let s = self.current.as_ref()?;
        if !s.is_over() {
            return None;
        }
        Card::of(s)
    }

    /// Records the trainee's ledger entry for the current visit, which must be over: scores
    /// the conversation and the entry, and closes the visit.
    pub fn submit(&mut self, entry: LedgerEntry) -> Result<&Visit, DayError> {
        let session = self.current.as_ref().ok_or(DayError::NoVisit)?;
        if !session.is_over() {
            return Err(DayError::VisitNotOver);
        }
        let scenario = session.scenario().clone();
        let Some(request) = scenario.request.as_ref() else {
            // `draw` takes only scenarios with a request.
            return Err(DayError::NoResidents);
        };
        let card = Card::of(session).ok_or(DayError::NoResidents)?;
        let ledger = score_entry(request, &entry, session.analyzer(), session.checklist());
        let scorecard = scoring::score_with(session, self.state.practice.as_ref());
        let visit = Visit {
            scenario: scenario.id.clone(),
            resident: scenario.persona.name.clone(),
            seed: session.seed(),
            scorecard,
            card,
            entry,
            ledger,
        };
        self.current = None;
        self.state.visits.push(visit);
        self.state.visits.last().ok_or(DayError::NoVisit)
    }

    /// The day so far: how many residents were met, and the ledger.
    pub fn summary(&self) -> DaySummary {
        let visits = &self.state.visits;
        let n = visits.len();
        let mean = |f: &dyn Fn(&Visit) -> u32| {
            (n > 0).then(|| visits.iter().map(|v| f(v) as f64).sum::<f64>() / n as f64)
        };
        let practice = self.state.practice.as_ref().map(|p| {
            crate::practice::adherence(
                visits
                    .iter()
                    .filter_map(|v| v.scorecard.practice.as_ref().filter(|r| r.id == p.id)),
            )
        });
        DaySummary {
            met: n,
            target: RESIDENTS_PER_DAY,
            planned: self.entries.len(),
            headline: format!("오늘 만난 주민 {n}/{RESIDENTS_PER_DAY}"),
            rows: visits
                .iter()
                .enumerate()
                .map(|(i, v)| LedgerRow::of(i + 1, v))
                .collect(),
            ledger_average: mean(&|v| v.ledger.total),
            conversation_average: mean(&|v| v.scorecard.total),
            practice,
        }
    }

    /// The day's ledger as CSV: UTF-8 with a BOM so that Excel reads the Korean, one row per
    /// visit.
    pub fn ledger_csv(&self) -> Result<Vec<u8>, DayError> {
        ledger_csv(&self.summary().rows)
    }
}

/// The end of a day (or the day so far).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DaySummary {
    /// Residents met.
    pub met: usize,
    /// Residents an officer meets in a day (10).
    pub target: usize,
    /// Residents the day could plan (fewer than ten when the pack has fewer).
    pub planned: usize,
    /// `오늘 만난 주민 n/10`.
    pub headline: String,
    /// The day's ledger.
    pub rows: Vec<LedgerRow>,
    /// Mean ledger score (0–100) of the visits.
    pub ledger_average: Option<f64>,
    /// Mean conversation total (0–100).
    pub conversation_average: Option<f64>,
    /// How often the day's practice was kept, when there is one.
    pub practice: Option<crate::practice::Adherence>,
}

/// One line of the day's ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LedgerRow {
    /// 1-based.
    pub number: usize,
    pub resident: String,
    pub scenario: String,
    pub kind: String,
    pub place: String,
    pub time: String,
    pub content: String,
    pub contact: String,
    pub plan: String,
    /// The ledger entry's score, 0–100.
    pub ledger_score: u32,
    /// The conversation's total and grade.
    pub conversation_score: u32,
    pub grade: String,
}

impl LedgerRow {
    fn of(number: usize, v: &Visit) -> LedgerRow {
        let e = &v.entry;
        LedgerRow {
            number,
            resident: v.resident.clone(),
            scenario: v.scenario.clone(),
            kind: e.kind.map(|k| k.label().to_owned()).unwrap_or_default(),
            place: e.place.trim().to_owned(),
            time: e.time.map(|t| t.label().to_owned()).unwrap_or_default(),
            content: e.content.trim().to_owned(),
            contact: match e.contact {
                Some(true) => "희망".to_owned(),
                Some(false) => "희망 안 함".to_owned(),
                None => String::new(),
            },
            plan: e.plan.trim().to_owned(),
            ledger_score: v.ledger.total,
            conversation_score: v.scorecard.total,
            grade: v.scorecard.grade.letter().to_owned(),
        }
    }
}

/// Column headers of the ledger CSV.
pub const CSV_HEADERS: [&str; 12] = [
    "순번",
    "주민",
    "시나리오",
    "요청 유형",
    "장소",
    "시간대",
    "내용",
    "연락 희망",
    "조치 계획",
    "장부 점수",
    "면담 점수",
    "등급",
];

/// A cell as Excel should show it: text that Excel would read as a formula (`=`, `+`, `-`,
/// `@`) is kept as text with a leading apostrophe, so a typed entry never runs on the PC that
/// opens the ledger.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// Ledger rows as CSV, UTF-8 with a BOM (Excel opens it with the Korean intact).
pub fn ledger_csv(rows: &[LedgerRow]) -> Result<Vec<u8>, DayError> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        let err = |e: csv::Error| DayError::Csv(e.to_string());
        w.write_record(CSV_HEADERS).map_err(err)?;
        for r in rows {
            w.write_record([
                r.number.to_string(),
                cell(&r.resident),
                cell(&r.scenario),
                cell(&r.kind),
                cell(&r.place),
                cell(&r.time),
                cell(&r.content),
                cell(&r.contact),
                cell(&r.plan),
                r.ledger_score.to_string(),
                r.conversation_score.to_string(),
                cell(&r.grade),
            ])
            .map_err(err)?;
        }
        w.flush().map_err(|e| DayError::Csv(e.to_string()))?;
    }
    Ok(out)
}
