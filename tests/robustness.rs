//! No input of any bytes makes the loaders or the analyser panic: random bytes, and valid files
//! and utterances mutated byte by byte. A tiny deterministic generator keeps this reproducible.

use std::path::Path;

use minwon::library::{Library, parse_document};
use minwon::model::{TraineeTurn, Transcript};

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
