//! The scorecard of a session: items met with evidence, violations with their words, ladder
//! faults, phase bars, total, grade, outcome and the most useful tips.

use serde::{Deserialize, Serialize};

use crate::analysis::Target;
use crate::engine::Session;
use crate::model::{Checklist, EndingKind, Phase, Rung, Timing};
use crate::practice::{Practice, PracticeResult};

/// A quotation from the conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The trainee turn, 1-based.
    pub turn: u32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemResult {
    pub id: String,
    pub title: String,
    pub phase: Phase,
    pub weight: u32,
    /// False when the item does not apply to this session (no abuse to answer, weight 0).
    pub applicable: bool,
    pub met: bool,
    /// Where it was shown at a sensible moment.
    pub evidence: Option<Evidence>,
    /// Where it was shown, but not at a sensible moment (a greeting at turn 6).
    pub mistimed: Option<Evidence>,
    /// A phrase to learn from.
    pub model_phrase: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViolationResult {
    pub id: String,
    pub title: String,
    pub turn: u32,
    pub text: String,
    pub penalty: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LadderResult {
    pub turn: u32,
    /// Serialised as its id (`ladder:warn`).
    #[serde(serialize_with = "rung_id", deserialize_with = "rung_of_id")]
    pub rung: Rung,
    pub problem: String,
    pub text: String,
    pub penalty: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhaseScore {
    pub phase: Phase,
    pub label: String,
    /// 0.0–1.0.
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tip {
    pub title: String,
    pub advice: String,
    pub phrase: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactResult {
    pub id: String,
    pub title: String,
    pub disclosed: bool,
    pub turn: Option<u32>,
}

/// The result of a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    /// The station's signature practice, first on the scorecard: kept or not, and why. Missing
    /// it (where it applies) caps the total at [`crate::practice::missed_cap`], below an A.
    /// Absent when no practice was chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practice: Option<PracticeResult>,
    pub scenario: String,
    pub title: String,
    pub seed: u64,
    /// 0–100.
    pub total: u32,
    pub grade: Grade,
    pub grade_label: String,
    /// Serialised as its id: `resolved`, `partial`, `walked_out`, `turn_limit`,
    /// `ended_by_trainee`.
    #[serde(serialize_with = "outcome_id", deserialize_with = "outcome_of_id")]
    pub outcome: EndingKind,
    pub outcome_label: String,
    pub outcome_summary: String,
    /// Points from items, 0–100, before penalties.
    pub item_points: f64,
    /// How deep the conversation went, 0–100: facts drawn out, stages completed, empathy
    /// before explanation, the mood at the end.
    pub depth_points: f64,
    /// Points of penalty for violations, ladder faults and the outcome.
    pub penalty_points: u32,
    /// Items and depth together, 0–100: what the total is taken from.
    pub earned_points: f64,
    /// What the penalties actually took off: a share always, the rest in proportion to the
    /// credit earned (`scoring.penalty_base_percent`).
    pub deducted_points: f64,
    /// The highest total the outcome and the practice allow (100, the walk-out or partial
    /// cap, or the missed-practice cap, whichever is lowest).
    pub cap: u32,
    /// Share of `earned_points` (0–100 percent) that comes from depth; the rest is items.
    pub depth_percent: u32,
    pub items: Vec<ItemResult>,
    pub violations: Vec<ViolationResult>,
    pub ladder: Vec<LadderResult>,
    pub phases: Vec<PhaseScore>,
    pub tips: Vec<Tip>,
    pub facts: Vec<FactResult>,
    pub turn_count: u32,
}

/// How the total was reached, in whole points that add up exactly:
/// `items + depth = earned`, `earned − deducted = before_limits`, and `total` is `before_limits`
/// held within 0 and `cap`. Rounded once, at the sums, so the parts never disagree with the
/// total by a point of rounding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Breakdown {
    /// Points from the checklist items (their share of the total).
    pub items: i64,
    /// Points from the depth of the conversation (its share of the total).
    pub depth: i64,
    /// `items + depth`.
    pub earned: i64,
    /// Points the penalties took off.
    pub deducted: i64,
    /// `earned − deducted`; below 0 or above `cap` before the total is held to them.
    pub before_limits: i64,
    /// Penalty points before they were scaled (violations, ladder faults, the outcome).
    pub penalty_points: u32,
    /// Percent of `penalty_points` that was taken off.
    pub penalty_percent: u32,
    /// Percent of the total that comes from items and from depth.
    pub items_percent: u32,
    pub depth_percent: u32,
    /// The cap (of the outcome or of a missed practice), when it lowered the total.
    pub capped_at: Option<u32>,
    /// The total was held at 0.
    pub floored: bool,
    pub total: u32,
}

impl Scorecard {
    /// The total taken apart into whole points that add up (see [`Breakdown`]): what the CLI
    /// and the app both show.
    pub fn breakdown(&self) -> Breakdown {
        let share = f64::from(self.depth_percent.min(100)) / 100.0;
        let earned = self.earned_points.round() as i64;
        let items = (self.item_points * (1.0 - share)).round() as i64;
        let before_limits = (self.earned_points - self.deducted_points).round() as i64;
        let penalty_percent = if self.penalty_points == 0 {
            0
        } else {
            (100.0 * self.deducted_points / f64::from(self.penalty_points))
                .round()
                .clamp(0.0, 100.0) as u32
        };
        Breakdown {
            items,
            depth: earned - items,
            earned,
            deducted: earned - before_limits,
            before_limits,
            penalty_points: self.penalty_points,
            penalty_percent,
            items_percent: 100 - self.depth_percent.min(100),
            depth_percent: self.depth_percent.min(100),
            capped_at: (before_limits > i64::from(self.cap)).then_some(self.cap),
            floored: before_limits < 0,
            total: self.total,
        }
    }
}

/// A letter grade; serialised as its letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    A,
    B,
    C,
    D,
    F,
}

impl Grade {
    /// The grade of a total.
    pub const ALL: [Grade; 5] = [Grade::A, Grade::B, Grade::C, Grade::D, Grade::F];

    /// The lowest total with this grade.
    pub fn min_total(self) -> u32 {
        match self {
            Grade::A => 90,
            Grade::B => 80,
            Grade::C => 70,
            Grade::D => 60,
            Grade::F => 0,
        }
    }

    pub fn of(total: u32) -> Grade {
        match total {
            90.. => Grade::A,
            80..=89 => Grade::B,
            70..=79 => Grade::C,
            60..=69 => Grade::D,
            _ => Grade::F,
        }
    }

    /// The lowest total that earns this grade (A: 90); a cap one below it keeps a scorecard
    /// from reaching the grade.
    pub fn lowest_total(self) -> u32 {
        match self {
            Grade::A => 90,
            Grade::B => 80,
            Grade::C => 70,
            Grade::D => 60,
            Grade::F => 0,
        }
    }

    pub fn letter(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
            Grade::F => "F",
        }
    }

    /// The Korean label (`우수`).
    pub fn label(self) -> &'static str {
        match self {
            Grade::A => "우수",
            Grade::B => "양호",
            Grade::C => "보통",
            Grade::D => "미흡",
            Grade::F => "부족",
        }
    }
}

impl std::fmt::Display for Grade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.letter())
    }
}

fn rung_id<S: serde::Serializer>(rung: &Rung, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(rung.id())
}

fn rung_of_id<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Rung, D::Error> {
    let id = String::deserialize(d)?;
    Rung::from_id(&id).ok_or_else(|| serde::de::Error::custom(format!("unknown rung {id:?}")))
}

fn outcome_of_id<'de, D: serde::Deserializer<'de>>(d: D) -> Result<EndingKind, D::Error> {
    let id = String::deserialize(d)?;
    EndingKind::ALL
        .into_iter()
        .find(|k| k.id() == id)
        .ok_or_else(|| serde::de::Error::custom(format!("unknown outcome {id:?}")))
}

fn outcome_id<S: serde::Serializer>(kind: &EndingKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(kind.id())
}

/// The sum of points, held at `u32::MAX` rather than wrapping.
fn saturating_sum(points: impl IntoIterator<Item = u32>) -> u32 {
    points.into_iter().fold(0, u32::saturating_add)
}

/// Penalties above this count make the composure bar empty.
const COMPOSURE_SCALE: f64 = 30.0;

/// Scores a session (finished or not: an unfinished one is scored as it stands), with no
/// signature practice.
pub fn score(session: &Session) -> Scorecard {
    score_with(session, None)
}

/// Scores a session under the station's signature practice, if one is chosen: the practice
/// is judged first and shown first; missing it where it applies caps the total below an A
/// ([`crate::practice::missed_cap`]) and makes it the first tip.
pub fn score_with(session: &Session, practice: Option<&Practice>) -> Scorecard {
    let scenario = session.scenario();
    let checklist = session.checklist();
    let turns = session.turns();
    let last = turns.len() as u32;

    let in_time = |timing: Timing, number: u32, abused: bool| timing.counts(number, last, abused);

    let mut items = Vec::with_capacity(checklist.items.len());
    for (i, item) in checklist.items.iter().enumerate() {
        let weight = session.compiled().weight(i);
        let applicable = weight > 0 && (item.when != Timing::WhenAbused || session.abused());
        let is_ladder_item = checklist.ladder_index() == Some(i);
        let mut evidence = None;
        let mut mistimed = None;
        for t in turns {
            let Some(hit) = t.analysis.hit(Target::Item(i)) else {
                continue;
            };
            // The engine keeps the boundary item only where a rung was climbed in order
            // (`Session::respond`), so that hit is always in time; its evidence is the sentence
            // that climbed it.
            let proper = is_ladder_item || in_time(item.when, t.number, t.abused);
            let quote = if is_ladder_item {
                t.rungs
                    .first()
                    .and_then(|&r| t.analysis.hit(Target::Rung(r)))
                    .unwrap_or(hit)
                    .quote
                    .clone()
            } else {
                hit.quote.clone()
            };
            let ev = Evidence {
                turn: t.number,
                text: quote,
            };
            if proper {
                evidence = Some(ev);
                break;
            }
            mistimed.get_or_insert(ev);
        }
        items.push(ItemResult {
            id: item.id.clone(),
            title: item.title.clone(),
            phase: item.phase,
            weight,
            applicable,
            met: applicable && evidence.is_some(),
            evidence,
            mistimed,
            model_phrase: scenario.phrase(&item.id, &item.model_phrases).to_owned(),
        });
    }

    let mut violations = Vec::new();
    for t in turns {
        for hit in t.analysis.violations() {
            if let Target::Violation(v) = hit.target {
                let violation = &checklist.violations[v];
                violations.push(ViolationResult {
                    id: violation.id.clone(),
                    title: violation.title.clone(),
                    turn: t.number,
                    text: hit.quote.clone(),
                    penalty: violation.penalty,
                });
            }
        }
    }
    let ladder: Vec<LadderResult> = turns
        .iter()
        .flat_map(|t| t.ladder_faults.iter())
        .map(|f| LadderResult {
            turn: f.turn,
            rung: f.rung,
            problem: f.describe(checklist),
            text: f.text.clone(),
            penalty: checklist.ladder_penalty,
        })
        .collect();

    // Summed wide: validation bounds weights, but an unvalidated checklist must not overflow.
    let applicable_weight: u64 = items
        .iter()
        .filter(|r| r.applicable)
        .map(|r| u64::from(r.weight))
        .sum();
    let met_weight: u64 = items
        .iter()
        .filter(|r| r.met)
        .map(|r| u64::from(r.weight))
        .sum();
    let item_points = if applicable_weight == 0 {
        0.0
    } else {
        100.0 * met_weight as f64 / applicable_weight as f64
    };

    let depth_points = 100.0 * depth(session, &items);
    let (outcome, outcome_summary) = match session.ended() {
        Some(e) => (e.kind, scenario.endings[e.index].summary.clone()),
        None => (EndingKind::EndedByTrainee, String::new()),
    };
    let violation_points = saturating_sum(violations.iter().map(|v| v.penalty));
    let ladder_points = saturating_sum(ladder.iter().map(|l| l.penalty));
    let outcome_points = checklist
        .outcome_penalty
        .get(outcome.id())
        .copied()
        .unwrap_or(0);
    let penalty_points = saturating_sum([violation_points, ladder_points, outcome_points]);
    let tuning = &scenario.scoring;
    let share = tuning.depth_percent.min(100) as f64 / 100.0;
    let earned = item_points * (1.0 - share) + depth_points * share;
    let outcome_cap = match session.ended().map(|e| e.kind) {
        Some(EndingKind::WalkedOut) => tuning.walked_out_cap,
        Some(EndingKind::Partial) => tuning.partial_cap,
        _ => 100,
    };
    let practice_result = practice.map(|p| p.result(session));
    let practice_missed = practice_result
        .as_ref()
        .is_some_and(|r| r.applicable && !r.kept);
    let cap = if practice_missed {
        outcome_cap.min(crate::practice::missed_cap())
    } else {
        outcome_cap
    };
    let base = tuning.penalty_base_percent.min(100) as f64 / 100.0;
    let deducted = penalty_points as f64 * (base + (1.0 - base) * earned / 100.0);
    let total = (earned - deducted).round().clamp(0.0, cap.min(100) as f64) as u32;
    let grade = Grade::of(total);

    let phases = Phase::ALL
        .iter()
        .map(|&phase| {
            let in_phase: Vec<&ItemResult> = items
                .iter()
                .filter(|r| r.phase == phase && r.applicable)
                .collect();
            let w: u64 = in_phase.iter().map(|r| u64::from(r.weight)).sum();
            let m: u64 = in_phase
                .iter()
                .filter(|r| r.met)
                .map(|r| u64::from(r.weight))
                .sum();
            let items_share = (w > 0).then(|| m as f64 / w as f64);
            let score = if phase == Phase::Composure {
                let faults = f64::from(violation_points) + f64::from(ladder_points);
                let calm = 1.0 - (faults / COMPOSURE_SCALE).min(1.0);
                items_share.map_or(calm, |s| (s + calm) / 2.0)
            } else {
                items_share.unwrap_or(1.0)
            };
            PhaseScore {
                phase,
                label: phase.label().to_owned(),
                score,
            }
        })
        .collect();

    let mut tips = tips(scenario, checklist, &items, &violations, &ladder);
    if let (true, Some(p), Some(r)) = (practice_missed, practice, &practice_result) {
        tips.insert(
            0,
            Tip {
                title: format!("우리 서 시책: {}", p.title),
                advice: format!("{} {}", r.why, p.description),
                phrase: p.phrase.clone(),
            },
        );
        tips.truncate(3);
    }

    let facts = scenario
        .facts
        .iter()
        .enumerate()
        .map(|(i, f)| FactResult {
            id: f.id.clone(),
            title: f.title.clone(),
            disclosed: session.disclosed()[i],
            turn: turns
                .iter()
                .find(|t| t.disclosed == Some(i))
                .map(|t| t.number),
        })
        .collect();

    Scorecard {
        practice: practice_result,
        scenario: scenario.id.clone(),
        title: scenario.title.clone(),
        seed: session.seed(),
        total,
        grade,
        grade_label: grade.label().to_owned(),
        outcome,
        outcome_label: outcome.label().to_owned(),
        outcome_summary,
        item_points,
        depth_points,
        penalty_points,
        earned_points: earned,
        deducted_points: deducted,
        cap: cap.min(100),
        depth_percent: tuning.depth_percent.min(100),
        items,
        violations,
        ladder,
        phases,
        tips,
        facts,
        turn_count: last,
    }
}

/// How deep the conversation went, 0.0–1.0, from what the session knows: the share of facts
/// drawn out, of stages completed, empathy shown before the procedure is explained, and the
/// complainant's mood at the end; weighted by the scenario's `scoring`.
fn depth(session: &Session, items: &[ItemResult]) -> f64 {
    let scenario = session.scenario();
    let t = &scenario.scoring;
    let facts = if scenario.facts.is_empty() {
        1.0
    } else {
        session.disclosed().iter().filter(|&&d| d).count() as f64 / scenario.facts.len() as f64
    };
    let resolved = session
        .ended()
        .is_some_and(|e| e.kind == EndingKind::Resolved);
    let stages = if resolved || scenario.stages.len() <= 1 {
        1.0
    } else {
        session.stage() as f64 / (scenario.stages.len() - 1) as f64
    };
    let first_turn = |id: &str| {
        items
            .iter()
            .find(|r| r.id == id)
            .and_then(|r| r.evidence.as_ref().or(r.mistimed.as_ref()))
            .map(|e| e.turn)
    };
    let empathy_applies = items.iter().any(|r| r.id == "empathy" && r.applicable);
    let empathy_first = if !empathy_applies {
        1.0
    } else {
        match (first_turn("empathy"), first_turn("explain_procedure")) {
            (Some(e), Some(x)) if e <= x => 1.0,
            (Some(_), None) => 1.0,
            (Some(_), Some(_)) => 0.5,
            (None, _) => 0.0,
        }
    };
    let m = session.mood();
    let mood = ((100 - m.anger) + m.trust) as f64 / 200.0;
    let parts = [
        (t.facts_weight, facts),
        (t.stages_weight, stages),
        (t.empathy_first_weight, empathy_first),
        (t.mood_weight, mood),
    ];
    let w: u64 = parts.iter().map(|&(w, _)| u64::from(w)).sum();
    if w == 0 {
        return 1.0;
    }
    parts.iter().map(|&(w, v)| f64::from(w) * v).sum::<f64>() / w as f64
}

/// The three most useful tips: the costliest violations and the heaviest missed items, each
/// with a phrase to say instead.
fn tips(
    scenario: &crate::model::Scenario,
    checklist: &Checklist,
    items: &[ItemResult],
    violations: &[ViolationResult],
    ladder: &[LadderResult],
) -> Vec<Tip> {
    let mut candidates: Vec<(u32, Tip)> = Vec::new();
    for v in &checklist.violations {
        let found: Vec<&ViolationResult> = violations.iter().filter(|r| r.id == v.id).collect();
        if let Some(first) = found.first() {
            let cost = saturating_sum(found.iter().map(|r| r.penalty));
            candidates.push((
                cost.saturating_mul(3) / 2,
                Tip {
                    title: format!("{} ({}회)", v.title, found.len()),
                    advice: format!(
                        "{}번째 응답: \"{}\" — {}",
                        first.turn, first.text, v.guidance
                    ),
                    phrase: scenario.phrase(&v.id, &v.instead).to_owned(),
                },
            ));
        }
    }
    if let Some(first) = ladder.first() {
        let step = crate::model::Rung::ALL
            .into_iter()
            .find(|r| *r == first.rung)
            .and_then(|r| checklist.step(r));
        candidates.push((
            saturating_sum(ladder.iter().map(|l| l.penalty)).saturating_mul(3) / 2,
            Tip {
                title: "특이민원 대응 단계".to_owned(),
                advice: format!(
                    "{}번째 응답: {}. {}",
                    first.turn,
                    first.problem,
                    step.map_or("", |s| s.guidance.as_str())
                ),
                phrase: checklist.ladder.first().map_or(String::new(), |s| {
                    scenario.phrase(s.rung.id(), &s.model_phrases).to_owned()
                }),
            },
        ));
    }
    for r in items.iter().filter(|r| r.applicable && !r.met) {
        let guidance = checklist.item(&r.id).map_or("", |i| i.guidance.as_str());
        let advice = match &r.mistimed {
            Some(ev) => format!(
                "{}번째 응답에서 했지만 때가 맞지 않았습니다. {guidance}",
                ev.turn
            ),
            None => guidance.to_owned(),
        };
        candidates.push((
            r.weight,
            Tip {
                title: r.title.clone(),
                advice,
                phrase: r.model_phrase.clone(),
            },
        ));
    }
    // Stable sort keeps checklist order among equals.
    candidates.sort_by_key(|(v, _)| std::cmp::Reverse(*v));
    candidates.into_iter().take(3).map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Library;

    #[test]
    fn typed_results_serialise_to_the_contract_strings() {
        let l = LadderResult {
            turn: 2,
            rung: Rung::Warn,
            problem: String::new(),
            text: String::new(),
            penalty: 8,
        };
        let v = serde_json::to_value(&l).expect("json");
        assert_eq!(v["rung"], "ladder:warn");
        assert_eq!(serde_json::to_value(Grade::of(91)).expect("json"), "A");
        assert_eq!(Grade::of(59), Grade::F);
        assert_eq!(Grade::of(80).label(), "양호");
        let mut c = card();
        c.outcome = EndingKind::Partial;
        let v = serde_json::to_value(&c).expect("json");
        assert_eq!(v["outcome"], "partial");
        assert_eq!(v["grade"], c.grade.letter());
    }

    fn card() -> Scorecard {
        let lib = Library::builtin();
        let entry = lib
            .scenario("hit-and-run-swearing")
            .expect("built-in scenario");
        score(&entry.start(1))
    }

    #[test]
    fn breakdown_adds_up_where_rounding_each_part_would_not() {
        let mut c = card();
        // 68.4 − 11.6 = 56.8 → 57, while 68 − 12 would be 56.
        (c.item_points, c.depth_points, c.depth_percent) = (70.5, 60.0, 20);
        c.earned_points = 68.4;
        c.deducted_points = 11.6;
        c.penalty_points = 20;
        (c.cap, c.total) = (100, 57);
        let b = c.breakdown();
        assert_eq!((b.items, b.depth, b.earned), (56, 12, 68));
        assert_eq!((b.deducted, b.before_limits), (11, 57));
        assert_eq!(
            (b.penalty_percent, b.capped_at, b.floored),
            (58, None, false)
        );
        assert_eq!((b.items_percent, b.depth_percent), (80, 20));
    }

    #[test]
    fn breakdown_names_the_cap_and_the_floor_only_when_they_changed_the_total() {
        let mut c = card();
        c.earned_points = 80.0;
        c.deducted_points = 10.0;
        (c.cap, c.total) = (45, 45);
        let b = c.breakdown();
        assert_eq!((b.before_limits, b.capped_at, b.total), (70, Some(45), 45));
        (c.cap, c.deducted_points, c.total) = (89, 10.0, 70);
        assert_eq!(c.breakdown().capped_at, None);
        (c.cap, c.deducted_points, c.total) = (100, 95.0, 0);
        let b = c.breakdown();
        assert!(
            b.floored && b.capped_at.is_none() && b.before_limits == -15,
            "{b:?}"
        );
    }
}
