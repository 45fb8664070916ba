//! The xAPI outbox: statements wait as files (`outbox/<statement-id>.json`) until the LRS has
//! them. A background [`Sender`] sends them with retries and backoff; it never blocks its
//! caller and deletes a file only when the LRS answered 200/204 (stored) or 409 (it already
//! has that statement id). A statement the LRS refuses as invalid (another 4xx but 401/403/
//! 408/429) is moved to `outbox/rejected/` with the LRS's answer beside it, never dropped.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use super::xapi::{self, Statement, XapiSettings};
use super::{Record, RecordsError};

/// A folder of statements waiting to be sent.
#[derive(Debug, Clone)]
pub struct Outbox {
    dir: PathBuf,
}

/// What one pass over the outbox did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SendReport {
    /// Stored by the LRS now.
    pub sent: usize,
    /// The LRS already had them (409).
    pub already: usize,
    /// Refused as invalid; moved to `rejected/`.
    pub rejected: usize,
    /// Still waiting.
    pub left: usize,
    /// Why the pass stopped early (network, authentication, server error), in Korean.
    pub error: Option<String>,
}

impl Outbox {
    pub fn new(dir: impl Into<PathBuf>) -> Outbox {
        Outbox { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Queues statements; one already queued (same id) is left as it is.
    pub fn queue(&self, statements: &[Statement]) -> Result<usize, RecordsError> {
        fs::create_dir_all(&self.dir).map_err(|e| RecordsError::io(&self.dir, e))?;
        let mut queued = 0;
        for st in statements {
            let path = self.dir.join(format!("{}.json", st.id));
            if path.exists() {
                continue;
            }
            let bytes = serde_json::to_vec(st).unwrap_or_default();
            let mut tmp = tempfile::Builder::new()
                .prefix(".minwon-")
                .suffix(".tmp")
                .tempfile_in(&self.dir)
                .map_err(|e| RecordsError::io(&self.dir, e))?;
            std::io::Write::write_all(&mut tmp, &bytes)
                .and_then(|()| tmp.as_file().sync_all())
                .map_err(|e| RecordsError::io(&path, e))?;
            tmp.persist(&path)
                .map_err(|e| RecordsError::io(&path, e.error))?;
            queued += 1;
        }
        Ok(queued)
    }

    /// Queues the statements of a finished record (none for an abandoned one).
    pub fn queue_record(
        &self,
        record: &Record,
        settings: &XapiSettings,
    ) -> Result<usize, RecordsError> {
        self.queue(&xapi::statements(record, settings))
    }

    /// Statement files waiting, oldest name first.
    pub fn pending(&self) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|x| x == "json")
                    && p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| !n.starts_with('.'))
            })
            .collect();
        files.sort();
        files
    }

    /// Sends everything waiting, once; stops at the first error that concerns the server or
    /// the network (the rest would fail the same way).
    pub fn send_once(&self, client: &Client) -> SendReport {
        let mut report = SendReport::default();
        let files = self.pending();
        let mut rest = files.len();
        for path in files {
            let Some(id) = path.file_stem().and_then(|s| s.to_str()).map(str::to_owned) else {
                continue;
            };
            let Ok(body) = fs::read(&path) else {
                // Another PC sent and removed it meanwhile.
                rest -= 1;
                continue;
            };
            match client.put(&id, &body) {
                Outcome::Stored => {
                    report.sent += 1;
                    let _ = fs::remove_file(&path);
                }
                Outcome::Already => {
                    report.already += 1;
                    let _ = fs::remove_file(&path);
                }
                Outcome::Invalid(why) => {
                    report.rejected += 1;
                    let rejected = self.dir.join("rejected");
                    let moved = fs::create_dir_all(&rejected)
                        .and_then(|()| fs::write(rejected.join(format!("{id}.why.txt")), &why))
                        .and_then(|()| fs::rename(&path, rejected.join(format!("{id}.json"))));
                    if moved.is_err() {
                        report.error = Some(why);
                        report.left = rest;
                        return report;
                    }
                }
                Outcome::Retry(why) => {
                    report.error = Some(why);
                    report.left = rest;
                    return report;
                }
            }
            rest -= 1;
        }
        report.left = rest;
        report
    }
}

/// Queues the statements of every finished record of a store not queued before (a marker
/// `outbox/queued/<session id>` remembers it); returns how many statements were queued and the
/// records that could not be read.
pub fn queue_finished(
    store: &super::Store,
    settings: &XapiSettings,
) -> (usize, Vec<super::Problem>) {
    let outbox = Outbox::new(store.outbox_dir());
    let listing = store.list();
    let mut problems = listing.problems;
    let mut queued = 0;
    for r in &listing.records {
        if r.summary().status != super::Status::Finished || outbox.marked(r.header.id) {
            continue;
        }
        let done = store
            .read(&r.path)
            .and_then(|record| queue_session(store, &record, settings));
        match done {
            Ok(n) => queued += n,
            Err(e) => problems.push(super::Problem {
                path: r.path.clone(),
                reason: e.to_string(),
            }),
        }
    }
    (queued, problems)
}

/// Queues the statements of one finished record (as the app does when a session ends) and
/// marks it queued, so [`queue_finished`] does not queue it again; returns how many were queued.
pub fn queue_session(
    store: &super::Store,
    record: &Record,
    settings: &XapiSettings,
) -> Result<usize, RecordsError> {
    let outbox = Outbox::new(store.outbox_dir());
    if outbox.marked(record.header.id) {
        return Ok(0);
    }
    let n = outbox.queue_record(record, settings)?;
    let marks = outbox.dir.join("queued");
    let mark = marks.join(record.header.id.to_string());
    fs::create_dir_all(&marks)
        .and_then(|()| fs::write(&mark, b""))
        .map_err(|e| RecordsError::io(&mark, e))?;
    Ok(n)
}

impl Outbox {
    /// True when the statements of session `id` were queued before.
    fn marked(&self, id: uuid::Uuid) -> bool {
        self.dir.join("queued").join(id.to_string()).exists()
    }
}

/// How the LRS answered one statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Stored,
    /// 409: it has a statement with that id.
    Already,
    /// The statement itself was refused; sending it again will not help.
    Invalid(String),
    /// Try later: network down, server error, bad credentials.
    Retry(String),
}

/// A blocking xAPI client with timeouts.
#[derive(Debug, Clone)]
pub struct Client {
    agent: ureq::Agent,
    /// Ends with `/`.
    endpoint: String,
    auth: String,
}

impl Client {
    pub fn new(settings: &XapiSettings) -> Result<Client, String> {
        let endpoint = settings.endpoint.trim();
        if !(endpoint.starts_with("http://") || endpoint.starts_with("https://")) {
            return Err(format!(
                "LRS 주소 \"{endpoint}\"가 http:// 또는 https://로 시작하지 않습니다"
            ));
        }
        let endpoint = if endpoint.ends_with('/') {
            endpoint.to_owned()
        } else {
            format!("{endpoint}/")
        };
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_connect(Some(Duration::from_secs(5)))
            .timeout_global(Some(Duration::from_secs(30)))
            .http_status_as_error(false)
            .build()
            .into();
        let auth = format!(
            "Basic {}",
            base64(format!("{}:{}", settings.key, settings.secret).as_bytes())
        );
        Ok(Client {
            agent,
            endpoint,
            auth,
        })
    }

    fn url(&self) -> String {
        format!("{}statements", self.endpoint)
    }

    /// `PUT statements?statementId=ID`.
    pub fn put(&self, id: &str, body: &[u8]) -> Outcome {
        let sent = self
            .agent
            .put(self.url())
            .query("statementId", id)
            .header("Authorization", &self.auth)
            .header("X-Experience-API-Version", xapi::VERSION)
            .content_type("application/json")
            .send(body);
        match sent {
            Err(e) => Outcome::Retry(format!("LRS에 연결할 수 없습니다 ({e})")),
            Ok(mut resp) => {
                let status = resp.status().as_u16();
                match status {
                    200 | 204 => Outcome::Stored,
                    409 => Outcome::Already,
                    401 | 403 => Outcome::Retry(format!(
                        "LRS가 인증을 거부했습니다 ({status}): 설정의 키와 비밀번호를 확인하십시오"
                    )),
                    408 | 429 => Outcome::Retry(format!("LRS가 바쁩니다 ({status})")),
                    400..=499 => {
                        let text = resp.body_mut().read_to_string().unwrap_or_default();
                        Outcome::Invalid(format!("LRS가 문장을 거부했습니다 ({status}): {text}"))
                    }
                    _ => Outcome::Retry(format!("LRS 서버 오류 ({status})")),
                }
            }
        }
    }

    /// `GET statements?statementId=ID`: the stored statement, or `None` when the LRS has none.
    pub fn get(&self, id: &str) -> Result<Option<serde_json::Value>, String> {
        let mut resp = self
            .agent
            .get(self.url())
            .query("statementId", id)
            .header("Authorization", &self.auth)
            .header("X-Experience-API-Version", xapi::VERSION)
            .call()
            .map_err(|e| format!("LRS에 연결할 수 없습니다 ({e})"))?;
        match resp.status().as_u16() {
            200 => {
                let v = read_json(&mut resp)?;
                // The spec answers with the statement; some LRSs (Ralph) with a
                // StatementResult holding it.
                match v.get("statements").and_then(|s| s.as_array()) {
                    Some(list) => Ok(list.iter().find(|s| s["id"] == id).cloned()),
                    None => Ok(Some(v)),
                }
            }
            404 => Ok(None),
            s => Err(format!("LRS가 {s}로 답했습니다")),
        }
    }

    /// `GET statements?registration=ID`: how many statements the LRS holds for a session.
    pub fn count_registration(&self, registration: &str) -> Result<usize, String> {
        let mut resp = self
            .agent
            .get(self.url())
            .query("registration", registration)
            .header("Authorization", &self.auth)
            .header("X-Experience-API-Version", xapi::VERSION)
            .call()
            .map_err(|e| format!("LRS에 연결할 수 없습니다 ({e})"))?;
        if resp.status().as_u16() != 200 {
            return Err(format!("LRS가 {}로 답했습니다", resp.status()));
        }
        let v = read_json(&mut resp)?;
        Ok(v["statements"].as_array().map_or(0, Vec::len))
    }
}

fn read_json(resp: &mut ureq::http::Response<ureq::Body>) -> Result<serde_json::Value, String> {
    resp.body_mut()
        .read_to_string()
        .map_err(|e| e.to_string())
        .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
        .map_err(|e| format!("LRS의 답을 읽을 수 없습니다 ({e})"))
}

/// Standard base64 (RFC 4648) for the Basic authorisation header.
fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// What the sender is doing, for the UI.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SenderStatus {
    /// Statements waiting after the last pass.
    pub waiting: usize,
    /// Sent (or found already stored) since the sender started.
    pub delivered: usize,
    pub rejected: usize,
    /// Why the last pass stopped, in Korean; `None` when it emptied the outbox.
    pub last_error: Option<String>,
    pub passes: u64,
}

/// Waits between passes: after an error from `first` doubling up to `max`; when idle, `idle`.
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    pub first: Duration,
    pub max: Duration,
    pub idle: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            first: Duration::from_secs(2),
            max: Duration::from_secs(300),
            idle: Duration::from_secs(60),
        }
    }
}

#[derive(Debug)]
enum Msg {
    Nudge,
    Stop,
}

/// Wakes a [`Sender`] from another thread.
#[derive(Debug, Clone)]
pub struct Nudger(mpsc::Sender<Msg>);

impl Nudger {
    pub fn nudge(&self) {
        let _ = self.0.send(Msg::Nudge);
    }
}

/// The background sender: a thread that drains the outbox, retrying with backoff.
#[derive(Debug)]
pub struct Sender {
    tx: mpsc::Sender<Msg>,
    status: Arc<Mutex<SenderStatus>>,
    handle: Option<JoinHandle<()>>,
}

impl Sender {
    /// Starts the sender thread; it passes over the outbox at once.
    pub fn spawn(
        outbox: Outbox,
        settings: &XapiSettings,
        backoff: Backoff,
    ) -> Result<Sender, String> {
        let client = Client::new(settings)?;
        let (tx, rx) = mpsc::channel();
        let status = Arc::new(Mutex::new(SenderStatus::default()));
        let shared = status.clone();
        let handle = std::thread::Builder::new()
            .name("minwon-xapi-outbox".into())
            .spawn(move || {
                let mut wait = backoff.first;
                loop {
                    let report = outbox.send_once(&client);
                    let failed = report.error.is_some();
                    if let Ok(mut s) = shared.lock() {
                        s.passes += 1;
                        s.waiting = report.left;
                        s.delivered += report.sent + report.already;
                        s.rejected += report.rejected;
                        s.last_error = report.error;
                    }
                    let pause = if failed {
                        let p = wait;
                        wait = (wait * 2).min(backoff.max);
                        p
                    } else {
                        wait = backoff.first;
                        backoff.idle
                    };
                    match rx.recv_timeout(pause) {
                        Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                        Ok(Msg::Nudge) | Err(RecvTimeoutError::Timeout) => {}
                    }
                }
            })
            .map_err(|e| format!("보내기 스레드를 시작할 수 없습니다 ({e})"))?;
        Ok(Sender {
            tx,
            status,
            handle: Some(handle),
        })
    }

    /// Sends now (after queueing new statements) instead of waiting for the next pass.
    pub fn nudge(&self) {
        let _ = self.tx.send(Msg::Nudge);
    }

    /// A handle another thread can nudge the sender with (after queueing in the background).
    pub fn nudger(&self) -> Nudger {
        Nudger(self.tx.clone())
    }

    /// Stops the thread, waiting at most `limit` for the request under way; returns whether it
    /// ended in time. A thread still waiting on the network is left to the process's exit: a
    /// statement is deleted only once the LRS has it, so nothing is lost either way.
    pub fn stop_within(mut self, limit: Duration) -> bool {
        let _ = self.tx.send(Msg::Stop);
        let Some(handle) = self.handle.take() else {
            return true;
        };
        let until = std::time::Instant::now() + limit;
        while !handle.is_finished() {
            if std::time::Instant::now() >= until {
                return false;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = handle.join();
        true
    }

    pub fn status(&self) -> SenderStatus {
        self.status.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Stops the thread after its current request (each is bounded by the client's timeouts).
    pub fn stop(mut self) {
        let _ = self.tx.send(Msg::Stop);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl Drop for Sender {
    /// Asks the thread to stop without waiting for it: dropping never blocks the UI.
    fn drop(&mut self) {
        let _ = self.tx.send(Msg::Stop);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_examples() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
    }

    /// The app stops its sender on exit: promptly when it is idle or failing, nudges from
    /// another thread are harmless, and the statements stay.
    #[test]
    fn a_sender_stops_within_its_limit_and_keeps_the_outbox() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.json"), b"{}").unwrap();
        let settings = XapiSettings {
            endpoint: "http://127.0.0.1:9/xAPI".into(),
            ..XapiSettings::default()
        };
        let sender = Sender::spawn(Outbox::new(dir.path()), &settings, Backoff::default()).unwrap();
        let nudger = sender.nudger();
        std::thread::spawn(move || nudger.nudge()).join().unwrap();
        let until = std::time::Instant::now() + Duration::from_secs(20);
        while sender.status().passes == 0 {
            assert!(std::time::Instant::now() < until, "the sender never tried");
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(sender.status().last_error.is_some());
        assert!(
            sender.stop_within(Duration::from_secs(10)),
            "stopped in time"
        );
        assert_eq!(Outbox::new(dir.path()).pending().len(), 1);
    }

    #[test]
    fn a_dead_lrs_leaves_every_statement_in_the_outbox() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = Outbox::new(dir.path());
        std::fs::write(dir.path().join("a.json"), b"{}").unwrap();
        std::fs::write(dir.path().join("b.json"), b"{}").unwrap();
        // Port 9 (discard) on localhost: nothing listens.
        let client = Client::new(&XapiSettings {
            endpoint: "http://127.0.0.1:9/xAPI".into(),
            ..XapiSettings::default()
        })
        .unwrap();
        let report = outbox.send_once(&client);
        assert_eq!(report.left, 2);
        assert!(report.error.is_some_and(|e| e.contains("LRS")));
        assert_eq!(outbox.pending().len(), 2);
    }
}
