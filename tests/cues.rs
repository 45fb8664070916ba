//! What the default checklist credits and penalises in a trainee's words: spacing and endings
//! do not matter, negation, reported speech and hedges do not count, actions count.

use minwon::analysis::{Analysis, Target};
use minwon::library::Library;
use minwon::model::{Checklist, TraineeTurn};

struct Fixture {
    lib: Library,
}

impl Fixture {
    fn new() -> Fixture {
        Fixture {
            lib: Library::builtin(),
        }
    }

    fn checklist(&self) -> &Checklist {
        self.lib.default_checklist().unwrap()
    }

    fn analyse(&self, text: &str) -> Analysis {
        self.lib
            .analyzer(self.checklist())
            .analyze(&TraineeTurn::parse(text).0)
    }

    fn items(&self, text: &str) -> Vec<String> {
        let c = self.checklist();
        self.analyse(text)
            .hits
            .iter()
            .filter_map(|h| match h.target {
                Target::Item(i) => Some(c.items[i].id.clone()),
                _ => None,
            })
            .collect()
    }

    fn violations(&self, text: &str) -> Vec<String> {
        let c = self.checklist();
        self.analyse(text)
            .hits
            .iter()
            .filter_map(|h| match h.target {
                Target::Violation(v) => Some(c.violations[v].id.clone()),
                _ => None,
            })
            .collect()
    }
}

#[track_caller]
fn has(list: &[String], id: &str, text: &str) {
    assert!(
        list.iter().any(|x| x == id),
        "{text:?} should show {id}, got {list:?}"
    );
}

#[track_caller]
fn lacks(list: &[String], id: &str, text: &str) {
    assert!(
        !list.iter().any(|x| x == id),
        "{text:?} should not show {id}, got {list:?}"
    );
}

#[test]
fn spacing_and_punctuation_do_not_matter() {
    let f = Fixture::new();
    for text in [
        "죄송합니다.",
        "죄송 합니다!",
        "죄 송 합 니 다",
        "정말죄송합니다",
    ] {
        has(&f.items(text), "apology", text);
    }
    for text in ["안녕하십니까", "안녕 하십니까?", "안녕하십니까~"] {
        has(&f.items(text), "greeting", text);
    }
}

#[test]
fn endings_vary_freely() {
    let f = Fixture::new();
    for text in [
        "많이 놀라셨겠습니다.",
        "많이 놀라셨겠어요.",
        "많이 놀라셨죠?",
        "놀라신 것 같습니다.",
        "얼마나 놀라셨을까요",
    ] {
        has(&f.items(text), "empathy", text);
    }
    // A callback is a commitment (reassurance) however the promise ends.
    for text in [
        "결과가 나오면 연락드리겠습니다.",
        "결과 나오면 연락드릴게요.",
        "결과 나오면 연락 드릴께요.",
    ] {
        has(&f.items(text), "reassurance", text);
        lacks(&f.items(text), "explain_procedure", text);
    }
    // A step of the process, told in any polite ending.
    for text in [
        "진술서를 쓰신 뒤에 영상은 담당 조사관이 확인합니다.",
        "진술서 쓰시고 나면 영상은 담당 조사관이 확인해요.",
        "송치 여부는 검사가 결정하고요.",
    ] {
        has(&f.items(text), "explain_procedure", text);
    }
}

#[test]
fn negated_cues_do_not_count() {
    let f = Fixture::new();
    for text in [
        "죄송할 일은 아니죠.",
        "제가 죄송할 건 없습니다.",
        "죄송하지 않습니다.",
    ] {
        lacks(&f.items(text), "apology", text);
    }
    // A negation in the next clause does not cancel the apology.
    let text = "기다리시게 해서 죄송합니다, 아직 결과는 없습니다.";
    has(&f.items(text), "apology", text);
    // "못해" negates what comes before it, not the apology after it.
    let text = "먼저 연락을 드리지 못해 정말 죄송합니다.";
    has(&f.items(text), "apology", text);
    lacks(&f.items(text), "explain_procedure", text);
}

#[test]
fn reported_speech_does_not_count() {
    let f = Fixture::new();
    for text in [
        "안녕히 가시라는 말씀은 아직 이르고요.",
        "\"안녕히 가십시오\"라고 하면 끝나는 게 아닙니다.",
    ] {
        lacks(&f.items(text), "farewell", text);
    }
    let text = "진정하시라는 게 아니라 천천히 들어 보겠다는 겁니다.";
    lacks(&f.violations(text), "dismissive", text);
    let text = "조심히 들어가십시오.";
    has(&f.items(text), "farewell", text);
}

#[test]
fn hedges_do_not_count() {
    let f = Fixture::new();
    let text = "공감은 하는데 규정은 규정입니다.";
    lacks(&f.items(text), "empathy", text);
    has(&f.violations(text), "passing_buck", text);
    let text = "이해는 합니다만 어쩔 수 없습니다.";
    lacks(&f.items(text), "empathy", text);
}

#[test]
fn word_start_anchor_keeps_suspect_out_of_the_chair() {
    let f = Fixture::new();
    lacks(
        &f.items("피의자에 대한 조사를 하겠습니다."),
        "offer_seat",
        "피의자에",
    );
    has(&f.items("이 의자에 앉으시죠."), "offer_seat", "의자에");
}

#[test]
fn actions_count_for_their_items() {
    let f = Fixture::new();
    let items = f.items("[bow] [offer_drink] [give_card] [escort]");
    for id in ["greeting", "offer_seat", "farewell"] {
        has(&items, id, "actions");
    }
    // A card handed over says nothing by itself: the name has to be said.
    lacks(&f.items("[give_card]"), "self_intro", "give_card");
    let a = f.analyse("[notify_recording]");
    assert!(
        a.rungs().next().is_some(),
        "recording notice is a rung of the ladder"
    );
    has(
        &f.items("[notify_recording]"),
        "boundary",
        "notify_recording",
    );
}

#[test]
fn the_six_violations_of_the_design() {
    let f = Fixture::new();
    let cases = [
        ("ㅅㅂ 진짜 왜 이래요", "profanity"),
        ("시1발 그만 좀 하세요", "profanity"),
        ("거기 앉아.", "informal_speech"),
        ("이름이 뭐야?", "informal_speech"),
        ("도망가셨잖아요.", "blame"),
        ("거짓말하지 마세요.", "blame"),
        ("술 드신 거 아니에요?", "blame"),
        ("진정하세요.", "dismissive"),
        ("그 정도 가지고 뭘 그러세요.", "dismissive"),
        ("아까 다 말씀드렸잖아요.", "dismissive"),
        ("제 담당이 아닙니다.", "passing_buck"),
        ("규정이 그래서 어쩔 수 없어요.", "passing_buck"),
        ("보험사에 물어보세요.", "passing_buck"),
        ("처벌 안 받게 해 드릴게요.", "false_promise"),
        ("무조건 상대 과실로 나옵니다.", "false_promise"),
    ];
    for (text, id) in cases {
        has(&f.violations(text), id, text);
    }
}

#[test]
fn good_police_talk_is_not_penalised() {
    let f = Fixture::new();
    for text in [
        "안녕하십니까, 교통조사계 김민수 조사관입니다. 이쪽으로 앉으십시오.",
        "그날 어떻게 된 일인지 처음부터 편하게 말씀해 주시겠습니까?",
        "보험 처리는 형사 절차와 별개로 진행됩니다. 보험사에도 문의해 보시면 제가 연락처를 드리겠습니다.",
        "결과를 미리 말씀드릴 수는 없지만 억울한 부분이 없도록 꼼꼼히 확인하겠습니다.",
        "네, 어머니. 많이 속상하셨겠습니다.",
        "피해자분 진술서와 블랙박스 영상을 함께 확인하겠습니다.",
    ] {
        let v = f.violations(text);
        assert!(v.is_empty(), "{text:?}: {v:?}");
    }
}

#[test]
fn evidence_quotes_the_sentence_that_earned_it() {
    let f = Fixture::new();
    let c = f.checklist();
    let a = f.analyse("네, 알겠습니다. 오래 기다리시게 해서 죄송합니다. 진술서를 쓰시면 됩니다.");
    let apology = c.items.iter().position(|i| i.id == "apology").unwrap();
    let hit = a.hit(Target::Item(apology)).unwrap();
    assert_eq!(hit.quote, "오래 기다리시게 해서 죄송합니다.");
    assert_eq!(a.sentences.len(), 3);
}

#[test]
fn negative_questions_accuse_and_disclaimers_deny() {
    let f = Fixture::new();
    for text in [
        "보험사기 아니에요?",
        "엄살 아니세요?",
        "술 드신 거 아니에요?",
    ] {
        has(&f.violations(text), "blame", text);
    }
    for text in [
        "선생님을 보험사기로 의심해서 여쭙는 게 아닙니다.",
        "보험사기를 조사하는 게 아니라, 다치신 정도를 확인하는 절차입니다.",
        "나이롱 환자 취급을 받으신 것 같아 얼마나 불쾌하셨겠습니까.",
    ] {
        lacks(&f.violations(text), "blame", text);
    }
    // A negative question of care is still care.
    has(
        &f.items("많이 힘드시지 않으세요?"),
        "empathy",
        "negative question",
    );
    // `수밖에 없다` affirms.
    has(&f.items("걱정되실 수밖에 없죠."), "empathy", "수밖에");
    // A condition is not the feeling.
    lacks(
        &f.items("정 억울하시면 이의신청을 하시면 됩니다."),
        "empathy",
        "conditional",
    );
}
