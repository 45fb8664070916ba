//! Speech level (존댓말/반말) of a sentence, decided from its final ending.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::text::{is_compat_consonant, is_compat_jamo, is_syllable, jongseong};
use crate::model::SpeechLexicon;

/// The speech level of a sentence or a turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeechLevel {
    /// 하십시오체 or 해요체.
    Formal,
    /// 해체 or 해라체 (반말).
    Informal,
    /// No predicate to judge (네., 아…).
    Neutral,
}

impl SpeechLevel {
    pub fn id(self) -> &'static str {
        match self {
            SpeechLevel::Formal => "formal",
            SpeechLevel::Informal => "informal",
            SpeechLevel::Neutral => "neutral",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SpeechLevel::Formal => "존댓말",
            SpeechLevel::Informal => "반말",
            SpeechLevel::Neutral => "판단 없음",
        }
    }

    /// The level of a turn from its sentences: one 반말 sentence makes the turn informal.
    pub fn of_turn(levels: impl IntoIterator<Item = SpeechLevel>) -> SpeechLevel {
        let mut turn = SpeechLevel::Neutral;
        for level in levels {
            match level {
                SpeechLevel::Informal => return SpeechLevel::Informal,
                SpeechLevel::Formal => turn = SpeechLevel::Formal,
                SpeechLevel::Neutral => {}
            }
        }
        turn
    }
}

impl fmt::Display for SpeechLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// One element of an ending pattern, matched against a word from its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// This exact syllable (or jamo).
    Char(char),
    /// Any syllable with this final consonant.
    Final(char),
}

/// A set of endings, indexed by their last syllable.
#[derive(Debug, Default)]
pub(crate) struct Endings {
    by_last: HashMap<char, Vec<Vec<Unit>>>,
    by_final: HashMap<char, Vec<Vec<Unit>>>,
}

impl Endings {
    pub(crate) fn new(patterns: &[String]) -> Endings {
        let mut set = Endings::default();
        for p in patterns {
            let units: Vec<Unit> = p
                .chars()
                .filter(|c| !c.is_whitespace())
                .enumerate()
                .map(|(i, c)| {
                    // A consonant that starts a longer pattern stands for a final consonant.
                    if i == 0 && is_compat_consonant(c) && p.chars().count() > 1 {
                        Unit::Final(c)
                    } else {
                        Unit::Char(c)
                    }
                })
                .collect();
            match units.last() {
                Some(Unit::Char(c)) => set.by_last.entry(*c).or_default().push(units),
                Some(Unit::Final(c)) => set.by_final.entry(*c).or_default().push(units),
                None => {}
            }
        }
        set
    }

    /// The length (in units) of the longest ending of `word`, 0 when none matches.
    pub(crate) fn longest(&self, word: &[char]) -> usize {
        let Some(&last) = word.last() else { return 0 };
        let candidates = self
            .by_last
            .get(&last)
            .into_iter()
            .chain(jongseong(last).and_then(|j| self.by_final.get(&j)));
        candidates
            .flatten()
            .filter(|p| matches_end(word, p))
            .map(Vec::len)
            .max()
            .unwrap_or(0)
    }
}

fn matches_end(word: &[char], pattern: &[Unit]) -> bool {
    if pattern.len() > word.len() {
        return false;
    }
    let tail = &word[word.len() - pattern.len()..];
    tail.iter().zip(pattern).all(|(&c, u)| match *u {
        Unit::Char(p) => c == p,
        Unit::Final(j) => jongseong(c) == Some(j),
    })
}

/// Decides speech levels with a [`SpeechLexicon`].
#[derive(Debug)]
pub struct SpeechClassifier {
    formal: Endings,
    informal: Endings,
    terminal: Endings,
    formal_words: HashSet<Vec<char>>,
    informal_words: HashSet<Vec<char>>,
    fillers: HashSet<Vec<char>>,
    markers: HashSet<Vec<char>>,
    not_predicates: Endings,
    /// (from, to), longest first.
    respellings: Vec<(Vec<char>, Vec<char>)>,
}

fn char_set(words: &[String]) -> HashSet<Vec<char>> {
    words.iter().map(|w| w.chars().collect()).collect()
}

impl SpeechClassifier {
    pub fn new(lexicon: &SpeechLexicon) -> SpeechClassifier {
        let mut respellings: Vec<(Vec<char>, Vec<char>)> = lexicon
            .respellings
            .iter()
            .map(|(a, b)| (a.chars().collect(), b.chars().collect()))
            .collect();
        respellings.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
        SpeechClassifier {
            formal: Endings::new(&lexicon.formal_endings),
            informal: Endings::new(&lexicon.informal_endings),
            terminal: Endings::new(&lexicon.terminal_endings),
            formal_words: char_set(&lexicon.formal_words),
            informal_words: char_set(&lexicon.informal_words),
            fillers: char_set(&lexicon.fillers),
            markers: char_set(&lexicon.informal_markers),
            not_predicates: Endings::new(&lexicon.not_predicates),
            respellings,
        }
    }

    /// True when `word` (a whitespace-separated token) ends a sentence by its ending alone.
    pub fn is_terminal_word(&self, word: &str) -> bool {
        let core = core_of(word);
        !core.is_empty() && self.terminal.longest(&core) > 0
    }

    /// The speech level of one sentence (normalised text).
    pub fn classify(&self, sentence: &str) -> SpeechLevel {
        let words: Vec<Vec<char>> = sentence
            .split_whitespace()
            .map(core_of)
            .filter(|w| !w.is_empty())
            .collect();
        let Some(last) = words
            .iter()
            .rposition(|w| !self.fillers.contains(w) && !is_laughter(w))
        else {
            return SpeechLevel::Neutral;
        };
        let word = self.respell(&words[last]);
        if self.formal_words.contains(&word) {
            return SpeechLevel::Formal;
        }
        if self.informal_words.contains(&word) {
            return SpeechLevel::Informal;
        }
        let formal = self.formal.longest(&word);
        let informal = self.informal.longest(&word);
        if formal > 0 && formal >= informal {
            return SpeechLevel::Formal;
        }
        if informal > 0 && self.not_predicates.longest(&word) == 0 {
            return SpeechLevel::Informal;
        }
        if words[..=last].iter().any(|w| self.markers.contains(w)) {
            return SpeechLevel::Informal;
        }
        SpeechLevel::Neutral
    }

    fn respell(&self, word: &[char]) -> Vec<char> {
        for (from, to) in &self.respellings {
            if word.len() > from.len() && word.ends_with(from) {
                let mut w = word[..word.len() - from.len()].to_vec();
                w.extend_from_slice(to);
                return w;
            }
        }
        word.to_vec()
    }
}

/// The Hangul core of a token: its syllables (and jamo) with punctuation, emoji, digits and
/// trailing jamo (ㅋㅋ, ㅠㅠ) removed. A token of jamo only (ㅇㅇ) is kept as it is.
fn core_of(token: &str) -> Vec<char> {
    let chars: Vec<char> = token
        .chars()
        .filter(|&c| is_syllable(c) || is_compat_jamo(c))
        .collect();
    if chars.iter().all(|&c| is_compat_jamo(c)) {
        return chars;
    }
    let end = chars
        .iter()
        .rposition(|&c| is_syllable(c))
        .map_or(0, |i| i + 1);
    let start = chars.iter().position(|&c| is_syllable(c)).unwrap_or(0);
    chars[start..end].to_vec()
}

/// ㅋㅋ, ㅎㅎ, ㅠㅠ and the like.
fn is_laughter(word: &[char]) -> bool {
    word.iter()
        .all(|&c| is_compat_jamo(c) && matches!(c, 'ㅋ' | 'ㅎ' | 'ㅠ' | 'ㅜ' | 'ㄷ' | 'ㅡ'))
}
