//! Starting points for a new scenario, one per kind of complainant (`scenarios/templates/`).
//! Embedded in the binary apart from the pack: they are never listed as built-in scenarios.

use std::path::Path;

use super::document::{Draft, free_name};

/// A template for a new scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    /// The file name without `.ron` (`furious-suspect`).
    pub name: &'static str,
    /// What kind of complainant it starts from, in Korean (the title in the file).
    pub title: &'static str,
    pub text: &'static str,
}

/// Every template, in file-name order.
pub fn templates() -> Vec<Template> {
    crate::library::template_files()
        .iter()
        .map(|(path, text)| Template {
            name: Path::new(path)
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or(path),
            title: title_of(text),
            text,
        })
        .collect()
}

/// The `title: "..."` of a template's text.
fn title_of(text: &'static str) -> &'static str {
    text.find("title: \"")
        .map(|i| &text[i + 8..])
        .and_then(|rest| rest.find('"').map(|j| &rest[..j]))
        .unwrap_or("")
}

/// A new scenario in `folder` from a template: `folder/<id>.ron` (or `-2` … when taken), with
/// the template's id replaced by `id`. Nothing is written until the draft is saved.
pub fn new_from_template(template: &Template, folder: &Path, id: &str) -> Draft {
    let old_id = template
        .text
        .find("id: \"")
        .map(|i| &template.text[i + 5..])
        .and_then(|rest| rest.find('"').map(|j| &rest[..j]))
        .unwrap_or("");
    let text = if old_id.is_empty() {
        template.text.to_owned()
    } else {
        template
            .text
            .replacen(&format!("id: \"{old_id}\""), &format!("id: \"{id}\""), 1)
    };
    Draft::create(&free_name(folder, id), &text)
}
