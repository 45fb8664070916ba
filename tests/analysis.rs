//! The Korean analysers through the public API: the speech level (존댓말/반말) of typed turns,
//! sentence splitting, and the profanity detector. Every sentence here is written for these
//! tests; none comes from an evaluation file.

use std::sync::OnceLock;

use minwon::analysis::SpeechLevel::{self, Formal, Informal, Neutral};
use minwon::analysis::sentence;
use minwon::analysis::text::normalize;
use minwon::library::Library;

fn lib() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(Library::builtin)
}

fn level(text: &str) -> SpeechLevel {
    lib().korean.speech_level(text)
}

fn sentences(text: &str) -> Vec<String> {
    let text = normalize(text);
    sentence::split(&text, &lib().korean.speech)
        .into_iter()
        .map(|r| text[r].to_owned())
        .collect()
}

fn profane(text: &str) -> bool {
    lib().korean.is_profane(text)
}

/// Asserts the level of every text, reporting all the wrong ones at once.
fn assert_levels(expected: SpeechLevel, texts: &[&str]) {
    let wrong: Vec<String> = texts
        .iter()
        .filter_map(|t| {
            let got = level(t);
            (got != expected).then(|| format!("{t:?} → {got}"))
        })
        .collect();
    assert!(wrong.is_empty(), "expected {expected}: {wrong:#?}");
}

fn assert_profane(expected: bool, texts: &[&str]) {
    let wrong: Vec<&&str> = texts.iter().filter(|t| profane(t) != expected).collect();
    assert!(
        wrong.is_empty(),
        "expected profane = {expected}: {wrong:#?}"
    );
}

// ---------------------------------------------------------------- speech level: formal

#[test]
fn hasipsio_style_is_formal() {
    assert_levels(
        Formal,
        &[
            "안녕하십니까.",
            "교통조사계 김민수 조사관입니다.",
            "많이 놀라셨겠습니다.",
            "어떻게 된 일인지 말씀해 주시겠습니까?",
            "이쪽으로 앉으십시오.",
            "진술서를 작성하셨습니까?",
            "2주 안에 결과를 문자로 알려 드리겠습니다.",
            "안녕히 가십시오!",
            "사고 현장에 경찰관이 출동했었습디다.",
            "넵 확인했슴다",
        ],
    );
}

#[test]
fn haeyo_style_is_formal() {
    assert_levels(
        Formal,
        &[
            "잠시만 기다려 주세요.",
            "많이 답답하셨죠?",
            "그 부분은 제가 다시 확인해 볼게요.",
            "블랙박스 영상은 있으세요?",
            "물 한 잔 드릴까요?",
            "보험 처리와 형사 절차는 별개예요.",
            "그럼요!",
            "그쵸?",
            "조금만 더 기다려 주시겠어요?",
            "네, 그러셨군요.",
            "진짜요?",
            "선생님 말씀이 맞아요 선생님",
        ],
    );
}

#[test]
fn internet_spellings_of_yo_are_formal() {
    assert_levels(
        Formal,
        &[
            "좋아용",
            "감사합니당",
            "알겠어염~",
            "그래여?",
            "수고하셨습니다ㅎㅎ",
            "네ㅎㅎ 감사해요",
            "확인해 볼게욧!",
            "감사합니다아~",
            "안녕하세요오",
            "좋아요오~",
        ],
    );
}

// ---------------------------------------------------------------- speech level: informal

#[test]
fn hae_and_haera_style_is_informal() {
    assert_levels(
        Informal,
        &[
            "거기 앉아.",
            "이름이 뭐야?",
            "어디 가냐?",
            "너 어제 술 마셨지?",
            "조용히 해!",
            "빨리 말하라.",
            "이제 그만 가자.",
            "내가 확인해 볼게.",
            "그건 네 잘못이다.",
            "기다려.",
            "알았어, 알았어.",
            "그래서 뭐 어쩌라고?",
            "신분증 좀 줘 봐.",
            "왜 이렇게 늦었니?",
            "그 차 얼마나 빨리 달렸는데?",
            "차에서 내려.",
            "천천히 말해 봐.",
            "그러니깐 내 말은 그게 아니라니깐.",
            "어제 사고 난 데 가 봤어?",
            "서류 좀 가져와",
            "자주 가?",
            "블랙박스는 어때?",
            "이제 여기 서.",
            "그럴리가.",
        ],
    );
}

#[test]
fn endings_after_final_consonants_are_read_from_the_syllable() {
    // -ㄹ게, -ㄹ까, -ㄹ래: the ending starts inside the syllable.
    assert_levels(
        Informal,
        &[
            "내가 할게.",
            "같이 갈까?",
            "뭐 먹을래?",
            "그냥 받고.",
            "좋고.",
        ],
    );
}

#[test]
fn elliptical_questions_without_yo_are_informal() {
    assert_levels(
        Informal,
        &[
            "그럼 피해자는?",
            "성함은?",
            "운전자도?",
            "이 정도로?",
            "어째서?",
            "왜?",
            "진짜?",
            "정말?",
            "몇 명이나?",
        ],
    );
    // …and with 요 they are polite.
    assert_levels(Formal, &["그럼 피해자는요?", "성함은요?", "왜요?"]);
}

#[test]
fn internet_and_timid_banmal_is_informal() {
    assert_levels(
        Informal,
        &[
            "했당",
            "몰랑",
            "미안행",
            "배고파ㅠㅠ",
            "괜찮아ㅋㅋㅋ",
            "인정ㅇㅇ",
            "ㅇㅇ",
            "ㅇㅋ",
            "그..그게..나는..",
            "저기.. 혹시.. 시간 있어..?",
            "그거 내가 먹었음",
            "완전 힘듦",
            "괜찮아 (웃음)",
            "키워 ㅇㅅㅇ",
            "뭐하냥",
            "고마웡",
            "안녕~",
            "응응",
            "그래애",
            "미안",
            "배고팡",
            "ㄹㅇㅋㅋ",
            "넌?",
            "난 진짜 최고",
        ],
    );
}

#[test]
fn a_predicate_before_an_afterthought_decides() {
    assert_levels(
        Informal,
        &[
            "수고했어, 김 경장.",
            "많이 다쳤지 그때는.",
            "좋은 아침이야, 민수.",
            "밥은 먹었어 그래도?",
        ],
    );
    assert_levels(
        Formal,
        &[
            "감사합니다, 선생님.",
            "조심히 들어가십시오 어머님.",
            "확인해 보겠습니다 그럼.",
        ],
    );
}

// ---------------------------------------------------------------- speech level: neutral

#[test]
fn sentences_without_a_predicate_are_neutral() {
    assert_levels(
        Neutral,
        &[
            "",
            "네.",
            "예.",
            "아…",
            "네?",
            "네에",
            "아아…",
            "음…",
            "어머니",
            "어머니.",
            "선생님",
            "선생님!",
            "피의자.",
            "피해자",
            "사고.",
            "교통사고",
            "신고.",
            "진술서.",
            "블랙박스 영상.",
            "블랙박스 영상",
            "운전자",
            "보호자",
            "112",
            "ㅋㅋㅋ",
            "...",
        ],
    );
}

#[test]
fn nouns_that_look_like_endings_are_neutral() {
    // Each ends in a syllable that is also a 반말 ending or a playful spelling of one.
    assert_levels(
        Neutral,
        &[
            "친구.",
            "가구.",
            "야구.",
            "출구.",
            "담당.",
            "식당.",
            "해당.",
            "중앙.",
            "특징.",
            "녹음.",
            "성함.",
            "도움.",
            "책임.",
            "이거.",
            "증거.",
            "누나.",
            "분노.",
            "카메라.",
            "드디어.",
            "메시지.",
            "동네.",
            "바다.",
            "새해.",
            "샤워.",
            "배려.",
            "방어.",
            "치아.",
            "관리자.",
            "폭행.",
            "은행.",
            "다행.",
            "사랑.",
            "사거리.",
            "현장.",
            "지구대.",
            "경찰서.",
            "파출소.",
            "두가지.",
            "인명피해.",
            "정당방어.",
        ],
    );
}

#[test]
fn one_banmal_sentence_makes_the_turn_informal() {
    assert_eq!(
        level("안녕하십니까. 교통조사계 김민수입니다. 거기 앉아. 무슨 일로 오셨습니까?"),
        Informal
    );
    assert_eq!(level("네. 알겠습니다."), Formal);
    assert_eq!(level("네. 선생님."), Neutral);
    assert_eq!(level("죄송합니다. 근데 그건 안 돼."), Informal);
}

#[test]
fn an_afterthought_takes_the_level_of_the_sentence_before() {
    assert_eq!(level("잘 모르겠어요. 그런 경우는 처음이라서."), Formal);
    assert_eq!(level("부럽네요, 저는 아직인데."), Formal);
    assert_eq!(level("죄송합니다. 오래 기다리시게 해서."), Formal);
    // Alone, or after 반말, a clause hanging on a connective ending is 반말.
    assert_eq!(
        level("확인해 보니까... 블랙박스에 찍혀 있었습니다."),
        Formal
    );
    assert_eq!(
        level("어떻게 말씀드려야 할지… 조금만 기다려 주시겠어요?"),
        Formal
    );
    assert_eq!(level("확인해 보니까... 찍혔더라."), Informal);
    assert_eq!(level("거기 앉아... 잠깐만 기다리세요."), Informal);
    assert_eq!(level("오래 기다리게 해서."), Informal);
    assert_eq!(level("몰라. 처음이라서."), Informal);
    assert_eq!(
        sentences("잘 모르겠어요. 그런 경우는 처음이라서."),
        ["잘 모르겠어요. 그런 경우는 처음이라서."]
    );
}

#[test]
fn spacing_does_not_change_the_level() {
    assert_levels(
        Formal,
        &[
            "죄송 합니다",
            "죄송합니다 .",
            "잠시만   기다려   주십시오",
            "안녕하십니까교통조사계김민수입니다",
            "  네,   알겠습니다.  ",
            "확인해보겠습니다",
        ],
    );
    assert_levels(
        Informal,
        &["거기앉아", "거기  앉아", "빨리말해봐", "이름이뭐야?"],
    );
}

#[test]
fn sentences_typed_without_punctuation_are_split_by_their_endings() {
    assert_eq!(
        sentences("안녕하십니까 교통조사계 김민수입니다"),
        ["안녕하십니까", "교통조사계 김민수입니다"]
    );
    assert_eq!(
        sentences("많이 놀라셨죠 천천히 말씀해 주세요"),
        ["많이 놀라셨죠", "천천히 말씀해 주세요"]
    );
    assert_eq!(level("안녕하십니까 교통조사계 김민수입니다"), Formal);
    assert_eq!(level("안녕하십니까 거기 앉아"), Informal);
}

#[test]
fn sentence_splitting_handles_punctuation() {
    assert_eq!(sentences("네.감사합니다"), ["네.", "감사합니다"]);
    assert_eq!(sentences("알겠어..근데 왜?"), ["알겠어..", "근데 왜?"]);
    assert_eq!(
        sentences("거리는 3.5킬로미터입니다."),
        ["거리는 3.5킬로미터입니다."]
    );
    assert_eq!(
        sentences("정말요?! 많이 놀라셨겠어요...\n괜찮으세요?"),
        ["정말요?!", "많이 놀라셨겠어요...", "괜찮으세요?"]
    );
    assert_eq!(
        sentences("\"거기 앉아.\" 라고 하셨어요."),
        ["\"거기 앉아.\"", "라고 하셨어요."]
    );
    assert!(sentences("").is_empty());
    assert!(sentences("?!…").is_empty());
}

// ---------------------------------------------------------------- profanity

#[test]
fn plain_swearing_is_found() {
    assert_profane(
        true,
        &[
            "씨발 진짜",
            "이 병신아",
            "개새끼야",
            "좆같네",
            "지랄하지 마",
            "꺼져",
            "닥쳐 좀",
            "미친놈이 어디서",
            "존나 짜증나",
            "이 새끼가",
            "모자란년이 어디서",
            "이놈아",
            "저 도둑놈들",
            "짭새들이 뭘 알아",
        ],
    );
}

#[test]
fn obfuscated_swearing_is_found() {
    assert_profane(
        true,
        &[
            "시1발",
            "씨@발",
            "시 발",
            "씨.발.",
            "ㅅㅂ",
            "ㅆㅂ 진짜",
            "ㅅ ㅂ",
            "ㅂㅅ",
            "ㅄ같은",
            "tlqkf",
            "아 TLQKF",
            "c발",
            "C발",
            "ｃ발",
            "병1신",
            "개1새끼",
            "씨이이발",
            "개애새끼",
            "ㅅㅣㅂㅏㄹ",
            "ㅅ발",
            "ㅗㅗ",
            "凸",
            "fuck",
            "sibal",
        ],
    );
}

#[test]
fn innocent_look_alikes_are_clean() {
    assert_profane(
        false,
        &[
            "시발점이 어디인지 확인하겠습니다.",
            "새끼손가락을 다치셨군요.",
            "2년 동안 같은 집에 사셨습니까?",
            "이 년 동안 연락이 없었습니다.",
            "그 년에 사고가 많았습니다.",
            "미친 듯이 달려왔어요.",
            "한남동 사거리에서 사고가 났습니다.",
            "한남대교 위였습니다.",
            "가방을 뒤져 보니 지갑이 없었습니다.",
            "주머니를 뒤져 봤는데 없었어요.",
            "가로등이 꺼져 있었습니다.",
            "영향을 미친 부분을 조사하겠습니다.",
            "5개년 계획입니다.",
            "신년 인사 드립니다.",
            "지난 년도 자료를 보겠습니다.",
            "개 소리가 너무 시끄럽다는 신고입니다.",
            "허리띠를 졸라매고 사셨군요.",
            "사법 절차를 안내해 드리겠습니다.",
            "신발 사이즈가 어떻게 되세요?",
            "이 시 발표는 언제입니까?",
            "시바견을 잃어버리셨다고요?",
            "이건 니 거야.",
            "fukuoka에서 오셨군요.",
            "한 녀석이 뛰어갔습니다.",
            "또 라이브 방송 중이셨어요?",
            "음식이 썩을 수도 있습니다.",
            "씹어 먹는 약입니다.",
            "청소년 선도 프로그램입니다.",
            "작년에 이사 오셨죠?",
            "틀니를 잃어버리셨어요?",
            "위기가 닥치면 연락 주십시오.",
            "안녕하세요ㅗ",
            "ㅋㅋ사법고시",
            "피의자는 사기 혐의를 받고 있습니다.",
            "블랙박스 영상을 확인하겠습니다.",
            "진술서를 작성해 주십시오.",
        ],
    );
}

#[test]
fn hits_point_into_the_given_text() {
    let det = &lib().korean.profanity;
    let text = "아 씨@발 진짜 ㅅㅂ";
    let hits = det.find(text);
    let quoted: Vec<&str> = hits.iter().map(|h| &text[h.start..h.end]).collect();
    assert_eq!(quoted, ["씨@발", "ㅅㅂ"]);

    let text = "야 c발 뭐야";
    let hits = det.find(text);
    assert_eq!(hits.len(), 1);
    assert_eq!(&text[hits[0].start..hits[0].end], "c발");
    assert_eq!(hits[0].word, "씨발");

    let text = "시 발";
    let hits = det.find(text);
    assert_eq!(hits.len(), 1);
    assert_eq!(&text[hits[0].start..hits[0].end], "시 발");

    assert!(det.find("안녕하십니까, 교통조사계입니다.").is_empty());
}

// ---------------------------------------------------------------- robustness

#[test]
fn odd_input_does_not_panic() {
    let long = "안녕하십니까 교통조사계 김민수입니다. ".repeat(2_000);
    let mixed_long = "시1발 ㅅㅂ 🙂 abc 네. ".repeat(1_000);
    let inputs: Vec<String> = vec![
        String::new(),
        " ".into(),
        "\n\n\t".into(),
        "....".into(),
        "?!?!~~…".into(),
        "🙂🙂🙂".into(),
        "👮‍♂️ 안녕하세요 🙇".into(),
        "안녕😀하세요".into(),
        "ㅋ".into(),
        "ㅏㅏㅏ".into(),
        "ㄱ".into(),
        "ㅅ".into(),
        "(".into(),
        "((웃음)".into(),
        "[bow]".into(),
        "Hello, how are you?".into(),
        "CCTV 확인 OK?".into(),
        "日本語のテキストです。".into(),
        "Привет, мир".into(),
        "مرحبا".into(),
        "\u{0}\u{1}\u{7}\u{1b}[31m빨강\u{1b}[0m".into(),
        "\u{200b}\u{feff}\u{202e}거기 앉아\u{202c}".into(),
        "\u{1112}\u{1161}\u{11ab}".into(), // 한, decomposed
        "\u{1100}".into(),                 // a lone conjoining jamo
        "\u{11a8}\u{11a8}".into(),         // lone finals
        "가\u{0301}나".into(),             // a combining mark
        "\u{fffd}\u{fffd}".into(),
        "1.2.3.4.5".into(),
        "ㅅㅣㅂ".into(),
        "ㅅㅣ".into(),
        "ㅣㅂㅏ".into(),
        long,
        mixed_long,
    ];
    let det = &lib().korean.profanity;
    for text in &inputs {
        let _ = level(text);
        let _ = profane(text);
        for hit in det.find(text) {
            assert!(hit.start <= hit.end && hit.end <= text.len(), "{text:?}");
            assert!(text.is_char_boundary(hit.start) && text.is_char_boundary(hit.end));
        }
        let n = normalize(text);
        for r in sentence::split(&n, &lib().korean.speech) {
            assert!(!n[r].trim().is_empty());
        }
    }
    assert_eq!(level(""), Neutral);
    assert_eq!(level("🙂🙂🙂"), Neutral);
    assert!(!profane(""));
    assert!(!profane("....?!"));
    assert_eq!(
        level(&"안녕하십니까 교통조사계 김민수입니다. ".repeat(2_000)),
        Formal
    );
}

#[test]
fn control_characters_act_as_spaces() {
    assert_eq!(level("거기\u{7}앉아"), Informal);
    assert_eq!(level("안녕하십니까\t교통조사계입니다"), Formal);
    assert!(profane("시\u{200b}발"));
}
