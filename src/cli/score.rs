use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, anyhow};
use serde::Serialize;

use super::analyze::ids;
use crate::engine::{Reply, Session, TurnRecord};
use crate::library::{self, Library};
use crate::model::{Band, Mood, Transcript};
use crate::scoring::{self, Scorecard};

/// One exchange in `score --json`.
#[derive(Debug, Serialize)]
struct TurnJson<'a> {
    turn: u32,
    trainee: &'a str,
    actions: Vec<&'static str>,
    speech_level: &'static str,
    items: Vec<&'a str>,
    violations: Vec<&'a str>,
    stage: &'a str,
    mood: Mood,
    complainant: &'a str,
}

#[derive(Debug, Serialize)]
struct ScoreJson<'a> {
    #[serde(flatten)]
    card: &'a Scorecard,
    opening: &'a str,
    turns: Vec<TurnJson<'a>>,
    closing: Option<&'a str>,
}

/// Finds a scenario by id among the built-in ones, or loads it from a file.
pub fn open_scenario(arg: &str) -> anyhow::Result<(Library, String)> {
    let path = Path::new(arg);
    if path.is_file() {
        return Library::with_file(path).map_err(|problems| {
            let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
            anyhow!("시나리오 파일을 쓸 수 없습니다:\n{}", lines.join("\n"))
        });
    }
    let lib = Library::builtin();
    if lib.scenario(arg).is_some() {
        return Ok((lib, arg.to_owned()));
    }
    let known: Vec<&str> = lib
        .scenarios
        .iter()
        .map(|e| e.scenario.id.as_str())
        .collect();
    Err(anyhow!(
        "시나리오 \"{arg}\"가 없습니다 (내장 시나리오: {}; 또는 .ron 파일 경로)",
        known.join(", ")
    ))
}

/// Plays a transcript through a new session.
pub fn play(
    lib: &Library,
    id: &str,
    transcript: &Transcript,
    seed: u64,
) -> anyhow::Result<Session> {
    let entry = lib
        .scenario(id)
        .ok_or_else(|| anyhow!("시나리오 \"{id}\"가 없습니다"))?;
    let mut session = entry.start(seed);
    for turn in &transcript.turns {
        if session.respond(turn.clone()).is_none() {
            break;
        }
    }
    if !session.is_over() {
        session.end_by_trainee();
    }
    Ok(session)
}

pub fn run(
    scenario: &str,
    transcript_path: &Path,
    seed: u64,
    json: bool,
    practice: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let (lib, id) = open_scenario(scenario)?;
    let practice = match practice {
        Some(p) => Some(lib.practice(p).ok_or_else(|| {
            let known: Vec<&str> = lib.practices.iter().map(|p| p.id.as_str()).collect();
            anyhow!(
                "시책 \"{p}\"가 없습니다 (고를 수 있는 시책: {})",
                known.join(", ")
            )
        })?),
        None => None,
    };
    let bytes = library::read_limited(transcript_path).map_err(|p| anyhow!("{p}"))?;
    let shown = transcript_path.display().to_string();
    let text =
        String::from_utf8(bytes).map_err(|_| anyhow!("{shown}: UTF-8 텍스트 파일이 아닙니다"))?;
    let transcript = Transcript::parse(&text).map_err(|e| anyhow!("{shown}:{e}"))?;
    let session = play(&lib, &id, &transcript, seed).context("대화를 재생할 수 없습니다")?;
    let card = scoring::score_with(&session, practice);
    if json {
        let checklist = session.checklist();
        let turns = session
            .turns()
            .iter()
            .map(|t| {
                let (items, violations) = ids(&t.analysis, checklist);
                TurnJson {
                    turn: t.number,
                    trainee: &t.turn.text,
                    actions: t.turn.actions.iter().map(|a| a.id()).collect(),
                    speech_level: t.analysis.level.id(),
                    items,
                    violations,
                    stage: &session.scenario().stages[t.stage].id,
                    mood: t.mood_after,
                    complainant: &t.reply.text,
                }
            })
            .collect();
        let obj = ScoreJson {
            card: &card,
            opening: &session.opening().text,
            turns,
            closing: session.closing_reply().map(|r| r.text.as_str()),
        };
        println!("{}", serde_json::to_string(&obj)?);
    } else {
        print!("{}", render(&session, &card));
    }
    Ok(ExitCode::SUCCESS)
}

fn complainant_line(out: &mut String, reply: &Reply, mood: Mood) {
    let _ = writeln!(
        out,
        "    민원인 ({}, 분노 {} · 신뢰 {}): {}",
        Band::of(mood).label(),
        mood.anger,
        mood.trust,
        reply.text
    );
}

fn turn_lines(out: &mut String, session: &Session, t: &TurnRecord) {
    let checklist = session.checklist();
    let _ = writeln!(out, "{:>3} 조사관: {}", t.number, t.turn.to_line());
    let (items, violations) = ids(&t.analysis, checklist);
    let title = |id: &str| {
        checklist
            .item(id)
            .map(|i| i.title.clone())
            .or_else(|| checklist.violation(id).map(|v| v.title.clone()))
            .unwrap_or_else(|| id.to_owned())
    };
    let mut marks = Vec::new();
    marks.extend(items.iter().map(|i| format!("✓ {}", title(i))));
    marks.extend(violations.iter().map(|v| format!("✗ {}", title(v))));
    marks.extend(
        t.ladder_faults
            .iter()
            .map(|f| format!("✗ {}", f.describe(checklist))),
    );
    if !marks.is_empty() {
        let _ = writeln!(out, "      [{}]", marks.join(", "));
    }
    complainant_line(out, &t.reply, t.mood_after);
}

/// The conversation and the scorecard as text.
pub fn render(session: &Session, card: &Scorecard) -> String {
    let mut out = String::new();
    let s = session.scenario();
    let _ = writeln!(out, "== {} ({}) · seed {} ==", s.title, s.id, card.seed);
    complainant_line(&mut out, session.opening(), s.mood);
    for t in session.turns() {
        turn_lines(&mut out, session, t);
    }
    if let Some(r) = session.closing_reply() {
        let _ = writeln!(out, "    (상담 종료)");
        complainant_line(&mut out, r, session.mood());
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "== 점수표 ==");
    if let Some(p) = &card.practice {
        let mark = match (p.applicable, p.kept) {
            (false, _) => "해당 없음",
            (true, true) => "✓ 지킴",
            (true, false) => "✗ 놓침 (A 불가)",
        };
        let _ = writeln!(out, "우리 서 시책 — {}: {mark} · {}", p.title, p.why);
    }
    let _ = writeln!(
        out,
        "총점 {} / 100 ({} {}) · 결과: {}{}",
        card.total,
        card.grade,
        card.grade_label,
        card.outcome_label,
        if card.outcome_summary.is_empty() {
            String::new()
        } else {
            format!(" — {}", card.outcome_summary)
        }
    );
    // Whole points that add up, the same the app shows.
    let b = card.breakdown();
    let _ = writeln!(
        out,
        "항목 {:.0} · 깊이 {:.0} → {} − 감점 {} (벌점 {}){}",
        card.item_points,
        card.depth_points,
        b.earned,
        b.deducted,
        card.penalty_points,
        if card.cap < 100 {
            let by_practice = card
                .practice
                .as_ref()
                .is_some_and(|p| p.applicable && !p.kept)
                && card.cap == crate::practice::missed_cap();
            let what = if by_practice {
                "시책 상한"
            } else {
                "결과 상한"
            };
            format!(" · {what} {}", card.cap)
        } else {
            String::new()
        }
    );
    let bars: Vec<String> = card
        .phases
        .iter()
        .map(|p| format!("{} {:.0}%", p.label, p.score * 100.0))
        .collect();
    let _ = writeln!(out, "단계별: {}", bars.join(" · "));
    let _ = writeln!(out, "\n항목:");
    for i in &card.items {
        let mark = if !i.applicable {
            "  -"
        } else if i.met {
            "  ✓"
        } else {
            "  ✗"
        };
        let detail = match (&i.evidence, &i.mistimed) {
            _ if !i.applicable => "해당 없음".to_owned(),
            (Some(e), _) => format!("{}번째: \"{}\"", e.turn, e.text),
            (None, Some(e)) => format!("때가 맞지 않음 ({}번째) · 예: {}", e.turn, i.model_phrase),
            (None, None) => format!("예: {}", i.model_phrase),
        };
        let _ = writeln!(out, "{mark} {} ({}) — {detail}", i.title, i.weight);
    }
    if !card.violations.is_empty() || !card.ladder.is_empty() {
        let _ = writeln!(out, "\n감점:");
        for v in &card.violations {
            let _ = writeln!(
                out,
                "  −{} {} ({}번째): \"{}\"",
                v.penalty, v.title, v.turn, v.text
            );
        }
        for l in &card.ladder {
            let _ = writeln!(
                out,
                "  −{} {} ({}번째): \"{}\"",
                l.penalty, l.problem, l.turn, l.text
            );
        }
    }
    if !card.facts.is_empty() {
        let found = card.facts.iter().filter(|f| f.disclosed).count();
        let _ = writeln!(out, "\n파악한 사실 {found}/{}:", card.facts.len());
        for f in &card.facts {
            let _ = writeln!(out, "  {} {}", if f.disclosed { "✓" } else { "·" }, f.title);
        }
    }
    if !card.tips.is_empty() {
        let _ = writeln!(out, "\n조언:");
        for (n, t) in card.tips.iter().enumerate() {
            let _ = writeln!(out, "  {}. {} — {}", n + 1, t.title, t.advice);
            if !t.phrase.is_empty() {
                let _ = writeln!(out, "     예: \"{}\"", t.phrase);
            }
        }
    }
    out
}
