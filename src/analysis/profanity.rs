//! Swear words and insults, also when obfuscated: digits or symbols inside a word (`시1발`,
//! `씨@발`), letters spaced out (`시 발`), stretched vowels (`씨이발`), jamo typed one by one
//! (`ㅅㅣㅂㅏㄹ`), consonant abbreviations (`ㅅㅂ`, `ㅂㅅ`), Korean typed on a Latin keyboard
//! (`tlqkf`), and look-alike spellings listed in the lexicon (`c발`).
//!
//! A lexicon word may start with a bare consonant, as in the speech lexicon: `ㄴ년` is any
//! syllable with the final ㄴ followed by 년 (`모자란년`, `하는년`); the same holds for `safe`
//! words (`ㄴ년도`).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::text::{
    choseong, compose, is_compat_consonant, is_compat_jamo, is_compat_vowel, is_syllable,
    jongseong, jungseong,
};
use crate::model::ProfanityLexicon;

/// One swear word found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfanityHit {
    /// The lexicon entry that matched (`시발`, `ㅅㅂ`).
    pub word: String,
    /// Byte range in the text given to [`ProfanityDetector::find`].
    pub start: usize,
    pub end: usize,
}

#[derive(Debug)]
pub struct ProfanityDetector {
    words: Option<AhoCorasick>,
    word_list: Vec<String>,
    /// Per pattern: the final consonant the syllable before it must have (`ㄴ년`).
    word_final: Vec<Option<char>>,
    safe_final: Vec<Option<char>>,
    safe: Option<AhoCorasick>,
    initials: Option<AhoCorasick>,
    initial_list: Vec<String>,
    latin: Option<AhoCorasick>,
    latin_list: Vec<String>,
    respell: Option<AhoCorasick>,
    respell_to: Vec<String>,
}

/// Words that stand on their own before a space and so never start a deliberately spaced-out
/// swear word: `이 년 동안` is not `이년`, `개 소리` (a dog's bark) is not `개소리`, `돌 아이`
/// (a one-year-old) is not `돌아이`, `또 라이브` is not `또라이`.
const STANDALONE: &[char] = &[
    '이', '그', '저', '요', '개', '한', '두', '세', '네', '돌', '또', '더', '안', '못', '잘', '꼭',
    '좀', '다', '왜', '참', '막', '딱', '꽤', '제', '내', '뭐', '너', '나', '난', '넌', '날', '김',
];

/// Syllables that count things after a number: `5개년 계획`, `3년` are not insults.
const COUNTERS: &[char] = &['개', '년'];

/// The patterns of a list for the automaton, trimmed and non-empty. An entry that starts with
/// a bare consonant (`ㄴ년`) is matched as the rest (`년`) on condition that the syllable before
/// it, in the same word, has that final consonant. Returns the patterns and, for each, the index
/// of its entry and that consonant.
fn compile(list: &[String]) -> (Vec<String>, Vec<(usize, Option<char>)>) {
    let mut patterns = Vec::new();
    let mut owners = Vec::new();
    for (i, entry) in list.iter().enumerate() {
        let entry = entry.trim();
        let mut chars = entry.chars();
        match (chars.next(), chars.as_str()) {
            (None, _) => {}
            (Some(first), rest) if is_compat_consonant(first) && !rest.is_empty() => {
                patterns.push(rest.to_owned());
                owners.push((i, Some(first)));
            }
            _ => {
                patterns.push(entry.to_owned());
                owners.push((i, None));
            }
        }
    }
    (patterns, owners)
}

fn automaton(patterns: &[String], kind: MatchKind) -> Option<AhoCorasick> {
    if patterns.is_empty() {
        return None;
    }
    AhoCorasickBuilder::new()
        .match_kind(kind)
        .build(patterns)
        .ok()
}

fn trimmed(list: &[String]) -> Vec<String> {
    list.iter()
        .map(|w| w.trim().to_owned())
        .filter(|w| !w.is_empty())
        .collect()
}

/// A text made ready for matching: look-alike spellings replaced and jamo typed one by one
/// composed into syllables. Each char remembers the byte range of the source it came from.
struct Prepared {
    chars: Vec<char>,
    src: Vec<(usize, usize)>,
}

impl Prepared {
    fn push_source(&mut self, text: &str, from: usize, to: usize) {
        for (i, c) in text[from..to].char_indices() {
            self.chars.push(c);
            self.src.push((from + i, from + i + c.len_utf8()));
        }
    }

    /// Composes runs like `ㅅㅣㅂㅏㄹ` into `시발`. A final consonant is taken only when no
    /// vowel follows it (`ㅂㅏㄹ` → `발`, but `ㅂㅏㅅㅣ` → `바시`).
    fn compose_jamo(&mut self) {
        if !self
            .chars
            .windows(2)
            .any(|w| is_compat_consonant(w[0]) && is_compat_vowel(w[1]))
        {
            return;
        }
        let mut chars = Vec::with_capacity(self.chars.len());
        let mut src = Vec::with_capacity(self.src.len());
        let mut i = 0;
        while i < self.chars.len() {
            let c = self.chars[i];
            let vowel = self.chars.get(i + 1).copied();
            if is_compat_consonant(c)
                && let Some(v) = vowel.filter(|&v| is_compat_vowel(v))
                && let Some(open) = compose(c, v, None)
            {
                let last = self.chars.get(i + 2).copied();
                let after = self.chars.get(i + 3).copied();
                let closed = last
                    .filter(|&l| is_compat_consonant(l) && !after.is_some_and(is_compat_vowel))
                    .and_then(|l| compose(c, v, Some(l)));
                let (syllable, used) = match closed {
                    Some(s) => (s, 3),
                    None => (open, 2),
                };
                chars.push(syllable);
                src.push((self.src[i].0, self.src[i + used - 1].1));
                i += used;
                continue;
            }
            chars.push(c);
            src.push(self.src[i]);
            i += 1;
        }
        self.chars = chars;
        self.src = src;
    }
}

/// The Hangul syllables of a text, remembering where each came from.
struct Skeleton {
    text: String,
    /// Per syllable (by char index): source byte range and token index.
    origin: Vec<(usize, usize, usize)>,
    /// Per token: number of syllables.
    token_len: Vec<usize>,
    /// Per token: its only syllable when it has exactly one.
    token_first: Vec<char>,
    /// Byte offset in `text` of each char.
    char_at: Vec<usize>,
}

impl Skeleton {
    /// Keeps the syllables; digits, symbols and Latin letters between them are dropped
    /// (`시1발`), and a syllable that only stretches the vowel before it (`씨이발`, `개애새끼`)
    /// is skipped.
    fn new(p: &Prepared) -> Skeleton {
        let mut sk = Skeleton {
            text: String::new(),
            origin: Vec::new(),
            token_len: Vec::new(),
            token_first: Vec::new(),
            char_at: Vec::new(),
        };
        let mut token = 0usize;
        let mut in_token = false;
        let mut prev: Option<(char, usize)> = None;
        for (&c, &(start, end)) in p.chars.iter().zip(&p.src) {
            if c.is_whitespace() {
                if in_token {
                    token += 1;
                    in_token = false;
                }
                continue;
            }
            in_token = true;
            if !is_syllable(c) {
                continue;
            }
            if let Some((before, t)) = prev
                && t == token
                && is_stretch(before, c)
            {
                continue;
            }
            prev = Some((c, token));
            if sk.token_len.len() <= token {
                sk.token_len.resize(token + 1, 0);
                sk.token_first.resize(token + 1, '\0');
            }
            sk.token_len[token] += 1;
            sk.token_first[token] = c;
            sk.char_at.push(sk.text.len());
            sk.text.push(c);
            sk.origin.push((start, end, token));
        }
        sk
    }

    fn char_index(&self, byte: usize) -> usize {
        self.char_at.binary_search(&byte).unwrap_or_else(|i| i)
    }

    /// The index of the first syllable of a match: for a pattern that needs the syllable
    /// before it to have a final consonant (`ㄴ년`), that syllable, which must be in the same
    /// word as the whole match; `None` when the condition fails.
    fn with_final(&self, m: &aho_corasick::Match, last: Option<char>) -> Option<usize> {
        let first = self.char_index(m.start());
        let Some(consonant) = last else {
            return Some(first);
        };
        let before = first.checked_sub(1)?;
        let c = self.text[self.char_at[before]..].chars().next()?;
        let end = self.char_index(m.end()) - 1;
        (jongseong(c) == Some(consonant) && self.origin[before].2 == self.origin[end].2)
            .then_some(before)
    }
}

/// `이` after `씨`, `애` after `개`: an open syllable of ㅇ with the vowel of the open syllable
/// before it only stretches it.
fn is_stretch(before: char, c: char) -> bool {
    choseong(c) == Some('ㅇ')
        && jongseong(c).is_none()
        && jongseong(before).is_none()
        && jungseong(before) == jungseong(c)
}

impl ProfanityDetector {
    pub fn new(lexicon: &ProfanityLexicon) -> ProfanityDetector {
        let (word_patterns, word_owner) = compile(&lexicon.words);
        let (safe_patterns, safe_owner) = compile(&lexicon.safe);
        let entries: Vec<String> = lexicon.words.iter().map(|w| w.trim().to_owned()).collect();
        let (respell_from, respell_to): (Vec<String>, Vec<String>) = lexicon
            .respellings
            .iter()
            .filter(|(from, _)| !from.trim().is_empty())
            .map(|(from, to)| (from.trim().to_owned(), to.clone()))
            .unzip();
        ProfanityDetector {
            words: automaton(&word_patterns, MatchKind::Standard),
            word_list: word_owner
                .iter()
                .map(|&(i, _)| entries[i].clone())
                .collect(),
            word_final: word_owner.iter().map(|&(_, f)| f).collect(),
            safe_final: safe_owner.iter().map(|&(_, f)| f).collect(),
            safe: automaton(&safe_patterns, MatchKind::Standard),
            initials: automaton(&trimmed(&lexicon.initials), MatchKind::Standard),
            initial_list: trimmed(&lexicon.initials),
            latin: automaton(&trimmed(&lexicon.latin), MatchKind::Standard),
            latin_list: trimmed(&lexicon.latin),
            respell: automaton(&respell_from, MatchKind::LeftmostLongest),
            respell_to,
        }
    }

    /// True when `text` (normalised) contains a swear word.
    pub fn contains(&self, text: &str) -> bool {
        !self.find(text).is_empty()
    }

    /// Every swear word in `text` (normalised), in order of position, with its byte range in
    /// `text`.
    pub fn find(&self, text: &str) -> Vec<ProfanityHit> {
        let mut hits = Vec::new();
        let p = self.prepare(text);
        self.find_words(text, &p, &mut hits);
        if p.chars.iter().any(|&c| is_compat_jamo(c)) {
            self.find_initials(&p, &mut hits);
        }
        if p.chars.iter().any(char::is_ascii_alphabetic) {
            self.find_latin(&p, &mut hits);
        }
        hits.sort_by_key(|h| (h.start, h.end));
        hits.dedup_by(|a, b| a.start < b.end && b.start < a.end);
        hits
    }

    fn prepare(&self, text: &str) -> Prepared {
        let mut p = Prepared {
            chars: Vec::with_capacity(text.len()),
            src: Vec::with_capacity(text.len()),
        };
        let mut done = 0;
        if let Some(ac) = &self.respell {
            for m in ac.find_iter(text) {
                p.push_source(text, done, m.start());
                for c in self.respell_to[m.pattern().as_usize()].chars() {
                    p.chars.push(c);
                    p.src.push((m.start(), m.end()));
                }
                done = m.end();
            }
        }
        p.push_source(text, done, text.len());
        p.compose_jamo();
        p
    }

    fn find_words(&self, text: &str, p: &Prepared, hits: &mut Vec<ProfanityHit>) {
        let Some(words) = &self.words else { return };
        let sk = Skeleton::new(p);
        if sk.text.is_empty() {
            return;
        }
        let safe: Vec<(usize, usize)> = self
            .safe
            .as_ref()
            .map(|ac| {
                ac.find_overlapping_iter(&sk.text)
                    .filter_map(|m| {
                        let first = sk.with_final(&m, self.safe_final[m.pattern().as_usize()])?;
                        Some((sk.char_at[first], m.end()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        for m in words.find_overlapping_iter(&sk.text) {
            let Some(first) = sk.with_final(&m, self.word_final[m.pattern().as_usize()]) else {
                continue;
            };
            let from = sk.char_at[first];
            if safe.iter().any(|&(s, e)| s <= from && m.end() <= e) {
                continue;
            }
            let last = sk.char_index(m.end()) - 1;
            if !spans_tokens_plausibly(&sk, first, last) {
                continue;
            }
            let start = sk.origin[first].0;
            // `5개년`, `3년`: a counter after a number.
            let first_char = sk.text[from..].chars().next();
            if first_char.is_some_and(|c| COUNTERS.contains(&c))
                && text[..start.min(text.len())]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_digit())
            {
                continue;
            }
            hits.push(ProfanityHit {
                word: self.word_list[m.pattern().as_usize()].clone(),
                start,
                end: sk.origin[last].1,
            });
        }
    }

    /// Consonant abbreviations, looked for only in words typed with bare jamo (the initials of
    /// ordinary words, 사법 → ㅅㅂ, are innocent), and only where the match covers a bare jamo.
    /// Words of one bare jamo in a row (`ㅅ ㅂ`) are read together.
    fn find_initials(&self, p: &Prepared, hits: &mut Vec<ProfanityHit>) {
        let Some(initials) = &self.initials else {
            return;
        };
        // Tokens as ranges of `p.chars`.
        let mut tokens: Vec<(usize, usize)> = Vec::new();
        let mut start = None;
        for (i, c) in p.chars.iter().enumerate() {
            match (c.is_whitespace(), start) {
                (true, Some(s)) => {
                    tokens.push((s, i));
                    start = None;
                }
                (false, None) => start = Some(i),
                _ => {}
            }
        }
        if let Some(s) = start {
            tokens.push((s, p.chars.len()));
        }
        let single_jamo = |&(s, e): &(usize, usize)| e == s + 1 && is_compat_consonant(p.chars[s]);
        let mut groups: Vec<(usize, usize)> = Vec::new();
        for t in tokens {
            match groups.last_mut() {
                Some(g) if single_jamo(&t) && single_jamo(&(g.1 - 1, g.1)) => g.1 = t.1,
                _ => groups.push(t),
            }
        }
        let mut key = String::new();
        let mut bare: Vec<bool> = Vec::new();
        let mut from: Vec<usize> = Vec::new();
        for (s, e) in groups {
            if !p.chars[s..e].iter().any(|&c| is_compat_jamo(c)) {
                continue;
            }
            key.clear();
            bare.clear();
            from.clear();
            for (i, &c) in p.chars[s..e].iter().enumerate() {
                let k = if is_syllable(c) {
                    choseong(c)
                } else if is_compat_consonant(c) || c == 'ㅗ' {
                    Some(c)
                } else {
                    None
                };
                if let Some(k) = k {
                    for _ in 0..k.len_utf8() {
                        bare.push(!is_syllable(c));
                        from.push(s + i);
                    }
                    key.push(k);
                }
            }
            for m in initials.find_overlapping_iter(&key) {
                let pattern = &self.initial_list[m.pattern().as_usize()];
                let covers_bare = bare[m.start()..m.end()].iter().any(|&b| b);
                // A vowel (ㅗ) counts only as a word of its own (ㅗㅗ), not as a typo.
                let whole = !pattern.chars().any(is_compat_vowel)
                    || key.chars().all(|k| pattern.contains(k));
                if covers_bare && whole {
                    hits.push(ProfanityHit {
                        word: pattern.clone(),
                        start: p.src[from[m.start()]].0,
                        end: p.src[from[m.end() - 1]].1,
                    });
                    break;
                }
            }
        }
    }

    /// Latin spellings, inside a run of ASCII letters and digits. Short ones (three letters or
    /// fewer, `fuk`) count only as the whole run, not inside a longer word (`fukuoka`).
    fn find_latin(&self, p: &Prepared, hits: &mut Vec<ProfanityHit>) {
        let Some(latin) = &self.latin else { return };
        let mut token = String::new();
        let mut at: Vec<usize> = Vec::new();
        let mut check = |token: &mut String, at: &mut Vec<usize>| {
            if token.len() >= 3 {
                for m in latin.find_overlapping_iter(token.as_str()) {
                    let short = m.len() <= 3;
                    if !short || m.len() == token.len() {
                        hits.push(ProfanityHit {
                            word: self.latin_list[m.pattern().as_usize()].clone(),
                            start: p.src[at[m.start()]].0,
                            end: p.src[at[m.end() - 1]].1,
                        });
                        break;
                    }
                }
            }
            token.clear();
            at.clear();
        };
        for (i, &c) in p.chars.iter().enumerate() {
            if c.is_ascii_alphanumeric() {
                token.push(c.to_ascii_lowercase());
                at.push(i);
            } else {
                check(&mut token, &mut at);
            }
        }
        check(&mut token, &mut at);
    }
}

/// A match may run across spaces only when the spacing looks deliberate: the words it crosses
/// are single syllables (`시 발`), or its part in the last word is itself two syllables or more
/// (`개 새끼`). `이 시 발표` does not match `시발`, and a match never starts with a word that
/// stands on its own (`이 년 동안`, `개 소리`).
fn spans_tokens_plausibly(sk: &Skeleton, first: usize, last: usize) -> bool {
    let first_token = sk.origin[first].2;
    let last_token = sk.origin[last].2;
    if first_token == last_token {
        return true;
    }
    if sk.token_len[first_token] == 1 && STANDALONE.contains(&sk.token_first[first_token]) {
        return false;
    }
    let first_part = (first..=last)
        .take_while(|&i| sk.origin[i].2 == first_token)
        .count();
    if first_part < sk.token_len[first_token] && first_part < 2 {
        return false;
    }
    let last_part = (first..=last)
        .rev()
        .take_while(|&i| sk.origin[i].2 == last_token)
        .count();
    let middle_ok = (first_token + 1..last_token).all(|t| sk.token_len.get(t) == Some(&1));
    middle_ok && (sk.token_len[last_token] == 1 || last_part >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detector(words: &[&str], safe: &[&str]) -> ProfanityDetector {
        let strings = |l: &[&str]| l.iter().map(|s| (*s).to_owned()).collect();
        ProfanityDetector::new(&ProfanityLexicon {
            words: strings(words),
            initials: strings(&["ㅅㅂ", "ㅗ"]),
            latin: strings(&["tlqkf", "fuk"]),
            respellings: vec![("c발".to_owned(), "씨발".to_owned())],
            safe: strings(safe),
        })
    }

    #[test]
    fn final_consonant_patterns_expand() {
        let d = detector(&["ㄴ년"], &["ㄴ년도", "신년"]);
        assert!(d.contains("모자란년"));
        assert!(d.contains("하는년이"));
        assert!(!d.contains("지난 년도")); // spaced: not deliberate
        assert!(!d.contains("신년 인사"));
        assert!(!d.contains("이번년도"));
        assert!(!d.contains("작년"));
    }

    #[test]
    fn hit_positions_are_in_the_source() {
        let d = detector(&["씨발"], &[]);
        let text = "아 c발 진짜";
        let hits = d.find(text);
        assert_eq!(hits.len(), 1);
        assert_eq!(&text[hits[0].start..hits[0].end], "c발");
        let text = "ㅅㅣㅂㅏㄹ";
        let d = detector(&["시발"], &[]);
        let hits = d.find(text);
        assert_eq!(&text[hits[0].start..hits[0].end], "ㅅㅣㅂㅏㄹ");
    }

    #[test]
    fn jamo_compose_and_stretch() {
        let d = detector(&["시발", "개새끼"], &[]);
        assert!(d.contains("ㅅㅣㅂㅏㄹ"));
        assert!(d.contains("시이이발"));
        assert!(d.contains("개애새끼"));
        assert!(!d.contains("아이 시 발표"));
    }

    #[test]
    fn initials_need_a_bare_jamo() {
        let d = detector(&[], &[]);
        assert!(d.contains("ㅅㅂ"));
        assert!(d.contains("ㅅ ㅂ"));
        assert!(d.contains("ㅅ발"));
        assert!(!d.contains("ㅋㅋ사법"));
        assert!(d.contains("ㅗㅗ"));
        assert!(!d.contains("안녕하세요ㅗ"));
    }

    #[test]
    fn short_latin_only_whole() {
        let d = detector(&[], &[]);
        assert!(d.contains("fuk"));
        assert!(!d.contains("fukuoka"));
        assert!(d.contains("아 tlqkf"));
    }

    #[test]
    fn counters_after_numbers() {
        let d = detector(&["개년", "이년"], &[]);
        assert!(!d.contains("5개년 계획"));
        assert!(d.contains("개년아"));
        assert!(!d.contains("이 년 동안"));
    }
}
