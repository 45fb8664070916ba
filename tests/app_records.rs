//! The records side of the app, headless (egui_kittest): exports from the history, the
//! dashboard (what its filter shows) and a past scorecard (the printable page, opened in the
//! browser), into the records folder's `exports` with no dialog; an export that cannot be
//! written is a message, not a panic; the LRS settings; a finished session's statements left in
//! the outbox when the LRS is set (and, with a real LRS, sent); 일일열사 visits in the records.
#![cfg(feature = "gui")]

mod common;

#[path = "common/journal.rs"]
mod journal;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use minwon::app::{MinwonApp, Screen, Settings, Startup};
use minwon::library::Library;
use minwon::model::Transcript;
use minwon::records::xapi::{self, XapiSettings};
use minwon::records::{Header, Mode, Status, Store, Trainee};

/// The app keeping its records in `records`, with `settings` saved from an earlier run.
fn app(records: &Path, settings: Option<Settings>) -> Harness<'static, MinwonApp> {
    common::app_harness(
        [1280.0, 800.0],
        settings.as_ref().map(common::storage_with),
        Startup {
            seed: Some(7),
            records_dir: Some(records.to_path_buf()),
            ..Startup::default()
        },
    )
}

fn settle(h: &mut Harness<'_, MinwonApp>) {
    h.run_steps(4);
}

/// Steps the app until `done` holds (an export or a send runs on its own thread).
fn wait_for(
    h: &mut Harness<'_, MinwonApp>,
    what: &str,
    mut done: impl FnMut(&Harness<'_, MinwonApp>) -> bool,
) {
    let until = Instant::now() + Duration::from_secs(30);
    while !done(h) {
        assert!(Instant::now() < until, "timed out waiting for {what}");
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    settle(h);
}

fn sign_in(h: &mut Harness<'_, MinwonApp>, name: &str) {
    settle(h);
    h.get_by_label("이름 또는 교번").type_text(name);
    settle(h);
    h.get_by_label("훈련 시작").click();
    settle(h);
    assert!(matches!(h.state().screen(), Screen::Library));
}

fn answer(h: &mut Harness<'_, MinwonApp>, text: &str) {
    h.get_by_label("응답").click();
    settle(h);
    h.get_by_label("응답").type_text(text);
    settle(h);
    h.key_press(Key::Enter);
    settle(h);
}

/// Plays `title` with two answers and ends it; back on the library.
fn play(h: &mut Harness<'_, MinwonApp>, title: &str) {
    h.get_by_label(&format!("{title} 시작하기")).scroll_to_me();
    settle(h);
    h.get_by_label(&format!("{title} 시작하기")).click();
    settle(h);
    h.get_by_label("응대 시작 ▶").click();
    settle(h);
    answer(h, "안녕하십니까, 교통조사계 김민수 조사관입니다.");
    answer(h, "오래 기다리시게 해서 정말 죄송합니다.");
    h.get_by_label("상담 종료").click();
    settle(h);
    h.get_by_label("끝내고 점수표 보기").click();
    settle(h);
    assert!(h.state().scorecard().is_some());
    h.get_by_label("← 시나리오 목록").click();
    settle(h);
}

/// Records a finished session of `scenario` by `who` straight into the store (no UI).
fn record(store: &Store, scenario: &str, who: &str) {
    let lib = Library::builtin();
    let entry = lib.scenario(scenario).unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/transcripts")
            .join(scenario)
            .join("model.txt"),
    )
    .unwrap();
    let mut s = entry.start(3);
    let trainee = Trainee {
        name: who.into(),
        id: who.into(),
    };
    let mut j = store.begin(Header::for_session(&s, trainee, Mode::Practice));
    journal::play_and_finish(&mut s, &mut j, Transcript::parse(&text).unwrap().turns);
}

fn exports(records: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(records.join("exports")) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    out.sort();
    out
}

fn with_ext(records: &Path, ext: &str) -> Vec<PathBuf> {
    exports(records)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect()
}

/// The rows of a sheet of an exported workbook, as text.
fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(path).expect("the export opens as Excel");
    let range = book.worksheet_range(name).expect("sheet");
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

fn export_running(h: &Harness<'_, MinwonApp>) -> bool {
    match h.state().screen() {
        Screen::History(v) => v.export.is_running(),
        Screen::Dashboard(v) => v.export.is_running(),
        Screen::Record(v) => v.export.is_running(),
        _ => false,
    }
}

/// The history exports the trainee's sessions as Excel and as CSV into `exports`, each with a
/// time-stamped Korean name, the path shown on screen; a second export does not overwrite the
/// first.
#[test]
fn the_history_exports_excel_and_csv_into_the_exports_folder() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records");
    let mut h = app(&records, None);
    sign_in(&mut h, "홍길동");
    play(&mut h, "피해자 가족의 수사 지연 항의");
    // Someone else's session is not in 홍길동's history export.
    record(
        &Store::at(&records).unwrap(),
        "victim-family-delay",
        "다른사람",
    );
    h.get_by_label("기록").click();
    settle(&mut h);
    assert!(matches!(h.state().screen(), Screen::History(_)));

    h.get_by_label("내보내기").click();
    settle(&mut h);
    wait_for(&mut h, "the Excel export", |h| !export_running(h));
    let xlsx = with_ext(&records, "xlsx");
    assert_eq!(xlsx.len(), 1, "{:?}", exports(&records));
    let name = xlsx[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("훈련기록-홍길동-"), "{name}");
    let rows = sheet(&xlsx[0], "세션");
    assert_eq!(rows[0][..3], ["세션 ID", "교번", "이름"]);
    assert_eq!(rows.len(), 2, "one session of 홍길동: {rows:?}");
    assert_eq!(rows[1][1], "홍길동");
    assert_eq!(rows[1][4], "피해자 가족의 수사 지연 항의");
    assert!(
        sheet(&xlsx[0], "대화").len() >= 5,
        "opening, two answers, two replies"
    );
    assert!(
        h.query_by_label_contains(&format!("저장했습니다 (1건): {}", xlsx[0].display()))
            .is_some(),
        "the path is shown"
    );

    h.get_by_label("CSV").click();
    settle(&mut h);
    h.get_by_label("내보내기").click();
    settle(&mut h);
    wait_for(&mut h, "the CSV export", |h| !export_running(h));
    let csv = with_ext(&records, "csv");
    assert_eq!(csv.len(), 1);
    let bytes = std::fs::read(&csv[0]).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a BOM, so Excel reads Hangul"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(
        text.starts_with("세션 ID,교번,이름,시나리오,제목"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 2);
    assert!(text.contains("홍길동") && !text.contains("다른사람"));

    // Again within the same second: a new file beside the first, never over it.
    h.get_by_label("Excel (.xlsx)").click();
    settle(&mut h);
    for _ in 0..2 {
        h.get_by_label("내보내기").click();
        settle(&mut h);
        wait_for(&mut h, "another export", |h| !export_running(h));
    }
    assert_eq!(with_ext(&records, "xlsx").len(), 3);
}

/// The dashboard exports the sessions behind the rows its filter shows.
#[test]
fn the_dashboard_exports_what_its_filter_shows() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records");
    let store = Store::at(&records).unwrap();
    record(&store, "victim-family-delay", "A100");
    record(&store, "hit-and-run-swearing", "A100");
    record(&store, "victim-family-delay", "B200");
    let mut h = app(&records, None);
    sign_in(&mut h, "교관");
    h.get_by_label("교관 현황판").click();
    settle(&mut h);
    assert!(matches!(h.state().screen(), Screen::Dashboard(_)));
    h.get_by_label("찾기").click();
    settle(&mut h);
    h.get_by_label("찾기").type_text("A100");
    settle(&mut h);
    h.get_by_label("내보내기").click();
    settle(&mut h);
    wait_for(&mut h, "the export", |h| !export_running(h));
    let xlsx = with_ext(&records, "xlsx");
    assert_eq!(xlsx.len(), 1, "{:?}", exports(&records));
    assert!(
        xlsx[0]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("교관현황판-A100-")
    );
    let rows = sheet(&xlsx[0], "세션");
    let trainees: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(trainees, ["A100", "A100"], "only the rows shown");

    // No filter: everyone.
    h.get_by_label("찾기").click();
    settle(&mut h);
    for _ in 0..4 {
        h.key_press(Key::Backspace);
    }
    settle(&mut h);
    h.get_by_label("CSV").click();
    settle(&mut h);
    h.get_by_label("내보내기").click();
    settle(&mut h);
    wait_for(&mut h, "the CSV export", |h| !export_running(h));
    let csv = with_ext(&records, "csv");
    assert!(
        csv[0]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("교관현황판-전체-")
    );
    assert_eq!(std::fs::read_to_string(&csv[0]).unwrap().lines().count(), 4);
}

/// A past scorecard's printable page goes into `exports` with its font and is handed to the
/// browser.
#[test]
fn a_past_scorecard_opens_as_a_printable_page() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records");
    record(
        &Store::at(&records).unwrap(),
        "victim-family-delay",
        "홍길동",
    );
    let mut h = app(&records, None);
    sign_in(&mut h, "홍길동");
    h.get_by_label("기록").click();
    settle(&mut h);
    h.get_by_label("점수표 보기").click();
    settle(&mut h);
    assert!(matches!(h.state().screen(), Screen::Record(_)));
    h.get_by_label("점수표 열기 (인쇄)").click();
    let mut opened = None;
    wait_for(&mut h, "the page to be opened", |h| {
        opened = opened.take().or_else(|| {
            h.output()
                .platform_output
                .commands
                .iter()
                .find_map(|c| match c {
                    egui::OutputCommand::OpenUrl(u) => Some(u.url.clone()),
                    _ => None,
                })
        });
        opened.is_some()
    });
    let html = with_ext(&records, "html");
    assert_eq!(html.len(), 1);
    let name = html[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("점수표-홍길동-피해자 가족의 수사 지연 항의-"),
        "{name}"
    );
    let page = std::fs::read_to_string(&html[0]).unwrap();
    assert!(page.contains("민원 응대 훈련 점수표") && page.contains("홍길동"));
    assert!(
        records.join("exports/NanumSquareR.ttf").is_file(),
        "the font beside it"
    );
    let url = opened.unwrap();
    assert!(url.starts_with("file:///"), "{url}");
    assert!(url.ends_with(".html") && url.contains("%ED%99%8D"), "{url}");
}

/// An exports folder that cannot be written: a Korean message on screen, no file, no panic,
/// and the app goes on.
#[test]
fn an_export_that_cannot_be_written_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records");
    record(
        &Store::at(&records).unwrap(),
        "victim-family-delay",
        "홍길동",
    );
    // A file where the folder should be (a read-only folder does not stop root, who runs CI).
    std::fs::write(records.join("exports"), b"not a folder").unwrap();
    let mut h = app(&records, None);
    sign_in(&mut h, "홍길동");
    h.get_by_label("기록").click();
    settle(&mut h);
    h.get_by_label("내보내기").click();
    settle(&mut h);
    wait_for(&mut h, "the export to fail", |h| !export_running(h));
    let Screen::History(v) = h.state().screen() else {
        panic!("{:?}", h.state().screen());
    };
    let err = v.export.last.clone().unwrap().unwrap_err();
    assert!(
        err.contains("exports") && err.contains("쓸 수 없습니다"),
        "{err}"
    );
    assert!(
        h.query_by_label_contains("내보내지 못했습니다").is_some(),
        "shown on screen"
    );
    h.key_press(Key::Escape);
    settle(&mut h);
    assert!(matches!(h.state().screen(), Screen::Library));
}

/// The LRS fields in settings: a bad address is refused with a reason, a good one saved with
/// the secret, homePage and pass mark.
#[test]
fn lrs_settings_are_entered_checked_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(&dir.path().join("records"), None);
    sign_in(&mut h, "교관");
    h.get_by_label("설정").click();
    settle(&mut h);
    for (field, text) in [
        ("LRS 주소", "lrs.example.go.kr/xAPI"),
        ("LRS 키", "minwon"),
        ("LRS 비밀번호", "s3cret"),
    ] {
        h.get_by_label(field).scroll_to_me();
        settle(&mut h);
        h.get_by_label(field).click();
        settle(&mut h);
        h.get_by_label(field).type_text(text);
        settle(&mut h);
    }
    h.get_by_label("저장").click();
    settle(&mut h);
    assert!(
        matches!(h.state().screen(), Screen::Settings { .. }),
        "not saved"
    );
    assert!(
        h.query_by_label_contains("http:// 또는 https://로 시작해야")
            .is_some()
    );
    h.get_by_label("LRS 주소").click();
    settle(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.get_by_label("LRS 주소")
        .type_text("http://127.0.0.1:9/xAPI/");
    settle(&mut h);
    h.get_by_label("저장").click();
    settle(&mut h);
    assert!(matches!(h.state().screen(), Screen::Library));
    let x = &h.state().settings().xapi;
    assert_eq!(x.endpoint, "http://127.0.0.1:9/xAPI/");
    assert_eq!((x.key.as_str(), x.secret.as_str()), ("minwon", "s3cret"));
    assert_eq!(x.pass_mark, 70);
    assert!(h.state().sender_status().is_some(), "the sender runs");
}

fn lrs_settings(endpoint: &str) -> Settings {
    Settings {
        xapi: XapiSettings {
            endpoint: endpoint.into(),
            home_page: "https://songpa.example.go.kr".into(),
            ..XapiSettings::default()
        },
        ..Settings::default()
    }
}

fn pending(records: &Path) -> Vec<PathBuf> {
    minwon::records::outbox::Outbox::new(records.join("outbox")).pending()
}

/// With an LRS set but not answering, a finished session's two statements wait in the outbox
/// (nothing is lost), and the dashboard says so.
#[test]
fn finishing_a_session_with_an_lrs_set_leaves_its_statements_in_the_outbox() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records");
    // Port 9 (discard) on localhost: nothing listens.
    let mut h = app(&records, Some(lrs_settings("http://127.0.0.1:9/xAPI/")));
    sign_in(&mut h, "홍길동");
    play(&mut h, "피해자 가족의 수사 지연 항의");
    wait_for(&mut h, "two statements in the outbox", |_| {
        pending(&records).len() == 2
    });
    let listing = Store::at(&records).unwrap().list();
    let id = listing.records[0].header.id;
    let names: Vec<String> = pending(&records)
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(names.contains(&xapi::statement_id(id, xapi::VERB_COMPLETED).to_string()));
    let statement: serde_json::Value = serde_json::from_slice(
        &std::fs::read(records.join("outbox").join(format!(
            "{}.json",
            xapi::statement_id(id, xapi::VERB_COMPLETED)
        )))
        .unwrap(),
    )
    .unwrap();
    assert_eq!(
        statement["actor"]["account"]["homePage"],
        "https://songpa.example.go.kr"
    );
    assert_eq!(statement["actor"]["account"]["name"], "홍길동");
    wait_for(&mut h, "the sender to try", |h| {
        h.state()
            .sender_status()
            .is_some_and(|s| s.last_error.is_some() && s.waiting == 2)
    });
    h.get_by_label("교관 현황판").click();
    settle(&mut h);
    assert!(
        h.query_by_label_contains("LRS로 보낼 것 2건").is_some(),
        "the status is on the dashboard"
    );
    // A restart does not queue the same session again.
    drop(h);
    let mut h = app(&records, Some(lrs_settings("http://127.0.0.1:9/xAPI/")));
    settle(&mut h);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(pending(&records).len(), 2);
}

/// Against a real LRS (`eval "$(scripts/lrs.sh start)"`, as `.ci/run` does): a session
/// finished in the app reaches it through the background sender, and the outbox empties.
#[test]
fn a_session_finished_in_the_app_reaches_a_real_lrs() {
    let Some(endpoint) = std::env::var("MINWON_TEST_LRS")
        .ok()
        .filter(|v| !v.is_empty())
    else {
        if std::env::var_os("CI").is_some() {
            panic!(
                "MINWON_TEST_LRS is not set under CI: .ci/run must start the LRS (scripts/lrs.sh)"
            );
        }
        println!(
            "SKIPPED: no LRS (set MINWON_TEST_LRS, or run `eval \"$(scripts/lrs.sh start)\"` first)"
        );
        return;
    };
    let mut settings = lrs_settings(&endpoint);
    settings.xapi.key = std::env::var("MINWON_TEST_LRS_KEY").unwrap_or_default();
    settings.xapi.secret = std::env::var("MINWON_TEST_LRS_SECRET").unwrap_or_default();
    let client = minwon::records::outbox::Client::new(&settings.xapi).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records");
    let mut h = app(&records, Some(settings));
    sign_in(&mut h, "LRS-APP");
    play(&mut h, "피해자 가족의 수사 지연 항의");
    wait_for(&mut h, "the outbox to be sent", |h| {
        h.state().sender_status().is_some_and(|s| s.delivered >= 2) && pending(&records).is_empty()
    });
    let id = Store::at(&records).unwrap().list().records[0].header.id;
    let sid = xapi::statement_id(id, xapi::VERB_COMPLETED).to_string();
    let stored = client.get(&sid).unwrap().expect("the LRS has it");
    assert_eq!(stored["actor"]["account"]["name"], "LRS-APP");
    assert_eq!(h.state().sender_status().unwrap().last_error, None);
}

/// A 일일열사 visit is journaled like a role-play: begun on meeting, a line per answer,
/// finished when the visit ends, so it is in the history and on the dashboard.
#[test]
fn a_visit_of_the_day_lands_in_the_records() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records");
    let mut h = app(&records, None);
    sign_in(&mut h, "홍길동");
    h.get_by_label("일일열사 하루 시작").click();
    settle(&mut h);
    h.get_by_label("만나러 가기 ▶").click();
    settle(&mut h);
    let scenario = h
        .state()
        .roleplay()
        .unwrap()
        .session()
        .scenario()
        .id
        .clone();
    answer(
        &mut h,
        "안녕하세요, ○○지구대 김민수 경위입니다. 요즘 동네에서 걱정되시는 점 있으세요?",
    );
    let store = Store::at(&records).unwrap();
    let journals = std::fs::read_dir(&records)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".journal.jsonl"))
        .count();
    assert_eq!(journals, 1, "journaled while the visit goes on");
    h.get_by_label("상담 종료").click();
    settle(&mut h);
    h.get_by_label("끝내고 점수표 보기").click();
    settle(&mut h);
    assert!(matches!(
        h.state().day().unwrap().phase,
        minwon::app::DayPhase::Ledger(_)
    ));
    let listing = store.list();
    assert_eq!(listing.records.len(), 1, "{:?}", listing.problems);
    let r = &listing.records[0];
    assert_eq!(r.header.scenario, scenario);
    assert_eq!(r.header.trainee.id, "홍길동");
    assert_eq!(r.summary().status, Status::Finished);
    assert_eq!(r.summary().turns, 1);
    assert!(store.unfinished().is_empty(), "the journal is gone");
    let full = store.read(&r.path).unwrap();
    assert!(full.turns[0].text.contains("김민수 경위"));
    assert!(full.end.scorecard.is_some());
}

/// A big folder is listed on a thread of its own: a spinner first, then the screen; 취소 goes
/// back. (`background_listing: Some(0)` makes any folder "big".)
#[test]
fn a_big_folder_is_listed_off_the_ui_thread_behind_a_spinner() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::app_harness(
        [1280.0, 800.0],
        None,
        Startup {
            seed: Some(7),
            records_dir: Some(dir.path().to_path_buf()),
            background_listing: Some(0),
            ..Startup::default()
        },
    );
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        minwon::app::Action::Begin {
            trainee: "홍길동".into(),
            mode: minwon::app::Mode::Practice,
        },
        &ctx,
    );
    h.state_mut()
        .apply(minwon::app::Action::OpenDashboard, &ctx);
    assert!(matches!(h.state().screen(), Screen::Loading(_)));
    let start = Instant::now();
    while matches!(h.state().screen(), Screen::Loading(_))
        && start.elapsed() < Duration::from_secs(20)
    {
        h.step();
    }
    assert!(matches!(h.state().screen(), Screen::Dashboard(_)));
    // The history, cancelled while it reads.
    h.state_mut()
        .apply(minwon::app::Action::BackToLibrary, &ctx);
    h.state_mut()
        .apply(minwon::app::Action::OpenHistory(None), &ctx);
    assert!(matches!(h.state().screen(), Screen::Loading(_)));
    h.state_mut()
        .apply(minwon::app::Action::BackToLibrary, &ctx);
    h.run_steps(5);
    assert!(
        matches!(h.state().screen(), Screen::Library),
        "a listing that arrives after 취소 does not bring the history back"
    );
}
