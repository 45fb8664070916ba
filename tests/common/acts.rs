//! Checking what sentences show, by category (included with `#[path]` by tests/acts.rs and
//! tests/acts_categories.rs).

use minwon::analysis::Target;
use minwon::library::Library;
use minwon::model::TraineeTurn;

/// The ids a turn shows with a built-in checklist, items and violations together.
pub fn ids(lib: &Library, checklist: &str, text: &str) -> Vec<String> {
    let c = lib.checklist(checklist).expect("built-in checklist");
    let a = lib.analyzer(c).analyze(&TraineeTurn::parse(text).0);
    a.hits
        .iter()
        .filter_map(|h| match h.target {
            Target::Item(i) => Some(c.items[i].id.clone()),
            Target::Violation(v) => Some(c.violations[v].id.clone()),
            _ => None,
        })
        .collect()
}

/// Checks every `(sentence, shows)` pair of a category against a checklist.
#[track_caller]
pub fn category_in(checklist: &str, id: &str, cases: &[(&str, bool)]) {
    let lib = Library::builtin();
    let mut wrong = Vec::new();
    for &(text, shows) in cases {
        let found = ids(&lib, checklist, text);
        if found.iter().any(|x| x == id) != shows {
            wrong.push(format!(
                "{} {id}: {text:?} → {found:?}",
                if shows { "missed" } else { "false" }
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {}:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

#[track_caller]
pub fn category(id: &str, cases: &[(&str, bool)]) {
    category_in("default", id, cases);
}
