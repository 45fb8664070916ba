//! Cue patterns: short Korean phrases that show an item or a violation, matched so that spacing
//! does not matter and negated, reported or hedged uses do not count.
//!
//! Syntax (see `docs/scenario-format.md`):
//! - `죄송합니다` matches anywhere in a sentence, ignoring spaces and punctuation
//!   (`죄송 합니다`, `죄송합니다!`). Write the stem to accept every ending: `놀라셨`.
//! - `^네` only at the start of a sentence; `말씀하십시오$` only at its end.
//! - `<의자` only at the start of a word (not inside `피의자`).
//! - `기다리~죄송` the two parts in order with up to 10 letters between them.
//! - `놀라시+` the last letter may also carry a final consonant (`놀라신`, `놀라실`, `놀라십니다`):
//!   the honorific or future form of a stem.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::speech::Endings;
use super::text::{Squashed, is_syllable, jongseong, normalize, open_syllable};
use crate::model::lexicon::CueGuards;
use crate::model::validate::Finding;
use crate::model::{Checklist, Scenario};

/// The cue patterns of a list that do not parse, as findings placed at the pattern.
fn check(owner: &str, cues: &[String], out: &mut Vec<Finding>) {
    for c in cues {
        if let Err(e) = Cue::parse(c) {
            out.push(Finding::error(
                format!("{owner}: {e}"),
                Some(format!("{c:?}")),
            ));
        }
    }
}

/// Every cue pattern of a checklist that does not parse.
pub fn check_checklist(c: &Checklist) -> Vec<Finding> {
    let mut out = Vec::new();
    for item in &c.items {
        check(&format!("항목 \"{}\"", item.id), &item.cues, &mut out);
    }
    for v in &c.violations {
        check(&format!("위반 \"{}\"", v.id), &v.cues, &mut out);
    }
    for s in &c.ladder {
        check(&format!("단계 {:?}", s.rung), &s.cues, &mut out);
    }
    out
}

/// Every cue pattern of a scenario (its own cues and its facts' questions) that does not parse.
pub fn check_scenario(s: &Scenario) -> Vec<Finding> {
    let mut out = Vec::new();
    for (id, cues) in &s.cues {
        check(&format!("cues \"{id}\""), cues, &mut out);
    }
    for f in &s.facts {
        check(&format!("사실 \"{}\"", f.id), &f.asks, &mut out);
    }
    out
}

/// Letters allowed between the parts of a `~` pattern.
pub const GAP: usize = 10;

/// A cue pattern that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CueError {
    #[error("빈 단서입니다 (글자가 없습니다)")]
    Empty,
    #[error("단서 \"{0}\"의 `~` 앞이나 뒤에 글자가 없습니다")]
    EmptyPart(String),
    #[error("단서 \"{0}\"에서 `^`와 `<`는 맨 앞에, `+`와 `$`는 맨 끝에만 쓸 수 있습니다")]
    MisplacedAnchor(String),
    #[error(
        "단서 \"{0}\"의 `+`는 두 글자 이상이고 받침 없는 한글 글자로 끝나는 단서 뒤에만 씁니다 (예: 놀라시+)"
    )]
    BadFlex(String),
}

/// A parsed cue pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// The pattern as written.
    pub source: String,
    /// Squashed literal parts, in order (more than one with `~`).
    parts: Vec<String>,
    at_start: bool,
    at_end: bool,
    word_start: bool,
    /// With `+`: the cue's last syllable (removed from the last part), which may take a final.
    flex: Option<char>,
}

impl Cue {
    pub fn parse(pattern: &str) -> Result<Cue, CueError> {
        let trimmed = pattern.trim();
        let (at_start, rest) = match trimmed.strip_prefix('^') {
            Some(r) => (true, r),
            None => (false, trimmed),
        };
        let (at_end, rest) = match rest.strip_suffix('$') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let (flexible, rest) = match rest.trim_end().strip_suffix('+') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let (word_start, body) = match rest.trim_start().strip_prefix('<') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        if body.contains(['^', '$', '<', '+']) {
            return Err(CueError::MisplacedAnchor(pattern.to_owned()));
        }
        let raw_parts: Vec<&str> = body.split('~').collect();
        let mut parts = Vec::with_capacity(raw_parts.len());
        for p in &raw_parts {
            let squashed = Squashed::new(&normalize(p)).text;
            if squashed.is_empty() {
                if raw_parts.len() == 1 {
                    return Err(CueError::Empty);
                }
                return Err(CueError::EmptyPart(pattern.to_owned()));
            }
            parts.push(squashed);
        }
        let mut flex = None;
        if flexible {
            let last = parts.last_mut().and_then(|p| p.pop());
            match last {
                Some(c)
                    if is_syllable(c)
                        && jongseong(c).is_none()
                        && parts.last().is_some_and(|p| !p.is_empty()) =>
                {
                    flex = Some(c);
                }
                _ => return Err(CueError::BadFlex(pattern.to_owned())),
            }
        }
        Ok(Cue {
            source: pattern.to_owned(),
            parts,
            at_start,
            at_end,
            word_start,
            flex,
        })
    }

    /// If the cue matches at `start` (where its first part was found), the end of the match.
    fn extend(&self, sq: &Squashed, start: usize) -> Option<usize> {
        let text = sq.text.as_str();
        if self.at_start && start != 0 {
            return None;
        }
        if self.word_start && !sq.word_spans.iter().any(|w| w.start == start) {
            return None;
        }
        let mut end = start + self.parts[0].len();
        for part in &self.parts[1..] {
            let window_end = text[end..]
                .char_indices()
                .nth(GAP + part.chars().count())
                .map_or(text.len(), |(i, _)| end + i);
            let found = text[end..window_end].find(part.as_str())?;
            end += found + part.len();
        }
        if let Some(flex) = self.flex {
            let next = text[end..].chars().next()?;
            if open_syllable(next) != flex {
                return None;
            }
            end += next.len_utf8();
        }
        if self.at_end && end != text.len() {
            return None;
        }
        Some(end)
    }
}

/// A match of a cue in one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueMatch {
    /// The key the cue was registered with.
    pub key: usize,
    /// The index of the cue in the set.
    pub cue: usize,
}

/// Which guards apply to a cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuardMode {
    /// Credit (items, rungs): negation, reported speech, hedges and conditionals block it.
    Credit,
    /// A fault (violations): negation, reported speech and someone else's label block it.
    Fault,
    /// A question for a fact: anything that mentions it counts.
    Question,
}

/// Words of the scope after a cue that negation looks at.
const NEGATION_SCOPE: usize = 3;

/// The guard rules, compiled.
#[derive(Debug)]
pub struct Guards {
    /// Negation inside a word, as one automaton.
    negators: Option<AhoCorasick>,
    negator_words: Vec<String>,
    quotatives: Endings,
    hedge_particles: Vec<String>,
    hedge_endings: Endings,
    clause_endings: Endings,
    not_negation: Vec<String>,
    labels: Vec<String>,
    conditionals: Endings,
}

impl Guards {
    pub fn new(lexicon: &CueGuards) -> Guards {
        Guards {
            negators: AhoCorasick::new(lexicon.negators.iter().filter(|n| !n.is_empty())).ok(),
            negator_words: lexicon.negator_words.clone(),
            quotatives: Endings::new(&lexicon.quotatives),
            hedge_particles: lexicon.hedge_particles.clone(),
            hedge_endings: Endings::new(&lexicon.hedge_endings),
            clause_endings: Endings::new(&lexicon.clause_endings),
            not_negation: lexicon.not_negation.clone(),
            labels: lexicon.labels.clone(),
            conditionals: Endings::new(&lexicon.conditionals),
        }
    }

    /// True when the match `start..end` of a squashed sentence must not count.
    fn blocks(
        &self,
        sq: &Squashed,
        source: &str,
        start: usize,
        end: usize,
        mode: GuardMode,
    ) -> bool {
        if mode == GuardMode::Question {
            return false;
        }
        let Some(w) = sq.word_ending_at(end) else {
            return false;
        };
        let words = &sq.word_spans;
        let tail = &sq.text[end..words[w].end];

        // Inside quotation marks, double or single ('보험사에 물어보라'는 말).
        let src_start = sq.source_offset(start, source.len());
        let before = &source[..src_start];
        if before.matches('"').count() % 2 == 1 || before.matches('\'').count() % 2 == 1 {
            return true;
        }

        // Reported speech: the cue's word ends in a quotative ending (가시라는, 죄송하다고).
        let this_word = sq.word_chars(w);
        if !tail.is_empty() && self.quotatives.longest(this_word) > 0 {
            return true;
        }

        if mode == GuardMode::Credit {
            // A condition is not the thing itself: `억울하시면`.
            if !tail.is_empty() && self.conditionals.longest(this_word) > 0 {
                return true;
            }
            // Hedge: `공감은 하는데`, `이해는 합니다만`.
            if self.hedge_particles.iter().any(|p| p == tail) && w + 1 < words.len() {
                let next = sq.word_chars(w + 1);
                if matches!(
                    next.first(),
                    Some('하' | '되' | '드' | '합' | '해' | '했' | '됩' | '된')
                ) && self.hedge_endings.longest(next) > 0
                {
                    return true;
                }
            }
        }

        // The rest of the clause: the tail of the word and a few more words.
        let mut scope: Vec<&str> = vec![tail];
        let mut clause_open = !words[w].punct_after
            && (tail.is_empty() || self.clause_endings.longest(this_word) == 0);
        let mut i = w + 1;
        let mut negated = false;
        while clause_open && i < words.len() && i <= w + NEGATION_SCOPE {
            let word = &sq.text[words[i].start..words[i].end];
            negated |= self.negator_words.iter().any(|n| n == word);
            scope.push(word);
            clause_open =
                !words[i].punct_after && self.clause_endings.longest(sq.word_chars(i)) == 0;
            i += 1;
        }
        if mode == GuardMode::Fault
            && scope[1..]
                .iter()
                .any(|s| self.labels.iter().any(|l| s.starts_with(l.as_str())))
        {
            return true;
        }
        let negates = |s: &str| self.negators.as_ref().is_some_and(|ac| ac.is_match(s));
        negated |= scope.iter().any(|s| negates(s));
        // A fault disclaimed at the end of the sentence: `보험사기로 의심해서 여쭙는 게 아닙니다.`
        if mode == GuardMode::Fault && w + 1 < words.len() {
            let last = &words[words.len() - 1];
            negated |= negates(&sq.text[last.start..last.end]);
        }
        if !negated {
            return false;
        }
        // `수밖에 없다` affirms; a negative question (`힘드시지 않으세요?`, `보험사기 아니에요?`)
        // asks or accuses rather than denies.
        let affirms = scope
            .iter()
            .any(|s| self.not_negation.iter().any(|n| s.contains(n.as_str())));
        let question = source.trim_end().ends_with(['?', '？']);
        !(affirms || question)
    }
}

/// Many cues, each with a key, compiled into one automaton.
#[derive(Debug)]
pub struct CueSet {
    cues: Vec<Cue>,
    keys: Vec<usize>,
    automaton: Option<AhoCorasick>,
}

impl CueSet {
    /// Builds a set from `(key, pattern)` pairs; patterns that do not parse are returned as errors.
    pub fn new<'a>(
        entries: impl IntoIterator<Item = (usize, &'a str)>,
    ) -> (CueSet, Vec<(usize, CueError)>) {
        let mut cues = Vec::new();
        let mut keys = Vec::new();
        let mut errors = Vec::new();
        for (key, pattern) in entries {
            match Cue::parse(pattern) {
                Ok(c) => {
                    cues.push(c);
                    keys.push(key);
                }
                Err(e) => errors.push((key, e)),
            }
        }
        let automaton = if cues.is_empty() {
            None
        } else {
            // A contiguous NFA builds in a fraction of a DFA's time (a session builds one per
            // scenario) and searches short sentences about as fast.
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(cues.iter().map(|c| c.parts[0].as_str()))
                .ok()
        };
        (
            CueSet {
                cues,
                keys,
                automaton,
            },
            errors,
        )
    }

    pub fn len(&self) -> usize {
        self.cues.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cues.is_empty()
    }

    pub fn cue(&self, index: usize) -> &Cue {
        &self.cues[index]
    }

    /// Every unguarded match in a sentence (normalised `source` and its squashed form),
    /// at most one per key, in order of position.
    /// `mode` tells, for each key, which guards apply.
    pub fn find(
        &self,
        source: &str,
        sq: &Squashed,
        guards: &Guards,
        mode: impl Fn(usize) -> GuardMode,
    ) -> Vec<CueMatch> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let mut found: Vec<CueMatch> = Vec::new();
        for m in ac.find_overlapping_iter(&sq.text) {
            let cue_index = m.pattern().as_usize();
            let key = self.keys[cue_index];
            if found.iter().any(|f| f.key == key) {
                continue;
            }
            let cue = &self.cues[cue_index];
            let Some(end) = cue.extend(sq, m.start()) else {
                continue;
            };
            if guards.blocks(sq, source, m.start(), end, mode(key)) {
                continue;
            }
            found.push(CueMatch {
                key,
                cue: cue_index,
            });
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_cues_are_errors_where_they_are_written() {
        let text = include_str!("../../scenarios/checklist.ron");
        let mut c: Checklist = ron::from_str(text).expect("built-in checklist");
        assert!(check_checklist(&c).is_empty());
        c.items[0].cues.push("~죄송".into());
        c.violations[0].cues.push("죄^송".into());
        let found = check_checklist(&c);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].needle.as_deref(), Some("\"~죄송\""));
        assert!(found[1].message.contains("위반"), "{}", found[1].message);
    }

    #[test]
    fn parse_anchors_and_gaps() {
        let c = Cue::parse("^기다리 ~ 죄송$").unwrap();
        assert!(c.at_start && c.at_end);
        assert_eq!(c.parts, vec!["기다리", "죄송"]);
        assert_eq!(Cue::parse("  "), Err(CueError::Empty));
        assert!(matches!(Cue::parse("~죄송"), Err(CueError::EmptyPart(_))));
        assert!(matches!(
            Cue::parse("죄^송"),
            Err(CueError::MisplacedAnchor(_))
        ));
    }

    #[test]
    fn gap_is_bounded() {
        let c = Cue::parse("기다리~죄송").unwrap();
        let near = Squashed::new("기다리시게 해서 죄송합니다");
        assert!(c.extend(&near, 0).is_some());
        let far = Squashed::new("기다리는 동안 여러 가지 서류를 모두 확인하였으며 죄송");
        assert!(c.extend(&far, 0).is_none());
    }

    #[test]
    fn flexible_last_syllable() {
        let c = Cue::parse("놀라시+").unwrap();
        for text in [
            "많이 놀라신 것 같습니다",
            "놀라실 만합니다",
            "놀라십니다",
            "놀라시죠",
        ] {
            let sq = Squashed::new(text);
            let start = sq.text.find("놀라").unwrap();
            assert!(c.extend(&sq, start).is_some(), "{text}");
        }
        assert!(c.extend(&Squashed::new("놀라운 일"), 0).is_none());
        assert!(matches!(Cue::parse("신+"), Err(CueError::BadFlex(_))));
        assert!(matches!(Cue::parse("놀랐+"), Err(CueError::BadFlex(_))));
        assert!(matches!(
            Cue::parse("놀+라"),
            Err(CueError::MisplacedAnchor(_))
        ));
    }

    #[test]
    fn word_start_anchor() {
        let c = Cue::parse("<의자").unwrap();
        let inside = Squashed::new("피의자 조사");
        assert!(c.extend(&inside, "피".len()).is_none());
        let own = Squashed::new("이 의자에 앉으세요");
        assert!(c.extend(&own, "이".len()).is_some());
    }
}
