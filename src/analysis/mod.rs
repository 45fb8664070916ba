//! Korean text analysis: what a trainee's turn does.
//!
//! A turn is normalised, split into sentences, each sentence gets a speech level, and cue
//! patterns of the checklist (and of the scenario) are matched, guarded against negation,
//! reported speech and hedges. Profanity is found with its own obfuscation-aware detector.

pub mod cue;
pub mod profanity;
pub mod sentence;
pub mod speech;
pub mod text;

use std::sync::Arc;

use cue::{CueError, CueSet, Guards};
pub use profanity::{ProfanityDetector, ProfanityHit};
pub use speech::{SpeechClassifier, SpeechLevel};
use text::{Squashed, normalize};

use crate::model::lexicon::CueGuards;
use crate::model::{
    Action, Checklist, Detector, ProfanityLexicon, Rung, Scenario, SpeechLexicon, TraineeTurn,
};

/// The language resources shared by every analyser: built once from the lexicon files.
#[derive(Debug)]
pub struct Korean {
    pub speech: SpeechClassifier,
    pub profanity: ProfanityDetector,
    pub guards: Guards,
}

impl Korean {
    pub fn new(speech: &SpeechLexicon, profanity: &ProfanityLexicon, guards: &CueGuards) -> Korean {
        Korean {
            speech: SpeechClassifier::new(speech),
            profanity: ProfanityDetector::new(profanity),
            guards: Guards::new(guards),
        }
    }

    /// The speech levels of the sentences of a text, and of the whole text.
    pub fn speech_level(&self, text: &str) -> SpeechLevel {
        let text = normalize(text);
        SpeechLevel::of_turn(
            sentence::split(&text, &self.speech)
                .into_iter()
                .map(|r| self.speech.classify(&text[r])),
        )
    }

    /// True when the text contains a swear word or an insult.
    pub fn is_profane(&self, text: &str) -> bool {
        self.profanity.contains(&normalize(text))
    }
}

/// What a cue or an action can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// An item of the checklist, by index.
    Item(usize),
    /// A violation of the checklist, by index.
    Violation(usize),
    /// A rung of the abuse ladder.
    Rung(Rung),
    /// A question that asks for a fact of the scenario, by index.
    Fact(usize),
}

/// One thing a turn showed, with the words that show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub target: Target,
    /// The sentence that shows it, or the action token (`[bow]`).
    pub quote: String,
    /// The cue pattern that matched, or the action's id.
    pub cue: String,
}

/// One sentence of a turn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub text: String,
    pub level: SpeechLevel,
}

/// The analysis of one trainee turn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// The typed text, normalised.
    pub text: String,
    pub actions: Vec<Action>,
    pub sentences: Vec<Sentence>,
    pub level: SpeechLevel,
    /// At most one hit per target, in order of first appearance.
    pub hits: Vec<Hit>,
}

impl Analysis {
    pub fn has(&self, target: Target) -> bool {
        self.hits.iter().any(|h| h.target == target)
    }

    pub fn hit(&self, target: Target) -> Option<&Hit> {
        self.hits.iter().find(|h| h.target == target)
    }

    pub fn items(&self) -> impl Iterator<Item = &Hit> {
        self.hits
            .iter()
            .filter(|h| matches!(h.target, Target::Item(_)))
    }

    pub fn violations(&self) -> impl Iterator<Item = &Hit> {
        self.hits
            .iter()
            .filter(|h| matches!(h.target, Target::Violation(_)))
    }

    pub fn rungs(&self) -> impl Iterator<Item = Rung> + '_ {
        self.hits.iter().filter_map(|h| match h.target {
            Target::Rung(r) => Some(r),
            _ => None,
        })
    }

    pub fn facts(&self) -> impl Iterator<Item = usize> + '_ {
        self.hits.iter().filter_map(|h| match h.target {
            Target::Fact(f) => Some(f),
            _ => None,
        })
    }

    fn push(&mut self, target: Target, quote: &str, cue: &str) {
        if !self.has(target) {
            self.hits.push(Hit {
                target,
                quote: quote.to_owned(),
                cue: cue.to_owned(),
            });
        }
    }
}

/// A cue pattern of a data file that does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadCue {
    /// Which item, violation, rung or fact it belongs to.
    pub owner: String,
    pub error: CueError,
}

/// Analyses trainee turns against one checklist (and optionally one scenario's extra cues and
/// fact questions).
#[derive(Debug)]
pub struct Analyzer {
    korean: Arc<Korean>,
    cues: CueSet,
    targets: Vec<Target>,
    action_targets: Vec<(Action, Target)>,
    informal: Option<usize>,
    profanity: Option<usize>,
    ladder_item: Option<usize>,
}

impl Analyzer {
    /// An analyser for a checklist alone (the `analyze` command).
    pub fn new(korean: Arc<Korean>, checklist: &Checklist) -> (Analyzer, Vec<BadCue>) {
        Analyzer::build(korean, checklist, None)
    }

    /// An analyser for a scenario: the checklist's cues plus the scenario's extra cues and the
    /// questions that draw out its facts.
    pub fn for_scenario(
        korean: Arc<Korean>,
        checklist: &Checklist,
        scenario: &Scenario,
    ) -> (Analyzer, Vec<BadCue>) {
        Analyzer::build(korean, checklist, Some(scenario))
    }

    fn build(
        korean: Arc<Korean>,
        checklist: &Checklist,
        scenario: Option<&Scenario>,
    ) -> (Analyzer, Vec<BadCue>) {
        let mut targets: Vec<Target> = Vec::new();
        let mut owners: Vec<String> = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut add = |target: Target, owner: &str, cues: &[String]| {
            for c in cues {
                targets.push(target);
                owners.push(owner.to_owned());
                patterns.push(c.clone());
            }
        };
        let extra = |id: &str| -> &[String] {
            scenario
                .and_then(|s| s.cues.get(id))
                .map_or(&[], Vec::as_slice)
        };
        for (i, item) in checklist.items.iter().enumerate() {
            add(Target::Item(i), &item.id, &item.cues);
            add(Target::Item(i), &item.id, extra(&item.id));
        }
        for (i, v) in checklist.violations.iter().enumerate() {
            add(Target::Violation(i), &v.id, &v.cues);
            add(Target::Violation(i), &v.id, extra(&v.id));
        }
        for step in &checklist.ladder {
            add(Target::Rung(step.rung), step.rung.id(), &step.cues);
            add(
                Target::Rung(step.rung),
                step.rung.id(),
                extra(step.rung.id()),
            );
        }
        if let Some(s) = scenario {
            for (i, f) in s.facts.iter().enumerate() {
                add(Target::Fact(i), &format!("fact:{}", f.id), &f.asks);
            }
        }
        let (cues, errors) = CueSet::new(patterns.iter().enumerate().map(|(i, p)| (i, p.as_str())));
        let bad = errors
            .into_iter()
            .map(|(i, error)| BadCue {
                owner: owners[i].clone(),
                error,
            })
            .collect();
        // Keys of the set are pattern indexes; map them to targets.
        let mut action_targets = Vec::new();
        for (i, item) in checklist.items.iter().enumerate() {
            for &a in &item.actions {
                action_targets.push((a, Target::Item(i)));
            }
        }
        for step in &checklist.ladder {
            for &a in &step.actions {
                action_targets.push((a, Target::Rung(step.rung)));
            }
        }
        let find_detector = |d: Detector| checklist.violations.iter().position(|v| v.detector == d);
        let analyzer = Analyzer {
            korean,
            cues,
            targets,
            action_targets,
            informal: find_detector(Detector::SpeechLevel),
            profanity: find_detector(Detector::Profanity),
            ladder_item: checklist
                .ladder_item
                .as_deref()
                .and_then(|id| checklist.items.iter().position(|i| i.id == id)),
        };
        (analyzer, bad)
    }

    pub fn korean(&self) -> &Korean {
        &self.korean
    }

    /// Analyses one turn.
    pub fn analyze(&self, turn: &TraineeTurn) -> Analysis {
        let text = normalize(&turn.text);
        let ranges = sentence::split(&text, &self.korean.speech);
        let mut analysis = Analysis {
            text: text.clone(),
            actions: turn.actions.clone(),
            sentences: Vec::with_capacity(ranges.len()),
            level: SpeechLevel::Neutral,
            hits: Vec::new(),
        };
        for &action in &turn.actions {
            for &(a, target) in &self.action_targets {
                if a == action {
                    analysis.push(target, &action.to_string(), action.id());
                }
            }
        }
        for range in ranges {
            let s = &text[range];
            let level = self.korean.speech.classify(s);
            let sq = Squashed::new(s);
            for m in self.cues.find(s, &sq, &self.korean.guards) {
                let target = self.targets[m.key];
                analysis.push(target, s, &self.cues.cue(m.cue).source);
            }
            if let Some(v) = self.profanity
                && let Some(hit) = self.korean.profanity.find(s).first()
            {
                analysis.push(Target::Violation(v), s, &hit.word);
            }
            if let Some(v) = self.informal
                && level == SpeechLevel::Informal
            {
                analysis.push(Target::Violation(v), s, "반말");
            }
            analysis.sentences.push(Sentence {
                text: s.to_owned(),
                level,
            });
        }
        analysis.level = SpeechLevel::of_turn(analysis.sentences.iter().map(|s| s.level));
        // Any rung of the ladder is also the boundary item.
        if let Some(b) = self.ladder_item {
            let rung_hit = analysis
                .hits
                .iter()
                .find(|h| matches!(h.target, Target::Rung(_)))
                .cloned();
            if let Some(h) = rung_hit {
                analysis.push(Target::Item(b), &h.quote, &h.cue);
            }
        }
        analysis
    }
}
