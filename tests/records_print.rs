//! The printable scorecard in a real browser: headless Chromium prints it to PDF, and the PDF
//! has a sensible number of pages and the Korean text, hostile input included, as text.
//!
//! Skipped with a message when `chromium` or poppler's `pdfinfo`/`pdftotext` are missing,
//! unless `MINWON_REQUIRE_BROWSER` is set (`.ci/run` sets it after installing them).

use std::process::Command;

use minwon::library::Library;
use minwon::model::TraineeTurn;
use minwon::records::{Header, Mode, RecordedTurn, Store, Trainee, export};
use minwon::scoring::score;

fn tool(name: &str) -> bool {
    Command::new(name)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success() || !o.stdout.is_empty() || !o.stderr.is_empty())
}

fn browser() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| tool(b))
}

#[test]
fn the_printed_scorecard_keeps_korean_and_hostile_text_as_text() {
    let (Some(chrome), true, true) = (browser(), tool("pdfinfo"), tool("pdftotext")) else {
        if std::env::var_os("MINWON_REQUIRE_BROWSER").is_some() {
            panic!("MINWON_REQUIRE_BROWSER is set but chromium, pdfinfo or pdftotext is missing");
        }
        println!("SKIPPED: chromium and poppler-utils (pdfinfo, pdftotext) are needed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(&dir.path().join("records")).unwrap();
    let lib = Library::builtin();
    let entry = lib.scenario("hit-and-run-swearing").unwrap();
    let mut s = entry.start(4);
    let trainee = Trainee {
        name: "김<b>민수</b>".into(),
        id: "A-7".into(),
    };
    let mut j = store.begin(Header::for_session(&s, trainee, Mode::Evaluation));
    let long = "끝없이이어지는한국어문장".repeat(120);
    let turns = [
        "[bow] 안녕하십니까, 교통조사계 김민수 경사입니다. 이쪽으로 앉으십시오.".to_owned(),
        "<script>document.body.innerHTML='망가짐'</script> \"큰따옴표\" '작은따옴표' & 기호"
            .to_owned(),
        long.clone(),
        "많이 놀라셨겠습니다. 어떻게 된 일인지 말씀해 주시겠습니까?".to_owned(),
    ];
    for t in &turns {
        s.respond(TraineeTurn::parse(t).0);
        j.turn(&RecordedTurn::last_of(&s).unwrap()).unwrap();
    }
    s.end_by_trainee();
    let card = score(&s);
    j.finish(&card, None).unwrap();
    let record = store.read(&store.record_path(j.header().id)).unwrap();
    let out = dir.path().join("print");
    let html = export::write_html(&record, &out).unwrap();
    let pdf = out.join("scorecard.pdf");

    let status = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            "--allow-file-access-from-files",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(
        pdf.is_file(),
        "no PDF: {}",
        String::from_utf8_lossy(&status.stderr)
    );

    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|p| p.trim().parse().ok())
        .expect("page count");
    assert!((1..=8).contains(&pages), "{pages} pages");

    let text = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for want in [
        "민원응대훈련점수표",
        "김<b>민수</b>",
        "<script>document.body.innerHTML='망가짐'</script>",
        "\"큰따옴표\"",
        "교통조사계김민수경사입니다",
        &format!("{}점", card.total),
        "체크리스트",
    ] {
        assert!(flat.contains(want), "{want:?} not in the PDF text:\n{text}");
    }
    // The very long line wraps onto the page and is all there.
    assert!(
        flat.matches("끝없이이어지는한국어문장").count() >= 120,
        "long line cut:\n{text}"
    );
    assert!(!flat.contains("망가짐망가짐"), "the script did not run");
}
