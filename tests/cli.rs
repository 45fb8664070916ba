//! The command-line contract (README.md, "명령줄 · Command line"), through the real binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_minwon"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("runs")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lost-wallet.ron")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Every problem line has the form PATH:LINE:COL: message.
fn problem_lines(o: &Output) -> Vec<(String, usize, usize, String)> {
    stdout(o)
        .lines()
        .map(|l| {
            let mut parts = l.rsplitn(2, ".ron:");
            let rest = parts.next().unwrap();
            let path = format!("{}.ron", parts.next().unwrap_or(""));
            let mut it = rest.splitn(3, ':');
            let line = it
                .next()
                .unwrap()
                .parse()
                .unwrap_or_else(|_| panic!("no line in {l}"));
            let col = it
                .next()
                .unwrap()
                .parse()
                .unwrap_or_else(|_| panic!("no col in {l}"));
            (path, line, col, it.next().unwrap().trim().to_owned())
        })
        .collect()
}

#[test]
fn check_builtin_pack_passes() {
    let o = run(&["check"]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(!stdout(&o).contains("오류"));
}

#[test]
fn check_a_good_file_and_the_scenarios_folder() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let o = run(&[
        "check",
        fixture().to_str().unwrap(),
        folder.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stdout(&o));
}

#[test]
fn check_reports_syntax_errors_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(fixture()).unwrap();
    // Drop the comma after the title line.
    let broken = good.replacen(
        "\"지갑 분실 민원 (시험용)\",",
        "\"지갑 분실 민원 (시험용)\"",
        1,
    );
    let p = write(dir.path(), "broken.ron", broken.as_bytes());
    let o = run(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let lines = problem_lines(&o);
    assert_eq!(lines.len(), 1, "{}", stdout(&o));
    let (path, line, _col, msg) = &lines[0];
    assert!(path.ends_with("broken.ron"));
    let expected_line = good.lines().position(|l| l.contains("summary:")).unwrap() + 1;
    assert_eq!(*line, expected_line, "{msg}");
    assert!(msg.contains("쉼표"), "{msg}");
}

#[test]
fn check_reports_wrong_types_and_unknown_fields_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(fixture()).unwrap();
    let p = write(
        dir.path(),
        "types.ron",
        good.replacen("max_turns: 8", "max_turns: \"여덟\"", 1)
            .as_bytes(),
    );
    let o = run(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let (_, line, col, msg) = problem_lines(&o).remove(0);
    let expected_line = good.lines().position(|l| l.contains("max_turns")).unwrap() + 1;
    assert_eq!(line, expected_line);
    assert!(col > 1);
    assert!(msg.contains("정수"), "{msg}");
    assert_eq!(
        col,
        good.lines().nth(line - 1).unwrap().find('8').unwrap() + 1
    );

    let p = write(
        dir.path(),
        "typo.ron",
        good.replacen("summary:", "sumary:", 1).as_bytes(),
    );
    let o = run(&["check", p.to_str().unwrap()]);
    let (_, _, _, msg) = problem_lines(&o).remove(0);
    assert!(
        msg.contains("알 수 없는 필드") && msg.contains("sumary"),
        "{msg}"
    );
}

#[test]
fn check_reports_references_to_missing_ids_where_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(fixture()).unwrap();
    let bad = good.replacen("(on: \"blame\"", "(on: \"blaem\"", 1);
    let p = write(dir.path(), "ref.ron", bad.as_bytes());
    let o = run(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let lines = problem_lines(&o);
    let (_, line, col, msg) = lines
        .iter()
        .find(|l| l.3.contains("blaem"))
        .expect("reported")
        .clone();
    let expected_line = bad.lines().position(|l| l.contains("\"blaem\"")).unwrap() + 1;
    assert_eq!(line, expected_line);
    let expected_col = bad
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("\"blaem\"")
        .map(|b| bad.lines().nth(line - 1).unwrap()[..b].chars().count() + 1)
        .unwrap();
    assert_eq!(col, expected_col);
    assert!(msg.contains("가능한 값"), "{msg}");
}

#[test]
fn check_refuses_empty_binary_nested_and_huge_files_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.ron", b"");
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let binary = write(dir.path(), "binary.ron", &garbage);
    let nested = write(
        dir.path(),
        "nested.ron",
        format!("Scenario({}{})", "[".repeat(100_000), "]".repeat(100_000)).as_bytes(),
    );
    let huge = dir.path().join("huge.ron");
    {
        let f = std::fs::File::create(&huge).unwrap();
        f.set_len(20 * 1024 * 1024).unwrap();
    }
    for (p, words) in [
        (&empty, "비어"),
        (&binary, "UTF-8"),
        (&nested, "nested.ron:1:"),
        (&huge, "너무 큽니다"),
    ] {
        let o = run(&["check", p.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{}: {}", p.display(), stdout(&o));
        let out = stdout(&o);
        assert!(out.contains(words), "{}: {out}", p.display());
        assert!(!String::from_utf8_lossy(&o.stderr).contains("panicked"));
    }
}

#[test]
fn check_accepts_a_bom_and_counts_columns_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(fixture()).unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(good.as_bytes());
    let p = write(dir.path(), "bom.ron", &bytes);
    assert!(run(&["check", p.to_str().unwrap()]).status.success());

    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(b"Scenario(\n  id: 7,\n)");
    let p = write(dir.path(), "bom-bad.ron", &bytes);
    let o = run(&["check", p.to_str().unwrap()]);
    let (_, line, col, _) = problem_lines(&o).remove(0);
    assert_eq!((line, col), (2, 7));
}

#[test]
fn check_a_folder_reports_each_broken_file_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture(), dir.path().join("good.ron")).unwrap();
    write(dir.path(), "bad.ron", b"Scenario(id: \"x\"");
    write(dir.path(), "notes.txt", b"not a scenario, ignored");
    let o = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let lines = problem_lines(&o);
    assert!(
        lines.iter().all(|l| l.0.ends_with("bad.ron")),
        "{}",
        stdout(&o)
    );
    assert!(!lines.is_empty());
}

#[test]
fn check_a_missing_path_is_an_error() {
    let o = run(&["check", "/nonexistent/minwon/x.ron"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("찾을 수 없습니다"));
}

#[test]
fn analyze_json_prints_one_object_per_line() {
    let input = "[bow] 안녕하십니까, 교통조사계 김민수 조사관입니다.\n거기 앉아. 도망가셨잖아요.\n\n네.\n죄송할 일은 아니죠.\n";
    let o = run_stdin(&["analyze", "--json"], input.as_bytes());
    assert!(o.status.success());
    let out = stdout(&o);
    let objs: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(objs.len(), 5);
    assert_eq!(
        objs[0]["text"],
        "[bow] 안녕하십니까, 교통조사계 김민수 조사관입니다."
    );
    assert_eq!(objs[0]["speech_level"], "formal");
    assert_eq!(
        objs[0]["items"],
        serde_json::json!(["greeting", "self_intro"])
    );
    assert_eq!(objs[0]["violations"], serde_json::json!([]));
    assert_eq!(objs[1]["speech_level"], "informal");
    assert_eq!(
        objs[1]["violations"],
        serde_json::json!(["blame", "informal_speech"])
    );
    assert_eq!(objs[2]["speech_level"], "neutral");
    assert_eq!(objs[3]["speech_level"], "neutral");
    assert_eq!(objs[4]["items"], serde_json::json!([]));
    for o in &objs {
        for key in ["items", "violations"] {
            let ids: Vec<&str> = o[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            let mut sorted = ids.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(ids, sorted);
        }
    }
}

#[test]
fn analyze_survives_invalid_utf8_and_crlf() {
    let o = run_stdin(
        &["analyze", "--json"],
        b"\xff\xfe\x00abc\r\n\xed\xa0\x80\r\n",
    );
    assert!(o.status.success());
    assert_eq!(stdout(&o).lines().count(), 2);
}

fn transcript(dir: &Path, text: &str) -> PathBuf {
    write(dir, "t.txt", text.as_bytes())
}

#[test]
fn score_json_has_the_contract_fields() {
    let dir = tempfile::tempdir().unwrap();
    let t = transcript(dir.path(), "# 시험\n[bow] 안녕하십니까.\n\n진정하세요.\n");
    let o = run(&[
        "score",
        "--scenario",
        fixture().to_str().unwrap(),
        "--transcript",
        t.to_str().unwrap(),
        "--seed",
        "3",
        "--json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["scenario"], "test-lost-wallet");
    let total = v["total"].as_u64().unwrap();
    assert!(total <= 100);
    assert!(v["grade"].is_string());
    assert_eq!(v["outcome"], "ended_by_trainee");
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 13);
    let greeting = items.iter().find(|i| i["id"] == "greeting").unwrap();
    assert_eq!(greeting["met"], true);
    assert_eq!(greeting["evidence"]["turn"], 1);
    let farewell = items.iter().find(|i| i["id"] == "farewell").unwrap();
    assert_eq!(farewell["met"], false);
    assert!(farewell["evidence"].is_null());
    let violations = v["violations"].as_array().unwrap();
    assert_eq!(violations.len(), 1);
    assert_eq!(violations[0]["id"], "dismissive");
    assert_eq!(violations[0]["turn"], 2);
    assert_eq!(violations[0]["text"], "진정하세요.");
    assert_eq!(v["turns"].as_array().unwrap().len(), 2);
    assert!(v["opening"].is_string());
}

#[test]
fn score_same_seed_same_output() {
    let dir = tempfile::tempdir().unwrap();
    let t = transcript(
        dir.path(),
        "[bow] 안녕하십니까.\n많이 놀라셨겠습니다.\n어디서 잃어버리셨습니까?\n",
    );
    let scenario = fixture();
    let args = [
        "score",
        "--scenario",
        scenario.to_str().unwrap(),
        "--transcript",
        t.to_str().unwrap(),
        "--seed",
        "9",
    ];
    let a = run(&args);
    let b = run(&args);
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
    assert!(stdout(&a).contains("점수표"));
}

#[test]
fn score_explains_bad_arguments() {
    let dir = tempfile::tempdir().unwrap();
    let t = transcript(dir.path(), "네.\n[wave] 안녕하십니까\n");
    let o = run(&[
        "score",
        "--scenario",
        fixture().to_str().unwrap(),
        "--transcript",
        t.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("t.txt:2:1") && err.contains("[wave]"), "{err}");

    let o = run(&[
        "score",
        "--scenario",
        "no-such-scenario",
        "--transcript",
        t.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no-such-scenario"));
}

#[test]
fn eval_prints_the_four_figures() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = "text\tlabel\n안녕하십니까, 어서 오십시오.\tformal\n밥 먹었어?\tinformal\n이쪽으로 앉으세요.\tformal\n거기 앉아.\tinformal\n";
    let p = write(dir.path(), "p.tsv", tsv.as_bytes());
    let o = run(&["eval", "--task", "politeness", p.to_str().unwrap()]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(
        out.contains("accuracy 1.000") && out.contains("precision 1.000"),
        "{out}"
    );
    assert!(
        out.contains("recall 1.000") && out.contains("f1 1.000"),
        "{out}"
    );

    let tsv = "text\tlabel\n이 씨발 뭐야\t1\n좋은 아침입니다\t0\n";
    let p = write(dir.path(), "q.tsv", tsv.as_bytes());
    let o = run(&["eval", "--task", "profanity", p.to_str().unwrap()]);
    assert!(stdout(&o).contains("accuracy 1.000"), "{}", stdout(&o));

    let p = write(dir.path(), "bad.tsv", b"foo\tbar\n1\t2\n");
    let o = run(&["eval", "--task", "profanity", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn analyze_with_a_scenario_lists_the_facts_asked() {
    let f = fixture();
    let o = run_stdin(
        &["analyze", "--json", "--scenario", f.to_str().unwrap()],
        "지갑은 어디서 잃어버리셨습니까?\n네.\n".as_bytes(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["facts"], serde_json::json!(["bus"]));
    assert!(
        lines[1].get("facts").is_none(),
        "no facts key when none is asked"
    );
    // The scenario's own cues count: 분실신고 is explain_procedure only in this scenario.
    let o = run_stdin(
        &["analyze", "--json", "--scenario", f.to_str().unwrap()],
        "분실신고 먼저 하시면 돼요.\n".as_bytes(),
    );
    let v: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert!(
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i == "explain_procedure"),
        "{v}"
    );
}

/// A folder with a link back to itself is read once: the walk neither loops nor reads a file
/// twice, and says which link it skipped.
#[cfg(unix)]
#[test]
fn check_survives_a_symlink_loop() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture(), dir.path().join("lost-wallet.ron")).unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::os::unix::fs::symlink(dir.path(), sub.join("back-to-top")).unwrap();
    std::os::unix::fs::symlink(&sub, sub.join("self")).unwrap();
    let o = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    assert_eq!(
        out.lines()
            .filter(|l| l.contains("바로 가기(링크)"))
            .count(),
        2,
        "{out}"
    );
    assert!(
        !out.contains("대신합니다"),
        "the scenario was read twice: {out}"
    );
}

#[test]
fn a_bad_window_size_is_refused_before_any_window_opens() {
    for bad in ["10x10", "wide", "1280"] {
        let o = run(&["--size", bad, "check"]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("--size"), "{err}");
        assert!(err.contains("1280x800"), "{err}");
    }
}

#[test]
fn eval_checklist_reports_per_id_figures_and_misses() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = "text\tspeech_level\titems\tviolations\tcontext\n\
        안녕하십니까, 교통조사계 김민수 조사관입니다.\tformal\tgreeting,self_intro\t\ttraffic\n\
        거기 앉아.\tinformal\t\tinformal_speech\tdesk\n\
        그냥 도망가신 거잖아요.\tformal\t\tblame\ttraffic\n\
        네.\tneutral\tapology\t\tdesk\n";
    let p = write(dir.path(), "c.tsv", tsv.as_bytes());
    let o = run(&[
        "eval",
        "--task",
        "checklist",
        "--errors",
        "5",
        p.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(out.contains("rows: 4"), "{out}");
    assert!(out.contains("speech accuracy 1.000"), "{out}");
    let line = |id: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with(id))
            .unwrap_or_else(|| panic!("no line for {id}: {out}"))
            .to_owned()
    };
    assert!(line("greeting").contains("f1 1.000"), "{out}");
    assert!(line("blame").contains("f1 1.000"), "{out}");
    // The labelled apology is not in "네.": a miss, listed with what was missed.
    assert!(line("apology").contains("fn 1"), "{out}");
    assert!(out.contains("missed apology\t네."), "{out}");
    assert!(out.contains("items macro-F1"), "{out}");

    // The split is fixed by the text: tune and holdout partition the rows.
    let count = |split: &str| {
        let o = run(&[
            "eval",
            "--task",
            "checklist",
            "--split",
            split,
            p.to_str().unwrap(),
        ]);
        let out = stdout(&o);
        out.split("rows: ")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or_else(|| panic!("{out}"))
    };
    assert_eq!(count("tune") + count("holdout"), 4);

    let p = write(
        dir.path(),
        "bad.tsv",
        b"text\tspeech_level\titems\tviolations\nx\tpolite\t\t\n",
    );
    let o = run(&["eval", "--task", "checklist", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
}

/// `--help` speaks Korean first, with English alongside, for the program and every command.
#[test]
fn help_is_in_korean_with_english_alongside() {
    let o = run(&["--help"]);
    assert!(o.status.success());
    let text = stdout(&o);
    for want in [
        "사용법 (Usage)",
        "명령 (Commands)",
        "옵션 (Options)",
        "도움말 (Print help)",
    ] {
        assert!(text.contains(want), "{want} missing in:\n{text}");
    }
    assert!(
        !text.contains("\nUsage:") && !text.contains("\nOptions:"),
        "{text}"
    );
    for command in ["check", "analyze", "score", "eval"] {
        let o = run(&[command, "--help"]);
        assert!(o.status.success(), "{command}");
        let text = stdout(&o);
        assert!(text.contains("사용법 (Usage)"), "{command}: {text}");
        assert!(text.contains("도움말 (Print help)"), "{command}: {text}");
        // Every line of description has Hangul.
        let first = text.lines().next().unwrap_or_default();
        assert!(
            first.chars().any(|c| ('가'..='힣').contains(&c)),
            "{command}: {first}"
        );
    }
    let o = run(&["--text-size", "3"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("0.8에서 1.6"));
}
