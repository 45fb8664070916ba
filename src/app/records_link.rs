//! The app's side of the records that is not a screen: journaling the sessions played,
//! queueing their xAPI statements and running the background sender, and exports started
//! from the records screens.

use std::path::PathBuf;

use super::records_view::{self, ExportFormat};
use super::{MinwonApp, Roleplay, Screen};
use crate::scoring::Scorecard;

impl MinwonApp {
    /// Records the role-play's last turn in its journal; a failed write is a notice and the
    /// line stays in memory for the next write.
    pub(super) fn journal_turn(&mut self, roleplay: &mut Roleplay) {
        let last = crate::records::RecordedTurn::last_of(roleplay.session());
        if let (Some(j), Some(t)) = (roleplay.journal_mut(), last)
            && let Err(e) = j.turn(&t)
        {
            self.notices.retain(|n| !n.starts_with("기록 저장 실패"));
            self.notices.push(format!(
                "기록 저장 실패 — 이 상담은 메모리에 있고 다음 응답 때 다시 씁니다: {e}"
            ));
        }
    }

    /// Writes a session's finished record (kept in memory and retried when that fails) and
    /// queues its xAPI statements.
    pub(super) fn finish_journal(
        &mut self,
        mut journal: crate::records::Journal,
        card: &Scorecard,
        closing: Option<&str>,
    ) {
        match journal.finish(card, closing) {
            Ok(()) => {
                if let Some(path) = finished_path(&journal) {
                    self.queue_statements(path);
                }
            }
            Err(e) => {
                self.notices.push(format!(
                    "기록 저장 실패 — 점수표는 메모리에 있고 다시 씁니다: {e}"
                ));
                self.pending.push(journal);
            }
        }
    }

    /// Starts (or restarts, after the settings changed) the background sender when settings
    /// name an LRS and records are kept; the outbox is first filled with every finished
    /// session not queued before, off the UI thread.
    pub(super) fn start_sender(&mut self) {
        // Dropping asks the old thread to stop without waiting for it.
        self.sender = None;
        let settings = self.settings.xapi.clone();
        if settings.endpoint.trim().is_empty() {
            return;
        }
        let Some(store) = self.store.clone() else {
            return;
        };
        use crate::records::outbox::{self, Backoff, Outbox, Sender};
        match Sender::spawn(
            Outbox::new(store.outbox_dir()),
            &settings,
            Backoff::default(),
        ) {
            Ok(sender) => {
                let nudger = sender.nudger();
                let errors = self.queue_error.clone();
                let spawned = std::thread::Builder::new()
                    .name("minwon-xapi-queue".into())
                    .spawn(move || {
                        let (queued, problems) = outbox::queue_finished(&store, &settings);
                        // The outbox's own failures; unreadable records are the history's to list.
                        if let Some(p) = problems.iter().find(|p| p.reason.contains("outbox")) {
                            set(&errors, Some(p.to_string()));
                        }
                        if queued > 0 {
                            nudger.nudge();
                        }
                    });
                if let Err(e) = spawned {
                    self.notices
                        .push(format!("지난 상담을 LRS로 보낼 준비를 할 수 없습니다: {e}"));
                }
                self.sender = Some(sender);
            }
            Err(e) => self.notices.push(format!("LRS로 보낼 수 없습니다: {e}")),
        }
    }

    /// Puts a finished record's xAPI statements in the outbox and wakes the sender, off the
    /// UI thread (the records folder may be a network share). A failure is shown in the LRS
    /// status; the record is not marked queued, so the next start queues it.
    pub(super) fn queue_statements(&self, record: PathBuf) {
        let (Some(sender), Some(store)) = (&self.sender, &self.store) else {
            return;
        };
        let (store, settings) = (store.clone(), self.settings.xapi.clone());
        let (nudger, errors) = (sender.nudger(), self.queue_error.clone());
        let _ = std::thread::Builder::new()
            .name("minwon-xapi-queue".into())
            .spawn(move || {
                let queued = store
                    .read(&record)
                    .and_then(|r| crate::records::outbox::queue_session(&store, &r, &settings));
                match queued {
                    Ok(_) => {
                        set(&errors, None);
                        nudger.nudge();
                    }
                    Err(e) => set(&errors, Some(e.to_string())),
                }
            });
    }

    /// What the background sender is doing, in words (`None` when no LRS is set).
    pub fn lrs_status(&self) -> Option<String> {
        let s = self.sender.as_ref()?.status();
        let mut text = format!("LRS로 보낼 것 {}건 · 보낸 것 {}건", s.waiting, s.delivered);
        if s.rejected > 0 {
            text.push_str(&format!(
                " · LRS가 거부한 것 {}건 (outbox/rejected)",
                s.rejected
            ));
        }
        if let Some(e) = &s.last_error {
            text.push_str(&format!(" · 마지막 오류: {e}"));
        }
        if let Some(e) = self.queue_error.lock().ok().and_then(|e| e.clone()) {
            text.push_str(&format!(" · outbox에 넣지 못함: {e}"));
        }
        Some(text)
    }

    /// What the background sender has done so far (`None` when no LRS is set).
    pub fn sender_status(&self) -> Option<crate::records::outbox::SenderStatus> {
        self.sender.as_ref().map(|s| s.status())
    }

    /// Collects an export that ended on the screen shown; a printable scorecard is opened in
    /// the browser.
    pub(super) fn poll_export(&mut self, ctx: &egui::Context) {
        let state = match &mut self.screen {
            Screen::History(h) => &mut h.export,
            Screen::Dashboard(d) => &mut d.export,
            Screen::Record(r) => &mut r.export,
            _ => return,
        };
        if let Some(done) = state.poll()
            && done.format == ExportFormat::Scorecard
        {
            ctx.open_url(egui::OpenUrl::new_tab(records_view::file_url(&done.path)));
        }
    }

    /// Starts exporting what the screen shows (see [`Action::Export`]).
    pub(super) fn start_export(&mut self, format: ExportFormat, choose: bool, ctx: &egui::Context) {
        let Some(store) = self.store.clone() else {
            self.notices
                .push("기록 폴더가 열려 있지 않아 내보낼 수 없습니다.".into());
            return;
        };
        let default_dir = crate::records::export::default_dir(store.dir());
        let (paths, what, who, state) = match &mut self.screen {
            Screen::History(h) => (
                h.shown().iter().map(|r| r.path.clone()).collect(),
                "훈련기록",
                h.trainee.clone(),
                &mut h.export,
            ),
            Screen::Dashboard(d) => (
                d.shown_paths(),
                "교관현황판",
                match d.filter().trim() {
                    "" => "전체".to_owned(),
                    f => f.to_owned(),
                },
                &mut d.export,
            ),
            Screen::Record(r) => (
                vec![r.path.clone()],
                "점수표",
                format!("{}-{}", r.header.trainee.id, r.header.title),
                &mut r.export,
            ),
            _ => return,
        };
        state.format = format;
        state.start(
            records_view::ExportJob {
                store,
                paths,
                default_dir,
                stem_what: what.to_owned(),
                stem_who: who,
                choose,
            },
            ctx,
        );
    }
}

/// The finished record a journal wrote, if it has.
pub(super) fn finished_path(journal: &crate::records::Journal) -> Option<PathBuf> {
    match journal.status() {
        crate::records::JournalStatus::Finished(p) => Some(p),
        _ => None,
    }
}

fn set(slot: &std::sync::Mutex<Option<String>>, value: Option<String>) {
    if let Ok(mut s) = slot.lock() {
        *s = value;
    }
}
