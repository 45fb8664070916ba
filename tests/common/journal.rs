//! Recording a whole session into a records folder, for the records tests (included with
//! `#[path]`, so it builds without the GUI).

use minwon::engine::Session;
use minwon::model::TraineeTurn;
use minwon::records::{Journal, RecordedTurn};
use minwon::scoring::score;

/// Plays `turns` until the session ends, journaling each turn, ends the session if it still goes
/// and finishes the record with its scorecard.
pub fn play_and_finish(s: &mut Session, j: &mut Journal, turns: Vec<TraineeTurn>) {
    for t in turns {
        if s.respond(t).is_none() {
            break;
        }
        j.turn(&RecordedTurn::last_of(s).unwrap()).unwrap();
    }
    if !s.is_over() {
        s.end_by_trainee();
    }
    j.finish(&score(s), None).unwrap();
}
