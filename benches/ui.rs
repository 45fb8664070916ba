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

#[path = "common/big.rs"]
mod big;
use big::big_scenario;

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

/// A 1280×800 window with the app's fonts and style, drawing `ui` every step.
fn harness(ui: impl FnMut(&mut egui::Ui) + 'static) -> Harness<'static> {
    Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(|ctx| {
            style::install_fonts(ctx);
            style::apply(ctx, &Default::default());
        })
        .build_ui(ui)
}

fn frame(c: &mut Criterion) {
    let mut roleplay = long_session();
    let mut harness = harness(move |ui| {
        black_box(roleplay.ui(ui));
    });
    harness.run_steps(5);
    c.bench_function("role-play frame, 200 messages", |b| {
        b.iter(|| harness.step())
    });
}

/// 100,000 finished records in memory (the listing the dashboard is made from), 500 trainees
/// on 21 scenarios.
fn listing(n: usize) -> minwon::records::Listing {
    let lib = Library::builtin();
    let ids: Vec<(String, String)> = lib
        .scenarios
        .iter()
        .map(|e| (e.scenario.id.clone(), e.scenario.title.clone()))
        .collect();
    let session = lib.scenarios[0].start(1);
    let header = minwon::records::Header::for_session(
        &session,
        minwon::records::Trainee {
            name: "훈련생".into(),
            id: "T0".into(),
        },
        minwon::records::Mode::Practice,
    );
    let mut value = serde_json::to_value(&header).unwrap();
    value["summary"] = serde_json::json!({
        "status": "finished", "ended_at": "2026-11-30T10:00:00Z", "duration_secs": 300.0,
        "turns": 10, "total": 75, "grade": "C", "outcome": "resolved", "phases": [],
        "met": ["greeting"], "missed": ["empathy"], "violations": {"blame": 1}, "ladder_faults": 0
    });
    let base: minwon::records::Header = serde_json::from_value(value).unwrap();
    let records = (0..n)
        .map(|i| {
            let mut h = base.clone();
            h.trainee.id = format!("T{:04}", i % 500);
            h.trainee.name = format!("훈련생{}", i % 500);
            let (id, title) = &ids[i % ids.len()];
            h.scenario = id.clone();
            h.title = title.clone();
            if let Some(s) = h.summary.as_mut() {
                s.total = Some((i % 101) as u32);
            }
            minwon::records::Listed {
                path: std::path::PathBuf::from(format!("{i}.jsonl")),
                header: h,
            }
        })
        .collect();
    minwon::records::Listing {
        records,
        problems: Vec::new(),
    }
}

fn dashboard(c: &mut Criterion) {
    let records = listing(100_000);
    c.bench_function("dashboard rows from 100,000 records", |b| {
        b.iter(|| {
            let view = minwon::app::DashboardView::new(records.clone(), String::new());
            assert_eq!(view.shown().len(), 500 * 21, "trainee × scenario rows");
            black_box(view)
        })
    });
    let mut view = minwon::app::DashboardView::new(records, String::new());
    let mut harness = harness(move |ui| {
        black_box(view.ui(ui));
    });
    harness.run_steps(5);
    c.bench_function("dashboard frame, 10,500 rows from 100,000 records", |b| {
        b.iter(|| harness.step())
    });
}

/// A frame of the studio with a 3,000-line scenario open: the editor (colouring, line numbers,
/// the rows on screen), the problems list and the toolbar. The text is settled first: the
/// frame measured is the one an instructor reading or scrolling the file pays.
fn studio(c: &mut Criterion) {
    let (text, _) = big_scenario(3_000);
    let lines = text.lines().count();
    let dir = tempfile::tempdir().expect("temp dir");
    let open = |name: &str| {
        let draft = minwon::authoring::Draft::create(&dir.path().join(name), &text);
        minwon::app::StudioView::new(
            draft,
            minwon::authoring::Context::builtin(),
            "bench".into(),
            dir.path().to_path_buf(),
        )
    };
    let mut view = open("big.ron");
    // The work named: the big file is checked and playable, and the editor holds all of it.
    assert!(!view.validation().has_errors());
    assert_eq!(view.editor.text.lines().count(), lines);
    // As the app runs it: a plain egui context (accessibility output is built only while a
    // screen reader is connected), layout plus tessellation.
    let ctx = egui::Context::default();
    style::install_fonts(&ctx);
    style::apply(&ctx, &Default::default());
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    };
    let mut frame = move || {
        let out = ctx.run_ui(input(), |ui| {
            black_box(view.ui(ui));
        });
        let meshes = ctx.tessellate(out.shapes, out.pixels_per_point);
        assert!(!meshes.is_empty(), "the frame drew the editor");
        meshes.len()
    };
    for _ in 0..5 {
        frame();
    }
    c.bench_function(&format!("studio frame, {lines}-line scenario"), |b| {
        b.iter(|| black_box(frame()))
    });
    // Through egui_kittest, which always builds the accessibility tree: what a frame costs
    // with a screen reader connected (egui describes every row of the text to it).
    let mut view = open("big2.ron");
    let mut harness = harness(move |ui| {
        black_box(view.ui(ui));
    });
    harness.run_steps(5);
    c.bench_function(
        &format!("studio frame with accessibility tree, {lines}-line scenario"),
        |b| b.iter(|| harness.step()),
    );
}

criterion_group!(benches, frame, dashboard, studio);
criterion_main!(benches);
