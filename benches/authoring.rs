//! Speed of the instructor's studio on a big file: revalidating a 3,000-line scenario on every
//! pause in typing (target ≤ 10 ms), colouring it (target well under 4 ms) and outlining it.
//! The big scenario is a real one of the pack with its stages repeated, every repeated line
//! made unique so that it stays valid. Run with `cargo bench --bench authoring`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use minwon::authoring::{self, Context};

#[path = "common/big.rs"]
mod big;
use big::big_scenario;

fn studio(c: &mut Criterion) {
    let ctx = Context::builtin();
    let (big, stages) = big_scenario(3_000);
    let lines = big.lines().count();
    assert!(lines >= 3_000, "{lines} lines");
    // The work named: the big file validates, with every stage parsed.
    let v = ctx.validate("big.ron", &big);
    assert!(
        !v.has_errors(),
        "{:?}",
        v.problems.iter().find(|p| p.is_error())
    );
    let entry = v.entry.expect("the big scenario is playable");
    assert_eq!(entry.scenario.stages.len(), stages);
    eprintln!("big scenario: {lines} lines, {stages} stages");

    c.bench_function("validate 3,000-line scenario", |b| {
        b.iter(|| {
            let v = ctx.validate("big.ron", black_box(&big));
            assert!(v.entry.is_some());
            v
        })
    });
    c.bench_function("highlight 3,000-line scenario", |b| {
        b.iter(|| {
            let t = authoring::highlight(black_box(&big));
            assert!(t.len() > lines);
            t
        })
    });
    c.bench_function("outline 3,000-line scenario", |b| {
        b.iter(|| {
            let o = authoring::outline(black_box(&big));
            assert!(o.len() >= stages);
            o
        })
    });
}

criterion_group!(benches, studio);
criterion_main!(benches);
