//! Golden transcripts of the built-in pack: for every scenario, in `tests/transcripts/<id>/`,
//! a model answer (≥ 85, resolved), an average answer (40–80), a rude answer (≤ 25, with its
//! violations found) and a polite but flat answer (greets, asks for the account, says
//! 진정하세요 and 제 담당이 아닙니다 once each: not walked out, clearly above the rude one). Together they must reach every stage
//! and draw out every fact, and the complainant must speak from every mood band. Checked with several seeds: the score must not depend on which
//! variant of a line the complainant happened to say.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use minwon::engine::{Session, Source};
use minwon::library::{Library, Origin};
use minwon::model::{Band, EndingKind, Transcript};
use minwon::scoring::{Scorecard, score};

const SEEDS: [u64; 3] = [1, 7, 2024];

fn dir(id: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/transcripts")
        .join(id)
}

fn read(path: &Path) -> Transcript {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Transcript::parse(&text).unwrap_or_else(|e| panic!("{}:{e}", path.display()))
}

fn play(lib: &Library, id: &str, t: &Transcript, seed: u64) -> (Session, Scorecard) {
    let e = lib.scenario(id).expect("scenario loaded");
    let mut s = e.start(seed);
    for turn in &t.turns {
        if s.respond(turn.clone()).is_none() {
            break;
        }
    }
    if !s.is_over() {
        s.end_by_trainee();
    }
    let card = score(&s);
    (s, card)
}

fn builtin_ids(lib: &Library) -> Vec<String> {
    lib.scenarios
        .iter()
        .filter(|e| e.origin == Origin::Builtin)
        .map(|e| e.scenario.id.clone())
        .collect()
}

fn summary(card: &Scorecard) -> String {
    format!(
        "total {} outcome {} items {:?} violations {:?} ladder {:?}",
        card.total,
        card.outcome,
        card.items
            .iter()
            .filter(|i| i.met)
            .map(|i| i.id.as_str())
            .collect::<Vec<_>>(),
        card.violations
            .iter()
            .map(|v| (v.turn, v.id.as_str()))
            .collect::<Vec<_>>(),
        card.ladder
            .iter()
            .map(|l| (l.turn, l.rung.id()))
            .collect::<Vec<_>>(),
    )
}

#[test]
fn every_builtin_scenario_has_its_three_transcripts() {
    let lib = Library::builtin();
    let ids = builtin_ids(&lib);
    assert!(ids.len() >= 2, "built-in pack: {ids:?}");
    for id in ids {
        for kind in ["model", "average", "rude", "flat", "tired"] {
            let p = dir(&id).join(format!("{kind}.txt"));
            assert!(p.is_file(), "missing {}", p.display());
        }
    }
}

#[test]
fn model_answers_resolve_with_85_or_more() {
    let lib = Library::builtin();
    for id in builtin_ids(&lib) {
        let t = read(&dir(&id).join("model.txt"));
        for seed in SEEDS {
            let (_, card) = play(&lib, &id, &t, seed);
            assert!(
                card.total >= 85 && card.outcome == EndingKind::Resolved,
                "{id} model, seed {seed}: {}",
                summary(&card)
            );
            assert!(
                card.violations.is_empty(),
                "{id} model has violations: {}",
                summary(&card)
            );
        }
    }
}

#[test]
fn average_answers_score_between_40_and_80() {
    let lib = Library::builtin();
    for id in builtin_ids(&lib) {
        let t = read(&dir(&id).join("average.txt"));
        for seed in SEEDS {
            let (_, card) = play(&lib, &id, &t, seed);
            assert!(
                (40..=80).contains(&card.total),
                "{id} average, seed {seed}: {}",
                summary(&card)
            );
        }
    }
}

#[test]
fn rude_answers_fail_and_their_violations_are_found() {
    let lib = Library::builtin();
    for id in builtin_ids(&lib) {
        let t = read(&dir(&id).join("rude.txt"));
        for seed in SEEDS {
            let (_, card) = play(&lib, &id, &t, seed);
            assert!(
                card.total <= 25,
                "{id} rude, seed {seed}: {}",
                summary(&card)
            );
            let kinds: BTreeSet<&str> = card.violations.iter().map(|v| v.id.as_str()).collect();
            assert!(
                kinds.len() >= 2,
                "{id} rude: violations not found: {}",
                summary(&card)
            );
        }
    }
}

#[test]
fn every_stage_fact_and_mood_band_is_reached_by_some_transcript() {
    let lib = Library::builtin();
    for id in builtin_ids(&lib) {
        let scenario = lib.scenario(&id).unwrap().scenario.clone();
        let mut stages = BTreeSet::from([0usize]);
        let mut facts = BTreeSet::new();
        let mut bands = BTreeSet::new();
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir(&id))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            let (session, _) = play(&lib, &id, &read(&f), 1);
            let replies =
                std::iter::once(session.opening()).chain(session.turns().iter().map(|t| &t.reply));
            for r in replies {
                if let Source::Stage { band, .. } = r.source {
                    bands.insert(band);
                }
            }
            for t in session.turns() {
                stages.extend(t.advanced_to);
                facts.extend(t.disclosed);
            }
        }
        for band in Band::ALL {
            assert!(
                bands.contains(&band),
                "{id}: no transcript hears a {band:?} line"
            );
        }
        for (i, st) in scenario.stages.iter().enumerate() {
            assert!(
                stages.contains(&i),
                "{id}: stage \"{}\" is never reached",
                st.id
            );
        }
        for (i, f) in scenario.facts.iter().enumerate() {
            assert!(
                facts.contains(&i),
                "{id}: fact \"{}\" is never drawn out",
                f.id
            );
        }
    }
}

#[test]
fn a_polite_but_flat_officer_stays_and_lands_clearly_above_a_rude_one() {
    let lib = Library::builtin();
    for id in builtin_ids(&lib) {
        let flat = read(&dir(&id).join("flat.txt"));
        let rude = read(&dir(&id).join("rude.txt"));
        for seed in SEEDS {
            let (session, f) = play(&lib, &id, &flat, seed);
            let (_, r) = play(&lib, &id, &rude, seed);
            assert_ne!(
                f.outcome,
                EndingKind::WalkedOut,
                "{id} flat, seed {seed}: {}",
                summary(&f)
            );
            assert!(
                session.turns().len() == flat.turns.len(),
                "{id} flat: the complainant left early"
            );
            assert!(
                f.total >= r.total + 10 && f.total <= 45,
                "{id} flat {} vs rude {}: {}",
                f.total,
                r.total,
                summary(&f)
            );
            let kinds: BTreeSet<&str> = f.violations.iter().map(|v| v.id.as_str()).collect();
            assert!(
                kinds.contains("dismissive") && kinds.contains("passing_buck"),
                "{id} flat: {}",
                summary(&f)
            );
        }
    }
}

#[test]
fn no_complainant_line_is_repeated_while_the_pool_has_others() {
    // Every golden conversation: a line comes back only after its pool (stage lines of the
    // band, extra and stuck lines) has been said in full, so at most once in these lengths
    // except for long drunk monologues.
    let lib = Library::builtin();
    for id in builtin_ids(&lib) {
        for kind in ["model", "average", "rude", "flat"] {
            let t = read(&dir(&id).join(format!("{kind}.txt")));
            for seed in SEEDS {
                let (s, _) = play(&lib, &id, &t, seed);
                let mut lines: Vec<&str> = vec![s.opening().text.as_str()];
                lines.extend(s.turns().iter().map(|t| t.reply.text.as_str()));
                for (i, l) in lines.iter().enumerate() {
                    if let Some(j) = lines[..i].iter().position(|p| p == l) {
                        assert!(
                            i - j >= 4,
                            "{id} {kind}, seed {seed}: \"{l}\" again after {} lines",
                            i - j
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn other_bad_answers_score_25_or_less() {
    // Bad answers without swearing (tests/transcripts/<id>/blames.txt, where written): the
    // complainant does not walk out at once, so what little the officer did is still counted.
    let lib = Library::builtin();
    for id in builtin_ids(&lib) {
        let p = dir(&id).join("blames.txt");
        if !p.is_file() {
            continue;
        }
        let t = read(&p);
        for seed in SEEDS {
            let (_, card) = play(&lib, &id, &t, seed);
            assert!(
                card.total <= 25,
                "{id} blames, seed {seed}: {}",
                summary(&card)
            );
            assert!(card.violations.len() >= 2, "{id}: {}", summary(&card));
        }
    }
}

#[test]
fn tired_but_correct_answers_score_between_45_and_80() {
    // tired.txt: a curt officer who does the right things, lets one 반말 slip and shows little
    // empathy — written for issue 8's targets, never tuned against the scorer.
    let lib = Library::builtin();
    for id in builtin_ids(&lib) {
        let t = read(&dir(&id).join("tired.txt"));
        for seed in SEEDS {
            let (_, card) = play(&lib, &id, &t, seed);
            assert!(
                (45..=80).contains(&card.total),
                "{id} tired, seed {seed}: {}",
                summary(&card)
            );
            assert_ne!(
                card.outcome,
                EndingKind::WalkedOut,
                "{id}: {}",
                summary(&card)
            );
            assert!(
                card.violations.iter().any(|v| v.id == "informal_speech"),
                "{id}: the 반말 slip is not found: {}",
                summary(&card)
            );
        }
    }
}

#[test]
fn the_score_orders_model_over_tired_over_flat_over_rude() {
    let lib = Library::builtin();
    for id in builtin_ids(&lib) {
        let total = |kind: &str| {
            play(&lib, &id, &read(&dir(&id).join(format!("{kind}.txt"))), 1)
                .1
                .total
        };
        let (m, t, f, r) = (total("model"), total("tired"), total("flat"), total("rude"));
        assert!(
            m > t && t > f && f > r,
            "{id}: model {m}, tired {t}, flat {f}, rude {r}"
        );
    }
}

#[test]
fn violence_in_the_pack_ends_at_once_with_a_report_and_no_ladder() {
    // The drunk visitor turns violent when the officer swears at him (a `danger` trigger).
    let lib = Library::builtin();
    let e = lib.scenario("drunk-visitor-desk").expect("in the pack");
    let mut s = e.start(1);
    let model = read(&dir("drunk-visitor-desk").join("model.txt"));
    for turn in model.turns.iter().take(5) {
        s.respond(turn.clone());
    }
    let anger = s.mood().anger;
    assert!(anger <= 55, "calmed first: {anger}");
    let rec = s
        .respond(minwon::model::TraineeTurn::parse("아 씨발, 진짜.").0)
        .expect("still talking")
        .clone();
    assert!(rec.reply.danger, "{:?}", rec.reply);
    s.respond(
        minwon::model::TraineeTurn::parse(
            "폭력 행위가 있어 상담을 종료하겠습니다. 상급자에게 보고하고 다른 경찰관에게 인계하겠습니다.",
        )
        .0,
    );
    // Ended at once by the officer: as the scenario's "properly ended" ending (this one also
    // needs empathy, help and the family found, which the first turns did) or a plain end.
    use minwon::model::EndingKind;
    let kind = s.ended().map(|e| e.kind);
    assert!(
        matches!(
            kind,
            Some(EndingKind::Resolved | EndingKind::EndedByTrainee)
        ),
        "{kind:?}"
    );
    let card = score(&s);
    assert!(
        card.ladder.is_empty(),
        "no ladder needed: {:?}",
        card.ladder
    );
    assert!(card.violations.iter().any(|v| v.id == "profanity"));
}

#[test]
fn a_question_about_what_was_seen_draws_out_what_was_seen() {
    // Issue 8: "a question about what the man saw in the corridor did not count as asking it".
    let lib = Library::builtin();
    let t = Transcript::parse(
        "안녕하십니까. 교통조사계 정민호 조사관입니다. 앉으십시오.\n\
         많이 답답하셨겠습니다. 사고가 어떻게 났는지 말씀해 주시겠습니까?\n\
         복도에서 무엇을 보셨습니까?\n",
    )
    .unwrap();
    let (s, _) = play(&lib, "foreign-driver-distrust", &t, 1);
    let rumor = s
        .scenario()
        .facts
        .iter()
        .position(|f| f.id == "rumor")
        .unwrap();
    assert_eq!(
        s.turns()[2].disclosed,
        Some(rumor),
        "{:?}",
        s.turns()[2].reply
    );
}

/// The generalisation check: for every scenario two answers written after the rules, in voices
/// the rules were not written from (`terse.txt`: a curt 해요체 officer who still does the job;
/// `overpromise.txt`: a warm officer who promises outcomes and takes sides). The terse one must
/// pass cleanly; the over-promising one must be caught doing both and score below it.
#[test]
fn answers_in_unseen_voices_are_judged_by_what_they_do() {
    let lib = Library::builtin();
    for id in builtin_ids(&lib) {
        let terse = read(&dir(&id).join("terse.txt"));
        let over = read(&dir(&id).join("overpromise.txt"));
        for seed in SEEDS {
            let (_, t) = play(&lib, &id, &terse, seed);
            assert!(
                t.total >= 60 && t.violations.is_empty() && t.outcome != EndingKind::WalkedOut,
                "{id} terse, seed {seed}: {}",
                summary(&t)
            );
            let (_, o) = play(&lib, &id, &over, seed);
            for v in ["false_promise", "taking_sides"] {
                assert!(
                    o.violations.iter().any(|x| x.id == v),
                    "{id} overpromise, seed {seed}: {v} not found: {}",
                    summary(&o)
                );
            }
            assert!(
                o.total < t.total,
                "{id}: overpromise {} should score below terse {}",
                o.total,
                t.total
            );
        }
    }
}
