//! `minwon records list|export|sync` on the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SCENARIO: &str = "phone-angry-caller";

fn minwon() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_minwon"));
    c.env_remove("MINWON_RECORDS")
        .env_remove("MINWON_LRS_ENDPOINT");
    c
}

fn transcript(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/transcripts")
        .join(SCENARIO)
        .join(name)
}

fn play(dir: &Path, who: &str, answer: &str) {
    let out = minwon()
        .args([
            "records",
            "__play",
            "--scenario",
            SCENARIO,
            "--trainee",
            who,
        ])
        .arg("--transcript")
        .arg(transcript(answer))
        .arg("--dir")
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn list_filters_by_trainee_and_date_and_names_broken_files() {
    let dir = tempfile::tempdir().unwrap();
    play(dir.path(), "C100", "model.txt");
    play(dir.path(), "C200", "rude.txt");
    std::fs::write(dir.path().join("broken.jsonl"), b"{\"line\":\"hea").unwrap();

    let out = minwon()
        .args(["records", "list"])
        .env("MINWON_RECORDS", dir.path())
        .output()
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(stdout.contains("C100") && stdout.contains("C200"));
    assert!(stdout.contains(SCENARIO));
    assert!(stderr.contains("broken.jsonl"), "{stderr}");
    assert!(stderr.contains("읽지 못한 파일 1개"), "{stderr}");

    let out = minwon()
        .args(["records", "list", "--trainee", "C200", "--json"])
        .arg("--dir")
        .arg(dir.path())
        .output()
        .unwrap();
    let (stdout, _) = text(&out);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["trainee"]["id"], "C200");
    assert!(lines[0]["summary"]["total"].is_u64());

    let out = minwon()
        .args(["records", "list", "--since", "2999-01-01"])
        .arg("--dir")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(text(&out).0.lines().count(), 0);

    let out = minwon()
        .args(["records", "list", "--since", "어제"])
        .arg("--dir")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).1.contains("날짜"), "{}", text(&out).1);
}

#[test]
fn export_writes_each_format() {
    let dir = tempfile::tempdir().unwrap();
    play(dir.path(), "E1", "model.txt");
    play(dir.path(), "E2", "average.txt");
    let out_dir = tempfile::tempdir().unwrap();
    for (format, name) in [
        ("xlsx", "r.xlsx"),
        ("csv", "r.csv"),
        ("xapi", "r.json"),
        ("html", "html"),
    ] {
        let target = out_dir.path().join(name);
        let out = minwon()
            .args(["records", "export", "--format", format, "--trainee", "E2"])
            .arg("--out")
            .arg(&target)
            .arg("--dir")
            .arg(dir.path())
            .output()
            .unwrap();
        let (_, stderr) = text(&out);
        assert!(out.status.success(), "{format}: {stderr}");
        assert!(stderr.contains("세션 1개"), "{format}: {stderr}");
        assert!(target.exists(), "{format}");
    }
    assert_eq!(
        &std::fs::read(out_dir.path().join("r.xlsx")).unwrap()[..2],
        b"PK"
    );
    let csv = std::fs::read_to_string(out_dir.path().join("r.csv")).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert_eq!(csv.lines().count(), 2);
    assert!(csv.contains("E2") && !csv.contains("E1"));
    let statements: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.path().join("r.json")).unwrap())
            .unwrap();
    assert_eq!(statements.as_array().unwrap().len(), 2);
    let pages: Vec<_> = std::fs::read_dir(out_dir.path().join("html"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().into_string().unwrap())
        .collect();
    assert!(pages.iter().any(|p| p.ends_with(".html")), "{pages:?}");
    assert!(pages.iter().any(|p| p == "NanumSquareR.ttf"), "{pages:?}");

    let out = minwon()
        .args(["records", "export", "--format", "pdf", "--out", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn sync_without_an_lrs_keeps_the_statements_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    play(dir.path(), "S1", "model.txt");
    let out = minwon()
        .args(["records", "sync", "--endpoint", "http://127.0.0.1:9/xAPI/"])
        .arg("--dir")
        .arg(dir.path())
        .output()
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stdout.contains("새로 넣음 2"), "{stdout}");
    assert!(stderr.contains("outbox"), "{stderr}");
    let waiting = std::fs::read_dir(dir.path().join("outbox"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .count();
    assert_eq!(waiting, 2);

    let out = minwon()
        .args(["records", "sync"])
        .arg("--dir")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).1.contains("LRS 주소"), "{}", text(&out).1);
}
