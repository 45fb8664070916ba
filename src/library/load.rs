//! Reading one data file: size limit, UTF-8, BOM, file kind, RON with errors in plain words.

use std::fmt;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::model::lexicon::{ActLexicon, CueGuards};
use crate::model::validate::Severity;
use crate::model::{Checklist, ProfanityLexicon, Scenario, SpeechLexicon};
use crate::practice::PracticeSet;
use crate::station::StationSettings;

/// Files larger than this are refused: no scenario needs more, and a huge file is a mistake.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// Nesting deeper than this is refused before it can exhaust the stack.
const RECURSION_LIMIT: usize = 64;

/// A problem in a data file, at a place in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub col: usize,
    pub severity: Severity,
    pub message: String,
}

impl Problem {
    pub fn error(path: &str, line: usize, col: usize, message: impl Into<String>) -> Problem {
        Problem {
            path: path.to_owned(),
            line,
            col,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "오류",
            Severity::Warning => "경고",
        };
        write!(
            f,
            "{}:{}:{}: {label}: {}",
            self.path, self.line, self.col, self.message
        )
    }
}

/// What a data file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Checklist,
    Scenario,
    SpeechLexicon,
    ProfanityLexicon,
    CueGuards,
    Acts,
    Practices,
    Station,
}

impl Kind {
    const ALL: [(Kind, &'static str); 8] = [
        (Kind::Checklist, "Checklist"),
        (Kind::Scenario, "Scenario"),
        (Kind::SpeechLexicon, "SpeechLexicon"),
        (Kind::ProfanityLexicon, "ProfanityLexicon"),
        (Kind::CueGuards, "CueGuards"),
        (Kind::Acts, "ActLexicon"),
        (Kind::Practices, "Practices"),
        (Kind::Station, "StationSettings"),
    ];
}

/// A parsed data file.
#[derive(Debug, Clone)]
pub enum Document {
    Checklist(Checklist),
    Scenario(Box<Scenario>),
    SpeechLexicon(SpeechLexicon),
    ProfanityLexicon(ProfanityLexicon),
    CueGuards(CueGuards),
    Acts(ActLexicon),
    /// Signature practices a station can choose (`scenarios/practices.ron`).
    Practices(PracticeSet),
    /// A station's settings (`station.ron`), which may sit in the station's scenario folder.
    Station(StationSettings),
}

/// Line and column (1-based, in characters) of a byte offset.
pub fn line_col(text: &str, byte: usize) -> (usize, usize) {
    let byte = byte.min(text.len());
    let before = &text[..text.floor_char_boundary(byte)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The place of the `occurrence`-th (0-based) appearance of `needle`, or of the first one when
/// there are fewer, or 1:1.
pub fn locate(text: &str, needle: &str, occurrence: usize) -> (usize, usize) {
    let hits: Vec<usize> = text
        .match_indices(needle)
        .map(|(i, _)| i)
        .take(occurrence + 1)
        .collect();
    match hits.get(occurrence).or(hits.first()) {
        Some(&i) => line_col(text, i),
        None => (1, 1),
    }
}

/// Decodes a file's bytes: refuses non-UTF-8 with the place of the first bad byte; drops a BOM.
pub fn decode<'a>(path: &str, bytes: &'a [u8]) -> Result<&'a str, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            // The valid prefix is UTF-8 by definition.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let (line, col) = line_col(prefix, prefix.len());
            Err(Problem::error(
                path,
                line,
                col,
                "UTF-8 텍스트 파일이 아닙니다 (깨진 글자나 이진 데이터가 있습니다). 메모장에서 'UTF-8'로 다시 저장하십시오",
            ))
        }
    }
}

/// Skips whitespace, comments and `#![...]` attributes; returns the rest.
fn skip_trivia(mut s: &str) -> &str {
    loop {
        let t = s.trim_start();
        if let Some(rest) = t.strip_prefix("//") {
            s = rest.find('\n').map_or("", |i| &rest[i..]);
        } else if let Some(rest) = t.strip_prefix("/*") {
            s = rest.find("*/").map_or("", |i| &rest[i + 2..]);
        } else if t.starts_with("#![") {
            s = t.find(']').map_or("", |i| &t[i + 1..]);
        } else {
            return t;
        }
    }
}

/// Decides what the file holds from its first word (`Scenario(`, `Checklist(` ...), or from its
/// name when it starts with a bare `(`.
pub fn kind_of(path: &str, text: &str) -> Result<Kind, Problem> {
    let body = skip_trivia(text);
    let ident: String = body
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if ident.is_empty() {
        if body.is_empty() {
            return Err(Problem::error(path, 1, 1, "파일이 비어 있습니다"));
        }
        let name = Path::new(path)
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        return Ok(if name.starts_with("checklist") {
            Kind::Checklist
        } else if name == crate::station::FILE_NAME {
            Kind::Station
        } else {
            Kind::Scenario
        });
    }
    Kind::ALL
        .iter()
        .find(|(_, name)| *name == ident)
        .map(|(k, _)| *k)
        .ok_or_else(|| {
            let (line, col) = line_col(text, text.len() - body.len());
            Problem::error(
                path,
                line,
                col,
                format!(
                    "파일 종류를 알 수 없습니다: `{ident}`로 시작합니다 (Scenario( 또는 Checklist( 로 시작해야 합니다)"
                ),
            )
        })
}

/// RON places some errors on the blank before the offending value; point at the value itself.
fn skip_blank(text: &str, line: usize, col: usize) -> (usize, usize) {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let Some(start) = text[line_start..]
        .char_indices()
        .nth(col - 1)
        .map(|(i, _)| line_start + i)
    else {
        return (line, col);
    };
    match text[start..].find(|c: char| !c.is_whitespace()) {
        Some(0) | None => (line, col),
        Some(skip) => line_col(text, start + skip),
    }
}

fn parse<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, Problem> {
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    options.from_str::<T>(text).map_err(|e| {
        let (line, col) = skip_blank(text, e.span.start.line.max(1), e.span.start.col.max(1));
        Problem::error(path, line, col, describe(&e.code))
    })
}

/// Parses a data file of any kind.
pub fn parse_document(path: &str, bytes: &[u8]) -> Result<(Document, String), Problem> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(path, bytes.len() as u64));
    }
    let text = decode(path, bytes)?;
    let doc = match kind_of(path, text)? {
        Kind::Checklist => Document::Checklist(parse(path, text)?),
        Kind::Scenario => Document::Scenario(Box::new(parse(path, text)?)),
        Kind::SpeechLexicon => Document::SpeechLexicon(parse(path, text)?),
        Kind::ProfanityLexicon => Document::ProfanityLexicon(parse(path, text)?),
        Kind::CueGuards => Document::CueGuards(parse(path, text)?),
        Kind::Acts => Document::Acts(parse(path, text)?),
        Kind::Practices => Document::Practices(parse(path, text)?),
        Kind::Station => Document::Station(parse(path, text)?),
    };
    Ok((doc, text.to_owned()))
}

pub fn too_big(path: &str, size: u64) -> Problem {
    Problem::error(
        path,
        1,
        1,
        format!(
            "파일이 너무 큽니다 ({:.1} MB). 시나리오 파일은 {} MB까지 읽습니다",
            size as f64 / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        ),
    )
}

fn list(names: &[&str]) -> String {
    if names.is_empty() {
        "(없음)".to_owned()
    } else {
        names.join(", ")
    }
}

fn outer(o: &Option<String>) -> String {
    o.as_ref().map(|o| format!("{o}의 ")).unwrap_or_default()
}

/// A RON error in words an instructor understands.
pub fn describe(e: &ron::Error) -> String {
    use ron::Error as E;
    match e {
        E::Eof => {
            "파일이 중간에 끝났습니다. 닫는 괄호 `)` 나 `]` 가 빠지지 않았는지 보십시오".into()
        }
        E::ExpectedArray => "여기에는 `[` 로 시작하는 목록이 와야 합니다".into(),
        E::ExpectedArrayEnd => {
            "목록을 닫는 `]` 가 와야 합니다 (쉼표나 따옴표가 빠졌을 수 있습니다)".into()
        }
        E::ExpectedComma => "쉼표 `,` 가 빠졌습니다".into(),
        E::ExpectedBoolean => "true 또는 false 가 와야 합니다".into(),
        E::ExpectedInteger => "정수가 와야 합니다".into(),
        E::IntegerOutOfBounds => "숫자가 허용 범위를 벗어났습니다".into(),
        E::ExpectedFloat => "숫자가 와야 합니다".into(),
        E::ExpectedString => "큰따옴표로 감싼 글 \"...\" 이 와야 합니다".into(),
        E::ExpectedStringEnd => "글을 닫는 큰따옴표 `\"` 가 빠졌습니다".into(),
        E::ExpectedOption => "Some(...) 또는 None 이 와야 합니다".into(),
        E::ExpectedOptionEnd => "Some(...)을 닫는 `)` 가 빠졌습니다".into(),
        E::ExpectedMap => {
            "여기에는 `{` 로 시작하는 표가 와야 합니다 (예: { \"empathy\": 10 })".into()
        }
        E::ExpectedMapColon => "표의 키 뒤에 `:` 가 빠졌습니다".into(),
        E::ExpectedMapEnd => "표를 닫는 `}` 가 와야 합니다".into(),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => {
            "여기에는 `(` 로 시작하는 묶음이 와야 합니다".into()
        }
        E::ExpectedStructLikeEnd => {
            "묶음을 닫는 `)` 가 와야 합니다 (쉼표가 빠졌거나 괄호가 남았을 수 있습니다)".into()
        }
        E::ExpectedDifferentStructName { expected, found } => {
            format!("여기에는 {expected}(...)가 와야 하는데 {found}(...)가 있습니다")
        }
        E::ExpectedIdentifier => "필드 이름이 와야 합니다 (예: title:)".into(),
        E::ExpectedUnit => "() 가 와야 합니다".into(),
        E::InvalidEscape(what) => format!("잘못된 이스케이프 문자입니다 ({what})"),
        E::UnclosedBlockComment => "주석 /* 가 */ 로 닫히지 않았습니다".into(),
        E::UnclosedLineComment => "주석이 닫히지 않았습니다".into(),
        E::UnexpectedChar(c) => format!("여기에 올 수 없는 문자 {c:?} 가 있습니다"),
        E::TrailingCharacters => {
            "파일 끝에 남는 내용이 있습니다 (닫는 괄호가 하나 더 있거나 내용이 두 번 들어 있습니다)"
                .into()
        }
        E::InvalidValueForType { expected, found } => {
            format!(
                "값의 종류가 맞지 않습니다: {} 대신 {found} 이(가) 있습니다",
                korean_type(expected)
            )
        }
        E::ExpectedDifferentLength { expected, found } => {
            format!("개수가 맞지 않습니다: {expected} 이(가) 와야 하는데 {found}개가 있습니다")
        }
        E::NoSuchEnumVariant {
            expected,
            found,
            outer: o,
        } => format!(
            "{}\"{found}\"는 쓸 수 없는 값입니다 (가능한 값: {})",
            outer(o),
            list(expected)
        ),
        E::NoSuchStructField {
            expected,
            found,
            outer: o,
        } => format!(
            "{}알 수 없는 필드 \"{found}\"입니다 (쓸 수 있는 필드: {})",
            outer(o),
            list(expected)
        ),
        E::MissingStructField { field, outer: o } => {
            format!("{}필수 필드 \"{field}\"가 빠졌습니다", outer(o))
        }
        E::DuplicateStructField { field, outer: o } => {
            format!("{}필드 \"{field}\"가 두 번 있습니다", outer(o))
        }
        E::ExceededRecursionLimit => {
            format!("괄호가 너무 깊게 중첩되어 있습니다 ({RECURSION_LIMIT}단계 초과)")
        }
        E::Utf8Error(_) => "UTF-8 텍스트가 아닙니다".into(),
        E::Message(m) => format!("내용 오류: {m}"),
        other => format!("형식 오류: {other}"),
    }
}

fn korean_type(expected: &str) -> String {
    let e = expected.to_lowercase();
    if e.contains("string") {
        format!("글(\"...\") ({expected})")
    } else if e.contains("integer") || e.contains("u32") || e.contains("i32") {
        format!("숫자 ({expected})")
    } else if e.contains("sequence") {
        format!("목록 [...] ({expected})")
    } else {
        expected.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars() {
        let t = "가나\n다라마";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, "가나\n다".len()), (2, 2));
        // A byte in the middle of a character maps to its start.
        assert_eq!(line_col(t, 1), (1, 1));
    }

    #[test]
    fn kind_is_read_from_the_first_word() {
        assert_eq!(
            kind_of("x.ron", "// 주석\n/* 또 */ Scenario(").unwrap(),
            Kind::Scenario
        );
        assert_eq!(
            kind_of("checklist-outreach.ron", "(").unwrap(),
            Kind::Checklist
        );
        let e = kind_of("x.ron", "\n  Foo(").unwrap_err();
        assert_eq!((e.line, e.col), (2, 3));
        assert!(e.message.contains("Foo"));
        assert!(
            kind_of("x.ron", "  // 주석만\n")
                .unwrap_err()
                .message
                .contains("비어")
        );
    }

    #[test]
    fn invalid_utf8_is_placed() {
        let bytes = b"Scenario(\n  id: \"\xff\"";
        let e = decode("x.ron", bytes).unwrap_err();
        assert_eq!((e.line, e.col), (2, 8));
    }

    #[test]
    fn errors_point_at_the_value_not_the_blank_before_it() {
        let t = "Scenario(\n  id:   7,\n)";
        assert_eq!(skip_blank(t, 2, 6), (2, 9));
        assert_eq!(skip_blank(t, 2, 3), (2, 3));
        assert_eq!(skip_blank(t, 9, 1), (9, 1));
    }

    #[test]
    fn bom_is_dropped() {
        assert_eq!(decode("x", b"\xEF\xBB\xBFabc").unwrap(), "abc");
    }

    #[test]
    fn locate_finds_nth_occurrence() {
        let t = "a \"x\"\nb \"x\"";
        assert_eq!(locate(t, "\"x\"", 1), (2, 3));
        assert_eq!(locate(t, "\"x\"", 5), (1, 3));
        assert_eq!(locate(t, "nope", 0), (1, 1));
    }
}
