//! Speed of the records: listing and summarising 100,000 records for the dashboard, and the
//! Excel export of 10,000 sessions, on generated records on disk (a temp folder).
//! Run with `cargo bench --bench records`; figures are reported in the README.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::{SignedDuration, Timestamp};
use minwon::library::Library;
use minwon::model::Transcript;
use minwon::records::{Header, Line, Mode, RecordedTurn, Store, Trainee, export, stats};
use minwon::scoring::score;
use uuid::Uuid;

const DASHBOARD_RECORDS: usize = 100_000;
const EXPORT_SESSIONS: usize = 10_000;

/// Real finished records (every built-in scenario, its model and rude answers), as file text:
/// the templates the generated records are made from.
fn templates() -> Vec<String> {
    let lib = Library::builtin();
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::at(dir.path()).expect("store");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let mut out = Vec::new();
    for entry in &lib.scenarios {
        for answer in ["model.txt", "rude.txt"] {
            let Ok(text) = std::fs::read_to_string(root.join(&entry.scenario.id).join(answer))
            else {
                continue;
            };
            let mut s = entry.start(1);
            let trainee = Trainee {
                name: "교육생".into(),
                id: "T".into(),
            };
            let mut j = store.begin(Header::for_session(&s, trainee, Mode::Practice));
            for t in Transcript::parse(&text).expect("transcript").turns {
                if s.respond(t).is_none() {
                    break;
                }
                j.turn(&RecordedTurn::last_of(&s).expect("turn"))
                    .expect("journal");
            }
            if !s.is_over() {
                s.end_by_trainee();
            }
            j.finish(&score(&s), None).expect("finish");
            out.push(std::fs::read_to_string(store.record_path(j.header().id)).expect("record"));
        }
    }
    out
}

/// Writes `n` records made from the templates, each with its own id, trainee (200 of them),
/// start time and total.
fn generate(dir: &Path, n: usize, templates: &[String]) {
    let start = Timestamp::from_second(1_767_225_600).expect("2026-01-01");
    for i in 0..n {
        let text = &templates[i % templates.len()];
        let (first, rest) = text.split_once('\n').expect("header line");
        let Ok(Line::Header(mut h)) = serde_json::from_str::<Line>(first) else {
            panic!("template header");
        };
        h.id = Uuid::new_v4();
        h.trainee = Trainee {
            name: format!("교육생{:03}", i % 200),
            id: format!("T{:03}", i % 200),
        };
        h.started_at = start + SignedDuration::from_secs(i as i64 * 600);
        if let Some(s) = h.summary.as_mut() {
            s.total = s.total.map(|t| (t + (i as u32 * 7) % 30).min(100));
        }
        let line = serde_json::to_string(&Line::Header(h.clone())).expect("json");
        std::fs::write(
            dir.join(format!("{}.jsonl", h.id)),
            format!("{line}\n{rest}"),
        )
        .expect("write record");
    }
}

fn records(c: &mut Criterion) {
    let templates = templates();
    let big = tempfile::tempdir().expect("temp dir");
    generate(big.path(), DASHBOARD_RECORDS, &templates);
    let store = Store::at(big.path()).expect("store");

    let mut g = c.benchmark_group("records");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(10));
    let dashboard = |store: &Store| {
        let listing = store.list();
        assert_eq!(listing.records.len(), DASHBOARD_RECORDS);
        assert!(listing.problems.is_empty());
        let rows = stats::dashboard(&listing.records);
        let totals = stats::totals(&listing.records);
        assert_eq!(totals.sessions as usize, DASHBOARD_RECORDS);
        assert!(rows.len() >= 200, "a row per trainee and scenario at least");
        black_box((rows.len(), totals))
    };
    g.bench_function(
        "list and summarise 100,000 records for the dashboard (first open: every file read)",
        |b| b.iter(|| dashboard(&store)),
    );
    // What the app does: this PC's index of summaries, kept from the last open.
    let cache = tempfile::tempdir().expect("temp dir");
    let indexed = Store::at(big.path())
        .expect("store")
        .with_index(cache.path().join("records.idx"));
    dashboard(&indexed);
    g.bench_function(
        "list and summarise 100,000 records for the dashboard (this PC's index)",
        |b| b.iter(|| dashboard(&indexed)),
    );
    drop(big);

    let small = tempfile::tempdir().expect("temp dir");
    generate(small.path(), EXPORT_SESSIONS, &templates);
    let store = Store::at(small.path()).expect("store");
    let out = tempfile::tempdir().expect("temp dir");
    let xlsx = out.path().join("records.xlsx");
    let recs: Vec<_> = store
        .list()
        .records
        .iter()
        .map(|r| store.read(&r.path).expect("record"))
        .collect();
    g.bench_function("export 10,000 sessions already read to Excel", |b| {
        b.iter(|| {
            export::write_xlsx(&recs, &xlsx).expect("xlsx");
            black_box(std::fs::metadata(&xlsx).expect("written").len())
        })
    });
    drop(recs);
    g.bench_function("read 10,000 sessions and export them to Excel", |b| {
        b.iter(|| {
            // As the app does: the records listed, read in parallel.
            let listing = store.list();
            let paths: Vec<_> = listing.records.iter().map(|r| r.path.clone()).collect();
            let recs: Vec<_> = store
                .read_many(&paths)
                .into_iter()
                .map(|r| r.expect("record"))
                .collect();
            assert_eq!(recs.len(), EXPORT_SESSIONS);
            export::write_xlsx(&recs, &xlsx).expect("xlsx");
            black_box(std::fs::metadata(&xlsx).expect("written").len())
        })
    });
    g.finish();
}

criterion_group!(benches, records);
criterion_main!(benches);
