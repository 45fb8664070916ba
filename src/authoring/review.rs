//! Review outside the app: the complainant's lines and the scenario's model phrases to an Excel
//! workbook with a stable id per line, for a senior instructor to read and correct; and the
//! reviewed workbook back, applying only the lines that changed, each by replacing just its
//! string literal in the RON text.
//!
//! Line ids: `opening:2`, `stage:approach:calm:2`, `stage-stuck:approach:empathy:1`,
//! `stage-extra:approach:1:1`, `trigger:blame:1:3` (the first trigger on `blame`, its third
//! line), `fact:moved-car:1`, `fact-refuse:moved-car:1`, `ending:resolved:1`,
//! `stuck:farewell:1`, `phrase:empathy:1`. They name what a line belongs to, not its position in
//! the file, so they survive reordering and edits elsewhere.

use std::ops::Range;
use std::path::Path;

use super::document::DocError;
use super::ron_text::{self, Seg};
use crate::library::{Library, Problem};

/// One reviewable line of a scenario file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewLine {
    pub id: String,
    /// Korean: what kind of line (`단계 대사`, `반응`, `사실`, ...).
    pub kind: &'static str,
    /// Korean: where it belongs (`단계 approach · 진정`).
    pub context: String,
    pub text: String,
    /// The string literal in the file.
    pub range: Range<usize>,
}

fn value_at(walk: &ron_text::Walk, path: &[Seg]) -> String {
    walk.string_at(path)
        .map(|s| s.value.clone())
        .unwrap_or_default()
}

/// Every reviewable line of a scenario's text, in file order.
pub fn review_lines(text: &str) -> Vec<ReviewLine> {
    let walk = ron_text::walk(text);
    let f = |s: &str| Seg::Field(s.to_owned());
    let band_label = |b: &str| match b {
        "furious" => "격앙",
        "upset" => "흥분",
        "guarded" => "경계",
        "calm" => "진정",
        _ => "",
    };
    let mut out = Vec::new();
    for s in walk.strings.iter().filter(|s| !s.is_key) {
        use Seg::{Field as F, Index as I, Key as K};
        let p = s.path.as_slice();
        let line = |id: String, kind: &'static str, context: String| ReviewLine {
            id,
            kind,
            context,
            text: s.value.clone(),
            range: s.range.clone(),
        };
        let made = match p {
            [F(o), I(k)] if o == "opening" => {
                Some(line(format!("opening:{}", k + 1), "첫마디", String::new()))
            }
            [F(st), I(i), F(l), F(band), I(k)] if st == "stages" && l == "lines" => {
                let sid = value_at(&walk, &[f("stages"), I(*i), f("id")]);
                Some(line(
                    format!("stage:{sid}:{band}:{}", k + 1),
                    "단계 대사",
                    format!("단계 {sid} · {}", band_label(band)),
                ))
            }
            [F(st), I(i), F(stuck), K(key), I(k)] if st == "stages" && stuck == "stuck" => {
                let sid = value_at(&walk, &[f("stages"), I(*i), f("id")]);
                Some(line(
                    format!("stage-stuck:{sid}:{key}:{}", k + 1),
                    "멈춤 대사",
                    format!("단계 {sid} · {key}"),
                ))
            }
            [F(st), I(i), F(extra), I(n), F(l), I(k)]
                if st == "stages" && extra == "extra" && l == "lines" =>
            {
                let sid = value_at(&walk, &[f("stages"), I(*i), f("id")]);
                Some(line(
                    format!("stage-extra:{sid}:{}:{}", n + 1, k + 1),
                    "추가 대사",
                    format!("단계 {sid}"),
                ))
            }
            [F(t), I(i), F(l), I(k)] if t == "triggers" && l == "lines" => {
                let on = value_at(&walk, &[f("triggers"), I(*i), f("on")]);
                let nth = (0..*i)
                    .filter(|j| value_at(&walk, &[f("triggers"), I(*j), f("on")]) == on)
                    .count();
                Some(line(
                    format!("trigger:{on}:{}:{}", nth + 1, k + 1),
                    "반응",
                    format!("반응 {on}"),
                ))
            }
            [F(fa), I(i), F(l), I(k)] if fa == "facts" && (l == "lines" || l == "refuse") => {
                let fid = value_at(&walk, &[f("facts"), I(*i), f("id")]);
                let (prefix, kind) = if l == "lines" {
                    ("fact", "사실")
                } else {
                    ("fact-refuse", "사실 거절")
                };
                Some(line(
                    format!("{prefix}:{fid}:{}", k + 1),
                    kind,
                    format!("사실 {fid}"),
                ))
            }
            [F(e), I(i), F(l), I(k)] if e == "endings" && l == "lines" => {
                let eid = value_at(&walk, &[f("endings"), I(*i), f("id")]);
                Some(line(
                    format!("ending:{eid}:{}", k + 1),
                    "결말",
                    format!("결말 {eid}"),
                ))
            }
            [F(st), K(key), I(k)] if st == "stuck" => Some(line(
                format!("stuck:{key}:{}", k + 1),
                "멈춤 대사",
                key.clone(),
            )),
            [F(ph), K(key), I(k)] if ph == "phrases" => Some(line(
                format!("phrase:{key}:{}", k + 1),
                "모범 문장",
                key.clone(),
            )),
            _ => None,
        };
        out.extend(made);
    }
    out
}

const HEADERS: [&str; 5] = ["줄 id", "종류", "위치", "원문", "검토한 문장"];
const ID_COL: u16 = 0;
const TEXT_COL: u16 = 3;

fn xlsx_error(path: &str, e: impl std::fmt::Display) -> DocError {
    DocError::Write {
        path: path.to_owned(),
        reason: e.to_string(),
    }
}

/// The review workbook of a scenario's text, as bytes: one sheet `대사` with the columns
/// `줄 id`, `종류`, `위치`, `원문`, `검토한 문장` (empty, for the reviewer).
pub fn export_xlsx(text: &str) -> Result<Vec<u8>, DocError> {
    use rust_xlsxwriter::{Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| xlsx_error("xlsx", e);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("대사").map_err(err)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(err)?;
    }
    for (c, w) in [28.0, 12.0, 24.0, 60.0, 60.0].into_iter().enumerate() {
        sheet.set_column_width(c as u16, w).map_err(err)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    for (r, l) in review_lines(text).iter().enumerate() {
        let row = r as u32 + 1;
        sheet.write_string(row, ID_COL, &l.id).map_err(err)?;
        sheet.write_string(row, 1, l.kind).map_err(err)?;
        sheet.write_string(row, 2, &l.context).map_err(err)?;
        sheet
            .write_string_with_format(row, TEXT_COL, &l.text, &wrap)
            .map_err(err)?;
    }
    book.save_to_buffer().map_err(err)
}

/// Writes the review workbook of a scenario's text to `path`.
pub fn export_xlsx_file(text: &str, path: &Path) -> Result<(), DocError> {
    let bytes = export_xlsx(text)?;
    super::document::atomic_write(path, &bytes)
}

/// What importing a reviewed workbook would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportResult {
    /// The new text, when some line changed and the result validates.
    pub text: Option<String>,
    /// Ids of the lines changed.
    pub changed: Vec<String>,
    /// Ids in the workbook with a reviewed text that the file no longer has.
    pub not_found: Vec<String>,
    /// Errors of the new text: nothing is applied when there is one.
    pub problems: Vec<Problem>,
}

/// Why a workbook could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("엑셀 파일을 읽을 수 없습니다: {0}")]
    Read(String),
    #[error(
        "엑셀 파일에 '줄 id'와 '검토한 문장' 열이 없습니다 (내보낸 파일을 고쳐서 가져오십시오)"
    )]
    Columns,
}

/// Reads a reviewed workbook: `(line id, reviewed text)` for every row with a reviewed text.
pub fn read_reviewed(bytes: &[u8]) -> Result<Vec<(String, String)>, ImportError> {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| ImportError::Read(e.to_string()))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| ImportError::Read("시트가 없습니다".to_owned()))?
        .map_err(|e| ImportError::Read(e.to_string()))?;
    let cell = |d: &Data| match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .map(|r| r.iter().map(|d| cell(d).trim().to_owned()).collect())
        .unwrap_or_default();
    let col = |name: &str| header.iter().position(|h| h == name);
    let (Some(id_col), Some(rev_col)) = (col(HEADERS[0]), col(HEADERS[4])) else {
        return Err(ImportError::Columns);
    };
    Ok(rows
        .filter_map(|r| {
            let id = r.get(id_col).map(cell)?.trim().to_owned();
            let reviewed = r.get(rev_col).map(cell)?;
            (!id.is_empty() && !reviewed.trim().is_empty()).then_some((id, reviewed))
        })
        .collect())
}

/// Applies a reviewed workbook to a scenario's text: each line whose reviewed text differs is
/// replaced in its string literal (the rest of the file unchanged), and the result is validated
/// before it is offered. Reads `.xlsx` with `calamine`.
pub fn import_xlsx(
    library: &Library,
    text: &str,
    bytes: &[u8],
) -> Result<ImportResult, ImportError> {
    let reviewed = read_reviewed(bytes)?;
    let lines = review_lines(text);
    let mut edits: Vec<(Range<usize>, String, String)> = Vec::new();
    let mut not_found = Vec::new();
    for (id, new) in reviewed {
        match lines.iter().find(|l| l.id == id) {
            Some(l) if l.text != new => edits.push((l.range.clone(), ron_text::quote(&new), id)),
            Some(_) => {}
            None => not_found.push(id),
        }
    }
    let changed: Vec<String> = edits.iter().map(|e| e.2.clone()).collect();
    if edits.is_empty() {
        return Ok(ImportResult {
            text: None,
            changed,
            not_found,
            problems: Vec::new(),
        });
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.0.start));
    edits.dedup_by(|a, b| a.0 == b.0);
    let mut out = text.to_owned();
    for (range, lit, _) in &edits {
        out.replace_range(range.clone(), lit);
    }
    let v = super::validate(library, "review.ron", &out);
    let problems: Vec<Problem> = v.problems.into_iter().filter(Problem::is_error).collect();
    Ok(ImportResult {
        text: problems.is_empty().then_some(out),
        changed,
        not_found,
        problems,
    })
}
