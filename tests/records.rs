//! Training records on real files: journals, finished records, recovery after a kill, broken
//! files, a folder that goes away, aggregates and exports.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use minwon::engine::Session;
use minwon::library::{Entry, Library};
use minwon::model::{TraineeTurn, Transcript};
use minwon::records::stats::{self, Filter};
use minwon::records::xapi::{self, XapiSettings};
use minwon::records::{
    Header, Journal, JournalStatus, Mode, RecordedTurn, RecordsError, Status, Store, Trainee,
    export,
};
use minwon::scoring::{Scorecard, score};

const SCENARIO: &str = "hit-and-run-swearing";

fn transcript(name: &str) -> Vec<TraineeTurn> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/transcripts")
        .join(SCENARIO)
        .join(name);
    Transcript::parse(&std::fs::read_to_string(path).unwrap())
        .unwrap()
        .turns
}

fn trainee(id: &str) -> Trainee {
    Trainee {
        name: format!("홍길동{id}"),
        id: id.to_owned(),
    }
}

fn finish(mut s: Session, turns: &[TraineeTurn]) -> Scorecard {
    for t in turns {
        if s.respond(t.clone()).is_none() {
            break;
        }
    }
    end(&mut s)
}

/// Plays `turns` until the session ends, journaling each turn.
fn play(s: &mut Session, j: &mut Journal, turns: &[TraineeTurn]) {
    for t in turns {
        if s.respond(t.clone()).is_none() {
            break;
        }
        j.turn(&RecordedTurn::last_of(s).unwrap()).unwrap();
    }
}

/// Ends the session if it still goes, and scores it.
fn end(s: &mut Session) -> Scorecard {
    if !s.is_over() {
        s.end_by_trainee();
    }
    score(s)
}

/// Plays and records a whole session; returns its id and scorecard.
fn record(
    store: &Store,
    entry: &Entry,
    turns: &[TraineeTurn],
    who: &str,
) -> (uuid::Uuid, Scorecard) {
    let mut s = entry.start(3);
    let mut j = store.begin(Header::for_session(&s, trainee(who), Mode::Practice));
    play(&mut s, &mut j, turns);
    let card = end(&mut s);
    j.finish(&card, s.closing_reply().map(|r| r.text.as_str()))
        .unwrap();
    assert!(matches!(j.status(), JournalStatus::Finished(_)));
    (j.header().id, card)
}

#[test]
fn a_finished_session_is_one_record_with_every_turn_and_its_scorecard() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path()).unwrap();
    let lib = Library::builtin();
    let entry = lib.scenario(SCENARIO).unwrap();
    let turns = transcript("model.txt");
    let (id, card) = record(&store, entry, &turns, "A1");

    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(
        names,
        vec![format!("{id}.jsonl")],
        "journal removed, record kept"
    );

    let listing = store.list();
    assert!(listing.problems.is_empty(), "{:?}", listing.problems);
    assert_eq!(listing.records.len(), 1);
    let h = &listing.records[0].header;
    assert_eq!(h.id, id);
    assert_eq!(h.trainee, trainee("A1"));
    assert_eq!(h.scenario, SCENARIO);
    assert_eq!(h.scenario_hash.len(), 64);
    assert_eq!(h.app_version, env!("CARGO_PKG_VERSION"));
    let s = listing.records[0].summary();
    assert_eq!(s.status, Status::Finished);
    assert_eq!(s.total, Some(card.total));
    assert_eq!(s.turns, card.turn_count);
    assert_eq!(s.phases.len(), 6);

    let rec = store.read(&listing.records[0].path).unwrap();
    assert_eq!(rec.turns.len(), turns.len());
    assert_eq!(rec.turns[0].text, turns[0].text);
    assert!(rec.turns[0].actions.contains(&"bow".to_owned()));
    assert!(rec.turns[0].items.contains(&"greeting".to_owned()));
    assert!(
        rec.turns.iter().all(|t| t.state.is_none()),
        "no states in a finished record"
    );
    let back = rec.end.scorecard.unwrap();
    assert_eq!(back.total, card.total);
    assert_eq!(back.items, card.items);
    assert_eq!(back.violations, card.violations);
    assert_eq!(back.outcome, card.outcome);
}

#[test]
fn a_journal_left_behind_resumes_to_the_same_scorecard() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path()).unwrap();
    let lib = Library::builtin();
    let entry = lib.scenario(SCENARIO).unwrap();
    let turns = transcript("average.txt");
    let whole = finish(entry.start(3), &turns);

    let mut s = entry.start(3);
    let mut j = store.begin(Header::for_session(&s, trainee("B2"), Mode::Evaluation));
    play(&mut s, &mut j, &turns[..4]);
    // While it is held, nobody offers it back.
    assert!(
        store.unfinished().is_empty(),
        "a live journal is not unfinished"
    );
    let id = j.header().id;
    drop(j); // the program dies: the lock goes with it
    // The last line was being written when the power went.
    let path = dir.path().join(format!("{id}.journal.jsonl"));
    std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap()
        .write_all(b"{\"line\":\"turn\",\"number\":5,\"te")
        .unwrap();

    let found = store.unfinished();
    assert_eq!(found.len(), 1);
    let u = &found[0];
    assert_eq!(u.header.id, id);
    assert_eq!(u.header.mode, Mode::Evaluation);
    assert_eq!(u.turns.len(), 4);
    assert!(u.truncated);
    let state = u.state.clone().unwrap();
    let resumed = Session::resume(entry.compiled.clone(), state).unwrap();
    assert_eq!(resumed.turns().len(), 4);

    // Continue the journal where it was and finish: the same scorecard as never stopping.
    let mut j = store.resume(u).unwrap();
    let mut s = resumed;
    play(&mut s, &mut j, &turns[4..]);
    let card = end(&mut s);
    assert_eq!(card, whole);
    j.finish(&card, None).unwrap();
    let rec = store.read(&store.record_path(id)).unwrap();
    assert_eq!(rec.turns.len() as u32, whole.turn_count);
    assert!(
        rec.turns
            .iter()
            .enumerate()
            .all(|(i, t)| t.number == i as u32 + 1)
    );
    assert!(store.unfinished().is_empty());
}

#[test]
fn an_unfinished_session_can_be_kept_as_abandoned() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path()).unwrap();
    let lib = Library::builtin();
    let entry = lib.scenario(SCENARIO).unwrap();
    let mut s = entry.start(1);
    let mut j = store.begin(Header::for_session(&s, trainee("C3"), Mode::Practice));
    play(&mut s, &mut j, &transcript("rude.txt")[..2]);
    let id = j.header().id;
    drop(j);
    let path = store.abandon(id).unwrap();
    assert!(store.unfinished().is_empty());
    let rec = store.read(&path).unwrap();
    assert_eq!(rec.end.status, Status::Abandoned);
    assert_eq!(rec.turns.len(), 2);
    let listing = store.list();
    assert_eq!(listing.records[0].summary().status, Status::Abandoned);
    assert_eq!(listing.records[0].summary().total, None);
    assert!(matches!(store.abandon(id), Err(RecordsError::NotFound(_))));
}

#[test]
fn broken_files_are_listed_with_a_reason_and_the_rest_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path()).unwrap();
    let lib = Library::builtin();
    let entry = lib.scenario(SCENARIO).unwrap();
    let (good, _) = record(&store, entry, &transcript("model.txt")[..3], "D4");
    let good_path = store.record_path(good);
    let text = std::fs::read_to_string(&good_path).unwrap();
    let first = text.lines().next().unwrap();
    let d = dir.path();
    std::fs::write(d.join("half.jsonl"), &first.as_bytes()[..first.len() / 2]).unwrap();
    std::fs::write(d.join("empty.jsonl"), b"").unwrap();
    std::fs::write(d.join("binary.jsonl"), [0xff, 0xfe, 0x00, 0x9c, b'\n']).unwrap();
    std::fs::write(d.join("other.jsonl"), b"{\"hello\": 1}\n").unwrap();
    std::fs::write(
        d.join("newer.jsonl"),
        first.replace("\"format\":1", "\"format\":99") + "\n",
    )
    .unwrap();
    std::fs::write(d.join("journal-garbage.journal.jsonl"), b"not json\n").unwrap();
    std::fs::write(d.join("notes.txt"), b"ignored").unwrap();
    std::fs::create_dir(d.join("sub.jsonl")).unwrap();

    let listing = store.list();
    assert_eq!(listing.records.len(), 1);
    assert_eq!(listing.records[0].header.id, good);
    let reasons: BTreeMap<String, String> = listing
        .problems
        .iter()
        .map(|p| {
            (
                p.path.file_name().unwrap().to_string_lossy().into_owned(),
                p.reason.clone(),
            )
        })
        .collect();
    for name in [
        "half.jsonl",
        "empty.jsonl",
        "binary.jsonl",
        "other.jsonl",
        "newer.jsonl",
        "journal-garbage.journal.jsonl",
        "sub.jsonl",
    ] {
        assert!(reasons.contains_key(name), "{name} not listed: {reasons:?}");
    }
    assert!(reasons["newer.jsonl"].contains("새 형식"), "{reasons:?}");
    assert!(reasons["half.jsonl"].contains("쓰다 만"), "{reasons:?}");
    assert!(
        store.unfinished().is_empty(),
        "garbage is not a session to resume"
    );

    // A record cut short is an error when read whole, never a panic.
    let cut: String = text.lines().take(2).map(|l| format!("{l}\n")).collect();
    std::fs::write(&good_path, cut).unwrap();
    let err = store.read(&good_path).unwrap_err();
    assert!(err.to_string().contains("끝 줄"), "{err}");
}

#[test]
fn a_folder_that_goes_away_keeps_everything_in_memory_until_retried() {
    let base = tempfile::tempdir().unwrap();
    let dir = base.path().join("station");
    let store = Store::at(&dir).unwrap();
    std::fs::remove_dir(&dir).unwrap(); // the share went away
    let lib = Library::builtin();
    let entry = lib.scenario(SCENARIO).unwrap();
    let turns = transcript("model.txt");
    let mut s = entry.start(5);
    let mut j = store.begin(Header::for_session(&s, trainee("E5"), Mode::Practice));
    assert!(matches!(
        j.status(),
        JournalStatus::Pending { lines: 1, .. }
    ));
    for t in &turns[..3] {
        s.respond(t.clone());
        let err = j.turn(&RecordedTurn::last_of(&s).unwrap()).unwrap_err();
        assert!(err.to_string().contains("메모리에 남아"), "{err}");
    }
    assert!(matches!(
        j.status(),
        JournalStatus::Pending { lines: 4, .. }
    ));

    std::fs::create_dir(&dir).unwrap(); // back
    j.retry().unwrap();
    assert!(j.is_saved());
    let u = store.unfinished();
    assert!(u.is_empty(), "still held by the journal");
    play(&mut s, &mut j, &turns[3..]);
    let card = end(&mut s);

    // Gone again at the very end: the finished record waits in memory too.
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(j.finish(&card, None).is_err());
    assert!(!j.is_saved());
    std::fs::create_dir(&dir).unwrap();
    j.retry().unwrap();
    let rec = store.read(&store.record_path(j.header().id)).unwrap();
    assert_eq!(rec.turns.len() as u32, card.turn_count);
    assert_eq!(rec.end.scorecard.unwrap().total, card.total);
}

#[test]
fn a_read_only_or_full_folder_is_told_in_korean() {
    let denied = RecordsError::io(
        Path::new("/records"),
        std::io::Error::from(std::io::ErrorKind::PermissionDenied),
    );
    assert!(matches!(denied, RecordsError::ReadOnly { .. }));
    assert!(denied.to_string().contains("읽기 전용"));
    let full = RecordsError::io(
        Path::new("/records"),
        std::io::Error::from(std::io::ErrorKind::StorageFull),
    );
    assert!(matches!(full, RecordsError::Full { .. }));
    assert!(full.to_string().contains("가득 찼습니다"));

    // A really read-only folder (root ignores permissions, so only as another user).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        let probe = std::fs::write(dir.path().join("probe"), b"x");
        if probe.is_ok() {
            println!("running as root: permissions are not enforced, real read-only case skipped");
        } else {
            let store = Store::at(dir.path()).unwrap();
            let lib = Library::builtin();
            let s = lib.scenario(SCENARIO).unwrap().start(1);
            let j = store.begin(Header::for_session(&s, trainee("F6"), Mode::Practice));
            match j.status() {
                JournalStatus::Pending { error, .. } => {
                    assert!(matches!(error, RecordsError::ReadOnly { .. }), "{error}")
                }
                other => panic!("{other:?}"),
            }
        }
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn aggregates_count_attempts_best_last_violations_and_suggest_what_to_train() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path()).unwrap();
    let lib = Library::builtin();
    let entry = lib.scenario(SCENARIO).unwrap();
    let (_, rude) = record(&store, entry, &transcript("rude.txt"), "G7");
    std::thread::sleep(std::time::Duration::from_millis(5));
    let (_, model) = record(&store, entry, &transcript("model.txt"), "G7");
    std::thread::sleep(std::time::Duration::from_millis(5));
    let (_, other) = record(&store, entry, &transcript("average.txt"), "H8");
    let listing = store.list();
    assert_eq!(listing.records.len(), 3);

    let rows = stats::dashboard(&listing.records);
    assert_eq!(rows.len(), 2);
    let g = &rows[0];
    assert_eq!(g.trainee.id, "G7");
    assert_eq!(g.attempts, 2);
    assert_eq!(g.last, Some(model.total));
    assert_eq!(g.best, Some(model.total.max(rude.total)));
    let mut expected: BTreeMap<String, u32> = BTreeMap::new();
    for v in rude.violations.iter().chain(&model.violations) {
        *expected.entry(v.id.clone()).or_default() += 1;
    }
    assert!(!expected.is_empty(), "the rude answer has violations");
    assert_eq!(g.violations, expected);
    assert_eq!(rows[1].last, Some(other.total));

    let p = stats::progress(&listing.records, "G7");
    assert_eq!(
        p.iter().map(|p| p.total).collect::<Vec<_>>(),
        vec![rude.total, model.total]
    );
    assert_eq!(p[0].phases.len(), 6);

    let missed = stats::missed_most(&listing.records, "G7", 10);
    let rude_missed: Vec<&str> = rude
        .items
        .iter()
        .filter(|i| i.applicable && !i.met)
        .map(|i| i.id.as_str())
        .collect();
    assert!(!rude_missed.is_empty());
    for id in &rude_missed {
        assert!(
            missed.iter().any(|(m, _)| m == id),
            "{id} missing in {missed:?}"
        );
    }
    // Only the newest session: what the model answer missed (maybe nothing).
    let last_one = stats::missed_most(&listing.records, "G7", 1);
    assert!(last_one.iter().all(|(_, n)| *n == 1));

    let next = stats::next_scenario(&lib, &missed, &BTreeMap::new()).expect("a suggestion");
    assert!(lib.scenario(&next.scenario).is_some());
    assert!(!next.covers.is_empty());
    assert!(
        next.covers
            .iter()
            .all(|c| missed.iter().any(|(m, _)| m == c))
    );
    // Missing only `greeting` many times: a scenario that weighs it and needs it to move on.
    let only = vec![("greeting".to_owned(), 5)];
    let next = stats::next_scenario(&lib, &only, &BTreeMap::new()).unwrap();
    let e = lib.scenario(&next.scenario).unwrap();
    let i = e
        .checklist
        .items
        .iter()
        .position(|i| i.id == "greeting")
        .unwrap();
    assert!(e.compiled.weight(i) > 0);
    assert_eq!(next.covers, vec!["greeting".to_owned()]);

    let f = Filter {
        trainee: Some("H8".into()),
        ..Filter::default()
    };
    let f = f.compile();
    assert_eq!(
        listing
            .records
            .iter()
            .filter(|r| f.matches(&r.header))
            .count(),
        1
    );
    let tomorrow = jiff::ZonedDateTime::now().date().tomorrow().unwrap();
    let f = Filter {
        since: Some(tomorrow),
        ..Filter::default()
    };
    let f = f.compile();
    assert_eq!(
        listing
            .records
            .iter()
            .filter(|r| f.matches(&r.header))
            .count(),
        0
    );
    let t = stats::totals(&listing.records);
    assert_eq!((t.sessions, t.trainees), (3, 2));
}

/// A session with hostile text in it, recorded.
fn hostile_record(store: &Store) -> minwon::records::Record {
    let lib = Library::builtin();
    let entry = lib.scenario(SCENARIO).unwrap();
    let long = "아주 긴 줄입니다 ".repeat(400) + &"가".repeat(3000);
    let turns = vec![
        TraineeTurn::parse("[bow] 안녕하십니까, 교통조사계 김민수 경사입니다.").0,
        TraineeTurn::new("<script>alert('x')</script> \"따옴표\" & 'apostrophe' </td></table>"),
        TraineeTurn::new(long),
    ];
    let (id, _) = record(store, entry, &turns, "<b>X9</b>");
    store.read(&store.record_path(id)).unwrap()
}

#[test]
fn exports_write_excel_csv_html_and_xapi() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path()).unwrap();
    let lib = Library::builtin();
    let entry = lib.scenario(SCENARIO).unwrap();
    let (id, card) = record(&store, entry, &transcript("rude.txt"), "K1");
    let mut records = vec![
        store.read(&store.record_path(id)).unwrap(),
        hostile_record(&store),
    ];
    records[1].header.trainee.name = "김\"따옴표\",쉼표".into();
    let out = tempfile::tempdir().unwrap();

    let xlsx = out.path().join("기록.xlsx");
    export::write_xlsx(&records, &xlsx).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    let mut workbook = String::new();
    zip.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut workbook)
        .unwrap();
    for sheet in ["세션", "항목", "위반", "대화"] {
        assert!(
            workbook.contains(&format!("name=\"{sheet}\"")),
            "{workbook}"
        );
    }
    let mut strings = String::new();
    zip.by_name("xl/sharedStrings.xml")
        .unwrap()
        .read_to_string(&mut strings)
        .unwrap();
    assert!(strings.contains("교번") && strings.contains("근거 문장"));
    assert!(
        strings.contains(
            &card.violations[0]
                .text
                .replace('\'', "&apos;")
                .replace('"', "&quot;")
        ) || strings.contains(&card.violations[0].title)
    );

    let csv_path = out.path().join("기록.csv");
    export::write_csv(&records, &csv_path).unwrap();
    let bytes = std::fs::read(&csv_path).unwrap();
    assert_eq!(&bytes[..3], b"\xef\xbb\xbf", "UTF-8 BOM");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(&reader.headers().unwrap()[1], "교번");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][10], card.total.to_string().as_str());
    assert_eq!(&rows[1][2], "김\"따옴표\",쉼표");

    let html = export::html_scorecard(&records[1]);
    assert!(!html.contains("<script>alert"));
    assert!(html.contains("&lt;script&gt;alert"));
    assert!(!html.contains("<b>X9</b>"));
    assert!(html.contains("&lt;/td&gt;&lt;/table&gt;"));
    let page = export::write_html(&records[0], out.path()).unwrap();
    assert!(page.exists());
    assert!(out.path().join(export::FONT_FILE).metadata().unwrap().len() > 100_000);

    let settings = XapiSettings {
        home_page: "https://station.example.go.kr".into(),
        pass_mark: card.total + 1,
        ..XapiSettings::default()
    };
    let st = xapi::statements(&records[0], &settings);
    assert_eq!(st.len(), 2);
    let v = serde_json::to_value(&st[1]).unwrap();
    assert_eq!(v["verb"]["id"], xapi::VERB_FAILED);
    assert_eq!(v["actor"]["account"]["name"], "K1");
    assert_eq!(
        v["actor"]["account"]["homePage"],
        "https://station.example.go.kr"
    );
    assert_eq!(v["object"]["id"], format!("urn:minwon:scenario:{SCENARIO}"));
    assert_eq!(v["object"]["definition"]["type"], xapi::ACTIVITY_SIMULATION);
    assert_eq!(
        v["object"]["definition"]["name"]["ko-KR"],
        records[0].header.title
    );
    assert_eq!(v["result"]["success"], false);
    assert_eq!(v["result"]["score"]["raw"], f64::from(card.total));
    assert!(v["result"]["duration"].as_str().unwrap().starts_with("PT"));
    assert_eq!(v["context"]["registration"], id.to_string());
    assert_eq!(v["context"]["language"], "ko-KR");
    assert_eq!(
        serde_json::to_value(&st[0]).unwrap()["verb"]["id"],
        xapi::VERB_COMPLETED
    );
    assert_eq!(
        xapi::statements(&records[0], &settings)[0].id,
        st[0].id,
        "same ids again"
    );
}

fn minwon() -> Command {
    Command::new(env!("CARGO_BIN_EXE_minwon"))
}

fn transcript_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/transcripts")
        .join(SCENARIO)
        .join(name)
}

/// The real binary is killed (SIGKILL) in the middle of a role-play: the journal has every
/// turn it reported, and its state resumes to the scorecard of an uninterrupted run.
#[test]
fn a_session_killed_mid_play_is_found_with_every_turn_and_resumes_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = minwon()
        .args([
            "records",
            "__play",
            "--scenario",
            SCENARIO,
            "--seed",
            "11",
            "--delay-ms",
            "400",
        ])
        .arg("--transcript")
        .arg(transcript_path("model.txt"))
        .arg("--dir")
        .arg(dir.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut reported = 0;
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(n) = line.strip_prefix("turn ") {
            reported = n.parse().unwrap();
            if reported == 5 {
                break;
            }
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    assert_eq!(reported, 5);

    let store = Store::at(dir.path()).unwrap();
    let found = store.unfinished();
    assert_eq!(found.len(), 1, "the killed session is offered back");
    let u = &found[0];
    assert_eq!(u.turns.len(), 5);
    let lib = Library::builtin();
    let entry = lib.scenario(SCENARIO).unwrap();
    let turns = transcript("model.txt");
    for (t, want) in u.turns.iter().zip(&turns) {
        assert_eq!(t.text, want.text);
    }
    let resumed = Session::resume(entry.compiled.clone(), u.state.clone().unwrap()).unwrap();
    let whole = finish(entry.start(11), &turns);
    assert_eq!(finish(resumed, &turns[5..]), whole);
}

/// Two processes write sessions into one folder at once: every session is there, whole.
#[test]
fn two_processes_writing_into_one_folder_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let spawn = |who: &str| {
        minwon()
            .args(["records", "__play", "--scenario", SCENARIO, "--count", "12"])
            .args(["--trainee", who])
            .arg("--transcript")
            .arg(transcript_path("average.txt"))
            .arg("--dir")
            .arg(dir.path())
            .stdout(Stdio::null())
            .spawn()
            .unwrap()
    };
    let mut a = spawn("P1");
    let mut b = spawn("P2");
    assert!(a.wait().unwrap().success());
    assert!(b.wait().unwrap().success());
    let store = Store::at(dir.path()).unwrap();
    let listing = store.list();
    assert!(listing.problems.is_empty(), "{:?}", listing.problems);
    assert!(store.unfinished().is_empty());
    let count = |who: &str| {
        listing
            .records
            .iter()
            .filter(|r| r.header.trainee.id == who)
            .count()
    };
    assert_eq!((count("P1"), count("P2")), (12, 12));
    let turns = transcript("average.txt").len();
    for r in &listing.records {
        let rec = store.read(&r.path).unwrap();
        assert_eq!(
            rec.turns.len(),
            rec.end.scorecard.as_ref().unwrap().turn_count as usize
        );
        assert!(rec.turns.len() <= turns);
    }
}

fn ids(listing: &minwon::records::Listing) -> Vec<uuid::Uuid> {
    listing.records.iter().map(|r| r.header.id).collect()
}

/// This PC's index of summaries: a listing with it is the listing without it, records other
/// PCs add are picked up, deleted ones dropped (the index rewritten once a quarter is stale), a
/// broken index or index line costs only a read, and a broken record is never cached.
#[test]
fn the_local_index_lists_exactly_what_the_folder_holds() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let index = cache.path().join("index").join("station.idx");
    let plain = Store::at(dir.path()).unwrap();
    let indexed = Store::at(dir.path()).unwrap().with_index(index.clone());
    let lib = Library::builtin();
    let entry = lib.scenario(SCENARIO).unwrap();
    let turns = transcript("model.txt");
    for who in ["A", "B", "C", "D"] {
        record(&plain, entry, &turns, who);
    }
    std::fs::write(dir.path().join("broken.jsonl"), b"{\"line\":\"header\"").unwrap();

    let first = indexed.list();
    assert_eq!(ids(&first), ids(&plain.list()));
    assert_eq!(first.records, plain.list().records);
    assert_eq!(first.problems.len(), 1);
    let text = std::fs::read_to_string(&index).unwrap();
    assert_eq!(
        text.lines().count(),
        1 + 4,
        "a first line and one per record"
    );
    assert!(
        !text.contains("broken.jsonl"),
        "a broken record is never cached"
    );

    // The second listing reads the index, not the files: a record's file changed behind the
    // index's back (which minwon never does) still lists as cached.
    let victim = first.records[0].path.clone();
    let original = std::fs::read(&victim).unwrap();
    let mut changed = original.clone();
    let at = changed.windows(4).position(|w| w == b"\"A\",").unwrap_or(0);
    changed.truncate(at.max(1));
    std::fs::write(&victim, &changed).unwrap();
    assert_eq!(ids(&indexed.list()), ids(&first), "from the index");
    std::fs::write(&victim, &original).unwrap();

    // Another PC adds a record: read once and appended.
    let (new_id, _) = record(&plain, entry, &turns, "E");
    let second = indexed.list();
    assert_eq!(second.records.len(), 5);
    assert!(ids(&second).contains(&new_id));
    assert_eq!(ids(&second), ids(&plain.list()));
    assert_eq!(
        std::fs::read_to_string(&index).unwrap().lines().count(),
        1 + 5
    );

    // Two are deleted (40% stale): gone from the listing, and the index is rewritten.
    for r in &second.records[..2] {
        std::fs::remove_file(&r.path).unwrap();
    }
    let third = indexed.list();
    assert_eq!(ids(&third), ids(&plain.list()));
    assert_eq!(third.records.len(), 3);
    assert_eq!(
        std::fs::read_to_string(&index).unwrap().lines().count(),
        1 + 3
    );

    // A broken line in the index: that record is read from its file again.
    let text = std::fs::read_to_string(&index).unwrap();
    let name = third.records[0]
        .path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let broken: String = text
        .lines()
        .map(|l| {
            if l.starts_with(&name) {
                format!("{name}\t{{\"cut\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    std::fs::write(&index, broken).unwrap();
    assert_eq!(indexed.list().records, plain.list().records);
    // An index that is not one (another program's file, or garbage): a full read.
    std::fs::write(&index, b"\x00\xffnot an index\n").unwrap();
    assert_eq!(indexed.list().records, plain.list().records);
    assert!(
        std::fs::read(&index)
            .unwrap()
            .starts_with(b"minwon-records-index 1\n")
    );
    // An index that cannot be written (its folder is a file): listing still works.
    let nowhere = Store::at(dir.path())
        .unwrap()
        .with_index(dir.path().join("broken.jsonl").join("x.idx"));
    assert_eq!(nowhere.list().records, plain.list().records);
}

/// Export file names: time-stamped, without characters Windows refuses, never over an
/// earlier file; a table written atomically, a failed one leaving nothing behind.
#[test]
fn export_names_are_safe_and_new_and_tables_are_written_whole() {
    let at = jiff::Timestamp::from_second(1_767_225_600).unwrap();
    let name = export::file_name("교관현황판", "A/B:C*?", at, "xlsx");
    assert!(name.starts_with("교관현황판-A_B_C__-2026"), "{name}");
    assert!(name.ends_with(".xlsx") && !name.contains(['/', ':', '*', '?']));
    assert!(export::file_name("훈련기록", "  ", at, "csv").starts_with("훈련기록-2026"));

    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(&dir.path().join("records")).unwrap();
    let lib = Library::builtin();
    record(
        &store,
        lib.scenario(SCENARIO).unwrap(),
        &transcript("model.txt"),
        "A",
    );
    let records: Vec<_> = store
        .list()
        .records
        .iter()
        .map(|r| store.read(&r.path).unwrap())
        .collect();
    let out = export::default_dir(store.dir());
    assert_eq!(out, dir.path().join("records").join("exports"));
    let first = export::free_path(&out, "표.csv");
    export::save_table(&records, export::Table::Csv, &first).unwrap();
    let second = export::free_path(&out, "표.csv");
    assert_eq!(second, out.join("표-2.csv"));
    export::save_table(&records, export::Table::Xlsx, &out.join("표.xlsx")).unwrap();
    assert!(
        std::fs::read(out.join("표.xlsx"))
            .unwrap()
            .starts_with(b"PK")
    );
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");

    // A folder that is a file: a message that says what to do, and no file.
    let blocked = dir.path().join("blocked");
    std::fs::write(&blocked, b"x").unwrap();
    let err = export::save_table(&records, export::Table::Xlsx, &blocked.join("a.xlsx"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("다른 곳에 저장"), "{err}");
}
