//! A big scenario for the studio benchmarks (`benches/authoring.rs`, `benches/ui.rs`): a real
//! one of the pack with its stages repeated, every repeated line made unique so that it stays
//! valid.

use minwon::authoring::ron_text::{self, Seg};
use minwon::library::builtin_files;

const SOURCE: &str = "hit-and-run-swearing";

/// The pack scenario `SOURCE` with copies of its stages appended until the file has at least
/// `lines` lines; returns the text and its number of stages.
pub fn big_scenario(lines: usize) -> (String, usize) {
    let text = builtin_files()
        .iter()
        .find(|(p, _)| p.ends_with(&format!("{SOURCE}.ron")))
        .map(|(_, t)| *t)
        .expect("the source scenario is in the pack");
    let walk = ron_text::walk(text);
    let stages = walk
        .container_at(&[Seg::Field("stages".into())])
        .expect("a stages list");
    let mut elements: Vec<(usize, std::ops::Range<usize>)> = walk
        .containers
        .iter()
        .filter_map(|(p, r)| match p.as_slice() {
            [Seg::Field(f), Seg::Index(i)] if f == "stages" => Some((*i, r.clone())),
            _ => None,
        })
        .collect();
    elements.sort_by_key(|e| e.0);
    let original = elements.len();
    let copy = |n: usize| -> String {
        let mut out = Vec::new();
        for (i, range) in &elements {
            let mut edits: Vec<(std::ops::Range<usize>, String)> = walk
                .strings
                .iter()
                .filter(|s| {
                    !s.is_key
                        && s.range.start >= range.start
                        && s.range.end <= range.end
                        && s.path.len() > 2
                })
                .filter_map(|s| {
                    let field = match &s.path[2] {
                        Seg::Field(f) => f.as_str(),
                        _ => return None,
                    };
                    match field {
                        "id" => Some((s.range.clone(), format!("\"{}-c{n}\"", s.value))),
                        "lines" | "stuck" | "extra" => Some((
                            s.range.clone(),
                            ron_text::quote(&format!("{} ({n}-{i})", s.value)),
                        )),
                        _ => None,
                    }
                })
                .collect();
            edits.sort_by_key(|e| std::cmp::Reverse(e.0.start));
            let mut el = text[range.clone()].to_owned();
            for (r, new) in edits {
                el.replace_range(r.start - range.start..r.end - range.start, &new);
            }
            out.push(el);
        }
        out.join(",\n        ")
    };
    let insert_at = text[..stages.end - 1].trim_end().len();
    let mut big = text.to_owned();
    let mut added = Vec::new();
    let mut n = 0;
    while big.lines().count() < lines {
        n += 1;
        added.push(copy(n));
        big = format!(
            "{}{}\n        {}\n{}",
            &text[..insert_at],
            if text[..insert_at].ends_with(',') {
                ""
            } else {
                ","
            },
            added.join(",\n        "),
            &text[insert_at..]
        );
    }
    (big, original * (n + 1))
}
