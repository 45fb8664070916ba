//! Korean text analysis: what a trainee's turn does.
//!
//! A turn is normalised, split into sentences, each sentence gets a speech level, and cue
//! patterns of the checklist (and of the scenario) are matched, guarded against negation,
//! reported speech and hedges. Profanity is found with its own obfuscation-aware detector.

pub mod acts;
pub mod cue;
pub mod profanity;
pub mod sentence;
pub mod speech;
pub mod text;

use std::sync::Arc;

use cue::{CueSet, GuardMode, Guards};
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
    pub acts: acts::Acts,
}

impl Korean {
    pub fn new(
        speech: &SpeechLexicon,
        profanity: &ProfanityLexicon,
        guards: &CueGuards,
        acts: acts::Acts,
    ) -> Korean {
        Korean {
            speech: SpeechClassifier::new(speech),
            profanity: ProfanityDetector::new(profanity),
            guards: Guards::new(guards),
            acts,
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
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
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

impl Target {
    /// What a checklist id names: an item, a violation or a rung (`ladder:warn`); the inverse
    /// of [`Target::id`].
    pub fn of_id(checklist: &Checklist, id: &str) -> Option<Target> {
        if let Some(i) = checklist.items.iter().position(|i| i.id == id) {
            Some(Target::Item(i))
        } else if let Some(v) = checklist.violations.iter().position(|v| v.id == id) {
            Some(Target::Violation(v))
        } else {
            Rung::from_id(id).map(Target::Rung)
        }
    }

    /// The checklist id of an item, a violation or a rung (`empathy`, `blame`, `ladder:warn`);
    /// `None` for a fact. `checklist` must be the one the analysis was made with.
    pub fn id(self, checklist: &Checklist) -> Option<&str> {
        match self {
            Target::Item(i) => checklist.items.get(i).map(|x| x.id.as_str()),
            Target::Violation(v) => checklist.violations.get(v).map(|x| x.id.as_str()),
            Target::Rung(r) => Some(r.id()),
            Target::Fact(_) => None,
        }
    }
}

/// One thing a turn showed, with the words that show it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Hit {
    pub target: Target,
    /// The sentence that shows it, or the action token (`[bow]`).
    pub quote: String,
    /// The cue pattern that matched, or the action's id.
    pub cue: String,
}

/// One sentence of a turn.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sentence {
    pub text: String,
    pub level: SpeechLevel,
}

/// The analysis of one trainee turn.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

/// Cue patterns compiled together, each mapped to what it shows.
#[derive(Debug)]
struct CueLayer {
    cues: CueSet,
    targets: Vec<Target>,
}

impl CueLayer {
    /// Patterns that do not parse are left out here; validation reports them with their place.
    fn new(entries: &[(Target, &str)]) -> CueLayer {
        let (cues, _) = CueSet::new(entries.iter().enumerate().map(|(i, (_, p))| (i, *p)));
        CueLayer {
            cues,
            targets: entries.iter().map(|(t, _)| *t).collect(),
        }
    }
}

/// Analyses trainee turns against one checklist, and optionally one scenario's extra cues and
/// fact questions. The checklist's compiled cues are shared between scenarios.
#[derive(Debug, Clone)]
pub struct Analyzer {
    korean: Arc<Korean>,
    base: Arc<CueLayer>,
    scenario: Option<Arc<CueLayer>>,
    action_targets: Vec<(Action, Target)>,
    informal: Option<usize>,
    profanity: Option<usize>,
    ladder_item: Option<usize>,
    /// Per act rule of the lexicon, its target in this checklist (None: not in it).
    rule_targets: Vec<Option<Target>>,
    /// The id of the checklist this analyser was made for.
    checklist: String,
    /// Per `#id` condition of the act lexicon, its target in this checklist.
    shown: Vec<Option<Target>>,
}

impl Analyzer {
    /// An analyser for a checklist.
    pub fn new(korean: Arc<Korean>, checklist: &Checklist) -> Analyzer {
        let mut entries: Vec<(Target, &str)> = Vec::new();
        for (i, item) in checklist.items.iter().enumerate() {
            entries.extend(item.cues.iter().map(|c| (Target::Item(i), c.as_str())));
        }
        for (i, v) in checklist.violations.iter().enumerate() {
            entries.extend(v.cues.iter().map(|c| (Target::Violation(i), c.as_str())));
        }
        for step in &checklist.ladder {
            entries.extend(
                step.cues
                    .iter()
                    .map(|c| (Target::Rung(step.rung), c.as_str())),
            );
        }
        let mut action_targets = Vec::new();
        for (i, item) in checklist.items.iter().enumerate() {
            action_targets.extend(item.actions.iter().map(|&a| (a, Target::Item(i))));
        }
        for step in &checklist.ladder {
            action_targets.extend(step.actions.iter().map(|&a| (a, Target::Rung(step.rung))));
        }
        let find_detector = |d: Detector| checklist.violations.iter().position(|v| v.detector == d);
        let resolve = |id: &String| Target::of_id(checklist, id);
        let shown = korean.acts.shown_ids.iter().map(resolve).collect();
        let rule_targets = korean
            .acts
            .rules
            .iter()
            .map(|r| resolve(&r.target))
            .collect();
        Analyzer {
            korean,
            base: Arc::new(CueLayer::new(&entries)),
            scenario: None,
            action_targets,
            informal: find_detector(Detector::SpeechLevel),
            profanity: find_detector(Detector::Profanity),
            ladder_item: checklist.ladder_index(),
            checklist: checklist.id.clone(),
            shown,
            rule_targets,
        }
    }

    /// This analyser plus a scenario's own cues and the questions that draw out its facts.
    /// `checklist` must be the one this analyser was made for.
    pub fn for_scenario(&self, checklist: &Checklist, scenario: &Scenario) -> Analyzer {
        let mut entries: Vec<(Target, &str)> = Vec::new();
        for (id, cues) in &scenario.cues {
            let Some(target) = Target::of_id(checklist, id) else {
                continue;
            };
            entries.extend(cues.iter().map(|c| (target, c.as_str())));
        }
        for (i, f) in scenario.facts.iter().enumerate() {
            entries.extend(f.asks.iter().map(|c| (Target::Fact(i), c.as_str())));
        }
        Analyzer {
            scenario: Some(Arc::new(CueLayer::new(&entries))),
            ..self.clone()
        }
    }

    /// The id of the checklist this analyser was made for.
    pub fn checklist_id(&self) -> &str {
        &self.checklist
    }

    pub fn korean(&self) -> &Korean {
        &self.korean
    }

    /// Applies the act rules to one sentence: rules that show a target add it, vetoes remove
    /// what the sentence was found to show. Adds run before vetoes, in file order.
    fn apply_acts<'a>(
        &'a self,
        features: &acts::Features,
        turn: u128,
        found: &mut Vec<(Target, &'a str)>,
    ) {
        let acts = &self.korean.acts;
        let ladder = self.ladder_item.map(Target::Item);
        for pass_veto in [false, true] {
            for (rule, target) in acts.rules.iter().zip(&self.rule_targets) {
                let Some(target) = *target else { continue };
                if rule.veto != pass_veto {
                    continue;
                }
                let applies = {
                    let shows = |i: usize| {
                        self.shown.get(i).copied().flatten().is_some_and(|t| {
                            found.iter().any(|(f, _)| {
                                // Any rung of the ladder is also the ladder item.
                                *f == t || (matches!(f, Target::Rung(_)) && Some(t) == ladder)
                            })
                        })
                    };
                    acts::Acts::applies(features, turn, rule, &shows)
                };
                if !applies {
                    continue;
                }
                if rule.veto {
                    found.retain(|(t, _)| *t != target);
                } else if !found.iter().any(|(t, _)| *t == target) {
                    found.push((target, &rule.label));
                }
            }
        }
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
        // Swearing is looked for once in the whole turn, then placed in its sentence.
        let swearing = match self.profanity {
            Some(_) => self.korean.profanity.find(&text),
            None => Vec::new(),
        };
        // First what each sentence has; the act rules then also see the whole turn.
        let mut sentences = Vec::with_capacity(ranges.len());
        let mut turn_words = 0u128;
        for (index, range) in ranges.into_iter().enumerate() {
            let swear = swearing.iter().find(|h| range.contains(&h.start));
            let s = &text[range];
            let level = self.korean.speech.classify(s);
            let sq = Squashed::new(s);
            let mut found: Vec<(Target, &str)> = Vec::new();
            for layer in std::iter::once(&*self.base).chain(self.scenario.as_deref()) {
                let mode = |key: usize| match layer.targets[key] {
                    Target::Violation(_) => GuardMode::Fault,
                    Target::Fact(_) => GuardMode::Question,
                    Target::Item(_) | Target::Rung(_) => GuardMode::Credit,
                };
                for m in layer.cues.find(s, &sq, &self.korean.guards, mode) {
                    found.push((layer.targets[m.key], &layer.cues.cue(m.cue).source));
                }
            }
            if let Some(v) = self.profanity
                && let Some(hit) = swear
            {
                found.push((Target::Violation(v), &hit.word));
            }
            if let Some(v) = self.informal
                && level == SpeechLevel::Informal
            {
                found.push((Target::Violation(v), "반말"));
            }
            let features = self
                .korean
                .acts
                .features(s, &sq, &self.korean.guards, index == 0);
            turn_words |= features.words;
            sentences.push((s, level, found, features));
        }
        for (s, level, mut found, features) in sentences {
            self.apply_acts(&features, turn_words, &mut found);
            for (target, cue) in &found {
                analysis.push(*target, s, cue);
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
