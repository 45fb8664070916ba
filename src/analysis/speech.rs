//! Speech level (존댓말/반말) of a sentence, decided from its final ending.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::text::{
    choseong, is_compat_consonant, is_compat_jamo, is_syllable, jongseong, jungseong,
};
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
            let units = units_of(p);
            match units.last() {
                Some(Unit::Char(c)) => set.by_last.entry(*c).or_default().push(units),
                Some(Unit::Final(c)) => set.by_final.entry(*c).or_default().push(units),
                None => {}
            }
        }
        set
    }

    /// The lengths (in units) of every ending of `word`.
    pub(crate) fn all<'a>(&'a self, word: &'a [char]) -> impl Iterator<Item = usize> + 'a {
        let last = word.last().copied();
        let by_last = last.and_then(|c| self.by_last.get(&c));
        let by_final = last.and_then(jongseong).and_then(|j| self.by_final.get(&j));
        by_last
            .into_iter()
            .chain(by_final)
            .flatten()
            .filter(move |p| matches_end(word, p))
            .map(Vec::len)
    }

    /// The length (in units) of the longest ending of `word`, 0 when none matches.
    pub(crate) fn longest(&self, word: &[char]) -> usize {
        self.all(word).max().unwrap_or(0)
    }
}

/// The units of an ending pattern.
fn units_of(p: &str) -> Vec<Unit> {
    p.chars()
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
        .collect()
}

/// Several classes of endings in one index: which classes end a word, in two lookups.
#[derive(Debug, Default)]
pub(crate) struct TaggedEndings {
    by_last: HashMap<char, Vec<(Vec<Unit>, u64)>>,
    by_final: HashMap<char, Vec<(Vec<Unit>, u64)>>,
}

impl TaggedEndings {
    /// Class `i` of `classes` gets the bit `1 << i` (at most 64 classes).
    pub(crate) fn new<'a>(classes: impl IntoIterator<Item = &'a [String]>) -> TaggedEndings {
        let mut set = TaggedEndings::default();
        for (i, patterns) in classes.into_iter().enumerate().take(64) {
            for p in patterns {
                let units = units_of(p);
                match units.last() {
                    Some(Unit::Char(c)) => set.by_last.entry(*c).or_default().push((units, 1 << i)),
                    Some(Unit::Final(c)) => {
                        set.by_final.entry(*c).or_default().push((units, 1 << i))
                    }
                    None => {}
                }
            }
        }
        set
    }

    /// The classes with an ending of `word`, as bits.
    pub(crate) fn classes(&self, word: &[char]) -> u64 {
        let Some(&last) = word.last() else { return 0 };
        let by_last = self.by_last.get(&last);
        let by_final = jongseong(last).and_then(|j| self.by_final.get(&j));
        by_last
            .into_iter()
            .chain(by_final)
            .flatten()
            .filter(|(units, _)| matches_end(word, units))
            .fold(0, |bits, (_, tag)| bits | tag)
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

/// What one word says about the speech level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Formal,
    /// 반말; `connective` when the word ends in a connective ending.
    Informal {
        connective: bool,
    },
    /// Not a predicate, or an ending that tells nothing.
    Unknown,
}

/// A whitespace-separated word of a sentence.
#[derive(Debug)]
struct Token {
    core: Vec<char>,
    /// Punctuation after the word closes a clause (`,` `.` `?` `!` `…` `~` `;`).
    clause_end: bool,
    /// A comma (or an ellipsis) after the word: what follows is a vocative or an afterthought.
    comma: bool,
}

/// Marks the chars of `text` inside balanced brackets (`(웃음)`, `[bow]`): asides, not speech.
fn asides(chars: &[char]) -> Vec<bool> {
    let mut inside = vec![false; chars.len()];
    let mut open: Vec<usize> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '(' | '[' | '{' | '（' | '［' => open.push(i),
            ')' | ']' | '}' | '）' | '］' => {
                if let Some(start) = open.pop()
                    && open.is_empty()
                {
                    inside[start..=i].iter_mut().for_each(|b| *b = true);
                }
            }
            _ => {}
        }
    }
    inside
}

fn is_clause_punct(c: char) -> bool {
    matches!(
        c,
        ',' | '.' | '?' | '!' | '…' | '~' | ';' | '‥' | '。' | '、'
    )
}

fn is_hangul_letter(c: char) -> bool {
    is_syllable(c) || is_compat_jamo(c)
}

/// True when the sentence ends as a question (a `?` after its last Hangul letter).
pub(crate) fn is_question(sentence: &str) -> bool {
    match sentence.char_indices().rfind(|&(_, c)| is_hangul_letter(c)) {
        Some((i, c)) => sentence[i + c.len_utf8()..].contains(['?', '？']),
        None => false,
    }
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
    connective: Endings,
    question_particles: Endings,
    interrogatives: HashSet<Vec<char>>,
    afterthought_particles: Endings,
    determiners: HashSet<Vec<char>>,
    noun_prefixes: HashSet<Vec<char>>,
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
            connective: Endings::new(&lexicon.connective_endings),
            question_particles: Endings::new(&lexicon.question_particles),
            interrogatives: char_set(&lexicon.interrogatives),
            afterthought_particles: Endings::new(&lexicon.afterthought_particles),
            determiners: char_set(&lexicon.determiners),
            noun_prefixes: char_set(&lexicon.noun_prefixes),
        }
    }

    /// True when `word` (a whitespace-separated token) ends a sentence by its ending alone.
    pub fn is_terminal_word(&self, word: &str) -> bool {
        let core = core_of(word);
        !core.is_empty() && self.terminal.longest(&core) > 0
    }

    /// The speech level of one sentence (normalised text).
    pub fn classify(&self, sentence: &str) -> SpeechLevel {
        self.judge(sentence).0
    }

    /// True when `sentence` is a clause that ends in a connective ending (`…없어서.`,
    /// `…맛있는데.`) and says nothing else about its level: after a 존댓말 sentence it is an
    /// afterthought of it, and the splitter keeps the two together.
    pub fn is_afterthought(&self, sentence: &str) -> bool {
        // Cheap test first: a last word that is a plain word without a connective ending.
        if let Some(word) = sentence.split_whitespace().next_back() {
            let core = core_of(word);
            if !core.is_empty()
                && core.iter().all(|&c| is_syllable(c))
                && !self.fillers.contains(&core)
                && self.connective.longest(&core) == 0
                && !word.contains(['(', ')', '[', ']', '{', '}'])
            {
                return false;
            }
        }
        self.judge(sentence) == (SpeechLevel::Informal, true)
    }

    /// True when `sentence` ends in a connective ending and an ellipsis (`확인해 보니까...`):
    /// it trails off into the next sentence.
    pub fn trails_off(&self, sentence: &str) -> bool {
        let end = sentence.trim_end();
        (end.ends_with('…') || end.ends_with("..") || end.ends_with('‥'))
            && self.is_afterthought(sentence)
    }

    /// The level of a sentence, and whether it rests on a connective ending alone.
    fn judge(&self, sentence: &str) -> (SpeechLevel, bool) {
        let words = self.tokens(sentence);
        let question = is_question(sentence);
        // `진짜?`, `정말?`: a bare question word, even one that is otherwise a filler.
        if question
            && words
                .last()
                .is_some_and(|w| self.interrogatives.contains(&w.core))
        {
            return (SpeechLevel::Informal, false);
        }
        // Fillers, laughter and jamo emoticons (`ㅇㅅㅇ`) are looked past.
        let skipped = |w: &Token| {
            self.fillers.contains(&w.core)
                || is_laughter(&w.core)
                || (w.core.iter().all(|&c| is_compat_jamo(c))
                    && !self.informal_words.contains(&w.core))
        };
        let Some(last) = words.iter().rposition(|w| !skipped(w)) else {
            return (SpeechLevel::Neutral, false);
        };
        match self.verdict(&words[last].core) {
            Verdict::Formal => return (SpeechLevel::Formal, false),
            Verdict::Informal { connective: false } => return (SpeechLevel::Informal, false),
            Verdict::Informal { connective: true } => {
                // `부럽네요, 저는 월세인데.`: the clause before decides.
                let before = words[..last].iter().rposition(|w| w.clause_end);
                return match before.map(|i| self.verdict(&words[i].core)) {
                    Some(Verdict::Formal) => (SpeechLevel::Formal, false),
                    _ => (SpeechLevel::Informal, true),
                };
            }
            Verdict::Unknown => {}
        }
        let word = &words[last].core;
        if question
            && (self.interrogatives.contains(word)
                || (word.len() >= 2
                    && self.question_particles.longest(word) > 0
                    && !self.is_noun(word)))
        {
            return (SpeechLevel::Informal, false);
        }
        if let Some(level) = self.before_afterthought(&words, last) {
            return (level, false);
        }
        if words[..=last]
            .iter()
            .any(|w| self.markers.contains(&w.core))
        {
            return (SpeechLevel::Informal, false);
        }
        (SpeechLevel::Neutral, false)
    }

    /// The level of a predicate followed by an afterthought: a vocative or phrase after a comma
    /// (`좋은 아침이야, 데이브`), or a phrase with a topic particle (`많지 추석에는`). At most two
    /// words are looked past.
    fn before_afterthought(&self, words: &[Token], last: usize) -> Option<SpeechLevel> {
        // The level a word decides; fillers (`네, 선생님`) decide nothing.
        let decide = |i: usize| {
            let w = &words[i].core;
            if self.fillers.contains(w) || is_laughter(w) {
                return None;
            }
            match self.verdict(w) {
                Verdict::Formal => Some(SpeechLevel::Formal),
                Verdict::Informal { .. } => Some(SpeechLevel::Informal),
                Verdict::Unknown => None,
            }
        };
        // A vocative or phrase after a comma (`수고했어, 김 경장`): up to three words, none of
        // them a predicate.
        let from = last.saturating_sub(3);
        if let Some(c) = (from..last).rev().find(|&j| words[j].comma) {
            let tail_is_nominal =
                (c + 1..=last).all(|j| self.verdict(&words[j].core) == Verdict::Unknown);
            return if tail_is_nominal { decide(c) } else { None };
        }
        // A phrase with a topic particle (`많지 추석에는`, `구워 이 빵집에서는`).
        let mut i = last;
        for _ in 0..3 {
            if i == 0 {
                return None;
            }
            let word = &words[i].core;
            let phrase = self.determiners.contains(word)
                || (word.len() >= 2
                    && self.afterthought_particles.longest(word) > 0
                    && self.formal.longest(word) == 0);
            if !phrase {
                return None;
            }
            i -= 1;
            let prev = &words[i].core;
            if self.fillers.contains(prev) || is_laughter(prev) {
                return None;
            }
            if let Some(level) = decide(i) {
                return Some(level);
            }
        }
        None
    }

    /// The words of a sentence. Words are split at spaces, at punctuation typed without a space
    /// (`그..그게`), and where bare jamo follow syllables (`좋아ㅋㅋ`, `인정ㅇㅇ`): such a jamo
    /// tail is kept only when it is a word of its own (`ㅇㅇ`), laughter and typos are dropped.
    /// Digits, Latin letters and symbols inside a word are ignored; bracketed asides are skipped.
    fn tokens(&self, sentence: &str) -> Vec<Token> {
        let chars: Vec<char> = sentence.chars().collect();
        let aside = asides(&chars);
        let mut out: Vec<Token> = Vec::new();
        let mut cur: Vec<char> = Vec::new();
        // The current run is jamo typed right after syllables, in the same word.
        let mut jamo_tail = false;
        let mut syllables_in_word = false;
        let flush = |cur: &mut Vec<char>, jamo_tail: bool, out: &mut Vec<Token>| {
            if cur.is_empty() {
                return;
            }
            let mut word = std::mem::take(cur);
            // `ㄹㅇㅋㅋ`, `ㅇㅇㅎㅎ`: a jamo word with laughter typed after it.
            if word.iter().all(|&c| is_compat_jamo(c)) && !self.informal_words.contains(&word) {
                let kept = word.len()
                    - word
                        .iter()
                        .rev()
                        .take_while(|&&c| is_laughter(&[c]))
                        .count();
                if kept > 0 && self.informal_words.contains(&word[..kept]) {
                    word.truncate(kept);
                }
            }
            if jamo_tail && !self.informal_words.contains(&word) {
                return;
            }
            let stretched = unstretch(&word).len();
            word.truncate(stretched);
            out.push(Token {
                core: word,
                clause_end: false,
                comma: false,
            });
        };
        for (i, &c) in chars.iter().enumerate() {
            if aside[i] {
                flush(&mut cur, jamo_tail, &mut out);
                continue;
            }
            if is_syllable(c) {
                if cur.last().is_some_and(|&p| is_compat_jamo(p)) {
                    flush(&mut cur, jamo_tail, &mut out);
                }
                jamo_tail = false;
                syllables_in_word = true;
                cur.push(c);
            } else if is_compat_jamo(c) {
                if cur.last().is_some_and(|&p| is_syllable(p)) {
                    flush(&mut cur, jamo_tail, &mut out);
                }
                if cur.is_empty() {
                    jamo_tail = syllables_in_word;
                }
                cur.push(c);
            } else if c.is_whitespace() {
                flush(&mut cur, jamo_tail, &mut out);
                syllables_in_word = false;
                jamo_tail = false;
            } else if is_clause_punct(c) {
                flush(&mut cur, jamo_tail, &mut out);
                if let Some(last) = out.last_mut() {
                    last.clause_end = true;
                    last.comma |= matches!(c, ',' | '…' | '‥' | '、');
                }
            }
        }
        flush(&mut cur, jamo_tail, &mut out);
        out
    }

    /// What a single word says.
    fn verdict(&self, word: &[char]) -> Verdict {
        let word = unstretch(word);
        if word.is_empty() {
            return Verdict::Unknown;
        }
        if self.formal_words.contains(word) {
            return Verdict::Formal;
        }
        if self.informal_words.contains(word) {
            return Verdict::Informal { connective: false };
        }
        // A listed noun is checked before respelling: 식당 is not 식다, 해당 is not 해다.
        if self.is_noun(word) {
            return Verdict::Unknown;
        }
        let word = self.respell(word);
        if self.formal_words.contains(&word) {
            return Verdict::Formal;
        }
        if self.informal_words.contains(&word) {
            return Verdict::Informal { connective: false };
        }
        let formal = self.formal.longest(&word);
        let informal = self.informal.longest(&word);
        if formal > 0 && formal >= informal {
            return Verdict::Formal;
        }
        if informal > 0 && !self.is_noun(&word) {
            return Verdict::Informal {
                connective: self.connective.longest(&word) > 0,
            };
        }
        Verdict::Unknown
    }

    /// True when `word` is a listed noun, alone or at the end of a compound (`교통사고`,
    /// `두가지`). A single other syllable before it makes a different word (`감상해`, `도시야`),
    /// and a one-syllable noun (`지`, `해`) is only ever the whole word.
    fn is_noun(&self, word: &[char]) -> bool {
        self.not_predicates.all(word).any(|n| {
            let prefix = &word[..word.len() - n];
            prefix.is_empty()
                || (n > 1 && (prefix.len() > 1 || self.noun_prefixes.contains(prefix)))
        })
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

/// The word without the syllables that only stretch its last vowel (`감사합니다아` →
/// `감사합니다`, `안녕하세요오` → `안녕하세요`, `그래애` → `그래`).
fn unstretch(word: &[char]) -> &[char] {
    let mut end = word.len();
    while end >= 2 && is_vowel_echo(word[end - 2], word[end - 1]) {
        end -= 1;
    }
    &word[..end]
}

/// True when `c` is an open syllable of ㅇ that repeats the end of the vowel of the open
/// syllable `before` (`다아`, `요오`, `뭐어`, `해애`, `네에`).
fn is_vowel_echo(before: char, c: char) -> bool {
    if choseong(c) != Some('ㅇ') || jongseong(c).is_some() || jongseong(before).is_some() {
        return false;
    }
    let (Some(v), Some(e)) = (jungseong(before), jungseong(c)) else {
        return false;
    };
    let tail = match v {
        'ㅑ' | 'ㅘ' => 'ㅏ',
        'ㅕ' | 'ㅝ' => 'ㅓ',
        'ㅛ' => 'ㅗ',
        'ㅠ' => 'ㅜ',
        'ㅒ' | 'ㅙ' | 'ㅔ' | 'ㅖ' | 'ㅞ' | 'ㅚ' => 'ㅐ',
        'ㅟ' | 'ㅢ' => 'ㅣ',
        v => v,
    };
    let e = if e == 'ㅔ' { 'ㅐ' } else { e };
    tail == e
}

/// ㅋㅋ, ㅎㅎ, ㅠㅠ and the like.
fn is_laughter(word: &[char]) -> bool {
    word.iter()
        .all(|&c| is_compat_jamo(c) && matches!(c, 'ㅋ' | 'ㅎ' | 'ㅠ' | 'ㅜ' | 'ㄷ' | 'ㅡ'))
}
