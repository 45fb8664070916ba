//! The built-in scenario pack meets the bar every scenario is held to.

use std::collections::HashSet;

use minwon::library::{self, Library, Origin};
use minwon::model::{Band, EndingKind};

#[test]
fn builtin_pack_has_no_problems() {
    let problems = library::check(&[]);
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(lines.is_empty(), "{}", lines.join("\n"));
}

#[test]
fn builtin_pack_loads_every_file() {
    let lib = Library::builtin();
    assert!(lib.failures.is_empty(), "{:?}", lib.failures);
    assert!(lib.checklist("default").is_some());
    for id in ["hit-and-run-swearing", "victim-family-delay"] {
        assert!(lib.scenario(id).is_some(), "{id} is missing from the pack");
    }
}

#[test]
fn every_scenario_is_complete() {
    let lib = Library::builtin();
    for e in lib.scenarios.iter().filter(|e| e.origin == Origin::Builtin) {
        let s = &e.scenario;
        assert!(s.stages.len() >= 3, "{}: {} stages", s.id, s.stages.len());
        assert!(s.facts.len() >= 3, "{}: {} facts", s.id, s.facts.len());
        for st in &s.stages {
            for band in Band::ALL {
                let n = st.lines.get(band).len();
                assert!(
                    n >= 3,
                    "{}: stage {} band {band:?} has {n} variants",
                    s.id,
                    st.id
                );
            }
        }
        for v in &e.checklist.violations {
            assert!(
                s.triggers.iter().any(|t| t.on == v.id),
                "{}: no trigger answers the violation {}",
                s.id,
                v.id
            );
        }
        for kind in EndingKind::ALL {
            assert!(
                s.ending(kind).next().is_some(),
                "{}: no {kind:?} ending",
                s.id
            );
        }
    }
}

#[test]
fn no_two_variants_of_a_line_are_identical() {
    let lib = Library::builtin();
    for e in lib.scenarios.iter().filter(|e| e.origin == Origin::Builtin) {
        let s = &e.scenario;
        let mut pools: Vec<(String, &Vec<String>)> = vec![("opening".into(), &s.opening)];
        for st in &s.stages {
            for band in Band::ALL {
                pools.push((
                    format!("{}/{band:?}", st.id),
                    match band {
                        Band::Furious => &st.lines.furious,
                        Band::Upset => &st.lines.upset,
                        Band::Guarded => &st.lines.guarded,
                        Band::Calm => &st.lines.calm,
                    },
                ));
            }
        }
        for (i, t) in s.triggers.iter().enumerate() {
            pools.push((format!("trigger {i} ({})", t.on), &t.lines));
        }
        for f in &s.facts {
            pools.push((format!("fact {}", f.id), &f.lines));
        }
        for (name, pool) in pools {
            let mut seen = HashSet::new();
            for line in pool {
                let key: String = line.split_whitespace().collect();
                assert!(seen.insert(key), "{}: {name} repeats \"{line}\"", s.id);
            }
        }
    }
}

#[test]
fn every_scenario_says_what_is_missing_and_can_end_partly_resolved() {
    let lib = Library::builtin();
    for e in lib.scenarios.iter().filter(|e| e.origin == Origin::Builtin) {
        let s = &e.scenario;
        assert!(
            s.ending(EndingKind::Partial).next().is_some(),
            "{}: no Partial ending",
            s.id
        );
        let stuck: usize = s.stuck.values().map(Vec::len).sum::<usize>()
            + s.stages
                .iter()
                .flat_map(|st| st.stuck.values())
                .map(Vec::len)
                .sum::<usize>();
        assert!(stuck >= 2, "{}: {stuck} stuck lines", s.id);
        // Every exit need has something to say when it is missing (stage or scenario).
        for st in &s.stages {
            for need in &st.exit.needs {
                if need.starts_with("ladder:") {
                    continue;
                }
                assert!(
                    st.stuck.contains_key(need) || s.stuck.contains_key(need),
                    "{}: stage {} needs {need} but has no stuck line for it",
                    s.id,
                    st.id
                );
            }
        }
    }
}

#[test]
fn a_line_that_mentions_a_card_waits_for_the_card() {
    const CARD: [&str; 6] = [
        "명함",
        "카드를 받아",
        "카드를 주머니",
        "카드를 손에",
        "카드 냉장고",
        "카드 잘 붙여",
    ];
    let mentions = |l: &str| CARD.iter().any(|c| l.contains(c));
    let lib = Library::builtin();
    for e in lib.scenarios.iter().filter(|e| e.origin == Origin::Builtin) {
        let s = &e.scenario;
        for st in &s.stages {
            for band in Band::ALL {
                for l in st.lines.get(band) {
                    assert!(
                        !mentions(l),
                        "{}: stage {} says \"{l}\" without a card",
                        s.id,
                        st.id
                    );
                }
            }
            for x in &st.extra {
                if x.lines.iter().any(|l| mentions(l)) {
                    assert!(
                        x.after.iter().any(|a| a == "give_card"),
                        "{}: {:?}",
                        s.id,
                        x.lines
                    );
                }
            }
        }
        for t in &s.triggers {
            if t.lines.iter().any(|l| mentions(l)) {
                assert!(
                    t.after.iter().any(|a| a == "give_card"),
                    "{}: trigger {} describes a card: {:?}",
                    s.id,
                    t.on,
                    t.lines
                );
            }
        }
        for l in s.opening.iter().chain(s.stuck.values().flatten()) {
            assert!(!mentions(l), "{}: \"{l}\" without a card", s.id);
        }
    }
}

/// Everything a scenario shows is in Hangul, Latin, digits and common symbols: the bundled
/// Korean font has no hanja, so "一日十人" would show as blank boxes.
#[test]
fn no_shown_text_needs_a_glyph_the_font_lacks() {
    let lib = Library::builtin();
    for e in &lib.scenarios {
        let text = ron::to_string(&*e.scenario).unwrap();
        let bad: Vec<char> = text
            .chars()
            .filter(|c| {
                ('\u{4E00}'..='\u{9FFF}').contains(c) || ('\u{3400}'..='\u{4DBF}').contains(c)
            })
            .collect();
        assert!(bad.is_empty(), "{}: {bad:?}", e.scenario.id);
    }
}

/// Hints and missed items quote a phrase that fits the story: every traffic scenario but the
/// fault-ratio one has its own paraphrase (the checklist's is about a signal dispute), and the
/// night desk introduces a 지구대 officer, not a traffic investigator.
#[test]
fn model_phrases_fit_their_scenario() {
    let lib = Library::builtin();
    for e in &lib.scenarios {
        let s = &e.scenario;
        if s.checklist != "default" || s.id == "fault-ratio-dispute" {
            continue;
        }
        let general = &e.checklist.item("paraphrase").unwrap().model_phrases;
        assert_ne!(
            s.phrase("paraphrase", general),
            general[0],
            "{}: the checklist's paraphrase is about another story",
            s.id
        );
    }
    let desk = lib.scenario("drunk-visitor-desk").unwrap();
    let intro = &desk.checklist.item("self_intro").unwrap().model_phrases;
    assert!(desk.scenario.phrase("self_intro", intro).contains("지구대"));
}
