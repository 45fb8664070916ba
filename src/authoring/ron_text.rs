//! RON text as the editor sees it: a lenient tokenizer (for colouring) and a walk that gives
//! every string literal its place in the document (`stages[1].lines.calm[2]`), so the studio
//! can find, outline and rewrite single strings of a file without touching the rest of it.
//! Both work on broken files: they never fail, they do what they can.

use std::ops::Range;

/// What a span of RON text is, for colouring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// `// ...` or `/* ... */`.
    Comment,
    /// `"..."` (also unterminated, to the end of the line) or `r#"..."#`.
    Str,
    /// `12`, `-4`, `0.5`.
    Number,
    /// A field name (an identifier followed by `:`).
    Field,
    /// Any other identifier: `Scenario`, `Some`, `Hard`, `true`.
    Ident,
    /// `( ) [ ] { } : ,` and anything else.
    Punct,
}

/// A span of the text (byte offsets) and what it is. Whitespace is not a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub range: Range<usize>,
}

/// Splits RON text into tokens. Linear, allocation only for the result; never fails.
pub fn tokenize(text: &str) -> Vec<Token> {
    let b = text.as_bytes();
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 6);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        let kind = match c {
            b' ' | b'\t' | b'\r' | b'\n' => {
                i += 1;
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
                TokenKind::Comment
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..].find("*/").map_or(b.len(), |n| i + 2 + n + 2);
                TokenKind::Comment
            }
            b'"' => {
                i = string_end(b, i);
                TokenKind::Str
            }
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#')) && raw_start(b, i).is_some() => {
                i = raw_end(text, i);
                TokenKind::Str
            }
            b'0'..=b'9' => {
                i = number_end(b, i);
                TokenKind::Number
            }
            b'-' | b'+' if b.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                i = number_end(b, i + 1);
                TokenKind::Number
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                let mut j = i;
                while j < b.len() && matches!(b[j], b' ' | b'\t') {
                    j += 1;
                }
                if b.get(j) == Some(&b':') {
                    TokenKind::Field
                } else {
                    TokenKind::Ident
                }
            }
            _ => {
                // One character, whole (Hangul outside strings is a typo, not a panic).
                i += text[i..].chars().next().map_or(1, char::len_utf8);
                TokenKind::Punct
            }
        };
        out.push(Token {
            kind,
            range: start..i,
        });
    }
    out
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

/// The end of a `"..."` string starting at `i`: after the closing quote, or at the end of the
/// line when it is not closed (so one missing quote colours one line, not the whole file).
fn string_end(b: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            b'"' => return j + 1,
            b'\n' => return j,
            _ => j += 1,
        }
    }
    b.len()
}

/// The number of `#` of a raw string starting at `i` (`r#"`), if it is one.
fn raw_start(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while b.get(j) == Some(&b'#') {
        j += 1;
    }
    (b.get(j) == Some(&b'"')).then_some(j - i - 1)
}

fn raw_end(text: &str, i: usize) -> usize {
    let hashes = raw_start(text.as_bytes(), i).unwrap_or(0);
    let open = i + 1 + hashes + 1;
    let close = format!("\"{}", "#".repeat(hashes));
    text[open..]
        .find(&close)
        .map_or(text.len(), |n| open + n + close.len())
}

fn number_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_') {
        i += 1;
    }
    i
}

/// The value of a string literal token (escapes resolved), or `None` when it is not one.
pub fn string_value(text: &str, range: Range<usize>) -> Option<String> {
    let lit = text.get(range)?;
    if let Some(rest) = lit.strip_prefix('r') {
        let hashes = rest.len() - rest.trim_start_matches('#').len();
        let inner = rest.get(hashes + 1..rest.len().checked_sub(hashes + 1)?)?;
        return Some(inner.to_owned());
    }
    let inner = lit.strip_prefix('"')?;
    let inner = inner.strip_suffix('"').unwrap_or(inner);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some('u') => {
                let rest: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let hex = rest.trim_start_matches('{');
                if let Some(ch) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                    out.push(ch);
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    Some(out)
}

/// A RON string literal for `value`: quoted, with `"`, `\` and control characters escaped.
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One step of the way to a value: a field of a struct, an element of a list, a key of a map.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Field(String),
    Index(usize),
    Key(String),
}

/// A string literal with where it sits in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub path: Vec<Seg>,
    pub value: String,
    /// The literal's bytes in the text, quotes included.
    pub range: Range<usize>,
    /// The string is a map key (`"empathy": [...]`), not a value.
    pub is_key: bool,
}

impl Located {
    /// The path as text (`stages[1].lines.calm[2]`, `cues{"empathy"}[0]`).
    pub fn path_text(&self) -> String {
        path_text(&self.path)
    }
}

/// A path as text (`stages[1].lines.calm[2]`).
pub fn path_text(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Field(f) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(f);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
            Seg::Key(k) => s.push_str(&format!("{{{k:?}}}")),
        }
    }
    s
}

#[derive(Debug)]
struct Frame {
    open: u8,
    /// The field or key being filled (for `(` and `{`), or the element index (for `[`).
    key: Option<Seg>,
    index: usize,
    /// A `Some(` or other wrapper: it adds no step of its own.
    wrapper: bool,
}

/// The structure around a token: the frames open, as a path.
fn current_path(stack: &[Frame]) -> Vec<Seg> {
    let mut path = Vec::with_capacity(stack.len());
    for f in stack {
        match f.open {
            b'[' => path.push(Seg::Index(f.index)),
            _ => {
                if let Some(k) = &f.key {
                    path.push(k.clone());
                }
            }
        }
    }
    path
}

/// A structural walk of the text: every string literal with its path, and for each field name
/// or map key the path and the byte range of the container that follows it. Lenient: unbalanced
/// brackets end early or are ignored.
#[derive(Debug, Clone, Default)]
pub struct Walk {
    pub strings: Vec<Located>,
    /// `(path of the value, range of the field name or key token)` for every field and key.
    pub fields: Vec<(Vec<Seg>, Range<usize>)>,
    /// `(path, range from the opening bracket to past the closing one)` of every list, map and
    /// struct value.
    pub containers: Vec<(Vec<Seg>, Range<usize>)>,
}

impl Walk {
    /// The string at exactly `path`.
    pub fn string_at(&self, path: &[Seg]) -> Option<&Located> {
        self.strings.iter().find(|s| !s.is_key && s.path == path)
    }

    /// The container (list, map, struct) that is the value at `path`.
    pub fn container_at(&self, path: &[Seg]) -> Option<Range<usize>> {
        self.containers
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, r)| r.clone())
    }
}

/// Walks the text: see [`Walk`].
pub fn walk(text: &str) -> Walk {
    walk_tokens(text, &tokenize(text))
}

/// [`walk`] over tokens already made.
pub fn walk_tokens(text: &str, tokens: &[Token]) -> Walk {
    let mut w = Walk::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut open_starts: Vec<(usize, Vec<Seg>)> = Vec::new();
    let mut prev_ident = false;
    let code: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.kind != TokenKind::Comment)
        .collect();
    for (n, t) in code.iter().enumerate() {
        let next_is_colon = code
            .get(n + 1)
            .is_some_and(|x| x.kind == TokenKind::Punct && &text[x.range.clone()] == ":");
        match t.kind {
            TokenKind::Field => {
                if let Some(f) = stack.last_mut()
                    && f.open == b'('
                {
                    f.key = Some(Seg::Field(text[t.range.clone()].to_owned()));
                    let path = current_path(&stack);
                    w.fields.push((path, t.range.clone()));
                }
                prev_ident = false;
            }
            TokenKind::Str => {
                let value = string_value(text, t.range.clone()).unwrap_or_default();
                let in_map = stack.last().is_some_and(|f| f.open == b'{');
                if in_map && next_is_colon {
                    if let Some(f) = stack.last_mut() {
                        f.key = Some(Seg::Key(value.clone()));
                    }
                    let path = current_path(&stack);
                    w.fields.push((path.clone(), t.range.clone()));
                    w.strings.push(Located {
                        path,
                        value,
                        range: t.range.clone(),
                        is_key: true,
                    });
                } else {
                    w.strings.push(Located {
                        path: current_path(&stack),
                        value,
                        range: t.range.clone(),
                        is_key: false,
                    });
                }
                prev_ident = false;
            }
            TokenKind::Ident => prev_ident = true,
            TokenKind::Number => prev_ident = false,
            TokenKind::Punct => {
                let p = &text[t.range.clone()];
                match p {
                    "(" | "[" | "{" => {
                        let open = p.as_bytes()[0];
                        let wrapper = open == b'('
                            && prev_ident
                            && n >= 1
                            && matches!(&text[code[n - 1].range.clone()], "Some");
                        open_starts.push((t.range.start, current_path(&stack)));
                        stack.push(Frame {
                            open,
                            key: None,
                            index: 0,
                            wrapper,
                        });
                    }
                    ")" | "]" | "}" => {
                        if stack.pop().is_some()
                            && let Some((start, path)) = open_starts.pop()
                        {
                            w.containers.push((path, start..t.range.end));
                        }
                    }
                    "," => {
                        if let Some(f) = stack.last_mut() {
                            if f.open == b'[' {
                                f.index += 1;
                            } else if !f.wrapper {
                                f.key = None;
                            }
                        }
                    }
                    _ => {}
                }
                prev_ident = false;
            }
            TokenKind::Comment => {}
        }
    }
    w
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, byte: usize) -> usize {
    crate::library::load::line_col(text, byte).0
}

/// The 1-based line of byte offsets, for many look-ups in one text (binary search over the
/// line starts instead of counting from the start each time).
#[derive(Debug, Clone)]
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts }
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, byte: usize) -> usize {
        self.starts.partition_point(|&s| s <= byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_cover_the_kinds() {
        let t = "Scenario( // 주석\n id: \"a\\\"b\", mood: (anger: -4), x: Some(1.5) )";
        let kinds: Vec<TokenKind> = tokenize(t).iter().map(|x| x.kind).collect();
        assert_eq!(kinds[0], TokenKind::Ident);
        assert_eq!(kinds[2], TokenKind::Comment);
        assert!(kinds.contains(&TokenKind::Field));
        assert!(kinds.contains(&TokenKind::Number));
        let strs: Vec<_> = tokenize(t)
            .into_iter()
            .filter(|x| x.kind == TokenKind::Str)
            .collect();
        assert_eq!(strs.len(), 1);
        assert_eq!(
            string_value(t, strs[0].range.clone()).as_deref(),
            Some("a\"b")
        );
    }

    #[test]
    fn an_unclosed_string_ends_at_its_line() {
        let t = "x: \"열린\ny: \"닫힌\"";
        let toks = tokenize(t);
        assert_eq!(&t[toks[2].range.clone()], "\"열린");
        assert_eq!(toks.last().map(|x| x.kind), Some(TokenKind::Str));
    }

    #[test]
    fn paths_of_strings() {
        let t = r#"Scenario(id: "s", cues: {"empathy": ["a", "b"]}, stages: [(id: "one", lines: (calm: ["x", "y"])), (id: "two")], when: (stage: Some("two")))"#;
        let w = walk(t);
        let find = |v: &str| {
            w.strings
                .iter()
                .find(|s| s.value == v && !s.is_key)
                .map(Located::path_text)
        };
        assert_eq!(find("s").as_deref(), Some("id"));
        assert_eq!(find("b").as_deref(), Some("cues{\"empathy\"}[1]"));
        assert_eq!(find("y").as_deref(), Some("stages[0].lines.calm[1]"));
        assert_eq!(find("two").as_deref(), Some("stages[1].id"));
        assert!(w.container_at(&[Seg::Field("cues".into())]).is_some());
        assert_eq!(quote("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
    }
}
