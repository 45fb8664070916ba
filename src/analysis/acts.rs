//! What a sentence does, decided from its predicate (the ending of a word: a commitment
//! `-겠습니다`/`-ㄹ게요`, a prediction `-ㄹ 거예요`, a counterfactual `-었어야`, hearsay
//! `-다던데요`…) together with the kinds of words it has (an outcome, a service, another
//! office…). The classes and rules are data: `scenarios/lexicon/acts.ron`.
//!
//! Rules see a sentence whole; they need no guard because a rule names what must be absent
//! (`none`). A veto rule cancels what the cues found in that sentence, so a boundary such as
//! "a question is not an explanation" lives in one place.

use super::cue::{CueError, CueSet, GuardMode, Guards};
use super::speech::{Endings, TaggedEndings};
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
    /// The sentence already shows this target id (checked by the analyser): an index into
    /// [`Acts::shown_ids`].
    Shows(usize),
    /// A person's name is said (`김수철이에요`, `박 경사입니다`).
    Name,
    /// The first sentence of the turn.
    First,
    /// A word of the class anywhere in the turn (`~name`).
    TurnWord(usize),
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
    #[error(
        "부류가 너무 많습니다: 낱말 부류는 {MAX_WORD_CLASSES}개, 어미 부류는 {MAX_ENDING_CLASSES}개까지 씁니다"
    )]
    TooManyClasses,
}

impl ActError {
    /// Where in the lexicon file the problem is: a text to look for and which occurrence of it.
    pub fn place(&self, lexicon: &ActLexicon) -> (String, usize) {
        match self {
            ActError::UnknownClass { rule, target, .. }
            | ActError::NoCondition { rule, target } => {
                let before = lexicon.rules[..rule.saturating_sub(1).min(lexicon.rules.len())]
                    .iter()
                    .filter(|r| &r.target == target)
                    .count();
                (format!("target: \"{target}\""), before)
            }
            ActError::BadCue { class, .. } => (format!("\"{class}\":"), 0),
            ActError::TooManyClasses => ("ActLexicon".to_owned(), 0),
        }
    }
}

/// The act classes and rules, compiled once and shared by every analyser.
#[derive(Debug, Default)]
pub struct Acts {
    names: Names,
    words: Option<CueSet>,
    endings: TaggedEndings,
    pub rules: Vec<Rule>,
    /// The ids that `#id` conditions name, each once.
    pub shown_ids: Vec<String>,
}

/// What one sentence has, for the rules: classes as bits.
#[derive(Debug, Default, Clone, Copy)]
pub struct Features {
    /// Word classes present.
    pub words: u128,
    any_ending: u64,
    last_ending: u64,
    question: bool,
    name: bool,
    first: bool,
}

/// At most this many word classes and ending classes (they are bits of one integer).
pub const MAX_WORD_CLASSES: usize = 128;
pub const MAX_ENDING_CLASSES: usize = 64;

/// The name lexicon, ready for lookups.
#[derive(Debug, Default)]
struct Names {
    surnames: Vec<Vec<char>>,
    titles: Vec<Vec<char>>,
    copulas: Endings,
    /// Any title, to pass over sentences without one cheaply.
    title_finder: Option<aho_corasick::AhoCorasick>,
    not_names: Vec<Vec<char>>,
    context: Vec<Vec<char>>,
    particles: Vec<Vec<char>>,
    stem_ends: Vec<char>,
}

fn chars_of(list: &[String]) -> Vec<Vec<char>> {
    list.iter()
        .map(|w| w.chars().filter(|c| !c.is_whitespace()).collect())
        .filter(|w: &Vec<char>| !w.is_empty())
        .collect()
}

impl Names {
    fn new(lexicon: &crate::model::lexicon::NameLexicon) -> Names {
        Names {
            surnames: chars_of(&lexicon.surnames),
            titles: chars_of(&lexicon.titles),
            copulas: Endings::new(&lexicon.copulas),
            title_finder: aho_corasick::AhoCorasick::new(
                lexicon.titles.iter().filter(|t| !t.trim().is_empty()),
            )
            .ok(),
            not_names: chars_of(&lexicon.not_names),
            context: chars_of(&lexicon.context),
            particles: chars_of(&lexicon.particles),
            stem_ends: lexicon.stem_ends.iter().flat_map(|s| s.chars()).collect(),
        }
    }

    /// The length of the longest entry of `list` that ends `word`.
    fn suffix(list: &[Vec<char>], word: &[char]) -> usize {
        list.iter()
            .filter(|t| t.len() < word.len() + 1 && word.ends_with(t))
            .map(Vec::len)
            .max()
            .unwrap_or(0)
    }

    /// True when the word ends in a particle that makes its person the subject or object of
    /// the sentence (`경위가`, `팀장님께`): someone other than the speaker.
    fn third_person(&self, word: &[char]) -> bool {
        Self::suffix(&self.particles, word) > 0 && self.has_title(word)
    }

    /// True when a title stands anywhere in the word (`경위가`, `조사관입니다`).
    fn has_title(&self, word: &[char]) -> bool {
        self.titles
            .iter()
            .any(|t| word.windows(t.len()).any(|x| x == t.as_slice()))
    }

    fn starts_with_title(&self, word: &[char]) -> bool {
        self.titles.iter().any(|t| word.starts_with(t))
    }

    /// True when `core` (a word without its copula and title) looks like a name.
    fn looks_like_name(&self, core: &[char], before_title: bool) -> bool {
        if self.not_names.iter().any(|n| n.as_slice() == core) {
            return false;
        }
        if core.last().is_some_and(|c| self.stem_ends.contains(c)) {
            return false;
        }
        self.surnames.iter().any(|s| {
            core.starts_with(s) && {
                let given = core.len() - s.len();
                (1..=2).contains(&given) || (given == 0 && before_title)
            }
        })
    }

    /// True when a word of the sentence is a name said as one.
    fn found(&self, sq: &Squashed) -> bool {
        if self.surnames.is_empty() {
            return false;
        }
        let n = sq.word_spans.len();
        let word = |i: usize| sq.word_chars(i);
        // A unit (`교통조사계`, `2팀`) ends a word; a title may stand anywhere in one. Looked at
        // only once a word could be a name, which is rare.
        let context = || {
            (0..n)
                .map(word)
                .any(|w| self.context.iter().any(|c| w.ends_with(c)) || self.has_title(w))
        };
        let any_title = self
            .title_finder
            .as_ref()
            .is_some_and(|f| f.is_match(sq.text.as_str()));
        for i in 0..n {
            let word = word(i);
            let mut core: &[char] = word;
            let copula = self.copulas.longest(core);
            if copula == 0 && !any_title {
                continue;
            }
            if copula > 0 && copula < core.len() {
                core = &core[..core.len() - copula];
            }
            let title = Self::suffix(&self.titles, core);
            let has_title = title > 0 && title < core.len();
            if has_title {
                core = &core[..core.len() - title];
            }
            // `최 경위가`, `팀장님께`: someone else, not the speaker.
            let next_title = i + 1 < n
                && self.starts_with_title(sq.word_chars(i + 1))
                && !self.third_person(sq.word_chars(i + 1));
            if self.third_person(word) {
                continue;
            }
            let prev_title = i > 0 && Self::suffix(&self.titles, sq.word_chars(i - 1)) > 0;
            let said_as_name = copula > 0 || has_title || next_title || prev_title;
            if said_as_name
                && !core.is_empty()
                && core.iter().all(|&c| super::text::is_syllable(c))
                && self.looks_like_name(core, has_title || next_title)
                && context()
            {
                return true;
            }
        }
        false
    }
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
        if word_names.len() > MAX_WORD_CLASSES || ending_names.len() > MAX_ENDING_CLASSES {
            errors.push(ActError::TooManyClasses);
        }
        let endings = TaggedEndings::new(lexicon.endings.values().map(Vec::as_slice));
        let index = |names: &[&String], name: &str| names.iter().position(|n| *n == name);
        let mut rules = Vec::new();
        let mut shown_ids: Vec<String> = Vec::new();
        for (n, rule) in lexicon.rules.iter().enumerate() {
            let mut parse = |c: &str| -> Option<Condition> {
                let cond = if c == "?" {
                    Some(Condition::Question)
                } else if c == "%name" {
                    Some(Condition::Name)
                } else if c == "%first" {
                    Some(Condition::First)
                } else if let Some(id) = c.strip_prefix('#') {
                    let i = match shown_ids.iter().position(|s| s == id) {
                        Some(i) => i,
                        None => {
                            shown_ids.push(id.to_owned());
                            shown_ids.len() - 1
                        }
                    };
                    Some(Condition::Shows(i))
                } else if let Some(name) = c.strip_prefix('~') {
                    index(&word_names, name)
                        .filter(|&i| i < MAX_WORD_CLASSES)
                        .map(Condition::TurnWord)
                } else if let Some(name) = c.strip_prefix('@') {
                    index(&ending_names, name)
                        .filter(|&i| i < MAX_ENDING_CLASSES)
                        .map(Condition::AnyEnding)
                } else if let Some(name) = c.strip_prefix('$') {
                    index(&ending_names, name)
                        .filter(|&i| i < MAX_ENDING_CLASSES)
                        .map(Condition::LastEnding)
                } else {
                    index(&word_names, c)
                        .filter(|&i| i < MAX_WORD_CLASSES)
                        .map(Condition::Word)
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
            names: Names::new(&lexicon.names),
            words: (!words.is_empty()).then_some(words),
            endings,
            rules,
            shown_ids,
        };
        (acts, errors)
    }

    /// The features of one sentence (normalised source and its squashed form).
    /// The features of one sentence (normalised source and its squashed form); `first`: the
    /// sentence is the first of its turn.
    pub fn features(&self, source: &str, sq: &Squashed, guards: &Guards, first: bool) -> Features {
        let mut f = Features {
            question: super::speech::is_question(source),
            name: self.names.found(sq),
            first,
            ..Features::default()
        };
        if let Some(words) = &self.words {
            for m in words.find(source, sq, guards, |_| GuardMode::Question) {
                if m.key < MAX_WORD_CLASSES {
                    f.words |= 1 << m.key;
                }
            }
        }
        let n = sq.word_spans.len();
        for w in 0..n {
            // The word with up to two words before it, so that endings written without spaces
            // match however the predicate was spaced (`끝날 거예요`, `드릴 게요`).
            let first = sq.word_spans[w.saturating_sub(2)].char_start;
            let bits = self
                .endings
                .classes(&sq.chars[first..sq.word_spans[w].char_end]);
            f.any_ending |= bits;
            if w + 1 == n {
                f.last_ending = bits;
            }
        }
        f
    }

    /// True when `condition` holds; `turn` has the word classes of the whole turn and
    /// `shows` answers `#id`.
    pub fn holds(
        f: &Features,
        turn: u128,
        condition: &Condition,
        shows: &dyn Fn(usize) -> bool,
    ) -> bool {
        match condition {
            Condition::Word(i) => f.words >> i & 1 == 1,
            Condition::AnyEnding(i) => f.any_ending >> i & 1 == 1,
            Condition::LastEnding(i) => f.last_ending >> i & 1 == 1,
            Condition::Question => f.question,
            Condition::Shows(i) => shows(*i),
            Condition::Name => f.name,
            Condition::First => f.first,
            Condition::TurnWord(i) => turn >> i & 1 == 1,
        }
    }

    /// True when every `all` condition and no `none` condition of the rule holds.
    pub fn applies(f: &Features, turn: u128, rule: &Rule, shows: &dyn Fn(usize) -> bool) -> bool {
        rule.all.iter().all(|c| Self::holds(f, turn, c, shows))
            && !rule.none.iter().any(|c| Self::holds(f, turn, c, shows))
    }
}
