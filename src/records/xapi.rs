//! xAPI 1.0.3 statements for finished sessions (our own serde types: the Rust xAPI crates
//! are GPL).
//!
//! Each finished session gives **two** statements, both with client-made ids (UUID v5 of the
//! session id and the verb), so sending again is harmless:
//!
//! 1. `completed` — `result.completion: true`, the score and the duration;
//! 2. `passed` or `failed` against the station's pass mark — `result.success`, the same score.
//!
//! Two statements rather than one `passed`/`failed` with `completion`, because LMS reports
//! count completions and pass rates from different verbs. The actor is an `account` (homePage
//! of the station, name = the trainee ID; no real name leaves the station); the object is
//! `urn:minwon:scenario:<id>`, an `http://adlnet.gov/expapi/activities/simulation` with its
//! Korean title; `context.registration` is the session id. The checklist outcome (items met
//! and missed, violations, outcome, grade) is in the result extension [`EXT_CHECKLIST`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Record, Status};

pub const VERSION: &str = "1.0.3";
pub const VERB_COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
pub const VERB_PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
pub const VERB_FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";
pub const ACTIVITY_SIMULATION: &str = "http://adlnet.gov/expapi/activities/simulation";
/// Result extension: the checklist outcome of the session.
pub const EXT_CHECKLIST: &str = "urn:minwon:xapi:checklist";
/// Context extension: practice or evaluation.
pub const EXT_MODE: &str = "urn:minwon:xapi:mode";

/// The LRS and how statements are made for it (the app's settings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct XapiSettings {
    /// The LRS's xAPI endpoint, e.g. `https://lrs.example.go.kr/xAPI/`.
    pub endpoint: String,
    /// Basic-auth key and secret.
    pub key: String,
    pub secret: String,
    /// The station's home page: the `account.homePage` of its trainees.
    pub home_page: String,
    /// The total (0–100) at or above which a session is `passed`.
    pub pass_mark: u32,
}

impl Default for XapiSettings {
    fn default() -> Self {
        XapiSettings {
            endpoint: String::new(),
            key: String::new(),
            secret: String::new(),
            home_page: "urn:minwon:station".into(),
            pass_mark: 70,
        }
    }
}

pub type LanguageMap = BTreeMap<String, String>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub id: Uuid,
    pub actor: Agent,
    pub verb: Verb,
    pub object: Activity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<XResult>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    /// ISO 8601 (RFC 3339) time of the experience.
    pub timestamp: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agent {
    #[serde(rename = "objectType")]
    pub object_type: String,
    pub account: Account,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    #[serde(rename = "homePage")]
    pub home_page: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verb {
    pub id: String,
    pub display: LanguageMap,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    #[serde(rename = "objectType")]
    pub object_type: String,
    pub id: String,
    pub definition: ActivityDefinition,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityDefinition {
    pub name: LanguageMap,
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct XResult {
    pub score: Score,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion: Option<bool>,
    /// ISO 8601 duration (`PT12M3.5S`).
    pub duration: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extensions: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub scaled: f64,
    pub raw: f64,
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Context {
    pub registration: Uuid,
    pub platform: String,
    pub language: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extensions: BTreeMap<String, serde_json::Value>,
}

/// An ISO 8601 duration of seconds, to the hundredth (`PT1H2M3.25S`).
pub fn iso_duration(seconds: f64) -> String {
    let centis = (seconds.max(0.0) * 100.0).round() as u64;
    let (h, rest) = (centis / 360_000, centis % 360_000);
    let (m, c) = (rest / 6000, rest % 6000);
    let mut s = String::from("PT");
    if h > 0 {
        s.push_str(&format!("{h}H"));
    }
    if m > 0 {
        s.push_str(&format!("{m}M"));
    }
    if c % 100 == 0 {
        s.push_str(&format!("{}S", c / 100));
    } else {
        s.push_str(&format!("{}.{:02}S", c / 100, c % 100));
    }
    s
}

/// The statement id of a session and verb: the same every time it is made.
pub fn statement_id(session: Uuid, verb: &str) -> Uuid {
    Uuid::new_v5(&session, verb.as_bytes())
}

fn lang(ko: &str, en: &str) -> LanguageMap {
    BTreeMap::from([
        ("ko-KR".to_owned(), ko.to_owned()),
        ("en-US".to_owned(), en.to_owned()),
    ])
}

/// The statements of a finished record (none for an abandoned one).
pub fn statements(record: &Record, settings: &XapiSettings) -> Vec<Statement> {
    let Some(card) = record
        .end
        .scorecard
        .as_ref()
        .filter(|_| record.end.status == Status::Finished)
    else {
        return Vec::new();
    };
    let h = &record.header;
    let passed = card.total >= settings.pass_mark;
    let checklist = serde_json::json!({
        "total": card.total,
        "grade": card.grade,
        "outcome": card.outcome.id(),
        "pass_mark": settings.pass_mark,
        "met": card.items.iter().filter(|i| i.met).map(|i| &i.id).collect::<Vec<_>>(),
        "missed": card.items.iter().filter(|i| i.applicable && !i.met).map(|i| &i.id).collect::<Vec<_>>(),
        "violations": card.violations.iter().map(|v| serde_json::json!({"id": v.id, "turn": v.turn})).collect::<Vec<_>>(),
        "ladder_faults": card.ladder.len(),
        "checklist": h.checklist,
        "scenario_hash": h.scenario_hash,
    });
    let result = |success: Option<bool>, completion: Option<bool>| XResult {
        score: Score {
            scaled: f64::from(card.total.min(100)) / 100.0,
            raw: f64::from(card.total.min(100)),
            min: 0.0,
            max: 100.0,
        },
        success,
        completion,
        duration: iso_duration(record.end.duration_secs),
        extensions: BTreeMap::from([(EXT_CHECKLIST.to_owned(), checklist.clone())]),
    };
    let make = |verb: &str, ko: &str, en: &str, result: XResult| Statement {
        id: statement_id(h.id, verb),
        actor: Agent {
            object_type: "Agent".into(),
            account: Account {
                home_page: settings.home_page.clone(),
                name: h.trainee.id.clone(),
            },
        },
        verb: Verb {
            id: verb.to_owned(),
            display: lang(ko, en),
        },
        object: Activity {
            object_type: "Activity".into(),
            id: format!("urn:minwon:scenario:{}", h.scenario),
            definition: ActivityDefinition {
                name: BTreeMap::from([("ko-KR".to_owned(), h.title.clone())]),
                kind: ACTIVITY_SIMULATION.to_owned(),
            },
        },
        result: Some(result),
        context: Some(Context {
            registration: h.id,
            platform: "minwon".into(),
            language: "ko-KR".into(),
            extensions: BTreeMap::from([(
                EXT_MODE.to_owned(),
                serde_json::Value::String(
                    match h.mode {
                        super::Mode::Practice => "practice",
                        super::Mode::Evaluation => "evaluation",
                    }
                    .into(),
                ),
            )]),
        }),
        timestamp: record
            .end
            .ended_at
            .strftime("%Y-%m-%dT%H:%M:%S%.3fZ")
            .to_string(),
    };
    let (verb, ko, en) = if passed {
        (VERB_PASSED, "통과", "passed")
    } else {
        (VERB_FAILED, "미통과", "failed")
    };
    vec![
        make(
            VERB_COMPLETED,
            "완료",
            "completed",
            result(None, Some(true)),
        ),
        make(verb, ko, en, result(Some(passed), Some(true))),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_iso_8601() {
        assert_eq!(iso_duration(0.0), "PT0S");
        assert_eq!(iso_duration(59.5), "PT59.50S");
        assert_eq!(iso_duration(754.0), "PT12M34S");
        assert_eq!(iso_duration(3723.25), "PT1H2M3.25S");
        assert_eq!(iso_duration(-3.0), "PT0S");
    }

    #[test]
    fn statement_ids_are_the_same_each_time_and_differ_by_verb() {
        let s = Uuid::new_v4();
        assert_eq!(
            statement_id(s, VERB_COMPLETED),
            statement_id(s, VERB_COMPLETED)
        );
        assert_ne!(
            statement_id(s, VERB_COMPLETED),
            statement_id(s, VERB_PASSED)
        );
        assert_ne!(
            statement_id(s, VERB_COMPLETED),
            statement_id(Uuid::new_v4(), VERB_COMPLETED)
        );
    }
}
