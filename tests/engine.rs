//! The engine and the scorer on a small fixture scenario (tests/fixtures/lost-wallet.ron), so
//! that these tests do not depend on the built-in pack's wording.

use std::path::Path;
use std::sync::Arc;

use minwon::engine::{Session, Source};
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
    Session::start(e, seed)
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
    assert_eq!(card.outcome, "resolved");
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
    assert_eq!(card.outcome, "walked_out");
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
    assert_eq!(score(&s).outcome, "ended_by_trainee");
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
    Session::new(&e.analyzer, Arc::new(scenario), e.checklist.clone(), 5)
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
    assert_eq!(card.ladder[0].rung, "ladder:warn");
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
    assert_eq!(s.hint().unwrap().title, "먼저 인사");
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
    let mut s = Session::new(&e.analyzer, Arc::new(scenario), e.checklist.clone(), 1);
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
