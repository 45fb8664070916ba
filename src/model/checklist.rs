//! The checklist: what a good response contains (items), what it must avoid (violations) and the
//! ladder for abusive complainants. Loaded from RON; `scenarios/checklist.ron` is the default.

use serde::{Deserialize, Serialize};

use super::{Action, MoodDelta};

/// A whole checklist file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    /// Referred to by scenarios (`checklist: "default"`).
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub items: Vec<Item>,
    pub violations: Vec<Violation>,
    /// The abuse-warning ladder, in the order a trainee must climb it.
    #[serde(default)]
    pub ladder: Vec<LadderStep>,
    /// The item that any rung of the ladder also counts for (`boundary`).
    #[serde(default)]
    pub ladder_item: Option<String>,
    /// How the complainant's mood drifts after a turn that contains nothing useful.
    #[serde(default = "default_idle")]
    pub idle: MoodDelta,
    /// Penalty for each step of the ladder taken out of order (or without any abuse).
    #[serde(default = "default_ladder_penalty")]
    pub ladder_penalty: u32,
    /// How the complainant's mood moves at a step taken out of order or unprovoked.
    #[serde(default = "default_ladder_fault_mood")]
    pub ladder_fault_mood: MoodDelta,
    /// Points taken off the total for an ending of each kind (`walked_out`, `turn_limit`).
    #[serde(default)]
    pub outcome_penalty: std::collections::BTreeMap<String, u32>,
}

fn default_ladder_fault_mood() -> MoodDelta {
    MoodDelta {
        anger: 12,
        trust: -8,
    }
}

fn default_idle() -> MoodDelta {
    MoodDelta {
        anger: 3,
        trust: -1,
    }
}

fn default_ladder_penalty() -> u32 {
    8
}

/// A behaviour that earns credit.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub title: String,
    pub phase: Phase,
    /// Relative weight in the total; 0 leaves the item out.
    pub weight: u32,
    /// When in the conversation the item earns credit.
    #[serde(default)]
    pub when: Timing,
    /// Why it matters, shown on the scorecard and in hints.
    #[serde(default)]
    pub guidance: String,
    /// Phrases a trainee can learn from; the first is the one shown in tips.
    #[serde(default)]
    pub model_phrases: Vec<String>,
    /// Cue patterns (see `docs/scenario-format.md`).
    #[serde(default)]
    pub cues: Vec<String>,
    /// Buttons that also count for the item.
    #[serde(default)]
    pub actions: Vec<Action>,
    /// How the complainant's mood moves when the item is shown (less on each repeat).
    #[serde(default)]
    pub mood: MoodDelta,
}

/// When an item earns credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Timing {
    /// At any turn.
    #[default]
    Anytime,
    /// Within the first N trainee turns.
    Opening(u32),
    /// From the turn after the first N trainee turns on (the complainant has said something).
    After(u32),
    /// Within the last N trainee turns of the session.
    Closing(u32),
    /// Only while or after the complainant has been abusive; not applicable otherwise.
    WhenAbused,
}

impl Timing {
    /// Whether an item shown at turn `number` of a session of `last` turns earns credit
    /// (`abused`: the complainant had been abusive by then). Decided after the session, when
    /// the last turn is known.
    pub fn counts(self, number: u32, last: u32, abused: bool) -> bool {
        match self {
            Timing::Anytime => true,
            Timing::Opening(n) => number <= n,
            Timing::After(n) => number > n,
            Timing::Closing(n) => number.saturating_add(n) > last,
            Timing::WhenAbused => abused,
        }
    }

    /// Whether an item is worth suggesting before turn `next`, while the session goes on and
    /// its last turn is not yet known: a closing item once the conversation is in its last stage.
    pub fn due(self, next: u32, last_stage: bool) -> bool {
        match self {
            Timing::Opening(n) => next <= n,
            Timing::Closing(_) => last_stage,
            Timing::Anytime | Timing::After(_) | Timing::WhenAbused => true,
        }
    }
}

/// The scorecard's phases (맞이, 경청, 공감, 설명, 평정, 마무리).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Phase {
    Welcome,
    Listen,
    Empathy,
    Explain,
    Composure,
    Closing,
}

impl Phase {
    pub const ALL: [Phase; 6] = [
        Phase::Welcome,
        Phase::Listen,
        Phase::Empathy,
        Phase::Explain,
        Phase::Composure,
        Phase::Closing,
    ];

    /// The Korean name used on the scorecard.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Welcome => "맞이",
            Phase::Listen => "경청",
            Phase::Empathy => "공감",
            Phase::Explain => "설명",
            Phase::Composure => "평정",
            Phase::Closing => "마무리",
        }
    }
}

/// How a violation is detected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Detector {
    /// By the violation's cue patterns only.
    #[default]
    Cues,
    /// By the profanity lexicon (with obfuscated spellings), plus any cues.
    Profanity,
    /// By speech level: any sentence in 반말, plus any cues.
    SpeechLevel,
}

/// A behaviour that costs points and upsets the complainant.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Violation {
    pub id: String,
    pub title: String,
    /// Points taken off the total for each turn in which it occurs.
    pub penalty: u32,
    #[serde(default)]
    pub detector: Detector,
    #[serde(default)]
    pub guidance: String,
    /// What to say instead, shown in tips.
    #[serde(default)]
    pub instead: Vec<String>,
    #[serde(default)]
    pub cues: Vec<String>,
    #[serde(default)]
    pub mood: MoodDelta,
}

/// The event of a ladder step taken out of order or without abuse (for triggers).
pub const LADDER_FAULT: &str = "ladder:fault";

/// A rung of the abuse-warning ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Rung {
    /// Politely ask the person to stop (그렇게 말씀하시면 정상적인 응대가 어렵습니다).
    Request,
    /// Announce recording before starting it.
    Record,
    /// Legal warning (공무집행방해·모욕죄).
    Warn,
    /// End the conversation, stating why.
    End,
}

impl Rung {
    pub const ALL: [Rung; 4] = [Rung::Request, Rung::Record, Rung::Warn, Rung::End];

    /// The id used in transcripts, triggers and JSON (`ladder:request`).
    pub fn id(self) -> &'static str {
        match self {
            Rung::Request => "ladder:request",
            Rung::Record => "ladder:record",
            Rung::Warn => "ladder:warn",
            Rung::End => "ladder:end",
        }
    }

    pub fn from_id(id: &str) -> Option<Rung> {
        Rung::ALL.into_iter().find(|r| r.id() == id)
    }
}

impl std::fmt::Display for Rung {
    /// The rung's id (`ladder:warn`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LadderStep {
    pub rung: Rung,
    pub title: String,
    #[serde(default)]
    pub guidance: String,
    #[serde(default)]
    pub model_phrases: Vec<String>,
    #[serde(default)]
    pub cues: Vec<String>,
    #[serde(default)]
    pub actions: Vec<Action>,
    #[serde(default)]
    pub mood: MoodDelta,
}

impl Checklist {
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn violation(&self, id: &str) -> Option<&Violation> {
        self.violations.iter().find(|v| v.id == id)
    }

    /// The index of the item the abuse ladder earns (`ladder_item`, usually `boundary`).
    pub fn ladder_index(&self) -> Option<usize> {
        let id = self.ladder_item.as_deref()?;
        self.items.iter().position(|i| i.id == id)
    }

    pub fn step(&self, rung: Rung) -> Option<&LadderStep> {
        self.ladder.iter().find(|s| s.rung == rung)
    }

    /// True when `id` names an item, a violation or a ladder rung of this checklist, or
    /// `ladder:fault`.
    pub fn knows_event(&self, id: &str) -> bool {
        self.item(id).is_some()
            || self.violation(id).is_some()
            || Rung::from_id(id).is_some()
            || id == LADDER_FAULT
    }
}
