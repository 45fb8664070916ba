//! The engine and the scorer on a small fixture scenario (tests/fixtures/lost-wallet.ron), so
//! that these tests do not depend on the built-in pack's wording.

use std::path::Path;
use std::sync::Arc;

use minwon::engine::{CompiledScenario, Session, Source};
use minwon::library::Library;
use minwon::model::{Action, Band, EndingKind, Rung, TraineeTurn, Transcript};
use minwon::scoring::score;

fn fixture() -> (Library, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lost-wallet.ron");
    Library::with_file(&path).expect("fixture loads")
}

fn session(seed: u64) -> Session {
    let (lib, id) = fixture();
    let e = lib.scenario(&id).unwrap();
    e.start(seed)
}

fn t(text: &str) -> TraineeTurn {
    TraineeTurn::parse(text).0
}

const MODEL: &str = "\
[bow] [offer_seat] 안녕하십니까, 지구대 김민수 경장입니다. 이쪽으로 앉으십시오.
네, 그러셨군요. 지갑을 잃어버리셔서 많이 놀라셨겠습니다.
어떻게 된 일인지 말씀해 주시겠습니까? 마지막으로 지갑을 꺼내신 게 어디서였습니까?
버스에서 꺼내신 게 마지막이라는 말씀이시죠? 지갑 안에 소중한 물건이 있었습니까?
오래 기다리시게 해서 죄송합니다. 카드 정지는 하셨습니까?
분실 신고를 접수하고 버스 회사 습득물 센터에도 꼼꼼히 확인해 보겠습니다. 찾으면 문자로 알려 드리겠습니다. 더 궁금하신 점 있으십니까?
[escort] 와 주셔서 감사합니다. 조심히 들어가십시오.
";

fn play(text: &str, seed: u64) -> Session {
    let mut s = session(seed);
    for turn in Transcript::parse(text).unwrap().turns {
        s.respond(turn);
    }
    s
}

#[test]
fn same_seed_same_conversation_and_scorecard() {
    let a = play(MODEL, 42);
    let b = play(MODEL, 42);
    assert_eq!(a.opening(), b.opening());
    let replies = |s: &Session| {
        s.turns()
            .iter()
            .map(|t| t.reply.text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(replies(&a), replies(&b));
    assert_eq!(score(&a), score(&b));
}

#[test]
fn seeds_vary_the_words_but_not_the_score() {
    let runs: Vec<Session> = (0..8).map(|seed| play(MODEL, seed)).collect();
    let texts: std::collections::HashSet<Vec<String>> = runs
        .iter()
        .map(|s| s.turns().iter().map(|t| t.reply.text.clone()).collect())
        .collect();
    assert!(texts.len() > 1, "eight seeds gave one single conversation");
    let totals: std::collections::HashSet<u32> = runs.iter().map(|s| score(s).total).collect();
    assert_eq!(totals.len(), 1, "score depends on the seed: {totals:?}");
}

#[test]
fn model_conversation_resolves_and_scores_high() {
    let s = play(MODEL, 1);
    let ended = s.ended().expect("ended");
    assert_eq!(ended.kind, EndingKind::Resolved);
    let card = score(&s);
    assert_eq!(card.outcome, EndingKind::Resolved);
    assert!(card.total >= 85, "{card:#?}");
    assert!(card.violations.is_empty());
    // Every fact drawn out, all three stages visited.
    assert!(card.facts.iter().all(|f| f.disclosed), "{:?}", card.facts);
    let stages: Vec<usize> = s.turns().iter().filter_map(|t| t.advanced_to).collect();
    assert_eq!(stages, vec![1, 2]);
    // Evidence quotes the words that earned the item.
    let empathy = card.items.iter().find(|i| i.id == "empathy").unwrap();
    let ev = empathy.evidence.as_ref().unwrap();
    assert_eq!(ev.turn, 2);
    assert!(ev.text.contains("놀라셨겠습니다"), "{}", ev.text);
    let greeting = card.items.iter().find(|i| i.id == "greeting").unwrap();
    assert_eq!(greeting.evidence.as_ref().unwrap().text, "[bow]");
    // No abuse happened: the boundary item does not apply.
    let boundary = card.items.iter().find(|i| i.id == "boundary").unwrap();
    assert!(!boundary.applicable);
}

#[test]
fn empathy_lowers_anger_and_blame_raises_it() {
    let mut calm = session(1);
    let before = calm.mood();
    calm.respond(t("많이 놀라셨겠습니다."));
    assert!(calm.mood().anger < before.anger);

    let mut hurt = session(1);
    hurt.respond(t("선생님이 흘리셨잖아요. 본인 잘못이죠."));
    assert!(hurt.mood().anger > before.anger);
    assert!(hurt.mood().trust < before.trust);
}

#[test]
fn repeating_an_item_helps_less_each_time() {
    let mut s = session(1);
    let a0 = s.mood().anger;
    s.respond(t("네, 그러셨군요."));
    let a1 = s.mood().anger;
    s.respond(t("네, 그러셨군요."));
    let a2 = s.mood().anger;
    assert!(a0 - a1 > a1 - a2, "first {} then {}", a0 - a1, a1 - a2);
}

#[test]
fn a_violation_gets_its_trigger_reply() {
    let (lib, id) = fixture();
    let scenario = lib.scenario(&id).unwrap().scenario.clone();
    let mut s = session(3);
    let rec = s.respond(t("진정하세요.")).unwrap().clone();
    let Source::Trigger { index } = rec.reply.source else {
        panic!("expected a trigger, got {:?}", rec.reply.source);
    };
    assert_eq!(scenario.triggers[index].on, "dismissive");
    assert!(scenario.triggers[index].lines.contains(&rec.reply.text));
}

#[test]
fn facts_need_the_question_and_enough_trust() {
    // Asked at once, with trust 30 < 35: refused, in a refusal line.
    let mut s = session(1);
    let rec = s
        .respond(t("지갑은 어디서 잃어버리셨습니까?"))
        .unwrap()
        .clone();
    assert_eq!(rec.disclosed, None);
    assert!(
        matches!(rec.reply.source, Source::Refusal { .. }),
        "{:?}",
        rec.reply.source
    );
    assert!(!s.disclosed()[0]);

    // After empathy raises trust, the same question draws it out.
    let mut s = session(1);
    s.respond(t("[bow] 안녕하십니까. 많이 놀라셨겠습니다."));
    let rec = s
        .respond(t("지갑은 어디서 잃어버리셨습니까?"))
        .unwrap()
        .clone();
    assert_eq!(rec.disclosed, Some(0));
    assert!(matches!(rec.reply.source, Source::Fact { index: 0 }));
    assert!(s.disclosed()[0]);
    // A fact is told once; asking again goes back to the stage.
    let rec = s.respond(t("어디서 잃어버리셨다고요?")).unwrap().clone();
    assert_eq!(rec.disclosed, None);
}

#[test]
fn stage_moves_on_only_when_its_exit_holds() {
    let mut s = session(1);
    s.respond(t("네."));
    assert_eq!(s.stage(), 0, "no empathy yet");
    s.respond(t("많이 놀라셨겠습니다. 정말 속상하시겠습니다."));
    assert_eq!(s.stage(), 1);
    assert_eq!(s.turns().last().unwrap().advanced_to, Some(1));
}

#[test]
fn repeated_violations_make_the_complainant_walk_out() {
    let mut s = session(1);
    for line in [
        "진정하세요.",
        "본인 잘못이잖아요.",
        "그 정도 가지고 뭘 그러세요.",
        "거짓말하지 마세요.",
        "제 담당이 아닙니다.",
    ] {
        if s.respond(t(line)).is_none() {
            break;
        }
    }
    let ended = s.ended().expect("walked out");
    assert_eq!(ended.kind, EndingKind::WalkedOut);
    assert_eq!(s.mood().anger, 100);
    let card = score(&s);
    assert_eq!(card.outcome, EndingKind::WalkedOut);
    assert!(card.total <= 30, "{}", card.total);
    // Turns after the end are ignored.
    let n = s.turns().len();
    assert!(s.respond(t("안녕히 가십시오.")).is_none());
    assert_eq!(s.turns().len(), n);
}

#[test]
fn turn_limit_ends_the_session() {
    let mut s = session(1);
    for _ in 0..20 {
        if s.respond(t("네.")).is_none() {
            break;
        }
    }
    let ended = s.ended().expect("ended");
    assert!(matches!(
        ended.kind,
        EndingKind::TurnLimit | EndingKind::WalkedOut
    ));
    assert!(s.turns().len() <= 8);
}

#[test]
fn ending_by_the_trainee() {
    let mut s = session(1);
    s.respond(t("[bow] 안녕하십니까."));
    let reply = s.end_by_trainee().expect("closing words").clone();
    assert!(matches!(reply.source, Source::Ending { .. }));
    assert_eq!(s.ended().unwrap().kind, EndingKind::EndedByTrainee);
    assert_eq!(score(&s).outcome, EndingKind::EndedByTrainee);
    assert!(s.end_by_trainee().is_none(), "ends once");
}

#[test]
fn farewell_counts_only_at_the_end_and_greeting_only_at_the_start() {
    let text =
        "네.\n네.\n안녕하십니까.\n안녕히 가십시오.\n네, 그러셨군요.\n네, 계속 말씀하십시오.\n";
    let s = play(text, 1);
    let card = score(&s);
    let item = |id: &str| card.items.iter().find(|i| i.id == id).unwrap().clone();
    let greeting = item("greeting");
    assert!(!greeting.met);
    assert_eq!(greeting.mistimed.as_ref().map(|e| e.turn), Some(3));
    let farewell = item("farewell");
    assert!(!farewell.met, "farewell at turn 4 of 6 is not the end");
    assert!(farewell.mistimed.is_some());
    // A tip explains the timing.
    assert!(
        card.tips
            .iter()
            .any(|t| t.advice.contains("때가 맞지 않았습니다")),
        "{:?}",
        card.tips
    );
}

#[test]
fn scorecard_lists_violations_with_turn_and_text() {
    let s = play("[bow] 안녕하십니까.\n거기 앉아.\n진정하세요.\n", 1);
    let card = score(&s);
    let v: Vec<(u32, &str, &str)> = card
        .violations
        .iter()
        .map(|v| (v.turn, v.id.as_str(), v.text.as_str()))
        .collect();
    assert!(v.contains(&(2, "informal_speech", "거기 앉아.")), "{v:?}");
    assert!(v.contains(&(3, "dismissive", "진정하세요.")), "{v:?}");
    assert_eq!(
        card.penalty_points,
        card.violations.iter().map(|v| v.penalty).sum::<u32>()
    );
    assert!(card.tips.len() <= 3);
    assert!(
        card.tips[0].title.contains("감정 무시") || card.tips[0].title.contains("반말"),
        "{:?}",
        card.tips
    );
}

/// An abusive complainant: the fixture's furious band swears.
fn furious_session() -> Session {
    let (lib, id) = fixture();
    let e = lib.scenario(&id).unwrap();
    let mut scenario = (*e.scenario).clone();
    scenario.mood.anger = 95;
    scenario.mood.trust = 5;
    scenario.stages[0].abusive = vec![Band::Furious];
    Session::new(
        Arc::new(
            CompiledScenario::compile(Arc::new(scenario), e.checklist.clone(), &e.analyzer)
                .expect("compiles"),
        ),
        5,
    )
}

#[test]
fn ladder_in_order_earns_the_boundary_item() {
    let mut s = furious_session();
    assert!(s.abused(), "the opening line is abusive");
    s.respond(t(
        "선생님, 그렇게 말씀하시면 정상적인 응대가 어렵습니다. 욕설은 삼가 주십시오.",
    ));
    s.respond(TraineeTurn::with_actions(
        [Action::NotifyRecording],
        "지금부터 대화를 녹음하겠습니다.",
    ));
    s.respond(t("계속하시면 공무집행방해로 처벌받으실 수 있습니다."));
    assert_eq!(s.climbed(), &[Rung::Request, Rung::Record, Rung::Warn]);
    let card = score(&s);
    assert!(card.ladder.is_empty(), "{:?}", card.ladder);
    let boundary = card.items.iter().find(|i| i.id == "boundary").unwrap();
    assert!(boundary.applicable && boundary.met);
}

#[test]
fn skipping_the_ladder_is_a_fault() {
    let mut s = furious_session();
    s.respond(t("계속하시면 공무집행방해로 처벌받으실 수 있습니다."));
    let card = score(&s);
    assert_eq!(card.ladder.len(), 1, "{:?}", card.ladder);
    assert_eq!(card.ladder[0].rung, Rung::Warn);
    assert!(card.ladder[0].problem.contains("건너뛰었습니다"));
    let boundary = card.items.iter().find(|i| i.id == "boundary").unwrap();
    assert!(boundary.applicable && !boundary.met);
}

#[test]
fn warning_someone_who_did_not_swear_is_a_fault() {
    let mut s = session(1);
    assert!(!s.abused());
    s.respond(t("계속 그러시면 공무집행방해로 처벌받으실 수 있습니다."));
    let card = score(&s);
    assert_eq!(card.ladder.len(), 1);
    assert!(
        card.ladder[0].problem.contains("없었는데"),
        "{}",
        card.ladder[0].problem
    );
}

#[test]
fn hints_follow_the_conversation() {
    let mut s = session(1);
    assert_eq!(s.hint().unwrap().title, "첫인사");
    s.respond(t(
        "[bow] [offer_seat] 안녕하십니까. 민원실 김민수 경장입니다.",
    ));
    let h = s.hint().unwrap();
    assert_eq!(h.title, "말씀 청하기");
    assert!(!h.phrase.is_empty());

    let s = furious_session();
    assert_eq!(s.hint().unwrap().title, "정중한 중단 요청");
}

#[test]
fn the_ladder_applies_only_while_the_abuse_goes_on() {
    let mut s = furious_session();
    s.respond(t("선생님, 그렇게 말씀하시면 정상적인 응대가 어렵습니다."));
    // Listening calms the complainant below the abusive bands.
    for line in [
        "많이 놀라셨겠습니다. 정말 속상하시겠습니다.",
        "오래 기다리시게 해서 죄송합니다.",
        "버스에서 잃어버리셨다는 말씀이시죠?",
        "꼼꼼히 살펴보겠습니다. 분실 신고 절차를 안내해 드리겠습니다.",
    ] {
        s.respond(t(line));
    }
    assert!(!s.abuse_ongoing(), "mood {:?}", s.mood());
    s.respond(t("계속하시면 공무집행방해로 처벌받으실 수 있습니다."));
    let card = score(&s);
    assert_eq!(card.ladder.len(), 1, "{:?}", card.ladder);
    assert!(
        card.ladder[0].problem.contains("없었는데"),
        "{}",
        card.ladder[0].problem
    );
}

#[test]
fn ending_at_the_top_of_the_ladder_closes_the_session() {
    let mut s = furious_session();
    for line in [
        "선생님, 욕설은 삼가 주십시오. 정상적인 응대가 어렵습니다.",
        "[notify_recording] 계속 욕설을 하시면 지금부터 녹음하겠습니다.",
        "계속하시면 모욕죄로 처벌받으실 수 있습니다.",
        "계속된 욕설로 오늘 상담은 여기서 마치겠습니다.",
    ] {
        s.respond(t(line));
    }
    let ended = s.ended().expect("ended");
    assert_eq!(ended.kind, EndingKind::EndedByTrainee);
    assert_eq!(
        s.climbed(),
        &[Rung::Request, Rung::Record, Rung::Warn, Rung::End]
    );
    assert!(score(&s).ladder.is_empty());
}

#[test]
fn a_phone_call_cannot_show_a_bow() {
    let (lib, id) = fixture();
    let e = lib.scenario(&id).unwrap();
    let mut scenario = (*e.scenario).clone();
    scenario.channel = minwon::model::Channel::Phone;
    let mut s = Session::new(
        Arc::new(
            CompiledScenario::compile(Arc::new(scenario), e.checklist.clone(), &e.analyzer)
                .expect("compiles"),
        ),
        1,
    );
    s.respond(t("[bow] [notify_recording] 네, 말씀하십시오."));
    let rec = &s.turns()[0];
    assert_eq!(rec.turn.actions, vec![Action::NotifyRecording]);
    assert!(score(&s).items.iter().any(|i| i.id == "greeting" && !i.met));
}

#[test]
fn a_hurtful_remark_is_answered_before_a_question() {
    // Trust is high enough for the bus fact, but blaming gets the reply and the fact stays untold.
    let mut s = session(1);
    s.respond(t("[bow] 안녕하십니까. 많이 놀라셨겠습니다."));
    let rec = s
        .respond(t("본인 잘못이잖아요. 어디서 잃어버리셨습니까?"))
        .unwrap()
        .clone();
    assert!(
        matches!(rec.reply.source, Source::Trigger { .. }),
        "{:?}",
        rec.reply.source
    );
    assert_eq!(rec.disclosed, None);
    assert!(
        !s.disclosed()[0],
        "the scorecard must not list an untold fact"
    );
}

#[test]
fn of_two_questions_the_last_is_answered() {
    let mut s = session(1);
    s.respond(t(
        "[bow] 안녕하십니까. 많이 놀라셨겠습니다. 정말 속상하시겠습니다.",
    ));
    s.respond(t("오래 기다리시게 해서 죄송합니다. 꼼꼼히 살펴보겠습니다."));
    let rec = s
        .respond(t(
            "카드는 정지하셨습니까? 마지막으로 지갑을 꺼내신 게 어디서였습니까?",
        ))
        .unwrap()
        .clone();
    assert_eq!(rec.disclosed, Some(0), "the bus question came last");
}

#[test]
fn a_misplaced_rung_does_not_show_as_credit() {
    let mut s = furious_session();
    let rec = s
        .respond(t("계속하시면 공무집행방해로 처벌받으실 수 있습니다."))
        .unwrap()
        .clone();
    assert!(rec.rungs.is_empty());
    assert_eq!(rec.ladder_faults.len(), 1);
    assert!(!rec.analysis.items().any(|h| {
        s.checklist().items[match h.target {
            minwon::analysis::Target::Item(i) => i,
            _ => unreachable!(),
        }]
        .id == "boundary"
    }));
}

#[test]
fn a_recording_announced_early_counts_when_the_abuse_comes() {
    let mut s = session(1);
    s.respond(t("[notify_recording] 민원 응대 내용은 녹음됩니다."));
    assert_eq!(s.climbed(), &[Rung::Record]);
    assert!(
        score(&s).ladder.is_empty(),
        "no fault for announcing a recording"
    );
}

#[test]
fn repeated_listening_never_stops_helping() {
    let mut s = session(1);
    let mut last = s.mood().anger;
    // The fixture allows eight turns.
    for _ in 0..7 {
        s.respond(t("네, 그러셨군요."));
        assert!(
            s.mood().anger < last || s.mood().anger == 0,
            "anger stuck at {last}"
        );
        last = s.mood().anger;
    }
}

// ---- issue 8: a complainant who sounds alive, patience, ladder timing, the immediate branch,
// endings by band and a scorecard that keeps the differences.

/// The fixture with changes, as a session.
fn custom(seed: u64, change: impl FnOnce(&mut minwon::model::Scenario)) -> Session {
    let (lib, id) = fixture();
    let e = lib.scenario(&id).unwrap();
    let mut scenario = (*e.scenario).clone();
    change(&mut scenario);
    Session::new(
        Arc::new(
            CompiledScenario::compile(Arc::new(scenario), e.checklist.clone(), &e.analyzer)
                .expect("compiles"),
        ),
        seed,
    )
}

fn complainant_lines(s: &Session) -> Vec<String> {
    std::iter::once(s.opening().text.clone())
        .chain(s.turns().iter().map(|t| t.reply.text.clone()))
        .collect()
}

#[test]
fn no_line_is_said_twice_while_another_variant_fits() {
    for seed in 0..20 {
        // A trainee who only says 네 keeps the complainant in one stage and one band, with
        // three stage lines and three stuck lines to say.
        let mut s = custom(seed, |sc| {
            sc.max_turns = 6;
            sc.stages[0].stuck.insert(
                "empathy".into(),
                vec![
                    "제 말은 듣고나 있는 거예요?".into(),
                    "속상한 건 안 보이세요?".into(),
                ],
            );
            sc.stuck
                .insert("any".into(), vec!["그래서 뭘 하면 되는데요?".into()]);
        });
        for _ in 0..5 {
            s.respond(t("네."));
        }
        let lines = complainant_lines(&s);
        let mut seen = std::collections::HashSet::new();
        for l in &lines {
            assert!(
                seen.insert(l.clone()),
                "seed {seed}: said twice: {l}\n{lines:#?}"
            );
        }
    }
}

#[test]
fn when_every_variant_is_said_the_oldest_comes_back_first() {
    let mut s = custom(3, |sc| {
        sc.max_turns = 12;
        sc.stages[0].lines.upset.truncate(2);
    });
    for _ in 0..4 {
        s.respond(t("네."));
    }
    // Two turns after a line, its repeat is allowed; never the line just said.
    for w in complainant_lines(&s).windows(2) {
        assert_ne!(w[0], w[1], "the same line twice in a row");
    }
}

#[test]
fn a_stuck_stage_says_what_is_missing() {
    let mut s = custom(1, |sc| {
        sc.max_turns = 12;
        sc.stages[0]
            .stuck
            .insert("empathy".into(), vec!["제 말은 듣고나 있는 거예요?".into()]);
        sc.stuck
            .insert("any".into(), vec!["그래서 뭘 하면 되는데요?".into()]);
    });
    s.respond(t("네."));
    s.respond(t("네, 알겠습니다."));
    // Not yet stuck: the stage's own lines.
    assert!(matches!(s.turns()[1].reply.source, Source::Stage { .. }));
    let rec = s.respond(t("네.")).unwrap().clone();
    assert_eq!(
        rec.reply.text, "제 말은 듣고나 있는 거예요?",
        "{:?}",
        rec.reply
    );
    assert!(matches!(
        rec.reply.source,
        Source::Stuck { stage: Some(0), .. }
    ));
    // Said once; the next missing thing has a scenario-wide line.
    let rec = s.respond(t("네.")).unwrap().clone();
    assert_eq!(
        rec.reply.text, "그래서 뭘 하면 되는데요?",
        "{:?}",
        rec.reply
    );
    assert!(matches!(
        rec.reply.source,
        Source::Stuck { stage: None, .. }
    ));
}

#[test]
fn a_line_about_a_card_waits_for_the_card() {
    let card_line = "(명함을 받아 들며) 이 번호로 연락하면 되죠?";
    let setup = |sc: &mut minwon::model::Scenario| {
        sc.triggers.insert(
            0,
            minwon::model::Trigger {
                on: "greeting".into(),
                stages: vec![],
                once: true,
                after: vec!["give_card".into()],
                danger: false,
                lines: vec![card_line.into()],
            },
        );
    };
    let mut without = custom(1, setup);
    let rec = without.respond(t("안녕하십니까.")).unwrap().clone();
    assert_ne!(rec.reply.text, card_line);
    let mut with = custom(1, setup);
    let rec = with
        .respond(t("[give_card] 안녕하십니까."))
        .unwrap()
        .clone();
    assert_eq!(rec.reply.text, card_line);
}

#[test]
fn extra_stage_lines_join_the_pool_only_after_their_action() {
    let extra = "명함은 냉장고에 붙여 둘게요.";
    let setup = |sc: &mut minwon::model::Scenario| {
        sc.max_turns = 12;
        sc.stages[0]
            .extra
            .push(minwon::model::scenario::ExtraLines {
                after: vec!["give_card".into()],
                bands: vec![],
                lines: vec![extra.into()],
            });
    };
    let mut s = custom(1, setup);
    for _ in 0..6 {
        s.respond(t("네."));
    }
    assert!(!complainant_lines(&s).iter().any(|l| l == extra));
    let mut s = custom(1, setup);
    s.respond(t("[give_card] 네."));
    for _ in 0..5 {
        s.respond(t("네."));
    }
    assert!(
        complainant_lines(&s).iter().any(|l| l == extra),
        "{:#?}",
        complainant_lines(&s)
    );
}

#[test]
fn one_slip_from_a_polite_officer_does_not_send_a_furious_person_out() {
    let mut s = custom(1, |sc| {
        sc.mood.anger = 84;
        sc.max_turns = 12;
    });
    s.respond(t("[bow] 안녕하십니까."));
    let before = s.mood().anger;
    s.respond(t("진정하세요."));
    let rise = s.mood().anger - before;
    assert!(rise > 0, "a dismissive remark still hurts");
    assert!(rise <= 10, "a first slip stings less: +{rise}");
    s.respond(t("네."));
    s.respond(t("제 담당이 아닙니다."));
    assert!(
        s.ended().is_none(),
        "two faults are not yet a walk-out: {:?}",
        s.mood()
    );
}

#[test]
fn sustained_provocation_makes_the_complainant_walk_out() {
    let mut s = custom(1, |sc| sc.max_turns = 12);
    for line in [
        "진정하세요.",
        "본인 잘못이잖아요.",
        "제 담당이 아닙니다.",
        "그 정도 가지고 뭘 그러세요.",
    ] {
        if s.respond(t(line)).is_none() {
            break;
        }
    }
    assert_eq!(s.ended().map(|e| e.kind), Some(EndingKind::WalkedOut));
    assert!(s.fault_turns() >= 3);
}

#[test]
fn an_abusive_officer_is_left_at_once() {
    let mut s = custom(1, |sc| sc.mood.anger = 80);
    s.respond(t("씨발, 조용히 좀 해요."));
    assert_eq!(s.ended().map(|e| e.kind), Some(EndingKind::WalkedOut));
}

#[test]
fn patience_is_scenario_data() {
    // A scenario can make its complainant leave at the first fault.
    let mut s = custom(1, |sc| {
        sc.mood.anger = 90;
        sc.patience.faults_to_walk_out = 1;
        sc.patience.first_fault_percent = 100;
    });
    s.respond(t("본인 잘못이잖아요."));
    assert_eq!(s.ended().map(|e| e.kind), Some(EndingKind::WalkedOut));
}

#[test]
fn a_stop_request_is_timely_while_abuse_is_in_the_last_three_lines() {
    let mut s = furious_session();
    // Two calming turns: the complainant's last lines are no longer all abusive, but the
    // opening swear is within the last three.
    s.respond(t("많이 놀라셨겠습니다."));
    s.respond(t("네, 그러셨군요."));
    assert!(s.abuse_ongoing());
    s.respond(t("선생님, 욕설은 삼가 주십시오."));
    assert!(score(&s).ladder.is_empty(), "{:?}", score(&s).ladder);
    assert!(s.climbed().contains(&Rung::Request));
}

#[test]
fn a_stop_request_with_no_abuse_in_the_last_three_lines_is_premature() {
    let mut s = session(1);
    assert!(!s.abuse_ongoing());
    s.respond(t("선생님, 욕설은 삼가 주십시오."));
    let card = score(&s);
    assert_eq!(card.ladder.len(), 1, "{:?}", card.ladder);
    assert!(card.ladder[0].problem.contains("없었는데"));
}

#[test]
fn a_legal_warning_at_the_first_swear_stays_a_fault() {
    let mut s = furious_session();
    s.respond(t("계속하시면 모욕죄로 처벌받으실 수 있습니다."));
    let card = score(&s);
    assert_eq!(card.ladder.len(), 1);
    assert!(card.ladder[0].problem.contains("건너뛰었습니다"));
}

/// A complainant who turns violent when insulted.
fn violent_session() -> Session {
    custom(1, |sc| {
        sc.max_turns = 12;
        for tr in sc.triggers.iter_mut().filter(|t| t.on == "blame") {
            tr.danger = true;
            tr.lines = vec!["(주먹을 치켜들고 다가오며) 내 탓이라고?".into()];
        }
    })
}

#[test]
fn danger_ends_at_once_with_a_report_and_no_ladder() {
    let mut s = violent_session();
    s.respond(t("본인 잘못이잖아요."));
    assert!(s.turns()[0].reply.danger);
    assert!(s.danger_ongoing());
    s.respond(t(
        "폭력 행위가 있어 상담을 종료하겠습니다. 상급자에게 보고하고 인계하겠습니다.",
    ));
    let ended = s.ended().expect("ended at once");
    assert_eq!(ended.kind, EndingKind::EndedByTrainee);
    let card = score(&s);
    assert!(
        card.ladder.is_empty(),
        "no ladder needed: {:?}",
        card.ladder
    );
    let boundary = card.items.iter().find(|i| i.id == "boundary").unwrap();
    assert!(boundary.applicable && boundary.met, "{boundary:?}");
    assert!(
        boundary
            .evidence
            .as_ref()
            .unwrap()
            .text
            .contains("상담을 종료")
    );
}

#[test]
fn without_danger_ending_at_once_skips_the_ladder() {
    let mut s = furious_session();
    s.respond(t("상담을 종료하겠습니다."));
    let card = score(&s);
    assert_eq!(card.ladder.len(), 1, "{:?}", card.ladder);
    assert!(card.ladder[0].problem.contains("건너뛰었습니다"));
}

/// A conversation that reaches the closing stage of the fixture.
const TO_CLOSING: [&str; 4] = [
    "[bow] 안녕하십니까, 지구대 김민수 경장입니다. 많이 놀라셨겠습니다.",
    "정말 속상하시겠습니다. 오래 기다리시게 해서 죄송합니다.",
    "마지막으로 지갑을 꺼내신 게 어디서였습니까?",
    "버스에서 잃어버리셨다는 말씀이시죠?",
];

#[test]
fn a_farewell_near_the_threshold_ends_resolved() {
    let mut probe = custom(1, |sc| sc.max_turns = 12);
    for line in TO_CLOSING {
        probe.respond(t(line));
    }
    assert_eq!(probe.stage(), 2, "{:?}", probe.mood());
    let anger = probe.mood().anger;
    // The resolved ending now wants five points less anger than the conversation reaches.
    let mut s = custom(1, |sc| {
        sc.max_turns = 12;
        for e in sc
            .endings
            .iter_mut()
            .filter(|e| e.kind == EndingKind::Resolved)
        {
            e.when.max_anger = Some(anger - 5);
        }
    });
    for line in TO_CLOSING {
        s.respond(t(line));
    }
    s.respond(t("조심히 들어가십시오."));
    assert_eq!(s.ended().map(|e| e.kind), Some(EndingKind::Resolved));
}

#[test]
fn a_farewell_to_someone_calmer_but_not_satisfied_ends_partial() {
    let mut s = custom(1, |sc| {
        sc.max_turns = 12;
        sc.endings.retain(|e| e.kind != EndingKind::Partial);
        sc.endings.push(minwon::model::Ending {
            id: "partial".into(),
            kind: EndingKind::Partial,
            when: Default::default(),
            lines: vec!["...알겠어요. 그래도 답답한 건 그대로네요.".into()],
            summary: "조금 누그러졌지만 만족하지 못했습니다.".into(),
        });
        for e in sc
            .endings
            .iter_mut()
            .filter(|e| e.kind == EndingKind::Resolved)
        {
            e.when.min_trust = Some(95);
        }
    });
    for line in TO_CLOSING {
        s.respond(t(line));
    }
    let rec = s.respond(t("조심히 들어가십시오.")).unwrap().clone();
    assert_eq!(s.ended().map(|e| e.kind), Some(EndingKind::Partial));
    assert_eq!(rec.reply.text, "...알겠어요. 그래도 답답한 건 그대로네요.");
    let card = score(&s);
    assert_eq!(card.outcome, EndingKind::Partial);
    assert_eq!(card.outcome_label, "불완전 해결");
    assert!(card.total <= s.scenario().scoring.partial_cap);
}

#[test]
fn the_closing_words_fit_the_final_mood() {
    let setup = |sc: &mut minwon::model::Scenario| {
        sc.max_turns = 12;
        sc.endings.insert(
            0,
            minwon::model::Ending {
                id: "ended-calm".into(),
                kind: EndingKind::EndedByTrainee,
                when: minwon::model::Condition {
                    max_anger: Some(35),
                    ..Default::default()
                },
                lines: vec!["네, 고맙습니다. 연락 기다릴게요.".into()],
                summary: String::new(),
            },
        );
    };
    let mut calm = custom(1, setup);
    for line in TO_CLOSING {
        calm.respond(t(line));
    }
    assert!(calm.mood().anger <= 35);
    assert_eq!(
        calm.end_by_trainee().unwrap().text,
        "네, 고맙습니다. 연락 기다릴게요."
    );
    let mut angry = custom(1, setup);
    angry.respond(t("네."));
    assert_eq!(angry.end_by_trainee().unwrap().text, "...네, 알겠어요.");
}

#[test]
fn a_stage_does_not_stall_on_one_missed_wording() {
    // The first stage needs empathy; this officer never names the feeling but apologises,
    // asks for the account and asks what the case needs, and the complainant calms down.
    let mut s = custom(1, |sc| sc.max_turns = 12);
    for line in [
        "[bow] 안녕하십니까, 지구대 김민수 경장입니다.",
        "오래 기다리시게 해서 죄송합니다. 어떻게 된 일인지 말씀해 주시겠습니까?",
        "지갑은 어떤 색이었습니까?",
        "혹시 지갑에 연락처가 적혀 있었습니까?",
    ] {
        s.respond(t(line));
    }
    assert!(
        !s.turns()
            .iter()
            .any(|r| r.analysis.items().any(|h| h.quote.contains("놀라셨"))),
        "no empathy wording"
    );
    assert_eq!(s.stage(), 1, "mood {:?}", s.mood());
}

#[test]
fn a_bare_backchannel_does_not_stand_in_for_listening() {
    let mut s = custom(1, |sc| sc.max_turns = 12);
    for _ in 0..5 {
        s.respond(t("네."));
    }
    assert_eq!(s.stage(), 0);
}

#[test]
fn a_neutral_question_is_listening_work_and_not_idle() {
    let mut a = session(1);
    let start = a.mood();
    let rec = a.respond(t("지갑은 어떤 색이었습니까?")).unwrap().clone();
    assert!(rec.analysis.hits.is_empty(), "{:?}", rec.analysis.hits);
    assert!(
        a.mood().anger < start.anger && a.mood().trust > start.trust,
        "{:?}",
        a.mood()
    );
    // A statement that does nothing lets the anger drift up.
    let mut b = session(1);
    b.respond(t("서류를 보고 있습니다."));
    assert!(b.mood().anger > start.anger, "{:?}", b.mood());
}

// ---- the scorecard

const FLAT: &str = "\
안녕하십니까.
무슨 일로 오셨는지 말씀해 주시겠습니까?
진정하세요.
네.
네, 알겠습니다.
그 부분은 제 담당이 아닙니다.
네.
안녕히 가십시오.
";

const ABUSIVE: &str = "\
야, 조용히 해.
씨발, 누구는 할 말 없는 줄 알아?
본인 잘못이잖아.
";

#[test]
fn a_flat_officer_lands_clearly_above_an_abusive_one() {
    let flat = score(&play(FLAT, 1));
    let abusive = score(&play(ABUSIVE, 1));
    assert_ne!(flat.outcome, EndingKind::WalkedOut, "{flat:#?}");
    assert_eq!(abusive.outcome, EndingKind::WalkedOut);
    assert!(
        flat.total >= abusive.total + 10,
        "flat {} vs abusive {}",
        flat.total,
        abusive.total
    );
}

#[test]
fn a_walk_out_caps_the_total_but_keeps_item_credit() {
    let mut s = custom(1, |sc| {
        sc.max_turns = 12;
        sc.patience.walk_out_anger = 60;
    });
    for line in TO_CLOSING {
        s.respond(t(line));
    }
    for line in [
        "본인 잘못이잖아요.",
        "진정하세요.",
        "제 담당이 아닙니다.",
        "본인 잘못이잖아요.",
        "진정하세요.",
    ] {
        if s.respond(t(line)).is_none() {
            break;
        }
    }
    assert_eq!(s.ended().map(|e| e.kind), Some(EndingKind::WalkedOut));
    let card = score(&s);
    assert!(card.total <= s.scenario().scoring.walked_out_cap);
    assert!(
        card.total > 0,
        "item credit survives the walk-out: {}",
        card.total
    );
    assert!(card.items.iter().filter(|i| i.met).count() >= 5);
}

#[test]
fn ticking_items_without_drawing_out_facts_is_not_full_marks() {
    let full = score(&play(MODEL, 1));
    // The same conversation without the questions that draw out the facts.
    let shallow = "\
[bow] [offer_seat] 안녕하십니까, 지구대 김민수 경장입니다. 이쪽으로 앉으십시오.
네, 그러셨군요. 지갑을 잃어버리셔서 많이 놀라셨겠습니다.
어떻게 된 일인지 말씀해 주시겠습니까?
잃어버리셨다는 말씀이시죠?
오래 기다리시게 해서 죄송합니다.
분실 신고를 접수하고 습득물 센터에도 꼼꼼히 확인해 보겠습니다. 찾으면 문자로 알려 드리겠습니다. 더 궁금하신 점 있으십니까?
[escort] 와 주셔서 감사합니다. 조심히 들어가십시오.
";
    let shallow = score(&play(shallow, 1));
    assert!(full.facts.iter().filter(|f| f.disclosed).count() >= 2);
    assert_eq!(shallow.facts.iter().filter(|f| f.disclosed).count(), 0);
    assert!(shallow.total < 100, "{}", shallow.total);
    assert!(
        shallow.total < full.total,
        "shallow {} vs full {}",
        shallow.total,
        full.total
    );
    assert!(shallow.depth_points < full.depth_points);
}

#[test]
fn depth_rewards_empathy_before_explanation() {
    let first = "네, 그러셨군요. 많이 놀라셨겠습니다.\n분실 신고를 접수하고 습득물 센터에 확인하겠습니다.\n";
    let later = "분실 신고를 접수하고 습득물 센터에 확인하겠습니다.\n네, 그러셨군요. 많이 놀라셨겠습니다.\n";
    let a = score(&play(first, 1));
    let b = score(&play(later, 1));
    assert!(
        a.depth_points > b.depth_points,
        "{} vs {}",
        a.depth_points,
        b.depth_points
    );
}

#[test]
fn after_danger_the_hint_is_to_end_and_report() {
    let mut s = violent_session();
    s.respond(t("본인 잘못이잖아요."));
    let hint = s.hint().expect("a hint");
    assert!(hint.why.contains("보고"), "{hint:?}");
    assert!(hint.phrase.contains("종료"), "{hint:?}");
}

#[test]
fn only_a_question_is_refused_a_mention_is_let_pass() {
    let setup = |sc: &mut minwon::model::Scenario| sc.facts[0].min_trust = 90;
    let mut asked = custom(1, setup);
    let rec = asked
        .respond(t("마지막으로 지갑을 꺼내신 게 어디서였습니까?"))
        .unwrap()
        .clone();
    assert!(
        matches!(rec.reply.source, Source::Refusal { index: 0 }),
        "{:?}",
        rec.reply
    );
    let mut told = custom(1, setup);
    let rec = told
        .respond(t(
            "마지막으로 보신 곳이 버스라면 버스 회사 습득물 센터에 확인하겠습니다.",
        ))
        .unwrap()
        .clone();
    assert!(
        !matches!(rec.reply.source, Source::Refusal { .. }),
        "{:?}",
        rec.reply
    );
}

/// Only a compiled scenario starts a session, and compiling refuses what would make one panic.
#[test]
fn compiling_refuses_a_scenario_without_stages_or_with_another_checklists_analyser() {
    let lib = Library::builtin();
    let e = lib
        .scenario("victim-family-delay")
        .expect("built-in scenario");
    let mut empty = (*e.scenario).clone();
    empty.stages.clear();
    let err = CompiledScenario::compile(Arc::new(empty), e.checklist.clone(), &e.analyzer)
        .expect_err("no stages");
    assert!(err.to_string().contains("단계"), "{err}");

    let outreach = lib.checklist("outreach").expect("outreach checklist");
    let other = lib.analyzer(outreach);
    let err = CompiledScenario::compile(e.scenario.clone(), e.checklist.clone(), &other)
        .expect_err("another checklist's analyser");
    assert!(err.to_string().contains("outreach"), "{err}");

    let ok = CompiledScenario::compile(e.scenario.clone(), e.checklist.clone(), &e.analyzer)
        .expect("compiles");
    let s = Session::new(Arc::new(ok), 1);
    assert!(!s.opening().text.is_empty());
}

/// What the stage still needs is said, and goes away as it is shown: the item, the fact.
#[test]
fn the_stage_says_what_it_still_needs() {
    use minwon::engine::Missing;
    let mut s = session(3);
    let first = s.still_missing();
    assert!(
        first.contains(&Missing::Shown("empathy".into())),
        "{first:?}"
    );
    s.respond(t("안녕하십니까. 지갑을 잃어버리셔서 많이 놀라셨겠습니다."));
    assert!(
        !s.still_missing()
            .contains(&Missing::Shown("empathy".into())),
        "{:?}",
        s.still_missing()
    );
    // The second stage waits for the fact `bus`, named by its index.
    while s.stage() == 0 && !s.is_over() {
        s.respond(t("네, 그러셨군요. 많이 당황하셨겠습니다."));
    }
    let bus = s
        .scenario()
        .facts
        .iter()
        .position(|f| f.id == "bus")
        .unwrap();
    assert!(
        s.still_missing().contains(&Missing::Fact(bus)),
        "{:?}",
        s.still_missing()
    );
    s.end_by_trainee();
    assert!(
        s.still_missing().is_empty(),
        "nothing is missing once it is over"
    );
}

/// A scenario's own model phrase comes before the checklist's, in hints and on the scorecard.
#[test]
fn hints_and_missed_items_use_the_scenarios_own_phrase_first() {
    let (lib, id) = fixture();
    let e = lib.scenario(&id).unwrap();
    let general = e.checklist.item("greeting").unwrap().model_phrases[0].clone();
    assert_eq!(e.start(1).hint().unwrap().phrase, general);
    let mut scenario = (*e.scenario).clone();
    let own = "어서 오십시오, 지갑 때문에 오셨군요.".to_owned();
    scenario
        .phrases
        .insert("greeting".into(), vec![own.clone()]);
    let compiled = Arc::new(
        CompiledScenario::compile(Arc::new(scenario), e.checklist.clone(), &e.analyzer)
            .expect("compiles"),
    );
    let mut s = Session::new(compiled, 1);
    assert_eq!(s.hint().unwrap().phrase, own);
    s.respond(t("네."));
    s.end_by_trainee();
    let card = score(&s);
    let greeting = card.items.iter().find(|i| i.id == "greeting").unwrap();
    assert!(!greeting.met);
    assert_eq!(greeting.model_phrase, own);
}
