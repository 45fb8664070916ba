//! Sentence splitting for typed Korean: punctuation, line breaks, and sentence-final endings
//! typed without punctuation (`안녕하십니까 교통조사계입니다`).

use std::ops::Range;

use super::speech::{SpeechClassifier, SpeechLevel};
use super::text::{is_hangul, is_word_char};

fn is_terminal_punct(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…' | '。' | '？' | '！' | '~' | '‥')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '」' | '』' | '”' | '’')
}

/// Byte ranges of the sentences of `text`, trimmed, in order, none empty.
pub fn split(text: &str, speech: &SpeechClassifier) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if c == '\n' || c == '\r' {
            push(text, start..pos, &mut out);
            start = pos + c.len_utf8();
            i += 1;
            continue;
        }
        if is_terminal_punct(c) {
            // A decimal point or a period inside a number does not end a sentence.
            let prev_digit = i > 0 && chars[i - 1].1.is_ascii_digit();
            let next_digit = chars.get(i + 1).is_some_and(|(_, n)| n.is_ascii_digit());
            if c == '.' && prev_digit && next_digit {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < chars.len() && (is_terminal_punct(chars[j].1) || is_closing(chars[j].1)) {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |&(p, _)| p);
            // Punctuation typed without a space between two Hangul words also ends a sentence
            // (`알겠어..근데`, `네.감사합니다`); between other chars it may be an abbreviation.
            let between_hangul = i > 0
                && is_hangul(chars[i - 1].1)
                && chars.get(j).is_some_and(|&(_, n)| is_hangul(n));
            if j == chars.len() || chars[j].1.is_whitespace() || between_hangul {
                push(text, start..end, &mut out);
                start = end;
            }
            i = j;
            continue;
        }
        if c.is_whitespace() {
            // A word with a sentence-final ending, followed by more words, ends a sentence.
            let word_start = text[start..pos]
                .char_indices()
                .rfind(|(_, ch)| ch.is_whitespace())
                .map_or(start, |(w, ch)| start + w + ch.len_utf8());
            let word = &text[word_start..pos];
            let more = text[pos..].trim_start();
            if !word.is_empty()
                && !more.is_empty()
                && !more.starts_with(is_terminal_punct)
                && speech.is_terminal_word(word)
            {
                push(text, start..pos, &mut out);
                start = pos;
            }
        }
        i += 1;
    }
    push(text, start..text.len(), &mut out);
    join_afterthoughts(text, speech, out)
}

/// A clause that only ends in a connective ending is not a sentence of its own when it leans
/// on a 존댓말 sentence: typed after one, it is an afterthought of it (`잘 모르겠어요. 해 본 적이
/// 없어서.`); trailing off before one, it is the start of it (`확인해 보니까... 찍혀 있었습니다.`).
/// Either way the two are one sentence.
fn join_afterthoughts(
    text: &str,
    speech: &SpeechClassifier,
    ranges: Vec<Range<usize>>,
) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    // The last sentence pushed trails off on a connective ending.
    let mut trailing = false;
    for r in ranges {
        if let Some(prev) = out.last_mut() {
            let joins = if trailing {
                speech.classify(&text[r.clone()]) == SpeechLevel::Formal
            } else {
                speech.is_afterthought(&text[r.clone()])
                    && speech.classify(&text[prev.clone()]) == SpeechLevel::Formal
            };
            if joins {
                prev.end = r.end;
                trailing = false;
                continue;
            }
        }
        trailing = speech.trails_off(&text[r.clone()]);
        out.push(r);
    }
    out
}

fn push(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[range.clone()];
    let trimmed_start = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if trimmed.chars().any(is_word_char) {
        let begin = range.start + trimmed_start;
        out.push(begin..begin + trimmed.len());
    } else if let Some(last) = out.last_mut() {
        // Stray punctuation ("...", "?!") belongs to the sentence before it.
        if !trimmed.is_empty() {
            last.end = range.start + trimmed_start + trimmed.len();
        }
    }
}
