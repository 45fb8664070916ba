//! Serde types of the data files (checklist, scenario, lexicons), transcripts, and validation.

pub mod checklist;
pub mod lexicon;
pub mod scenario;
pub mod transcript;
pub mod validate;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use checklist::{Checklist, Detector, Item, LadderStep, Phase, Rung, Timing, Violation};
pub use lexicon::{ProfanityLexicon, SpeechLexicon};
pub use scenario::{
    Band, BandLines, Channel, Condition, Difficulty, Ending, EndingKind, Fact, Persona, Scenario,
    Stage, Trigger,
};
pub use transcript::{TraineeTurn, Transcript, TranscriptError};

/// What typed text cannot show; each has a button in the app and a `[token]` in transcripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Action {
    Bow,
    OfferSeat,
    OfferDrink,
    GiveCard,
    NotifyRecording,
    Escort,
}

impl Action {
    pub const ALL: [Action; 6] = [
        Action::Bow,
        Action::OfferSeat,
        Action::OfferDrink,
        Action::GiveCard,
        Action::NotifyRecording,
        Action::Escort,
    ];

    /// The token written in transcripts, without brackets (`bow`).
    pub fn id(self) -> &'static str {
        match self {
            Action::Bow => "bow",
            Action::OfferSeat => "offer_seat",
            Action::OfferDrink => "offer_drink",
            Action::GiveCard => "give_card",
            Action::NotifyRecording => "notify_recording",
            Action::Escort => "escort",
        }
    }

    pub fn from_id(id: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.id() == id)
    }

    /// True for what only a face-to-face meeting can show; a phone call has only recording.
    pub fn is_physical(self) -> bool {
        self != Action::NotifyRecording
    }

    /// The Korean label of the button.
    pub fn label(self) -> &'static str {
        match self {
            Action::Bow => "90도 인사",
            Action::OfferSeat => "의자 빼드리기",
            Action::OfferDrink => "물 드리기",
            Action::GiveCard => "명함 드리기",
            Action::NotifyRecording => "녹음 고지",
            Action::Escort => "배웅하기",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}]", self.id())
    }
}

/// The complainant's state: anger and trust, each 0–100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mood {
    pub anger: i32,
    pub trust: i32,
}

impl Mood {
    pub const MAX: i32 = 100;

    /// The mood moved by `delta`, kept within 0–100.
    pub fn moved(self, delta: MoodDelta) -> Mood {
        Mood {
            anger: (self.anger + delta.anger).clamp(0, Self::MAX),
            trust: (self.trust + delta.trust).clamp(0, Self::MAX),
        }
    }
}

/// A change of mood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoodDelta {
    #[serde(default)]
    pub anger: i32,
    #[serde(default)]
    pub trust: i32,
}

impl MoodDelta {
    pub fn is_zero(self) -> bool {
        self.anger == 0 && self.trust == 0
    }

    /// The delta divided by `n`, for behaviour repeated `n` times; a change never fades to
    /// nothing, so patient listening keeps helping a little.
    pub fn damped(self, n: i32) -> MoodDelta {
        let n = n.max(1);
        let damp = |x: i32| {
            if x == 0 {
                0
            } else {
                (x / n).abs().max(1) * x.signum()
            }
        };
        MoodDelta {
            anger: damp(self.anger),
            trust: damp(self.trust),
        }
    }
}

impl std::ops::Add for MoodDelta {
    type Output = MoodDelta;
    fn add(self, o: MoodDelta) -> MoodDelta {
        MoodDelta {
            anger: self.anger + o.anger,
            trust: self.trust + o.trust,
        }
    }
}

impl std::ops::AddAssign for MoodDelta {
    fn add_assign(&mut self, o: MoodDelta) {
        *self = *self + o;
    }
}
