//! Speed of the core: analysing one utterance, playing a whole session, loading a big pack.
//! Run with `cargo bench --bench core`; figures are reported in the README.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use minwon::engine::Session;
use minwon::library::Library;
use minwon::model::{TraineeTurn, Transcript};
use minwon::scoring::score;

const TWELVE_TURNS: &str = "\
[bow] [offer_seat] 안녕하십니까, 지구대 김민수 경장입니다. 이쪽으로 앉으십시오.
네, 그러셨군요. 지갑을 잃어버리셔서 많이 놀라셨겠습니다.
어떻게 된 일인지 말씀해 주시겠습니까?
마지막으로 지갑을 꺼내신 게 어디서였습니까?
버스에서 꺼내신 게 마지막이라는 말씀이시죠?
지갑 안에 소중한 물건이 있었습니까?
오래 기다리시게 해서 죄송합니다.
카드 정지는 하셨습니까?
분실 신고를 접수하고 버스 회사 습득물 센터에도 꼼꼼히 확인해 보겠습니다.
찾으면 문자로 알려 드리겠습니다.
더 궁금하신 점 있으십니까?
[escort] 와 주셔서 감사합니다. 조심히 들어가십시오.
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

fn session(c: &mut Criterion) {
    let (lib, id) = Library::with_file(&fixture_path()).expect("fixture");
    let entry = lib.scenario(&id).expect("loaded");
    let transcript = Transcript::parse(TWELVE_TURNS).expect("transcript");
    assert_eq!(transcript.turns.len(), 12);
    c.bench_function("play a 12-turn session and score it", |b| {
        b.iter(|| {
            let mut s = Session::start(entry, 7);
            for t in &transcript.turns {
                s.respond(t.clone());
            }
            black_box(score(&s))
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

criterion_group!(benches, analyse, session, load);
criterion_main!(benches);
