//! The resident's card and the trainee's ledger entry (장부) of a 일일열사 visit.
//!
//! The card is what the resident writes, built from the scenario's `request` and what the
//! conversation drew out: a detail the officer did not ask about stays blank. The ledger entry
//! is what the trainee records from it (요청 유형, 장소, 시간대, 내용, 연락 희망, 조치 계획),
//! scored against what the resident really asked and on a follow-up plan that promises effort,
//! never an outcome.

use serde::{Deserialize, Serialize};

use crate::analysis::Analyzer;
use crate::analysis::text::{is_word_char, normalize};
use crate::engine::Session;
use crate::model::{Checklist, EndingKind, RequestKind, ResidentRequest, TimeBand, TraineeTurn};

/// The card the resident fills in after the conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    /// Who wrote it (`이○○ 어르신`).
    pub resident: String,
    /// False when the resident walked away without writing anything.
    pub written: bool,
    /// 장소, in the resident's words; blank when the conversation never drew it out.
    pub place: Option<String>,
    /// 시간대; blank when the conversation never drew out when.
    pub time: Option<TimeBand>,
    /// 내용, in the resident's words.
    pub content: String,
    /// 연락 희망 (ticked or not); `None` on an unwritten card.
    pub contact: Option<bool>,
    /// What else the resident wrote down: the circumstances the officer drew out.
    pub details: Vec<String>,
    /// Circumstances of the request the officer never drew out.
    pub missing: usize,
}

impl Card {
    /// Builds the card of a finished (or abandoned) visit; `None` when the scenario has no
    /// resident request. A request fact not drawn out leaves the time blank, and the place too
    /// when that fact is where the place was said (its words name one of the place keys).
    pub fn of(session: &Session) -> Option<Card> {
        let scenario = session.scenario();
        let request = scenario.request.as_ref()?;
        let resident = scenario.persona.name.clone();
        if session.ended().map(|e| e.kind) == Some(EndingKind::WalkedOut) {
            return Some(Card {
                resident,
                written: false,
                place: None,
                time: None,
                content: String::new(),
                contact: None,
                details: Vec::new(),
                missing: request.facts.len(),
            });
        }
        let mut details = Vec::new();
        let mut missing = 0;
        let mut place_known = true;
        let keys: Vec<String> = request
            .place_keys
            .iter()
            .map(|k| squash(k))
            .filter(|k| !k.is_empty())
            .collect();
        for id in &request.facts {
            let Some(i) = scenario.facts.iter().position(|f| &f.id == id) else {
                continue;
            };
            let fact = &scenario.facts[i];
            if session.disclosed().get(i).copied().unwrap_or(false) {
                details.push(fact.title.clone());
            } else {
                missing += 1;
                let said = squash(&format!("{} {}", fact.title, fact.lines.join(" ")));
                if keys.iter().any(|k| said.contains(k)) {
                    place_known = false;
                }
            }
        }
        Some(Card {
            resident,
            written: true,
            place: place_known.then(|| request.place.clone()),
            time: (missing == 0).then_some(request.time),
            content: request.content.clone(),
            contact: Some(request.contact),
            details,
            missing,
        })
    }
}

/// The trainee's entry in the box's ledger (지구대 장부).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LedgerEntry {
    /// 요청 유형.
    pub kind: Option<RequestKind>,
    /// 장소.
    pub place: String,
    /// 시간대.
    pub time: Option<TimeBand>,
    /// 내용.
    pub content: String,
    /// 연락 희망.
    pub contact: Option<bool>,
    /// 조치 계획: what the box will do (effort, not outcomes).
    pub plan: String,
}

/// A field of the ledger form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LedgerField {
    Kind,
    Place,
    Time,
    Content,
    Contact,
    Plan,
}

impl LedgerField {
    pub const ALL: [LedgerField; 6] = [
        LedgerField::Kind,
        LedgerField::Place,
        LedgerField::Time,
        LedgerField::Content,
        LedgerField::Contact,
        LedgerField::Plan,
    ];

    /// The Korean name on the form (`요청 유형`).
    pub fn label(self) -> &'static str {
        match self {
            LedgerField::Kind => "요청 유형",
            LedgerField::Place => "장소",
            LedgerField::Time => "시간대",
            LedgerField::Content => "내용",
            LedgerField::Contact => "연락 희망",
            LedgerField::Plan => "조치 계획",
        }
    }

    /// Points the field is worth; they add up to 100.
    pub fn max_points(self) -> u32 {
        match self {
            LedgerField::Kind => 15,
            LedgerField::Place => 20,
            LedgerField::Time => 20,
            LedgerField::Content => 20,
            LedgerField::Contact => 10,
            LedgerField::Plan => 15,
        }
    }
}

/// The mark of one field, with the reason in Korean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldMark {
    pub field: LedgerField,
    pub points: u32,
    pub max: u32,
    pub reason: String,
}

impl FieldMark {
    pub fn full(&self) -> bool {
        self.points == self.max
    }
}

/// How faithfully a ledger entry records the resident's request, 0–100.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerScore {
    pub total: u32,
    /// One mark per field, in the order of the form.
    pub marks: Vec<FieldMark>,
}

impl LedgerScore {
    pub fn mark(&self, field: LedgerField) -> Option<&FieldMark> {
        self.marks.iter().find(|m| m.field == field)
    }
}

/// Letters and digits only, lower-cased: matching that ignores spacing and punctuation.
fn squash(text: &str) -> String {
    normalize(text)
        .chars()
        .filter(|&c| is_word_char(c))
        .collect()
}

/// Scores a ledger entry against the resident's request. The follow-up plan is read by the
/// visit's analyser (`analyzer`, made for `checklist`): it must commit to effort (an item
/// `reassurance` or `explain_procedure`: 순찰 경로에 반영하겠습니다) and earns nothing when it
/// promises an outcome or shows any other fault (도둑이 다시는 안 들게 하겠습니다).
pub fn score_entry(
    request: &ResidentRequest,
    entry: &LedgerEntry,
    analyzer: &Analyzer,
    checklist: &Checklist,
) -> LedgerScore {
    let mark = |field: LedgerField, ok: bool, reason: String| FieldMark {
        field,
        points: if ok { field.max_points() } else { 0 },
        max: field.max_points(),
        reason,
    };
    let mut marks = Vec::with_capacity(LedgerField::ALL.len());

    marks.push(match entry.kind {
        Some(k) if k == request.kind => mark(
            LedgerField::Kind,
            true,
            format!("요청 유형 '{}'이(가) 맞습니다.", k.label()),
        ),
        Some(k) => mark(
            LedgerField::Kind,
            false,
            format!(
                "'{}'이(가) 아니라 '{}' 요청입니다.",
                k.label(),
                request.kind.label()
            ),
        ),
        None => mark(
            LedgerField::Kind,
            false,
            format!(
                "요청 유형을 고르지 않았습니다 ('{}' 요청입니다).",
                request.kind.label()
            ),
        ),
    });

    let place = squash(&entry.place);
    let place_hit = request
        .place_keys
        .iter()
        .map(|k| squash(k))
        .find(|k| !k.is_empty() && place.contains(k.as_str()));
    marks.push(match place_hit {
        Some(k) => mark(
            LedgerField::Place,
            true,
            format!("장소에 주민이 말한 곳('{k}')이 들어 있습니다."),
        ),
        None if place.is_empty() => mark(
            LedgerField::Place,
            false,
            format!("장소가 비어 있습니다. 주민이 적은 곳: {}", request.place),
        ),
        None => mark(
            LedgerField::Place,
            false,
            format!(
                "'{}'은(는) 주민이 말한 곳이 아닙니다. 주민이 적은 곳: {}",
                entry.place.trim(),
                request.place
            ),
        ),
    });

    marks.push(match entry.time {
        Some(t) if t == request.time => mark(
            LedgerField::Time,
            true,
            format!("시간대 '{}'이(가) 맞습니다.", t.label()),
        ),
        Some(t) => mark(
            LedgerField::Time,
            false,
            format!(
                "'{}'이(가) 아니라 '{}'입니다. 언제가 걱정인지 여쭤 확인하십시오.",
                t.label(),
                request.time.label()
            ),
        ),
        None => mark(
            LedgerField::Time,
            false,
            format!(
                "시간대를 적지 않았습니다 ('{}'). 언제가 걱정인지 여쭤 확인하십시오.",
                request.time.label()
            ),
        ),
    });

    let content = squash(&entry.content);
    let keys: Vec<String> = request
        .content_keys
        .iter()
        .map(|k| squash(k))
        .filter(|k| !k.is_empty())
        .collect();
    let (found, missed): (Vec<&String>, Vec<&String>) =
        keys.iter().partition(|k| content.contains(k.as_str()));
    let needed = keys.len().div_ceil(2);
    marks.push(if found.len() >= needed {
        mark(
            LedgerField::Content,
            true,
            format!(
                "내용에 주민의 요청이 담겼습니다 (핵심어 {}/{}).",
                found.len(),
                keys.len()
            ),
        )
    } else {
        mark(
            LedgerField::Content,
            false,
            format!(
                "내용에 주민의 요청이 충분히 담기지 않았습니다 (핵심어 {}/{}, 빠진 말: {}). 주민이 적은 내용: {}",
                found.len(),
                keys.len(),
                missed
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                request.content
            ),
        )
    });

    let wants = if request.contact {
        "원합니다"
    } else {
        "원하지 않습니다"
    };
    marks.push(match entry.contact {
        Some(c) if c == request.contact => mark(
            LedgerField::Contact,
            true,
            format!("주민은 연락을 {wants}."),
        ),
        Some(_) => mark(
            LedgerField::Contact,
            false,
            format!("주민은 연락을 {wants}."),
        ),
        None => mark(
            LedgerField::Contact,
            false,
            format!("연락 희망을 적지 않았습니다. 주민은 연락을 {wants}."),
        ),
    });

    marks.push(plan_mark(&entry.plan, analyzer, checklist));
    let total = marks.iter().map(|m| m.points).sum();
    LedgerScore { total, marks }
}

/// The follow-up plan: effort promised, no outcome promised, no other fault.
fn plan_mark(plan: &str, analyzer: &Analyzer, checklist: &Checklist) -> FieldMark {
    let field = LedgerField::Plan;
    let max = field.max_points();
    let mk = |points, reason: String| FieldMark {
        field,
        points,
        max,
        reason,
    };
    if plan.trim().is_empty() {
        return mk(
            0,
            "조치 계획이 비어 있습니다. 요청을 어떻게 반영할지 적으십시오 (예: 순찰 경로에 반영하겠습니다)."
                .to_owned(),
        );
    }
    let analysis = analyzer.analyze(&TraineeTurn::new(plan));
    let faults: Vec<String> = analysis
        .violations()
        .filter_map(|h| {
            let id = h.target.id(checklist)?;
            let title = checklist.violation(id).map_or(id, |v| v.title.as_str());
            Some(format!("{title}: \"{}\"", h.quote))
        })
        .collect();
    if !faults.is_empty() {
        return mk(
            0,
            format!(
                "조치 계획은 할 수 있는 노력만 약속합니다. {}",
                faults.join("; ")
            ),
        );
    }
    let effort = analysis.items().any(|h| {
        matches!(
            h.target.id(checklist),
            Some("reassurance" | "explain_procedure")
        )
    });
    if effort {
        mk(
            max,
            "할 수 있는 노력을 약속하는 조치 계획입니다.".to_owned(),
        )
    } else {
        mk(
            0,
            "무엇을 하겠다는 조치가 보이지 않습니다 (예: 요청은 장부에 적어 저녁 순찰 경로에 반영하겠습니다)."
                .to_owned(),
        )
    }
}
