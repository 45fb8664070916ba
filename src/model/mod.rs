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
    Band, BandLines, Channel, Condition, Difficulty, Ending, EndingKind, Fact, Persona,
    RequestKind, ResidentRequest, Scenario, Stage, TimeBand, Trigger,
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

    /// The mood moved by `delta`, kept within 0–100 (also when either side is out of range).
    pub fn moved(self, delta: MoodDelta) -> Mood {
        Mood {
            anger: self.anger.saturating_add(delta.anger).clamp(0, Self::MAX),
            trust: self.trust.saturating_add(delta.trust).clamp(0, Self::MAX),
        }
    }

    /// The mood with anger and trust brought within 0–100.
    pub fn clamped(self) -> Mood {
        Mood {
            anger: self.anger.clamp(0, Self::MAX),
            trust: self.trust.clamp(0, Self::MAX),
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

    /// The delta scaled to `percent` of itself (rounded toward zero), saturating at the i32
    /// limits.
    pub fn percent(self, percent: i32) -> MoodDelta {
        let scale = |x: i32| {
            let v = i64::from(x) * i64::from(percent) / 100;
            v.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
        };
        MoodDelta {
            anger: scale(self.anger),
            trust: scale(self.trust),
        }
    }

    /// The delta divided by `n`, for behaviour repeated `n` times; a change never fades to
    /// nothing, so patient listening keeps helping a little.
    pub fn damped(self, n: i32) -> MoodDelta {
        let n = n.max(1);
        let damp = |x: i32| {
            if x == 0 {
                0
            } else {
                // `x / n` keeps its sign, so no `abs` (which overflows at `i32::MIN`) is needed.
                let q = x / n;
                if q == 0 { x.signum() } else { q }
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
        // Saturating: an effect near the i32 limits must not wrap the mood the other way.
        MoodDelta {
            anger: self.anger.saturating_add(o.anger),
            trust: self.trust.saturating_add(o.trust),
        }
    }
}

impl std::ops::AddAssign for MoodDelta {
    fn add_assign(&mut self, o: MoodDelta) {
        *self = *self + o;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mood_arithmetic_saturates_at_the_i32_limits() {
        let big = MoodDelta {
            anger: i32::MAX,
            trust: i32::MIN,
        };
        assert_eq!(big + big, big);
        assert_eq!(big.damped(1), big);
        assert_eq!(big.damped(i32::MAX).anger, 1);
        assert_eq!(big.damped(i32::MAX).trust, -1);
        assert_eq!(big.percent(50).anger, i32::MAX / 2);
        assert_eq!(big.percent(i32::MAX), big);
        assert_eq!(big.percent(i32::MIN).anger, i32::MIN);
        let m = Mood {
            anger: 90,
            trust: 10,
        };
        assert_eq!(
            m.moved(big),
            Mood {
                anger: 100,
                trust: 0
            }
        );
        let wild = Mood {
            anger: i32::MIN,
            trust: i32::MAX,
        };
        assert_eq!(wild.moved(big), Mood { anger: 0, trust: 0 });
        assert_eq!(
            wild.clamped(),
            Mood {
                anger: 0,
                trust: 100
            }
        );
    }

    #[test]
    fn damping_keeps_its_old_meaning() {
        let d = MoodDelta {
            anger: -7,
            trust: 5,
        };
        assert_eq!(
            d.damped(2),
            MoodDelta {
                anger: -3,
                trust: 2
            }
        );
        assert_eq!(
            d.damped(10),
            MoodDelta {
                anger: -1,
                trust: 1
            }
        );
        assert_eq!(
            d.percent(50),
            MoodDelta {
                anger: -3,
                trust: 2
            }
        );
    }
}
