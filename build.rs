//! Embeds every file of `scenarios/` (the built-in pack, the default checklist and the lexicons)
//! in the binary, so that the app works from a single executable on an offline station PC.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            // Templates for new scenarios are embedded apart (TEMPLATES), not in the pack.
            if path.file_name().is_some_and(|n| n == "templates") {
                continue;
            }
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "ron") {
            out.push(path);
        }
    }
}

/// Appends `const_head: &[(&str, &str)] = &[...]` with each file as (path relative to the
/// crate, its contents), and asks to rerun when one changes.
fn embed(code: &mut String, const_head: &str, files: &[PathBuf], root: &Path) {
    let _ = writeln!(code, "{const_head}: &[(&str, &str)] = &[");
    for f in files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f
            .strip_prefix(root)
            .unwrap_or(f)
            .to_string_lossy()
            .replace('\\', "/");
        let _ = writeln!(
            code,
            "    ({rel:?}, include_str!({:?})),",
            f.display().to_string()
        );
    }
    code.push_str("];\n");
}

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let dir = root.join("scenarios");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=scenarios");
    let mut files = Vec::new();
    collect(&dir, &mut files);
    files.sort();
    let mut code = String::new();
    embed(
        &mut code,
        "/// The built-in files: (path relative to the crate, contents).\npub const FILES",
        &files,
        &root,
    );
    let mut templates = Vec::new();
    let tdir = dir.join("templates");
    if let Ok(entries) = fs::read_dir(&tdir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "ron") {
                templates.push(path);
            }
        }
    }
    templates.sort();
    embed(
        &mut code,
        "/// Templates for new scenarios (`scenarios/templates/`): (path, contents). Not part of the pack.\npub const TEMPLATES",
        &templates,
        &root,
    );
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    // A new file renamed into place, never rewritten in place: a hard-linked copy of the build
    // folder (a second worktree's warm cache) must not see this crate's paths.
    let tmp = out.with_extension("rs.tmp");
    fs::write(&tmp, code).expect("OUT_DIR is writable");
    fs::rename(&tmp, &out).expect("OUT_DIR is writable");
}
