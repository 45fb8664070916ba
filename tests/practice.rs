//! The station's signature practice: each built-in practice kept and missed by a transcript,
//! live status while the session goes on, the grade cap and the scorecard, the adherence rate,
//! and station.ron. Played on the fixture scenario (tests/fixtures/lost-wallet.ron).

use std::path::Path;

use minwon::engine::Session;
use minwon::library::Library;
use minwon::model::{Channel, Transcript};
use minwon::practice::{self, Practice, PracticeResult, PracticeStatus};
use minwon::scoring::{Grade, score, score_with};
use minwon::station::{self, StationError, StationSettings};

fn library() -> (Library, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lost-wallet.ron");
    Library::with_file(&path).expect("fixture loads")
}

fn play(lib: &Library, id: &str, text: &str) -> Session {
    let mut s = lib.scenario(id).expect("scenario").start(1);
    for turn in Transcript::parse(text).expect("transcript").turns {
        s.respond(turn);
    }
    s
}

fn practice<'a>(lib: &'a Library, id: &str) -> &'a Practice {
    lib.practice(id)
        .unwrap_or_else(|| panic!("built-in practice {id}"))
}

/// A conversation that resolves with an A: the fixture's model answer. Its first and last
/// turns are swapped in by the tests.
const OPENING: &str =
    "[bow] [offer_seat] 안녕하십니까, 지구대 김민수 경장입니다. 이쪽으로 앉으십시오.";
const MIDDLE: &str = "\
네, 그러셨군요. 지갑을 잃어버리셔서 많이 놀라셨겠습니다.
어떻게 된 일인지 말씀해 주시겠습니까? 마지막으로 지갑을 꺼내신 게 어디서였습니까?
버스에서 꺼내신 게 마지막이라는 말씀이시죠? 지갑 안에 소중한 물건이 있었습니까?
오래 기다리시게 해서 죄송합니다. 카드 정지는 하셨습니까?
분실 신고를 접수하고 버스 회사 습득물 센터에도 꼼꼼히 확인해 보겠습니다. 찾으면 문자로 알려 드리겠습니다. 더 궁금하신 점 있으십니까?";
const CLOSING: &str = "[escort] 와 주셔서 감사합니다. 조심히 들어가십시오.";

fn conversation(opening: &str, middle: &str, closing: &str) -> String {
    format!("{opening}\n{middle}\n{closing}\n")
}

fn result(lib: &Library, id: &str, practice_id: &str, text: &str) -> PracticeResult {
    let s = play(lib, id, text);
    practice(lib, practice_id).result(&s)
}

#[test]
fn the_built_in_practices_load_and_check_clean() {
    let lib = Library::builtin();
    let ids: Vec<&str> = lib.practices.iter().map(|p| p.id.as_str()).collect();
    for id in [
        "bow_first",
        "chair_first",
        "escort",
        "listen_first",
        "card_callback",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert!(
        !lib.problems
            .iter()
            .any(|p| p.path.ends_with("practices.ron")),
        "{:?}",
        lib.problems
    );
    for p in &lib.practices {
        assert!(p.briefing().contains(&p.title) && p.briefing().contains(&p.description));
    }
}

#[test]
fn bow_first_needs_the_bow_and_a_spoken_greeting_in_the_first_turn() {
    let (lib, id) = library();
    let kept = conversation(OPENING, MIDDLE, CLOSING);
    let r = result(&lib, &id, "bow_first", &kept);
    assert!(r.applicable && r.kept, "{r:?}");
    assert_eq!(r.evidence.as_ref().map(|e| e.turn), Some(1));
    // Words alone: no bow.
    let words = conversation(
        "안녕하십니까, 지구대 김민수 경장입니다. 이쪽으로 앉으십시오.",
        MIDDLE,
        CLOSING,
    );
    let r = result(&lib, &id, "bow_first", &words);
    assert!(!r.kept, "{r:?}");
    assert!(r.why.contains("첫 응답"), "{}", r.why);
    // The bow alone earns the greeting item, but not the practice: it asks for the words too.
    let bow_only = conversation("[bow] 지구대 김민수 경장입니다.", MIDDLE, CLOSING);
    let s = play(&lib, &id, &bow_only);
    assert!(
        score(&s).items.iter().any(|i| i.id == "greeting" && i.met),
        "the bow earns the greeting item"
    );
    assert!(!practice(&lib, "bow_first").result(&s).kept);
    // A bow on the second turn is late.
    let late = format!(
        "안녕하십니까, 지구대 김민수 경장입니다.\n[bow] 안녕하십니까.\n{MIDDLE}\n{CLOSING}\n"
    );
    assert!(!result(&lib, &id, "bow_first", &late).kept);
}

#[test]
fn chair_first_needs_the_chair_pulled_out_not_an_order_to_sit() {
    let (lib, id) = library();
    let kept = conversation(OPENING, MIDDLE, CLOSING);
    assert!(result(&lib, &id, "chair_first", &kept).kept);
    let ordered = conversation(
        "[bow] 안녕하십니까. 거기 앉으시고 신분증 주세요.",
        MIDDLE,
        CLOSING,
    );
    let r = result(&lib, &id, "chair_first", &ordered);
    assert!(r.applicable && !r.kept, "{r:?}");
}

#[test]
fn escort_needs_the_see_off_in_the_last_turn_not_a_dismissal() {
    let (lib, id) = library();
    let kept = conversation(OPENING, MIDDLE, CLOSING);
    let r = result(&lib, &id, "escort", &kept);
    assert!(r.kept, "{r:?}");
    let dismissed = conversation(OPENING, MIDDLE, "다른 거 없으시죠? 들어가세요.");
    let r = result(&lib, &id, "escort", &dismissed);
    assert!(!r.kept, "{r:?}");
    assert!(r.why.contains("마지막 응답"), "{}", r.why);
}

#[test]
fn listen_first_needs_a_paraphrase_before_any_explanation() {
    let (lib, id) = library();
    let kept = conversation(OPENING, MIDDLE, CLOSING);
    let r = result(&lib, &id, "listen_first", &kept);
    assert!(r.kept, "{r:?}");
    let explained_first = conversation(
        OPENING,
        &format!("분실 신고를 접수하고 습득물 센터에 확인하는 절차로 진행됩니다.\n{MIDDLE}"),
        CLOSING,
    );
    let r = result(&lib, &id, "listen_first", &explained_first);
    assert!(!r.kept, "{r:?}");
    assert_eq!(r.evidence.as_ref().map(|e| e.turn), Some(2), "{r:?}");
    // Never restating what the person said misses it too.
    let no_paraphrase = conversation(OPENING, "네, 그러셨군요. 많이 놀라셨겠습니다.", CLOSING);
    assert!(!result(&lib, &id, "listen_first", &no_paraphrase).kept);
}

#[test]
fn card_callback_needs_the_card_with_a_time_to_call_back() {
    let (lib, id) = library();
    let with_time = conversation(
        OPENING,
        &format!(
            "{MIDDLE}\n[give_card] 제 명함입니다. 내일 오전 10시 전에 제가 먼저 전화드리겠습니다."
        ),
        CLOSING,
    );
    let r = result(&lib, &id, "card_callback", &with_time);
    assert!(r.kept, "{r:?}");
    let no_time = conversation(
        OPENING,
        &format!("{MIDDLE}\n[give_card] 제 명함입니다. 제가 먼저 전화드리겠습니다."),
        CLOSING,
    );
    assert!(!result(&lib, &id, "card_callback", &no_time).kept);
    let no_card = conversation(
        OPENING,
        &format!("{MIDDLE}\n내일 오전 10시 전에 제가 먼저 전화드리겠습니다."),
        CLOSING,
    );
    assert!(!result(&lib, &id, "card_callback", &no_card).kept);
}

#[test]
fn a_missed_practice_caps_the_grade_below_a_and_comes_first() {
    let (lib, id) = library();
    let text = conversation(OPENING, MIDDLE, CLOSING);
    let s = play(&lib, &id, &text);
    let plain = score(&s);
    assert_eq!(
        plain.grade,
        Grade::A,
        "the model answer earns an A: {}",
        plain.total
    );
    assert!(plain.practice.is_none());

    let kept = score_with(&s, Some(practice(&lib, "escort")));
    assert_eq!(kept.grade, Grade::A);
    assert_eq!(kept.total, plain.total);
    assert!(kept.practice.as_ref().is_some_and(|p| p.kept));

    let missed_practice = practice(&lib, "card_callback");
    let missed = score_with(&s, Some(missed_practice));
    assert!(missed.total <= practice::missed_cap(), "{}", missed.total);
    assert_eq!(missed.grade, Grade::B);
    assert_eq!(missed.cap, Grade::A.lowest_total() - 1);
    assert_eq!(missed.breakdown().capped_at, Some(missed.cap));
    let p = missed.practice.as_ref().expect("on the scorecard");
    assert!(p.applicable && !p.kept);
    assert_eq!(p.id, "card_callback");
    assert!(
        missed.tips[0].title.contains(&missed_practice.title),
        "the first tip: {:?}",
        missed.tips
    );
    // Serialised first in the JSON, absent without a practice.
    let json = serde_json::to_string(&missed).expect("json");
    assert!(json.starts_with("{\"practice\":"), "{json}");
    let plain_json = serde_json::to_value(&plain).expect("json");
    assert!(plain_json.get("practice").is_none());
    // A scorecard and its practice come back from JSON as they were (records keep them).
    let back: minwon::scoring::Scorecard = serde_json::from_str(&json).expect("read back");
    assert_eq!(back, missed);
}

#[test]
fn status_is_pending_until_the_turn_it_looks_at_has_come() {
    let (lib, id) = library();
    let entry = lib.scenario(&id).expect("scenario");
    let bow = practice(&lib, "bow_first");
    let escort = practice(&lib, "escort");
    let listen = practice(&lib, "listen_first");
    let mut s = entry.start(3);
    assert_eq!(bow.status(&s), PracticeStatus::Pending);
    let turns = Transcript::parse(&conversation(OPENING, MIDDLE, CLOSING))
        .expect("transcript")
        .turns;
    s.respond(turns[0].clone());
    assert_eq!(bow.status(&s), PracticeStatus::Kept);
    assert_eq!(escort.status(&s), PracticeStatus::Pending);
    assert_eq!(listen.status(&s), PracticeStatus::Pending);
    for t in &turns[1..turns.len() - 1] {
        s.respond(t.clone());
    }
    assert_eq!(listen.status(&s), PracticeStatus::Kept);
    assert_eq!(escort.status(&s), PracticeStatus::Pending, "not over yet");
    s.respond(turns[turns.len() - 1].clone());
    assert!(s.is_over());
    assert_eq!(escort.status(&s), PracticeStatus::Kept);

    let mut s = entry.start(3);
    s.respond(Transcript::parse("안녕하십니까.").expect("t").turns[0].clone());
    assert_eq!(bow.status(&s), PracticeStatus::Missed);
    s.end_by_trainee();
    assert_eq!(escort.status(&s), PracticeStatus::Missed);
}

#[test]
fn a_physical_practice_does_not_apply_on_the_telephone() {
    let (lib, id) = library();
    let phone = lib
        .scenarios
        .iter()
        .find(|e| e.scenario.channel == Channel::Phone)
        .expect("a built-in phone scenario");
    let s = phone.start(1);
    let bow = practice(&lib, "bow_first");
    let r = bow.result(&s);
    assert!(!r.applicable && !r.kept);
    assert_eq!(bow.status(&s), PracticeStatus::NotApplicable);
    let card = score_with(&s, Some(bow));
    assert_eq!(card.cap, score(&s).cap, "no cap where it does not apply");
    // The chair is for the desk, not a resident's doorstep.
    let chair = practice(&lib, "chair_first");
    let outreach = lib
        .scenarios
        .iter()
        .find(|e| e.scenario.checklist == "outreach")
        .expect("an outreach scenario");
    assert!(!chair.applies(&outreach.scenario));
    assert!(chair.applies(&lib.scenario(&id).expect("desk").scenario));
}

#[test]
fn adherence_counts_only_where_the_practice_applied() {
    let r = |id: &str, applicable, kept| PracticeResult {
        id: id.to_owned(),
        title: String::new(),
        applicable,
        kept,
        why: String::new(),
        evidence: None,
    };
    let results = [
        r("bow_first", true, true),
        r("bow_first", true, false),
        r("bow_first", false, false),
        r("bow_first", true, true),
        r("escort", true, false),
    ];
    let all = practice::adherence(&results);
    assert_eq!((all.kept, all.counted), (2, 4));
    assert_eq!(all.rate(), Some(0.5));
    let by = practice::adherence_by_practice(&results);
    assert_eq!((by["bow_first"].kept, by["bow_first"].counted), (2, 3));
    assert_eq!(by["bow_first"].label(), "지킴 2/3 (67%)");
    assert_eq!(practice::adherence(&[]).rate(), None);
    assert_eq!(practice::adherence(&[]).label(), "기록 없음");
}

#[test]
fn a_station_adds_and_replaces_practices_in_data() {
    let extra = r#"Practices(practices: [
        (id: "escort", title: "배웅 (우리 서)", description: "끝에 문까지 배웅합니다.", rule: [Turn(at: Closing(2), all: [Action(Escort)])]),
        (id: "drink_first", title: "물 한 잔 먼저", description: "처음 두 응답 안에 물을 드립니다.", rule: [Turn(at: Opening(2), all: [Action(OfferDrink)])]),
    ])"#;
    let lib = Library::builtin_with(vec![("station/practices.ron".into(), extra.into())]);
    assert!(lib.failures.is_empty(), "{:?}", lib.failures);
    assert_eq!(
        lib.practice("escort").map(|p| p.title.as_str()),
        Some("배웅 (우리 서)")
    );
    assert!(lib.practice("drink_first").is_some());
    assert!(lib.practice("bow_first").is_some());
    // The windows: the drink within the first two turns, the see-off within the last two.
    let lib = {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lost-wallet.ron");
        let fixture = std::fs::read(path).expect("fixture");
        Library::builtin_with(vec![
            ("station/practices.ron".into(), extra.into()),
            ("lost-wallet.ron".into(), fixture),
        ])
    };
    let id = "test-lost-wallet";
    let mut lines: Vec<String> = conversation(OPENING, MIDDLE, CLOSING)
        .lines()
        .map(str::to_owned)
        .collect();
    let last = lines.len() - 1;
    lines[1] = format!("[offer_drink] {}", lines[1]);
    lines[last] = lines[last].replace("[escort] ", "");
    lines[last - 1] = format!("[escort] {}", lines[last - 1]);
    let early = lines.join("\n");
    assert!(result(&lib, id, "drink_first", &early).kept);
    assert!(
        result(&lib, id, "escort", &early).kept,
        "within the last two"
    );
    lines[1] = lines[1].replace("[offer_drink] ", "");
    lines[2] = format!("[offer_drink] {}", lines[2]);
    lines[last - 1] = lines[last - 1].replace("[escort] ", "");
    // (A see-off late in the conversation ends it there, so put it at the start.)
    lines[0] = format!("[escort] {}", lines[0]);
    let late = lines.join("\n");
    assert!(!result(&lib, id, "drink_first", &late).kept);
    assert!(!result(&lib, id, "escort", &late).kept);

    let broken = r#"Practices(practices: [
        (id: "x", title: "t", description: "d", rule: [Turn(at: First, all: [Item("nope")])]),
    ])"#;
    let lib = Library::builtin_with(vec![("station/practices.ron".into(), broken.into())]);
    let p = lib
        .problems
        .iter()
        .find(|p| p.path == "station/practices.ron")
        .expect("reported");
    assert!(p.is_error() && p.message.contains("nope"), "{p}");
    assert!(p.line >= 2, "placed in the file: {p}");
    assert!(lib.practice("x").is_none());
}

#[test]
fn station_settings_round_trip_and_a_broken_file_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = station::path(Some(dir.path()), Path::new("/nonexistent-config"));
    assert_eq!(file, dir.path().join("station.ron"));
    // No file yet: the defaults.
    assert_eq!(
        StationSettings::load(&file).expect("missing is fine"),
        StationSettings::default()
    );
    let settings = StationSettings {
        name: "구로경찰서 ○○지구대".to_owned(),
        practice: Some("bow_first".to_owned()),
        ..StationSettings::default()
    };
    settings.save(&file).expect("save");
    assert_eq!(StationSettings::load(&file).expect("load"), settings);
    // Only the file is left behind, no temporary one.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("station.ron")]);
    let text = std::fs::read_to_string(&file).expect("read");
    assert!(text.contains("StationSettings("), "{text}");
    // The station folder is also the scenario folder: the file is checked, not a broken scenario.
    let lib = Library::load(&[dir.path().to_path_buf()]);
    assert!(lib.failures.is_empty(), "{:?}", lib.failures);
    assert!(minwon::library::check(std::slice::from_ref(&file)).is_empty());
    let lib = Library::builtin();
    assert_eq!(
        settings
            .practice_in(&lib)
            .expect("known")
            .map(|p| p.id.as_str()),
        Some("bow_first")
    );

    std::fs::write(
        &file,
        "StationSettings(\n  name: \"서\",\n  practise: Some(\"bow_first\"),\n)",
    )
    .expect("write");
    let e = StationSettings::load(&file).expect_err("a misspelt field");
    let msg = e.to_string();
    assert!(matches!(e, StationError::Broken { line: 3, .. }), "{msg}");
    assert!(
        msg.contains("practise") && msg.contains("station.ron"),
        "{msg}"
    );

    std::fs::write(&file, b"\xff\xfe garbage").expect("write");
    assert!(matches!(
        StationSettings::load(&file),
        Err(StationError::Broken { .. })
    ));

    let unknown = StationSettings {
        practice: Some("nope".to_owned()),
        ..StationSettings::default()
    };
    let e = unknown.practice_in(&lib).expect_err("unknown practice");
    assert!(e.to_string().contains("bow_first"), "{e}");
    unknown.save(&file).expect("save");
    let problems = minwon::library::check(std::slice::from_ref(&file));
    assert!(
        problems
            .iter()
            .any(|p| p.is_error() && p.message.contains("nope")),
        "{problems:?}"
    );
}

#[test]
fn score_on_the_command_line_applies_a_practice() {
    let dir = tempfile::tempdir().expect("temp dir");
    let transcript = dir.path().join("model.txt");
    std::fs::write(&transcript, conversation(OPENING, MIDDLE, CLOSING)).expect("write");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lost-wallet.ron");
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_minwon"))
            .arg("score")
            .arg("--scenario")
            .arg(&fixture)
            .arg("--transcript")
            .arg(&transcript)
            .args(extra)
            .output()
            .expect("runs")
    };
    let out = run(&["--practice", "card_callback", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["practice"]["id"], "card_callback");
    assert_eq!(v["practice"]["kept"], false);
    assert_eq!(v["grade"], "B");
    let out = run(&["--practice", "escort"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("우리 서 시책 — 문 앞까지 배웅하기: ✓ 지킴"),
        "{text}"
    );
    let out = run(&["--practice", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nope") && err.contains("bow_first"), "{err}");
}
