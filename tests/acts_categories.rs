//! What a sentence does, by category, in the many ways officers really say it: 하십시오체 and
//! 해요체, typos and missing spaces, dialect, the phone, 일일열사 outreach and the 지구대 desk at
//! night. Each category has sentences that count and near misses that must not (the boundaries
//! of docs/scenario-format.md). The sentences are written for this test; none comes from an
//! evaluation file. tests/acts.rs has the short list per id; this file has the constructions.

#[path = "common/acts.rs"]
mod acts;
use acts::{category, category_in};

#[test]
fn dismissive_minimising_the_loss() {
    category(
        "dismissive",
        &[
            ("에이, 별거 아니에요. 금방 잊혀져요.", true),
            ("그 정도면 다행인 줄 아셔야죠.", true),
            ("그만하길 다행이지 뭘 그러세요.", true),
            ("다들 그렇게 한 번씩 당하고 살아요.", true),
            ("요즘 그런 일 흔해요, 선생님만 그런 거 아니에요.", true),
            ("지갑 하나 가지고 이 밤에 지구대까지 오셨어요?", true),
            ("긁힌 거 가지고 너무 크게 생각하시네요.", true),
            ("몇만 원짜리 가지고 뭘 그러세요.", true),
            ("그깟 자전거 하나 다시 사시면 되죠.", true),
            ("뭐 그런 걸로 속상해하세요.", true),
            ("그 정도는 사고 축에도 못 껴요.", true),
            ("안 다치셨으면 된 거죠 뭐.", true),
            ("별일 아닌데 너무 걱정하시네.", true),
            ("이 동네 사람들 다 그러고 살아요, 별수 없어요.", true),
            ("잃어버린 건 잊으시는 게 속 편해요.", true),
            // Near misses: the loss is named, then acknowledged or worked on.
            ("지갑을 잃어버리셔서 많이 당황하셨겠어요.", false),
            ("긁힌 부분도 사진으로 남겨 두겠습니다.", false),
            ("다친 데가 없으시다니 그나마 다행입니다. 놀라셨죠.", false),
            ("신분증 가지고 오시면 바로 접수해 드릴게요.", false),
            ("그거 가지고 오셔서 민원실에 내시면 됩니다.", false),
            ("영수증은 잘 가지고 계세요.", false),
        ],
    );
}

#[test]
fn dismissive_telling_the_person_how_to_feel() {
    category(
        "dismissive",
        &[
            ("진정하시고요, 제 말부터 들으세요.", true),
            ("흥분하지 마시고 차분하게 말씀하세요.", true),
            ("일단 진정부터 하십쇼.", true),
            ("화내지 마시고요.", true),
            ("그렇게 울지 마세요, 우신다고 달라지는 거 없어요.", true),
            ("마음 편하게 먹으세요, 다 지나가요.", true),
            ("너무 예민하게 생각하지 마시고요.", true),
            ("걱정은 붙들어 매세요.", true),
            ("그냥 좋게 좋게 생각하세요.", true),
            ("속상해하실 거 없어요.", true),
            ("억울해하실 일이 아니에요.", true),
            ("무서워하실 필요 전혀 없어요.", true),
            ("그만 좀 우시고 서류나 쓰세요.", true),
            // Near misses: waiting for the person, or inviting them to take their time.
            ("진정되실 때까지 기다리겠습니다.", false),
            ("천천히 숨 좀 고르시고 편하실 때 말씀하세요.", false),
            ("많이 놀라셨죠. 물 한잔 드릴게요.", false),
            ("화가 나실 만합니다.", false),
            ("울고 싶으시면 우셔도 괜찮아요.", false),
        ],
    );
}

#[test]
fn dismissive_talking_down_and_lecturing() {
    category(
        "dismissive",
        &[
            ("그러니까 제 말은요, 규정이 그렇다고요. 아시겠어요?", true),
            ("제가 아까부터 계속 말씀드렸잖아요.", true),
            ("그건 상식이잖아요.", true),
            ("그 정도는 기본으로 아셔야죠.", true),
            ("보시면 모르세요? 여기 다 써 있잖아요.", true),
            ("한 번 말하면 좀 알아들으세요.", true),
            ("어르신, 그러니까 제가 뭐라고 했어요.", true),
            ("애도 아니시고 왜 이러세요.", true),
            ("그러게 제가 뭐랬어요.", true),
            ("말귀를 못 알아들으시네.", true),
            ("왜 자꾸 같은 얘기를 하세요.", true),
            // Near misses: a real check of understanding, or a repeat offered kindly.
            ("제가 설명을 잘 드렸는지 모르겠네요. 이해되셨습니까?", false),
            ("어려우시면 다시 한번 천천히 말씀드릴게요.", false),
            ("혹시 헷갈리시는 부분 있으세요?", false),
            ("기본적인 서류만 준비해 오시면 됩니다.", false),
        ],
    );
}

#[test]
fn dismissive_brushing_off_the_concern() {
    category(
        "dismissive",
        &[
            ("그럴 수도 있죠 뭐. 다음.", true),
            ("그건 선생님 생각이시고요.", true),
            ("그건 기분 탓이에요.", true),
            ("이 동네 그런 걱정은 안 하셔도 돼요.", true),
            ("밤에 누가 그런 데를 털어요, 걱정 마세요.", true),
            ("에이 설마요, 그럴 일 없어요.", true),
            ("그런 건 신경 쓰실 필요도 없어요.", true),
            ("다 끝난 얘긴데 자꾸 왜 그러세요.", true),
            // Near misses: the concern is taken up.
            (
                "그런 걱정이 드시는 게 당연합니다. 순찰 때 더 보겠습니다.",
                false,
            ),
            ("어떤 점이 제일 걱정되세요?", false),
            ("그럴 수 있겠다 싶으셨겠어요.", false),
        ],
    );
}

#[test]
fn blame_prejudging_and_accusing() {
    category(
        "blame",
        &[
            ("딱 보니까 한잔하고 오셨네요.", true),
            ("본인이 먼저 손대셨잖아요.", true),
            ("그러니까 애초에 차선을 지키셨어야죠.", true),
            ("깜빡이도 안 켜고 들어오신 거 아닙니까?", true),
            ("아니 그걸 모르셨다는 게 말이 돼요?", true),
            ("목격자분 얘기로는 신호 무시하셨다던데요.", true),
            ("솔직히 핸드폰 보고 계셨던 거잖아요.", true),
            ("그렇게 급하게 가시니까 이런 일이 생기죠.", true),
            ("조금만 조심했으면 안 났을 사고예요.", true),
            ("도망가실 생각이셨던 거 아녜요?", true),
            ("왜 그 자리에서 신고를 안 하셨어요?", true),
            ("차에서 내려보지도 않으셨잖습니까.", true),
            ("보험금 타려고 그러시는 거 아니에요?", true),
            ("문 안 잠그고 다니시니까 털리죠.", true),
            ("거짓말하시면 나중에 더 불리해져요.", true),
            // Near misses: a neutral question with its reason, or a step of the inquiry.
            (
                "정확한 기록을 위해서 여쭙는 건데, 그때 신호가 무슨 색이었나요?",
                false,
            ),
            (
                "당시 속도가 어느 정도였는지 기억나시는 대로 말씀해 주세요.",
                false,
            ),
            (
                "블랙박스 영상을 보면 누구 과실인지 확인할 수 있습니다.",
                false,
            ),
            (
                "선생님을 탓하려는 게 아니라 순서대로 확인하는 겁니다.",
                false,
            ),
            ("문단속은 잘 되어 있었는지 여쭤봐도 될까요?", false),
        ],
    );
}

#[test]
fn taking_sides_before_the_facts_are_in() {
    category(
        "taking_sides",
        &[
            ("상대방이 백 프로 잘못한 거죠.", true),
            ("그 사람 말은 믿을 게 못 돼요.", true),
            ("보험사들이 원래 다 그래요, 자기들 유리하게 하죠.", true),
            ("구청이 일을 제대로 안 하네요.", true),
            ("그쪽이 너무했네요, 제가 봐도 그래요.", true),
            ("제가 봐도 저쪽 과실이 훨씬 커요.", true),
            ("선생님은 잘못하신 거 하나도 없어요.", true),
            ("택시 기사들이 다 그렇게 난폭하게 몰아요.", true),
            ("그 집 사람들 원래 좀 이상하더라고요.", true),
            ("윗집이 잘못했네, 그건 윗집 책임이에요.", true),
            ("딱 들어 보니 그 운전자가 가해자네요.", true),
            // Near misses: both sides heard, or a finding on record.
            ("상대방 진술도 들어 봐야 판단할 수 있습니다.", false),
            ("저쪽 말도 확인해 보고 연락드리겠습니다.", false),
            ("조사 결과 상대 차량 과실로 판단되었습니다.", false),
            (
                "보험사 결정에 이의가 있으시면 분쟁심의를 신청하실 수 있어요.",
                false,
            ),
            ("어느 쪽이 잘못했는지는 영상으로 확인하겠습니다.", false),
        ],
    );
}

#[test]
fn passing_the_buck_without_a_handover() {
    category(
        "passing_buck",
        &[
            ("그건 저희 소관이 아니라서요.", true),
            ("그거는 구청에 전화해 보세요.", true),
            ("저희는 그런 거 몰라요.", true),
            ("보험사랑 직접 얘기하세요.", true),
            ("법원 가서 알아보셔야죠.", true),
            ("그건 변호사한테 물어보셔야죠.", true),
            ("경찰이 해 드릴 수 있는 건 없어요.", true),
            ("여기서 처리 못 해요, 관리사무소 가 보세요.", true),
            ("제 담당 아니니까 내일 다시 오세요.", true),
            ("그건 주민센터 일이지 경찰 일이 아니에요.", true),
            ("인터넷 찾아보시면 다 나와요.", true),
            // Near misses: a handover that names who, what or when.
            (
                "구청 건축과 담당자 번호를 적어 드릴 테니 내일 오전에 전화해 보세요.",
                false,
            ),
            ("관리사무소에는 제가 공문으로 요청해 드리겠습니다.", false),
            (
                "그 부분은 담당 박 경사가 오늘 중으로 연락드릴 거예요.",
                false,
            ),
            (
                "보험 처리는 선생님 보험사를 통해 진행되고, 경찰은 사고 사실을 확인해 드립니다.",
                false,
            ),
            ("민원실로 같이 가서 접수 도와드릴게요.", false),
        ],
    );
}

#[test]
fn false_promise_of_an_outcome() {
    category(
        "false_promise",
        &[
            ("처벌은 안 받으시게 제가 해 드릴게요.", true),
            ("이 정도면 벌금도 안 나올 거예요.", true),
            ("범인은 금방 잡힐 거예요, 걱정 마세요.", true),
            ("잃어버린 지갑 꼭 찾아 드리겠습니다.", true),
            ("면허 정지까지는 안 갈 겁니다.", true),
            ("제가 검사님한테 잘 말해 놓을게요.", true),
            ("과실 비율은 분명히 바뀔 거예요.", true),
            ("앞으로 이 골목에 도둑 절대 안 들게 하겠습니다.", true),
            ("합의금 넉넉히 받으실 수 있게 해 드릴게요.", true),
            ("무혐의로 끝날 거니까 마음 놓으세요.", true),
            // Near misses: effort and contact commitments.
            (
                "결과는 제가 말씀드릴 수 없지만, 끝까지 확인하겠습니다.",
                false,
            ),
            ("진행 상황 나오는 대로 먼저 연락드리겠습니다.", false),
            ("억울한 부분이 없도록 꼼꼼히 살펴보겠습니다.", false),
            ("처벌 여부는 검찰이 판단합니다.", false),
            ("순찰 때 그 골목을 한 번 더 돌겠습니다.", false),
        ],
    );
}

#[test]
fn reassurance_commits_to_effort_care_or_a_callback() {
    category(
        "reassurance",
        &[
            ("제가 끝까지 챙기겠습니다.", true),
            ("내일 오전 중에 제가 직접 전화 드릴게요.", true),
            (
                "말씀하신 골목은 오늘 밤부터 순찰 돌 때 꼭 들르겠습니다.",
                true,
            ),
            ("영상은 제가 빠짐없이 확인해 보겠습니다.", true),
            ("요청하신 내용은 대장에 적어서 순찰에 반영하겠습니다.", true),
            ("억울한 일 없도록 공정하게 처리하겠습니다.", true),
            ("결과 나오면 바로 문자 드릴께요.", true),
            ("담당자한테 꼭 전달해 놓겠슴다.", true),
            // Near misses: an outcome, a warning, an announcement.
            ("범인 꼭 잡아 드리겠습니다.", false),
            ("계속 욕하시면 녹음하겠습니다.", false),
            ("절차를 안내해 드리겠습니다.", false),
            ("확인해 볼까요?", false),
        ],
    );
}

#[test]
fn explaining_a_step_of_the_procedure() {
    category(
        "explain_procedure",
        &[
            (
                "진술서 쓰시고 나면 블랙박스 영상 확인하고, 그다음에 검찰로 송치됩니다.",
                true,
            ),
            (
                "과실 비율은 경찰이 아니라 보험사끼리 협의해서 정해요.",
                true,
            ),
            ("조사 끝나면 결과는 문자로 통지가 가요.", true),
            (
                "이의신청은 통지 받으신 날부터 90일 안에 하시면 됩니다.",
                true,
            ),
            (
                "분실물은 유실물센터에 14일 보관되고 그 뒤에 경찰서로 넘어갑니다.",
                true,
            ),
            ("보험 처리랑 형사 절차는 따로 진행돼요.", true),
            ("요청서가 접수되면 순찰 담당 팀에 배정돼요.", true),
            ("혈중알코올농도는 채혈로 다시 측정하실 수 있어요.", true),
            // Near misses: announcing, asking, predicting an outcome, a bare noun.
            ("지금부터 절차를 안내해 드리겠습니다.", false),
            ("진술서 쓰셨어요?", false),
            ("이 건은 벌금 조금 나오고 끝날 거예요.", false),
            ("출석 요구서 받으셨죠?", false),
        ],
    );
}

#[test]
fn empathy_names_the_feeling() {
    category(
        "empathy",
        &[
            ("얼마나 놀라셨어요.", true),
            ("많이 속상하셨겠네요.", true),
            ("밤새 한숨도 못 주무셨겠어요.", true),
            ("저라도 화가 났을 거예요.", true),
            ("그 상황이면 누구라도 당황했을 겁니다.", true),
            ("혼자 얼마나 무서우셨을까요.", true),
            ("억울하신 마음 충분히 이해합니다.", true),
            ("걱정이 많으셨겠습니다.", true),
            ("답답하실 만해요.", true),
            // Near misses: a concession before a refusal, silencing, a question.
            ("이해는 하는데 규정은 규정이에요.", false),
            ("억울하신 건 알겠지만 저희도 방법이 없어요.", false),
            ("진정하세요.", false),
        ],
    );
}

#[test]
fn paraphrase_restates_their_account() {
    category(
        "paraphrase",
        &[
            ("그러니까 신호 대기 중에 뒤에서 받혔다는 말씀이시죠?", true),
            (
                "정리하면 밤마다 공원에서 오토바이 소리가 난다는 거네요.",
                true,
            ),
            (
                "어젯밤 11시쯤 집에 오셨는데 현관문이 열려 있었다고 하셨죠?",
                true,
            ),
            ("상대 차가 깜빡이 없이 들어왔다 이거죠?", true),
            (
                "말씀하신 걸 정리해 보면, 가로등이 꺼진 지 일주일 됐다는 거고요.",
                true,
            ),
            // Near misses: restating the officer's own plan, or an open question.
            (
                "정리하면, 제가 내일 영상 확인하고 연락드리는 겁니다.",
                false,
            ),
            ("어떻게 된 일인지 말씀해 주시겠어요?", false),
            ("제가 아까 말씀드린 건 접수 절차예요.", false),
        ],
    );
}

#[test]
fn open_question_invites_their_account() {
    category(
        "open_question",
        &[
            ("무슨 일로 오셨습니까?", true),
            ("어떻게 된 건지 천천히 말씀해 주세요.", true),
            ("요즘 이 동네 사시면서 불편하신 점 있으세요?", true),
            ("밤길 다니실 때 제일 걱정되는 데가 어디세요?", true),
            ("그때 상황을 기억나시는 대로 얘기해 주실 수 있을까요?", true),
            (
                "뭐 때문에 그렇게 화가 나셨는지 들어 볼게요, 말씀해 보세요.",
                true,
            ),
            ("네, 지구대입니다. 무슨 일이세요?", true),
            // Near misses: closed fact checks and redirects.
            ("블랙박스는 있으세요?", false),
            ("차 번호 기억나세요?", false),
            ("관리사무소에 말씀해 보세요.", false),
            ("몇 시쯤이었어요?", false),
        ],
    );
}

#[test]
fn only_an_offer_earns_the_seat() {
    category(
        "offer_seat",
        &[
            ("이쪽으로 편하게 앉으십시오.", true),
            ("추우신데 여기 히터 앞에 앉으세요.", true),
            ("따뜻한 차 한잔 드릴까요?", true),
            ("앉으셔서 좀 쉬세요, 물 갖다 드릴게요.", true),
            // An order bundled with a demand is not an offer.
            ("거기 앉으시고 신분증 주세요.", false),
            ("앉아서 기다려요.", false),
            ("거기 앉아 계세요, 부를 때까지.", false),
            ("일단 앉고 인적 사항부터 적으세요.", false),
        ],
    );
}

#[test]
fn a_see_off_is_not_a_dismissal() {
    category(
        "farewell",
        &[
            ("조심히 들어가십시오.", true),
            ("살펴 가세요.", true),
            ("날 추운데 따뜻하게 들어가세요.", true),
            ("오늘 오시느라 고생 많으셨습니다. 안녕히 가십시오.", true),
            // A dismissal is not a farewell.
            ("다른 거 없으시죠? 들어가세요.", false),
            ("이제 가 보세요.", false),
            ("됐으니까 그만 들어가세요.", false),
            ("볼일 끝나셨으면 나가 주세요.", false),
        ],
    );
}

#[test]
fn greeting_words_are_a_greeting_not_a_goodbye() {
    category(
        "greeting",
        &[
            ("안녕하십니까, 어서 오십시오.", true),
            ("감사합니다, 구로경찰서 신도림지구대입니다.", true),
            ("안녕하세요~ 지구대에서 나왔어요.", true),
            ("안녕히 가세요.", false),
            ("안녕히 계십시오.", false),
        ],
    );
}

#[test]
fn outreach_sentences_keep_their_boundaries() {
    category_in(
        "outreach",
        "dismissive",
        &[
            (
                "이 동네 그 정도면 안전한 편이에요, 걱정 안 하셔도 돼요.",
                true,
            ),
            ("다들 그렇게 살아요, 별거 아니에요.", true),
            (
                "밤에 혼자 다니시면 걱정되시죠. 어느 길이 제일 어두우세요?",
                false,
            ),
        ],
    );
    category_in(
        "outreach",
        "reassurance",
        &[
            ("말씀하신 놀이터 쪽은 밤 순찰 때 꼭 들러 보겠습니다.", true),
            (
                "카드에 적어 주신 건 지구대 대장에 올려서 순찰에 반영하겠습니다.",
                true,
            ),
            ("이제 그 골목 도둑은 없을 겁니다.", false),
        ],
    );
}

/// Other voices: 경상·충청 endings, night-desk curtness, reframing the loss, comparisons.
#[test]
fn dismissive_in_other_voices() {
    category(
        "dismissive",
        &[
            ("그까짓 거 가지고 밤에 신고를 하셨어예?", true),
            ("진정 좀 하시라니까요.", true),
            ("목소리 좀 낮추시고 흥분 가라앉히세요.", true),
            ("다른 집들도 다 털렸어요, 여기만 그런 거 아니에요.", true),
            ("어르신 연세 되시면 다 깜빡깜빡하세요.", true),
            ("그건 어머님이 너무 예민하신 거예요.", true),
            ("아니 그러니까요, 제가 몇 번이나 설명드렸어요.", true),
            ("이거 기본 중의 기본인데 모르셨어요?", true),
            ("그냥 액땜했다고 생각하세요.", true),
            ("잃어버린 돈은 수업료 냈다 치세요.", true),
            ("그 정도 소음은 아파트 살면 감수하셔야죠.", true),
            ("우는 소리 좀 그만하시고요.", true),
            ("진정하시고요, 차는 고치면 되잖아요.", true),
            ("진정되실 때까지 옆에서 기다릴게요.", false),
            ("다들 이런 일 겪으면 한동안 잠을 못 주무세요.", false),
            ("신분증하고 도장 가지고 내일 오시면 됩니다.", false),
            ("사과하실 일 아니에요, 다치신 분이 무슨.", false),
        ],
    );
}

#[test]
fn blame_in_other_voices() {
    category(
        "blame",
        &[
            ("그러니까 신호를 잘 보셨어야지예.", true),
            ("술 냄새가 이렇게 나는데 안 드셨다고요?", true),
            ("애초에 그 시간에 거길 왜 가셨어요.", true),
            ("선생님이 먼저 시비 거신 거 다 알아요.", true),
            ("혹시 일부러 부딪히신 거 아니에요?", true),
            ("본인이 문 열어 두고 나가셨다면서요.", true),
            ("대리 부르셨으면 됐잖아요.", true),
            ("할머니 혼자 밤길에 두신 것도 좀 그렇죠.", true),
            ("면허도 없이 운전하신 거예요?", true),
            ("답답하신 거 다 알아요. 조금만 기다려 주세요.", false),
            (
                "사고 당시 신호가 어땠는지 기억나시는 대로 말씀해 주세요.",
                false,
            ),
            (
                "영상 확인 전까지는 누구 잘못인지 단정할 수 없습니다.",
                false,
            ),
        ],
    );
}

#[test]
fn taking_sides_in_other_voices() {
    category(
        "taking_sides",
        &[
            (
                "그 택시 기사 원래 유명해요, 사고 많이 내는 사람이에요.",
                true,
            ),
            ("솔직히 옆집이 너무한 거죠.", true),
            ("상대방 말은 다 거짓말이에요.", true),
            ("이건 누가 봐도 저쪽 잘못이죠.", true),
            ("그 사람 혼나야 돼요.", true),
            (
                "상대방도 자기 입장이 있으니 양쪽 말씀 다 들어 보겠습니다.",
                false,
            ),
            (
                "보험사 판단이 이해 안 되실 수 있어요. 이의 제기 방법을 알려 드릴게요.",
                false,
            ),
            (
                "엘리베이터 고장은 관리사무소에서 점검 일정을 잡습니다.",
                false,
            ),
        ],
    );
}

#[test]
fn passing_the_buck_in_other_voices() {
    category(
        "passing_buck",
        &[
            ("그건 저희 관할 아닙니다.", true),
            ("여기 말고 본서 가세요.", true),
            ("주차 문제는 구청 소관이니까 그쪽에 알아보세요.", true),
            ("그런 건 보험사 가서 따지세요.", true),
            ("그건 저희가 어떻게 할 수가 없어요. 알아서 하세요.", true),
            ("통역은 저희가 못 구해요. 아는 분 데려오세요.", true),
            ("아니 그건 경찰이 정하는 게 아니라니까요.", true),
            (
                "구속은 제가 정하는 게 아니에요. 검사가 청구하고 판사가 결정해요.",
                false,
            ),
            (
                "주차 문제는 구청 주차관리과 소관이라, 제가 담당자한테 바로 전화 연결해 드릴게요.",
                false,
            ),
            (
                "보상은 보험사 보상팀 담당이고, 사고사실확인원은 저희가 오늘 떼 드릴게요.",
                false,
            ),
        ],
    );
}

#[test]
fn false_promise_in_other_voices() {
    category(
        "false_promise",
        &[
            ("이 정도면 무조건 무혐의 나와요.", true),
            ("제가 아는 검사한테 잘 얘기해 줄게요.", true),
            ("걱정 마세요, 벌금은 안 나올 거예요.", true),
            ("도둑은 금방 잡혀요, 제가 장담해요.", true),
            ("신고하셔도 추방은 안 당하니까 괜찮아요.", true),
            ("소송 가시면 무조건 이겨요.", true),
            ("정지 100일 나오고 끝이에요.", true),
            (
                "처벌이 어떻게 될지는 검찰이 판단하는 거라 제가 말씀드릴 수 없어요.",
                false,
            ),
            (
                "범인을 꼭 잡는다고 약속드릴 수는 없습니다. 대신 CCTV부터 확보하겠습니다.",
                false,
            ),
            ("저라도 그 비율 들으면 답답했을 거예요.", false),
        ],
    );
}

#[test]
fn reassurance_and_invitations_in_other_voices() {
    category(
        "reassurance",
        &[
            ("알겠어요, 제가 한번 찾아볼게요.", true),
            ("그 골목은 밤마다 한 번씩 더 돌아볼게유.", true),
            ("결과 나오는 대로 제가 문자로 알려 드리겠습니다.", true),
            ("매주 금요일에 진행 상황을 전화로 알려 드릴게요.", true),
            ("지금부터 절차를 차례대로 알려 드리겠습니다.", false),
            ("잠깐만요, 받아 적을게요.", false),
        ],
    );
    category(
        "open_question",
        &[
            ("천천히, 무슨 일 있으셨는지 얘기해 주세요.", true),
            ("동네 다니시면서 불편한 거 있으시면 말씀해 주이소.", true),
            (
                "선생님 입장에서 하시고 싶은 말씀 있으시면 편하게 해 주세요.",
                true,
            ),
            ("더 불편하신 거 있으시면 말씀하세요.", false),
            ("무슨 일 있으시면 이 번호로 전화 주세요.", false),
        ],
    );
}

#[test]
fn items_in_other_voices() {
    category(
        "empathy",
        &[
            ("많이 서운하셨겠어요, 몇 번이나 전화하셨는데.", true),
            ("가족분 소식 듣고 가슴이 철렁하셨겠습니다.", true),
            ("혼자 계신데 밤에 그런 소리 나면 무서우시죠.", true),
            ("억울하다고 느끼실 만해요.", true),
            ("기다리시느라 지치셨죠.", true),
            ("답답하신 건 알겠지만 지금은 진술부터 하셔야 돼요.", false),
            ("무서우시면 112에 전화하세요.", false),
            ("놀라셨어도 절차는 지켜 주셔야 합니다.", false),
            ("많이 속상하시겠어요. 그래도 서명은 하셔야 해요.", false),
            ("측정 수치 보니까 기준 바로 위네요.", false),
        ],
    );
    category(
        "explain_procedure",
        &[
            (
                "물피 도주는 신고 접수되면 담당 조사관이 주변 CCTV부터 확보합니다.",
                true,
            ),
            (
                "진술이 끝나면 사건은 검찰로 넘어가고, 검찰에서 기소 여부를 정합니다.",
                true,
            ),
            (
                "음주 측정 결과에 동의 못 하시면 채혈을 요구하실 수 있어요.",
                true,
            ),
            (
                "순찰 요청은 카드에 적어 주시면 지구대 대장에 올라가고 순찰 계획에 반영돼요.",
                true,
            ),
            ("보험 처리는 민사라서 경찰 조사랑 별개로 진행됩니다.", true),
            ("절차는 나중에 따로 설명드릴게요.", false),
            ("출석 요구서 받으셨어요?", false),
            ("영상 확인해 보고 연락드리겠습니다.", false),
        ],
    );
    category(
        "paraphrase",
        &[
            (
                "그러니까 주차해 둔 차를 누가 긁고 갔는데 연락이 없다는 거죠?",
                true,
            ),
            (
                "말씀 들어 보니 밤 12시 넘어서 윗집 소음이 계속된다는 거네요.",
                true,
            ),
            (
                "요약하면 보험사에서 과실 비율을 7대3으로 통보했다, 이 말씀이시죠?",
                true,
            ),
            (
                "아드님이 학원 끝나고 혼자 오는 길이 어둡다고 하셨지요?",
                true,
            ),
            ("그러니까 제 말은 절차가 그렇다는 거예요.", false),
        ],
    );
}

/// Brush-offs at the desk: 어쩔 수 없어요, 원래 그래요, hurrying, 감사하셔야죠 — and the kind
/// sentences that share their words.
#[test]
fn dismissive_brush_offs_and_their_near_misses() {
    category(
        "dismissive",
        &[
            ("됐어요, 그만 우세요.", true),
            ("그게 뭐 대수라고 그러세요.", true),
            ("알았으니까 그만 좀 하세요.", true),
            ("그래서 어쩌라고요.", true),
            ("뭐 어쩌겠어요, 이미 벌어진 일인데.", true),
            ("그냥 참고 넘어가세요.", true),
            ("그건 어쩔 수 없는 거예요.", true),
            ("원래 다 그런 거예요.", true),
            ("그거 다 아는 얘기예요, 새로운 거 없어요.", true),
            ("어머님, 지금 이러시는 거 하나도 도움 안 돼요.", true),
            ("선생님 혼자 억울한 거 아니에요.", true),
            ("에이 그 정도 가지고 뭘요.", true),
            ("그렇게까지 화내실 일은 아닌 것 같은데요.", true),
            ("애들 장난인데 그냥 넘어가시죠.", true),
            ("다 큰 어른이 왜 울고 그러세요.", true),
            ("그런 일로 112 누르시면 안 돼요.", true),
            ("제 말 무슨 뜻인지 아시겠어요? 규정이라고요.", true),
            ("목숨 건진 것만 해도 감사하셔야죠.", true),
            (
                "차만 부서졌으니 천만다행이죠, 뭘 그렇게 속상해하세요.",
                true,
            ),
            ("그만 좀 징징대세요.", true),
            ("저도 바빠요, 용건만 말씀하세요.", true),
            ("나이 드시면 다 그래요.", true),
            ("그건 어머님이 오해하신 거예요, 신경 쓰지 마세요.", true),
            ("화가 나시는 게 당연합니다.", false),
            ("그 정도로 다치셨으면 많이 아프셨겠어요.", false),
            ("천천히 하셔도 됩니다, 제가 기다릴게요.", false),
            ("그만하시라는 뜻이 아니라 하나씩 정리하자는 겁니다.", false),
            ("걱정되시는 마음은 충분히 이해합니다.", false),
            ("원래 처리 기간은 2주 정도 걸립니다.", false),
            ("별거 아닌 것 같아도 말씀해 주세요.", false),
        ],
    );
}

/// A fourth batch: accusations stated as facts or hearsay, siding by name-calling the other
/// party, curt refusals asked as questions — with the neutral sentences next to them.
#[test]
fn violations_stated_as_facts_or_asked_as_questions() {
    category(
        "blame",
        &[
            ("그 시간에 술 마시고 운전대 잡으신 거잖아요.", true),
            ("보니까 한두 잔 드신 게 아니네요.", true),
            ("본인이 안 보고 건너신 거죠.", true),
            ("그러게 밤늦게 왜 혼자 다니세요.", true),
            ("지갑을 그렇게 허술하게 두시니까 잃어버리시죠.", true),
            ("아드님 관리를 잘 하셨어야죠.", true),
            ("문 잠그는 건 기본인데 그걸 안 하셨네요.", true),
            ("딱 보면 알아요, 과속하셨죠?", true),
            ("혹시 먼저 욕하신 거 아니에요?", true),
            ("그 말 믿기 어렵네요.", true),
            ("선생님도 잘한 건 없으시잖아요.", true),
            ("변명은 그만하시고요.", true),
            ("애가 뛰어들었다고 하시는데 그건 핑계죠.", true),
            ("신호 무시하고 달리셨다고 다들 그러던데요.", true),
            (
                "혹시 당시에 휴대폰을 보고 계셨는지, 기록을 위해 여쭙겠습니다.",
                false,
            ),
            ("운전자 과실 여부는 영상 분석 후에 판단합니다.", false),
            (
                "잘못하신 게 있는지 없는지는 조사해 봐야 알 수 있어요.",
                false,
            ),
            ("술 드신 거 아닌 거 알아요. 규정상 측정만 할게요.", false),
        ],
    );
    category(
        "taking_sides",
        &[
            ("그 사장님 원래 그런 분이에요, 저도 알아요.", true),
            ("요즘 배달 오토바이들 진짜 문제예요.", true),
            ("그 할머니가 괜히 트집 잡으시는 거예요.", true),
            ("관리사무소가 책임 회피하는 거죠.", true),
            ("보험사가 선생님을 호구로 본 거예요.", true),
            ("상대 운전자 진짜 양심 없네요.", true),
            ("제가 봐도 선생님이 억울하세요.", true),
            ("그 애들 부모가 교육을 잘못 시킨 거죠.", true),
            ("양쪽 말씀 다 듣고 판단하겠습니다.", false),
            ("상대 운전자 진술은 아직 받지 못했습니다.", false),
            ("보험사 결정은 경찰 조사와 별개입니다.", false),
        ],
    );
    category(
        "passing_buck",
        &[
            ("그건 112에 다시 전화하세요.", true),
            ("저희 업무 아니에요.", true),
            ("저는 교통이라 그런 건 잘 몰라요.", true),
            ("그 문제는 민사니까 소송하세요.", true),
            ("그건 동사무소 가서 물어보셔야 돼요.", true),
            ("경찰이 그런 것까지 해 줘야 돼요?", true),
            ("여기서는 답 못 드려요. 위에 물어보세요.", true),
            (
                "민사 부분은 법률구조공단에서 무료 상담을 받으실 수 있게 제가 예약을 잡아 드릴게요.",
                false,
            ),
            (
                "그 부분은 제 권한 밖이라, 팀장님께 바로 여쭤서 오늘 중으로 답 드리겠습니다.",
                false,
            ),
        ],
    );
}

/// Outcomes promised in many shapes: predicted, ruled out on a condition, reassured away
/// (걱정 마세요, 아무 문제 없어요) — and the effort commitments beside them.
#[test]
fn false_promise_in_many_shapes() {
    category(
        "false_promise",
        &[
            ("이 정도 수치면 면허 정지로 끝나요.", true),
            ("초범이시니까 기소유예 나올 거예요.", true),
            ("보험 처리 다 되니까 돈 걱정은 안 하셔도 돼요.", true),
            ("합의만 하시면 처벌은 없어요.", true),
            ("상대방이 100% 과실로 나올 겁니다.", true),
            ("제가 책임지고 범인 잡겠습니다.", true),
            ("일주일 안에 물건 찾아 드릴게요.", true),
            ("이 건은 그냥 없던 일로 해 드릴게요.", true),
            ("제가 위에 잘 말씀드려서 선처받게 해 드릴게요.", true),
            ("걱정 마세요, 비자에는 아무 문제 없어요.", true),
            ("이번 일로 불이익 받으실 일은 절대 없어요.", true),
            ("다음부터 이 골목에선 사고 안 날 거예요.", true),
            ("벌점 정도로 마무리될 거예요.", true),
            ("가로등은 다음 주면 고쳐질 거예요.", true),
            (
                "처벌 수위는 검사와 판사가 정하는 거라 제가 미리 말씀드릴 수 없습니다.",
                false,
            ),
            ("CCTV가 확보되면 바로 분석 요청하겠습니다.", false),
            (
                "가로등 수리는 구청에 요청하고 결과를 알려 드리겠습니다.",
                false,
            ),
            ("찾을 수 있도록 최선을 다하겠습니다.", false),
            (
                "보상 절차는 보험사에서 진행되고, 필요한 서류는 제가 챙겨 드릴게요.",
                false,
            ),
            ("그런 말씀이 계속되면 통화를 끝낼 수밖에 없습니다.", false),
        ],
    );
}

/// 일일열사 doorsteps and the 지구대 desk at night: curt refusals, brush-offs of a resident's
/// worry, scolding a drunk visitor — and what a good officer says instead.
#[test]
fn outreach_and_night_desk_voices() {
    category(
        "passing_buck",
        &[
            ("가로등은 저희 담당 아니고요, 구청 민원 넣으세요.", true),
            ("그런 건 반상회에서 얘기하셔야죠.", true),
            ("층간소음은 경찰이 해결 못 해요.", true),
            ("쓰레기 무단투기는 구청 일이라 저희는 몰라요.", true),
            (
                "층간소음은 이웃사이센터에서 중재해 주는데, 신청 방법을 제가 적어 드릴게요.",
                false,
            ),
            (
                "쓰레기 무단투기는 구청 청소과가 단속하는데, 말씀하신 장소는 제가 구청에 전달하고 순찰 때도 보겠습니다.",
                false,
            ),
        ],
    );
    category(
        "dismissive",
        &[
            (
                "어머님 이 동네 십 년 넘게 사셨으면 다 아시잖아요, 원래 조용한 동네예요.",
                true,
            ),
            ("아유, 그런 걱정까지 하시면 못 살아요.", true),
            ("술 깨시면 다 괜찮아져요, 주무시고 가세요.", true),
            (
                "밤길이 무서우시면 제가 순찰 돌 때 그 길로 한 번 더 가겠습니다.",
                false,
            ),
            (
                "오래 사신 동네라 더 잘 아실 텐데, 요즘 달라진 게 있으세요?",
                false,
            ),
        ],
    );
    category(
        "farewell",
        &[("밤에 다니시는 게 무서우시면 일찍 들어가세요.", false)],
    );
    category(
        "taking_sides",
        &[
            ("그 편의점 사장 원래 질이 안 좋아요.", true),
            ("저 윗집 사람들 원래 시끄럽기로 유명해요.", true),
            (
                "편의점 사장님 말씀도 들어 보고 같이 방법을 찾아보겠습니다.",
                false,
            ),
        ],
    );
    category(
        "blame",
        &[
            ("아저씨, 술 드시고 여기서 주무시면 어떡해요.", true),
            ("이렇게 취하실 때까지 드시면 안 되죠.", true),
            ("또 술 드시고 오셨네요.", true),
            (
                "오늘 많이 추우신데 혹시 댁이 어디신지 여쭤봐도 될까요?",
                false,
            ),
        ],
    );
}

/// A step of the process worded as giving is guidance; the officer's own callback is a promise;
/// an invitation is not undone by the "궁금" that a check of understanding also uses; a name or
/// a calm-down request is not an invitation.
#[test]
fn steps_promises_and_invitations_told_apart() {
    category(
        "reassurance",
        &[
            ("결정이 나면 제가 가족분께 바로 알려 드립니다.", true),
            (
                "차량이 특정되면 저희가 운전자를 불러 조사하고, 결과는 우편으로 통지해 드립니다.",
                false,
            ),
            (
                "먼저 진술서를 쓰시고, 그다음에 영상을 같이 보면서 확인하겠습니다.",
                false,
            ),
        ],
    );
    category(
        "explain_procedure",
        &[(
            "차량이 특정되면 저희가 운전자를 불러 조사하고, 결과는 우편으로 통지해 드립니다.",
            true,
        )],
    );
    category(
        "open_question",
        &[
            (
                "어떤 부분이 궁금하셔서 오셨는지 편하게 말씀해 주세요.",
                true,
            ),
            (
                "가족분들이 제일 궁금하신 게 뭔지 먼저 말씀해 주시겠어요?",
                true,
            ),
            ("성함이 어떻게 되세요?", false),
            ("연락처가 어떻게 되세요?", false),
            (
                "계속 소리 지르시면 응대가 어렵습니다. 천천히 말씀해 주세요.",
                false,
            ),
        ],
    );
}

/// Who does a step, then what the officer does next, is guidance; a request or a refusal after a
/// concession is not.
#[test]
fn procedure_names_who_does_the_step() {
    category(
        "explain_procedure",
        &[
            (
                "놀이터 CCTV는 구청에서 하는 일이라, 저희가 구청에 설치 요청 공문을 보내 두겠습니다.",
                true,
            ),
            (
                "승강기 점검은 승강기안전공단이 맡는데, 저희가 관리사무소와 같이 점검 일정을 확인하겠습니다.",
                true,
            ),
            ("사고 접수증 3쪽에 서명 한 번 더 해 주세요.", false),
            ("이해는 하는데요. 그래도 오늘 조서는 쓰셔야 돼요.", false),
        ],
    );
}

/// Siding against the insurer, an agency, a device or a neighbour before the facts are in.
#[test]
fn taking_sides_against_whoever_is_not_in_the_room() {
    category(
        "taking_sides",
        &[
            ("보험사가 장난치는 거예요.", true),
            ("관리사무소가 일을 안 하네요.", true),
            ("구청 공무원들이 원래 그래요.", true),
            ("단속한 경찰관이 좀 심했네요.", true),
            ("측정기가 잘못된 거 같아요, 그거 믿지 마세요.", true),
            ("상대방이 보상금 노리고 드러누운 거예요.", true),
            ("그 학생들 버릇이 없네요.", true),
            ("이건 당연히 상대 차가 물어줘야죠.", true),
            ("선생님이 피해자죠, 누가 봐도.", true),
            ("윗집이 너무 무개념이네요.", true),
            ("상대 차량 블랙박스도 받아서 같이 보겠습니다.", false),
            (
                "보험사 산정 방식이 궁금하시면 산정 내역서를 요청해 보세요.",
                false,
            ),
            (
                "윗집 분께도 말씀을 들어 보고 중재 방법을 찾아보겠습니다.",
                false,
            ),
            ("측정기는 매년 검정을 받고, 기록이 남아 있습니다.", false),
        ],
    );
}

/// Siding by what the sentence does to the other party: a bad trait or a scheme imputed, who owes, a fault stated as certain or as a verdict, the listener declared the victim. Not: the other party's statement still to be taken, a finding on record, a claim quoted back, an appeal route.
#[test]
fn taking_sides_by_construction() {
    category(
        "taking_sides",
        &[
            ("그 택시 기사가 무리하게 끼어든 게 틀림없네요.", true),
            ("보험사들이 다 그렇죠 뭐, 자기들 돈 안 주려고 그래요.", true),
            ("상대 운전자분이 100% 잘못하신 거예요.", true),
            ("딱 봐도 저쪽 과실이네요.", true),
            ("그 사람 말은 들을 필요도 없어요.", true),
            ("구청이 일을 제대로 안 해서 그래요.", true),
            ("옆집 사람이 예의가 없네요.", true),
            ("상대방이 거짓말하고 있는 거예요.", true),
            ("제가 봐도 상대 차가 신호 위반했네요.", true),
            ("요즘 배달 오토바이들이 진짜 문제예요.", true),
            ("그 보험사 원래 악명 높아요.", true),
            ("상대편이 억지 부리는 거네요.", true),
            ("관리사무소가 책임을 져야죠.", true),
            ("선생님 말씀 들어 보니 상대가 완전히 잘못했네요.", true),
            ("저쪽 차가 과속한 게 분명해요.", true),
            ("그쪽 보험사가 돈 아끼려고 그러는 거예요.", true),
            ("상대 기사님이 좀 이상한 분이시네요.", true),
            ("윗집 사람들이 너무 이기적이네요.", true),
            ("그 가게 사장이 나쁜 거죠.", true),
            ("어르신은 아무 잘못 없으세요, 저쪽이 문제예요.", true),
            ("상대방 쪽이 뒤집어씌우려는 거예요.", true),
            ("그 사람 원래 그런 사람이래요.", true),
            ("그건 보험사가 불리하게 깎은 거예요.", true),
            ("그 운전자는 처벌받아야 마땅합니다.", true),
            ("선생님은 피해자이신 게 확실해요.", true),
            ("저쪽 말은 다 핑계예요.", true),
            ("그 회사가 잘못 처리한 거네.", true),
            ("상대방 진술도 들어 보고 판단하겠습니다.", false),
            (
                "경찰 조사 결과 상대 차량이 신호를 위반한 것으로 확인됐습니다.",
                false,
            ),
            (
                "보험사 판단에 동의하지 않으시면 분쟁심의위원회에 이의를 제기하실 수 있습니다.",
                false,
            ),
            ("상대 운전자가 잘못했다고 보시는 거죠?", false),
            ("누가 잘못했는지는 아직 말씀드릴 수 없습니다.", false),
            ("양쪽 말씀을 다 들어 봐야 합니다.", false),
            ("상대 차량 블랙박스도 확보하겠습니다.", false),
            ("구청에도 확인 요청을 해 두겠습니다.", false),
            ("상대방도 지금 조사를 받고 있습니다.", false),
            ("어느 쪽 잘못인지는 영상을 보고 판단하겠습니다.", false),
            ("보험사 산정이 어떻게 됐는지 내역을 같이 보겠습니다.", false),
            ("윗집에도 소음 관련해서 말씀 전해 드리겠습니다.", false),
            ("그 아줌마가 억지를 부리시는 거네요.", true),
            ("상대 차량 쪽이 잘못한 게 뻔하죠.", true),
            ("보험회사들은 늘 자기들 유리하게만 해요.", true),
            ("그 학생들이 버릇없게 군 거예요.", true),
            ("이웃이 좀 너무하시네요.", true),
            ("택시 기사님이 난폭하게 운전했네요.", true),
            ("가해자가 나쁜 사람이에요, 선생님은 걱정 마세요.", true),
            ("그 사람들 말은 믿지 마세요.", true),
            ("상대 운전자가 과실이 훨씬 커요.", true),
            ("저 같아도 화나죠, 그 사람 완전 막무가내네요.", true),
            ("건물주가 책임져야 할 일이에요.", true),
            ("시청이 늑장 부린 거예요.", true),
            ("상대가 괜히 트집 잡는 거예요.", true),
            ("그 업체가 사기 친 거네요.", true),
            ("선생님 쪽이 맞아요, 상대가 틀렸어요.", true),
            ("상대 운전자분 진술과 영상을 같이 확인하겠습니다.", false),
            (
                "조사 결과 상대 차량의 과실이 더 큰 것으로 통지됐습니다.",
                false,
            ),
            (
                "보험사 산정에 이의가 있으시면 재심사를 요청하실 수 있습니다.",
                false,
            ),
            ("상대 쪽 얘기도 들어 봐야 정확히 알 수 있습니다.", false),
            ("택시 회사에도 연락해서 사실관계를 확인하겠습니다.", false),
            ("그 사람이 잘못했다고 생각하시는군요.", false),
            ("아직 누구 잘못인지 판단할 단계가 아닙니다.", false),
            ("그 집 사람들 원래 경우가 없어요.", true),
            ("상대 기사 완전 양심 없네.", true),
            ("그쪽 보험사가 보상금 덜 주려고 꼼수 쓰는 거예요.", true),
            ("옆집이 책임지고 물어내야죠.", true),
            ("상대방과실이100프로네요", true),
            ("그 운전자가 분명히 과속했어요.", true),
            ("구청 직원들이 일을 대충 하네요.", true),
            ("선생님이 피해자신 거 다 알아요, 걱정 마세요.", true),
            ("저 사람 말은 들을 필요 없어예.", true),
            ("그 택시가 잘못햇네요.", true),
            (
                "\"상대가 잘못했다\"고 하시는 거죠? 그 부분도 적어 두겠습니다.",
                false,
            ),
            (
                "상대방 과실이 있는지는 영상 분석 후에 알 수 있습니다.",
                false,
            ),
            ("상대 운전자도 내일 조사를 받습니다.", false),
            ("옆집에 찾아가서 말씀을 들어 보겠습니다.", false),
            (
                "보험사가 정한 비율에 이의가 있으시면 분쟁조정을 신청하실 수 있습니다.",
                false,
            ),
            ("상대 기사님이 잘못했다는 증거는 아직 없습니다.", false),
        ],
    );
}

/// Blame by construction: because of you, -셨으면 … 안 다쳤죠, -ㅆ어야 on any stem, hiding is no use, of course it happened, hearsay and 다 보여요 about the listener's act, 반말 and dialect. Not: a question with its reason, a disclaimer, thanks, the listener's own words quoted.
#[test]
fn blame_by_construction() {
    category(
        "blame",
        &[
            ("선생님이 브레이크를 늦게 밟으셔서 그래요.", true),
            ("그러게 왜 밤늦게 혼자 다니셨어요?", true),
            ("아니 그걸 왜 이제 와서 말씀하세요?", true),
            ("문을 열어 두고 나가신 본인 책임도 있어요.", true),
            ("사고 나면 바로 신고하는 게 당연하잖아요.", true),
            ("처음부터 솔직하게 말씀하셨으면 이렇게까지 안 됐죠.", true),
            ("앞을 제대로 안 보고 운전하신 거네요.", true),
            ("음주하신 거 맞죠?", true),
            ("피해자분 말로는 선생님이 먼저 밀었다면서요.", true),
            ("다 선생님 때문에 생긴 일이에요.", true),
            ("선생님 부주의로 일어난 사고입니다.", true),
            ("핸드폰 보면서 걸으셨죠?", true),
            ("애를 혼자 두시면 어떡합니까.", true),
            ("제대로 확인도 안 하시고 출발하셨네요.", true),
            ("그건 어머님 탓이죠.", true),
            ("딱 봐도 졸음운전이네요.", true),
            ("거짓말해도 소용없어요, 영상에 다 나와요.", true),
            ("그때 차를 세웠어야지요.", true),
            ("안전벨트도 안 하셨는데 다친 게 당연하죠.", true),
            ("어디서 발뺌이세요.", true),
            ("본인이 속도를 너무 내셨잖아요.", true),
            ("선생님이 사고를 낸 거 다 알아요.", true),
            ("그 시간에 술 마시고 돌아다니시니까 그렇죠.", true),
            ("분명히 선생님이 먼저 시비를 거셨을 거예요.", true),
            ("사장님이 관리를 제대로 안 하신 거예요.", true),
            ("왜 그렇게 부주의하셨어요?", true),
            ("선생님 같은 분들 때문에 사고가 나는 거예요.", true),
            ("차를 거기 세워 두시면 당연히 긁히죠.", true),
            (
                "당시 신호가 어땠는지 기억나시는 대로 말씀해 주시겠어요?",
                false,
            ),
            (
                "음주 측정은 사고 당사자 모두에게 하는 절차라서 여쭙습니다.",
                false,
            ),
            ("선생님 잘못이라고 말씀드리는 게 아닙니다.", false),
            ("현장에서 신고하지 못하신 사정이 있으셨나요?", false),
            ("블랙박스 영상을 확인해서 경위를 살펴보겠습니다.", false),
            ("차는 어디에 세워 두셨는지 여쭤봐도 될까요?", false),
            ("그때 속도가 어느 정도였는지 기억나세요?", false),
            ("많이 놀라셨겠어요, 다치신 데는 없으세요?", false),
            ("그러니까 왜 신호를 무시하셨냐고요.", true),
            ("선생님이 먼저 욕을 하셨다면서요?", true),
            ("조금만 주의하셨으면 이런 일 없었죠.", true),
            ("본인이 문단속을 안 하신 거잖아요.", true),
            ("술 냄새가 나는데 드신 거 맞죠?", true),
            ("그건 누가 봐도 선생님 과실이에요.", true),
            ("아이를 제대로 안 보신 부모님 책임이죠.", true),
            ("운전하면서 딴 데 보셨죠?", true),
            ("선생님 때문에 상대방이 다쳤어요.", true),
            ("지금 거짓말하시는 거 다 티 나요.", true),
            ("그렇게 밟으시면 사고 나죠.", true),
            ("차 키를 꽂아 두신 게 잘못이죠.", true),
            ("처음부터 안전하게 운전하셨어야 했어요.", true),
            ("현장을 그냥 떠나신 건 변명의 여지가 없어요.", true),
            (
                "혹시 그때 휴대전화를 쓰고 계셨는지 확인차 여쭙겠습니다.",
                false,
            ),
            (
                "선생님을 의심하는 게 아니고 모든 분께 같은 걸 여쭙니다.",
                false,
            ),
            ("사고 당시 차를 어디에 세우셨는지 말씀해 주세요.", false),
            ("음주 여부는 절차상 모든 운전자분께 확인합니다.", false),
            ("그때 많이 당황하셨을 것 같아요.", false),
            ("영상을 보고 사실관계를 정리하겠습니다.", false),
            ("니가 먼저 쳤잖아.", true),
            ("그건 아저씨 잘못이지.", true),
            ("운전하면서 폰 보셨던 거 맞잖아요.", true),
            ("그라이까 와 그때 안 세웠능교.", true),
            ("신호 바뀌기 전에 출발하신 거 다 보여요.", true),
            ("선생님때문에일어난사고예요", true),
            ("조금만 천천히 가셨으면 안 다쳤죠.", true),
            ("술드신거맞죠?", true),
            ("창문을 열어 놓고 다니시니까 털리죠.", true),
            ("블랙박스에 다 찍혀 있는데 숨겨 봤자예요.", true),
            ("선생님 잘못이라고 단정하는 건 아닙니다.", false),
            ("그때 휴대폰을 쓰셨는지, 기록을 위해 여쭙겠습니다.", false),
            (
                "\"제가 잘못했다\"고 하셨는데, 어떤 부분이 그렇다고 생각하세요?",
                false,
            ),
            (
                "선생님 때문에 빨리 범인을 찾을 수 있었습니다. 감사합니다.",
                false,
            ),
            (
                "블랙박스 영상을 보면 사고 경위를 정확히 알 수 있습니다.",
                false,
            ),
            ("다치신 데는 괜찮으세요?", false),
        ],
    );
}

/// Passing the buck: an owner (저희, 제, 경찰이, 여기서) with a scope-out (소관이 아니, 관할 밖, 개입할 수 없), 'not something we can do', go and ask X, come back later, spelled without spaces, in 반말 or dialect. Not: a referral with its route, a handover with who and when, who decides and what the officer does meanwhile.
#[test]
fn passing_the_buck_by_construction() {
    category(
        "passing_buck",
        &[
            ("그건 저희 쪽 일이 아니에요.", true),
            ("그런 건 구청에다 말씀하세요.", true),
            ("저희가 해 드릴 수 있는 게 없어요.", true),
            ("보험 문제는 보험사랑 알아서 하셔야 돼요.", true),
            ("저는 그런 거 잘 모르니까 다른 데 물어보세요.", true),
            ("민사 문제라 경찰이 개입할 수 없어요.", true),
            ("여기서 처리 못 해요, 관할 경찰서로 가세요.", true),
            ("그건 제 권한 밖이라서요.", true),
            ("월요일에 다시 오세요, 지금은 아무도 없어요.", true),
            ("저한테 그러셔도 소용없어요, 위에서 정한 거예요.", true),
            ("그건 법원 가서 따지세요.", true),
            ("경찰이 그런 것까지 챙길 수는 없죠.", true),
            ("그건 교통과 일이니까 그쪽으로 가 보세요.", true),
            ("그건 저희 관할 밖입니다.", true),
            ("그런 거 일일이 봐 드릴 수 없어요.", true),
            ("그건 제가 맡은 게 아니라서 모릅니다.", true),
            ("층간소음은 경찰 소관이 아니에요.", true),
            ("저희는 민사에 관여 안 해요.", true),
            ("그건 담당 부서에 직접 문의하세요.", true),
            ("그런 건 알아서 해결하셔야죠.", true),
            ("저희 선에서는 어떻게 안 돼요.", true),
            ("그건 보험사 일이지 경찰 일이 아니잖아요.", true),
            ("제가 결정하는 거 아니니까 위에다 얘기하세요.", true),
            ("경찰서 와도 해결 안 되니까 변호사 사세요.", true),
            ("보험사에 과실 비율을 문의하실 수 있습니다.", false),
            (
                "관할이 구청이라, 제가 구청 담당 부서 번호를 적어 드리고 오늘 중으로 공문도 보내겠습니다.",
                false,
            ),
            (
                "그 부분은 민사 절차라서, 법률구조공단에서 무료 상담을 받으실 수 있습니다.",
                false,
            ),
            ("담당 수사관이 내일 오전에 직접 연락드릴 겁니다.", false),
            (
                "그건 제가 바로 결정할 수 없어서, 팀장님께 여쭤보고 30분 안에 알려 드리겠습니다.",
                false,
            ),
            (
                "보상 문제는 보험사에서 정하는데, 제가 사고 사실 확인서를 떼어 드리겠습니다.",
                false,
            ),
            ("과실 비율은 경찰이 아니라 보험사가 정합니다.", false),
            (
                "구청 민원 담당과 직접 통화하실 수 있게 연결해 드릴게요.",
                false,
            ),
            ("그건 제 업무 범위가 아닙니다.", true),
            ("그런 건 저희가 할 수 있는 일이 아니에요.", true),
            ("주차 문제는 구청에 전화하세요.", true),
            ("저도 모르는 일이에요, 다른 분한테 물어보세요.", true),
            ("그건 경찰이 해결해 줄 수 있는 문제가 아니에요.", true),
            ("보상은 보험사랑 직접 얘기하세요.", true),
            ("저희 담당 아니니까 내일 본서로 가세요.", true),
            ("그런 건 제가 어떻게 해 드릴 방법이 없어요.", true),
            ("법적인 건 변호사한테 알아보세요.", true),
            ("여긴 그런 거 안 받아요.", true),
            ("그건 관리소에서 알아서 할 일이에요.", true),
            ("저한테 말씀하셔도 소용없어요.", true),
            ("그건 윗선에서 정하는 거라 저는 몰라요.", true),
            (
                "그 부분은 구청 소관이라 제가 담당 부서에 바로 전화해서 연결해 드리겠습니다.",
                false,
            ),
            (
                "보험금 청구는 보험사에 하시면 되고, 사고 사실 확인원은 여기서 발급해 드립니다.",
                false,
            ),
            (
                "과실 비율은 보험사가 정하는데, 이의가 있으면 분쟁심의위원회에 신청하실 수 있어요.",
                false,
            ),
            (
                "제가 담당자에게 오늘 중으로 전달하고 내일 오전에 결과를 알려 드리겠습니다.",
                false,
            ),
            (
                "주차 단속은 구청에서 하는데, 민원 번호를 알려 드릴게요.",
                false,
            ),
            (
                "법률 상담은 대한법률구조공단 132번으로 무료로 받으실 수 있습니다.",
                false,
            ),
            ("그건 우리 일 아니야.", true),
            ("구청가서알아보세요", true),
            ("저희는 그런 거 처리 못 해 드려요.", true),
            ("그런 건 보험사랑 얘기하시라고요.", true),
            ("제 소관이 아니라서 답변 못 드립니다.", true),
            ("경찰서에서는 그런 거 안 해 줘요.", true),
            ("그건 변호사를 사서 하세요.", true),
            ("그기는 우리 관할이 아이라예.", true),
            ("저한테 뭐라고 하셔도 어쩔 수 없어요.", true),
            ("내일 담당자 오면 그때 다시 오세요.", true),
            (
                "보험사 고객센터 번호를 적어 드릴게요, 사고 접수 번호도 같이 드리겠습니다.",
                false,
            ),
            (
                "그 부분은 제가 담당 형사에게 직접 전달하고, 내일 오전까지 연락드리겠습니다.",
                false,
            ),
            (
                "민사 소송은 법원에서 다루는데, 소액사건은 절차가 간단해서 안내문을 드릴게요.",
                false,
            ),
            (
                "과실 비율은 보험사끼리 협의하는데, 사고 사실 확인원이 필요하시면 발급해 드립니다.",
                false,
            ),
            (
                "주말이라 담당자는 없지만, 제가 오늘 접수해 두고 월요일에 담당자가 연락드리게 하겠습니다.",
                false,
            ),
            (
                "\"제 담당이 아닙니다\"라는 말은 하지 않겠습니다. 끝까지 챙기겠습니다.",
                false,
            ),
        ],
    );
}

/// Dismissing by construction: rhetorical 뭐가 (그렇게), needlessly (괜히), 'as it is you were lucky', feelings scolded or to be 'sorted out', 그럴 일인가요, others have it worse, 'over that, all the way to the police?'. Not: the feeling named, waiting until the person is calm, a minimising view quoted and rejected.
#[test]
fn dismissive_by_construction() {
    category(
        "dismissive",
        &[
            ("그렇게까지 화내실 일은 아닌 것 같은데요.", true),
            ("다 큰 어른이 왜 그러세요.", true),
            ("그런 일로 울면 어떡해요.", true),
            ("좀 참으시면 되잖아요.", true),
            ("한두 번 있는 일도 아닌데 뭘 그렇게 놀라세요.", true),
            ("마음 약하게 먹지 마세요.", true),
            ("그냥 잊어버리시는 게 나아요.", true),
            ("그 정도 다친 걸로 병원까지 가세요?", true),
            ("다 지나간 일이에요, 그만 생각하세요.", true),
            ("감정은 좀 빼고 사실만 말씀하세요.", true),
            ("그런 거 하나하나 다 신경 쓰시면 못 살아요.", true),
            ("그게 뭐가 무서워요.", true),
            ("사는 게 다 그렇죠.", true),
            ("그 정도면 운 좋으신 거예요.", true),
            ("우는 소리 좀 그만하세요.", true),
            ("선생님보다 더 힘든 사람 많아요.", true),
            ("그게 그렇게 억울하실 일인가요?", true),
            ("너무 과민하게 반응하시는 거 같아요.", true),
            ("기분 나쁘신 건 알겠는데 그건 선생님 사정이고요.", true),
            ("아무 일도 아닌데 괜히 겁먹으셨네요.", true),
            ("그만 좀 하시죠, 다 들었어요.", true),
            ("그래 봤자 바뀌는 거 없어요.", true),
            ("세상일이 다 마음대로 되나요.", true),
            ("그런 건 금방 잊혀요, 신경 쓰지 마세요.", true),
            ("지금 많이 놀라셨을 텐데 천천히 말씀하셔도 됩니다.", false),
            ("잊어버리신 물건 목록을 같이 정리해 볼까요?", false),
            ("걱정되시는 부분은 순찰 때 더 살피겠습니다.", false),
            ("울고 싶으시면 우셔도 돼요, 기다리겠습니다.", false),
            (
                "별일 아니라고 생각하지 않습니다. 충분히 걱정하실 만한 일입니다.",
                false,
            ),
            ("큰일 날 뻔하셨네요, 다치신 데는 없으세요?", false),
            ("화가 나시는 게 당연합니다.", false),
            (
                "그 마음 충분히 이해합니다. 제가 끝까지 확인하겠습니다.",
                false,
            ),
            ("그깟 일로 뭘 그렇게 우세요.", true),
            ("다른 분들은 더한 일도 겪어요.", true),
            ("운이 나빴다고 생각하시고 잊으세요.", true),
            ("이미 지난 일인데 어쩌겠어요.", true),
            ("너무 오버하시는 것 같아요.", true),
            ("화내 봤자 선생님만 손해예요.", true),
            ("그렇게 걱정하실 거 하나도 없어요.", true),
            ("겨우 그거 가지고 신고하셨어요?", true),
            ("감정 추스르시고 오세요.", true),
            ("그만 우시고 얘기하세요.", true),
            ("어른이시면 좀 참으셔야죠.", true),
            ("그런 거에 일일이 상처받으시면 안 돼요.", true),
            ("다 사람 사는 일이에요, 크게 생각하지 마세요.", true),
            ("많이 속상하셨겠어요. 천천히 말씀하셔도 됩니다.", false),
            (
                "별일 아니라고 넘길 일이 아닙니다. 제가 확인해 보겠습니다.",
                false,
            ),
            ("걱정되시는 마음 이해합니다. 순찰을 늘려 보겠습니다.", false),
            ("진정되시면 그때 이어서 말씀 나누겠습니다.", false),
            ("놀라신 게 당연합니다.", false),
            ("그 일로 얼마나 힘드셨을지 짐작이 갑니다.", false),
            ("뭘 그런 걸로 울고 그래요.", true),
            ("아 됐고요, 그래서 원하시는 게 뭐예요.", true),
            ("그 정도 일로 경찰까지 부르세요?", true),
            ("그렇게 흥분할 일 아니에요.", true),
            ("그기 뭐 대단한 일이라꼬.", true),
            ("너무 감정적으로 그러지 마시고요.", true),
            ("괜히 겁먹으실 필요 없어요.", true),
            ("다 잊어버리세요, 그게 편해요.", true),
            ("남들도 다 참고 살아요.", true),
            ("그 정도면 양호한 거예요.", true),
            (
                "\"별일 아니다\"라고 하는 분들도 있지만, 저는 그렇게 보지 않습니다.",
                false,
            ),
            ("우셔도 괜찮습니다. 천천히 하세요.", false),
            ("많이 무서우셨을 텐데 잘 참으셨어요.", false),
            ("감정이 정리되실 때까지 잠시 기다리겠습니다.", false),
            (
                "그 정도 다치신 것도 큰일입니다. 병원 진료 기록도 챙겨 두세요.",
                false,
            ),
            ("속상하신 마음 충분히 이해합니다.", false),
        ],
    );
}

/// Items on both sides of their boundaries, in sentences written for this pass.
#[test]
fn items_by_construction() {
    category(
        "explain_procedure",
        &[
            (
                "진술서를 쓰시고 나면 블랙박스 영상을 확인한 뒤 사건을 검찰로 보냅니다.",
                true,
            ),
            (
                "과실 비율은 경찰이 아니라 보험사끼리 협의해서 정합니다.",
                true,
            ),
            (
                "이의가 있으시면 통지를 받은 날부터 30일 안에 이의신청을 하실 수 있습니다.",
                true,
            ),
            ("조사가 끝나면 결과는 문자로 통지됩니다.", true),
            ("형사 절차와 보험 처리는 따로 진행돼요.", true),
            (
                "분실물은 접수하시면 유실물 센터에 등록되고, 찾으면 연락이 갑니다.",
                true,
            ),
            (
                "음주 측정 결과에 동의하지 않으시면 채혈을 요구하실 수 있어요.",
                true,
            ),
            (
                "사건은 담당 조사관에게 배당되고, 보통 2주 안에 출석 요청 연락을 드립니다.",
                true,
            ),
            (
                "순찰 요청은 대장에 적어서 다음 주 순찰 계획에 넣습니다.",
                true,
            ),
            (
                "cctv 는 보관 기간이 지나면 지워져서 먼저 보존 요청부터 합니다.",
                true,
            ),
            ("절차를 안내해 드리겠습니다.", false),
            ("블랙박스 있으세요?", false),
            ("처벌은 벌금 정도로 끝날 거예요.", false),
            ("출석 요구서 받으셨어요?", false),
            ("제가 내일 다시 확인해 보겠습니다.", false),
        ],
    );
    category(
        "empathy",
        &[
            ("얼마나 놀라셨어요.", true),
            ("그런 일을 당하시면 누구라도 화가 나죠.", true),
            ("밤새 걱정되셨겠네요.", true),
            ("답답하실 만해요.", true),
            ("저 같아도 속상했을 거예요.", true),
            ("많이 억울하셨겠습니다.", true),
            ("무서우셨겠어요, 혼자 계셨으니까요.", true),
            ("아이고, 정말 힘드셨겠다.", true),
            ("진정하세요.", false),
            ("이해는 하지만 규정상 안 됩니다.", false),
            ("억울하시면 이의신청 하세요.", false),
        ],
    );
    category(
        "acknowledge",
        &[
            ("네, 그러셨군요.", true),
            ("아, 그런 일이 있었군요.", true),
            ("네네, 계속 말씀하세요.", true),
            ("아이고, 그러셨어요.", true),
            ("네. 안녕히 가세요.", false),
            ("네, 신분증 주세요.", false),
        ],
    );
    category(
        "reassurance",
        &[
            ("제가 끝까지 챙기겠습니다.", true),
            ("결과 나오면 바로 전화드릴게요.", true),
            ("억울한 일 없도록 꼼꼼히 보겠습니다.", true),
            ("내일 오전 중에 연락 드리겠습니다.", true),
            ("순찰 돌 때 그 골목 더 자주 살펴볼게요.", true),
            ("무조건 처벌받게 해 드릴게요.", false),
            ("녹음하겠습니다.", false),
            ("지금부터 설명드리겠습니다.", false),
        ],
    );
    category(
        "paraphrase",
        &[
            (
                "정리하면, 신호 대기 중에 뒤에서 받히셨다는 말씀이시죠?",
                true,
            ),
            ("그러니까 밤마다 윗집에서 쿵쿵 소리가 난다는 거죠?", true),
            (
                "말씀하신 걸 보면 상대 차가 갑자기 끼어들었다는 거네요.",
                true,
            ),
            (
                "정리하면, 제가 내일 영상을 확인하고 연락드리겠습니다.",
                false,
            ),
        ],
    );
    category(
        "open_question",
        &[
            ("어떻게 된 일인지 처음부터 말씀해 주시겠어요?", true),
            ("무슨 일로 오셨어요?", true),
            ("요즘 동네에서 불안하신 점 있으세요?", true),
            ("그때 상황을 편하게 얘기해 주세요.", true),
            ("차 번호가 어떻게 되세요?", false),
            ("관리사무소에 말씀해 보세요.", false),
        ],
    );
}

/// A fourth batch in fresh wording for the four weakest violations, both sides (written after the
/// construction rules, then used to find the constructions they still missed).
#[test]
fn weak_violations_in_fresh_wording() {
    category(
        "taking_sides",
        &[
            ("솔직히 그 기사님 운전 습관이 문제죠.", true),
            (
                "보험사 말만 믿으시면 손해 보세요, 걔네는 원래 그래요.",
                true,
            ),
            ("가해 차량 운전자가 100% 책임져야 하는 사고네요.", true),
            ("저 집 개 주인이 관리를 안 한 거예요.", true),
            ("그 직원이 손님을 무시한 게 맞네요.", true),
            ("관리사무소가 엉터리로 일하니까 이런 일이 생기죠.", true),
            ("상대편 진술은 앞뒤가 안 맞아요, 거짓말하는 거예요.", true),
            ("딱 들어 보니 상대 운전자가 무리했네요.", true),
            (
                "상대방 차량이 먼저 진입했는지 영상으로 확인하겠습니다.",
                false,
            ),
            ("관리사무소에도 입장을 들어 보겠습니다.", false),
            ("그 직원분 말씀도 들어 봐야 공정합니다.", false),
            (
                "보험사 판단이 억울하시다면 이의 절차를 안내해 드릴게요.",
                false,
            ),
        ],
    );
    category(
        "blame",
        &[
            ("그건 사장님이 문을 안 잠그셔서 생긴 일이에요.", true),
            (
                "처음부터 제대로 말씀하셨으면 이렇게 복잡해지지 않았어요.",
                true,
            ),
            ("밤늦게 술 드시고 돌아다니시면 위험하죠, 당연히.", true),
            ("선생님 진술이 자꾸 바뀌시네요.", true),
            ("술 냄새가 나시는데요.", true),
            ("일부러 그러신 거 아니세요?", true),
            ("어머님이 애를 놓치셔서 그런 거예요.", true),
            ("선생님 진술과 영상을 맞춰 보고 판단하겠습니다.", false),
            (
                "혹시 그날 술을 드셨는지, 모든 운전자분께 여쭙는 겁니다.",
                false,
            ),
            ("문이 잠겨 있었는지 기억나시는 대로 말씀해 주세요.", false),
            ("선생님 잘못이 있다고 보고 여쭙는 게 아닙니다.", false),
        ],
    );
    category(
        "passing_buck",
        &[
            ("그건 저희 쪽에서 해 드릴 게 없어요.", true),
            ("민원실 가서 물어보세요.", true),
            ("그거는 제가 알 바가 아니고요.", true),
            ("저는 시키는 대로 할 뿐이에요.", true),
            ("그런 건 법으로 해결하셔야죠, 여기 오실 게 아니라.", true),
            ("오늘은 처리가 안 되니까 나중에 오세요.", true),
            ("그건 담당 형사 오면 물어보세요.", true),
            ("경찰은 민사 문제에 끼어들 수 없어요.", true),
            (
                "민원실은 1층이고, 제가 같이 내려가서 접수를 도와드리겠습니다.",
                false,
            ),
            (
                "오늘은 담당자가 없어서, 제가 메모를 남기고 내일 아침 담당자가 전화드리도록 하겠습니다.",
                false,
            ),
            (
                "민사 문제는 경찰이 결정할 수 없지만, 법률구조공단 상담 번호를 알려 드릴게요.",
                false,
            ),
            (
                "보험사에 제출하실 사고 사실 확인원은 제가 바로 떼어 드리겠습니다.",
                false,
            ),
        ],
    );
    category(
        "dismissive",
        &[
            ("그런 걸로 잠을 못 주무세요?", true),
            ("에이, 그 정도 가지고 무슨.", true),
            ("다 나이 드시면 그래요.", true),
            ("기분 탓일 거예요, 아무도 안 따라왔어요.", true),
            ("너무 오래 붙잡고 계시네요, 이제 그만 잊으세요.", true),
            ("그렇게 걱정만 하시면 아무것도 못 하세요.", true),
            ("어차피 다 지난 일인데 마음 쓰지 마세요.", true),
            ("그런 일은 매일 있어요, 특별한 거 아니에요.", true),
            ("잠을 못 주무실 정도로 힘드셨군요.", false),
            (
                "걱정되시는 게 당연해요. 제가 그 길 순찰을 늘리겠습니다.",
                false,
            ),
            ("지난 일이라도 마음이 쓰이시는 게 당연합니다.", false),
            ("그 정도면 충분히 신고하실 만한 일입니다.", false),
        ],
    );
}

/// The feeling verb in its -ㄹ form (화낼 일, 속상해할 일) and with a particle before 하다 (화는
/// 내실, 걱정은 … 안 하셔도): the same brushing-off as the plain forms; and a feeling called
/// natural is empathy. Near misses: the officer's own worry, a question about the feeling.
#[test]
fn feelings_brushed_off_in_other_forms_and_a_feeling_called_natural() {
    category(
        "dismissive",
        &[
            ("그렇게 화낼 일은 아니잖아요.", true),
            ("그게 그렇게 울 일이에요?", true),
            ("속상해할 일도 아니에요, 차만 좀 긁힌 거예요.", true),
            ("화는 내실 필요 없습니다.", true),
            ("걱정은 하나도 안 하셔도 돼요.", true),
            ("이런 걸로 서운해할 건 아니죠.", true),
            ("제가 걱정할 일은 없게 끝까지 챙기겠습니다.", false),
            ("어떤 점이 가장 걱정되시는지 말씀해 주시겠어요?", false),
            ("화가 나실 일이 맞습니다. 저라도 그랬을 거예요.", false),
        ],
    );
    category(
        "empathy",
        &[
            ("걱정되시는 게 당연합니다.", true),
            ("그런 일을 겪으셨으면 화가 나시는 게 당연하죠.", true),
            ("억울하신 건 당연합니다.", true),
            ("서류는 내일 오전까지 내시는 게 당연합니다.", false),
        ],
    );
}
