//! What a sentence does, by category: for every checklist id, sentences that count and the
//! near misses that do not (the boundaries of docs/scenario-format.md, "무엇을 하는 문장인가").
//! The sentences are written for this test, in the everyday 해요체 and 하십시오체 a trainee types.

#[path = "common/acts.rs"]
mod acts;
use acts::category;
use minwon::analysis::Target;
use minwon::library::Library;
use minwon::model::TraineeTurn;

#[test]
fn self_introduction_needs_a_name() {
    category(
        "self_intro",
        &[
            ("교통조사계 김수철이에요.", true),
            ("저는 오늘 당직인 박 경위입니다.", true),
            ("이번 건 맡은 조사관 한지민이라고 합니다.", true),
            ("안녕하세요, 지구대 순경 최예린이에요.", true),
            ("교통조사계입니다.", false),
            ("지구대에서 나왔어요.", false),
            ("담당 조사관입니다. 앉으세요.", false),
            ("담당 이 경장이 내일 전화드릴 거예요.", false),
            ("[give_card]", false),
        ],
    );
}

#[test]
fn greeting_in_words_or_a_bow() {
    category(
        "greeting",
        &[
            ("안녕하세요, 많이 기다리셨죠.", true),
            ("어서 오세요.", true),
            ("[bow] 이쪽으로 오시죠.", true),
            ("감사합니다. 교통조사계입니다.", true),
            ("안녕히 가세요.", false),
            ("여보세요? 잘 안 들리는데요.", false),
        ],
    );
}

#[test]
fn a_seat_is_offered_not_ordered() {
    category(
        "offer_seat",
        &[
            ("여기 편하게 앉으세요.", true),
            ("추우시죠, 담요 하나 갖다 드릴게요.", true),
            ("[offer_drink] 목 좀 축이세요.", true),
            ("피의자 조사를 하겠습니다.", false),
        ],
    );
}

#[test]
fn open_questions_invite_the_account() {
    category(
        "open_question",
        &[
            ("무슨 일로 오셨어요?", true),
            ("그날 어떻게 된 건지 처음부터 얘기해 주실래요?", true),
            ("요즘 동네 다니시면서 불안한 데 있으세요?", true),
            ("가장 답답하신 게 뭔지 먼저 말씀해 주세요.", true),
            ("블랙박스 있으세요?", false),
            ("이어서 말씀하세요.", false),
            ("무슨 일 생기면 여기로 전화 주세요.", false),
        ],
    );
}

#[test]
fn acknowledging_shows_listening() {
    category(
        "acknowledge",
        &[
            ("네네, 듣고 있어요.", true),
            ("아, 그러셨구나.", true),
            ("네, 알겠어요. 그다음엔요?", true),
            ("네, 살펴 가세요.", false),
            ("네, 제가 담당 정하늘 조사관입니다.", false),
        ],
    );
}

#[test]
fn paraphrase_restates_their_account() {
    category(
        "paraphrase",
        &[
            ("그러니까 주차해 둔 차를 누가 긁고 갔다는 말씀이시죠?", true),
            ("밤마다 골목에 오토바이가 몰려다닌다고 하셨죠.", true),
            ("세 번이나 전화를 돌리셨다는 거네요.", true),
            ("정리하면 내일 서류 내시고 다음 주에 오시면 됩니다.", false),
        ],
    );
}

#[test]
fn empathy_names_the_feeling() {
    category(
        "empathy",
        &[
            ("아이가 타고 있었으면 정말 철렁하셨겠어요.", true),
            ("저라도 그 말 들으면 속이 뒤집혔을 거예요.", true),
            ("몇 달을 기다리셨으니 얼마나 애가 타셨겠어요.", true),
            ("억울하신 건 알겠는데 규정은 규정이에요.", false),
            ("어떤 점이 가장 힘드셨는지 말씀해 주시겠어요?", false),
            ("진정하세요.", false),
        ],
    );
}

#[test]
fn apology_for_the_trouble() {
    category(
        "apology",
        &[
            ("오래 기다리시게 해서 죄송해요.", true),
            ("연락이 늦어서 불편 드렸습니다, 죄송합니다.", true),
            ("죄송하지만 신분증 좀 보여 주세요.", false),
            ("선생님이 사과하실 일은 아니에요.", false),
        ],
    );
}

#[test]
fn reassurance_commits_to_effort_not_outcome() {
    category(
        "reassurance",
        &[
            ("제가 오늘 안으로 영상 다시 확인해 볼게요.", true),
            ("내일 오전 중에 제가 직접 전화드리겠습니다.", true),
            ("요청하신 골목은 야간 순찰 때 꼭 들를게요.", true),
            ("범인은 금방 잡힐 거예요.", false),
            ("지금부터 절차를 안내해 드리겠습니다.", false),
            ("물 한 잔 갖다 드릴게요.", false),
        ],
    );
}

#[test]
fn procedure_is_a_step_of_the_process() {
    category(
        "explain_procedure",
        &[
            (
                "과실 비율은 경찰이 아니라 보험사끼리 협의해서 정해요.",
                true,
            ),
            ("진술서 쓰시고 나면 영상 확인은 담당 조사관이 해요.", true),
            (
                "면허 취소 처분이 나오면 90일 안에 행정심판을 청구하실 수 있어요.",
                true,
            ),
            ("차량 블랙박스 영상 있으세요?", false),
            ("절차는 나중에 따로 안내해 드릴게요.", false),
            ("검찰 가면 결과가 뒤집힐 거예요.", false),
        ],
    );
}

#[test]
fn boundary_follows_the_ladder() {
    category(
        "boundary",
        &[
            ("욕은 좀 빼고 말씀해 주세요.", true),
            ("계속 소리 지르시면 조사를 이어 가기 어려워요.", true),
            ("지금부터 대화는 녹음된다는 점 알려 드립니다.", true),
            ("계속하시면 모욕죄로 처벌받으실 수 있어요.", true),
            ("그 블랙박스 영상 녹화된 시간이 언제예요?", false),
        ],
    );
}

#[test]
fn checking_understanding() {
    category(
        "check_understanding",
        &[
            ("제 설명 중에 헷갈리시는 부분 있으세요?", true),
            ("방금 말씀드린 거 다시 한번 설명드릴까요?", true),
            ("더 궁금하신 거 있으시면 언제든 물어보세요.", true),
            ("가장 궁금하신 게 뭔지 먼저 말씀해 주세요.", false),
        ],
    );
}

#[test]
fn farewell_sees_off() {
    category(
        "farewell",
        &[
            ("조심히 들어가세요.", true),
            ("[escort] 오늘 와 주셔서 고맙습니다.", true),
            ("비 오는데 살펴 가십시오.", true),
            ("안녕히 가시라는 말씀은 아직 이르고요.", false),
        ],
    );
}

#[test]
fn profanity_even_mild() {
    category(
        "profanity",
        &[
            ("아 씨, 또 이 얘기예요?", true),
            ("에이 씨 진짜.", true),
            ("그런 욕설은 삼가 주십시오.", false),
            ("아가씨가 뭐라고 하셨어요?", false),
        ],
    );
}

#[test]
fn informal_speech_in_any_sentence() {
    category(
        "informal_speech",
        &[
            ("여기 서명해.", true),
            ("네, 알겠습니다. 근데 그래서 뭐?", true),
            ("아 그러셨구나. 많이 놀라셨겠어요.", false),
        ],
    );
}

#[test]
fn blame_accuses_even_as_a_question_or_hearsay() {
    category(
        "blame",
        &[
            ("그냥 가 버리신 거잖아요.", true),
            ("신호 바뀐 거 보고도 들어가신 거 아니에요?", true),
            ("옆 가게 사장님 말로는 먼저 밀치셨다고 하던데요.", true),
            ("내려서 차 상태는 확인하셨어야죠.", true),
            ("그 소리를 못 들으셨을 리가 없잖아요.", true),
            ("술 드셨어요?", true),
            ("그러게 왜 밤늦게 혼자 다니셨어요?", true),
            ("처음부터 조심 좀 하시지 그러셨어요.", true),
            ("보험금 받으려고 그러시는 거 아니에요?", true),
            ("그렇게 운전하시니까 사고가 나죠.", true),
            ("모든 분께 여쭙는 거라서요, 오늘 술 드셨어요?", false),
            ("그날 몇 시쯤 출발하셨는지 여쭤봐도 될까요?", false),
            (
                "선생님이 잘못하셨다는 게 아니라 사실만 확인하는 겁니다.",
                false,
            ),
        ],
    );
}

#[test]
fn dismissive_minimises_or_talks_down() {
    category(
        "dismissive",
        &[
            ("진정 좀 하세요.", true),
            ("그 정도 흠집 가지고 경찰서까지 오실 일은 아니잖아요.", true),
            ("걱정 안 하셔도 돼요, 이 동네 아무 일 없어요.", true),
            ("몇 번을 말씀드렸잖아요.", true),
            ("다들 그 정도는 겪고 살아요.", true),
            ("연세가 있으셨으니 호상이라고 생각하세요.", true),
            ("누가 와도 어쩔 수 없는 사고였어요.", true),
            // Telling the person how to feel, comparing them with others, hurrying them.
            ("너무 예민하게 받아들이지 마세요.", true),
            ("좋게 생각하세요, 크게 안 다치셨잖아요.", true),
            ("남들은 이보다 더한 일도 겪어요.", true),
            ("살다 보면 그럴 수도 있는 거죠.", true),
            ("알았으니까 용건만 말씀하세요.", true),
            ("그것도 모르세요? 기본이잖아요.", true),
            ("뭘 그런 걸 가지고 이렇게까지 하세요.", true),
            ("울어 봤자 달라지는 거 없어요.", true),
            ("아무 일 없을 거니까 신경 끄세요.", true),
            ("다 지난 일인데 이제 와서 어쩌겠어요.", true),
            ("그건 선생님 사정이고요.", true),
            ("그런다고 달라지나요?", true),
            ("어른이 왜 그러세요, 창피하게.", true),
            ("감정적으로 그러지 마시고 이성적으로 생각하세요.", true),
            ("귀찮게 자꾸 전화하지 마세요.", true),
            ("많이 놀라셨죠. 천천히 하셔도 돼요.", false),
            ("그럴 수 있다는 생각이 드실 만합니다.", false),
            ("천천히 말씀하셔도 괜찮습니다.", false),
        ],
    );
}

#[test]
fn passing_the_buck_is_a_curt_redirect() {
    category(
        "passing_buck",
        &[
            ("그건 구청 일이에요.", true),
            ("보험 문제는 보험사에 알아보세요.", true),
            ("저희 팀 소관 아니에요.", true),
            ("분실물은 여기서 안 받아요.", true),
            ("여긴 교통조사계라 그런 건 안 해요.", true),
            ("민원실 가서 물어보세요.", true),
            ("담당 김 경사가 내일 오전에 전화드릴 겁니다.", false),
            ("구청 담당자 연락처를 제가 적어 드릴게요.", false),
            (
                "과실 비율은 경찰이 정하는 게 아니라 보험사끼리 협의해서 정해요.",
                false,
            ),
        ],
    );
}

#[test]
fn false_promise_predicts_or_sways_the_outcome() {
    category(
        "false_promise",
        &[
            ("이번 건은 벌금 조금 내고 끝날 거예요.", true),
            ("제가 담당 검사님께 잘 말씀드려 볼게요.", true),
            ("이의신청하시면 결과가 바뀔 거예요.", true),
            ("범인은 제가 꼭 잡아서 처벌받게 해 드릴게요.", true),
            ("걱정 마세요, 다 잘될 거예요.", true),
            ("이런 건 보통 무혐의로 끝나요.", true),
            ("면허는 안 뺏기실 테니까 마음 놓으세요.", true),
            (
                "결과를 미리 말씀드릴 수는 없지만 끝까지 확인하겠습니다.",
                false,
            ),
            ("결과 나오면 바로 연락드릴게요.", false),
        ],
    );
}

#[test]
fn taking_sides_before_the_facts() {
    category(
        "taking_sides",
        &[
            ("그 택시 기사가 잘못한 거네요.", true),
            ("보험사가 완전 엉터리로 정한 거예요.", true),
            ("선생님 말씀이 백번 맞아요.", true),
            ("상대 운전자가 과속한 게 분명해요.", true),
            ("그 사람 원래 동네에서 평판 안 좋아요.", true),
            (
                "경찰 조사에서는 상대 차량을 가해 차량으로 보았습니다.",
                false,
            ),
            ("어느 쪽 과실인지는 영상을 보고 판단하겠습니다.", false),
        ],
    );
}

/// Answers a public-service call centre gives every day: polite, factual, nothing to penalise.
#[test]
fn polite_service_answers_raise_no_violation() {
    let lib = Library::builtin();
    let c = lib.default_checklist().expect("default checklist");
    let answers = [
        "감사합니다, 민원 상담 창구입니다. 무엇을 도와드릴까요?",
        "과태료는 100만원 이하로 부과되고, 의견 진술 기간 안에 내시면 20% 감경됩니다.",
        "감염병 관련 문의는 질병관리청 콜센터 1339에서 안내받으실 수 있도록 제가 연결해 드리겠습니다.",
        "신청서는 주민센터나 온라인으로 내실 수 있고, 처리까지 보통 일주일 걸립니다.",
        "담당 부서가 따로 있어서, 지금 바로 담당자에게 돌려 드리겠습니다. 잠시만 기다려 주십시오.",
        "확인해 보니 아직 접수 대기 상태입니다. 내일 오후까지 결과를 문자로 보내 드리겠습니다.",
        "불편을 드려 죄송합니다. 말씀하신 내용은 민원 기록에 그대로 남겨 두겠습니다.",
        "납부 기한이 지나면 가산금이 붙을 수 있으니 이번 달 안에 내시는 게 좋습니다.",
        "서류가 하나 빠져 있어서요, 가족관계증명서를 함께 보내 주시면 됩니다.",
        "그 부분은 제가 확답을 드릴 수 없어서, 심사 결과가 나오면 바로 알려 드리겠습니다.",
        "네, 맞습니다. 본인 확인을 위해 생년월일을 여쭤봐도 될까요?",
        "오래 기다리셨죠. 통화가 많아 연결이 늦었습니다.",
        "더 궁금하신 점 있으시면 언제든 다시 전화 주십시오. 좋은 하루 보내세요.",
        "주차 위반 과태료는 사진 판독 후 2주 안에 고지서가 발송됩니다.",
        "민원 처리 기한은 법정 7일이며, 연장되면 미리 알려 드립니다.",
    ];
    for text in answers {
        let a = lib.analyzer(c).analyze(&TraineeTurn::parse(text).0);
        let v: Vec<&str> = a
            .violations()
            .filter_map(|h| match h.target {
                Target::Violation(i) => Some(c.violations[i].id.as_str()),
                _ => None,
            })
            .collect();
        assert!(v.is_empty(), "{text:?} flagged {v:?}");
    }
}
