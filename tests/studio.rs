//! The instructor's studio in the real app, headless (egui_kittest): 교관 모드 from the start
//! screen, a built-in scenario opened as a copy (never written), an edit that breaks the file
//! listed at its line with a click that jumps there, playtest from stage 2 with a chosen mood
//! and its watch panel, the replay after an edit, the phrase tester and a cue added, autosave
//! and recovery after a simulated crash, a change made on disk by someone else, closing with
//! unsaved edits, and a trainee's dispute reaching the studio.
#![cfg(feature = "gui")]

mod common;

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use minwon::app::studio::{AUTOSAVE_SECS, DISK_CHECK_SECS, Tab};
use minwon::app::{Action, Confirm, MinwonApp, Screen, Startup};
use minwon::library::Library;

const SCENARIO: &str = "hit-and-run-swearing";

fn app(config: &Path) -> Harness<'static, MinwonApp> {
    common::app_harness(
        [1500.0, 950.0],
        None,
        Startup {
            seed: Some(5),
            config_dir: Some(config.to_path_buf()),
            ..Startup::default()
        },
    )
}

/// Signs in to 교관 모드 from the start screen.
fn instructor(config: &Path) -> Harness<'static, MinwonApp> {
    let mut h = app(config);
    h.run_steps(3);
    h.get_by_label("이름 또는 교번").focus();
    h.run_steps(1);
    h.get_by_label("이름 또는 교번").type_text("김교관");
    h.run_steps(2);
    h.get_by_label("교관 모드 — 시나리오 쓰기·시험").click();
    h.run_steps(3);
    assert!(matches!(h.state().screen(), Screen::Library));
    assert!(h.state().is_instructor());
    h
}

fn title_of(id: &str) -> String {
    Library::builtin()
        .scenario(id)
        .expect("built-in")
        .scenario
        .title
        .clone()
}

/// Opens a built-in scenario in the studio through its card's 편집 button.
fn edit_builtin(h: &mut Harness<'static, MinwonApp>, id: &str) {
    h.get_by_label(&format!("{} 편집", title_of(id)))
        .click_accesskit();
    h.run_steps(3);
    assert!(
        h.state().studio().is_some(),
        "the studio opens: {:?}",
        h.state().notices()
    );
}

fn studio<'a>(h: &'a Harness<'static, MinwonApp>) -> &'a minwon::app::StudioView {
    h.state().studio().expect("the studio is shown")
}

fn studio_mut<'a>(h: &'a mut Harness<'static, MinwonApp>) -> &'a mut minwon::app::StudioView {
    h.state_mut().studio_mut().expect("the studio is shown")
}

fn act(h: &mut Harness<'static, MinwonApp>, action: Action) {
    let ctx = h.ctx.clone();
    h.state_mut().apply(action, &ctx);
}

/// The window's close button, as the window system sends it.
fn request_close(h: &mut Harness<'static, MinwonApp>) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.step();
    h.run_steps(2);
}

/// A new scenario from the furious-suspect template, in the studio.
fn new_from_template(h: &mut Harness<'static, MinwonApp>) {
    act(h, Action::NewScenario("furious-suspect".into()));
    h.run_steps(3);
}

/// Runs frames for `seconds` of input time (kittest advances time by its step).
fn wait(h: &mut Harness<'static, MinwonApp>, seconds: f64) {
    let start = h.ctx.input(|i| i.time);
    while h.ctx.input(|i| i.time) - start < seconds {
        h.step();
    }
    h.run_steps(2);
}

fn builtin_text(id: &str) -> String {
    let lib = Library::builtin();
    let path = lib.scenario(id).expect("built-in").path.clone();
    minwon::library::builtin_files()
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, t)| (*t).to_owned())
        .expect("embedded file")
}

fn scenario_folder(config: &Path) -> PathBuf {
    config.join("시나리오")
}

#[test]
fn a_builtin_scenario_opens_as_a_copy_and_the_pack_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = instructor(dir.path());
    edit_builtin(&mut h, SCENARIO);
    let path = studio(&h).path().to_path_buf();
    assert_eq!(path.parent(), Some(scenario_folder(dir.path()).as_path()));
    assert!(!path.exists(), "nothing is written before saving");
    assert_eq!(studio(&h).draft().text(), builtin_text(SCENARIO));
    // Edit and save with Ctrl+S: the copy is written, the embedded pack is unchanged.
    studio_mut(&mut h).editor.jump_to(1, 1);
    h.run_steps(2);
    h.get_by_label("시나리오 본문").type_text("// 우리 서 판\n");
    h.run_steps(2);
    assert!(studio(&h).is_dirty());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run_steps(3);
    let saved = std::fs::read_to_string(&path).expect("the copy is saved");
    assert!(saved.starts_with("// 우리 서 판\n"), "{}", &saved[..40]);
    assert!(!studio(&h).is_dirty());
    assert!(!builtin_text(SCENARIO).contains("우리 서 판"));
    // The folder is now a scenario folder, and the copy replaces the built-in card.
    assert!(
        h.state()
            .settings()
            .scenario_folders
            .contains(&scenario_folder(dir.path()))
    );
    while h.state().is_loading() {
        h.step();
    }
    let entry = h.state().library().scenario(SCENARIO).unwrap().path.clone();
    assert_eq!(Path::new(&entry), path.as_path());
}

#[test]
fn an_edit_that_breaks_the_file_is_listed_at_its_line_and_the_click_jumps_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = instructor(dir.path());
    edit_builtin(&mut h, SCENARIO);
    assert!(!studio(&h).validation().has_errors());
    // Type a stray word at the start of line 30.
    studio_mut(&mut h).editor.jump_to(30, 1);
    h.run_steps(2);
    assert_eq!(studio(&h).editor.cursor().0, 30);
    h.get_by_label("시나리오 본문").type_text("엉뚱한말 ");
    h.run_steps(1);
    assert!(studio(&h).is_checking(), "checked after a pause in typing");
    wait(&mut h, 0.5);
    assert!(!studio(&h).is_checking());
    let problem = studio(&h)
        .validation()
        .problems
        .iter()
        .find(|p| p.is_error())
        .cloned()
        .expect("the broken file has an error");
    assert_eq!(problem.line, 30, "{problem:?}");
    // Move the cursor away, then click the problem in the list.
    studio_mut(&mut h).editor.jump_to(1, 1);
    h.run_steps(2);
    assert_eq!(studio(&h).editor.cursor().0, 1);
    let label = format!("{}:{} 오류", problem.line, problem.col);
    h.get_by_label_contains(&label).click();
    h.run_steps(3);
    assert_eq!(studio(&h).editor.cursor(), (problem.line, problem.col));
    // The line is on screen.
    let editor = h.get_by_label("시나리오 본문").rect();
    assert!(editor.height() > 0.0);
}

#[test]
fn playtest_from_stage_two_with_a_chosen_mood_shows_the_watch_and_replays_after_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = instructor(dir.path());
    new_from_template(&mut h);
    assert!(!studio(&h).validation().has_errors());
    h.get_by_label("시험").click();
    h.run_steps(2);
    assert_eq!(studio(&h).tab, Tab::Playtest);
    // Stage 2 (경위 듣기) from the combo box; calm enough and trusting.
    h.get_by_label_contains("시작 단계").click();
    h.run_steps(2);
    h.get_by_label("2단계 경위 듣기").click_accesskit();
    h.run_steps(2);
    // The mood through the number boxes of the two sliders (분노, then 신뢰).
    let boxes: Vec<_> = h
        .get_all_by_role(egui::accesskit::Role::SpinButton)
        .collect();
    assert!(boxes.len() >= 2, "anger and trust");
    boxes[0].set_value_accesskit(30.0);
    boxes[1].set_value_accesskit(60.0);
    h.run_steps(2);
    {
        let entry = studio(&h).validation().entry.clone().unwrap();
        let start = studio_mut(&mut h).playtest.start_options_mut(&entry);
        assert_eq!(start.stage, 1, "the combo box chose stage 2");
        assert_eq!(
            (start.mood.anger, start.mood.trust),
            (30, 60),
            "the sliders set the mood"
        );
    }
    h.get_by_label("이 조건으로 시험 시작").click_accesskit();
    h.run_steps(3);
    let watch = studio(&h).playtest.playtest().expect("started").watch();
    assert_eq!(watch.stage_id, "account");
    assert_eq!((watch.mood.anger, watch.mood.trust), (30, 60));
    // A turn: ask what happened (the fact `rushed` needs trust 35; it is 60).
    h.get_by_label("응답").focus();
    h.run_steps(1);
    h.get_by_label("응답")
        .type_text("그때 상황을 처음부터 말씀해 주시겠습니까?");
    h.run_steps(1);
    h.get_by_label("보내기").click_accesskit();
    h.run_steps(3);
    let p = studio(&h).playtest.playtest().expect("playing");
    assert_eq!(p.reports().len(), 1);
    let report = &p.reports()[0];
    assert_eq!(report.disclosed.as_deref(), Some("rushed"), "{report:?}");
    let watch = p.watch();
    assert!(
        watch
            .facts
            .iter()
            .any(|(id, _, told)| id == "rushed" && *told),
        "the watch shows the fact told"
    );
    assert_eq!(watch.turns_used, 1);
    h.get_by_label_contains("밝힌 사실 1/3");
    h.get_by_label_contains("지켜보기");
    // Edit the fact's line: the same input is replayed and the change is shown.
    let text = studio(&h).draft().text().to_owned();
    let edited = text.replace(
        "배송이 밀려서... 내려서 볼 생각을 못 했어요.",
        "물량이 밀려서 확인을 못 했어요.",
    );
    let edited = edited.replace(
        "그날 물량이 두 배였어요. 그래서 그냥 갔어요.",
        "물량이 밀려서 확인을 못 했어요.",
    );
    let edited = edited.replace(
        "솔직히 급해서 확인을 못 했어요.",
        "물량이 밀려서 확인을 못 했어요.",
    );
    assert_ne!(edited, text);
    studio_mut(&mut h).replace_text(edited);
    wait(&mut h, 0.5);
    let s = studio(&h);
    assert_eq!(s.playtest.replays(), 1, "the inputs were replayed");
    let p = s.playtest.playtest().unwrap();
    assert_eq!(p.reports().len(), 1);
    assert!(
        p.reports()[0]
            .reply
            .contains("물량이 밀려서 확인을 못 했어요")
    );
    assert!(
        s.playtest
            .changes()
            .iter()
            .any(|c| c.number == 1 && c.reply.is_some()),
        "the reply change is listed: {:?}",
        s.playtest.changes()
    );
    h.get_by_label_contains("바뀐 응답 1개");
}

#[test]
fn the_phrase_tester_says_what_a_sentence_shows_and_adds_it_as_a_cue() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = instructor(dir.path());
    new_from_template(&mut h);
    h.get_by_label("문장 시험").click();
    h.run_steps(2);
    h.get_by_label("시험할 문장").focus();
    h.run_steps(1);
    h.get_by_label("시험할 문장")
        .type_text("그래서 진술서를 쓰시는 거예요. 야, 조용히 해.");
    h.run_steps(3);
    let report = studio(&h).phrase.report().expect("tested").clone();
    assert!(
        report.items.iter().any(|f| f.id == "explain_procedure"
            && f.kind == minwon::authoring::phrase::CueKind::ScenarioCue
            && f.place.as_ref().is_some_and(|p| p.line == 20)),
        "the scenario's own cue on line 20: {:?}",
        report.items
    );
    assert!(
        report.violations.iter().any(|f| f.id == "informal_speech"),
        "{:?}",
        report.violations
    );
    h.get_by_label_contains("시나리오 단서");
    // A scenario's own words that nothing credits yet, added as a cue of empathy.
    let sentence = "학원비 걱정";
    studio_mut(&mut h).phrase.set_sentence(sentence.into());
    h.run_steps(2);
    assert!(
        studio(&h)
            .phrase
            .report()
            .is_some_and(|r| r.items.is_empty()),
        "nothing credits it yet"
    );
    h.get_by_label_contains("무엇의 단서").click_accesskit();
    h.run_steps(2);

    h.get_by_label_contains("(empathy)").click_accesskit();
    h.run_steps(2);
    assert_eq!(studio(&h).phrase.cue_id(), "empathy");
    h.get_by_label("단서로 추가").click_accesskit();
    h.run_steps(3);
    assert!(
        studio(&h)
            .phrase
            .message()
            .is_some_and(|m| m.contains("넣었습니다")),
        "{:?}",
        studio(&h).phrase.message()
    );
    let text = studio(&h).draft().text().to_owned();
    assert!(
        text.contains(&format!("\"empathy\": [\"{sentence}\"]")),
        "the cue is in the file"
    );
    assert!(studio(&h).is_dirty());
    assert!(!studio(&h).validation().has_errors());
    let report = studio(&h).phrase.report().expect("retested");
    assert!(
        report
            .items
            .iter()
            .any(|f| f.id == "empathy" && f.kind == minwon::authoring::phrase::CueKind::ScenarioCue),
        "{:?}",
        report.items
    );
}

#[test]
fn autosave_and_recovery_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let path;
    {
        let mut h = instructor(dir.path());
        edit_builtin(&mut h, SCENARIO);
        // Save once, so the file is there; then edit without saving.
        h.get_by_label("저장 (Ctrl+S)").click();
        h.run_steps(2);
        path = studio(&h).path().to_path_buf();
        assert!(path.exists());
        studio_mut(&mut h).editor.jump_to(1, 1);
        h.run_steps(2);
        h.get_by_label("시나리오 본문")
            .type_text("// 저장 안 한 편집\n");
        h.run_steps(2);
        h.get_by_label_contains("저장 안 됨");
        wait(&mut h, AUTOSAVE_SECS + 0.5);
        let sidecar = studio(&h).draft().sidecar_path();
        let autosaved = std::fs::read_to_string(&sidecar).expect("autosaved to the sidecar");
        assert!(autosaved.starts_with("// 저장 안 한 편집"));
        // The app is dropped here without saving: a crash.
    }
    assert!(
        !std::fs::read_to_string(&path)
            .unwrap()
            .contains("저장 안 한 편집")
    );
    // On the next start the library in 교관 모드 says which file has edits left behind.
    let mut h = instructor(dir.path());
    h.get_by_label(&format!("{SCENARIO}.ron 열어서 되살리기"))
        .click();
    h.run_steps(3);
    assert_eq!(studio(&h).path(), path);
    let recovery = studio(&h).recovery().expect("the draft is offered back");
    assert!(recovery.text.starts_with("// 저장 안 한 편집"));
    assert!(
        !studio(&h).draft().text().contains("저장 안 한 편집"),
        "offered, not applied"
    );
    h.get_by_label("되살리기").click();
    h.run_steps(3);
    assert!(studio(&h).draft().text().starts_with("// 저장 안 한 편집"));
    assert!(studio(&h).is_dirty());
    assert!(studio(&h).recovery().is_none());
    // 편집 on the built-in card opens the same copy (not a second one).
    h.get_by_label("저장 (Ctrl+S)").click();
    h.run_steps(2);
    act(&mut h, Action::CloseStudio);
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("열어서 되살리기").is_none(),
        "saved: nothing left behind"
    );
    while h.state().is_loading() {
        h.step();
    }
    h.run_steps(2);
    edit_builtin(&mut h, SCENARIO);
    assert_eq!(studio(&h).path(), path);
}

#[test]
fn a_change_on_disk_is_offered_with_its_lines_and_reloaded() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = instructor(dir.path());
    edit_builtin(&mut h, SCENARIO);
    h.get_by_label("저장 (Ctrl+S)").click();
    h.run_steps(2);
    let path = studio(&h).path().to_path_buf();
    // Another instructor saves the file.
    let theirs = std::fs::read_to_string(&path).unwrap().replacen(
        "Scenario(",
        "// 다른 교관이 고침\nScenario(",
        1,
    );
    std::fs::write(&path, &theirs).unwrap();
    wait(&mut h, DISK_CHECK_SECS + 0.5);
    let change = studio(&h).disk_change().expect("the change is noticed");
    assert!(
        change.diff.iter().any(|d| d.text == "// 다른 교관이 고침"),
        "{:?}",
        change.diff
    );
    assert!(!change.conflicts_with_edits);
    h.get_by_label("다시 읽기").click();
    h.run_steps(3);
    assert_eq!(studio(&h).draft().text(), theirs);
    assert!(studio(&h).disk_change().is_none());
    assert!(!studio(&h).is_dirty());
}

#[test]
fn closing_with_unsaved_edits_asks_and_keeps_the_studio_on_cancel() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = instructor(dir.path());
    edit_builtin(&mut h, SCENARIO);
    h.get_by_label("닫기").click();
    h.run_steps(2);
    assert_eq!(h.state().confirm(), Some(Confirm::LeaveStudio));
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().confirm(), None);
    assert!(h.state().studio().is_some());
    // Save and close from the question.
    h.get_by_label("닫기").click();
    h.run_steps(2);
    h.get_by_label("저장하고 닫기").click();
    h.run_steps(3);
    assert!(matches!(h.state().screen(), Screen::Library));
    assert!(
        scenario_folder(dir.path())
            .join(format!("{SCENARIO}.ron"))
            .exists()
    );
}

#[test]
fn a_new_scenario_from_each_template_validates_and_a_duplicate_gets_a_new_id() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = instructor(dir.path());
    for t in minwon::authoring::templates::templates() {
        act(&mut h, Action::NewScenario(t.name.into()));
        h.run_steps(2);
        let s = studio(&h);
        assert!(
            !s.validation().has_errors(),
            "{}: {:?}",
            t.name,
            s.validation().problems
        );
        act(&mut h, Action::CloseStudio);
        h.run_steps(1);
    }
    h.get_by_label(&format!("{} 복제", title_of(SCENARIO)))
        .click();
    h.run_steps(3);
    let s = studio(&h);
    let entry = s
        .validation()
        .entry
        .clone()
        .expect("the duplicate validates");
    assert_eq!(entry.scenario.id, format!("{SCENARIO}-2"));
    assert!(entry.scenario.title.ends_with("(복제)"));
}

#[test]
fn a_trainees_dispute_reaches_the_studio() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path());
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        Action::Begin {
            trainee: "이순경".into(),
            mode: minwon::app::Mode::Practice,
        },
        &ctx,
    );
    h.state_mut().apply(Action::Open(SCENARIO.into()), &ctx);
    h.state_mut().apply(Action::Start, &ctx);
    h.state_mut().apply(
        Action::Say(minwon::model::TraineeTurn::new(
            "많이 속상하셨죠. 제가 다 들어 드릴게요.",
        )),
        &ctx,
    );
    h.state_mut().apply(Action::Finish, &ctx);
    h.run_steps(3);
    h.get_by_label("1 조사관 이의").click_accesskit();
    h.run_steps(2);
    h.get_by_label("어떻게 판정되어야 했나요?").focus();
    h.run_steps(1);
    h.get_by_label("어떻게 판정되어야 했나요?")
        .type_text("공감인데 인정되지 않았습니다");
    h.run_steps(1);
    h.get_by_label("교관에게 보내기").click_accesskit();
    h.run_steps(3);
    let (disputes, broken) = minwon::authoring::phrase::load_disputes(&scenario_folder(dir.path()));
    assert_eq!(broken, 0);
    assert_eq!(disputes.len(), 1);
    assert_eq!(disputes[0].trainee, "이순경");
    assert_eq!(disputes[0].scenario, SCENARIO);
    assert!(disputes[0].turn_text.contains("많이 속상하셨죠"));
    assert_eq!(disputes[0].expected, "공감인데 인정되지 않았습니다");
    // The instructor sees it in the studio and takes it to the phrase tester.
    drop(h);
    let mut h = instructor(dir.path());
    edit_builtin(&mut h, SCENARIO);
    assert_eq!(studio(&h).disputes().len(), 1);
    h.get_by_label("이의 1").click();
    h.run_steps(2);
    h.get_by_label("문장 시험에서 보기").click_accesskit();
    h.run_steps(3);
    assert_eq!(studio(&h).tab, Tab::Phrase);
    let report = studio(&h).phrase.report().expect("tested");
    assert!(report.text.contains("많이 속상하셨죠"));
}

#[test]
fn closing_the_window_with_unsaved_edits_asks_until_they_are_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = instructor(dir.path());
    edit_builtin(&mut h, SCENARIO);
    request_close(&mut h);
    assert_eq!(h.state().confirm(), Some(Confirm::CloseWindow));
    h.get_by_label("계속 편집하기").click();
    h.run_steps(2);
    assert!(h.state().studio().is_some() && !h.state().is_closing());
    // Saved: closing no longer asks.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run_steps(2);
    request_close(&mut h);
    assert_eq!(h.state().confirm(), None);
}

#[test]
fn the_review_workbook_goes_out_and_an_unchanged_one_comes_back_as_nothing_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = instructor(dir.path());
    edit_builtin(&mut h, SCENARIO);
    h.get_by_label("검토용 엑셀").click();
    h.run_steps(2);
    h.get_by_label("줄 내보내기 (.xlsx)").click_accesskit();
    h.run_steps(2);
    let path = studio(&h).review_path();
    let bytes = std::fs::read(&path).expect("the workbook is written beside the scenario");
    let lines = minwon::authoring::review::read_reviewed(&bytes).expect("it reads back");
    assert!(lines.is_empty(), "nothing reviewed yet");
    assert!(
        studio(&h)
            .status()
            .is_some_and(|s| s.contains("검토용 파일"))
    );
    h.get_by_label("검토용 엑셀").click();
    h.run_steps(2);
    h.get_by_label("검토한 파일 가져오기").click_accesskit();
    h.run_steps(2);
    assert_eq!(studio(&h).status(), Some("바뀐 줄이 없습니다."));
    // The statistics of the scenario.
    h.get_by_label("통계").click();
    h.run_steps(2);
    h.get_by_label_contains("민원인 대사");
    h.get_by_label_contains("체크리스트 적용");
}

#[test]
fn find_goes_to_each_match_in_turn() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = instructor(dir.path());
    new_from_template(&mut h);
    studio_mut(&mut h).editor.jump_to(1, 1);
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run_steps(2);
    assert!(h.get_by_label("찾기").is_focused());
    h.get_by_label("찾기").type_text("rushed");
    h.run_steps(1);
    h.key_press(egui::Key::Enter);
    h.run_steps(2);
    let text = studio(&h).draft().text().to_owned();
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("rushed"))
        .map(|(i, _)| i + 1)
        .collect();
    assert!(lines.len() >= 2, "{lines:?}");
    assert_eq!(studio(&h).editor.cursor().0, lines[0]);
    h.get_by_label_contains(&format!("1/{}", lines.len()));
    h.get_by_label("다음 ▼").click();
    h.run_steps(2);
    assert_eq!(studio(&h).editor.cursor().0, lines[1]);
}
