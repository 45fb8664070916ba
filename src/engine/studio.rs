//! What the instructor's playtest needs from a session beyond play: starting part-way through
//! a scenario, and reading the state its watch panel shows (`src/authoring/playtest.rs`).

use std::collections::BTreeSet;
use std::sync::Arc;

use super::{CompiledScenario, Session, Source};
use crate::model::{Mood, Rung};

impl Session {
    /// Starts a session at stage `stage` (clamped to the last one) with the complainant in
    /// `mood` and the facts `disclosed` (indices) already told, so an instructor can test one
    /// part of a scenario without playing up to it. The complainant opens with a line of that
    /// stage (the scenario's opening when `stage` is 0).
    pub fn start_at(
        compiled: Arc<CompiledScenario>,
        seed: u64,
        stage: usize,
        mood: Mood,
        disclosed: &[usize],
    ) -> Session {
        let mut s = Session::new(compiled, seed);
        let stages = s.compiled.scenario.stages.len();
        s.state.stage = stage.min(stages.saturating_sub(1));
        s.state.mood = mood.clamped();
        for &f in disclosed {
            if let Some(d) = s.state.disclosed.get_mut(f) {
                *d = true;
            }
        }
        s.state.said.clear();
        s.state.opening = if s.state.stage == 0 && !s.compiled.scenario.opening.is_empty() {
            s.line(Source::Opening)
        } else {
            s.stage_line()
        };
        s.state.said.insert(s.state.opening.text.clone(), 0);
        s.state.abused = s.state.opening.abusive || s.state.opening.danger;
        s
    }

    /// Items and rungs shown so far, by id (what a condition's `needs` asks for).
    pub fn shown_ids(&self) -> &BTreeSet<String> {
        &self.state.shown
    }

    /// Trainee turns spent in the current stage (what `min_turns` counts).
    pub fn stage_turns(&self) -> u32 {
        self.state.stage_turns
    }

    /// True when the last trainee turn showed the item, violation or rung `id` (what an
    /// ending's `on` asks for).
    pub fn last_turn_shows(&self, id: &str) -> bool {
        self.state.turns.last().is_some_and(|t| {
            if let Some(r) = Rung::from_id(id) {
                return t.rungs.contains(&r);
            }
            self.turn_shows(id, &t.analysis, &t.rungs)
        })
    }
}
