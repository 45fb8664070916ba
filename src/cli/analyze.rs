use std::io::{BufRead, Write};
use std::process::ExitCode;

use anyhow::{Context, bail};
use serde::Serialize;

use crate::analysis::{Analysis, Target};
use crate::library::Library;
use crate::model::{Checklist, TraineeTurn};

/// One line of `analyze --json`.
#[derive(Debug, Serialize)]
pub struct AnalyzeLine<'a> {
    pub text: &'a str,
    pub speech_level: &'static str,
    pub items: Vec<&'a str>,
    pub violations: Vec<&'a str>,
    /// With `--scenario`: the facts the utterance asks for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<&'a str>,
}

/// The ids of the items and violations of an analysis, each sorted and without duplicates.
pub fn ids<'a>(analysis: &Analysis, checklist: &'a Checklist) -> (Vec<&'a str>, Vec<&'a str>) {
    let mut items: Vec<&str> = Vec::new();
    let mut violations: Vec<&str> = Vec::new();
    for h in &analysis.hits {
        let list = match h.target {
            Target::Item(_) => &mut items,
            Target::Violation(_) => &mut violations,
            _ => continue,
        };
        list.extend(h.target.id(checklist));
    }
    items.sort_unstable();
    items.dedup();
    violations.sort_unstable();
    violations.dedup();
    (items, violations)
}

pub fn run(json: bool, checklist_arg: &str, scenario: Option<&str>) -> anyhow::Result<ExitCode> {
    let (library, scenario_id) = match scenario {
        Some(arg) => {
            let (lib, id) = super::score::open_scenario(arg)?;
            (lib, Some(id))
        }
        None => (Library::builtin(), None),
    };
    let (checklist, analyzer, facts) =
        match scenario_id.as_deref().and_then(|id| library.scenario(id)) {
            Some(entry) => (
                entry.checklist.clone(),
                std::sync::Arc::new(entry.compiled.analyzer().clone()),
                entry.scenario.facts.iter().map(|f| f.id.clone()).collect(),
            ),
            None => {
                let Some(checklist) = library.checklist(checklist_arg).cloned() else {
                    bail!(
                        "체크리스트 \"{checklist_arg}\"를 찾을 수 없습니다 (있는 체크리스트: {})",
                        library
                            .checklists
                            .iter()
                            .map(|c| c.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                };
                let analyzer = library.analyzer(&checklist);
                (checklist, analyzer, Vec::new())
            }
        };
    let stdin = std::io::stdin();
    if std::io::IsTerminal::is_terminal(&stdin) {
        // At a terminal nothing else says the command is waiting for input.
        eprintln!(
            "분석할 문장을 한 줄에 하나씩 입력하십시오. 끝내려면 Ctrl+D (Windows: Ctrl+Z, Enter).\n(Type one utterance per line; Ctrl+D ends.)"
        );
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut reader = stdin.lock();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .context("표준 입력을 읽을 수 없습니다")?;
        if n == 0 {
            break;
        }
        let line = String::from_utf8_lossy(&buf);
        let line = line.trim_end_matches(['\n', '\r']);
        let (turn, _) = TraineeTurn::parse(line);
        let analysis = analyzer.analyze(&turn);
        let (items, violations) = ids(&analysis, &checklist);
        let asked: Vec<&str> = analysis
            .facts()
            .map(|f| facts[f].as_str())
            .collect::<Vec<&str>>();
        if json {
            let obj = AnalyzeLine {
                text: line,
                speech_level: analysis.level.id(),
                items,
                violations,
                facts: asked,
            };
            serde_json::to_writer(&mut out, &obj)?;
            writeln!(out)?;
        } else {
            let list = |v: &[&str]| {
                if v.is_empty() {
                    "-".to_owned()
                } else {
                    v.join(", ")
                }
            };
            writeln!(
                out,
                "{line}\n  말투: {}  항목: {}  위반: {}{}",
                analysis.level.label(),
                list(&items),
                list(&violations),
                if asked.is_empty() {
                    String::new()
                } else {
                    format!("  사실: {}", asked.join(", "))
                },
            )?;
            // Why: each finding with the cue or rule that made it and the sentence it came from.
            for h in &analysis.hits {
                let id = match h.target {
                    Target::Fact(f) => facts.get(f).map_or("fact", String::as_str),
                    other => other.id(&checklist).unwrap_or("?"),
                };
                writeln!(out, "    {id} ← {} 「{}」", h.cue, h.quote)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
