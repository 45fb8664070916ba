//! CPU cost of one frame of the role-play screen with a 200-message conversation, measured
//! through egui_kittest (layout and tessellation, no GPU). Run with `cargo bench --bench ui`.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use minwon::app::{Mode, Roleplay, style};
use minwon::engine::{CompiledScenario, Session};
use minwon::library::Library;
use minwon::model::TraineeTurn;

const LINES: [&str; 4] = [
    "네, 그러셨군요. 계속 말씀하십시오.",
    "그때 상황을 조금 더 자세히 말씀해 주시겠습니까?",
    "많이 답답하셨겠습니다. 제가 끝까지 듣겠습니다.",
    "정리하면, 신호가 바뀐 뒤에 상대 차가 들어왔다는 말씀이시죠?",
];

fn long_session() -> Roleplay {
    let lib = Library::builtin();
    let entry = lib
        .scenario("victim-family-delay")
        .expect("built-in scenario");
    let mut scenario = (*entry.scenario).clone();
    scenario.max_turns = 200;
    let mut session = Session::new(
        Arc::new(
            CompiledScenario::compile(Arc::new(scenario), entry.checklist.clone(), &entry.analyzer)
                .expect("compiles"),
        ),
        3,
    );
    for i in 0..100 {
        session.respond(TraineeTurn::new(LINES[i % LINES.len()]));
    }
    assert_eq!(
        session.turns().len(),
        100,
        "the complainant stayed for 100 turns"
    );
    Roleplay::new(session, Mode::Practice)
}

fn frame(c: &mut Criterion) {
    let mut roleplay = long_session();
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(|ctx| {
            style::install_fonts(ctx);
            style::apply(ctx, &Default::default());
        })
        .build_ui(move |ui| {
            black_box(roleplay.ui(ui));
        });
    harness.run_steps(5);
    c.bench_function("role-play frame, 200 messages", |b| {
        b.iter(|| harness.step())
    });
}

criterion_group!(benches, frame);
criterion_main!(benches);
