//! Reports: Excel (sheets 세션, 항목, 위반, 대화 with Korean headers), CSV with a UTF-8 BOM (so
//! Excel shows Hangul), and a printable HTML scorecard per session with the Korean font beside
//! it.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use maud::{DOCTYPE, Markup, PreEscaped, html};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::stats::local_time;
use super::{Record, RecordsError, Status};
use crate::model::Phase;

/// The font the printed scorecard uses, written beside the HTML file.
pub const FONT_FILE: &str = "NanumSquareR.ttf";
const FONT: &[u8] = include_bytes!("../../assets/fonts/NanumSquareR.ttf");
const FONT_LICENCE_FILE: &str = "OFL-NanumSquare.txt";
const FONT_LICENCE: &[u8] = include_bytes!("../../assets/fonts/OFL-NanumSquare.txt");
/// Excel's limit on the text of one cell.
const CELL_MAX_CHARS: usize = 32_767;

fn export_error(path: &Path, reason: impl std::fmt::Display) -> RecordsError {
    RecordsError::Export {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

const SESSION_HEADERS: [&str; 23] = [
    "세션 ID",
    "교번",
    "이름",
    "시나리오",
    "제목",
    "모드",
    "시작",
    "종료",
    "소요(초)",
    "상태",
    "총점",
    "등급",
    "결과",
    "응답 수",
    "맞이",
    "경청",
    "공감",
    "설명",
    "평정",
    "마무리",
    "위반 수",
    "대응 단계 오류",
    "앱 버전",
];

/// A cell of a row: text made for it, text borrowed from the record, a number, or nothing.
enum Cell<'a> {
    Text(String),
    Str(&'a str),
    Number(f64),
    Empty,
}

fn session_row(r: &Record) -> Vec<Cell<'_>> {
    use Cell::{Empty, Number, Str, Text};
    let h = &r.header;
    let card = r.end.scorecard.as_ref();
    let mut row = vec![
        Text(h.id.to_string()),
        Str(&h.trainee.id),
        Str(&h.trainee.name),
        Str(&h.scenario),
        Str(&h.title),
        Str(h.mode.label()),
        Text(local_time(h.started_at)),
        Text(local_time(r.end.ended_at)),
        Number(r.end.duration_secs.round()),
        Text(
            match r.end.status {
                Status::Finished => "완료",
                Status::Abandoned => "중단",
            }
            .into(),
        ),
    ];
    match card {
        Some(c) => {
            row.push(Number(f64::from(c.total)));
            row.push(Str(c.grade.letter()));
            row.push(Str(&c.outcome_label));
        }
        None => row.extend([Empty, Empty, Empty]),
    }
    row.push(Number(r.turns.len() as f64));
    for phase in Phase::ALL {
        match card.and_then(|c| c.phases.iter().find(|p| p.phase == phase)) {
            Some(p) => row.push(Number((p.score * 100.0).round())),
            None => row.push(Empty),
        }
    }
    row.push(card.map_or(Empty, |c| Number(c.violations.len() as f64)));
    row.push(card.map_or(Empty, |c| Number(c.ladder.len() as f64)));
    row.push(Str(&h.app_version));
    row
}

fn clip(text: &str) -> &str {
    match text.char_indices().nth(CELL_MAX_CHARS) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// A sheet being filled row by row.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    row: u32,
}

impl<'a> Sheet<'a> {
    fn new(
        ws: &'a mut Worksheet,
        name: &str,
        headers: &[&str],
        bold: &Format,
    ) -> Result<Self, XlsxError> {
        ws.set_name(name)?;
        for (c, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, bold)?;
            ws.set_column_width(c as u16, 14)?;
        }
        ws.set_freeze_panes(1, 0)?;
        Ok(Sheet { ws, row: 1 })
    }

    fn push(&mut self, cells: &[Cell]) -> Result<(), XlsxError> {
        for (c, cell) in cells.iter().enumerate() {
            let col = c as u16;
            match cell {
                Cell::Text(s) => {
                    self.ws.write_string(self.row, col, clip(s))?;
                }
                Cell::Str(s) => {
                    self.ws.write_string(self.row, col, clip(s))?;
                }
                Cell::Number(n) => {
                    self.ws.write_number(self.row, col, *n)?;
                }
                Cell::Empty => {}
            }
        }
        self.row += 1;
        Ok(())
    }
}

/// Writes records to an Excel workbook: 세션, 항목, 위반, 대화.
pub fn write_xlsx(records: &[Record], path: &Path) -> Result<(), RecordsError> {
    xlsx(records, path).map_err(|e| export_error(path, e))
}

fn xlsx(records: &[Record], path: &Path) -> Result<(), XlsxError> {
    use Cell::{Empty, Number, Str, Text};
    let mut wb = Workbook::new();
    // Sheets written row by row keep only the current row in memory ("low memory": the
    // shared string table stays, so the file is no bigger), and zip level 3 instead of 6:
    // 10,000 sessions wrote in 1.3 s instead of 2.6 s for a file 13% bigger.
    wb.set_zip_compression_level(3);
    let bold = Format::new().set_bold();
    {
        let mut s = Sheet::new(
            wb.add_worksheet_with_low_memory()?,
            "세션",
            &SESSION_HEADERS,
            &bold,
        )?;
        for r in records {
            s.push(&session_row(r))?;
        }
    }
    {
        let headers = [
            "세션 ID",
            "교번",
            "시나리오",
            "항목 ID",
            "항목",
            "단계",
            "배점",
            "해당",
            "충족",
            "근거 응답",
            "근거 문장",
        ];
        let mut s = Sheet::new(wb.add_worksheet_with_low_memory()?, "항목", &headers, &bold)?;
        for r in records {
            let Some(card) = &r.end.scorecard else {
                continue;
            };
            let id = r.header.id.to_string();
            for i in &card.items {
                s.push(&[
                    Str(&id),
                    Str(&r.header.trainee.id),
                    Str(&r.header.scenario),
                    Str(&i.id),
                    Str(&i.title),
                    Str(i.phase.label()),
                    Number(f64::from(i.weight)),
                    Str(if i.applicable { "예" } else { "아니오" }),
                    Str(if i.met { "예" } else { "아니오" }),
                    i.evidence
                        .as_ref()
                        .map_or(Empty, |e| Number(f64::from(e.turn))),
                    i.evidence.as_ref().map_or(Empty, |e| Str(&e.text)),
                ])?;
            }
        }
    }
    {
        let headers = [
            "세션 ID",
            "교번",
            "시나리오",
            "위반 ID",
            "위반",
            "응답",
            "문장",
            "감점",
        ];
        let mut s = Sheet::new(wb.add_worksheet_with_low_memory()?, "위반", &headers, &bold)?;
        for r in records {
            let Some(card) = &r.end.scorecard else {
                continue;
            };
            let id = r.header.id.to_string();
            for v in &card.violations {
                s.push(&[
                    Str(&id),
                    Str(&r.header.trainee.id),
                    Str(&r.header.scenario),
                    Str(&v.id),
                    Str(&v.title),
                    Number(f64::from(v.turn)),
                    Str(&v.text),
                    Number(f64::from(v.penalty)),
                ])?;
            }
            for l in &card.ladder {
                s.push(&[
                    Str(&id),
                    Str(&r.header.trainee.id),
                    Str(&r.header.scenario),
                    Str(l.rung.id()),
                    Str(&l.problem),
                    Number(f64::from(l.turn)),
                    Str(&l.text),
                    Number(f64::from(l.penalty)),
                ])?;
            }
        }
    }
    {
        let headers = [
            "세션 ID",
            "교번",
            "시나리오",
            "응답",
            "화자",
            "말",
            "동작",
            "찾은 항목",
            "위반",
            "분노",
            "신뢰",
        ];
        let mut s = Sheet::new(wb.add_worksheet_with_low_memory()?, "대화", &headers, &bold)?;
        for r in records {
            let id = r.header.id.to_string();
            let base = |turn: f64, who: &'static str, text| line_start(&id, r, turn, who, text);
            s.push(&base(0.0, "민원인", &r.header.opening))?;
            for t in &r.turns {
                let mut row = base(f64::from(t.number), "교육생", &t.text);
                row.extend([
                    Text(t.actions.join(", ")),
                    Text(t.items.join(", ")),
                    Text(t.violations.join(", ")),
                    Number(f64::from(t.mood_after.anger)),
                    Number(f64::from(t.mood_after.trust)),
                ]);
                s.push(&row)?;
                s.push(&base(f64::from(t.number), "민원인", &t.reply))?;
            }
            if let Some(c) = &r.end.closing {
                s.push(&base(r.turns.len() as f64, "민원인", c))?;
            }
        }
    }
    wb.save(path)
}

/// The first cells of a line of the 대화 sheet.
fn line_start<'a>(
    id: &'a str,
    r: &'a Record,
    turn: f64,
    who: &'a str,
    text: &'a str,
) -> Vec<Cell<'a>> {
    vec![
        Cell::Str(id),
        Cell::Str(&r.header.trainee.id),
        Cell::Str(&r.header.scenario),
        Cell::Number(turn),
        Cell::Str(who),
        Cell::Str(text),
    ]
}

/// Writes the sessions table as CSV, UTF-8 with a byte-order mark so Excel reads Hangul.
pub fn write_csv(records: &[Record], path: &Path) -> Result<(), RecordsError> {
    let mut file = fs::File::create(path).map_err(|e| RecordsError::io(path, e))?;
    file.write_all("\u{feff}".as_bytes())
        .map_err(|e| RecordsError::io(path, e))?;
    let mut w = csv::Writer::from_writer(file);
    let fail = |e: csv::Error| export_error(path, e);
    w.write_record(SESSION_HEADERS).map_err(fail)?;
    for r in records {
        let fields: Vec<String> = session_row(r)
            .into_iter()
            .map(|c| match c {
                Cell::Text(s) => s,
                Cell::Str(s) => s.to_owned(),
                Cell::Number(n) => format!("{n}"),
                Cell::Empty => String::new(),
            })
            .collect();
        w.write_record(&fields).map_err(fail)?;
    }
    w.flush().map_err(|e| RecordsError::io(path, e))
}

const CSS: &str = r#"
@font-face { font-family: "NanumSquare minwon"; src: url("NanumSquareR.ttf") format("truetype"); }
@page { size: A4; margin: 15mm; }
body { font-family: "NanumSquare minwon", sans-serif; font-size: 10.5pt; color: #111; margin: 0; }
h1 { font-size: 16pt; margin: 0 0 4pt 0; }
h2 { font-size: 12pt; margin: 14pt 0 4pt 0; border-bottom: 1px solid #888; }
.meta { color: #333; margin: 0 0 8pt 0; }
.total { font-size: 22pt; font-weight: bold; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #bbb; padding: 3pt 4pt; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; word-break: break-all; white-space: pre-wrap; }
th { background: #eee; }
tr { break-inside: avoid; }
.who { width: 14%; } .num { width: 8%; }
.trainee td { background: #f6f9ff; }
"#;

/// The printable scorecard of one session: every bit of text escaped by the template.
pub fn html_scorecard(r: &Record) -> String {
    let h = &r.header;
    let card = r.end.scorecard.as_ref();
    let page: Markup = html! {
        (DOCTYPE)
        html lang="ko" {
            head {
                meta charset="utf-8";
                title { "점수표 — " (h.title) " — " (h.trainee.name) }
                style { (PreEscaped(CSS)) }
            }
            body {
                h1 { "민원 응대 훈련 점수표" }
                p.meta {
                    "교육생: " (h.trainee.name) " (" (h.trainee.id) ") · 시나리오: " (h.title)
                    " · " (h.mode.label()) " · 시작 " (local_time(h.started_at))
                    " · 소요 " (format!("{:.0}", r.end.duration_secs / 60.0)) "분"
                }
                @if let Some(c) = card {
                    p {
                        span.total { (c.total) "점" } " "
                        "등급 " (c.grade.letter()) " (" (c.grade_label) ") · 결과: " (c.outcome_label)
                    }
                    @if !c.outcome_summary.is_empty() { p { (c.outcome_summary) } }
                    h2 { "단계별 점수" }
                    table {
                        tr { @for p in &c.phases { th { (p.label) } } }
                        tr { @for p in &c.phases { td { (format!("{:.0}", p.score * 100.0)) } } }
                    }
                    h2 { "체크리스트" }
                    table {
                        tr { th { "항목" } th.num { "충족" } th { "근거 또는 모범 문장" } }
                        @for i in c.items.iter().filter(|i| i.applicable) {
                            tr {
                                td { (i.title) }
                                td.num { @if i.met { "○" } @else { "×" } }
                                td {
                                    @if let Some(e) = &i.evidence { (e.turn) "번: " (e.text) }
                                    @else { "예) " (i.model_phrase) }
                                }
                            }
                        }
                    }
                    @if !c.violations.is_empty() || !c.ladder.is_empty() {
                        h2 { "감점" }
                        table {
                            tr { th { "위반" } th.num { "응답" } th { "말" } th.num { "감점" } }
                            @for v in &c.violations {
                                tr { td { (v.title) } td.num { (v.turn) } td { (v.text) } td.num { (v.penalty) } }
                            }
                            @for l in &c.ladder {
                                tr { td { (l.problem) } td.num { (l.turn) } td { (l.text) } td.num { (l.penalty) } }
                            }
                        }
                    }
                    @if !c.tips.is_empty() {
                        h2 { "조언" }
                        ul { @for t in &c.tips { li { b { (t.title) } " — " (t.advice) " 예) " (t.phrase) } } }
                    }
                } @else {
                    p { "끝나지 않고 중단된 상담입니다 (점수 없음)." }
                }
                h2 { "대화" }
                table {
                    tr { th.who { "화자" } th { "말" } }
                    tr { td.who { "민원인" } td { (h.opening) } }
                    @for t in &r.turns {
                        tr.trainee {
                            td.who { "교육생 " (t.number) }
                            td {
                                @if !t.actions.is_empty() { "[" (t.actions.join("] [")) "] " }
                                (t.text)
                            }
                        }
                        tr { td.who { "민원인" } td { (t.reply) } }
                    }
                    @if let Some(c) = &r.end.closing { tr { td.who { "민원인" } td { (c) } } }
                }
                p.meta { "minwon " (h.app_version) " · 세션 " (h.id) }
            }
        }
    };
    page.into_string()
}

/// Writes the printable scorecard as `DIR/<session id>.html` with the font (and its licence)
/// beside it; returns the HTML file's path.
pub fn write_html(record: &Record, dir: &Path) -> Result<PathBuf, RecordsError> {
    let path = dir.join(format!("{}.html", record.header.id));
    write_html_as(record, &path)?;
    Ok(path)
}

/// Writes the printable scorecard to `path` with the font (and its licence) beside it, the
/// page atomically; errors say what to do.
pub fn write_html_as(record: &Record, path: &Path) -> Result<(), RecordsError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let fail = |e: std::io::Error| write_failure(path, e.kind(), &e.to_string());
    fs::create_dir_all(dir).map_err(fail)?;
    for (name, bytes) in [(FONT_FILE, FONT), (FONT_LICENCE_FILE, FONT_LICENCE)] {
        let p = dir.join(name);
        if fs::metadata(&p).map(|m| m.len()).ok() != Some(bytes.len() as u64) {
            fs::write(&p, bytes).map_err(fail)?;
        }
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".minwon-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(html_scorecard(record).as_bytes())
        .and_then(|()| tmp.flush())
        .map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// The folder exports go to unless the user picks another: `exports` inside the records folder
/// (the station's shared folder when there is one, so the instructor finds them on any PC;
/// listing reads only the folder's own files, never its subfolders).
pub const EXPORTS_FOLDER: &str = "exports";

/// The default folder for exports of the records in `records_dir`.
pub fn default_dir(records_dir: &Path) -> PathBuf {
    records_dir.join(EXPORTS_FOLDER)
}

/// A time-stamped file name, `{what}-{who}-{YYYYMMDD-HHMMSS}.{ext}` in local time (`who` left
/// out when empty), with the characters Windows refuses in a name replaced by `_`.
pub fn file_name(what: &str, who: &str, at: jiff::Timestamp, ext: &str) -> String {
    let stamp = at
        .to_zoned_datetime(jiff::tz::TimeZone::system())
        .strftime("%Y%m%d-%H%M%S")
        .to_string();
    let clean = |s: &str| -> String {
        s.trim()
            .chars()
            .map(|c| {
                if c.is_control() || r#"<>:"/\|?*"#.contains(c) {
                    '_'
                } else {
                    c
                }
            })
            .take(40)
            .collect()
    };
    let (what, who) = (clean(what), clean(who));
    if who.is_empty() {
        format!("{what}-{stamp}.{ext}")
    } else {
        format!("{what}-{who}-{stamp}.{ext}")
    }
}

/// `dir/name`, or `dir/<stem>-2.<ext>`, `-3`… when a file of that name is already there.
pub fn free_path(dir: &Path, name: &str) -> PathBuf {
    let first = dir.join(name);
    if !first.exists() {
        return first;
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) => (s, format!(".{e}")),
        None => (name, String::new()),
    };
    (2..)
        .map(|n| dir.join(format!("{stem}-{n}{ext}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// A table export: the workbook or the sessions as CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Xlsx,
    Csv,
}

impl Table {
    pub fn extension(self) -> &'static str {
        match self {
            Table::Xlsx => "xlsx",
            Table::Csv => "csv",
        }
    }
}

/// Why an export could not be written, in words that say what to do.
fn write_failure(path: &Path, kind: std::io::ErrorKind, detail: &str) -> RecordsError {
    use std::io::ErrorKind as K;
    let dir = path.parent().unwrap_or(path);
    let reason = match kind {
        K::PermissionDenied | K::ReadOnlyFilesystem => format!(
            "{}에 쓸 수 없습니다 (읽기 전용이거나 권한이 없습니다). '다른 곳에 저장…'으로 다른 폴더를 고르십시오",
            dir.display()
        ),
        K::StorageFull | K::QuotaExceeded => format!(
            "{}의 디스크가 가득 찼습니다. 공간을 비우거나 '다른 곳에 저장…'으로 다른 곳을 고르십시오",
            dir.display()
        ),
        K::NotFound => format!("폴더 {}를 찾을 수 없습니다", dir.display()),
        K::NotADirectory | K::AlreadyExists => format!(
            "{}에 쓸 수 없습니다: 그 이름의 파일이 있어 폴더로 쓸 수 없습니다. '다른 곳에 저장…'으로 다른 곳을 고르십시오",
            dir.display()
        ),
        _ => format!("파일을 쓸 수 없습니다 ({detail})"),
    };
    export_error(path, reason)
}

/// Writes `records` to `path` as a table, atomically (a temp file in the same folder, then a
/// rename), creating the folder; a failed export leaves no half-written file behind.
pub fn save_table(records: &[Record], table: Table, path: &Path) -> Result<(), RecordsError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| write_failure(path, e.kind(), &e.to_string()))?;
    let tmp = tempfile::Builder::new()
        .prefix(".minwon-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| write_failure(path, e.kind(), &e.to_string()))?;
    let written = match table {
        Table::Xlsx => xlsx(records, tmp.path()).map_err(|e| match e {
            XlsxError::IoError(io) => write_failure(path, io.kind(), &io.to_string()),
            other => export_error(path, other),
        }),
        Table::Csv => write_csv(records, tmp.path()).map_err(|e| match e {
            RecordsError::ReadOnly { source, .. }
            | RecordsError::Full { source, .. }
            | RecordsError::Io { source, .. } => {
                write_failure(path, source.kind(), &source.to_string())
            }
            other => other,
        }),
    };
    written?;
    tmp.persist(path)
        .map_err(|e| write_failure(path, e.error.kind(), &e.error.to_string()))?;
    Ok(())
}
