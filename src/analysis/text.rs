//! Text normalisation and Hangul helpers.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// NFC, full-width ASCII folded to ASCII, typographic quotes and dashes to plain ones,
/// control characters to spaces, Latin lower-cased.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Typed text is nearly always NFC already: skip the normaliser's buffering then.
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        fold_into(text.chars(), &mut out);
    } else {
        fold_into(text.nfc(), &mut out);
    }
    out
}

fn fold_into(chars: impl Iterator<Item = char>, out: &mut String) {
    for c in chars {
        if c.is_ascii() {
            out.push(match c {
                // Line breaks end sentences; other control characters are blanks.
                '\n' | '\r' => '\n',
                c if c.is_ascii_control() => ' ',
                c => c.to_ascii_lowercase(),
            });
            continue;
        }
        if is_syllable(c) || is_compat_jamo(c) {
            out.push(c);
            continue;
        }
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' | '\u{300C}' | '\u{300D}'
            | '\u{300E}' | '\u{300F}' => '"',
            '\u{2010}'..='\u{2015}' => '-',
            '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' => continue,
            c if c.is_control() => ' ',
            c => c,
        };
        out.extend(c.to_lowercase());
    }
}

const SYLLABLE_BASE: u32 = 0xAC00;
const SYLLABLE_LAST: u32 = 0xD7A3;

/// Initial consonants in syllable order, as compatibility jamo.
const CHOSEONG: [char; 19] = [
    'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ',
    'ㅌ', 'ㅍ', 'ㅎ',
];

/// Final consonants in syllable order (index 0 = none), as compatibility jamo.
const JONGSEONG: [char; 28] = [
    '\0', 'ㄱ', 'ㄲ', 'ㄳ', 'ㄴ', 'ㄵ', 'ㄶ', 'ㄷ', 'ㄹ', 'ㄺ', 'ㄻ', 'ㄼ', 'ㄽ', 'ㄾ', 'ㄿ', 'ㅀ',
    'ㅁ', 'ㅂ', 'ㅄ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ',
];

/// True for a precomposed Hangul syllable (가–힣).
pub fn is_syllable(c: char) -> bool {
    (SYLLABLE_BASE..=SYLLABLE_LAST).contains(&(c as u32))
}

/// True for a Hangul compatibility jamo (ㄱ–ㅣ), as typed for abbreviations (ㅅㅂ, ㅋㅋ).
pub fn is_compat_jamo(c: char) -> bool {
    ('\u{3131}'..='\u{318E}').contains(&c)
}

/// True for a compatibility consonant (ㄱ–ㅎ).
pub fn is_compat_consonant(c: char) -> bool {
    ('\u{3131}'..='\u{314E}').contains(&c)
}

pub fn is_hangul(c: char) -> bool {
    is_syllable(c) || is_compat_jamo(c)
}

/// The initial consonant of a syllable, as a compatibility jamo.
pub fn choseong(c: char) -> Option<char> {
    is_syllable(c).then(|| CHOSEONG[((c as u32 - SYLLABLE_BASE) / 588) as usize])
}

/// The final consonant of a syllable (`None` for an open syllable or a non-syllable).
pub fn jongseong(c: char) -> Option<char> {
    if !is_syllable(c) {
        return None;
    }
    let idx = ((c as u32 - SYLLABLE_BASE) % 28) as usize;
    (idx != 0).then(|| JONGSEONG[idx])
}

/// The syllable without its final consonant (`했` → `해`).
pub fn open_syllable(c: char) -> char {
    if !is_syllable(c) {
        return c;
    }
    let code = c as u32 - SYLLABLE_BASE;
    char::from_u32(SYLLABLE_BASE + code - code % 28).unwrap_or(c)
}

/// True for a compatibility vowel (ㅏ–ㅣ).
pub fn is_compat_vowel(c: char) -> bool {
    ('\u{314F}'..='\u{3163}').contains(&c)
}

/// The syllable made of an initial consonant, a vowel and an optional final consonant, all
/// given as compatibility jamo (`ㅂ`, `ㅏ`, `ㄹ` → `발`); `None` when they make no syllable.
pub fn compose(initial: char, vowel: char, last: Option<char>) -> Option<char> {
    let i = CHOSEONG.iter().position(|&c| c == initial)? as u32;
    if !is_compat_vowel(vowel) {
        return None;
    }
    let v = vowel as u32 - 0x314F;
    let f = match last {
        None => 0,
        Some(l) => JONGSEONG.iter().skip(1).position(|&c| c == l)? as u32 + 1,
    };
    char::from_u32(SYLLABLE_BASE + (i * 21 + v) * 28 + f)
}

/// The vowel of a syllable, as a compatibility jamo.
pub fn jungseong(c: char) -> Option<char> {
    is_syllable(c)
        .then(|| char::from_u32(0x314F + ((c as u32 - SYLLABLE_BASE) % 588) / 28))
        .flatten()
}

/// A text with spaces and punctuation removed, keeping for each kept char its byte offset in
/// the source and its word, so that matches can be mapped back for quoting and word boundaries.
#[derive(Debug, Clone, Default)]
pub struct Squashed {
    pub text: String,
    /// The kept chars, for matching endings without allocating.
    pub chars: Vec<char>,
    /// Byte offset in `text` of each kept char.
    char_starts: Vec<usize>,
    /// Source byte offset of each kept char.
    offsets: Vec<usize>,
    /// Word index of each kept char.
    words: Vec<u32>,
    /// Per word: byte range in `text`, and whether punctuation followed it in the source.
    pub word_spans: Vec<WordSpan>,
}

/// A word (eojeol) of a squashed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordSpan {
    pub start: usize,
    pub end: usize,
    /// Char range in `chars`.
    pub char_start: usize,
    pub char_end: usize,
    /// The source word was followed by punctuation (`,` `.` `?` ...): a clause ends there.
    pub punct_after: bool,
}

/// A letter or digit: Hangul and ASCII are decided without Unicode tables (the hot path).
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_hangul(c) || c.is_alphanumeric()
    }
}

impl Squashed {
    /// The chars of word `i`.
    pub fn word_chars(&self, i: usize) -> &[char] {
        let w = &self.word_spans[i];
        &self.chars[w.char_start..w.char_end]
    }

    /// Keeps letters and digits; whitespace separates words; other chars are dropped.
    pub fn new(source: &str) -> Squashed {
        let mut sq = Squashed::default();
        let mut in_word = false;
        for (i, c) in source.char_indices() {
            if is_word_char(c) {
                if !in_word {
                    sq.word_spans.push(WordSpan {
                        start: sq.text.len(),
                        end: sq.text.len(),
                        char_start: sq.chars.len(),
                        char_end: sq.chars.len(),
                        punct_after: false,
                    });
                    in_word = true;
                }
                sq.char_starts.push(sq.text.len());
                sq.offsets.push(i);
                sq.words.push((sq.word_spans.len() - 1) as u32);
                sq.text.push(c);
                sq.chars.push(c);
                if let Some(w) = sq.word_spans.last_mut() {
                    w.end = sq.text.len();
                    w.char_end = sq.chars.len();
                    w.punct_after = false;
                }
            } else if c.is_whitespace() {
                in_word = false;
            } else if let Some(w) = sq.word_spans.last_mut()
                && in_word
                && matches!(c, ',' | '.' | '?' | '!' | '…' | ';' | ':' | '~')
            {
                w.punct_after = true;
            }
        }
        sq
    }

    /// The source byte offset of the char that starts at squashed byte `pos`
    /// (or `source_len` at or past the end).
    pub fn source_offset(&self, pos: usize, source_len: usize) -> usize {
        match self.char_starts.binary_search(&pos) {
            Ok(i) => self.offsets[i],
            Err(_) => source_len,
        }
    }

    /// The index of the word containing the char that starts at squashed byte `pos`.
    pub fn word_at(&self, pos: usize) -> Option<usize> {
        self.char_starts
            .binary_search(&pos)
            .ok()
            .map(|i| self.words[i] as usize)
    }

    /// The index of the word containing the char that ends at squashed byte `end`.
    pub fn word_ending_at(&self, end: usize) -> Option<usize> {
        let i = self.char_starts.partition_point(|&s| s < end);
        i.checked_sub(1).map(|i| self.words[i] as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_composes_and_folds() {
        // 한 decomposed into conjoining jamo, full-width question mark.
        let decomposed = "\u{1112}\u{1161}\u{11AB}국어？";
        assert_eq!(normalize(decomposed), "한국어?");
        assert_eq!(normalize("“OK”\u{200B}입니다"), "\"ok\"입니다");
    }

    #[test]
    fn compatibility_jamo_survive_normalization() {
        assert_eq!(normalize("ㅅㅂ"), "ㅅㅂ");
    }

    #[test]
    fn jamo_helpers() {
        assert_eq!(jongseong('합'), Some('ㅂ'));
        assert_eq!(jongseong('하'), None);
        assert_eq!(jongseong('했'), Some('ㅆ'));
        assert_eq!(choseong('씨'), Some('ㅆ'));
        assert_eq!(open_syllable('했'), '해');
        assert!(is_compat_consonant('ㅂ'));
        assert!(!is_compat_consonant('ㅏ'));
        assert_eq!(compose('ㅂ', 'ㅏ', Some('ㄹ')), Some('발'));
        assert_eq!(compose('ㅅ', 'ㅣ', None), Some('시'));
        assert_eq!(compose('ㄸ', 'ㅏ', Some('ㄸ')), None);
        assert_eq!(compose('ㅏ', 'ㅏ', None), None);
        assert_eq!(jungseong('씨'), Some('ㅣ'));
        assert_eq!(jungseong('했'), Some('ㅐ'));
        assert_eq!(jungseong('ㅋ'), None);
    }

    #[test]
    fn squash_maps_back_to_source() {
        let src = "죄송 합니다, 정말.";
        let sq = Squashed::new(src);
        assert_eq!(sq.text, "죄송합니다정말");
        let pos = sq.text.find("합니다").unwrap();
        assert_eq!(&src[sq.source_offset(pos, src.len())..], "합니다, 정말.");
        assert_eq!(sq.word_at(0), Some(0));
        assert_eq!(sq.word_at(pos), Some(1));
        assert_eq!(sq.word_at(sq.text.find("정말").unwrap()), Some(2));
        assert_eq!(sq.word_ending_at(pos), Some(0));
        assert!(sq.word_spans[1].punct_after);
        assert!(!sq.word_spans[0].punct_after);
    }
}
