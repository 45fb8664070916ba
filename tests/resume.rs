//! A session saved at any turn and resumed plays on exactly as if it had never stopped: the
//! state that changes is apart from the scenario and survives a round trip through JSON.

use std::path::Path;

use minwon::engine::{ResumeError, Session, SessionState};
use minwon::library::{Library, Origin};
use minwon::model::Transcript;
use minwon::scoring::{Scorecard, score};

fn finish(mut s: Session, turns: &[minwon::model::TraineeTurn]) -> (SessionState, Scorecard) {
    for t in turns {
        if s.respond(t.clone()).is_none() {
            break;
        }
    }
    if !s.is_over() {
        s.end_by_trainee();
    }
    (s.state(), score(&s))
}

#[test]
fn every_golden_transcript_resumes_at_every_turn() {
    let lib = Library::builtin();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let mut checked = 0;
    for entry in lib.scenarios.iter().filter(|e| e.origin == Origin::Builtin) {
        let id = &entry.scenario.id;
        let Ok(files) = std::fs::read_dir(root.join(id)) else {
            panic!("no transcripts for {id}");
        };
        for file in files.flatten() {
            let text = std::fs::read_to_string(file.path()).expect("transcript");
            let t = Transcript::parse(&text).expect("transcript parses");
            let seed = 7;
            let whole = finish(entry.start(seed), &t.turns);
            for k in 0..=t.turns.len() {
                let mut s = entry.start(seed);
                let mut stopped = false;
                for turn in &t.turns[..k] {
                    if s.respond(turn.clone()).is_none() {
                        stopped = true;
                        break;
                    }
                }
                if stopped {
                    break;
                }
                let json = serde_json::to_string(&s.state()).expect("state serialises");
                let state: SessionState = serde_json::from_str(&json).expect("state parses");
                let resumed =
                    Session::resume(entry.compiled.clone(), state).expect("state resumes");
                let again = finish(resumed, &t.turns[k..]);
                assert!(
                    again == whole,
                    "{id}/{}: resumed after turn {k} differs",
                    file.path().display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "only {checked} resume points checked");
}

#[test]
fn a_state_that_does_not_fit_is_refused_with_a_reason() {
    let lib = Library::builtin();
    let a = lib.scenario("hit-and-run-swearing").expect("scenario");
    let b = lib.scenario("victim-family-delay").expect("scenario");
    let state = a.start(1).state();

    let err = Session::resume(b.compiled.clone(), state.clone()).expect_err("other scenario");
    assert!(matches!(err, ResumeError::Scenario { .. }), "{err}");

    let mut json: serde_json::Value = serde_json::to_value(&state).expect("json");
    json["version"] = serde_json::json!(99);
    let old: SessionState = serde_json::from_value(json).expect("parses");
    let err = Session::resume(a.compiled.clone(), old).expect_err("other version");
    assert_eq!(err, ResumeError::Version(99));
    assert!(err.to_string().contains("99"));

    let mut json: serde_json::Value = serde_json::to_value(&state).expect("json");
    json["stage"] = serde_json::json!(1000);
    let odd: SessionState = serde_json::from_value(json).expect("parses");
    assert_eq!(
        Session::resume(a.compiled.clone(), odd).expect_err("stage"),
        ResumeError::Mismatch
    );
}
