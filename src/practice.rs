//! A station's signature practice (우리 서 시책): one distinctive courtesy kept strictly, defined
//! in data (`scenarios/practices.ron`) as a rule over the turns of a session, checked live while
//! the trainee plays and on the scorecard, where missing it caps the grade below A.
//!
//! The rule language is small on purpose: a practice is a list of checks that must all hold,
//! each either "in this turn (first, last, any, within the first or last N) these things happen
//! together" or "this happens before that". What can happen: an action button (`bow`), a
//! checklist item however shown (`Item("reassurance")`), an item shown in words alone
//! (`Said("greeting")`, the button does not count), or one of some words (`Words(["내일"])`).

use serde::{Deserialize, Serialize};

use crate::analysis::text::{is_word_char, normalize};
use crate::engine::{Session, TurnRecord};
use crate::model::validate::{Finding, Severity};
use crate::model::{Action, Channel, Checklist, Scenario, TraineeTurn};
use crate::scoring::{Evidence, Grade};

/// A practices file: `Practices(practices: [...])`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Practices")]
pub struct PracticeSet {
    pub practices: Vec<Practice>,
}

/// One signature practice a station can choose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Practice {
    /// Stable id in snake_case (`bow_first`); the station settings name it.
    pub id: String,
    /// Korean title (`90도 인사로 먼저 맞이하기`).
    pub title: String,
    /// What the trainee must do and why, for the briefing.
    pub description: String,
    /// How it is done, for tips (`[90도 인사] 안녕하십니까, …`).
    #[serde(default)]
    pub phrase: String,
    /// Channels it applies to; empty for all. A bow cannot be seen on the telephone.
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// Checklist ids of the scenarios it applies to; empty for all.
    #[serde(default)]
    pub checklists: Vec<String>,
    /// Checks that must all hold.
    pub rule: Vec<Check>,
}

/// One machine-checkable condition over the trainee's turns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Check {
    /// Some turn within `at` shows every one of `all`, together.
    Turn { at: When, all: Vec<Event> },
    /// `first` happens, and `then` does not happen in any turn before it (the same turn is
    /// fine: a paraphrase followed by an explanation).
    Order { first: Event, then: Event },
}

/// Which trainee turns a [`Check::Turn`] looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum When {
    /// The officer's first turn.
    First,
    /// The officer's last turn.
    Last,
    /// Any turn.
    Any,
    /// One of the first N turns.
    Opening(u32),
    /// One of the last N turns.
    Closing(u32),
}

/// Something a trainee turn can show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    /// An action button (`Bow`, `OfferSeat`, `Escort`, `GiveCard`...).
    Action(Action),
    /// A checklist item, by id, shown in words or by a button.
    Item(String),
    /// A checklist item shown in the typed words alone (a button does not count).
    Said(String),
    /// One of these words in the typed text (spacing and punctuation ignored).
    Words(Vec<String>),
}

/// Where a practice stands in a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PracticeStatus {
    /// Not decided yet: the turn it looks at has not come.
    Pending,
    Kept,
    Missed,
    /// The practice does not apply to this scenario (a bow on the telephone): nothing to show.
    NotApplicable,
}

impl PracticeStatus {
    /// The Korean label (`지킴`).
    pub fn label(self) -> &'static str {
        match self {
            PracticeStatus::Pending => "진행 중",
            PracticeStatus::Kept => "지킴",
            PracticeStatus::Missed => "놓침",
            PracticeStatus::NotApplicable => "해당 없음",
        }
    }
}

/// A practice on the scorecard and in records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeResult {
    pub id: String,
    pub title: String,
    /// False when the practice does not apply to the scenario (a bow on the telephone): it
    /// neither caps the grade nor counts in the adherence rate.
    pub applicable: bool,
    pub kept: bool,
    /// Why it was kept or missed, in Korean.
    pub why: String,
    /// The turn that kept it (or the one that broke an order).
    pub evidence: Option<Evidence>,
}

/// The highest total when an applicable practice is missed: one point under the lowest A,
/// so the grade is at most B however well the rest went.
pub fn missed_cap() -> u32 {
    Grade::A.lowest_total().saturating_sub(1)
}

/// How often a practice was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Adherence {
    pub kept: u32,
    /// Sessions in which it applied.
    pub counted: u32,
}

impl Adherence {
    /// Kept / counted, 0.0–1.0; `None` when nothing was counted.
    pub fn rate(self) -> Option<f64> {
        (self.counted > 0).then(|| f64::from(self.kept) / f64::from(self.counted))
    }

    /// `지킴 7/9 (78%)`, or `기록 없음`.
    pub fn label(self) -> String {
        match self.rate() {
            Some(r) => format!(
                "지킴 {}/{} ({:.0}%)",
                self.kept,
                self.counted,
                (r * 100.0).round()
            ),
            None => "기록 없음".to_owned(),
        }
    }
}

/// The adherence over some results (of one practice, or all of a trainee's): results where
/// the practice did not apply are left out.
pub fn adherence<'a>(results: impl IntoIterator<Item = &'a PracticeResult>) -> Adherence {
    let mut a = Adherence::default();
    for r in results.into_iter().filter(|r| r.applicable) {
        a.counted += 1;
        a.kept += u32::from(r.kept);
    }
    a
}

/// The adherence of each practice id, for a dashboard over sessions kept under different
/// practices.
pub fn adherence_by_practice<'a>(
    results: impl IntoIterator<Item = &'a PracticeResult>,
) -> std::collections::BTreeMap<String, Adherence> {
    let mut out: std::collections::BTreeMap<String, Adherence> = Default::default();
    for r in results.into_iter().filter(|r| r.applicable) {
        let a = out.entry(r.id.clone()).or_default();
        a.counted += 1;
        a.kept += u32::from(r.kept);
    }
    out
}

/// The text with only letters and digits, for word matching that ignores spacing.
fn squash(text: &str) -> String {
    normalize(text)
        .chars()
        .filter(|&c| is_word_char(c))
        .collect()
}

/// What the checks look at in one turn.
struct TurnView<'a> {
    record: &'a TurnRecord,
    /// Item ids shown by the typed words alone (computed when a `Said` asks).
    said: std::cell::OnceCell<Vec<String>>,
    squashed: std::cell::OnceCell<String>,
}

/// The outcome of one check.
struct Verdict {
    status: PracticeStatus,
    why: String,
    evidence: Option<Evidence>,
}

impl When {
    /// The Korean words for the turns it names (`첫 응답`).
    fn label(self) -> String {
        match self {
            When::First => "첫 응답".to_owned(),
            When::Last => "마지막 응답".to_owned(),
            When::Any => "대화 중 한 응답".to_owned(),
            When::Opening(n) => format!("처음 {n}번의 응답 가운데 하나"),
            When::Closing(n) => format!("마지막 {n}번의 응답 가운데 하나"),
        }
    }
}

impl Practice {
    /// Whether it applies to a scenario (its channel and checklist).
    pub fn applies(&self, scenario: &Scenario) -> bool {
        (self.channels.is_empty() || self.channels.contains(&scenario.channel))
            && (self.checklists.is_empty() || self.checklists.contains(&scenario.checklist))
    }

    /// The text for the briefing: `우리 서 시책 — 제목: 설명`.
    pub fn briefing(&self) -> String {
        format!("우리 서 시책 — {}: {}", self.title, self.description)
    }

    /// Where the practice stands now, for live tracking while the session goes on: pending
    /// until the turn it looks at has come (the last turn is known only at the end).
    pub fn status(&self, session: &Session) -> PracticeStatus {
        if !self.applies(session.scenario()) {
            return PracticeStatus::NotApplicable;
        }
        self.judge(session, session.is_over()).status
    }

    /// The practice on the scorecard: the session is judged as it stands, as if finished.
    pub fn result(&self, session: &Session) -> PracticeResult {
        let applicable = self.applies(session.scenario());
        let v = if applicable {
            self.judge(session, true)
        } else {
            Verdict {
                status: PracticeStatus::Missed,
                why: "이 시나리오에는 적용되지 않는 시책입니다".to_owned(),
                evidence: None,
            }
        };
        PracticeResult {
            id: self.id.clone(),
            title: self.title.clone(),
            applicable,
            kept: applicable && v.status == PracticeStatus::Kept,
            why: v.why,
            evidence: v.evidence,
        }
    }

    /// All checks: missed when one is missed, kept when all are kept, else pending.
    fn judge(&self, session: &Session, over: bool) -> Verdict {
        let views: Vec<TurnView> = session
            .turns()
            .iter()
            .map(|record| TurnView {
                record,
                said: Default::default(),
                squashed: Default::default(),
            })
            .collect();
        let mut kept_evidence = None;
        let mut kept_why = Vec::new();
        let mut pending = None;
        for check in &self.rule {
            let v = check.judge(session, &views, over);
            match v.status {
                PracticeStatus::Missed => return v,
                PracticeStatus::Pending | PracticeStatus::NotApplicable => {
                    pending.get_or_insert(v);
                }
                PracticeStatus::Kept => {
                    kept_why.push(v.why);
                    if kept_evidence.is_none() {
                        kept_evidence = v.evidence;
                    }
                }
            }
        }
        if let Some(p) = pending {
            return p;
        }
        Verdict {
            status: PracticeStatus::Kept,
            why: kept_why.join(" "),
            evidence: kept_evidence,
        }
    }
}

impl Event {
    /// The Korean words for it (`[90도 인사]`, `첫인사`).
    fn label(&self, checklist: &Checklist) -> String {
        let title = |id: &str| {
            checklist
                .item(id)
                .map_or_else(|| id.to_owned(), |i| i.title.clone())
        };
        match self {
            Event::Action(a) => format!("[{}]", a.label()),
            Event::Item(id) => format!("'{}'", title(id)),
            Event::Said(id) => format!("말로 하는 '{}'", title(id)),
            Event::Words(words) => {
                let some: Vec<String> = words.iter().take(3).map(|w| format!("'{w}'")).collect();
                format!("{} 같은 말", some.join(", "))
            }
        }
    }

    fn shown(&self, session: &Session, view: &TurnView) -> bool {
        let checklist = session.checklist();
        match self {
            Event::Action(a) => view.record.turn.actions.contains(a),
            Event::Item(id) => view
                .record
                .analysis
                .items()
                .any(|h| h.target.id(checklist) == Some(id.as_str())),
            Event::Said(id) => view
                .said
                .get_or_init(|| {
                    let words = TraineeTurn::new(view.record.turn.text.clone());
                    let analysis = session.analyzer().analyze(&words);
                    analysis
                        .items()
                        .filter_map(|h| h.target.id(checklist).map(str::to_owned))
                        .collect()
                })
                .contains(id),
            Event::Words(words) => {
                let text = view.squashed.get_or_init(|| squash(&view.record.turn.text));
                words.iter().any(|w| {
                    let w = squash(w);
                    !w.is_empty() && text.contains(&w)
                })
            }
        }
    }
}

fn evidence(view: &TurnView) -> Evidence {
    Evidence {
        turn: view.record.number,
        text: view.record.turn.to_line(),
    }
}

impl Check {
    fn judge(&self, session: &Session, views: &[TurnView], over: bool) -> Verdict {
        let checklist = session.checklist();
        let n = views.len();
        match self {
            Check::Turn { at, all } => {
                let what: Vec<String> = all.iter().map(|e| e.label(checklist)).collect();
                let what = what.join(" + ");
                // The turns it may be in, and whether that window is closed for good. The last
                // turns are known only at the end: until then they are no turns at all.
                let k = |k: u32| usize::try_from(k).unwrap_or(usize::MAX);
                let (range, closed) = match *at {
                    When::First => (0..n.min(1), n >= 1),
                    When::Opening(m) => (0..n.min(k(m)), n >= k(m) || over),
                    When::Any => (0..n, over),
                    When::Last if over => (n.saturating_sub(1)..n, true),
                    When::Closing(m) if over => (n.saturating_sub(k(m))..n, true),
                    When::Last | When::Closing(_) => (0..0, false),
                };
                let hit = views[range]
                    .iter()
                    .find(|v| all.iter().all(|e| e.shown(session, v)));
                match hit {
                    Some(v) => Verdict {
                        status: PracticeStatus::Kept,
                        why: format!("{}번째 응답에서 {what}을(를) 했습니다.", v.record.number),
                        evidence: Some(evidence(v)),
                    },
                    None if closed || over => Verdict {
                        status: PracticeStatus::Missed,
                        why: format!("{}에 {what}이(가) 있어야 합니다.", at.label()),
                        evidence: None,
                    },
                    None => Verdict {
                        status: PracticeStatus::Pending,
                        why: format!("{}에 {what}을(를) 하십시오.", at.label()),
                        evidence: None,
                    },
                }
            }
            Check::Order { first, then } => {
                let (f_label, t_label) = (first.label(checklist), then.label(checklist));
                let f = views.iter().find(|v| first.shown(session, v));
                let t = views.iter().find(|v| then.shown(session, v));
                match (f, t) {
                    (Some(f), t) if t.is_none_or(|t| t.record.number >= f.record.number) => {
                        Verdict {
                            status: PracticeStatus::Kept,
                            why: format!(
                                "{t_label}보다 {f_label}이(가) 먼저였습니다 ({}번째 응답).",
                                f.record.number
                            ),
                            evidence: Some(evidence(f)),
                        }
                    }
                    (_, Some(t)) => Verdict {
                        status: PracticeStatus::Missed,
                        why: format!(
                            "{}번째 응답에서 {f_label}보다 {t_label}이(가) 먼저 나왔습니다.",
                            t.record.number
                        ),
                        evidence: Some(evidence(t)),
                    },
                    _ if over => Verdict {
                        status: PracticeStatus::Missed,
                        why: format!("{f_label}이(가) 한 번도 없었습니다."),
                        evidence: None,
                    },
                    _ => Verdict {
                        status: PracticeStatus::Pending,
                        why: format!("{t_label}보다 {f_label}을(를) 먼저 하십시오."),
                        evidence: None,
                    },
                }
            }
        }
    }
}

/// Checks a practices file against the loaded checklists: ids unique and well formed, every
/// practice with a rule, item ids that some checklist knows, no empty word lists or windows.
pub fn validate(set: &PracticeSet, checklists: &[&Checklist]) -> Vec<Finding> {
    let mut out = Vec::new();
    let quoted = |s: &str| Some(format!("{s:?}"));
    let mut seen = std::collections::BTreeSet::new();
    for p in &set.practices {
        if p.id.is_empty()
            || !p
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        {
            out.push(Finding::error(
                format!(
                    "시책 id \"{}\"는 영문 소문자·숫자·_·- 로만 씁니다 (예: bow_first)",
                    p.id
                ),
                quoted(&p.id),
            ));
        }
        if !seen.insert(p.id.clone()) {
            out.push(Finding::error(
                format!("시책 id \"{}\"가 두 번 있습니다", p.id),
                quoted(&p.id),
            ));
        }
        if p.title.trim().is_empty() || p.description.trim().is_empty() {
            out.push(Finding::error(
                format!(
                    "시책 \"{}\"에 제목(title)과 설명(description)이 있어야 합니다",
                    p.id
                ),
                quoted(&p.id),
            ));
        }
        if p.rule.is_empty() {
            out.push(Finding::error(
                format!(
                    "시책 \"{}\"의 규칙(rule)이 비어 있어 지켰는지 알 수 없습니다",
                    p.id
                ),
                quoted(&p.id),
            ));
        }
        for c in &p.checklists {
            if !checklists.iter().any(|k| &k.id == c) {
                out.push(Finding {
                    severity: Severity::Warning,
                    message: format!("시책 \"{}\"의 체크리스트 \"{c}\"가 없습니다", p.id),
                    needle: quoted(c),
                    occurrence: 0,
                });
            }
        }
        let mut events: Vec<&Event> = Vec::new();
        for check in &p.rule {
            match check {
                Check::Turn { at, all } => {
                    if all.is_empty() {
                        out.push(Finding::error(
                            format!("시책 \"{}\"의 Turn 규칙에 all이 비어 있습니다", p.id),
                            quoted(&p.id),
                        ));
                    }
                    if matches!(at, When::Opening(0) | When::Closing(0)) {
                        out.push(Finding::error(
                            format!(
                                "시책 \"{}\"의 Opening·Closing에는 1 이상의 수를 씁니다",
                                p.id
                            ),
                            quoted(&p.id),
                        ));
                    }
                    events.extend(all);
                }
                Check::Order { first, then } => events.extend([first, then]),
            }
        }
        for e in events {
            match e {
                Event::Item(id) | Event::Said(id) => {
                    if !checklists.iter().any(|k| k.item(id).is_some()) {
                        out.push(Finding::error(
                            format!("시책 \"{}\"의 항목 \"{id}\"는 체크리스트에 없습니다", p.id),
                            quoted(id),
                        ));
                    }
                }
                Event::Words(words) => {
                    if words.iter().all(|w| squash(w).is_empty()) {
                        out.push(Finding::error(
                            format!("시책 \"{}\"의 Words에 낱말이 없습니다", p.id),
                            quoted(&p.id),
                        ));
                    }
                }
                Event::Action(_) => {}
            }
        }
    }
    out
}
