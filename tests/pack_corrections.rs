//! Procedure the built-in pack must get right, as a Korean police instructor checks it: each test
//! plays the scenario as a trainee would and looks at what the complainant does, or at the words a
//! trainee reads on the briefing.

use std::path::Path;

use minwon::engine::Session;
use minwon::library::Library;
use minwon::model::{EndingKind, Scenario, TraineeTurn, Transcript};
use minwon::scoring::score;

const SEEDS: [u64; 3] = [1, 7, 2024];

fn transcript(id: &str, kind: &str) -> Transcript {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/transcripts")
        .join(id)
        .join(format!("{kind}.txt"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Transcript::parse(&text).unwrap_or_else(|e| panic!("{}:{e}", path.display()))
}

/// Plays `turns` (stopping if the session ends), then `last` if given.
fn play(lib: &Library, id: &str, turns: &[TraineeTurn], last: Option<&str>, seed: u64) -> Session {
    let e = lib.scenario(id).expect("in the pack");
    let mut s = e.start(seed);
    for t in turns {
        if s.respond(t.clone()).is_none() {
            break;
        }
    }
    if let Some(text) = last {
        s.respond(TraineeTurn::parse(text).0);
    }
    s
}

fn scenario(lib: &Library, id: &str) -> Scenario {
    (*lib.scenario(id).expect("in the pack").scenario).clone()
}

/// Everything a trainee reads before and during the scenario: summary, setting, goals, stage goals.
fn briefing(s: &Scenario) -> String {
    let mut text = format!("{}\n{}\n{}\n", s.summary, s.setting, s.goals.join("\n"));
    for st in &s.stages {
        text.push_str(&st.goal);
        text.push('\n');
    }
    text
}

/// Every line the complainant can say.
fn complainant_lines(s: &Scenario) -> Vec<&str> {
    let mut out: Vec<&str> = s.opening.iter().map(String::as_str).collect();
    for st in &s.stages {
        for b in minwon::model::Band::ALL {
            out.extend(st.lines.get(b).iter().map(String::as_str));
        }
        out.extend(
            st.extra
                .iter()
                .flat_map(|x| x.lines.iter().map(String::as_str)),
        );
        out.extend(st.stuck.values().flatten().map(String::as_str));
    }
    out.extend(
        s.triggers
            .iter()
            .flat_map(|t| t.lines.iter().map(String::as_str)),
    );
    out.extend(
        s.facts
            .iter()
            .flat_map(|f| f.lines.iter().map(String::as_str)),
    );
    out.extend(s.stuck.values().flatten().map(String::as_str));
    out
}

#[test]
fn the_desk_officer_who_turns_the_drunk_man_out_at_night_does_not_resolve_it() {
    // 01:40, a man too drunk to look after himself: ending the conversation is right, turning him
    // out is not (경찰관 직무집행법 제4조 보호조치 — protect him and hand him over to his family).
    let lib = Library::builtin();
    let id = "drunk-visitor-desk";
    let model = transcript(id, "model");
    let (before_end, _) = model.turns.split_at(model.turns.len() - 1);
    let turn_outs = [
        "경고를 드렸는데도 욕설과 위협이 계속되어 저와의 대화는 여기서 마치겠습니다. 이제 지구대에서 나가 주십시오.",
        "경고에도 소란이 계속되어 대화는 여기서 마치겠습니다. 퇴거해 주십시오. 휴대전화는 찾는 대로 연락드리겠습니다.",
        "더 이상 대화는 어렵습니다. 진정되시면 다시 오세요. 휴대전화 소식은 따님 번호로 연락드리겠습니다.",
    ];
    for seed in SEEDS {
        let s = play(&lib, id, &model.turns, None, seed);
        assert_eq!(
            s.ended().map(|e| e.kind),
            Some(EndingKind::Resolved),
            "the model protects him and hands him over: seed {seed}"
        );
        for text in turn_outs {
            let s = play(&lib, id, before_end, Some(text), seed);
            let kind = s.ended().map(|e| e.kind);
            assert!(
                kind.is_some() && kind != Some(EndingKind::Resolved),
                "turned out but {kind:?}: \"{text}\", seed {seed}"
            );
            let last = s.turns().len() as u32;
            assert!(
                score(&s)
                    .violations
                    .iter()
                    .any(|v| v.id == "passing_buck" && v.turn == last),
                "turning him out is passing the buck: \"{text}\""
            );
        }
    }
    // Ending the conversation while keeping him safe resolves it, in other words too.
    let protects = [
        "경고에도 욕설이 계속되어 대화는 여기서 마치겠습니다. 따님 오실 때까지 여기 앉아서 쉬고 계세요. 박 순경이 옆에 있겠습니다.",
        "경고를 드렸는데도 계속되어 저와의 대화는 여기서 마치겠습니다. 이 시간에 혼자 보내 드릴 수는 없으니 지구대에서 보호하겠습니다. 따님께는 제가 연락드리겠습니다.",
    ];
    for seed in SEEDS {
        for text in protects {
            let s = play(&lib, id, before_end, Some(text), seed);
            assert_eq!(
                s.ended().map(|e| e.kind),
                Some(EndingKind::Resolved),
                "protected and handed over: \"{text}\", seed {seed}"
            );
        }
    }
    // The golden transcript of the turn-out plays to an end that is not a resolution.
    let t = transcript(id, "turn-out");
    for seed in SEEDS {
        let s = play(&lib, id, &t.turns, None, seed);
        let card = score(&s);
        assert_eq!(card.outcome, EndingKind::EndedByTrainee, "seed {seed}");
        assert!(card.violations.iter().any(|v| v.id == "passing_buck"));
    }
    let s = scenario(&lib, id);
    let b = briefing(&s);
    assert!(
        b.contains("보호조치") && b.contains("경찰관 직무집행법 제4조"),
        "{b}"
    );
}

#[test]
fn hit_and_run_names_the_law_and_calling_a_property_case_hit_and_run_draws_a_reaction() {
    // Nobody was hurt: 도로교통법 제54조 제1항 (사고 후 조치 의무), 벌칙 제148조 — not 특가법 제5조의3
    // 도주치상, which is about injury. An officer who calls it 뺑소니 prejudges and hears about it.
    let lib = Library::builtin();
    let id = "hit-and-run-swearing";
    let s = scenario(&lib, id);
    let b = briefing(&s);
    for law in ["제54조 제1항", "제148조", "제5조의3"] {
        assert!(b.contains(law), "the briefing does not name {law}");
    }
    assert!(
        s.setting.contains("다치지 않았"),
        "the setting must say the other driver was unhurt"
    );
    let model = transcript(id, "model");
    for label in [
        "이번 뺑소니 사건으로 오신 거 맞으시죠?",
        "뺑소니로 신고가 들어와서 부른 겁니다.",
    ] {
        for seed in SEEDS {
            let s = play(&lib, id, &model.turns[..3], Some(label), seed);
            let last = s.turns().last().expect("played");
            let card = score(&s);
            assert!(
                card.violations
                    .iter()
                    .any(|v| v.id == "blame" && v.turn == last.number),
                "\"{label}\" is not taken as prejudging"
            );
            let reply = &last.reply.text;
            assert!(
                ["다쳤", "다친", "사람 친"]
                    .iter()
                    .any(|w| reply.contains(w)),
                "seed {seed}: the suspect should answer that nobody was hurt: {reply}"
            );
        }
    }
    // Saying what it is not, or quoting the everyday word, is not prejudging.
    for fine in [
        "사람이 다치지 않아서 뺑소니로 보지 않습니다.",
        "흔히 뺑소니라고들 하지만 법으로는 사고 후 조치 의무 위반입니다.",
    ] {
        let s = play(&lib, id, &model.turns[..3], Some(fine), 1);
        assert!(
            score(&s).violations.iter().all(|v| v.turn != 4),
            "\"{fine}\" was taken as a fault"
        );
    }
    // The model explains the charge by its law.
    assert!(
        model
            .turns
            .iter()
            .any(|t| t.text.contains("제54조 제1항") && t.text.contains("제148조"))
    );
}

#[test]
fn a_fault_ratio_dispute_goes_through_the_persons_own_insurer() {
    // 과실비율분쟁심의위원회 hears disputes between insurers: the person asks their own insurer, which
    // negotiates again with the other insurer and, failing that, files for 심의. Nobody should be
    // sent to the committee directly, and the complainant should not ask to be.
    let lib = Library::builtin();
    let id = "fault-ratio-dispute";
    let s = scenario(&lib, id);
    let b = briefing(&s);
    assert!(b.contains("자기 보험사를 통해"), "{b}");
    assert!(b.contains("직접 신청하는 곳이 아님"), "{b}");
    for line in complainant_lines(&s) {
        assert!(
            !line.contains("제가 직접 해요") && !line.contains("제가 직접 다툴"),
            "a line that invites the wrong answer: {line}"
        );
    }
    // Every golden answer that tells how to file for 심의 says it goes through the insurer.
    let answers = ["model", "terse", "tired", "overpromise", "average"];
    for (case, kind) in answers
        .iter()
        .map(|k| (id, *k))
        .chain(answers.iter().map(|k| ("repeat-complainant-superior", *k)))
    {
        for turn in transcript(case, kind).turns {
            for sentence in turn.text.split_inclusive(['.', '?']) {
                if sentence.contains("위원회")
                    && (sentence.contains("청구") || sentence.contains("신청"))
                {
                    assert!(
                        sentence.contains("보험사"),
                        "{case} {kind}: \"{sentence}\" sends the person to the committee directly"
                    );
                }
            }
        }
    }
    let model = transcript(id, "model");
    for seed in SEEDS {
        let s = play(&lib, id, &model.turns, None, seed);
        let card = score(&s);
        assert_eq!(card.outcome, EndingKind::Resolved);
        assert!(
            card.violations.is_empty(),
            "seed {seed}: {:?}",
            card.violations
        );
    }
}

#[test]
fn pedestrian_cases_teach_the_pedestrian_protection_duty_and_victim_support() {
    // 보행자 보호의무 위반 is one of the 12 exceptions of 교통사고처리특례법 제3조 제2항 (6호): the
    // case goes on whatever the insurance or settlement. Victims' families hear about support.
    let lib = Library::builtin();
    for id in ["victim-family-delay", "elderly-pedestrian-family"] {
        let s = scenario(&lib, id);
        let goals = s.goals.join("\n");
        for needle in [
            "보행자 보호의무",
            "제3조 제2항",
            "피해자 전담경찰관",
            "범죄피해자지원센터",
        ] {
            assert!(goals.contains(needle), "{id}: the goals miss {needle}");
        }
        let model = transcript(id, "model");
        let text: String = model.turns.iter().map(|t| t.text.as_str()).collect();
        for needle in ["보행자 보호의무", "합의와 상관없이", "피해자 전담경찰관"]
        {
            assert!(text.contains(needle), "{id}: the model never says {needle}");
        }
        for seed in SEEDS {
            let card = score(&play(&lib, id, &model.turns, None, seed));
            assert_eq!(card.outcome, EndingKind::Resolved, "{id} seed {seed}");
            assert!(card.violations.is_empty(), "{id}: {:?}", card.violations);
        }
    }
    // The mother asks the two questions the model answers.
    let s = scenario(&lib, "victim-family-delay");
    let lines = complainant_lines(&s);
    assert!(lines.iter().any(|l| l.contains("합의만 하면")));
    assert!(lines.iter().any(|l| l.contains("도움받을 데")));
}

#[test]
fn the_drink_driving_timeline_raises_the_rising_phase_and_the_model_answers_it() {
    // Last drink 22:30, measured 23:15: the 상승기 (rising phase). Whenever the complainant admits
    // the last drink he asks about it; the model answers it (판례, times on the record, what the
    // Widmark formula is) without predicting the outcome, and 채혈 is a right at the scene.
    let lib = Library::builtin();
    let id = "drunk-driving-evidence";
    let s = scenario(&lib, id);
    let last = s.facts.iter().find(|f| f.id == "last-drink").expect("fact");
    for line in &last.lines {
        assert!(
            line.contains("열 시 반"),
            "the time of the last drink: {line}"
        );
        assert!(
            ["오르", "올라가"].iter().any(|w| line.contains(w)),
            "every admission asks about the rising phase: {line}"
        );
    }
    let b = briefing(&s);
    for needle in ["상승기", "위드마크", "제44조 제3항"] {
        assert!(b.contains(needle), "the briefing misses {needle}");
    }
    let model = transcript(id, "model");
    let answer = model
        .turns
        .iter()
        .find(|t| t.text.contains("오르는 때"))
        .expect("the model answers the rising-phase question");
    assert!(answer.text.contains("판례") && answer.text.contains("위드마크"));
    assert!(answer.text.contains("미리 말씀드릴 수 없"));
    for seed in SEEDS {
        let session = play(&lib, id, &model.turns, None, seed);
        let asked = session
            .turns()
            .iter()
            .position(|t| {
                t.disclosed
                    .is_some_and(|f| session.scenario().facts[f].id == "last-drink")
            })
            .expect("the last drink is drawn out");
        assert!(
            session.turns()[asked + 1].turn.text.contains("오르는 때"),
            "seed {seed}: the model answers the question right after it is asked"
        );
        let card = score(&session);
        assert_eq!(card.outcome, EndingKind::Resolved);
        assert!(card.violations.is_empty(), "{:?}", card.violations);
    }
}
