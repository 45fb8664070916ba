//! The instructor's studio core (`src/authoring`): validation at its place, the outline,
//! playtests with their watch and replay, the phrase tester and adding a cue, never losing work,
//! review in Excel, templates.

use std::path::Path;

use minwon::authoring::document::{Change, DocError, Draft, KEEP_BACKUPS};
use minwon::authoring::phrase::{self, CueKind, Dispute};
use minwon::authoring::playtest::{self, Part, Playtest, StartOptions};
use minwon::authoring::{self, Context, OutlineKind, review, stats, templates};
use minwon::library::{Library, builtin_files};
use minwon::model::{Band, EndingKind, Mood, TraineeTurn};

const FIXTURE: &str = include_str!("fixtures/lost-wallet.ron");
const PATH: &str = "lost-wallet.ron";

fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).expect("needle in text");
    text[..at].matches('\n').count() + 1
}

fn ctx() -> Context {
    Context::builtin()
}

fn entry(ctx: &Context, text: &str) -> minwon::library::Entry {
    let v = ctx.validate(PATH, text);
    assert!(!v.has_errors(), "{:?}", v.problems);
    v.entry.expect("playable")
}

#[test]
fn an_edit_that_breaks_the_file_is_reported_at_its_line_and_column() {
    let ctx = ctx();
    assert!(!ctx.validate(PATH, FIXTURE).has_errors());
    let broken = FIXTURE.replacen("difficulty: Easy,", "difficulty: Eazy,", 1);
    let v = ctx.validate(PATH, &broken);
    assert!(v.entry.is_none());
    let first = &v.problems[0];
    assert!(first.is_error(), "{first}");
    assert_eq!(first.line, line_of(&broken, "Eazy"), "{first}");
    let col = broken
        .lines()
        .nth(first.line - 1)
        .unwrap()
        .find("Eazy")
        .unwrap()
        + 1;
    assert_eq!(first.col, col, "{first}");

    // A model error (an exit that needs an unknown fact) is placed where the id is written.
    let broken = FIXTURE.replacen("exit: (facts: [\"bus\"])", "exit: (facts: [\"taxi\"])", 1);
    let v = ctx.validate(PATH, &broken);
    let e = v
        .problems
        .iter()
        .find(|p| p.is_error())
        .expect("an unknown fact is an error");
    assert_eq!(e.line, line_of(&broken, "\"taxi\""), "{e}");
}

#[test]
fn the_reach_lint_finds_a_stage_no_one_can_reach() {
    let ctx = ctx();
    let text = FIXTURE.replacen(
        "max_anger: Some(55)),",
        "max_anger: Some(55), min_anger: Some(60)),",
        1,
    );
    let v = ctx.validate(PATH, &text);
    let w = v
        .problems
        .iter()
        .find(|p| p.message.contains("닿을 수 없습니다"))
        .unwrap_or_else(|| panic!("{:?}", v.problems));
    assert!(w.message.contains("details"), "{w}");
    assert!(w.message.contains("min_anger"), "{w}");
    assert_eq!(w.line, line_of(&text, "id: \"details\""), "{w}");
    assert!(!v.has_errors(), "a warning: the file still plays");
    assert!(
        !ctx.validate(PATH, FIXTURE)
            .problems
            .iter()
            .any(|p| p.message.contains("닿을 수 없습니다"))
    );
}

#[test]
fn the_outline_gives_each_part_its_line_even_in_a_broken_file() {
    let o = authoring::outline(FIXTURE);
    let find = |kind: OutlineKind, id: &str| {
        o.iter()
            .find(|e| e.kind == kind && e.id == id)
            .unwrap_or_else(|| panic!("{kind:?} {id} in {o:?}"))
    };
    assert_eq!(
        find(OutlineKind::Persona, "최○○ 씨").line,
        line_of(FIXTURE, "persona:")
    );
    let vent = find(OutlineKind::Stage, "vent");
    assert_eq!(
        vent.line,
        line_of(FIXTURE, "id: \"vent\"") - 1,
        "the stage's `(` line"
    );
    assert_eq!(vent.title, "하소연");
    assert_eq!(
        find(OutlineKind::Trigger, "dismissive").line,
        line_of(FIXTURE, "(on: \"dismissive\"")
    );
    assert_eq!(
        find(OutlineKind::Fact, "photo").line,
        line_of(FIXTURE, "id: \"photo\"") - 1
    );
    assert_eq!(
        find(OutlineKind::Ending, "partial").line,
        line_of(FIXTURE, "(id: \"partial\"")
    );
    assert_eq!(o.iter().filter(|e| e.kind == OutlineKind::Stage).count(), 3);
    // A quote left open in the first stage: the rest of the file still outlines.
    let broken = FIXTURE.replacen("title: \"하소연\",", "title: \"하소연,", 1);
    assert!(ctx().validate(PATH, &broken).has_errors());
    let o = authoring::outline(&broken);
    let ids: Vec<&str> = o
        .iter()
        .filter(|e| e.kind == OutlineKind::Ending)
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["resolved", "walked-out", "turn-limit", "ended", "partial"]
    );
    assert!(
        o.iter()
            .any(|e| e.kind == OutlineKind::Stage && e.id == "closing")
    );
}

#[test]
fn colouring_marks_comments_strings_numbers_and_fields() {
    use authoring::TokenKind;
    let toks = authoring::highlight(FIXTURE);
    let kind_at = |needle: &str| {
        let at = FIXTURE.find(needle).unwrap();
        toks.iter().find(|t| t.range.contains(&at)).map(|t| t.kind)
    };
    assert_eq!(kind_at("// 시험용"), Some(TokenKind::Comment));
    assert_eq!(kind_at("\"test-lost-wallet\""), Some(TokenKind::Str));
    assert_eq!(kind_at("max_turns"), Some(TokenKind::Field));
    assert_eq!(kind_at("Scenario("), Some(TokenKind::Ident));
    let eight = FIXTURE.find("max_turns: 8").unwrap() + "max_turns: ".len();
    assert!(
        toks.iter()
            .any(|t| t.range.start == eight && t.kind == TokenKind::Number)
    );
    // Tokens never overlap and stay on character boundaries.
    for w in toks.windows(2) {
        assert!(w[0].range.end <= w[1].range.start);
        assert!(FIXTURE.is_char_boundary(w[0].range.end));
    }
}

#[test]
fn a_playtest_starts_in_stage_two_with_a_chosen_mood_and_the_watch_follows_each_turn() {
    let ctx = ctx();
    let e = entry(&ctx, FIXTURE);
    let start = StartOptions {
        stage: 1,
        mood: Mood {
            anger: 20,
            trust: 60,
        },
        disclosed: vec!["cards".into()],
        seed: 7,
    };
    let mut p = Playtest::start(&ctx, &e, PATH, FIXTURE, start);
    let w = p.watch();
    assert_eq!(w.stage_id, "details");
    assert_eq!(w.band, Band::Calm);
    assert_eq!((w.mood.anger, w.mood.trust), (20, 60));
    assert!(e.scenario.stages[1].lines.calm.contains(&p.opening().text));
    assert_eq!(
        w.facts.iter().filter(|f| f.2).count(),
        1,
        "cards already told"
    );
    // The exit of `details` needs the fact `bus`, not told yet.
    assert_eq!(w.exit.len(), 1);
    assert_eq!(w.exit[0].part, Part::Fact("bus".into()));
    assert!(!w.exit[0].holds);
    assert_eq!((w.turns_used, w.max_turns), (0, 8));

    let r = p
        .respond(TraineeTurn::new("지갑은 어디서 마지막으로 보셨습니까?"))
        .expect("a turn")
        .clone();
    assert_eq!(r.disclosed.as_deref(), Some("bus"));
    assert_eq!(
        (r.stage_before.as_str(), r.stage_after.as_str()),
        ("details", "closing")
    );
    assert!(r.stuck_because.is_empty());
    let asked = r
        .cues
        .iter()
        .find(|c| c.id == "bus")
        .expect("the fact's cue fired");
    assert_eq!(asked.kind, CueKind::FactQuestion);
    let place = asked.place.as_ref().expect("found in the file");
    assert_eq!(place.file, PATH);
    assert_eq!(place.line, line_of(FIXTURE, "asks: [\"어디서\""));
    assert_eq!(r.reply_line.map(|l| l > 1), Some(true));

    let w = p.watch();
    assert_eq!(w.stage_id, "closing");
    assert!(w.last_stage && w.exit.is_empty());
    assert!(w.facts.iter().find(|f| f.0 == "bus").unwrap().2);
    assert_eq!(w.turns_used, 1);
    let resolved = w
        .endings
        .iter()
        .find(|x| x.kind == EndingKind::Resolved)
        .unwrap();
    // In the right stage, but the farewell was not said.
    assert!(
        resolved
            .parts
            .iter()
            .any(|p| p.part == Part::Stage("closing".into()) && p.holds)
    );
    assert!(
        resolved
            .parts
            .iter()
            .any(|p| p.part == Part::On("farewell".into()) && !p.holds)
    );
    assert!(!resolved.holds);
}

#[test]
fn a_turn_that_does_not_move_the_stage_says_why_and_where_its_cues_are_written() {
    let ctx = ctx();
    let e = entry(&ctx, FIXTURE);
    let mut p = Playtest::start(&ctx, &e, PATH, FIXTURE, StartOptions::beginning(&e));
    let r = p
        .respond(TraineeTurn::new("분실신고서를 먼저 써 주시면 됩니다."))
        .expect("a turn")
        .clone();
    assert_eq!(r.stage_after, "vent");
    assert!(
        r.stuck_because
            .iter()
            .any(|x| x.part == Part::Need("empathy".into())),
        "{:?}",
        r.stuck_because
    );
    let cue = r
        .cues
        .iter()
        .find(|c| c.cue == "분실신고")
        .expect("scenario cue fired");
    assert_eq!(cue.kind, CueKind::ScenarioCue);
    assert_eq!(
        cue.place.as_ref().map(|p| p.line),
        Some(line_of(FIXTURE, "\"분실신고\""))
    );

    let r = p
        .respond(TraineeTurn::new("많이 놀라셨겠습니다."))
        .expect("a turn")
        .clone();
    let c = r.cues.iter().find(|c| c.id == "empathy").expect("empathy");
    assert_eq!(c.kind, CueKind::ChecklistCue);
    let place = c.place.as_ref().expect("in the checklist");
    let (_, text) = builtin_files()
        .iter()
        .find(|(p, _)| *p == place.file)
        .expect("a built-in file");
    let line = text.lines().nth(place.line - 1).unwrap();
    assert!(line.contains(&format!("\"{}\"", c.cue)), "{line}");
}

#[test]
fn replay_after_an_edit_shows_the_changed_reply() {
    let ctx = ctx();
    let e = entry(&ctx, FIXTURE);
    let mut p = Playtest::start(&ctx, &e, PATH, FIXTURE, StartOptions::beginning(&e));
    p.respond(TraineeTurn::new("네, 많이 놀라셨겠습니다."))
        .unwrap();
    p.respond(TraineeTurn::new("진정하세요.")).unwrap();
    let before = p.reports().to_vec();
    assert!(
        [
            "진정하게 생겼어요?",
            "남의 일이라고 쉽게 말하네요.",
            "그게 할 소리예요?"
        ]
        .contains(&before[1].reply.as_str()),
        "{}",
        before[1].reply
    );
    let edited = FIXTURE.replacen(
        "lines: [\"진정하게 생겼어요?\", \"남의 일이라고 쉽게 말하네요.\", \"그게 할 소리예요?\"]",
        "lines: [\"진정하라는 말이 제일 듣기 싫어요.\", \"그 말이 더 화나게 하네요.\", \"지금 저를 가르치시는 거예요?\"]",
        1,
    );
    assert_ne!(edited, FIXTURE);
    let e2 = entry(&ctx, &edited);
    let again = Playtest::replay(&ctx, &e2, PATH, &edited, p.inputs());
    let changes = playtest::compare(&before, again.reports());
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].number, 2);
    let (old, new) = changes[0].reply.clone().expect("the reply changed");
    assert_eq!(old, before[1].reply);
    assert!(edited.contains(&format!("\"{new}\"")));
    assert!(changes[0].stage.is_none() && changes[0].items.is_none());
    // The same draft replays the same.
    let same = Playtest::replay(&ctx, &e, PATH, FIXTURE, p.inputs());
    assert!(playtest::compare(&before, same.reports()).is_empty());
}

#[test]
fn the_phrase_tester_names_the_cue_and_its_line() {
    let ctx = ctx();
    let e = entry(&ctx, FIXTURE);
    let r = phrase::test_phrase(
        &ctx,
        &e,
        PATH,
        FIXTURE,
        "습득물 양식을 먼저 써 주시면 됩니다. 카드는 정지하셨습니까?",
    );
    assert_eq!(r.speech_level, minwon::analysis::SpeechLevel::Formal);
    let item = r
        .items
        .iter()
        .find(|f| f.id == "explain_procedure")
        .expect("found");
    assert_eq!(item.cue, "습득물");
    assert_eq!(item.kind, CueKind::ScenarioCue);
    assert_eq!(
        item.place.as_ref().unwrap().line,
        line_of(FIXTURE, "\"습득물\"")
    );
    let fact = r
        .facts
        .iter()
        .find(|f| f.id == "cards")
        .expect("asks for the cards fact");
    assert_eq!(
        fact.place.as_ref().unwrap().line,
        line_of(FIXTURE, "asks: [\"카드\"")
    );
    let r = phrase::test_phrase(&ctx, &e, PATH, FIXTURE, "거기 앉아.");
    assert_eq!(r.speech_level, minwon::analysis::SpeechLevel::Informal);
    let v = r
        .violations
        .iter()
        .find(|f| f.id == "informal_speech")
        .expect("반말");
    assert_eq!(v.kind, CueKind::SpeechLevel);
}

#[test]
fn add_cue_keeps_the_rest_of_the_file_and_the_cue_works() {
    let ctx = ctx();
    let lib = Library::builtin();
    let sentence = "유실물센터 양식을 먼저 써 주시면 됩니다.";
    let e = entry(&ctx, FIXTURE);
    let before = phrase::test_phrase(&ctx, &e, PATH, FIXTURE, sentence);
    assert!(!before.items.iter().any(|f| f.cue == "유실물센터"));

    // Into an existing key.
    let new = phrase::add_cue(&lib, FIXTURE, "explain_procedure", "유실물센터").expect("added");
    assert_eq!(new.replacen(", \"유실물센터\"", "", 1), FIXTURE);
    let e2 = entry(&ctx, &new);
    let after = phrase::test_phrase(&ctx, &e2, PATH, &new, sentence);
    let f = after
        .items
        .iter()
        .find(|f| f.cue == "유실물센터")
        .expect("the new cue fires");
    assert_eq!(f.id, "explain_procedure");
    assert_eq!(f.kind, CueKind::ScenarioCue);
    assert_eq!(
        f.place.as_ref().unwrap().line,
        line_of(&new, "\"유실물센터\"")
    );
    assert!(matches!(
        phrase::add_cue(&lib, &new, "explain_procedure", "유실물센터"),
        Err(phrase::AddCueError::Exists)
    ));

    // A new key in the map.
    let new = phrase::add_cue(&lib, FIXTURE, "empathy", "속상하시").expect("added");
    assert_eq!(
        new.replacen(", \"empathy\": [\"속상하시\"]", "", 1),
        FIXTURE
    );
    assert!(!ctx.validate(PATH, &new).has_errors());

    // No map at all: a `cues` line after the id.
    let bare = FIXTURE.replacen(
        "    cues: {\"explain_procedure\": [\"분실신고\", \"습득물\"]},\n",
        "",
        1,
    );
    assert_ne!(bare, FIXTURE);
    let new = phrase::add_cue(&lib, &bare, "apology", "불편드려").expect("added");
    assert_eq!(
        new.replacen("\n    cues: {\"apology\": [\"불편드려\"]},", "", 1),
        bare
    );
    assert!(!ctx.validate(PATH, &new).has_errors());

    // Refused, with the file untouched: an unknown id, a broken pattern.
    assert!(matches!(
        phrase::add_cue(&lib, FIXTURE, "smile", "웃"),
        Err(phrase::AddCueError::UnknownId(_))
    ));
    assert!(phrase::add_cue(&lib, FIXTURE, "empathy", "~").is_err());
}

#[test]
fn disputes_are_kept_one_file_each_and_broken_files_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let d = Dispute {
        scenario: "test-lost-wallet".into(),
        turn_text: "정말 속상하셨겠어요.".into(),
        analyser_said: "items: (없음)".into(),
        expected: "공감으로 인정되어야 합니다".into(),
        when: "2026-11-30T10:00:00Z".into(),
        trainee: "12345".into(),
    };
    let first = phrase::add_dispute(dir.path(), &d).unwrap();
    // A half-copied file on the share is skipped, not fatal.
    std::fs::write(first.with_file_name("broken.json"), "{\"scenario\": 깨진").unwrap();
    let later = Dispute {
        when: "2026-11-30T11:00:00Z".into(),
        ..d.clone()
    };
    let second = phrase::add_dispute(dir.path(), &later).unwrap();
    assert_ne!(first, second, "one file per dispute");
    let (list, broken) = phrase::load_disputes(dir.path());
    assert_eq!(list, vec![d, later]);
    assert_eq!(broken, 1);
}

#[test]
fn disputes_from_several_writers_at_once_are_all_kept() {
    let dir = tempfile::tempdir().unwrap();
    let threads: Vec<_> = (0..8)
        .map(|i| {
            let folder = dir.path().to_path_buf();
            std::thread::spawn(move || {
                for j in 0..10 {
                    let d = Dispute {
                        scenario: "s".into(),
                        turn_text: format!("{i}-{j}"),
                        analyser_said: String::new(),
                        expected: String::new(),
                        when: "2026-11-30T10:00:00Z".into(),
                        trainee: format!("T{i}"),
                    };
                    phrase::add_dispute(&folder, &d).unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let (list, broken) = phrase::load_disputes(dir.path());
    assert_eq!((list.len(), broken), (80, 0));
}

#[test]
fn autosave_then_a_crash_offers_the_draft_back_without_applying_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wallet.ron");
    let mut draft = Draft::create(&path, FIXTURE);
    assert!(draft.is_dirty());
    draft.save().unwrap();
    assert!(!draft.is_dirty());
    assert!(draft.recovery().is_none());
    let edited = FIXTURE.replacen("지갑 분실 민원 (시험용)", "지갑 분실 민원 (고친 제목)", 1);
    draft.set_text(edited.clone());
    assert!(draft.is_dirty());
    assert!(draft.autosave().unwrap());
    assert!(
        !draft.autosave().unwrap(),
        "the same text is not written twice"
    );
    drop(draft); // the crash: never saved

    let mut reopened = Draft::open(&path).unwrap();
    assert_eq!(reopened.text(), FIXTURE, "not applied silently");
    let offer = reopened.recovery().expect("the autosaved draft is offered");
    assert_eq!(offer.text, edited);
    let title = line_of(FIXTURE, "지갑 분실 민원 (시험용)");
    assert!(
        offer
            .diff
            .iter()
            .any(|d| d.change == Change::Added && d.line == title)
    );
    reopened.accept_recovery(&offer);
    assert_eq!(reopened.text(), edited);
    assert!(reopened.is_dirty());
    reopened.save().unwrap();
    assert!(reopened.recovery().is_none(), "saving clears the sidecar");
    assert!(!reopened.sidecar_path().exists());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    assert_eq!(reopened.backups().len(), 1);

    // The folder still loads as a scenario folder: one scenario, no old version from the
    // backups, no sidecar.
    let lib = Library::load(&[dir.path().to_path_buf()]);
    let mine: Vec<_> = lib
        .problems
        .iter()
        .filter(|p| p.path.starts_with(&*dir.path().to_string_lossy()))
        .collect();
    assert!(mine.is_empty(), "{mine:?}");
    let e = lib.scenario("test-lost-wallet").expect("loaded");
    assert_eq!(e.scenario.title, "지갑 분실 민원 (고친 제목)");
}

#[test]
fn a_change_on_disk_is_detected_with_its_lines_and_can_be_reloaded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wallet.ron");
    std::fs::write(&path, FIXTURE).unwrap();
    let mut draft = Draft::open(&path).unwrap();
    assert!(draft.check_disk().is_none());
    let theirs = FIXTURE.replacen("max_turns: 8,", "max_turns: 10,", 1);
    std::fs::write(&path, &theirs).unwrap();
    let change = draft.check_disk().expect("detected");
    let line = line_of(FIXTURE, "max_turns: 8,");
    assert_eq!(change.diff.len(), 2, "{:?}", change.diff);
    assert_eq!(change.diff[0].change, Change::Removed);
    assert_eq!(
        (change.diff[0].line, change.diff[0].text.trim()),
        (line, "max_turns: 8,")
    );
    assert_eq!(change.diff[1].change, Change::Added);
    assert_eq!(
        (change.diff[1].line, change.diff[1].text.trim()),
        (line, "max_turns: 10,")
    );
    assert!(!change.conflicts_with_edits);
    draft.set_text(format!("{FIXTURE}\n"));
    assert!(draft.check_disk().unwrap().conflicts_with_edits);
    draft.reload().unwrap();
    assert_eq!(draft.text(), theirs);
    assert!(!draft.is_dirty());
    assert!(draft.check_disk().is_none());
}

#[test]
fn a_builtin_scenario_opens_as_a_copy_and_the_pack_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let (pack_path, pack_text) = builtin_files()
        .iter()
        .find(|(p, _)| p.ends_with("hit-and-run-swearing.ron"))
        .unwrap();
    let mut draft = Draft::copy_of_builtin(pack_path, dir.path()).unwrap();
    assert_eq!(draft.path(), dir.path().join("hit-and-run-swearing.ron"));
    assert_eq!(draft.text(), *pack_text);
    draft.set_text(pack_text.replacen("title: \"", "title: \"(교관 수정) ", 1));
    draft.save().unwrap();
    assert!(draft.path().starts_with(dir.path()));
    let on_disk = Path::new(env!("CARGO_MANIFEST_DIR")).join(pack_path);
    assert_eq!(std::fs::read_to_string(&on_disk).unwrap(), *pack_text);
    // A second copy does not overwrite the first.
    let second = Draft::copy_of_builtin(pack_path, dir.path()).unwrap();
    assert_eq!(second.path(), dir.path().join("hit-and-run-swearing-2.ron"));
    // Opening the pack's own file and saving it is refused.
    let mut direct = Draft::open(&on_disk).unwrap();
    direct.set_text("바뀜");
    assert_eq!(direct.save(), Err(DocError::Builtin));
    assert_eq!(std::fs::read_to_string(&on_disk).unwrap(), *pack_text);
}

#[test]
fn backups_keep_the_last_twenty_versions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wallet.ron");
    let mut draft = Draft::create(&path, "v0");
    draft.save().unwrap();
    assert!(
        draft.backups().is_empty(),
        "nothing was there before the first save"
    );
    for i in 1..=25 {
        draft.set_text(format!("v{i}"));
        draft.save().unwrap();
    }
    let backups = draft.backups();
    assert_eq!(backups.len(), KEEP_BACKUPS);
    let contents: Vec<String> = backups
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let expected: Vec<String> = (5..=24).map(|i| format!("v{i}")).collect();
    assert_eq!(contents, expected, "oldest first, the newest 20 kept");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "v25");
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_gives_a_clear_error_and_keeps_the_draft() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root writes through permissions; the kernel's /sys refuses even root.
    let folder = if std::fs::write(locked.join("probe"), "x").is_err() {
        locked.clone()
    } else {
        Path::new("/sys/minwon-studio-test").to_path_buf()
    };
    let mut draft = Draft::create(&folder.join("wallet.ron"), FIXTURE);
    let err = draft.save().expect_err("cannot write there");
    assert!(matches!(err, DocError::ReadOnly { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("쓰기 권한이 없는 폴더"), "{message}");
    assert!(message.contains("고친 내용은 그대로"), "{message}");
    assert_eq!(draft.text(), FIXTURE);
    assert!(draft.is_dirty());
    assert!(draft.autosave().is_err());
    assert_eq!(draft.text(), FIXTURE);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn excel_export_then_an_edited_cell_changes_only_that_line() {
    let lib = Library::builtin();
    let lines = review::review_lines(FIXTURE);
    let ids: Vec<&str> = lines.iter().map(|l| l.id.as_str()).collect();
    for id in [
        "opening:1",
        "stage:vent:calm:2",
        "trigger:blame:1:3",
        "fact:bus:1",
        "fact-refuse:bus:2",
        "ending:partial:1",
        "stuck:farewell:1",
    ] {
        if id == "opening:1" {
            continue; // the fixture has no opening
        }
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "ids are unique");
    let vent_calm_2 = lines.iter().find(|l| l.id == "stage:vent:calm:2").unwrap();
    assert_eq!(vent_calm_2.text, "분실 신고를 하려고요.");

    let bytes = review::export_xlsx(FIXTURE).unwrap();
    // The reviewer fills one cell of 검토한 문장 (re-written here with the same layout), and one
    // with an id the file does not have.
    let rows = read_rows(&bytes);
    assert_eq!(rows[0], ["줄 id", "종류", "위치", "원문", "검토한 문장"]);
    assert_eq!(rows.len(), lines.len() + 1);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
        if row[0] == "stage:vent:calm:2" {
            sheet
                .write_string(r as u32, 4, "분실 신고 좀 하려고 \"왔어요\".")
                .unwrap();
        }
        if row[0] == "fact:bus:1" {
            // Reviewed but unchanged: not a change.
            sheet.write_string(r as u32, 4, &row[3]).unwrap();
        }
    }
    sheet
        .write_string(rows.len() as u32, 0, "stage:gone:calm:1")
        .unwrap();
    sheet.write_string(rows.len() as u32, 4, "없는 줄").unwrap();
    let reviewed = book.save_to_buffer().unwrap();

    let result = review::import_xlsx(&lib, FIXTURE, &reviewed).unwrap();
    assert_eq!(result.changed, ["stage:vent:calm:2"]);
    assert_eq!(result.not_found, ["stage:gone:calm:1"]);
    assert!(result.problems.is_empty());
    let new = result.text.expect("valid");
    assert_eq!(
        new,
        FIXTURE.replacen(
            "\"분실 신고를 하려고요.\"",
            "\"분실 신고 좀 하려고 \\\"왔어요\\\".\"",
            1
        )
    );
    let after = review::review_lines(&new);
    assert_eq!(
        after
            .iter()
            .find(|l| l.id == "stage:vent:calm:2")
            .unwrap()
            .text,
        "분실 신고 좀 하려고 \"왔어요\"."
    );

    // Nothing is applied when the result does not validate (here the file has an error of its
    // own).
    let broken = FIXTURE.replacen("exit: (facts: [\"bus\"])", "exit: (facts: [\"taxi\"])", 1);
    let result = review::import_xlsx(&lib, &broken, &reviewed).unwrap();
    assert_eq!(result.changed, ["stage:vent:calm:2"]);
    assert!(result.text.is_none());
    assert!(
        result.problems[0].message.contains("taxi"),
        "{:?}",
        result.problems
    );
    // Not a workbook: a clear error.
    assert!(review::import_xlsx(&lib, FIXTURE, b"not a workbook").is_err());
}

fn read_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|d| d.to_string()).collect())
        .collect()
}

#[test]
fn saved_playthroughs_rerun_across_seeds_and_flag_drift() {
    let ctx = ctx();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wallet.ron");
    std::fs::write(&path, FIXTURE).unwrap();
    let e = entry(&ctx, FIXTURE);
    let turns: Vec<TraineeTurn> = [
        "[bow] 안녕하십니까, 지구대 김민수 경사입니다. 지갑을 잃어버리셔서 많이 놀라셨겠습니다.",
        "지갑은 어디서 마지막으로 보셨습니까?",
        "분실신고를 접수하고 습득물이 들어오면 바로 연락드리겠습니다.",
        "[escort] 조심히 들어가십시오.",
    ]
    .iter()
    .map(|l| TraineeTurn::parse(l).0)
    .collect();
    let saved = playtest::save_playthrough(&e, &path, "모범 답안", &turns).unwrap();
    assert_eq!(saved.parent().unwrap(), playtest::playthrough_dir(&path));
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(
        text.lines().nth(1).unwrap().starts_with("# expect: 1="),
        "{text}"
    );
    let runs = playtest::rerun_playthroughs(&e, &path);
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].results.len(), 3);
    assert!(!runs[0].drifted(), "{:?}", runs[0]);

    // The scenario gets harder: anger no longer drops enough to leave the first stage.
    let harder = FIXTURE.replacen(
        "needs: [\"empathy\"], max_anger: Some(55)",
        "needs: [\"empathy\"], max_anger: Some(5)",
        1,
    );
    let e2 = entry(&ctx, &harder);
    let runs = playtest::rerun_playthroughs(&e2, &path);
    assert!(runs[0].drifted(), "{:?}", runs[0]);
    assert!(!runs[0].outcome_drift.is_empty() || !runs[0].score_drift.is_empty());

    let lib = Library::builtin();
    let s = stats::stats(&lib, &e, &runs);
    let d = s.difficulty.expect("from the playthroughs");
    assert_eq!(d.runs, 3);
}

#[test]
fn statistics_count_lines_cues_and_coverage() {
    let ctx = ctx();
    let e = entry(&ctx, FIXTURE);
    let s = stats::stats(&ctx.library, &e, &[]);
    assert_eq!(s.stages.len(), 3);
    assert_eq!(s.stages[0].by_band, [3, 3, 3, 3]);
    assert_eq!(s.by_band, [9, 9, 9, 9]);
    assert_eq!(s.cues, [("explain_procedure".to_owned(), 2)]);
    assert_eq!(s.fact_asks.iter().find(|f| f.0 == "photo").unwrap().1, 4);
    let empathy = s.coverage.iter().find(|c| c.id == "empathy").unwrap();
    assert_eq!(empathy.needed_by_stages, ["vent"]);
    assert!(empathy.creditable && empathy.checklist_cues > 0);
    let farewell = s.coverage.iter().find(|c| c.id == "farewell").unwrap();
    assert_eq!(farewell.needed_by_endings, ["resolved"]);
    assert!(s.difficulty.is_none());
    assert_eq!(
        s.total_lines,
        36 + 1 + 24 + 12 + 5,
        "stage lines, stuck, triggers, facts (with refusals), endings"
    );
}

#[test]
fn templates_are_valid_and_not_part_of_the_library() {
    let ctx = ctx();
    let all = templates::templates();
    let names: Vec<&str> = all.iter().map(|t| t.name).collect();
    assert_eq!(
        names,
        [
            "drunk-at-desk",
            "furious-suspect",
            "grieving-family",
            "outreach-resident",
            "phone-caller"
        ]
    );
    for t in &all {
        let v = ctx.validate(t.name, t.text);
        assert!(v.problems.is_empty(), "{}: {:?}", t.name, v.problems);
        assert!(t.title.contains("템플릿"), "{}", t.title);
    }
    let lib = Library::builtin();
    // Every scenario of the pack, and nothing else: the pack's files are the embedded ones
    // outside the checklists, lexicons and practices.
    let pack = minwon::library::builtin_files()
        .iter()
        .filter(|(p, _)| {
            !p.contains("checklist") && !p.contains("/lexicon/") && !p.ends_with("practices.ron")
        })
        .count();
    assert_eq!(lib.scenarios.len(), pack);
    assert!(
        lib.scenarios
            .iter()
            .all(|e| !e.scenario.id.starts_with("template-"))
    );
    assert!(
        builtin_files()
            .iter()
            .all(|(p, _)| !p.contains("templates"))
    );
    // A new scenario from a template gets its own id and validates.
    let dir = tempfile::tempdir().unwrap();
    let mut draft = templates::new_from_template(&all[1], dir.path(), "my-suspect");
    assert_eq!(draft.path(), dir.path().join("my-suspect.ron"));
    let v = ctx.validate("my-suspect.ron", draft.text());
    assert_eq!(v.entry.expect("valid").scenario.id, "my-suspect");
    draft.save().unwrap();
}
