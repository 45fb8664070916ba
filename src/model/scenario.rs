//! A scenario: one difficult complainant, played turn by turn.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Mood, MoodDelta};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Stable id in kebab-case (`hit-and-run-swearing`); used on the command line.
    pub id: String,
    pub title: String,
    /// One or two sentences for the library card.
    pub summary: String,
    pub difficulty: Difficulty,
    #[serde(default)]
    pub tags: Vec<String>,
    /// The id of the checklist this scenario is scored with.
    #[serde(default = "default_checklist")]
    pub checklist: String,
    /// Face to face at the desk, or on the telephone.
    #[serde(default)]
    pub channel: Channel,
    /// Where and when: shown in the briefing.
    pub setting: String,
    pub persona: Persona,
    /// What the trainee should achieve, shown in the briefing.
    #[serde(default)]
    pub goals: Vec<String>,
    /// The complainant's mood when they arrive.
    pub mood: Mood,
    /// The session ends with the `TurnLimit` ending after this many trainee turns.
    #[serde(default = "default_max_turns")]
    pub max_turns: u32,
    /// Item weights for this scenario, replacing the checklist's (0 leaves an item out).
    #[serde(default)]
    pub weights: BTreeMap<String, u32>,
    /// Mood effects for this scenario, replacing the checklist's, by item, violation or rung id.
    #[serde(default)]
    pub effects: BTreeMap<String, MoodDelta>,
    /// Extra cue patterns by item or violation id, added to the checklist's.
    #[serde(default)]
    pub cues: BTreeMap<String, Vec<String>>,
    /// Model phrases by item, violation or rung id that fit this story, shown in hints and on
    /// the scorecard before the checklist's general ones (`"paraphrase": ["따님이 …"]`).
    #[serde(default)]
    pub phrases: BTreeMap<String, Vec<String>>,
    /// The complainant's first words (variants); the first stage's lines when empty.
    #[serde(default)]
    pub opening: Vec<String>,
    pub stages: Vec<Stage>,
    #[serde(default)]
    pub triggers: Vec<Trigger>,
    #[serde(default)]
    pub facts: Vec<Fact>,
    pub endings: Vec<Ending>,
    /// Stuck lines for every stage, by what is missing (see [`Stage::stuck`]); a stage's own
    /// lines for the same key come first.
    #[serde(default)]
    pub stuck: BTreeMap<String, Vec<String>>,
    /// How much the complainant takes before leaving, and how the conversation paces itself.
    #[serde(default)]
    pub patience: Patience,
    /// How the scorecard weighs what the session drew out beside the checklist items.
    #[serde(default)]
    pub scoring: ScoringTuning,
    /// 일일열사 (outreach) only: what the resident asks for, as they would write it on the card
    /// the officer hands over. A ledger entry is checked against it.
    #[serde(default)]
    pub request: Option<ResidentRequest>,
}

/// A resident's request on the 일일열사 card, and what a faithful ledger entry contains.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResidentRequest {
    /// 요청 유형.
    pub kind: RequestKind,
    /// 장소, in the resident's words as on the card (`우리 골목 끝 가로등 밑`).
    pub place: String,
    /// Words one of which the ledger entry's place must contain (`골목`, `가로등`).
    pub place_keys: Vec<String>,
    /// 시간대.
    pub time: TimeBand,
    /// 내용, in the resident's words as on the card.
    pub content: String,
    /// Words a faithful entry's content contains (at least half of them).
    pub content_keys: Vec<String>,
    /// 연락 희망: whether the resident wants to hear back.
    pub contact: bool,
    /// Facts that carry the details: a card is only as full as what the officer drew out.
    #[serde(default)]
    pub facts: Vec<String>,
}

/// 요청 유형 of a ledger entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RequestKind {
    /// 순찰 강화
    Patrol,
    /// 빈집·방범
    Burglary,
    /// 시설 개선 (가로등, CCTV, 방범창)
    Facility,
    /// 교통 안전
    Traffic,
    /// 청소년·학교 주변
    Youth,
    /// 소음·무질서
    Disorder,
    /// 안전 점검 (승강기, 시설물)
    Safety,
    /// 기타
    Other,
}

impl RequestKind {
    pub const ALL: [RequestKind; 8] = [
        RequestKind::Patrol,
        RequestKind::Burglary,
        RequestKind::Facility,
        RequestKind::Traffic,
        RequestKind::Youth,
        RequestKind::Disorder,
        RequestKind::Safety,
        RequestKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RequestKind::Patrol => "순찰 강화",
            RequestKind::Burglary => "빈집·방범",
            RequestKind::Facility => "시설 개선",
            RequestKind::Traffic => "교통 안전",
            RequestKind::Youth => "청소년·학교 주변",
            RequestKind::Disorder => "소음·무질서",
            RequestKind::Safety => "안전 점검",
            RequestKind::Other => "기타",
        }
    }
}

/// 시간대 of a ledger entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TimeBand {
    /// 새벽 (00–06)
    Dawn,
    /// 오전 (06–12)
    Morning,
    /// 오후 (12–18)
    Afternoon,
    /// 저녁 (18–22)
    Evening,
    /// 심야 (22–24)
    Night,
    /// 종일
    AllDay,
}

impl TimeBand {
    pub const ALL: [TimeBand; 6] = [
        TimeBand::Dawn,
        TimeBand::Morning,
        TimeBand::Afternoon,
        TimeBand::Evening,
        TimeBand::Night,
        TimeBand::AllDay,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TimeBand::Dawn => "새벽 (0–6시)",
            TimeBand::Morning => "오전 (6–12시)",
            TimeBand::Afternoon => "오후 (12–18시)",
            TimeBand::Evening => "저녁 (18–22시)",
            TimeBand::Night => "심야 (22–24시)",
            TimeBand::AllDay => "종일",
        }
    }
}

/// The complainant's temper and the pace of the conversation. Every number has a default, so a
/// scenario names only what it changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Patience {
    /// Anger at which the complainant walks out (also when a `WalkedOut` ending has no
    /// `min_anger`).
    pub walk_out_anger: i32,
    /// Turns with a fault (a violation or a ladder step out of order) needed before the
    /// complainant walks out; one abusive turn is enough.
    pub faults_to_walk_out: u32,
    /// Violations that make an officer abusive: one of them is enough to walk out.
    pub abusive: Vec<String>,
    /// Percent of a violation's mood effect felt on the officer's first faulty turn; a single
    /// slip from an otherwise polite officer stings less than sustained provocation.
    pub first_fault_percent: i32,
    /// The ladder applies while one of this many last complainant lines was abusive.
    pub abuse_window: usize,
    /// After this many turns in a stage that does not move, the complainant says what is
    /// missing (stuck lines) instead of replaying the stage's lines.
    pub stuck_after: u32,
    /// After this many turns in a stage, a missing listening or empathy item in its exit's
    /// `needs` is waived when the rest of the exit holds and the trainee has done that much
    /// listening work in the stage (`listening_turns`).
    pub waive_after: u32,
    /// Turns of listening work (one of the `listening` items, a question for a fact, or a
    /// neutral question) that stand in for one missed wording.
    pub listening_turns: u32,
    /// Items that count as listening work; a bare backchannel (네) does not.
    pub listening: Vec<String>,
    /// A farewell ends the session resolved when the resolved ending's anger and trust
    /// thresholds are missed by no more than this.
    pub resolve_margin: i32,
    /// A farewell that is not resolved ends "calmer but not satisfied" (`Partial`) when anger
    /// has dropped at least this much from the start, or is under 50.
    pub partial_drop: i32,
    /// How a neutral question (one the case needs, asked without a fault) moves the mood;
    /// it fades with repetition like an item.
    pub question: MoodDelta,
}

impl Default for Patience {
    fn default() -> Patience {
        Patience {
            walk_out_anger: 100,
            faults_to_walk_out: 3,
            abusive: vec!["profanity".to_owned()],
            first_fault_percent: 50,
            abuse_window: 3,
            stuck_after: 3,
            waive_after: 3,
            listening_turns: 2,
            listening: ["open_question", "paraphrase", "empathy", "apology"]
                .map(str::to_owned)
                .to_vec(),
            resolve_margin: 10,
            partial_drop: 20,
            question: MoodDelta {
                anger: -1,
                trust: 2,
            },
        }
    }
}

/// What the scorecard adds to the checklist items: depth (facts drawn out, stages completed,
/// empathy before explanation, the mood at the end) and caps for bad endings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ScoringTuning {
    /// Share of the total (0–100 percent) that comes from depth rather than checklist items.
    pub depth_percent: u32,
    /// Weights of the parts of depth.
    pub facts_weight: u32,
    pub stages_weight: u32,
    pub empathy_first_weight: u32,
    pub mood_weight: u32,
    /// Percent of a penalty always taken off; the rest is taken in proportion to the credit
    /// earned, so penalties cannot wipe out the difference between a flat officer and an
    /// abusive one (100 takes every penalty in full).
    pub penalty_base_percent: u32,
    /// Highest total after a walk-out.
    pub walked_out_cap: u32,
    /// Highest total for a session that ended "calmer but not satisfied".
    pub partial_cap: u32,
}

impl Default for ScoringTuning {
    fn default() -> ScoringTuning {
        ScoringTuning {
            depth_percent: 20,
            facts_weight: 4,
            stages_weight: 3,
            empathy_first_weight: 1,
            mood_weight: 2,
            penalty_base_percent: 40,
            walked_out_cap: 45,
            partial_cap: 89,
        }
    }
}

fn default_checklist() -> String {
    "default".to_owned()
}

fn default_max_turns() -> u32 {
    20
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Difficulty {
    Easy,
    Normal,
    Hard,
}

impl Difficulty {
    pub const ALL: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Normal, Difficulty::Hard];

    pub fn label(self) -> &'static str {
        match self {
            Difficulty::Easy => "기초",
            Difficulty::Normal => "보통",
            Difficulty::Hard => "심화",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Channel {
    #[default]
    InPerson,
    Phone,
}

impl Channel {
    pub fn label(self) -> &'static str {
        match self {
            Channel::InPerson => "대면",
            Channel::Phone => "전화",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    /// How the trainee sees them (`김○○ 씨`).
    pub name: String,
    #[serde(default)]
    pub age: Option<u32>,
    /// Their part in the case (`사고 후 미조치 피의자`).
    pub role: String,
    /// Who they are and how they behave.
    pub description: String,
    /// What they need to hear; the heart of the briefing.
    #[serde(default)]
    pub wants: String,
}

/// The complainant's mood band, derived from anger and trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Band {
    Furious,
    Upset,
    Guarded,
    Calm,
}

impl Band {
    pub const ALL: [Band; 4] = [Band::Furious, Band::Upset, Band::Guarded, Band::Calm];

    /// Furious from anger 75, upset from 50, guarded from 25 or while trust is under 40, else calm.
    pub fn of(mood: Mood) -> Band {
        if mood.anger >= 75 {
            Band::Furious
        } else if mood.anger >= 50 {
            Band::Upset
        } else if mood.anger >= 25 || mood.trust < 40 {
            Band::Guarded
        } else {
            Band::Calm
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Band::Furious => "격앙",
            Band::Upset => "흥분",
            Band::Guarded => "경계",
            Band::Calm => "진정",
        }
    }
}

/// A stretch of the conversation with its own lines and a condition to move on.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: String,
    pub title: String,
    /// What the trainee should do here; used for hints.
    #[serde(default)]
    pub goal: String,
    /// The complainant's lines by mood band, several variants each.
    pub lines: BandLines,
    /// Bands in which the complainant's lines count as abuse even without swear words
    /// (threats, contempt). Lines with swear words always count.
    #[serde(default)]
    pub abusive: Vec<Band>,
    /// Bands in which the complainant's behaviour is dangerous (sexual harassment, violence,
    /// a weapon, self-harm): the conversation should end at once with a report and a
    /// hand-over, without the ladder.
    #[serde(default)]
    pub danger: Vec<Band>,
    /// When the conversation moves on to the next stage.
    #[serde(default)]
    pub exit: Condition,
    /// Lines for a stage that does not move, by what is missing: an item or fact id of the
    /// exit, `anger` (still too angry), `trust` (not trusting enough) or `any`.
    #[serde(default)]
    pub stuck: BTreeMap<String, Vec<String>>,
    /// Lines added to the stage's pool once something has happened (an action given, a fact
    /// told, an item shown).
    #[serde(default)]
    pub extra: Vec<ExtraLines>,
}

/// Stage lines that fit only after something has happened.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtraLines {
    /// Ids of actions (`give_card`), facts, items or rungs that must have happened.
    pub after: Vec<String>,
    /// Bands in which they are said; empty for all.
    #[serde(default)]
    pub bands: Vec<Band>,
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandLines {
    pub furious: Vec<String>,
    pub upset: Vec<String>,
    pub guarded: Vec<String>,
    pub calm: Vec<String>,
}

impl BandLines {
    pub fn get(&self, band: Band) -> &[String] {
        match band {
            Band::Furious => &self.furious,
            Band::Upset => &self.upset,
            Band::Guarded => &self.guarded,
            Band::Calm => &self.calm,
        }
    }
}

/// A condition on the session, all parts of which must hold. Empty holds always.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// Trainee turns spent in the current stage.
    #[serde(default)]
    pub min_turns: u32,
    #[serde(default)]
    pub max_anger: Option<i32>,
    #[serde(default)]
    pub min_anger: Option<i32>,
    #[serde(default)]
    pub min_trust: Option<i32>,
    /// Items (or rungs) the trainee must have shown at some point in the session.
    #[serde(default)]
    pub needs: Vec<String>,
    /// Facts that must have been disclosed.
    #[serde(default)]
    pub facts: Vec<String>,
    /// Only in this stage (endings).
    #[serde(default)]
    pub stage: Option<String>,
    /// Only on a turn that shows this item, violation or rung (endings).
    #[serde(default)]
    pub on: Option<String>,
}

/// A reply to a specific item, violation or rung, taking precedence over the stage's lines.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trigger {
    /// An item, violation or rung id (`blame`, `empathy`, `ladder:record`).
    pub on: String,
    /// Stages in which it applies; empty for all.
    #[serde(default)]
    pub stages: Vec<String>,
    /// Fire at most once per session.
    #[serde(default)]
    pub once: bool,
    /// Ids of actions (`give_card`), facts, items or rungs that must have happened (in this
    /// turn or before) for the trigger to fire: a line about a card needs the card.
    #[serde(default)]
    pub after: Vec<String>,
    /// The reply is dangerous behaviour (harassment, violence, a weapon, self-harm): the
    /// trainee should end the conversation at once with a report, no ladder needed.
    #[serde(default)]
    pub danger: bool,
    pub lines: Vec<String>,
}

/// Something the complainant tells only when asked and trusting enough.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: String,
    /// A short summary for the scorecard (`사고 직후 주차장으로 차를 옮겼다`).
    pub title: String,
    /// Cue patterns of the questions that draw it out.
    pub asks: Vec<String>,
    /// Trust needed to tell it.
    #[serde(default)]
    pub min_trust: i32,
    /// How the complainant tells it (variants).
    pub lines: Vec<String>,
    /// What they say when asked before they trust enough (variants); stage lines if empty.
    #[serde(default)]
    pub refuse: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EndingKind {
    /// The complainant leaves satisfied or at least at peace.
    Resolved,
    /// Anger peaked and the complainant walked out (or hung up).
    WalkedOut,
    /// The turn limit was reached.
    TurnLimit,
    /// The trainee ended the conversation.
    EndedByTrainee,
    /// The trainee saw the complainant off calmer than they came, but not satisfied.
    Partial,
}

impl std::fmt::Display for EndingKind {
    /// The outcome id (`resolved`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl EndingKind {
    pub const ALL: [EndingKind; 5] = [
        EndingKind::Resolved,
        EndingKind::WalkedOut,
        EndingKind::TurnLimit,
        EndingKind::EndedByTrainee,
        EndingKind::Partial,
    ];

    /// The kinds every scenario must have; a missing `Partial` ending borrows the
    /// `EndedByTrainee` lines.
    pub const REQUIRED: [EndingKind; 4] = [
        EndingKind::Resolved,
        EndingKind::WalkedOut,
        EndingKind::TurnLimit,
        EndingKind::EndedByTrainee,
    ];

    /// The outcome id used in JSON (`resolved`, `walked_out`, ...).
    pub fn id(self) -> &'static str {
        match self {
            EndingKind::Resolved => "resolved",
            EndingKind::WalkedOut => "walked_out",
            EndingKind::TurnLimit => "turn_limit",
            EndingKind::EndedByTrainee => "ended_by_trainee",
            EndingKind::Partial => "partial",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EndingKind::Resolved => "원만히 해결",
            EndingKind::WalkedOut => "민원인 이탈",
            EndingKind::TurnLimit => "응답 횟수 소진",
            EndingKind::EndedByTrainee => "상담 종료",
            EndingKind::Partial => "불완전 해결",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    pub id: String,
    pub kind: EndingKind,
    /// When it happens. `WalkedOut` defaults to anger 100; `TurnLimit` and `EndedByTrainee`
    /// happen on their own and may leave it empty.
    #[serde(default)]
    pub when: Condition,
    /// The complainant's last words (variants). Of several endings of one kind, the first
    /// whose `when` holds is chosen, so `when` can fit the lines to the final mood.
    pub lines: Vec<String>,
    /// One sentence for the scorecard.
    #[serde(default)]
    pub summary: String,
}

impl Scenario {
    /// The model phrase for an item, violation or rung id: this scenario's own first, then
    /// `general` (the checklist's).
    pub fn phrase<'a>(&'a self, id: &str, general: &'a [String]) -> &'a str {
        self.phrases
            .get(id)
            .and_then(|p| p.first())
            .or(general.first())
            .map_or("", String::as_str)
    }

    pub fn stage_index(&self, id: &str) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }

    pub fn fact(&self, id: &str) -> Option<&Fact> {
        self.facts.iter().find(|f| f.id == id)
    }

    pub fn ending(&self, kind: EndingKind) -> impl Iterator<Item = &Ending> {
        self.endings.iter().filter(move |e| e.kind == kind)
    }
}
