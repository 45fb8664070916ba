//! What a sentence does, decided from its predicate (the ending of a word: a commitment
//! `-겠습니다`/`-ㄹ게요`, a prediction `-ㄹ 거예요`, a counterfactual `-었어야`, hearsay
//! `-다던데요`…) together with the kinds of words it has (an outcome, a service, another
//! office…). The classes and rules are data: `scenarios/lexicon/acts.ron`.
//!
//! Rules see a sentence whole; they need no guard because a rule names what must be absent
//! (`none`). A veto rule cancels what the cues found in that sentence, so a boundary such as
//! "a question is not an explanation" lives in one place.

use std::collections::BTreeMap;

use super::cue::{CueError, CueSet, GuardMode, Guards};
use super::speech::Endings;
use super::text::Squashed;
use crate::model::lexicon::ActLexicon;

/// A condition of a rule, compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// A word of the class (index into the word classes).
    Word(usize),
    /// Some word ends with an ending of the class.
    AnyEnding(usize),
    /// The last word ends with an ending of the class.
    LastEnding(usize),
    /// The sentence ends as a question.
    Question,
    /// The sentence already shows this target id (checked by the analyser).
    Shows(String),
}

/// A rule, compiled: its target is still an id, resolved by each analyser against its checklist.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The conditions as written (`outcome+@commit`), shown as the cue that matched.
    pub label: String,
    pub target: String,
    pub veto: bool,
    pub all: Vec<Condition>,
    pub none: Vec<Condition>,
}

/// A problem in the act lexicon.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActError {
    #[error("규칙 {rule}({target})의 조건 \"{condition}\"에 쓴 부류가 없습니다")]
    UnknownClass {
        rule: usize,
        target: String,
        condition: String,
    },
    #[error("규칙 {rule}({target})에 조건이 없습니다")]
    NoCondition { rule: usize, target: String },
    #[error("낱말 부류 \"{class}\"의 단서: {error}")]
    BadCue { class: String, error: CueError },
}

/// The act classes and rules, compiled once and shared by every analyser.
#[derive(Debug, Default)]
pub struct Acts {
    words: Option<CueSet>,
    word_count: usize,
    endings: Vec<Endings>,
    pub rules: Vec<Rule>,
}

/// What one sentence has, for the rules.
#[derive(Debug, Default)]
pub struct Features {
    words: Vec<bool>,
    any_ending: Vec<bool>,
    last_ending: Vec<bool>,
    question: bool,
}

impl Acts {
    /// Compiles the lexicon; rules whose conditions name unknown classes are left out and
    /// returned as errors (the checker reports them).
    pub fn new(lexicon: &ActLexicon) -> (Acts, Vec<ActError>) {
        let mut errors = Vec::new();
        let word_names: Vec<&String> = lexicon.words.keys().collect();
        let ending_names: Vec<&String> = lexicon.endings.keys().collect();
        let (words, cue_errors) = CueSet::new(
            lexicon
                .words
                .values()
                .enumerate()
                .flat_map(|(i, cues)| cues.iter().map(move |c| (i, c.as_str()))),
        );
        for (class, error) in cue_errors {
            errors.push(ActError::BadCue {
                class: word_names[class].clone(),
                error,
            });
        }
        let endings = lexicon.endings.values().map(|e| Endings::new(e)).collect();
        let index = |names: &[&String], name: &str| names.iter().position(|n| *n == name);
        let mut rules = Vec::new();
        for (n, rule) in lexicon.rules.iter().enumerate() {
            let mut parse = |c: &str| -> Option<Condition> {
                let cond = if c == "?" {
                    Some(Condition::Question)
                } else if let Some(id) = c.strip_prefix('#') {
                    Some(Condition::Shows(id.to_owned()))
                } else if let Some(name) = c.strip_prefix('@') {
                    index(&ending_names, name).map(Condition::AnyEnding)
                } else if let Some(name) = c.strip_prefix('$') {
                    index(&ending_names, name).map(Condition::LastEnding)
                } else {
                    index(&word_names, c).map(Condition::Word)
                };
                if cond.is_none() {
                    errors.push(ActError::UnknownClass {
                        rule: n + 1,
                        target: rule.target.clone(),
                        condition: c.to_owned(),
                    });
                }
                cond
            };
            let all: Vec<Option<Condition>> = rule.all.iter().map(|c| parse(c)).collect();
            let none: Vec<Option<Condition>> = rule.none.iter().map(|c| parse(c)).collect();
            if all.is_empty() {
                errors.push(ActError::NoCondition {
                    rule: n + 1,
                    target: rule.target.clone(),
                });
                continue;
            }
            if all.iter().chain(&none).any(Option::is_none) {
                continue;
            }
            rules.push(Rule {
                label: rule.all.join("+"),
                target: rule.target.clone(),
                veto: rule.veto,
                all: all.into_iter().flatten().collect(),
                none: none.into_iter().flatten().collect(),
            });
        }
        let acts = Acts {
            words: (!words.is_empty()).then_some(words),
            word_count: word_names.len(),
            endings,
            rules,
        };
        (acts, errors)
    }

    /// The features of one sentence (normalised source and its squashed form).
    pub fn features(&self, source: &str, sq: &Squashed, guards: &Guards) -> Features {
        let mut f = Features {
            words: vec![false; self.word_count],
            any_ending: vec![false; self.endings.len()],
            last_ending: vec![false; self.endings.len()],
            question: ends_as_question(source),
        };
        if let Some(words) = &self.words {
            for m in words.find(source, sq, guards, |_| GuardMode::Question) {
                f.words[m.key] = true;
            }
        }
        let n = sq.word_spans.len();
        for w in 0..n {
            // The word with up to two words before it, so that endings written without spaces
            // match however the predicate was spaced (`끝날 거예요`, `드릴 게요`).
            let first = sq.word_spans[w.saturating_sub(2)].char_start;
            let chars = &sq.chars[first..sq.word_spans[w].char_end];
            for (e, endings) in self.endings.iter().enumerate() {
                if endings.longest(chars) > 0 {
                    f.any_ending[e] = true;
                    if w + 1 == n {
                        f.last_ending[e] = true;
                    }
                }
            }
        }
        f
    }

    /// True when `condition` holds; `shows` answers `#id`.
    pub fn holds(f: &Features, condition: &Condition, shows: &dyn Fn(&str) -> bool) -> bool {
        match condition {
            Condition::Word(i) => f.words[*i],
            Condition::AnyEnding(i) => f.any_ending[*i],
            Condition::LastEnding(i) => f.last_ending[*i],
            Condition::Question => f.question,
            Condition::Shows(id) => shows(id),
        }
    }

    /// True when every `all` condition and no `none` condition of the rule holds.
    pub fn applies(f: &Features, rule: &Rule, shows: &dyn Fn(&str) -> bool) -> bool {
        rule.all.iter().all(|c| Self::holds(f, c, shows))
            && !rule.none.iter().any(|c| Self::holds(f, c, shows))
    }

    /// The names of the classes, for messages: word classes then ending classes.
    pub fn class_names(lexicon: &ActLexicon) -> BTreeMap<&str, &'static str> {
        let mut names = BTreeMap::new();
        for k in lexicon.words.keys() {
            names.insert(k.as_str(), "words");
        }
        for k in lexicon.endings.keys() {
            names.insert(k.as_str(), "endings");
        }
        names
    }
}

/// True when the sentence ends as a question: a `?` after its last letter.
fn ends_as_question(source: &str) -> bool {
    let t = source.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '…' | '~'));
    t.ends_with(['?', '？'])
}
