//! No input of any bytes makes the loaders, the analyser, a session or the scorecard panic or
//! hang: random bytes; valid files and utterances mutated byte by byte; and a mutation fuzzer
//! that mutates every file of the pack (bytes, RON tokens, numbers at their extremes, fields
//! duplicated and deleted) and plays whatever still validates to the end and the scorecard.
//! A tiny deterministic generator keeps this reproducible.
//!
//! Longer runs: `MINWON_FUZZ_CASES=50000 cargo test --release --test robustness mutation`;
//! `MINWON_FUZZ_SEED=N` for another sequence. A failing case is written to
//! `target/minwon-fuzz/` and named in the failure.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use minwon::library::{Document, Entry, Library, builtin_files, parse_document};
use minwon::model::validate::{self, Severity};
use minwon::model::{TraineeTurn, Transcript};
use minwon::scoring::score;

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut XorShift, base: &[u8]) -> Vec<u8> {
    let mut b = base.to_vec();
    for _ in 0..1 + rng.below(8) {
        match rng.below(5) {
            0 if !b.is_empty() => {
                let i = rng.below(b.len());
                b[i] = rng.next() as u8;
            }
            1 if !b.is_empty() => {
                let i = rng.below(b.len());
                b.truncate(i);
            }
            2 => {
                let i = rng.below(b.len() + 1);
                let junk: &[u8] = [
                    b"(" as &[u8],
                    b")",
                    b"[",
                    b"]",
                    b"\"",
                    b",",
                    b":",
                    b"\xff",
                    b"\xea\xb0",
                    b"//",
                    b"/*",
                    b"Some(",
                    b"-1",
                ][rng.below(13)];
                b.splice(i..i, junk.iter().copied());
            }
            3 if b.len() > 2 => {
                let i = rng.below(b.len());
                let j = rng.below(b.len());
                let (lo, hi) = (i.min(j), i.max(j));
                b.drain(lo..hi);
            }
            _ => {
                let i = rng.below(b.len() + 1);
                b.insert(i, rng.next() as u8);
            }
        }
    }
    b
}

#[test]
fn mutated_data_files_never_panic() {
    let fixture =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lost-wallet.ron"))
            .unwrap();
    let checklist = minwon::library::builtin_files()
        .iter()
        .find(|(p, _)| p.ends_with("checklist.ron"))
        .map(|(_, t)| t.as_bytes().to_vec())
        .unwrap();
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut errors = 0;
    for round in 0..600 {
        let base = if round % 3 == 0 { &checklist } else { &fixture };
        let bytes = mutate(&mut rng, base);
        if parse_document("fuzz.ron", &bytes).is_err() {
            errors += 1;
        }
    }
    // Most mutations break the file; each must have been reported, not panicked.
    assert!(errors > 300, "only {errors} of 600 mutations were rejected");
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = XorShift(12345);
    for _ in 0..500 {
        let len = rng.below(300);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let err = parse_document("random.ron", &bytes).err();
        // Random bytes are never a valid scenario.
        let problem = err.expect("random bytes rejected");
        assert!(problem.line >= 1 && problem.col >= 1);
        assert!(!problem.message.is_empty());
    }
}

#[test]
fn analyser_accepts_any_text() {
    let lib = Library::builtin();
    let checklist = lib.default_checklist().unwrap();
    let analyzer = lib.analyzer(checklist);
    let mut rng = XorShift(777);
    let samples = [
        "안녕하십니까, 교통조사계입니다. 많이 놀라셨겠습니다.",
        "ㅅㅂ 시1발 tlqkf [bow] [escort]",
        "\u{1112}\u{1161}\u{11AB} \u{200B}\u{FEFF} 😡😡 ！！？？ ……",
    ];
    for round in 0..2000 {
        let base = samples[round % samples.len()].as_bytes();
        let bytes = mutate(&mut rng, base);
        let text = String::from_utf8_lossy(&bytes);
        let (turn, _) = TraineeTurn::parse(&text);
        let a = analyzer.analyze(&turn);
        assert!(a.sentences.iter().all(|s| !s.text.is_empty()));
        let _ = Transcript::parse(&text);
    }
    // Long and pathological inputs.
    for text in [
        "".to_owned(),
        " ".repeat(10_000),
        "?!".repeat(5000),
        "요".repeat(20_000),
        "ㅋ".repeat(20_000),
        "[bow]".repeat(1000),
        "\n".repeat(1000),
    ] {
        analyzer.analyze(&TraineeTurn::parse(&text).0);
    }
}

// ---------------------------------------------------------------------------------------------
// The mutation fuzzer.

/// Cases of a default run: a few seconds in the debug test build.
const DEFAULT_CASES: usize = 2000;
/// Whole libraries rebuilt (for a mutated checklist or lexicon) in a default run: each costs
/// about as much as a hundred scenario cases.
const DEFAULT_REBUILDS: usize = 12;
/// A session is ended by the trainee after this many turns, whatever `max_turns` says.
const TURN_CAP: usize = 60;

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// Numbers a field may be pushed to.
const EXTREMES: &[&str] = &[
    "0",
    "1",
    "-1",
    "255",
    "256",
    "-128",
    "65535",
    "2147483647",
    "-2147483648",
    "4294967295",
    "4294967296",
    "18446744073709551615",
    "-9223372036854775808",
    "0.0",
    "-0.0",
    "1e308",
    "-1e308",
    "1e-308",
    "inf",
    "-inf",
    "NaN",
    "0.5",
    "100",
    "101",
    "-100",
];

/// Strings a value may become.
const STRINGS: &[&str] = &[
    "",
    " ",
    "ㅅㅂ",
    "안녕하십니까",
    "greeting",
    "boundary",
    "profanity",
    "empathy",
    "farewell",
    "ladder:end",
    "ladder:fault",
    "default",
    "outreach",
    "[bow]",
    "*",
    "\\n",
    "\\u{0}",
    "\\u{202E}",
    "요요요요요요요요요요요요요요요요요요요요요요요요요요요요요요요요",
];

/// Tokens a place may receive.
const TOKENS: &[&str] = &[
    "(", ")", "[", "]", "{", "}", ",", ":", "\"", "Some(", "None", "true", "false", "//", "/*",
    "*/", "#", "r#\"", "'", "\\", "\u{feff}", "\u{0}", "ㄱ", "\n",
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    Number,
    Str,
}

/// Spans of numbers and string literals in RON text (good enough for mutation).
fn spans(b: &[u8]) -> Vec<(usize, usize, Token)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                let end = (i + 1).min(b.len());
                out.push((start, end, Token::Str));
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            c if c.is_ascii_digit()
                || (c == b'-' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) =>
            {
                let start = i;
                i += 1;
                while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.' || b[i] == b'_') {
                    i += 1;
                }
                // Not part of a word (an id such as `s1`).
                let word_before =
                    start > 0 && (b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'_');
                if !word_before {
                    out.push((start, i, Token::Number));
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// Line ranges (byte offsets) of the text, newline included.
fn lines(b: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < b.len() {
        out.push((start, b.len()));
    }
    out
}

/// One mutation of a pack file, by kind: bytes, tokens, numbers, strings, fields (lines).
fn mutate_ron(rng: &mut XorShift, b: &mut Vec<u8>) -> &'static str {
    match rng.below(12) {
        0 => {
            *b = mutate(rng, b);
            "bytes"
        }
        1..=4 => {
            let numbers: Vec<_> = spans(b)
                .into_iter()
                .filter(|s| s.2 == Token::Number)
                .collect();
            if numbers.is_empty() {
                return "number (none)";
            }
            let (lo, hi, _) = numbers[rng.below(numbers.len())];
            let with = EXTREMES[rng.below(EXTREMES.len())];
            b.splice(lo..hi, with.bytes());
            "number"
        }
        5..=7 => {
            let strings: Vec<_> = spans(b).into_iter().filter(|s| s.2 == Token::Str).collect();
            if strings.is_empty() {
                return "string (none)";
            }
            let (lo, hi, _) = strings[rng.below(strings.len())];
            let with = if rng.below(4) == 0 {
                // Another string of the same file: ids that clash or point elsewhere.
                let (a, z, _) = strings[rng.below(strings.len())];
                b[a..z].to_vec()
            } else {
                format!("\"{}\"", STRINGS[rng.below(STRINGS.len())]).into_bytes()
            };
            b.splice(lo..hi, with);
            "string"
        }
        8 => {
            // Duplicate a field (or a few lines: a list element, a block).
            let ls = lines(b);
            if ls.is_empty() {
                return "duplicate (empty)";
            }
            let i = rng.below(ls.len());
            let j = (i + rng.below(4)).min(ls.len() - 1);
            let copy = b[ls[i].0..ls[j].1].to_vec();
            let at = if rng.below(2) == 0 {
                ls[j].1
            } else {
                ls[rng.below(ls.len())].0
            };
            b.splice(at..at, copy);
            "duplicate"
        }
        9 => {
            // Delete a field (or a few lines).
            let ls = lines(b);
            if ls.is_empty() {
                return "delete (empty)";
            }
            let i = rng.below(ls.len());
            let j = (i + rng.below(3)).min(ls.len() - 1);
            b.drain(ls[i].0..ls[j].1);
            "delete"
        }
        10 => {
            let at = rng.below(b.len() + 1);
            let t = TOKENS[rng.below(TOKENS.len())];
            b.splice(at..at, t.bytes());
            "token"
        }
        _ => {
            // Swap two lines: fields out of order, elements moved between lists.
            let ls = lines(b);
            if ls.len() < 2 {
                return "swap (short)";
            }
            let (x, y) = (rng.below(ls.len()), rng.below(ls.len()));
            let (x, y) = (ls[x.min(y)], ls[x.max(y)]);
            if x == y {
                return "swap (same)";
            }
            let mut out = b[..x.0].to_vec();
            out.extend_from_slice(&b[y.0..y.1]);
            out.extend_from_slice(&b[x.1..y.0]);
            out.extend_from_slice(&b[x.0..x.1]);
            out.extend_from_slice(&b[y.1..]);
            *b = out;
            "swap"
        }
    }
}

/// What a trainee might type: good answers, the ladder, slips, abuse, junk.
const UTTERANCES: &[&str] = &[
    "안녕하십니까, 교통조사계 김민수 조사관입니다. 이쪽으로 앉으십시오.",
    "어떻게 된 일인지 말씀해 주시겠습니까?",
    "네, 그러셨군요. 계속 말씀하십시오.",
    "정리하면 골목에서 차가 스쳤다는 말씀이시죠?",
    "많이 놀라셨겠습니다. 화가 나실 만합니다.",
    "오래 기다리시게 해서 죄송합니다.",
    "억울한 부분이 없도록 꼼꼼히 확인하겠습니다.",
    "진술서를 작성하신 뒤 영상을 확인하고, 결과는 2주 안에 문자로 알려 드립니다.",
    "그렇게 말씀하시면 정상적인 응대가 어렵습니다. 욕설은 삼가 주십시오.",
    "지금부터 대화를 녹음하겠습니다.",
    "계속 욕설을 하시면 공무집행방해·모욕죄로 처벌받으실 수 있습니다.",
    "더 이상 상담을 이어가기 어려워 종료하겠습니다. 담당 김 경사가 내일 오전에 전화드리겠습니다.",
    "더 궁금하신 점 있으십니까?",
    "안녕히 가십시오. 조심히 들어가십시오.",
    "진정하세요. 그 정도 가지고 뭘 그러세요.",
    "술 드신 거 아니에요? 도망가셨잖아요.",
    "제 담당이 아닙니다. 보험사에 물어보세요.",
    "처벌 안 받게 해 드릴게요.",
    "저쪽이 잘못한 거죠.",
    "거기 앉아. 이름이 뭐야?",
    "ㅅㅂ 꺼져",
    "네.",
    "",
    "……?!",
    "블랙박스 있으세요? 언제 어디서였습니까?",
];

fn random_turn(rng: &mut XorShift) -> TraineeTurn {
    let mut line = String::new();
    for _ in 0..rng.below(3) {
        let a = [
            "bow",
            "offer_seat",
            "offer_drink",
            "give_card",
            "notify_recording",
            "escort",
            "dance",
        ];
        line.push_str(&format!("[{}] ", a[rng.below(a.len())]));
    }
    for _ in 0..1 + rng.below(2) {
        line.push_str(UTTERANCES[rng.below(UTTERANCES.len())]);
        line.push(' ');
    }
    if rng.below(20) == 0 {
        line = String::from_utf8_lossy(&mutate(rng, line.as_bytes())).into_owned();
    }
    TraineeTurn::parse(&line).0
}

/// Plays a scenario with random turns until it ends (or the trainee ends it) and scores it.
fn play(entry: &Entry, rng: &mut XorShift) -> usize {
    let mut session = entry.start(rng.next());
    let mut played = 0;
    while !session.is_over() && played < TURN_CAP {
        let _ = session.hint();
        if rng.below(40) == 0 {
            break;
        }
        session.respond(random_turn(rng));
        played += 1;
        let _ = (
            session.mood(),
            session.band(),
            session.abuse_ongoing(),
            session.last_reply(),
        );
    }
    session.end_by_trainee();
    // A turn after the end changes nothing.
    let turns = session.turns().len();
    session.respond(random_turn(rng));
    assert_eq!(
        session.turns().len(),
        turns,
        "a turn was played after the end"
    );
    let card = score(&session);
    assert!(
        card.total <= 100,
        "total {} of {}",
        card.total,
        entry.scenario.id
    );
    assert_eq!(card.turn_count as usize, turns);
    // The breakdown shown to the trainee adds up to the total, whatever the tuning.
    let b = card.breakdown();
    assert_eq!(b.items + b.depth, b.earned, "{b:?}");
    assert_eq!(b.earned - b.deducted, b.before_limits, "{b:?}");
    assert!(b.items >= 0 && b.depth >= 0 && b.deducted >= 0, "{b:?}");
    let held = b.before_limits.clamp(0, i64::from(card.cap));
    assert_eq!(held, i64::from(b.total), "{b:?}");
    assert_eq!(b.total, card.total);
    played
}

struct Stats {
    cases: usize,
    parsed: usize,
    validated: usize,
    sessions: usize,
    turns: usize,
    rebuilds: usize,
    /// Cases that hit a known panic, by issue.
    known: std::collections::BTreeMap<&'static str, usize>,
}

/// One fuzz case: mutate one pack file and drive it as far as it goes.
fn fuzz_case(
    lib: &Library,
    files: &[(String, Vec<u8>)],
    case_seed: u64,
    rebuild_budget: &mut usize,
    stats: &mut Stats,
) -> Result<(), (String, Vec<u8>, String)> {
    let mut rng = XorShift(case_seed | 1);
    let (path, original) = &files[rng.below(files.len())];
    let mut bytes = original.clone();
    let mut kinds = Vec::new();
    for _ in 0..1 + rng.below(3) {
        kinds.push(mutate_ron(&mut rng, &mut bytes));
    }
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut local = (0, 0, 0, 0, 0);
        match parse_document(path, &bytes) {
            Err(p) => {
                assert!(p.line >= 1 && p.col >= 1 && !p.message.is_empty(), "{p}");
            }
            Ok((Document::Scenario(_), _)) => {
                local.0 += 1;
                if let Ok(entry) = lib.scenario_from_text(path, &bytes) {
                    local.1 += 1;
                    local.2 += 1;
                    local.3 += play(&entry, &mut rng);
                }
            }
            Ok((doc, _)) => {
                local.0 += 1;
                let valid = match &doc {
                    // Which items act rules credit changes only a warning.
                    Document::Checklist(c) => !validate::checklist(c, &[])
                        .iter()
                        .any(|f| f.severity == Severity::Error),
                    _ => true,
                };
                if valid && *rebuild_budget > 0 {
                    *rebuild_budget -= 1;
                    local.4 += 1;
                    let mutated = Library::builtin_with(vec![(path.clone(), bytes.clone())]);
                    if !mutated.failures.iter().any(|f| &f.path == path) {
                        local.1 += 1;
                    }
                    // Two of the scenarios that still load, with the mutated data.
                    for _ in 0..2 {
                        if mutated.scenarios.is_empty() {
                            break;
                        }
                        let e = &mutated.scenarios[rng.below(mutated.scenarios.len())];
                        local.2 += 1;
                        local.3 += play(e, &mut rng);
                    }
                }
            }
        }
        local
    }));
    match run {
        Ok((parsed, validated, sessions, turns, rebuilds)) => {
            stats.parsed += parsed;
            stats.validated += validated;
            stats.sessions += sessions;
            stats.turns += turns;
            stats.rebuilds += rebuilds;
            Ok(())
        }
        Err(_) => {
            let trace = LAST_PANIC.with(|p| std::mem::take(&mut *p.borrow_mut()));
            if let Some(what) = known_issue(&trace) {
                *stats.known.entry(what).or_default() += 1;
                return Ok(());
            }
            let first = trace.lines().take(2).collect::<Vec<_>>().join(" ");
            Err((
                path.clone(),
                bytes,
                format!("{first} (mutations: {kinds:?})"),
            ))
        }
    }
}

/// Every file of the pack (scenarios, checklists, lexicons) and the test fixture.
fn pack_files() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = builtin_files()
        .iter()
        .map(|(p, t)| ((*p).to_owned(), t.as_bytes().to_vec()))
        .collect();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lost-wallet.ron");
    if let Ok(bytes) = std::fs::read(&fixture) {
        files.push(("tests/fixtures/lost-wallet.ron".into(), bytes));
    }
    files
}

/// Panics already known in code this test does not own, by a function on the panicking stack
/// and words of the message, each with its `#[ignore]`d regression test below. A case that hits one is counted and
/// reported, not failed, so the fuzzer keeps looking for new ones; remove an entry when its
/// regression test passes.
const KNOWN: &[(&str, &str, &str)] = &[];

thread_local! {
    static LAST_PANIC: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Panics on the fuzz thread are recorded with their stack, not printed: the test reports them.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() == Some("fuzz") {
                let trace = std::backtrace::Backtrace::force_capture();
                LAST_PANIC.with(|p| *p.borrow_mut() = format!("{info}\n{trace}"));
            } else {
                default(info);
            }
        }));
    });
}

fn known_issue(trace: &str) -> Option<&'static str> {
    let message = trace.lines().take(2).collect::<String>();
    KNOWN
        .iter()
        .find(|(frame, said, _)| trace.contains(frame) && message.contains(said))
        .map(|(_, _, what)| *what)
}

fn failure_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/minwon-fuzz")
}

#[test]
fn mutation_fuzzer_plays_whatever_validates() {
    let cases = env_number("MINWON_FUZZ_CASES").map_or(DEFAULT_CASES, |n| n as usize);
    let seed = env_number("MINWON_FUZZ_SEED").unwrap_or(0x5EED_0FBA_11A5);
    let rebuilds = (cases * DEFAULT_REBUILDS).div_ceil(DEFAULT_CASES);
    install_panic_hook();
    // A hang shows as no progress: the cases run on a thread watched from here.
    let progress = Arc::new(AtomicUsize::new(0));
    let seen = progress.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("fuzz".into())
        .stack_size(16 * 1024 * 1024)
        .spawn(move || {
            let lib = Library::builtin();
            let files = pack_files();
            let mut budget = rebuilds;
            let mut stats = Stats {
                cases,
                parsed: 0,
                validated: 0,
                sessions: 0,
                turns: 0,
                rebuilds: 0,
                known: Default::default(),
            };
            let mut failures = Vec::new();
            for i in 0..cases {
                let case_seed = seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                if let Err((path, bytes, why)) =
                    fuzz_case(&lib, &files, case_seed, &mut budget, &mut stats)
                {
                    failures.push((i, case_seed, path, bytes, why));
                }
                seen.store(i + 1, Ordering::SeqCst);
            }
            let _ = tx.send((stats, failures));
        })
        .expect("fuzz thread");
    let started = Instant::now();
    let mut last = (0, Instant::now());
    let (stats, failures) = loop {
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(done) => break done,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                let now = progress.load(Ordering::SeqCst);
                if now != last.0 {
                    last = (now, Instant::now());
                }
                assert!(
                    last.1.elapsed() < Duration::from_secs(30),
                    "case {now} has run for 30 s: a hang (seed {seed:#x})"
                );
            }
            Err(e) => panic!("the fuzz thread stopped: {e}"),
        }
    };
    eprintln!(
        "fuzz: {} cases in {:.1?}: {} parsed, {} validated, {} sessions ({} turns), {} libraries rebuilt",
        stats.cases,
        started.elapsed(),
        stats.parsed,
        stats.validated,
        stats.sessions,
        stats.turns,
        stats.rebuilds
    );
    for (what, n) in &stats.known {
        eprintln!("fuzz: known, {n} cases: {what}");
    }
    if !failures.is_empty() {
        let dir = failure_dir();
        let _ = std::fs::create_dir_all(&dir);
        let mut report = String::new();
        for (i, case_seed, path, bytes, why) in &failures {
            let name = Path::new(path)
                .file_name()
                .map_or("case".into(), |n| n.to_string_lossy());
            let out = dir.join(format!("case-{i}-{case_seed:x}-{name}"));
            let _ = std::fs::write(&out, bytes);
            report.push_str(&format!("case {i} ({path}) → {}: {why}\n", out.display()));
        }
        panic!(
            "{} of {} cases panicked:\n{report}",
            failures.len(),
            stats.cases
        );
    }
    // The fuzzer must reach past the parser: many mutations still validate and are played.
    assert!(
        stats.sessions * 10 > stats.cases,
        "only {} sessions",
        stats.sessions
    );
    assert!(stats.turns > stats.sessions, "sessions of no turns");
}

// ---------------------------------------------------------------------------------------------
// Regressions found by the fuzzer. Validation now refuses such values (the loader tests below),
// and the arithmetic saturates, so a scenario that skipped validation cannot panic either.

/// The test fixture with `extra` inserted after its `max_turns` line.
fn fixture_with(extra: &str) -> String {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lost-wallet.ron"),
    )
    .expect("fixture");
    text.replacen("max_turns: 8,", &format!("max_turns: 8,\n    {extra}"), 1)
}

/// Found by the mutation fuzzer (an effect pushed to an i32 limit, e.g. `"passing_buck":
/// (anger: -2147483648, ..)` in elderly-pedestrian-family.ron or `"explain_procedure": (..,
/// trust: -2147483648)` in insurance-fraud-suspicion.ron): the scenario validates, and the
/// first turn that earns the item or violation panics in a debug build (`attempt to negate with
/// overflow` in `MoodDelta::damped`, `attempt to add with overflow` in `MoodDelta + MoodDelta`
/// and `Mood::moved`, src/model/mod.rs; `attempt to multiply with overflow` where
/// `Session::respond` scales a delta by the first slip's sting, src/engine/mod.rs); release
/// builds wrap silently and the mood jumps the other way. Validation could bound effects, or
/// the arithmetic saturate: both are done.
#[test]
fn extreme_mood_effects_do_not_overflow() {
    let lib = Library::builtin();
    let turns = [
        "많이 놀라셨겠습니다. 오래 기다리시게 해서 죄송합니다.",
        "네, 그러셨군요. 정말 속상하셨겠습니다.",
        "제 담당이 아닙니다. 보험사에 물어보세요.",
        "술 드신 거 아니에요? 도망가셨잖아요.",
    ];
    for effects in [
        r#""passing_buck": (anger: 16, trust: 2147483647)"#,
        r#""empathy": (anger: -5, trust: -2147483648)"#,
        r#""empathy": (anger: -2147483648, trust: 0)"#,
        r#""empathy": (anger: 2147483647, trust: 2147483647), "apology": (anger: 2147483647, trust: 2147483647)"#,
        r#""passing_buck": (anger: -2147483648, trust: -12)"#,
        r#""blame": (anger: -2147483648, trust: -12)"#,
    ] {
        let text = fixture_with(&format!("effects: {{ {effects} }},"));
        let entry = match lib.scenario_from_text("effects.ron", text.as_bytes()) {
            Ok(e) => e,
            // Refusing such a value when loading is a fix too.
            Err(_) => continue,
        };
        let mut session = entry.start(1);
        for line in turns {
            session.respond(TraineeTurn::parse(line).0);
        }
        let card = score(&session);
        assert!(card.total <= 100, "{effects}");
    }
}

/// Found by the mutation fuzzer (`weights: {"apology": 10, "explain_procedure": 4294967295}` in
/// victim-family-delay.ron): the scenario validates, plays, and `scoring::score` panics in a
/// debug build summing the weights (`attempt to add with overflow`, src/scoring/mod.rs);
/// release builds wrap and the total is meaningless. Validation bounds weights, and the sum is
/// taken wide.
#[test]
fn extreme_weights_do_not_overflow() {
    let lib = Library::builtin();
    for weights in [
        r#""greeting": 4294967295, "empathy": 10"#,
        r#""greeting": 4294967295, "empathy": 4294967295"#,
    ] {
        let text = fixture_with(&format!("weights: {{ {weights} }},"));
        let entry = match lib.scenario_from_text("weights.ron", text.as_bytes()) {
            Ok(e) => e,
            Err(_) => continue,
        };
        let mut session = entry.start(1);
        session.respond(TraineeTurn::parse("[bow] 안녕하십니까. 많이 놀라셨겠습니다.").0);
        let card = score(&session);
        assert!(card.total <= 100, "{weights}");
    }
}

/// The loader refuses the values the fuzzer found, with the message at the value's place.
#[test]
fn extreme_effects_and_weights_are_refused_at_their_place() {
    let lib = Library::builtin();
    for (extra, needle, said) in [
        (
            r#"effects: { "empathy": (anger: -5, trust: -2147483648) },"#,
            "trust: -2147483648",
            "effects의 \"empathy\"의 trust 값 -2147483648는 -100에서 100 사이여야 합니다",
        ),
        (
            r#"weights: { "greeting": 4294967295 },"#,
            "\"greeting\": 4294967295",
            "weights의 \"greeting\" 값 4294967295는 0에서 1000 사이여야 합니다",
        ),
    ] {
        let text = fixture_with(extra);
        let problems = match lib.scenario_from_text("extreme.ron", text.as_bytes()) {
            Ok(_) => panic!("{extra} was accepted"),
            Err(p) => p,
        };
        let p = problems
            .iter()
            .find(|p| p.message.contains(said))
            .unwrap_or_else(|| panic!("{said} not in {problems:?}"));
        assert_eq!(p.severity, Severity::Error);
        let (line, col) = minwon::library::locate(&text, needle, 0);
        assert_eq!((p.line, p.col), (line, col), "{said}");
        assert!(line > 1, "{needle} placed at the start of the file");
    }
}

/// A scenario and checklist built in code skip validation: every number pushed to its limits,
/// each session still plays and scores without a panic.
#[test]
fn unvalidated_extremes_never_panic() {
    let lib = Library::builtin();
    let base = lib
        .scenario("hit-and-run-swearing")
        .expect("a built-in scenario")
        .clone();
    let turns = [
        "[bow] 안녕하십니까. 교통조사계 김민수 조사관입니다.",
        "많이 놀라셨겠습니다. 오래 기다리시게 해서 죄송합니다.",
        "욕설은 삼가 주십시오. 공무집행방해로 처벌받으실 수 있습니다.",
        "제 담당이 아닙니다. 술 드신 거 아니에요? 야, 조용히 해.",
        "처벌 안 받게 해 드릴게요. 저쪽이 잘못한 거죠.",
        "이 XX야 꺼져",
        "안녕히 가십시오.",
    ];
    for (i, extreme) in [i32::MIN, i32::MAX, -1, 0].into_iter().enumerate() {
        let points = if i % 2 == 0 { u32::MAX } else { u32::MAX - 1 };
        let mut scenario = (*base.scenario).clone();
        let mut checklist = (*base.checklist).clone();
        let delta = minwon::model::MoodDelta {
            anger: extreme,
            trust: extreme.wrapping_neg(),
        };
        scenario.mood = minwon::model::Mood {
            anger: extreme,
            trust: extreme,
        };
        for item in &mut checklist.items {
            item.weight = points;
            item.mood = delta;
            item.when = minwon::model::Timing::Closing(u32::MAX);
            scenario.effects.insert(item.id.clone(), delta);
            scenario.weights.insert(item.id.clone(), points);
        }
        for v in &mut checklist.violations {
            v.penalty = points;
            v.mood = delta;
            scenario.effects.insert(v.id.clone(), delta);
        }
        for step in &mut checklist.ladder {
            step.mood = delta;
        }
        checklist.idle = delta;
        checklist.ladder_fault_mood = delta;
        checklist.ladder_penalty = points;
        for kind in ["walked_out", "turn_limit", "partial", "ended_by_trainee"] {
            checklist.outcome_penalty.insert(kind.into(), points);
        }
        let p = &mut scenario.patience;
        p.first_fault_percent = extreme;
        p.resolve_margin = extreme;
        p.partial_drop = extreme;
        p.walk_out_anger = extreme;
        p.question = delta;
        let t = &mut scenario.scoring;
        t.facts_weight = points;
        t.stages_weight = points;
        t.empathy_first_weight = points;
        t.mood_weight = points;
        t.depth_percent = points;
        t.penalty_base_percent = points;
        t.walked_out_cap = points;
        t.partial_cap = points;
        for c in scenario
            .stages
            .iter_mut()
            .map(|s| &mut s.exit)
            .chain(scenario.endings.iter_mut().map(|e| &mut e.when))
        {
            c.max_anger = c.max_anger.map(|_| extreme);
            c.min_trust = c.min_trust.map(|_| extreme);
        }
        let entry = Entry::new(
            std::sync::Arc::new(scenario),
            std::sync::Arc::new(checklist),
            base.analyzer.clone(),
            base.path.clone(),
            base.origin.clone(),
        )
        .expect("a scenario with stages compiles");
        let mut session = entry.start(i as u64);
        for line in turns {
            session.respond(TraineeTurn::parse(line).0);
            let m = session.mood();
            assert!(
                (0..=100).contains(&m.anger) && (0..=100).contains(&m.trust),
                "{m:?}"
            );
        }
        session.end_by_trainee();
        let card = score(&session);
        assert!(card.total <= 100, "{extreme}: {}", card.total);
        assert!(card.earned_points.is_finite() && card.deducted_points.is_finite());
    }
}
