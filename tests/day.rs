//! A 일일열사 day: ten residents in a row, the card each resident writes, the ledger entry the
//! trainee records and how it is scored, the day's summary and CSV, saving and resuming.
//! Residents are variants of the fixture tests/fixtures/outreach-market-alley.ron (another id
//! and name each), so the tests do not depend on the built-in pack.

use minwon::library::Library;
use minwon::model::{RequestKind, ResidentRequest, TimeBand, Transcript};
use minwon::outreach::{
    Card, Day, DayError, DayState, LedgerEntry, LedgerField, RESIDENTS_PER_DAY, ledger_csv,
};

const FIXTURE: &str = include_str!("fixtures/outreach-market-alley.ron");
const SURNAMES: [&str; 12] = [
    "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오",
];

/// The built-in pack plus `n` fixture residents, each with its own id and name.
fn library(n: usize) -> Library {
    let files = (0..n)
        .map(|i| {
            let text = FIXTURE
                .replace(
                    "id: \"test-market-alley\"",
                    &format!("id: \"test-market-alley-{i}\""),
                )
                .replace("박○○ 사장님", &format!("{}○○ 사장님", SURNAMES[i]));
            (format!("fixtures/alley-{i}.ron"), text.into_bytes())
        })
        .collect();
    let lib = Library::builtin_with(files);
    assert!(lib.failures.is_empty(), "{:?}", lib.failures);
    lib
}

/// The fixture residents only (the built-in pack may have outreach residents of its own).
fn fixture_only(n: usize) -> Library {
    let mut lib = library(n);
    lib.scenarios
        .retain(|e| e.scenario.id.starts_with("test-market-alley-"));
    lib
}

/// Draws out both request facts, paraphrases, commits to effort and sees the resident off.
const VISIT: &str = "\
[bow] 안녕하십니까, 사장님. ○○지구대 김민수 경장입니다. 요즘 장사하시면서 걱정되시는 점이 있으시면 말씀해 주시겠습니까?
네, 그러셨군요. 밤마다 얼마나 무서우셨겠습니까. 주로 몇 시쯤이 제일 걱정되십니까?
그러셨군요. 그런 사람들이 모이는 곳이 어디인지 여쭤봐도 되겠습니까?
그러니까 저녁에 문 닫으실 때 주차장 옆 뒷골목의 취객이 걱정되신다는 말씀이시죠? 요청은 장부에 적어 저녁 순찰 경로에 반영하겠습니다.
[escort] 말씀 감사합니다. 조심히 들어가십시오.";

/// Asks nothing: neither when nor where comes out.
const HURRIED: &str = "\
안녕하십니까, ○○지구대 김민수 경장입니다. 걱정되시는 점이 있으시면 말씀해 주시겠습니까?
네, 많이 불안하셨겠습니다.
말씀 감사합니다. 안녕히 계십시오.";

const RUDE: &str = "\
야, 뭐 걱정되는 거 있어?
그런 걱정은 안 하셔도 돼요. 장사하는 데가 다 그렇지.
문단속을 잘 안 하시니까 그렇죠. 씨발 바빠 죽겠네.
빨리 말해.";

/// The entry a careful officer writes for a request.
fn faithful(request: &ResidentRequest) -> LedgerEntry {
    LedgerEntry {
        kind: Some(request.kind),
        place: request.place.clone(),
        time: Some(request.time),
        content: request.content.clone(),
        contact: Some(request.contact),
        plan: "요청은 장부에 적어 해당 시간대 순찰 경로에 반영하겠습니다.".to_owned(),
    }
}

/// Plays the current visit with a transcript, ending it if the transcript does not.
fn play_visit(day: &mut Day, text: &str) {
    let session = day.current_mut().expect("a visit under way");
    for turn in Transcript::parse(text).expect("transcript").turns {
        if session.respond(turn).is_none() {
            break;
        }
    }
    if !session.is_over() {
        session.end_by_trainee();
    }
}

fn request_of(day: &Day) -> ResidentRequest {
    day.current()
        .expect("visit")
        .scenario()
        .request
        .clone()
        .expect("a resident request")
}

#[test]
fn a_day_of_ten_runs_to_the_end_with_ten_ledger_entries() {
    let lib = library(12);
    let mut day = Day::new(&lib, 7, None).expect("a day");
    assert_eq!(day.plan().len(), RESIDENTS_PER_DAY);
    let residents: std::collections::BTreeSet<String> = day
        .plan()
        .iter()
        .map(|id| {
            lib.scenario(id)
                .expect("planned")
                .scenario
                .persona
                .name
                .clone()
        })
        .collect();
    assert_eq!(residents.len(), RESIDENTS_PER_DAY, "ten distinct residents");
    let mut n = 0;
    while !day.is_over() {
        let upcoming = day.resident().expect("someone to meet").id.clone();
        day.start_next().expect("next resident");
        assert_eq!(day.current().expect("visit").scenario().id, upcoming);
        assert_eq!(day.plan()[n], upcoming);
        assert!(matches!(day.start_next(), Err(DayError::VisitUnderway)));
        assert!(matches!(
            day.submit(LedgerEntry::default()),
            Err(DayError::VisitNotOver)
        ));
        let fixture = day
            .current()
            .expect("visit")
            .scenario()
            .id
            .starts_with("test-");
        play_visit(&mut day, if fixture { VISIT } else { "" });
        let card = day.card().expect("the resident's card");
        let request = request_of(&day);
        if fixture {
            assert!(card.written);
            assert_eq!(card.place.as_deref(), Some(request.place.as_str()));
            assert_eq!(card.time, Some(request.time));
            assert_eq!(card.missing, 0);
        }
        let visit = day.submit(faithful(&request)).expect("submitted");
        assert_eq!(visit.ledger.total, 100, "{:#?}", visit.ledger);
        assert!(visit.ledger.marks.iter().all(|m| m.full()));
        n += 1;
        assert_eq!(day.met(), n);
        assert!(n <= RESIDENTS_PER_DAY, "the day never ends");
    }
    assert!(matches!(day.start_next(), Err(DayError::DayOver)));
    assert!(day.resident().is_none());
    let summary = day.summary();
    assert_eq!(summary.met, 10);
    assert_eq!(summary.headline, "오늘 만난 주민 10/10");
    assert_eq!(summary.rows.len(), 10);
    assert_eq!(summary.ledger_average, Some(100.0));
    assert_eq!(
        summary.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        (1..=10).collect::<Vec<_>>()
    );

    let csv = day.ledger_csv().expect("csv");
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    let headers = reader.headers().expect("headers").clone();
    assert_eq!(&headers[3], "요청 유형");
    assert_eq!(&headers[8], "조치 계획");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 10);
    assert_eq!(&rows[0][1], summary.rows[0].resident.as_str());
    assert_eq!(&rows[0][9], "100");
}

#[test]
fn the_day_is_drawn_from_the_seed() {
    let lib = library(12);
    let plan = |seed| Day::new(&lib, seed, None).expect("day").plan().to_vec();
    assert_eq!(plan(3), plan(3));
    let plans: std::collections::BTreeSet<Vec<String>> = (0..6).map(plan).collect();
    assert!(plans.len() > 1, "every seed gave the same day");
    // Independent of the order the files were loaded in.
    let mut reversed = library(12);
    reversed.scenarios.reverse();
    assert_eq!(
        Day::new(&reversed, 3, None).expect("day").plan(),
        plan(3).as_slice()
    );
}

#[test]
fn fewer_residents_than_ten_make_an_honest_short_day() {
    let lib = fixture_only(3);
    let mut day = Day::new(&lib, 1, None).expect("a day");
    assert_eq!(day.plan().len(), 3);
    while !day.is_over() {
        day.start_next().expect("next");
        play_visit(&mut day, VISIT);
        let request = request_of(&day);
        day.submit(faithful(&request)).expect("submitted");
    }
    let s = day.summary();
    assert_eq!((s.met, s.planned, s.target), (3, 3, 10));
    assert_eq!(s.headline, "오늘 만난 주민 3/10");

    let none = fixture_only(0);
    assert!(matches!(
        Day::new(&none, 1, None),
        Err(DayError::NoResidents)
    ));
}

#[test]
fn a_wrong_ledger_entry_loses_points() {
    let lib = fixture_only(1);
    let mut day = Day::new(&lib, 1, None).expect("a day");
    day.start_next().expect("visit");
    play_visit(&mut day, VISIT);
    let request = request_of(&day);
    let session = day.current().expect("visit");
    let score = |e: &LedgerEntry| {
        minwon::outreach::score_entry(&request, e, session.analyzer(), session.checklist())
    };
    let good = faithful(&request);
    assert_eq!(score(&good).total, 100);

    let wrong_place = LedgerEntry {
        place: "시장 정문 앞 버스 정류장".to_owned(),
        ..good.clone()
    };
    let s = score(&wrong_place);
    let m = s.mark(LedgerField::Place).expect("place");
    assert_eq!((m.points, s.total), (0, 80), "{s:#?}");
    assert!(m.reason.contains(&request.place), "{}", m.reason);

    let wrong_time = LedgerEntry {
        time: Some(TimeBand::Morning),
        ..good.clone()
    };
    let s = score(&wrong_time);
    assert_eq!(s.mark(LedgerField::Time).map(|m| m.points), Some(0));
    assert!(s.total < 100);

    for promise in [
        "취객이 다시는 안 오게 하겠습니다.",
        "순찰을 늘리고, 도둑이 다시는 안 들게 하겠습니다.",
    ] {
        let e = LedgerEntry {
            plan: promise.to_owned(),
            ..good.clone()
        };
        let s = score(&e);
        let m = s.mark(LedgerField::Plan).expect("plan");
        assert_eq!(m.points, 0, "{promise}: {m:?}");
        assert!(m.reason.contains("결과 약속"), "{}", m.reason);
    }

    let no_effort = LedgerEntry {
        plan: "확인함.".to_owned(),
        ..good.clone()
    };
    assert_eq!(
        score(&no_effort).mark(LedgerField::Plan).map(|m| m.points),
        Some(0)
    );

    let thin = LedgerEntry {
        kind: Some(RequestKind::Facility),
        content: "상인 민원".to_owned(),
        contact: Some(!request.contact),
        ..good.clone()
    };
    let s = score(&thin);
    assert_eq!(s.total, 100 - 15 - 20 - 10, "{s:#?}");
    // Spacing and punctuation do not matter; half the content words are enough.
    let loose = LedgerEntry {
        place: "공영 주차장 옆".to_owned(),
        content: "저녁마다 취객 때문에 순찰 요청".to_owned(),
        ..good
    };
    assert_eq!(score(&loose).total, 100, "{:#?}", score(&loose));
}

#[test]
fn the_card_is_only_as_full_as_what_was_drawn_out() {
    let lib = fixture_only(1);
    let mut day = Day::new(&lib, 1, None).expect("a day");
    day.start_next().expect("visit");
    assert!(day.card().is_none(), "no card before the conversation ends");
    play_visit(&mut day, HURRIED);
    let card: Card = day.card().expect("card");
    assert!(card.written);
    assert_eq!(card.missing, 2);
    assert_eq!(card.time, None, "never asked when");
    assert_eq!(card.place, None, "the place was in a fact never drawn out");
    assert!(card.details.is_empty());
    assert!(!card.content.is_empty());
    let request = request_of(&day);
    day.submit(faithful(&request)).expect("submitted");

    // A resident who walks away writes nothing.
    let mut day = Day::new(&lib, 2, None).expect("a day");
    day.start_next().expect("visit");
    play_visit(&mut day, RUDE);
    let ended = day.current().and_then(|s| s.ended()).map(|e| e.kind);
    assert_eq!(ended, Some(minwon::model::EndingKind::WalkedOut));
    let card = day.card().expect("card");
    assert!(!card.written && card.place.is_none() && card.content.is_empty());
}

#[test]
fn a_day_is_saved_and_resumed_mid_visit() {
    let lib = fixture_only(4);
    let practice = lib.practice("escort").cloned();
    let mut day = Day::new(&lib, 9, practice).expect("a day");
    day.start_next().expect("visit");
    play_visit(&mut day, VISIT);
    let request = request_of(&day);
    day.submit(faithful(&request)).expect("submitted");
    day.start_next().expect("second visit");
    let turns = Transcript::parse(VISIT).expect("t").turns;
    day.current_mut().expect("visit").respond(turns[0].clone());

    let json = serde_json::to_string(&day.state()).expect("json");
    let state: DayState = serde_json::from_str(&json).expect("read back");
    // (Floats of the scorecard may differ in the last digit through JSON; the rest is exact.)
    let now = day.state();
    assert_eq!(state.current, now.current);
    assert_eq!(state.plan, now.plan);
    assert_eq!(state.visits[0].ledger, now.visits[0].ledger);
    assert_eq!(state.visits[0].card, now.visits[0].card);
    assert_eq!(
        state.visits[0].scorecard.total,
        now.visits[0].scorecard.total
    );
    let mut resumed = Day::resume(&lib, state).expect("resumed");
    assert_eq!(resumed.met(), 1);
    assert_eq!(resumed.plan(), day.plan());
    for t in &turns[1..] {
        day.current_mut().expect("v").respond(t.clone());
        resumed.current_mut().expect("v").respond(t.clone());
    }
    let replies = |d: &Day| {
        d.current()
            .expect("v")
            .turns()
            .iter()
            .map(|t| t.reply.text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(replies(&day), replies(&resumed), "the same conversation");
    let visit = resumed.submit(faithful(&request)).expect("submitted");
    let p = visit
        .scorecard
        .practice
        .as_ref()
        .expect("scored under the practice");
    assert!(p.kept, "{p:?}");
    assert_eq!(
        resumed.summary().practice.map(|a| (a.kept, a.counted)),
        Some((2, 2))
    );

    let mut other = day.state();
    other.plan[0] = "no-such-scenario".to_owned();
    assert!(matches!(
        Day::resume(&lib, other),
        Err(DayError::MissingScenario(_))
    ));
}

#[test]
fn the_csv_quotes_what_needs_quoting() {
    let row = minwon::outreach::LedgerRow {
        number: 1,
        resident: "김○○ 사장님".to_owned(),
        scenario: "s".to_owned(),
        kind: "순찰 강화".to_owned(),
        place: "시장, 뒷골목".to_owned(),
        time: "저녁".to_owned(),
        content: "\"취객\"이 모여요\n밤마다".to_owned(),
        contact: "희망".to_owned(),
        plan: "=HYPERLINK(\"http://x\")".to_owned(),
        ledger_score: 90,
        conversation_score: 80,
        grade: "B".to_owned(),
    };
    let bytes = ledger_csv(std::slice::from_ref(&row)).expect("csv");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let back: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(&back[0][4], "시장, 뒷골목");
    assert_eq!(&back[0][6], "\"취객\"이 모여요\n밤마다");
    // A typed formula stays text in Excel.
    assert_eq!(&back[0][8], "'=HYPERLINK(\"http://x\")");
}
