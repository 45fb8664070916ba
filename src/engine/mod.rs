//! A role-play session: the complainant's mood, stages, replies, facts, the abuse ladder and
//! endings. Deterministic for a given scenario, sequence of trainee turns and seed.

mod studio;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use serde::{Deserialize, Serialize};

use crate::analysis::{Analysis, Analyzer, Hit, Target};
use crate::model::checklist::LADDER_FAULT;
use crate::model::{
    Band, Channel, Checklist, Condition, EndingKind, Mood, MoodDelta, Phase, Rung, Scenario,
    TraineeTurn,
};

/// Where a complainant's line came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// The stage's lines for a mood band.
    Stage { stage: usize, band: Band },
    /// A trigger, by index in the scenario.
    Trigger { index: usize },
    /// A fact told, by index.
    Fact { index: usize },
    /// A fact asked for before the complainant trusts enough.
    Refusal { index: usize },
    /// An ending, by index.
    Ending { index: usize },
    /// The complainant's first words.
    Opening,
    /// What is missing in a stage that does not move: the stage's stuck lines (`stage` is
    /// `Some`) or the scenario's, by position of the key in its map.
    Stuck { stage: Option<usize>, key: usize },
}

/// One line of the complainant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    pub text: String,
    pub source: Source,
    /// Swearing, threats or contempt: the ladder applies from here on.
    pub abusive: bool,
    /// Harassment, violence, a weapon or self-harm: end at once with a report, no ladder.
    pub danger: bool,
}

/// A step of the ladder taken wrongly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LadderFault {
    pub turn: u32,
    pub rung: Rung,
    /// The step that should have come first; `None` when there was no abuse to answer.
    pub missing: Option<Rung>,
    pub text: String,
}

impl LadderFault {
    /// What went wrong, in Korean.
    pub fn describe(&self, checklist: &Checklist) -> String {
        let title = |r: Rung| {
            checklist
                .step(r)
                .map_or(r.id().to_owned(), |s| s.title.clone())
        };
        match self.missing {
            Some(m) => format!(
                "'{}' 전에 '{}' 단계를 건너뛰었습니다",
                title(self.rung),
                title(m)
            ),
            None => format!("욕설·폭언이 없었는데 '{}'을(를) 했습니다", title(self.rung)),
        }
    }
}

/// Everything that happened in one trainee turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnRecord {
    /// 1-based.
    pub number: u32,
    pub turn: TraineeTurn,
    pub analysis: Analysis,
    /// The stage the turn was spoken in.
    pub stage: usize,
    pub mood_before: Mood,
    pub mood_after: Mood,
    /// The complainant had been abusive before this turn.
    pub abused: bool,
    /// Rungs that were climbed properly in this turn.
    pub rungs: Vec<Rung>,
    pub ladder_faults: Vec<LadderFault>,
    /// A fact told in reply to this turn.
    pub disclosed: Option<usize>,
    /// The stage entered after this turn.
    pub advanced_to: Option<usize>,
    pub reply: Reply,
}

/// How the session ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ended {
    pub kind: EndingKind,
    /// Index of the ending in the scenario.
    pub index: usize,
    /// After the trainee's last turn (0 when ended before any turn).
    pub after_turn: u32,
}

/// What the current stage still needs before it moves on (in the last stage: what a resolved
/// ending needs), for the practice view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// An item, violation or rung id still to be shown (`empathy`, `ladder:record`).
    Shown(String),
    /// A fact still to be drawn out, by index.
    Fact(usize),
    /// The complainant is still too angry.
    Calmer,
    /// The complainant does not trust the officer enough yet.
    Trust,
}

/// A suggestion for a trainee who is stuck.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub title: String,
    pub why: String,
    pub phrase: String,
}

/// A scenario ready to play: checked, with its checklist and the analyser made for both. The
/// immutable story that every [`Session`] of it shares; only this can start a session.
#[derive(Debug)]
pub struct CompiledScenario {
    scenario: Arc<Scenario>,
    checklist: Arc<Checklist>,
    /// The checklist's analyser; the scenario's own cues are added on first use.
    base: Analyzer,
    analyzer: std::sync::OnceLock<Analyzer>,
    /// Index of the item the ladder earns (`boundary`).
    ladder_item: Option<usize>,
    /// Each item's weight in this scenario: the scenario's own or the checklist's.
    weights: Vec<u32>,
}

/// Why a scenario cannot be played.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompileError {
    #[error("시나리오 \"{0}\"에 단계(stages)가 없어 상담을 시작할 수 없습니다")]
    NoStages(String),
    #[error(
        "시나리오 \"{scenario}\"는 체크리스트 \"{wanted}\"를 쓰는데 \"{given}\"의 분석기가 주어졌습니다"
    )]
    Checklist {
        scenario: String,
        wanted: String,
        given: String,
    },
}

impl CompiledScenario {
    /// Compiles a scenario with its checklist; `base` is the checklist's analyser
    /// ([`Analyzer::new`]), shared by every scenario of that checklist.
    pub fn compile(
        scenario: Arc<Scenario>,
        checklist: Arc<Checklist>,
        base: &Analyzer,
    ) -> Result<CompiledScenario, CompileError> {
        if scenario.stages.is_empty() {
            return Err(CompileError::NoStages(scenario.id.clone()));
        }
        if base.checklist_id() != checklist.id {
            return Err(CompileError::Checklist {
                scenario: scenario.id.clone(),
                wanted: checklist.id.clone(),
                given: base.checklist_id().to_owned(),
            });
        }
        let ladder_item = checklist.ladder_index();
        let weights = checklist
            .items
            .iter()
            .map(|item| {
                scenario
                    .weights
                    .get(&item.id)
                    .copied()
                    .unwrap_or(item.weight)
            })
            .collect();
        Ok(CompiledScenario {
            scenario,
            checklist,
            base: base.clone(),
            analyzer: std::sync::OnceLock::new(),
            ladder_item,
            weights,
        })
    }

    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    pub fn checklist(&self) -> &Arc<Checklist> {
        &self.checklist
    }

    /// The weight of item `index` in this scenario (0 when it does not apply).
    pub fn weight(&self, index: usize) -> u32 {
        self.weights.get(index).copied().unwrap_or(0)
    }

    /// The analyser of this scenario: its checklist's cues and its own, built once.
    pub fn analyzer(&self) -> &Analyzer {
        self.analyzer
            .get_or_init(|| self.base.for_scenario(&self.checklist, &self.scenario))
    }
}

/// A role-play in progress: the scenario it plays, and the state that changes.
#[derive(Debug)]
pub struct Session {
    compiled: Arc<CompiledScenario>,
    rng: ChaCha8Rng,
    state: SessionState,
}

/// The version of [`SessionState`]'s format; a saved state of another version is refused.
pub const SESSION_STATE_VERSION: u32 = 1;

/// Everything about a session that changes as it is played, apart from the scenario it plays:
/// what records and crash recovery store, and what [`Session::resume`] continues from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionState {
    pub version: u32,
    /// The scenario it belongs to.
    pub scenario: String,
    pub seed: u64,
    /// How far the complainant's random choices have gone (the generator's word position).
    rng_position: u64,
    mood: Mood,
    stage: usize,
    stage_turns: u32,
    opening: Reply,
    turns: Vec<TurnRecord>,
    item_counts: Vec<u32>,
    /// Items and rungs shown so far, by id (for `needs`).
    shown: BTreeSet<String>,
    disclosed: Vec<bool>,
    fired: BTreeSet<usize>,
    abused: bool,
    climbed: Vec<Rung>,
    ended: Option<Ended>,
    /// The complainant's last words when the trainee ended the session.
    closing_reply: Option<Reply>,
    /// Every line the complainant has said, with the turn it was last said at.
    said: BTreeMap<String, u32>,
    /// Actions the trainee has taken, by id (`give_card`).
    given: BTreeSet<String>,
    /// Trainee turns with a violation or a ladder fault.
    fault_turns: u32,
    /// The trainee has been abusive (one of the scenario's `patience.abusive` violations).
    abusive_officer: bool,
    /// Turns of listening work in the current stage.
    stage_listening: u32,
    /// Neutral questions asked so far (their effect fades like an item's).
    questions: u32,
}

/// Why a saved state cannot be resumed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResumeError {
    #[error(
        "저장된 상담의 형식(버전 {0})을 이 프로그램은 읽지 못합니다 (버전 {SESSION_STATE_VERSION})"
    )]
    Version(u32),
    #[error("저장된 상담은 시나리오 \"{saved}\"의 것인데 \"{given}\"로 이어 가려고 했습니다")]
    Scenario { saved: String, given: String },
    #[error("저장된 상담이 지금의 시나리오 파일과 맞지 않습니다 (시나리오가 바뀐 것 같습니다)")]
    Mismatch,
}

/// Anger at which a complainant walks out unless the scenario says otherwise.
pub const WALK_OUT_ANGER: i32 = 100;

impl Session {
    /// Starts a session of a compiled scenario: the complainant speaks first.
    pub fn new(compiled: Arc<CompiledScenario>, seed: u64) -> Session {
        let (scenario, checklist) = (&compiled.scenario, &compiled.checklist);
        let state = SessionState {
            version: SESSION_STATE_VERSION,
            scenario: scenario.id.clone(),
            seed,
            rng_position: 0,
            // Validation keeps the mood within 0–100; an unvalidated scenario is held to it too.
            mood: scenario.mood.clamped(),
            item_counts: vec![0; checklist.items.len()],
            disclosed: vec![false; scenario.facts.len()],
            stage: 0,
            stage_turns: 0,
            opening: Reply {
                text: String::new(),
                source: Source::Stage {
                    stage: 0,
                    band: Band::Calm,
                },
                abusive: false,
                danger: false,
            },
            turns: Vec::new(),
            shown: BTreeSet::new(),
            fired: BTreeSet::new(),
            abused: false,
            climbed: Vec::new(),
            ended: None,
            closing_reply: None,
            said: BTreeMap::new(),
            given: BTreeSet::new(),
            fault_turns: 0,
            abusive_officer: false,
            stage_listening: 0,
            questions: 0,
        };
        let mut s = Session {
            rng: ChaCha8Rng::seed_from_u64(seed),
            compiled,
            state,
        };
        s.state.opening = if s.compiled.scenario.opening.is_empty() {
            s.stage_line()
        } else {
            s.line(Source::Opening)
        };
        s.state.said.insert(s.state.opening.text.clone(), 0);
        s.state.abused |= s.state.opening.abusive || s.state.opening.danger;
        s
    }

    /// The state that changes, to save and later [`Session::resume`].
    pub fn state(&self) -> SessionState {
        let mut state = self.state.clone();
        // A session never draws 2^64 words; the position fits.
        state.rng_position = u64::try_from(self.rng.get_word_pos()).unwrap_or(u64::MAX);
        state
    }

    /// Continues a saved session of a compiled scenario exactly where it was.
    pub fn resume(
        compiled: Arc<CompiledScenario>,
        state: SessionState,
    ) -> Result<Session, ResumeError> {
        if state.version != SESSION_STATE_VERSION {
            return Err(ResumeError::Version(state.version));
        }
        let (scenario, checklist) = (&compiled.scenario, &compiled.checklist);
        if state.scenario != scenario.id {
            return Err(ResumeError::Scenario {
                saved: state.scenario,
                given: scenario.id.clone(),
            });
        }
        // A state made for another version of the scenario could index past its stages, facts
        // or items: refuse it rather than panic later.
        let fits = state.stage < scenario.stages.len()
            && state.item_counts.len() == checklist.items.len()
            && state.disclosed.len() == scenario.facts.len()
            && state
                .ended
                .as_ref()
                .is_none_or(|e| e.index < scenario.endings.len())
            && state.turns.iter().all(|t| t.stage < scenario.stages.len());
        if !fits {
            return Err(ResumeError::Mismatch);
        }
        let mut rng = ChaCha8Rng::seed_from_u64(state.seed);
        rng.set_word_pos(u128::from(state.rng_position));
        Ok(Session {
            compiled,
            rng,
            state,
        })
    }

    /// The compiled scenario this session plays.
    pub fn compiled(&self) -> &Arc<CompiledScenario> {
        &self.compiled
    }

    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.compiled.scenario
    }

    pub fn checklist(&self) -> &Arc<Checklist> {
        &self.compiled.checklist
    }

    pub fn analyzer(&self) -> &Analyzer {
        self.compiled.analyzer()
    }

    pub fn seed(&self) -> u64 {
        self.state.seed
    }

    pub fn mood(&self) -> Mood {
        self.state.mood
    }

    pub fn band(&self) -> Band {
        Band::of(self.state.mood)
    }

    /// Index of the current stage.
    pub fn stage(&self) -> usize {
        self.state.stage
    }

    /// The complainant's first line.
    pub fn opening(&self) -> &Reply {
        &self.state.opening
    }

    pub fn turns(&self) -> &[TurnRecord] {
        &self.state.turns
    }

    pub fn ended(&self) -> Option<&Ended> {
        self.state.ended.as_ref()
    }

    pub fn is_over(&self) -> bool {
        self.state.ended.is_some()
    }

    /// The complainant has sworn at or threatened the trainee at some point.
    pub fn abused(&self) -> bool {
        self.state.abused
    }

    /// Facts told so far.
    pub fn disclosed(&self) -> &[bool] {
        &self.state.disclosed
    }

    /// Rungs of the ladder climbed properly so far, in order.
    pub fn climbed(&self) -> &[Rung] {
        &self.state.climbed
    }

    /// The complainant's last words.
    pub fn last_reply(&self) -> &Reply {
        self.state
            .closing_reply
            .as_ref()
            .or(self.state.turns.last().map(|t| &t.reply))
            .unwrap_or(&self.state.opening)
    }

    /// The complainant's words after the trainee pressed "상담 종료", if they did.
    pub fn closing_reply(&self) -> Option<&Reply> {
        self.state.closing_reply.as_ref()
    }

    /// Plays one trainee turn and returns what happened. After the session has ended the turn
    /// is ignored and `None` is returned.
    pub fn respond(&mut self, turn: TraineeTurn) -> Option<&TurnRecord> {
        if self.state.ended.is_some() {
            return None;
        }
        let mut turn = turn;
        if self.compiled.scenario.channel == Channel::Phone {
            // On the telephone a bow or an offered seat cannot be seen.
            turn.actions.retain(|a| !a.is_physical());
        }
        let number = self.state.turns.len() as u32 + 1;
        let analysis = self.compiled.analyzer().analyze(&turn);
        let mood_before = self.state.mood;
        let stage = self.state.stage;
        let abused = self.state.abused;

        let mut analysis = analysis;
        for a in &analysis.actions {
            self.state.given.insert(a.id().to_owned());
        }
        let (rungs, ladder_faults) = self.climb(number, &analysis);
        if rungs.is_empty()
            && let Some(b) = self.compiled.ladder_item
        {
            // The words of the ladder earn the item only when the step was taken in order.
            analysis.hits.retain(|h| h.target != Target::Item(b));
        }
        let patience = &self.compiled.scenario.patience;
        let abusive_turn = analysis.violations().any(|h| match h.target {
            Target::Violation(v) => patience
                .abusive
                .contains(&self.compiled.checklist.violations[v].id),
            _ => false,
        });
        let faulty = analysis.violations().next().is_some() || !ladder_faults.is_empty();
        // A single slip from an otherwise polite officer stings less than sustained
        // provocation; an abusive officer is felt in full at once.
        let sting = if faulty && self.state.fault_turns == 0 && !abusive_turn {
            patience.first_fault_percent
        } else {
            100
        };
        if faulty {
            self.state.fault_turns += 1;
        }
        self.state.abusive_officer |= abusive_turn;
        let scaled = |d: MoodDelta| d.percent(sting);
        let mut delta = MoodDelta::default();
        let mut useful = false;
        let mut listening = false;
        for hit in &analysis.hits {
            match hit.target {
                Target::Item(i) => {
                    self.state.item_counts[i] += 1;
                    let item = &self.compiled.checklist.items[i];
                    self.state.shown.insert(item.id.clone());
                    listening |= self.compiled.scenario.patience.listening.contains(&item.id);
                    delta += self
                        .effect(&item.id, item.mood)
                        .damped(self.state.item_counts[i] as i32);
                    useful = true;
                }
                Target::Violation(v) => {
                    let violation = &self.compiled.checklist.violations[v];
                    delta += scaled(self.effect(&violation.id, violation.mood));
                    useful = true;
                }
                Target::Fact(_) => {
                    listening |= !faulty;
                    useful = true;
                }
                Target::Rung(_) => useful = true,
            }
        }
        // A neutral question the case needs is listening work too, with or without a fact
        // behind it.
        if !faulty && !listening && self.asks_a_question(&analysis) {
            self.state.questions += 1;
            delta += self
                .compiled
                .scenario
                .patience
                .question
                .damped(self.state.questions as i32);
            listening = true;
            useful = true;
        }
        for &r in &rungs {
            self.state.shown.insert(r.id().to_owned());
            let base = self
                .compiled
                .checklist
                .step(r)
                .map(|s| s.mood)
                .unwrap_or_default();
            delta += self.effect(r.id(), base);
        }
        for _ in &ladder_faults {
            delta += scaled(self.compiled.checklist.ladder_fault_mood);
        }
        if !useful {
            delta += self.compiled.checklist.idle;
        }
        self.state.mood = self.state.mood.moved(delta);
        self.state.stage_turns += 1;
        if listening {
            self.state.stage_listening += 1;
        }

        // A fact, if asked for and the complainant is not busy reacting to a hurtful remark.
        // When several are asked, the last question is the one answered.
        let mut disclosed = None;
        let mut refused = None;
        // Decided once, in the stage the remark was made in, and answered below.
        let hurt = self
            .trigger_for(&self.event_ids(analysis.violations()))
            .or_else(|| {
                (!ladder_faults.is_empty())
                    .then(|| self.trigger_for(&[LADDER_FAULT.to_owned()]))
                    .flatten()
            });
        let asked = analysis
            .facts()
            .filter(|&f| !self.state.disclosed[f])
            .last();
        if let Some(f) = asked.filter(|_| hurt.is_none()) {
            if self.state.mood.trust >= self.compiled.scenario.facts[f].min_trust {
                self.state.disclosed[f] = true;
                disclosed = Some(f);
            } else if analysis
                .hit(Target::Fact(f))
                .is_some_and(|h| is_question(&h.quote))
            {
                // Only a question is refused; a mention while explaining is let pass.
                refused = Some(f);
            }
        }

        // Moving on to the next stage.
        let mut advanced_to = None;
        if self.state.stage + 1 < self.compiled.scenario.stages.len() {
            let exit = self.compiled.scenario.stages[self.state.stage].exit.clone();
            if self.holds(&exit, &analysis, &rungs) || self.waived(&exit, &analysis, &rungs) {
                self.state.stage += 1;
                self.state.stage_turns = 0;
                self.state.stage_listening = 0;
                advanced_to = Some(self.state.stage);
            }
        }

        let ending = self.find_ending(number, &analysis, &rungs);
        let reply = match ending {
            Some((kind, index)) => {
                self.state.ended = Some(Ended {
                    kind,
                    index,
                    after_turn: number,
                });
                // Ending the conversation at the top of the ladder may have its own answer.
                let answered = (kind == EndingKind::EndedByTrainee && rungs.contains(&Rung::End))
                    .then(|| self.fire_trigger(&[Rung::End.id().to_owned()]))
                    .flatten();
                answered.unwrap_or_else(|| self.line(Source::Ending { index }))
            }
            None => self.choose_reply(&analysis, hurt, &rungs, disclosed, refused, advanced_to),
        };
        self.state.abused |= reply.abusive || reply.danger;
        self.state.said.insert(reply.text.clone(), number);
        self.state.turns.push(TurnRecord {
            number,
            turn,
            analysis,
            stage,
            mood_before,
            mood_after: self.state.mood,
            abused,
            rungs,
            ladder_faults,
            disclosed,
            advanced_to,
            reply,
        });
        self.state.turns.last()
    }

    /// The trainee presses "상담 종료". Returns the complainant's last words, which fit the
    /// mood they are left in.
    pub fn end_by_trainee(&mut self) -> Option<&Reply> {
        if self.state.ended.is_some() {
            return None;
        }
        let index = self.pick_ending(EndingKind::EndedByTrainee, None)?;
        let after_turn = self.state.turns.len() as u32;
        self.state.ended = Some(Ended {
            kind: EndingKind::EndedByTrainee,
            index,
            after_turn,
        });
        let reply = self.line(Source::Ending { index });
        self.state.closing_reply = Some(reply);
        self.state.closing_reply.as_ref()
    }

    /// The mood effect of an item, violation or rung: the scenario's, else the checklist's.
    fn effect(&self, id: &str, base: MoodDelta) -> MoodDelta {
        self.compiled
            .scenario
            .effects
            .get(id)
            .copied()
            .unwrap_or(base)
    }

    /// The complainant's last `patience.abuse_window` lines, newest first.
    fn recent_replies(&self) -> impl Iterator<Item = &Reply> {
        self.state
            .turns
            .iter()
            .rev()
            .map(|t| &t.reply)
            .chain(std::iter::once(&self.state.opening))
            .take(self.compiled.scenario.patience.abuse_window.max(1))
    }

    /// The complainant was abusive in one of their recent lines (the last three unless the
    /// scenario says otherwise): the ladder applies now.
    pub fn abuse_ongoing(&self) -> bool {
        self.recent_replies().any(|r| r.abusive || r.danger)
    }

    /// The complainant's recent behaviour was dangerous (harassment, violence, a weapon,
    /// self-harm): ending at once with a report is right, no ladder needed.
    pub fn danger_ongoing(&self) -> bool {
        self.recent_replies().any(|r| r.danger)
    }

    /// Trainee turns so far with a violation or a ladder fault.
    pub fn fault_turns(&self) -> u32 {
        self.state.fault_turns
    }

    /// Climbs the ladder with the rungs shown in a turn: which count, and which are faults.
    fn climb(&mut self, number: u32, analysis: &Analysis) -> (Vec<Rung>, Vec<LadderFault>) {
        let mut shown: Vec<Rung> = analysis.rungs().collect();
        shown.sort();
        let mut ok = Vec::new();
        let mut faults = Vec::new();
        let quote = |r: Rung| {
            analysis
                .hit(Target::Rung(r))
                .map(|h| h.quote.clone())
                .unwrap_or_default()
        };
        let provoked = self.abuse_ongoing();
        let danger = self.danger_ongoing();
        for rung in shown {
            if danger {
                // The immediate branch of the guideline: any step, the end included, is right.
                if !self.state.climbed.contains(&rung) {
                    self.state.climbed.push(rung);
                }
                ok.push(rung);
                continue;
            }
            if !provoked {
                // Recording and a polite close need no provocation; a request to stop swearing
                // or a legal warning to someone who is not (or no longer) abusive is itself an
                // insult.
                match rung {
                    Rung::Request | Rung::Warn => faults.push(LadderFault {
                        turn: number,
                        rung,
                        missing: None,
                        text: quote(rung),
                    }),
                    // A recording announced early still stands when the abuse comes.
                    Rung::Record if !self.state.climbed.contains(&rung) => {
                        self.state.climbed.push(rung)
                    }
                    _ => {}
                }
                continue;
            }
            let needed = match rung {
                Rung::Request => None,
                Rung::Record => Some(Rung::Request),
                Rung::Warn => Some(Rung::Record),
                Rung::End => Some(Rung::Warn),
            };
            let missing = needed.and_then(|n| {
                Rung::ALL
                    .into_iter()
                    .filter(|&r| r <= n)
                    .find(|r| !self.state.climbed.contains(r) && !ok.contains(r))
            });
            match missing {
                Some(m) => faults.push(LadderFault {
                    turn: number,
                    rung,
                    missing: Some(m),
                    text: quote(rung),
                }),
                None => {
                    if !self.state.climbed.contains(&rung) {
                        self.state.climbed.push(rung);
                    }
                    ok.push(rung);
                }
            }
        }
        (ok, faults)
    }

    /// True when `id` has happened in this session: an item or rung shown, an action taken,
    /// a fact told.
    fn happened(&self, id: &str) -> bool {
        self.state.shown.contains(id)
            || self.state.given.contains(id)
            || self
                .compiled
                .scenario
                .facts
                .iter()
                .position(|f| f.id == id)
                .is_some_and(|i| self.state.disclosed[i])
    }

    fn fact_disclosed(&self, id: &str) -> bool {
        self.compiled
            .scenario
            .facts
            .iter()
            .position(|f| f.id == id)
            .is_some_and(|i| self.state.disclosed[i])
    }

    fn holds(&self, c: &Condition, analysis: &Analysis, rungs: &[Rung]) -> bool {
        self.holds_with(c, analysis, rungs, 0, false)
            && c.needs.iter().all(|id| self.state.shown.contains(id))
    }

    /// Everything of `c` but its `needs`; anger and trust within `margin`, and the stage one
    /// short of `c.stage` allowed when `near_stage`.
    fn holds_with(
        &self,
        c: &Condition,
        analysis: &Analysis,
        rungs: &[Rung],
        margin: i32,
        near_stage: bool,
    ) -> bool {
        if self.state.stage_turns < c.min_turns {
            return false;
        }
        if c.max_anger
            .is_some_and(|m| self.state.mood.anger > m.saturating_add(margin))
            || c.min_anger.is_some_and(|m| self.state.mood.anger < m)
            || c.min_trust
                .is_some_and(|m| self.state.mood.trust < m.saturating_sub(margin))
        {
            return false;
        }
        if !c.facts.iter().all(|id| self.fact_disclosed(id)) {
            return false;
        }
        if let Some(stage) = &c.stage {
            let here = self.state.stage;
            let ok = match self.compiled.scenario.stage_index(stage) {
                Some(want) => here == want || (near_stage && here + 1 == want),
                None => false,
            };
            if !ok {
                return false;
            }
        }
        if let Some(on) = &c.on
            && !self.turn_shows(on, analysis, rungs)
        {
            return false;
        }
        true
    }

    /// A stage's exit that misses only one listening or empathy item, when the conversation
    /// has plainly done the stage's work: enough turns, enough listening, the mood and facts
    /// the exit asks for.
    fn waived(&self, c: &Condition, analysis: &Analysis, rungs: &[Rung]) -> bool {
        let p = &self.compiled.scenario.patience;
        if self.state.stage_turns < p.waive_after.max(c.min_turns)
            || self.state.stage_listening < p.listening_turns
        {
            return false;
        }
        let missing: Vec<&String> = c
            .needs
            .iter()
            .filter(|id| !self.state.shown.contains(*id))
            .collect();
        let listening_only = missing.iter().all(|id| {
            self.compiled
                .checklist
                .item(id)
                .is_some_and(|i| matches!(i.phase, Phase::Listen | Phase::Empathy))
        });
        missing.len() <= 1 && listening_only && self.holds_with(c, analysis, rungs, 0, false)
    }

    /// True when this turn showed the item, violation or rung `id`.
    fn turn_shows(&self, id: &str, analysis: &Analysis, rungs: &[Rung]) -> bool {
        if let Some(r) = Rung::from_id(id) {
            return rungs.contains(&r);
        }
        analysis.hits.iter().any(|h| {
            !matches!(h.target, Target::Rung(_))
                && h.target.id(&self.compiled.checklist) == Some(id)
        })
    }

    /// The ending of `kind` whose `when` fits the session now (mood, stage), else the first of
    /// that kind. `turn` is the analysis and rungs of the turn that ends it, if any.
    fn pick_ending(&self, kind: EndingKind, turn: Option<(&Analysis, &[Rung])>) -> Option<usize> {
        let empty = Analysis {
            text: String::new(),
            actions: Vec::new(),
            sentences: Vec::new(),
            level: crate::analysis::SpeechLevel::Neutral,
            hits: Vec::new(),
        };
        let (analysis, rungs) = turn.unwrap_or((&empty, &[]));
        let endings = &self.compiled.scenario.endings;
        endings
            .iter()
            .position(|e| e.kind == kind && self.holds(&e.when, analysis, rungs))
            .or_else(|| endings.iter().position(|e| e.kind == kind))
    }

    fn find_ending(
        &self,
        number: u32,
        analysis: &Analysis,
        rungs: &[Rung],
    ) -> Option<(EndingKind, usize)> {
        let p = &self.compiled.scenario.patience;
        let endings = &self.compiled.scenario.endings;
        let first = |kind: EndingKind, extra: &dyn Fn(&Condition) -> bool| {
            endings.iter().position(|e| {
                e.kind == kind && extra(&e.when) && self.holds(&e.when, analysis, rungs)
            })
        };
        // Walking out takes sustained provocation or an abusive officer.
        if self.state.abusive_officer || self.state.fault_turns >= p.faults_to_walk_out.max(1) {
            let walked = first(EndingKind::WalkedOut, &|c| {
                c.min_anger.is_some() || self.state.mood.anger >= p.walk_out_anger
            });
            if let Some(i) = walked {
                return Some((EndingKind::WalkedOut, i));
            }
        }
        if let Some(i) = first(EndingKind::Resolved, &|_| true) {
            return Some((EndingKind::Resolved, i));
        }
        // Announcing the end closes the conversation, whether or not the ladder was climbed.
        if analysis.rungs().any(|r| r == Rung::End)
            && let Some(i) = self.pick_ending(EndingKind::EndedByTrainee, Some((analysis, rungs)))
        {
            return Some((EndingKind::EndedByTrainee, i));
        }
        // A courteous farewell ends by band, not on a knife-edge: resolved when the mood is
        // within a margin of the resolved ending's, calmer-but-not-satisfied when it has come
        // down, else the conversation goes on.
        if self.turn_shows("farewell", analysis, rungs) && self.state.stage > 0 {
            let near_stage = Band::of(self.state.mood) == Band::Calm;
            let relaxed = endings.iter().position(|e| {
                e.kind == EndingKind::Resolved
                    && e.when.needs.iter().all(|id| self.state.shown.contains(id))
                    && self.holds_with(&e.when, analysis, rungs, p.resolve_margin, near_stage)
            });
            if let Some(i) = relaxed {
                return Some((EndingKind::Resolved, i));
            }
            let start = self.compiled.scenario.mood.anger;
            if self.state.mood.anger < 50
                || self.state.mood.anger.saturating_add(p.partial_drop) <= start
            {
                let i = self
                    .pick_ending(EndingKind::Partial, Some((analysis, rungs)))
                    .or_else(|| {
                        self.pick_ending(EndingKind::EndedByTrainee, Some((analysis, rungs)))
                    });
                if let Some(i) = i {
                    return Some((EndingKind::Partial, i));
                }
            }
        }
        if number >= self.compiled.scenario.max_turns {
            return self
                .pick_ending(EndingKind::TurnLimit, Some((analysis, rungs)))
                .map(|i| (EndingKind::TurnLimit, i));
        }
        None
    }

    /// The item and violation ids of some hits, in order.
    fn event_ids<'a>(&self, hits: impl Iterator<Item = &'a Hit>) -> Vec<String> {
        hits.filter(|h| matches!(h.target, Target::Item(_) | Target::Violation(_)))
            .filter_map(|h| h.target.id(&self.compiled.checklist).map(str::to_owned))
            .collect()
    }

    /// A question asked politely: a formal sentence ending in a question mark or a
    /// question ending.
    fn asks_a_question(&self, analysis: &Analysis) -> bool {
        analysis
            .sentences
            .iter()
            .any(|s| s.level != crate::analysis::SpeechLevel::Informal && is_question(&s.text))
    }

    fn choose_reply(
        &mut self,
        analysis: &Analysis,
        hurt: Option<usize>,
        rungs: &[Rung],
        disclosed: Option<usize>,
        refused: Option<usize>,
        advanced_to: Option<usize>,
    ) -> Reply {
        // The complainant reacts first to what hurt, then to what they were asked,
        // then to a step of the ladder or a good move, then carries on with the stage.
        if let Some(index) = hurt {
            self.state.fired.insert(index);
            return self.line(Source::Trigger { index });
        }
        if let Some(f) = disclosed {
            return self.line(Source::Fact { index: f });
        }
        if let Some(f) = refused
            && !self.compiled.scenario.facts[f].refuse.is_empty()
        {
            return self.line(Source::Refusal { index: f });
        }
        let rung_ids: Vec<String> = rungs.iter().rev().map(|r| r.id().to_owned()).collect();
        if let Some(r) = self.fire_trigger(&rung_ids) {
            return r;
        }
        if advanced_to.is_none()
            && let Some(r) = self.fire_trigger(&self.event_ids(analysis.items()))
        {
            return r;
        }
        if advanced_to.is_none()
            && let Some(r) = self.stuck_line()
        {
            return r;
        }
        self.stage_line()
    }

    /// The first trigger for any of `ids` (in order) that applies in this stage and whose
    /// `after` has happened.
    fn trigger_for(&self, ids: &[String]) -> Option<usize> {
        let stage_id = &self.compiled.scenario.stages[self.state.stage].id;
        ids.iter().find_map(|id| {
            self.compiled
                .scenario
                .triggers
                .iter()
                .enumerate()
                .position(|(i, t)| {
                    t.on == *id
                        && (t.stages.is_empty() || t.stages.contains(stage_id))
                        && !(t.once && self.state.fired.contains(&i))
                        && t.after.iter().all(|a| self.happened(a))
                })
        })
    }

    /// Fires the first trigger for any of `ids` that applies in this stage.
    fn fire_trigger(&mut self, ids: &[String]) -> Option<Reply> {
        let index = self.trigger_for(ids)?;
        self.state.fired.insert(index);
        Some(self.line(Source::Trigger { index }))
    }

    /// What the current stage still needs, most telling first; empty when the session is over.
    pub fn still_missing(&self) -> Vec<Missing> {
        if self.state.ended.is_some() {
            return Vec::new();
        }
        let facts = &self.compiled.scenario.facts;
        self.missing()
            .into_iter()
            .filter_map(|key| match key.as_str() {
                "any" => None,
                "anger" => Some(Missing::Calmer),
                "trust" => Some(Missing::Trust),
                id => Some(match facts.iter().position(|f| f.id == id) {
                    Some(i) => Missing::Fact(i),
                    None => Missing::Shown(key),
                }),
            })
            .collect()
    }

    /// What the current stage still misses, most telling first: `needs`, facts, anger, trust.
    /// In the last stage, what the resolved ending still misses (its `needs` and `on`, such
    /// as the farewell).
    fn missing(&self) -> Vec<String> {
        let st = &self.compiled.scenario.stages[self.state.stage];
        if self.state.stage + 1 >= self.compiled.scenario.stages.len() {
            let Some(e) = self.compiled.scenario.ending(EndingKind::Resolved).next() else {
                return Vec::new();
            };
            return e
                .when
                .needs
                .iter()
                .chain(e.when.on.iter())
                .filter(|id| !self.state.shown.contains(*id))
                .cloned()
                .collect();
        }
        let c = &st.exit;
        let mut out: Vec<String> = c
            .needs
            .iter()
            .filter(|id| !self.state.shown.contains(*id))
            .cloned()
            .collect();
        out.extend(
            c.facts
                .iter()
                .filter(|id| !self.fact_disclosed(id))
                .cloned(),
        );
        if c.max_anger.is_some_and(|m| self.state.mood.anger > m) {
            out.push("anger".to_owned());
        }
        if c.min_trust.is_some_and(|m| self.state.mood.trust < m) {
            out.push("trust".to_owned());
        }
        out.push("any".to_owned());
        out
    }

    /// A line saying what is missing, when the stage has not moved for a while (or its own
    /// lines are all said) and such a line has not been said yet.
    fn stuck_line(&mut self) -> Option<Reply> {
        let band = self.band();
        let own_said = self.compiled.scenario.stages[self.state.stage]
            .lines
            .get(band)
            .iter()
            .all(|l| self.state.said.contains_key(l));
        // A furious complainant rants through their own lines before saying what is missing.
        if !own_said
            && (self.state.stage_turns < self.compiled.scenario.patience.stuck_after
                || band == Band::Furious)
        {
            return None;
        }
        let st = &self.compiled.scenario.stages[self.state.stage];
        let fresh = |pool: &Vec<String>| pool.iter().any(|l| !self.state.said.contains_key(l));
        let source = self.missing().iter().find_map(|key| {
            if let Some((k, _)) = st
                .stuck
                .iter()
                .enumerate()
                .find(|(_, (id, pool))| *id == key && fresh(pool))
            {
                return Some(Source::Stuck {
                    stage: Some(self.state.stage),
                    key: k,
                });
            }
            self.compiled
                .scenario
                .stuck
                .iter()
                .enumerate()
                .find(|(_, (id, pool))| *id == key && fresh(pool))
                .map(|(k, _)| Source::Stuck {
                    stage: None,
                    key: k,
                })
        })?;
        Some(self.line(source))
    }

    fn stage_line(&mut self) -> Reply {
        let band = self.band();
        self.line(Source::Stage {
            stage: self.state.stage,
            band,
        })
    }

    /// The lines of a source. A stage's pool includes its extra lines whose `after` has
    /// happened.
    fn pool(&self, source: Source) -> Vec<String> {
        let s = &self.compiled.scenario;
        let v = |p: &[String]| p.to_vec();
        match source {
            Source::Stage { stage, band } => {
                let st = &s.stages[stage];
                let mut out = v(st.lines.get(band));
                for x in &st.extra {
                    if (x.bands.is_empty() || x.bands.contains(&band))
                        && x.after.iter().all(|a| self.happened(a))
                    {
                        out.extend(x.lines.iter().cloned());
                    }
                }
                out
            }
            Source::Trigger { index } => v(&s.triggers[index].lines),
            Source::Fact { index } => v(&s.facts[index].lines),
            Source::Refusal { index } => v(&s.facts[index].refuse),
            Source::Ending { index } => v(&s.endings[index].lines),
            Source::Opening => v(&s.opening),
            Source::Stuck { stage, key } => {
                let map = match stage {
                    Some(st) => &s.stages[st].stuck,
                    None => &s.stuck,
                };
                map.values().nth(key).map(|p| v(p)).unwrap_or_default()
            }
        }
    }

    /// Picks a variant from the pool of `source`: never a line already said in this session
    /// while another fits, else the one said longest ago.
    fn line(&mut self, source: Source) -> Reply {
        let pool = self.pool(source);
        let text = if pool.is_empty() {
            String::new()
        } else {
            let fresh: Vec<usize> = (0..pool.len())
                .filter(|&i| !self.state.said.contains_key(&pool[i]))
                .collect();
            let pick = if fresh.is_empty() {
                // All said: the one said longest ago, ties broken by the seed.
                let oldest = pool
                    .iter()
                    .map(|l| self.state.said.get(l).copied().unwrap_or(0))
                    .min()
                    .unwrap_or(0);
                let ties: Vec<usize> = (0..pool.len())
                    .filter(|&i| self.state.said.get(&pool[i]).copied().unwrap_or(0) == oldest)
                    .collect();
                ties[self.rng.random_range(0..ties.len())]
            } else {
                fresh[self.rng.random_range(0..fresh.len())]
            };
            pool[pick].clone()
        };
        let s = &self.compiled.scenario;
        let band = Band::of(self.state.mood);
        let (stage_abusive, danger) = match source {
            Source::Stage { stage, band } => (
                s.stages[stage].abusive.contains(&band),
                s.stages[stage].danger.contains(&band),
            ),
            Source::Opening => (
                s.stages[0].abusive.contains(&band),
                s.stages[0].danger.contains(&band),
            ),
            Source::Trigger { index } => (false, s.triggers[index].danger),
            // Saying what is missing does not soften a complainant who is abusive in this band.
            Source::Stuck { .. } => (
                s.stages[self.state.stage].abusive.contains(&band),
                s.stages[self.state.stage].danger.contains(&band),
            ),
            _ => (false, false),
        };
        let abusive = stage_abusive || self.compiled.analyzer().korean().is_profane(&text);
        Reply {
            text,
            source,
            abusive,
            danger,
        }
    }

    /// What to try next, for a trainee who is stuck: the next rung of the ladder while the
    /// complainant is abusive, else the first item of a good conversation not shown yet.
    pub fn hint(&self) -> Option<Hint> {
        if self.state.ended.is_some() {
            return None;
        }
        // Violence, a weapon, harassment or self-harm: end at once with a report, no ladder.
        if self.danger_ongoing()
            && let Some(step) = self.compiled.checklist.step(Rung::End)
        {
            return Some(Hint {
                title: step.title.clone(),
                why: "위험한 행동(폭력·흉기·성희롱·자해)에는 단계를 밟지 않고 바로 대화를 끝내고 보고·인계합니다."
                    .to_owned(),
                phrase: "안전을 위해 상담을 여기서 종료하겠습니다. 상급자에게 보고하고 인계하겠습니다."
                    .to_owned(),
            });
        }
        if self.last_reply().abusive
            && let Some(step) = Rung::ALL
                .into_iter()
                .find(|r| !self.state.climbed.contains(r))
                .and_then(|r| self.compiled.checklist.step(r))
        {
            return Some(Hint {
                title: step.title.clone(),
                why: step.guidance.clone(),
                phrase: self
                    .compiled
                    .scenario
                    .phrase(step.rung.id(), &step.model_phrases)
                    .to_owned(),
            });
        }
        const ORDER: [&str; 11] = [
            "greeting",
            "self_intro",
            "offer_seat",
            "open_question",
            "empathy",
            "paraphrase",
            "apology",
            "reassurance",
            "explain_procedure",
            "check_understanding",
            "farewell",
        ];
        let last_stage = self.state.stage + 1 == self.compiled.scenario.stages.len();
        let next_turn = self.state.turns.len() as u32 + 1;
        let items = &self.compiled.checklist.items;
        ORDER
            .iter()
            .filter_map(|id| items.iter().position(|i| i.id == *id))
            .filter(|&i| self.compiled.weight(i) > 0)
            .map(|i| &items[i])
            .filter(|item| !self.state.shown.contains(&item.id))
            .find(|item| item.when.due(next_turn, last_stage))
            .map(|item| Hint {
                title: item.title.clone(),
                why: item.guidance.clone(),
                phrase: self
                    .compiled
                    .scenario
                    .phrase(&item.id, &item.model_phrases)
                    .to_owned(),
            })
    }
}

/// A sentence that asks: a question mark or a question ending.
fn is_question(sentence: &str) -> bool {
    let t = sentence.trim_end().trim_end_matches(['.', '…']);
    t.ends_with('?') || t.ends_with("니까") || t.ends_with("나요") || t.ends_with("까요")
}
