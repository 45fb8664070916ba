//! The whole app, headless (egui_kittest): a trainee signs in, picks `hit-and-run-swearing`,
//! answers in typed Korean with action buttons, sees the complainant reply and the detected
//! chips, ends the session and reads the scorecard. Also: IME composition, settings across a
//! restart (through eframe's storage), settings returning to the screen they were opened from,
//! actions that no longer apply, a broken scenario folder, broken saved settings, small windows.
#![cfg(feature = "gui")]

mod common;

use std::path::Path;

use common::{MemoryStorage, app_harness, storage_with};
use egui::{Event, ImeEvent, Key};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use minwon::app::settings::STORAGE_KEY;
use minwon::app::{Action, Confirm, MinwonApp, Mode, Screen, Settings, Startup, ThemeChoice};
use minwon::model::EndingKind;

fn app_from(storage: Option<MemoryStorage>, size: [f32; 2]) -> Harness<'static, MinwonApp> {
    app_harness(
        size,
        storage,
        Startup {
            seed: Some(11),
            ..Startup::default()
        },
    )
}

/// The app started with `saved` as the settings text in eframe's storage.
fn app_with(saved: Option<String>, size: [f32; 2]) -> Harness<'static, MinwonApp> {
    let storage = saved.map(|text| {
        let mut s = MemoryStorage::default();
        eframe::Storage::set_string(&mut s, STORAGE_KEY, text);
        s
    });
    app_from(storage, size)
}

fn app() -> Harness<'static, MinwonApp> {
    app_with(None, [1280.0, 800.0])
}

fn on_library(h: &Harness<'_, MinwonApp>) -> bool {
    matches!(h.state().screen(), Screen::Library)
}

fn settle(h: &mut Harness<'_, MinwonApp>) {
    h.run_steps(4);
}

/// Signs in as 홍길동 in `mode` and opens the briefing of `title`.
fn sign_in_and_open(h: &mut Harness<'_, MinwonApp>, mode: &str, title: &str) {
    settle(h);
    h.get_by_label("이름 또는 교번").click();
    settle(h);
    h.get_by_label("이름 또는 교번").type_text("홍길동");
    settle(h);
    h.get_by_label_contains(mode).click();
    settle(h);
    h.get_by_label("훈련 시작").click();
    settle(h);
    assert!(on_library(h), "{:?}", h.state().screen());
    // With a big pack the card may be below the fold.
    h.get_by_label(&format!("{title} 시작하기")).scroll_to_me();
    settle(h);
    h.get_by_label(&format!("{title} 시작하기")).click();
    settle(h);
    assert!(matches!(h.state().screen(), Screen::Briefing(_)));
}

/// Ends the role-play with 상담 종료 and confirms it.
fn end_session(h: &mut Harness<'_, MinwonApp>) {
    h.get_by_label("상담 종료").click();
    settle(h);
    h.get_by_label("끝내고 점수표 보기").click();
    settle(h);
}

/// Types a name on the start screen (never filled in from the last trainee) and begins.
fn sign_in(h: &mut Harness<'_, MinwonApp>) {
    settle(h);
    h.get_by_label("이름 또는 교번").type_text("홍길동");
    settle(h);
    h.get_by_label("훈련 시작").click();
    settle(h);
}

fn start_roleplay(h: &mut Harness<'_, MinwonApp>) {
    h.get_by_label("응대 시작 ▶").click();
    settle(h);
    assert!(matches!(h.state().screen(), Screen::Roleplay { .. }));
}

fn answer(h: &mut Harness<'_, MinwonApp>, text: &str) {
    h.get_by_label("응답").click();
    settle(h);
    h.get_by_label("응답").type_text(text);
    settle(h);
    h.key_press(Key::Enter);
    settle(h);
}

fn turns(h: &Harness<'_, MinwonApp>) -> usize {
    h.state()
        .roleplay()
        .map_or(0, |r| r.session().turns().len())
}

#[test]
fn a_whole_practice_session() {
    let mut h = app();
    sign_in_and_open(&mut h, "연습 — ", "사고 후 미조치 피의자의 욕설");
    assert!(
        h.query_by_label_contains("민원인").is_some(),
        "briefing shows the persona"
    );
    start_roleplay(&mut h);

    // The complainant opens; the trainee bows, offers a seat and greets.
    let opening = h
        .state()
        .roleplay()
        .unwrap()
        .session()
        .opening()
        .text
        .clone();
    assert!(
        h.query_by_label(&opening).is_some(),
        "opening line shown: {opening}"
    );
    h.get_by_label("90도 인사").click();
    settle(&mut h);
    h.get_by_label("의자 빼드리기").click();
    settle(&mut h);
    answer(
        &mut h,
        "안녕하십니까, 교통조사계 김민수 조사관입니다. 이쪽으로 앉으십시오.",
    );
    assert_eq!(turns(&h), 1);
    {
        let rp = h.state().roleplay().unwrap();
        let t = &rp.session().turns()[0];
        assert_eq!(
            t.turn.actions,
            vec![minwon::model::Action::Bow, minwon::model::Action::OfferSeat]
        );
        assert!(rp.input().is_empty(), "input cleared after sending");
        assert!(!t.reply.text.is_empty());
    }
    let reply = h.state().roleplay().unwrap().session().turns()[0]
        .reply
        .text
        .clone();
    assert!(
        h.query_by_label(&reply).is_some(),
        "the complainant's reply is shown"
    );
    for chip in ["○ 첫인사", "○ 소속·성명 소개", "○ 자리 권유 (의자 빼주기)"]
    {
        assert!(h.query_by_label(chip).is_some(), "chip {chip}");
    }

    // Empathy and a polite request to stop swearing.
    answer(
        &mut h,
        "많이 화가 나셨겠습니다. 다만 그렇게 말씀하시면 정상적인 응대가 어렵습니다.",
    );
    assert_eq!(turns(&h), 2);
    assert!(h.query_by_label("○ 감정 공감").is_some());
    // The rung is named, not the item every rung earns.
    assert!(h.query_by_label("○ 대응 ① 정중한 중단 요청").is_some());
    assert!(h.query_by_label("○ 정중한 제지·경고").is_none());

    // A slip into 반말 and blame is caught.
    answer(&mut h, "아저씨가 도망가셨잖아. 거기 앉아.");
    assert_eq!(turns(&h), 3);
    assert!(h.query_by_label("× 반말").is_some());
    assert!(h.query_by_label("× 단정·비난").is_some());
    // Each violation quotes the words that caused it, with what to do instead.
    assert!(
        h.query_by_label_contains("단정·비난: \"아저씨가 도망가셨잖아")
            .is_some(),
        "the blame is quoted"
    );

    // Shift+Enter makes a new line instead of sending.
    h.get_by_label("응답").click();
    settle(&mut h);
    h.get_by_label("응답").type_text("첫 줄");
    settle(&mut h);
    h.key_press_modifiers(egui::Modifiers::SHIFT, Key::Enter);
    settle(&mut h);
    assert_eq!(turns(&h), 3);
    assert_eq!(h.state().roleplay().unwrap().input(), "첫 줄\n");
    h.get_by_label("응답").type_text("둘째 줄입니다.");
    h.key_press(Key::Enter);
    settle(&mut h);
    assert_eq!(turns(&h), 4);
    assert_eq!(
        h.state().roleplay().unwrap().session().turns()[3].turn.text,
        "첫 줄\n둘째 줄입니다."
    );

    end_session(&mut h);
    assert!(matches!(h.state().screen(), Screen::Scorecard { .. }));
    let card = h.state().scorecard().unwrap().clone();
    assert_eq!(card.outcome, EndingKind::EndedByTrainee);
    let met: Vec<&str> = card
        .items
        .iter()
        .filter(|i| i.met)
        .map(|i| i.id.as_str())
        .collect();
    for id in [
        "greeting",
        "self_intro",
        "offer_seat",
        "empathy",
        "boundary",
    ] {
        assert!(met.contains(&id), "{id} met: {met:?}");
    }
    let violations: Vec<(&str, u32)> = card
        .violations
        .iter()
        .map(|v| (v.id.as_str(), v.turn))
        .collect();
    assert!(
        violations.contains(&("informal_speech", 3)),
        "{violations:?}"
    );
    assert!(violations.contains(&("blame", 3)), "{violations:?}");
    // The scorecard shows the total, the missed items' model phrases and the quoted violation.
    assert!(h.query_by_label(&format!("{}", card.total)).is_some());
    assert!(
        h.query_all_by_label_contains("\"아저씨가 도망가셨잖아.\"")
            .count()
            >= 1
    );
    assert!(h.query_all_by_label_contains("놓침 — 예:").count() >= 1);
    assert!(h.query_by_label("다음에 이렇게 해 보십시오").is_some());
    // The breakdown under the total shows the card's own numbers, and they add up to it.
    let b = card.breakdown();
    let shown = |label: &str| h.query_all_by_label(label).count() >= 1;
    for label in [
        "체크리스트 항목".to_owned(),
        format!("{:.0}점의 {}%", card.item_points, b.items_percent),
        format!("+{}", b.items),
        "대화 깊이".to_owned(),
        format!("{:.0}점의 {}%", card.depth_points, b.depth_percent),
        format!("+{}", b.depth),
        format!("벌점 {}점 중 {}%", card.penalty_points, b.penalty_percent),
        format!("−{}", b.deducted),
        format!("= {}점", card.total),
    ] {
        assert!(shown(&label), "breakdown shows {label:?}: {b:?}");
    }
    assert!(card.penalty_points > 0 && b.deducted > 0, "{b:?}");
    let sum = b.items + b.depth - b.deducted;
    match b.capped_at {
        Some(cap) => {
            assert!(shown(&format!("→ {cap}")), "{b:?}");
            assert_eq!(i64::from(cap), i64::from(card.total));
        }
        None => assert_eq!(sum.max(0), i64::from(card.total), "{b:?}"),
    }
    // The old line that did not add up is gone.
    assert!(h.query_by_label_contains("항목 점수").is_none());

    // Retry starts a new session of the same scenario.
    h.get_by_label("다시 하기").click();
    settle(&mut h);
    assert!(matches!(h.state().screen(), Screen::Roleplay { .. }));
    assert_eq!(turns(&h), 0);
    end_session(&mut h);
    h.get_by_label("← 시나리오 목록").click();
    settle(&mut h);
    assert!(on_library(&h));
}

#[test]
fn assessment_mode_hides_feedback_until_the_end() {
    let mut h = app();
    sign_in_and_open(&mut h, "평가 — ", "피해자 가족의 수사 지연 항의");
    start_roleplay(&mut h);
    assert!(h.query_by_label("민원인의 기분").is_none());
    assert!(h.query_by_label("힌트 보기").is_none());
    answer(&mut h, "오래 기다리시게 해서 정말 죄송합니다.");
    assert_eq!(turns(&h), 1);
    assert!(
        h.query_by_label("○ 불편에 대한 사과").is_none(),
        "no chips in assessment"
    );
    end_session(&mut h);
    let card = h.state().scorecard().unwrap();
    assert!(card.items.iter().any(|i| i.id == "apology" && i.met));
}

/// Composition of `다` then Enter: the syllable is committed into the message exactly once.
#[test]
fn ime_composition_then_enter_sends_once() {
    let mut h = app();
    sign_in_and_open(&mut h, "연습 — ", "사고 후 미조치 피의자의 욕설");
    start_roleplay(&mut h);
    h.get_by_label("응답").click();
    settle(&mut h);
    h.get_by_label("응답").type_text("안녕하십니");
    settle(&mut h);
    let preedit = |t: &str| {
        Event::Ime(ImeEvent::Preedit {
            text: t.into(),
            active_range_chars: None,
        })
    };
    // Some IMEs send Enter while the syllable is still composing, and commit afterwards.
    h.event(preedit("ㄲ"));
    h.event(preedit("까"));
    h.key_press(Key::Enter);
    settle(&mut h);
    assert_eq!(
        turns(&h),
        0,
        "nothing is sent while the syllable is composing"
    );
    h.event(Event::Ime(ImeEvent::Commit("까".into())));
    settle(&mut h);
    assert_eq!(turns(&h), 1);
    assert_eq!(
        h.state().roleplay().unwrap().session().turns()[0].turn.text,
        "안녕하십니까"
    );
    assert_eq!(h.state().roleplay().unwrap().input(), "");
    settle(&mut h);
    assert_eq!(turns(&h), 1, "sent exactly once");

    // Others commit and deliver Enter in the same frame.
    h.get_by_label("응답").click();
    settle(&mut h);
    h.get_by_label("응답").type_text("네, 많이 놀라셨겠습니");
    settle(&mut h);
    h.event(preedit("다"));
    settle(&mut h);
    let events = &mut h.input_mut().events;
    events.push(Event::Ime(ImeEvent::Commit("다".into())));
    events.push(Event::Key {
        key: Key::Enter,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    });
    settle(&mut h);
    assert_eq!(turns(&h), 2);
    assert_eq!(
        h.state().roleplay().unwrap().session().turns()[1].turn.text,
        "네, 많이 놀라셨겠습니다"
    );
    assert_eq!(h.state().roleplay().unwrap().input(), "");
}

#[test]
fn settings_survive_a_restart() {
    let mut h = app();
    settle(&mut h);
    h.get_by_label("설정").click();
    settle(&mut h);
    assert!(matches!(h.state().screen(), Screen::Settings { .. }));
    h.get_by_label("어둡게").click();
    settle(&mut h);
    h.get_by_label("glow (OpenGL)").click();
    settle(&mut h);
    let dir = tempfile::tempdir().unwrap();
    h.get_by_label("폴더 경로").click();
    settle(&mut h);
    h.get_by_label("폴더 경로")
        .type_text(dir.path().to_str().unwrap());
    settle(&mut h);
    h.get_by_label("폴더 추가").click();
    settle(&mut h);
    h.get_by_label("저장").click();
    settle(&mut h);
    assert!(matches!(h.state().screen(), Screen::Start(_)));
    // eframe calls `save` on exit (and every 30 s); the next start reads the same storage.
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    assert!(storage.0.contains_key(STORAGE_KEY));

    let h2 = app_from(Some(storage), [1280.0, 800.0]);
    let s: &Settings = h2.state().settings();
    assert_eq!(s.theme, ThemeChoice::Dark);
    assert_eq!(s.renderer, minwon::app::RendererChoice::Glow);
    assert_eq!(s.scenario_folders, vec![dir.path().to_path_buf()]);
    assert!(h2.ctx.global_style().visuals.dark_mode);
}

#[test]
fn broken_saved_settings_fall_back_with_a_warning() {
    let mut h = app_with(
        Some("(text_scale: \"huge\", theme: Purple".into()),
        [1280.0, 800.0],
    );
    settle(&mut h);
    assert_eq!(h.state().settings(), &Settings::default());
    assert_eq!(h.state().notices().len(), 1);
    assert!(
        h.query_by_label_contains("기본 설정으로 시작합니다")
            .is_some()
    );
    h.get_by_label("닫기").click();
    settle(&mut h);
    assert!(h.state().notices().is_empty());
}

#[test]
fn a_broken_scenario_folder_shows_its_error_while_the_rest_load() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lost-wallet.ron");
    std::fs::copy(&fixture, dir.path().join("lost-wallet.ron")).unwrap();
    std::fs::write(
        dir.path().join("broken.ron"),
        "Scenario(\n  id: \"broken\",\n  title: 3,\n)",
    )
    .unwrap();
    let settings = Settings {
        scenario_folders: vec![dir.path().to_path_buf()],
        trainee: "홍길동".into(),
        mode: Mode::Practice,
        ..Settings::default()
    };
    let mut h = app_from(Some(storage_with(&settings)), [1280.0, 800.0]);
    for _ in 0..200 {
        if !h.state().is_loading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    assert!(!h.state().is_loading());
    sign_in(&mut h);
    assert!(h.query_by_label("불러오지 못한 파일 1개").is_some());
    assert!(h.query_by_label_contains("broken.ron").is_some());
    assert!(
        h.query_by_label_contains("3:10").is_some(),
        "line:col of the bad title"
    );
    // The folder's good scenario and the built-in ones are all there.
    assert!(
        h.query_by_label("지갑 분실 민원 (시험용) 시작하기")
            .is_some()
    );
    assert!(
        h.query_by_label("사고 후 미조치 피의자의 욕설 시작하기")
            .is_some()
    );
}

/// The library of a signed-in trainee with `text` typed into the search.
fn library_searching(text: &str) -> Harness<'static, MinwonApp> {
    let mut h = app_from(
        Some(storage_with(&Settings {
            trainee: "홍길동".into(),
            ..Settings::default()
        })),
        [1280.0, 800.0],
    );
    sign_in(&mut h);
    h.get_by_label("검색").click();
    settle(&mut h);
    h.get_by_label("검색").type_text(text);
    settle(&mut h);
    h
}

#[test]
fn library_search_and_filters() {
    let mut h = library_searching("수사 지연");
    assert!(
        h.query_by_label("피해자 가족의 수사 지연 항의 시작하기")
            .is_some()
    );
    assert!(
        h.query_by_label("사고 후 미조치 피의자의 욕설 시작하기")
            .is_none()
    );
    h.get_by_label("검색").type_text(" 없는말");
    settle(&mut h);
    assert!(
        h.query_by_label_contains("조건에 맞는 시나리오가 없습니다")
            .is_some()
    );
    // Reset, then a word found only in a setting says where it was found.
    h.get_by_label("필터 초기화").click();
    settle(&mut h);
    assert!(h.query_by_label("필터 초기화").is_none());
    h.get_by_label("검색").click();
    settle(&mut h);
    h.get_by_label("검색").type_text("사이드미러");
    settle(&mut h);
    assert!(
        h.query_by_label_contains("검색: '사이드미러' — ").is_some(),
        "the reason of a match that the card does not show"
    );
    // Esc clears the search.
    h.key_press(Key::Escape);
    settle(&mut h);
    assert!(h.query_by_label("필터 초기화").is_none());
    // A tag on a card filters by it.
    let all = library_count(&h);
    h.get_all_by_label("지구대").next().unwrap().click();
    settle(&mut h);
    let with_tag = library_count(&h);
    assert!(with_tag < all, "{with_tag} of {all}");
    assert!(h.query_by_label("필터 초기화").is_some());
}

/// The number of scenario cards shown.
fn library_count(h: &Harness<'_, MinwonApp>) -> usize {
    h.query_all_by_label_contains(" 시작하기").count()
}

#[test]
fn small_window_shows_every_screen() {
    let mut h = app_with(None, [1024.0, 640.0]);
    sign_in_and_open(&mut h, "연습 — ", "사고 후 미조치 피의자의 욕설");
    start_roleplay(&mut h);
    answer(&mut h, "안녕하십니까. 많이 놀라셨겠습니다.");
    // The input, the send button and the end button stay inside the window.
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1024.0, 640.0));
    for label in ["응답", "보내기", "상담 종료", "녹음 고지", "배웅하기"] {
        let r = h.get_by_label(label).rect();
        assert!(screen.contains_rect(r), "{label} at {r:?} is cut off");
    }
    end_session(&mut h);
    for label in ["다시 하기", "← 시나리오 목록"] {
        let r = h.get_by_label(label).rect();
        assert!(screen.contains_rect(r), "{label} at {r:?} is cut off");
    }
}

/// Settings return to the screen they were opened from, in the state it was left: the library
/// with its search, the scorecard of the session just played.
#[test]
fn settings_return_to_the_screen_they_came_from() {
    let mut h = library_searching("수사 지연");
    h.get_by_label("설정").click();
    settle(&mut h);
    match h.state().screen() {
        Screen::Settings { return_to, .. } => {
            assert!(matches!(**return_to, Screen::Library), "{return_to:?}")
        }
        other => panic!("settings expected, got {other:?}"),
    }
    h.get_by_label("취소").click();
    settle(&mut h);
    assert!(on_library(&h));
    assert!(
        h.query_by_label("사고 후 미조치 피의자의 욕설 시작하기")
            .is_none(),
        "the search is kept"
    );
    h.get_by_label("피해자 가족의 수사 지연 항의 시작하기")
        .click();
    settle(&mut h);
    start_roleplay(&mut h);
    // No settings during a role-play.
    assert!(h.query_by_label("설정").is_none());
    answer(&mut h, "오래 기다리시게 해서 정말 죄송합니다.");
    end_session(&mut h);
    let total = h.state().scorecard().unwrap().total;

    h.get_by_label("설정").click();
    settle(&mut h);
    h.get_by_label("어둡게").click();
    settle(&mut h);
    h.get_by_label("저장").click();
    settle(&mut h);
    assert!(matches!(h.state().screen(), Screen::Scorecard { .. }));
    assert_eq!(h.state().scorecard().unwrap().total, total);
    assert_eq!(h.state().scorecard().unwrap().turn_count, 1, "same session");
    assert_eq!(h.state().settings().theme, ThemeChoice::Dark);
    assert!(h.ctx.global_style().visuals.dark_mode);
    // The scorecard still works: retry starts a new session of the same scenario.
    h.get_by_label("다시 하기").click();
    settle(&mut h);
    let rp = h.state().roleplay().unwrap();
    assert_eq!(rp.session().scenario().id, "victim-family-delay");
    assert!(rp.session().turns().is_empty());
}

/// Ending a role-play plays no extra turn and ends it once: the scorecard counts what was said.
/// Actions that no longer apply to the screen shown (two clicks in one frame) change nothing.
#[test]
fn finishing_ends_once_and_stale_actions_change_nothing() {
    let mut h = app();
    sign_in_and_open(&mut h, "연습 — ", "사고 후 미조치 피의자의 욕설");
    start_roleplay(&mut h);
    answer(&mut h, "안녕하십니까. 많이 놀라셨겠습니다.");
    assert_eq!(turns(&h), 1);
    let ctx = h.ctx.clone();
    // Two actions in one frame, as the role-play's end button and a late Enter would send them.
    h.state_mut().apply(Action::Finish, &ctx);
    h.state_mut().apply(
        Action::Say(minwon::model::TraineeTurn::parse("네.").0),
        &ctx,
    );
    h.state_mut().apply(Action::Finish, &ctx);
    settle(&mut h);
    let card = h.state().scorecard().expect("scorecard shown").clone();
    assert_eq!(card.turn_count, 1);
    assert_eq!(card.outcome, EndingKind::EndedByTrainee);
    // The scorecard ignores actions of other screens.
    for stale in [
        Action::Start,
        Action::Open("victim-family-delay".into()),
        Action::CloseSettings(None),
        Action::Begin {
            trainee: "다른 사람".into(),
            mode: Mode::Assessment,
        },
    ] {
        h.state_mut().apply(stale.clone(), &ctx);
        assert!(
            matches!(h.state().screen(), Screen::Scorecard { .. }),
            "{stale:?} moved the scorecard"
        );
    }
    assert_eq!(h.state().settings().trainee, "홍길동");
    // An unknown scenario id keeps the library and says why.
    h.state_mut().apply(Action::BackToLibrary, &ctx);
    h.state_mut()
        .apply(Action::Open("no-such-scenario".into()), &ctx);
    assert!(on_library(&h));
    assert!(
        h.state()
            .notices()
            .iter()
            .any(|n| n.contains("no-such-scenario"))
    );
}

/// Settings saved by an older version (fewer fields) or out of range still start the app.
#[test]
fn old_saved_settings_start_the_app() {
    let h = app_with(
        Some("(theme: Dark, renderer: Glow, retired_field: true)".into()),
        [1280.0, 800.0],
    );
    assert_eq!(h.state().settings().theme, ThemeChoice::Dark);
    assert_eq!(h.state().settings().text_scale, 1.0);
    assert!(h.state().notices().is_empty());
    let h = app_with(Some("(text_scale: 40.0)".into()), [1280.0, 800.0]);
    assert_eq!(h.state().settings().text_scale, 1.6);
    assert_eq!(h.state().notices().len(), 1);
}

fn has_focus(h: &Harness<'_, MinwonApp>, label: &str) -> bool {
    h.get_by_label(label).is_focused()
}

/// 상담 종료 asks first; the safe answer has the focus, so Enter or Esc keeps the session.
#[test]
fn ending_a_session_asks_first_and_keeps_it_on_cancel() {
    let mut h = app();
    sign_in_and_open(&mut h, "연습 — ", "사고 후 미조치 피의자의 욕설");
    start_roleplay(&mut h);
    answer(&mut h, "안녕하십니까. 많이 놀라셨겠습니다.");
    h.get_by_label("상담 종료").click();
    settle(&mut h);
    assert_eq!(h.state().confirm(), Some(Confirm::EndSession));
    assert!(
        h.query_by_label_contains("지금 1/").is_some(),
        "says how far it got"
    );
    assert!(has_focus(&h, "계속 응대하기"), "the safe answer is focused");
    h.key_press(Key::Enter);
    settle(&mut h);
    assert_eq!(h.state().confirm(), None);
    assert!(matches!(h.state().screen(), Screen::Roleplay { .. }));
    assert!(has_focus(&h, "응답"), "back in the answer box");

    h.get_by_label("상담 종료").click();
    settle(&mut h);
    h.key_press(Key::Escape);
    settle(&mut h);
    assert_eq!(h.state().confirm(), None, "Esc keeps the session");
    assert!(matches!(h.state().screen(), Screen::Roleplay { .. }));
    assert_eq!(turns(&h), 1);

    end_session(&mut h);
    assert!(matches!(h.state().screen(), Screen::Scorecard { .. }));
    assert_eq!(h.state().scorecard().unwrap().turn_count, 1);
}

/// From the answer box, Tab and Enter can never end a session by themselves.
#[test]
fn tab_and_enter_from_the_answer_box_do_not_end_the_session() {
    let mut h = app();
    sign_in_and_open(&mut h, "연습 — ", "사고 후 미조치 피의자의 욕설");
    start_roleplay(&mut h);
    for tabs in 1..=6 {
        h.get_by_label("응답").focus();
        settle(&mut h);
        for _ in 0..tabs {
            h.key_press(Key::Tab);
            settle(&mut h);
        }
        h.key_press(Key::Enter);
        settle(&mut h);
        assert!(
            matches!(h.state().screen(), Screen::Roleplay { .. }),
            "{tabs} tabs + Enter ended the session"
        );
        // Whatever was reached, the question (if any) is answered with Esc; a pause is
        // lifted.
        h.key_press(Key::Escape);
        settle(&mut h);
        assert_eq!(h.state().confirm(), None);
        if h.state().roleplay().unwrap().is_paused() {
            h.get_by_label("계속하기").click();
            settle(&mut h);
        }
    }
    assert!(!h.state().roleplay().unwrap().session().is_over());
}

/// Closing the window during a role-play is held back and asked about.
#[test]
fn closing_the_window_mid_session_asks_first() {
    let mut h = app();
    sign_in_and_open(&mut h, "연습 — ", "사고 후 미조치 피의자의 욕설");
    start_roleplay(&mut h);
    answer(&mut h, "안녕하십니까. 많이 놀라셨겠습니다.");
    let request_close = |h: &mut Harness<'_, MinwonApp>| {
        h.input_mut()
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default()
            .events
            .push(egui::ViewportEvent::Close);
        h.step();
        settle(h);
    };
    request_close(&mut h);
    assert_eq!(h.state().confirm(), Some(Confirm::CloseWindow));
    assert!(!h.state().is_closing());
    h.get_by_label("계속 응대하기").click();
    settle(&mut h);
    assert!(matches!(h.state().screen(), Screen::Roleplay { .. }));
    assert_eq!(turns(&h), 1, "nothing lost");

    request_close(&mut h);
    h.get_by_label("상담을 버리고 닫기").click();
    settle(&mut h);
    assert!(h.state().is_closing());
    assert_eq!(h.state().confirm(), None);
}

/// No session going: closing is not asked about.
#[test]
fn closing_the_window_outside_a_session_does_not_ask() {
    let mut h = app();
    sign_in(&mut h);
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.step();
    settle(&mut h);
    assert_eq!(h.state().confirm(), None);
}

/// The name field has the focus on the start screen, the answer box on the role-play; Enter
/// on the briefing starts, Esc goes back; Esc cancels settings.
#[test]
fn focus_enter_and_esc_where_a_keyboard_user_expects_them() {
    let mut h = app();
    settle(&mut h);
    assert!(has_focus(&h, "이름 또는 교번"));
    assert_eq!(
        h.get_by_label("이름 또는 교번").value().unwrap_or_default(),
        "",
        "the last trainee's name is not filled in"
    );
    h.get_by_label("이름 또는 교번").type_text("홍길동");
    h.key_press(Key::Enter);
    settle(&mut h);
    assert!(on_library(&h));

    let open = |h: &mut Harness<'_, MinwonApp>| {
        h.get_by_label("피해자 가족의 수사 지연 항의 시작하기")
            .scroll_to_me();
        settle(h);
        h.get_by_label("피해자 가족의 수사 지연 항의 시작하기")
            .click();
        settle(h);
        assert!(matches!(h.state().screen(), Screen::Briefing(_)));
    };
    open(&mut h);
    h.key_press(Key::Escape);
    settle(&mut h);
    assert!(on_library(&h), "Esc leaves the briefing");
    open(&mut h);
    h.key_press(Key::Enter);
    settle(&mut h);
    assert!(
        matches!(h.state().screen(), Screen::Roleplay { .. }),
        "Enter starts"
    );
    assert!(has_focus(&h, "응답"), "the answer box has the focus");

    // A hint closes with Esc.
    h.get_by_label("힌트 보기").click();
    settle(&mut h);
    assert!(h.query_by_label_contains("힌트: ").is_some());
    h.key_press(Key::Escape);
    settle(&mut h);
    assert!(h.query_by_label_contains("힌트: ").is_none());

    end_session(&mut h);
    h.get_by_label("설정").click();
    settle(&mut h);
    h.get_by_label("어둡게").click();
    settle(&mut h);
    h.key_press(Key::Escape);
    settle(&mut h);
    assert!(matches!(h.state().screen(), Screen::Scorecard { .. }));
    assert_eq!(
        h.state().settings().theme,
        ThemeChoice::Light,
        "Esc cancels"
    );
}

/// 평가 mode shows nothing that grades until the end: no stage tracker, no mood, no hint, no
/// chips, no list of what the stage still needs.
#[test]
fn assessment_mode_shows_no_progress() {
    let stage_one = |h: &Harness<'_, MinwonApp>| {
        let s = h.state().roleplay().unwrap().session().scenario().clone();
        format!("① {}", s.stages[0].title)
    };
    let mut h = app();
    sign_in_and_open(&mut h, "연습 — ", "피해자 가족의 수사 지연 항의");
    start_roleplay(&mut h);
    let label = stage_one(&h);
    assert!(
        h.query_all_by_label(&label).count() > 0,
        "practice shows {label}"
    );
    assert!(h.query_by_label("다음 단계로 가려면").is_some());

    let mut h = app();
    sign_in_and_open(&mut h, "평가 — ", "피해자 가족의 수사 지연 항의");
    start_roleplay(&mut h);
    answer(
        &mut h,
        "오래 기다리시게 해서 정말 죄송합니다. 많이 답답하셨겠습니다.",
    );
    for hidden in [
        stage_one(&h).as_str(),
        "다음 단계로 가려면",
        "민원인의 기분",
        "힌트 보기",
    ] {
        assert_eq!(
            h.query_all_by_label(hidden).count(),
            0,
            "{hidden} shown in assessment"
        );
    }
    assert!(
        h.query_by_label_contains("분노 ").is_none(),
        "no mood change chip"
    );
}

/// A second scorecard opens at its top, with the total in view, although the first one was
/// scrolled down; the grade scale is spelled out.
#[test]
fn a_second_scorecard_opens_at_the_top() {
    let mut h = app_with(None, [1024.0, 640.0]);
    sign_in_and_open(&mut h, "연습 — ", "사고 후 미조치 피의자의 욕설");
    start_roleplay(&mut h);
    answer(&mut h, "안녕하십니까. 많이 놀라셨겠습니다.");
    end_session(&mut h);
    assert!(
        h.query_by_label_contains("A 우수 90").is_some(),
        "grade scale"
    );
    h.get_by_label("대화 다시 보기").scroll_to_me();
    settle(&mut h);
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1024.0, 640.0));
    let total = |h: &Harness<'_, MinwonApp>| {
        let t = h.state().scorecard().unwrap().total;
        h.get_by_label(&format!("{t}")).rect()
    };
    assert!(
        !screen.contains_rect(total(&h)),
        "the first one was scrolled"
    );
    h.get_by_label("다시 하기").click();
    settle(&mut h);
    answer(&mut h, "안녕하십니까.");
    end_session(&mut h);
    assert!(
        screen.contains_rect(total(&h)),
        "the second scorecard starts at its total: {:?}",
        total(&h)
    );
}

/// The renderer that worked after a fallback stays remembered until the trainee changes the
/// setting: saving unchanged settings does not write "auto" over it.
#[test]
fn a_renderer_that_worked_is_not_overwritten_by_unchanged_settings() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("renderer.txt");
    std::fs::write(&file, "glow").unwrap();
    let path = file.clone();
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |cc| {
            MinwonApp::build(
                &cc.egui_ctx,
                None,
                Startup {
                    renderer_file: Some(path),
                    ..Startup::default()
                },
            )
        });
    settle(&mut h);
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "glow");
    let ctx = h.ctx.clone();
    h.state_mut().apply(Action::OpenSettings, &ctx);
    h.state_mut().apply(
        Action::CloseSettings(Some(Settings {
            renderer: minwon::app::RendererChoice::Wgpu,
            ..Settings::default()
        })),
        &ctx,
    );
    eframe::App::save(h.state_mut(), &mut storage);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "wgpu");
}

/// The station's signature practice: chosen in settings, on the briefing, tracked live in
/// practice mode, first on the scorecard, and a miss keeps the grade below A.
#[test]
fn the_station_practice_is_on_the_briefing_live_and_first_on_the_scorecard() {
    let mut h = app();
    sign_in(&mut h);
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(Action::SetPractice(Some("bow_first".into())), &ctx);
    settle(&mut h);
    let title = h.state().practice().expect("chosen").title.clone();
    h.get_by_label("사고 후 미조치 피의자의 욕설 시작하기")
        .scroll_to_me();
    settle(&mut h);
    h.get_by_label("사고 후 미조치 피의자의 욕설 시작하기")
        .click();
    settle(&mut h);
    assert!(
        h.query_by_label(&format!("우리 서 시책 — {title}"))
            .is_some()
    );
    start_roleplay(&mut h);
    // Greeting without the bow: the practice is missed, and it shows.
    answer(&mut h, "안녕하십니까, 교통조사계 김민수 조사관입니다.");
    assert!(h.query_by_label("시책: 놓침").is_some());
    end_session(&mut h);
    let card = h.state().scorecard().unwrap();
    let r = card.practice.as_ref().expect("on the scorecard");
    assert!(!r.kept);
    assert!(card.total <= 89);
    assert!(
        h.query_by_label_contains(&format!("× 우리 서 시책: {title}"))
            .is_some()
    );
}

/// A 일일열사 day in the window: meet a resident, end the talk, read the card, write the
/// ledger, see the marks, end the day, export the ledger as CSV with a BOM.
#[test]
fn a_day_of_outreach_runs_through_card_ledger_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().to_path_buf();
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |cc| {
            MinwonApp::build(
                &cc.egui_ctx,
                None,
                Startup {
                    seed: Some(3),
                    config_dir: Some(config),
                    ..Startup::default()
                },
            )
        });
    sign_in(&mut h);
    h.get_by_label("일일열사 하루 시작").click();
    settle(&mut h);
    assert!(h.state().day().is_some(), "{:?}", h.state().screen());
    assert!(h.query_by_label_contains("오늘 만난 주민 0/10").is_some());
    h.get_by_label("만나러 가기 ▶").click();
    settle(&mut h);
    answer(
        &mut h,
        "안녕하세요, ○○지구대 김민수 경위입니다. 요즘 동네에서 걱정되시는 점 있으세요?",
    );
    assert_eq!(turns(&h), 1);
    end_session(&mut h);
    assert!(matches!(
        h.state().day().unwrap().phase,
        minwon::app::DayPhase::Ledger(_)
    ));
    assert!(h.query_by_label_contains("의 요청 카드").is_some());
    for (field, text) in [
        ("장소", "골목 끝"),
        ("조치 계획", "순찰 경로에 반영하겠습니다."),
    ] {
        h.get_by_label(field).click();
        settle(&mut h);
        h.get_by_label(field).type_text(text);
        settle(&mut h);
    }
    h.get_by_label("장부에 적기").click();
    settle(&mut h);
    let day = h.state().day().unwrap();
    assert_eq!(day.day.met(), 1);
    assert_eq!(day.day.visits()[0].entry.place, "골목 끝");
    assert!(
        day.day.visits()[0].ledger.total < 100,
        "a thin entry loses points"
    );
    assert!(
        h.query_by_label_contains("장소 ").is_some(),
        "marks per field"
    );
    h.get_by_label("다음 주민 ▶").click();
    settle(&mut h);
    h.get_by_label("오늘은 여기까지").click();
    settle(&mut h);
    assert!(h.query_by_label_contains("오늘 만난 주민 1/10").is_some());
    h.get_by_label("장부 내보내기 (CSV)").click();
    settle(&mut h);
    let csv = std::fs::read_dir(dir.path().join("ledgers"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    assert!(String::from_utf8_lossy(&bytes).contains("골목 끝"));
}

fn app_with_records(dir: &std::path::Path) -> Harness<'static, MinwonApp> {
    let dir = dir.to_path_buf();
    Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |cc| {
            MinwonApp::build(
                &cc.egui_ctx,
                None,
                Startup {
                    seed: Some(5),
                    records_dir: Some(dir),
                    ..Startup::default()
                },
            )
        })
}

/// A session cut off in the middle (the app gone without finishing, as after a kill or a
/// power cut) is offered back on the next start with every turn, continues exactly where it
/// was, and ends in the records: the history plots it and the dashboard counts it.
#[test]
fn an_interrupted_session_is_offered_back_and_lands_in_the_records() {
    let dir = tempfile::tempdir().unwrap();
    let replies = {
        let mut h = app_with_records(dir.path());
        sign_in_and_open(&mut h, "연습 — ", "피해자 가족의 수사 지연 항의");
        start_roleplay(&mut h);
        answer(&mut h, "안녕하십니까, 교통조사계 김민수 조사관입니다.");
        answer(&mut h, "오래 기다리시게 해서 정말 죄송합니다.");
        let s = h.state().roleplay().unwrap().session();
        (
            s.seed(),
            s.turns()
                .iter()
                .map(|t| t.reply.text.clone())
                .collect::<Vec<_>>(),
        )
        // The harness is dropped here without the session being finished.
    };
    let mut h = app_with_records(dir.path());
    settle(&mut h);
    assert_eq!(h.state().unfinished().len(), 1);
    assert!(
        h.query_by_label_contains("끝나지 않은 상담: 피해자 가족의 수사 지연 항의")
            .is_some()
    );
    h.get_by_label("이어 하기").click();
    settle(&mut h);
    {
        let s = h.state().roleplay().expect("the session is back").session();
        assert_eq!(s.seed(), replies.0);
        let back: Vec<String> = s.turns().iter().map(|t| t.reply.text.clone()).collect();
        assert_eq!(back, replies.1, "every turn, as it was");
    }
    answer(&mut h, "많이 답답하셨겠습니다.");
    assert_eq!(turns(&h), 3);
    end_session(&mut h);
    let total = h.state().scorecard().unwrap().total;
    h.get_by_label("← 시나리오 목록").click();
    settle(&mut h);
    h.get_by_label("기록").click();
    settle(&mut h);
    assert!(h.query_by_label_contains("기록 — 홍길동").is_some());
    assert!(h.query_by_label_contains("점수의 변화 (1회)").is_some());
    assert!(
        h.query_by_label(&format!("{total}점 {}", minwon::scoring::Grade::of(total)))
            .is_some()
    );
    h.get_by_label("점수표 보기").click();
    settle(&mut h);
    assert!(matches!(h.state().screen(), Screen::Record(_)));
    assert_eq!(h.state().scorecard_shown().unwrap().total, total);
    h.key_press(Key::Escape);
    settle(&mut h);
    assert!(matches!(h.state().screen(), Screen::History(_)));
    h.get_by_label("← 시나리오 목록").click();
    settle(&mut h);
    h.get_by_label("교관 현황판").click();
    settle(&mut h);
    assert!(matches!(h.state().screen(), Screen::Dashboard(_)));
    assert!(h.query_by_label("홍길동 (홍길동)").is_some());
    assert!(h.query_by_label("피해자 가족의 수사 지연 항의").is_some());
    // Drill down to the trainee's history.
    h.get_by_label("홍길동 (홍길동)").click();
    settle(&mut h);
    assert!(matches!(h.state().screen(), Screen::History(_)));
}

/// A records folder that cannot be opened: a clear notice, and training goes on.
#[test]
fn a_records_folder_that_cannot_be_opened_is_a_notice_not_a_stop() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, b"x").unwrap();
    let mut h = app_with_records(&file);
    settle(&mut h);
    assert!(
        h.state()
            .notices()
            .iter()
            .any(|n| n.starts_with("기록을 남길 수 없습니다")),
        "{:?}",
        h.state().notices()
    );
    sign_in_and_open(&mut h, "연습 — ", "피해자 가족의 수사 지연 항의");
    start_roleplay(&mut h);
    answer(&mut h, "오래 기다리시게 해서 정말 죄송합니다.");
    end_session(&mut h);
    assert!(h.state().scorecard().is_some());
}
