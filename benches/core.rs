//! Speed of the core: analysing one utterance, playing a 12-turn session, loading the built-in
//! pack, loading a big folder.
//! Run with `cargo bench --bench core`; figures are reported in the README.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use minwon::library::Library;
use minwon::model::{TraineeTurn, Transcript};
use minwon::scoring::{Scorecard, score};

/// The scenario of the session benchmark: it allows 18 turns, and these 12 answers (its model
/// answer) keep the complainant in the room until the farewell of the twelfth.
const SESSION_SCENARIO: &str = "drunk-driving-evidence";
const TWELVE_TURNS: &str = "\
[bow] [offer_seat] 안녕하십니까, 교통조사계 박정훈 조사관입니다. 어젯밤 ○○사거리 단속 건을 제가 맡고 있습니다. 기다리시게 해서 죄송합니다. 이쪽으로 앉으십시오.
네, 사람들 다 보는 사거리 한복판에서 단속을 받으셨으니 많이 창피하고 당황스러우셨겠습니다. 수치도 기준을 겨우 넘었다고 들으시면 억울한 마음이 드실 만합니다.
[offer_drink] 측정 기록과 영상을 어떻게 보실 수 있는지는 제가 빠짐없이 설명드리겠습니다. 그 전에 어젯밤 어떻게 된 일인지 처음부터 편하게 말씀해 주시겠습니까?
네, 그러셨군요. 정리하면, 저녁 여덟 시쯤 거래처 분과 식사하시면서 반주를 하셨고 세 시간쯤 지나 운전하셨는데 0.081이 나와서 납득이 안 되신다는 말씀이시죠? 혹시 현장에서 채혈 측정을 할 수 있다는 안내는 받으셨습니까?
솔직하게 말씀해 주셔서 감사합니다. 그 자리에서는 경황이 없으셨을 테니 그러실 수 있습니다. 어제 저녁에 드신 양과 마지막으로 드신 시각을 기억나시는 대로 말씀해 주시겠습니까?
네, 있는 그대로 말씀해 주셔서 고맙습니다. 이제 보시고 싶다고 하신 증거부터 설명드리겠습니다. 어젯밤 측정 시각과 수치, 선생님 서명이 든 측정 결과지가 있고 사본은 요청하시면 드립니다. 그 측정기의 검정 기록도 확인하실 수 있습니다.
단속 장면은 현장 경찰관의 바디캠에 녹화돼 있습니다. 영상과 수사서류는 정보공개청구나 열람 신청으로 보실 수 있고, 신청 방법은 제가 적어 드리겠습니다. 다만 채혈 측정은 측정 직후에 요구하셔야 해서, 알코올이 빠진 지금 채혈해서는 어젯밤 수치를 확인할 수 없습니다.
형사 절차는 다음 주 조사 때 진술을 들은 뒤 검찰로 송치하고, 처분은 검찰이 정합니다. 결과는 제가 미리 말씀드릴 수 없고 증거로만 정해집니다. 선생님이 수치에 이의를 제기하신 부분도 조서에 그대로 적고, 현장 채혈 안내가 어땠는지도 영상으로 꼼꼼히 확인하겠습니다.
지금 가장 걱정되시는 게 어떤 부분이십니까?
가족 생계가 걸려 있으니 얼마나 걱정되시겠습니까. 면허 취소 처분이 나오면 60일 안에 시·도경찰청 이의심의위원회에 이의신청을, 90일 안에 행정심판을 청구하실 수 있고, 임시운전증명서는 받으신 날부터 40일 동안 유효합니다. 생계형 감경 제도는 운전 경력과 예전 단속 이력도 보는데, 혹시 이전에 단속되신 적이 있으십니까?
말씀 감사합니다. 감경이 받아들여질지는 위원회가 판단하는 것이라 제가 약속드릴 수는 없지만, 신청 서류는 빠짐없이 안내해 드리겠습니다. 제 설명이 충분하셨습니까? 더 궁금하신 점 있으십니까?
[escort] 바쁘신 중에 와 주셔서 감사합니다. 다음 주에 뵙겠습니다. 조심히 들어가십시오.
";

fn fixture_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lost-wallet.ron")
}

fn analyse(c: &mut Criterion) {
    let lib = Library::builtin();
    let analyzer = lib.analyzer(lib.default_checklist().expect("default checklist"));
    let turn = TraineeTurn::parse(
        "[bow] 네, 그러셨군요. 오래 기다리시게 해서 죄송합니다. 먼저 진술서를 작성하시고 블랙박스 영상을 확인한 뒤 2주 안에 문자로 알려 드리겠습니다.",
    )
    .0;
    c.bench_function("analyse one utterance", |b| {
        b.iter(|| analyzer.analyze(black_box(&turn)))
    });
}

/// Plays the 12 turns and scores them; the number of turns really played.
fn play_twelve(entry: &minwon::library::Entry, transcript: &Transcript) -> (usize, Scorecard) {
    let mut s = entry.start(7);
    let mut played = 0;
    for t in &transcript.turns {
        if s.respond(t.clone()).is_some() {
            played += 1;
        }
    }
    (played, score(&s))
}

fn session(c: &mut Criterion) {
    let lib = Library::builtin();
    let entry = lib.scenario(SESSION_SCENARIO).expect("built-in scenario");
    let transcript = Transcript::parse(TWELVE_TURNS).expect("transcript");
    assert_eq!(transcript.turns.len(), 12);
    // Every turn is answered: none returns early because the session already ended.
    let (played, card) = play_twelve(entry, &transcript);
    assert_eq!(played, 12, "the session ended early ({})", card.outcome);
    assert_eq!(card.turn_count, 12);
    c.bench_function("play a 12-turn session and score it", |b| {
        b.iter(|| black_box(play_twelve(entry, black_box(&transcript))))
    });
}

fn pack(c: &mut Criterion) {
    let lib = Library::builtin();
    assert!(lib.failures.is_empty(), "{:?}", lib.failures);
    let files = minwon::library::builtin_files().len();
    let scenarios = lib.scenarios.len();
    assert!(scenarios >= 12, "{scenarios} scenarios");
    eprintln!(
        "built-in pack: {files} files, {scenarios} scenarios, {} checklists",
        lib.checklists.len()
    );
    c.bench_function("load and validate the built-in pack", |b| {
        b.iter(|| {
            let lib = Library::builtin();
            assert_eq!(lib.scenarios.len(), scenarios);
            lib
        })
    });
}

fn load(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(fixture_path()).expect("fixture");
    for i in 0..1000 {
        let copy = text.replacen("\"test-lost-wallet\"", &format!("\"bench-{i}\""), 1);
        std::fs::write(dir.path().join(format!("s{i:04}.ron")), copy).expect("write");
    }
    let folders = vec![dir.path().to_path_buf()];
    let mut group = c.benchmark_group("library");
    group.sample_size(10);
    group.bench_function("load and validate 1,000 scenario files", |b| {
        b.iter(|| {
            let lib = Library::load(black_box(&folders));
            assert!(lib.scenarios.len() > 1000);
            lib
        })
    });
    group.finish();
}

criterion_group!(benches, analyse, session, pack, load);
criterion_main!(benches);
