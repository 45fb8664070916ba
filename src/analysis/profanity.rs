//! Swear words and insults, also when obfuscated: digits or symbols inside a word (`시1발`,
//! `씨@발`), letters spaced out (`시 발`), consonant abbreviations (`ㅅㅂ`, `ㅂㅅ`), Korean typed
//! on a Latin keyboard (`tlqkf`), and look-alike spellings listed in the lexicon (`c발`).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::text::{choseong, is_compat_consonant, is_compat_jamo, is_syllable};
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
    safe: Option<AhoCorasick>,
    initials: Option<AhoCorasick>,
    initial_list: Vec<String>,
    latin: Option<AhoCorasick>,
    latin_list: Vec<String>,
    respell: Option<AhoCorasick>,
    respell_to: Vec<String>,
}

fn automaton(patterns: &[String]) -> Option<AhoCorasick> {
    let patterns: Vec<&str> = patterns
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    if patterns.is_empty() {
        return None;
    }
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .build(patterns)
        .ok()
}

/// A text reduced to its Hangul syllables, remembering where each came from.
struct Skeleton {
    text: String,
    /// Per syllable (by char index): source byte range and token index.
    origin: Vec<(usize, usize, usize)>,
    /// Per token: number of syllables.
    token_len: Vec<usize>,
    /// Byte offset in `text` of each char.
    char_at: Vec<usize>,
}

impl Skeleton {
    fn new(text: &str) -> Skeleton {
        let mut sk = Skeleton {
            text: String::new(),
            origin: Vec::new(),
            token_len: Vec::new(),
            char_at: Vec::new(),
        };
        let mut token = 0usize;
        let mut in_token = false;
        for (i, c) in text.char_indices() {
            if c.is_whitespace() {
                if in_token {
                    token += 1;
                    in_token = false;
                }
                continue;
            }
            in_token = true;
            if is_syllable(c) {
                if sk.token_len.len() <= token {
                    sk.token_len.resize(token + 1, 0);
                }
                sk.token_len[token] += 1;
                sk.char_at.push(sk.text.len());
                sk.text.push(c);
                sk.origin.push((i, i + c.len_utf8(), token));
            }
        }
        sk
    }

    fn char_index(&self, byte: usize) -> usize {
        self.char_at.binary_search(&byte).unwrap_or_else(|i| i)
    }
}

impl ProfanityDetector {
    pub fn new(lexicon: &ProfanityLexicon) -> ProfanityDetector {
        let (respell_from, respell_to): (Vec<String>, Vec<String>) =
            lexicon.respellings.iter().cloned().unzip();
        ProfanityDetector {
            words: automaton(&lexicon.words),
            word_list: lexicon
                .words
                .iter()
                .map(|w| w.trim().to_owned())
                .filter(|w| !w.is_empty())
                .collect(),
            safe: automaton(&lexicon.safe),
            initials: automaton(&lexicon.initials),
            initial_list: lexicon
                .initials
                .iter()
                .map(|w| w.trim().to_owned())
                .filter(|w| !w.is_empty())
                .collect(),
            latin: automaton(&lexicon.latin),
            latin_list: lexicon
                .latin
                .iter()
                .map(|w| w.trim().to_owned())
                .filter(|w| !w.is_empty())
                .collect(),
            respell: automaton(&respell_from),
            respell_to,
        }
    }

    /// True when `text` (normalised) contains a swear word.
    pub fn contains(&self, text: &str) -> bool {
        !self.find(text).is_empty()
    }

    /// Every swear word in `text` (normalised), in order of position.
    pub fn find(&self, text: &str) -> Vec<ProfanityHit> {
        let mut hits = Vec::new();
        let respelled;
        let text = match &self.respell {
            Some(ac) if ac.is_match(text) => {
                let mut out = String::with_capacity(text.len());
                ac.replace_all_with(text, &mut out, |m, _, dst| {
                    dst.push_str(&self.respell_to[m.pattern().as_usize()]);
                    true
                });
                respelled = out;
                // Positions refer to the respelled text; they are only used for quoting.
                &respelled
            }
            _ => text,
        };
        self.find_words(text, &mut hits);
        self.find_initials(text, &mut hits);
        self.find_latin(text, &mut hits);
        hits.sort_by_key(|h| (h.start, h.end));
        hits.dedup_by(|a, b| a.start < b.end && b.start < a.end);
        hits
    }

    fn find_words(&self, text: &str, hits: &mut Vec<ProfanityHit>) {
        let Some(words) = &self.words else { return };
        let sk = Skeleton::new(text);
        if sk.text.is_empty() {
            return;
        }
        let safe: Vec<(usize, usize)> = self
            .safe
            .as_ref()
            .map(|ac| {
                ac.find_overlapping_iter(&sk.text)
                    .map(|m| (m.start(), m.end()))
                    .collect()
            })
            .unwrap_or_default();
        for m in words.find_overlapping_iter(&sk.text) {
            if safe.iter().any(|&(s, e)| s <= m.start() && m.end() <= e) {
                continue;
            }
            let first = sk.char_index(m.start());
            let last = sk.char_index(m.end()) - 1;
            if !spans_tokens_plausibly(&sk, first, last) {
                continue;
            }
            hits.push(ProfanityHit {
                word: self.word_list[m.pattern().as_usize()].clone(),
                start: sk.origin[first].0,
                end: sk.origin[last].1,
            });
        }
    }

    fn find_initials(&self, text: &str, hits: &mut Vec<ProfanityHit>) {
        let Some(initials) = &self.initials else {
            return;
        };
        let mut offset = 0;
        for token in text.split(|c: char| c.is_whitespace()) {
            let start = offset;
            offset += token.len() + 1;
            // Only tokens typed with bare jamo: the initials of ordinary words (사법 → ㅅㅂ) are innocent.
            if !token.chars().any(is_compat_jamo) {
                continue;
            }
            let key: String = token
                .chars()
                .filter_map(|c| {
                    if is_syllable(c) {
                        choseong(c)
                    } else if is_compat_consonant(c) || c == 'ㅗ' {
                        Some(c)
                    } else {
                        None
                    }
                })
                .collect();
            if let Some(m) = initials.find(&key) {
                hits.push(ProfanityHit {
                    word: self.initial_list[m.pattern().as_usize()].clone(),
                    start,
                    end: start + token.len(),
                });
            }
        }
    }

    fn find_latin(&self, text: &str, hits: &mut Vec<ProfanityHit>) {
        let Some(latin) = &self.latin else { return };
        let mut offset = 0;
        for token in text.split(|c: char| !c.is_ascii_alphanumeric()) {
            let start = offset;
            offset += token.len();
            // Account for the separator char, which may be multi-byte.
            if let Some(sep) = text[offset..].chars().next() {
                offset += sep.len_utf8();
            }
            if token.len() < 3 {
                continue;
            }
            if let Some(m) = latin.find(token) {
                hits.push(ProfanityHit {
                    word: self.latin_list[m.pattern().as_usize()].clone(),
                    start: start + m.start(),
                    end: start + m.end(),
                });
            }
        }
    }
}

/// A match may run across spaces only when the spacing looks deliberate: the words it crosses
/// are single syllables (`시 발`), or its part in the last word is itself two syllables or more
/// (`개 새끼`). `이 시 발표` does not match `시발`.
fn spans_tokens_plausibly(sk: &Skeleton, first: usize, last: usize) -> bool {
    let first_token = sk.origin[first].2;
    let last_token = sk.origin[last].2;
    if first_token == last_token {
        return true;
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
