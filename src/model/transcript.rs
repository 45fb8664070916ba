//! Trainee turns: typed text with leading `[action]` tokens, and transcript files of them.

use serde::{Deserialize, Serialize};

use super::Action;

/// One trainee turn: the buttons pressed and the text typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraineeTurn {
    pub actions: Vec<Action>,
    pub text: String,
}

impl TraineeTurn {
    pub fn new(text: impl Into<String>) -> Self {
        TraineeTurn {
            actions: Vec::new(),
            text: text.into(),
        }
    }

    pub fn with_actions(
        actions: impl IntoIterator<Item = Action>,
        text: impl Into<String>,
    ) -> Self {
        TraineeTurn {
            actions: actions.into_iter().collect(),
            text: text.into(),
        }
    }

    /// Splits leading `[action]` tokens off a line. A bracketed word that is not a known action
    /// stops the scan and stays part of the text; it is returned in the error list.
    pub fn parse(line: &str) -> (TraineeTurn, Vec<String>) {
        let mut actions = Vec::new();
        let mut unknown = Vec::new();
        let mut rest = line.trim_start_matches('\u{feff}').trim();
        while let Some(inner) = rest.strip_prefix('[') {
            let Some(close) = inner.find(']') else { break };
            let token = inner[..close].trim();
            match Action::from_id(token) {
                Some(action) => {
                    if !actions.contains(&action) {
                        actions.push(action);
                    }
                    rest = inner[close + 1..].trim_start();
                }
                None => {
                    unknown.push(token.to_owned());
                    break;
                }
            }
        }
        (
            TraineeTurn {
                actions,
                text: rest.trim_end().to_owned(),
            },
            unknown,
        )
    }

    pub fn is_empty(&self) -> bool {
        self.actions.is_empty() && self.text.trim().is_empty()
    }

    /// The turn as a transcript line (`[bow] 안녕하십니까.`).
    pub fn to_line(&self) -> String {
        let mut s = String::new();
        for a in &self.actions {
            s.push_str(&a.to_string());
            s.push(' ');
        }
        s.push_str(&self.text);
        s.trim_end().to_owned()
    }
}

/// A problem in a transcript file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{col}: {message}")]
pub struct TranscriptError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

/// A transcript file: one trainee turn per non-empty line; lines starting with `#` are comments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Transcript {
    pub turns: Vec<TraineeTurn>,
}

impl Transcript {
    pub fn parse(text: &str) -> Result<Transcript, TranscriptError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut turns = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let (turn, unknown) = TraineeTurn::parse(trimmed);
            if let Some(token) = unknown.first() {
                let col = line
                    .find(&format!("[{token}"))
                    .map_or(1, |b| line[..b].chars().count() + 1);
                return Err(TranscriptError {
                    line: i + 1,
                    col,
                    message: format!(
                        "알 수 없는 동작 [{token}] (쓸 수 있는 동작: {})",
                        Action::ALL.map(|a| a.id()).join(", ")
                    ),
                });
            }
            turns.push(turn);
        }
        Ok(Transcript { turns })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_actions_are_split_off() {
        let (t, unknown) = TraineeTurn::parse("[bow] [offer_seat]  안녕하십니까. 앉으십시오.");
        assert_eq!(t.actions, vec![Action::Bow, Action::OfferSeat]);
        assert_eq!(t.text, "안녕하십니까. 앉으십시오.");
        assert!(unknown.is_empty());
    }

    #[test]
    fn brackets_inside_text_stay_text() {
        let (t, _) = TraineeTurn::parse("진술서에 [서명]해 주시면 됩니다 [bow]");
        assert!(t.actions.is_empty());
        assert_eq!(t.text, "진술서에 [서명]해 주시면 됩니다 [bow]");
    }

    #[test]
    fn action_only_turn() {
        let (t, _) = TraineeTurn::parse("[escort]");
        assert_eq!(t.actions, vec![Action::Escort]);
        assert_eq!(t.text, "");
        assert!(!t.is_empty());
    }

    #[test]
    fn transcript_skips_comments_and_blank_lines() {
        let t = Transcript::parse(
            "\u{feff}# 모범 답안\n\n[bow] 안녕하십니까.\n  \n네, 말씀하십시오.\n",
        )
        .unwrap();
        assert_eq!(t.turns.len(), 2);
        assert_eq!(t.turns[0].actions, vec![Action::Bow]);
        assert_eq!(t.turns[1].text, "네, 말씀하십시오.");
    }

    #[test]
    fn unknown_action_is_reported_with_position() {
        let err = Transcript::parse("[bow] 안녕하십니까\n  [wave] 네").unwrap_err();
        assert_eq!((err.line, err.col), (2, 3));
        assert!(err.message.contains("[wave]"), "{}", err.message);
    }

    #[test]
    fn to_line_round_trips() {
        let turn = TraineeTurn::with_actions([Action::Bow, Action::GiveCard], "반갑습니다.");
        let (back, _) = TraineeTurn::parse(&turn.to_line());
        assert_eq!(back, turn);
    }
}
