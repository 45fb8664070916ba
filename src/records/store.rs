//! The records folder: journals being written, finished records, listing and recovery.

use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use uuid::Uuid;

use super::{
    End, Header, Line, Location, RECORD_FORMAT, RecordedTurn, RecordsError, Status, Summary,
};
use crate::engine::SessionState;
use crate::scoring::Scorecard;

const JOURNAL_SUFFIX: &str = ".journal.jsonl";
const RECORD_SUFFIX: &str = ".jsonl";
/// A header line longer than this is not a header (a record's first line is ~2 KB).
const MAX_HEADER_BYTES: u64 = 256 * 1024;

/// A records folder.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    /// This PC's index of the folder's summaries ([`Store::with_index`]), if it keeps one.
    index: Option<PathBuf>,
}

/// A file that could not be read, with why (in Korean).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

/// A finished or abandoned record as listed: its header, with the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub path: PathBuf,
    pub header: Header,
}

impl Listed {
    /// The summary (always present in a listed record).
    pub fn summary(&self) -> &Summary {
        self.header
            .summary
            .as_ref()
            .expect("listing keeps only records with a summary")
    }
}

/// The records of a folder, newest first, and the files that could not be read.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub records: Vec<Listed>,
    pub problems: Vec<Problem>,
}

/// A whole record: header, turns and end.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub path: PathBuf,
    pub header: Header,
    pub turns: Vec<RecordedTurn>,
    pub end: End,
}

/// A session a crash or kill left behind: everything the journal holds.
#[derive(Debug, Clone)]
pub struct Unfinished {
    pub path: PathBuf,
    pub header: Header,
    /// Every complete turn, each with its state.
    pub turns: Vec<RecordedTurn>,
    /// The state after the last complete turn; `None` when no turn was played (start over
    /// with `header.seed`).
    pub state: Option<SessionState>,
    /// The journal ended in a half-written line (dropped).
    pub truncated: bool,
}

/// Whether everything a journal was given is on disk.
#[derive(Debug)]
pub enum JournalStatus {
    /// All on disk.
    Saved,
    /// Lines kept in memory until [`Journal::retry`] can write them.
    Pending { lines: usize, error: RecordsError },
    /// The finished record is written and the journal removed.
    Finished(PathBuf),
}

/// A session being recorded. Every line is kept in memory until it is on disk; a write that
/// fails is reported and kept for [`Journal::retry`].
#[derive(Debug)]
pub struct Journal {
    dir: PathBuf,
    path: PathBuf,
    header: Header,
    turns: Vec<RecordedTurn>,
    /// Open and locked while the session is played.
    file: Option<File>,
    /// Bytes of the journal known to be on disk.
    committed: u64,
    /// Lines not yet on disk.
    pending: Vec<String>,
    /// Set by `finish`; the record is written from it.
    end: Option<End>,
    finished: Option<PathBuf>,
    error: Option<RecordsError>,
}

impl Store {
    /// Opens a records folder, creating it if needed.
    pub fn open(location: &Location) -> Result<Store, RecordsError> {
        Store::at(location.dir())
    }

    /// Opens a records folder by path, creating it if needed.
    pub fn at(dir: &Path) -> Result<Store, RecordsError> {
        if !dir.is_dir() {
            fs::create_dir_all(dir).map_err(|e| RecordsError::io(dir, e))?;
        }
        Ok(Store {
            dir: dir.to_path_buf(),
            index: None,
        })
    }

    /// Keeps an index of the summaries at `index` (a file on this PC, never in the shared
    /// folder), so that listing reads only the records it has not seen before. A finished
    /// record is written once (a temp file renamed into place) and never changed, so its name
    /// is enough to know it; records other PCs add are read and appended, deleted ones are
    /// dropped when the index is rewritten. A lost or broken index only costs a full read.
    pub fn with_index(mut self, index: PathBuf) -> Store {
        self.index = Some(index);
        self
    }

    /// [`Store::with_index`] in this PC's cache folder (`%LOCALAPPDATA%\minwon\cache\index`,
    /// `~/.cache/minwon/index`), one file per records folder, named by a hash of its path.
    pub fn with_local_index(self) -> Store {
        let Some(dirs) = directories::ProjectDirs::from("", "", "minwon") else {
            return self;
        };
        let key = std::fs::canonicalize(&self.dir).unwrap_or_else(|_| self.dir.clone());
        let hash = super::content_hash(&key.to_string_lossy());
        let path = dirs
            .cache_dir()
            .join("index")
            .join(format!("{}.idx", &hash[..16]));
        self.with_index(path)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The folder xAPI statements wait in.
    pub fn outbox_dir(&self) -> PathBuf {
        self.dir.join("outbox")
    }

    /// Starts recording a session. Never fails: when the header cannot be written the journal
    /// keeps it and says so in [`Journal::status`] (and the next write retries).
    pub fn begin(&self, header: Header) -> Journal {
        let path = self.dir.join(format!("{}{JOURNAL_SUFFIX}", header.id));
        let line = json_line(&Line::Header(Box::new(header.clone())));
        let mut journal = Journal {
            dir: self.dir.clone(),
            path,
            header,
            turns: Vec::new(),
            file: None,
            committed: 0,
            pending: vec![line],
            end: None,
            finished: None,
            error: None,
        };
        let _ = journal.write_pending();
        journal
    }

    /// Continues the journal of an unfinished session (after `Session::resume`): cuts a
    /// half-written last line and appends from there.
    pub fn resume(&self, unfinished: &Unfinished) -> Result<Journal, RecordsError> {
        let path = &unfinished.path;
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
            .map_err(|e| RecordsError::io(path, e))?;
        lock(&file, path)?;
        let bytes = read_all(&file).map_err(|e| RecordsError::io(path, e))?;
        let read = read_journal(&bytes);
        file.set_len(read.good_bytes)
            .and_then(|()| file.sync_data())
            .map_err(|e| RecordsError::io(path, e))?;
        let mut turns = read.turns;
        for t in &mut turns {
            t.state = None;
        }
        Ok(Journal {
            dir: self.dir.clone(),
            path: path.clone(),
            header: unfinished.header.clone(),
            turns,
            file: Some(file),
            committed: read.good_bytes,
            pending: Vec::new(),
            end: None,
            finished: None,
            error: None,
        })
    }

    /// Sessions whose program died: journals nobody holds, oldest first. Journals of sessions
    /// still being played (here or on another PC) are locked and left alone.
    pub fn unfinished(&self) -> Vec<Unfinished> {
        let mut out = Vec::new();
        for path in self.files(JOURNAL_SUFFIX) {
            let id = file_id(&path, JOURNAL_SUFFIX);
            if id.is_some_and(|id| self.record_path(id).exists()) {
                // Finished, but the program stopped before removing the journal.
                let _ = fs::remove_file(&path);
                continue;
            }
            let Ok(file) = File::open(&path) else {
                continue;
            };
            if file.try_lock().is_err() {
                continue;
            }
            // Read through the locked handle: Windows locks keep other handles out.
            let Ok(bytes) = read_all(&file) else {
                continue;
            };
            drop(file);
            let read = read_journal(&bytes);
            let Some(header) = read.header else {
                continue;
            };
            let state = read.turns.last().and_then(|t| t.state.as_deref().cloned());
            out.push(Unfinished {
                path,
                header,
                turns: read.turns,
                state,
                truncated: read.truncated,
            });
        }
        out.sort_by_key(|u| u.header.started_at);
        out
    }

    /// Keeps an unfinished session as an abandoned record (no scorecard) and removes its
    /// journal.
    pub fn abandon(&self, id: Uuid) -> Result<PathBuf, RecordsError> {
        let path = self.dir.join(format!("{id}{JOURNAL_SUFFIX}"));
        let file = File::open(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => RecordsError::NotFound(id.to_string()),
            _ => RecordsError::io(&path, e),
        })?;
        lock(&file, &path)?;
        let bytes = read_all(&file).map_err(|e| RecordsError::io(&path, e))?;
        let read = read_journal(&bytes);
        let header = read.header.ok_or_else(|| RecordsError::Corrupt {
            path: path.clone(),
            reason: "첫 줄(머리말)을 읽을 수 없습니다".into(),
        })?;
        let last = read.turns.last().map_or(header.started_at, |t| t.at);
        let end = End {
            status: Status::Abandoned,
            ended_at: last,
            duration_secs: seconds_between(header.started_at, last),
            closing: None,
            scorecard: None,
        };
        let out = write_record(&self.dir, &header, &read.turns, &end)?;
        drop(file);
        let _ = fs::remove_file(&path);
        Ok(out)
    }

    /// Every finished or abandoned record, newest first, reading only each file's first line
    /// (or, with an index, only the lines of records it has not seen); files that cannot be
    /// read are listed as problems.
    pub fn list(&self) -> Listing {
        let files = self.files(RECORD_SUFFIX);
        let mut listing = Listing::default();
        let cached = self.index.as_deref().map(index::read).unwrap_or_default();
        let mut fresh: Vec<PathBuf> = Vec::new();
        let mut known: Vec<&[u8]> = Vec::with_capacity(files.len());
        let mut known_paths: Vec<&PathBuf> = Vec::with_capacity(files.len());
        for path in &files {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            match cached.get(name) {
                Some(line) => {
                    known.push(line);
                    known_paths.push(path);
                }
                None => fresh.push(path.clone()),
            }
        }
        // Cached summaries, parsed in parallel; one that no longer parses is read again.
        let parsed = parallel(&known, |line| serde_json::from_slice::<Header>(line).ok());
        for (path, header) in known_paths.into_iter().zip(parsed) {
            match header {
                Some(header) => listing.records.push(Listed {
                    path: path.clone(),
                    header,
                }),
                None => fresh.push(path.clone()),
            }
        }
        let read = parallel(&fresh, |path| read_header(path));
        let mut new_lines = Vec::new();
        for (path, result) in fresh.iter().zip(read) {
            match result {
                Ok((header, line)) => {
                    if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
                        new_lines.push((name.to_owned(), line));
                    }
                    listing.records.push(Listed {
                        path: path.clone(),
                        header,
                    });
                }
                Err(reason) => listing.problems.push(Problem {
                    path: path.clone(),
                    reason,
                }),
            }
        }
        if let Some(index) = &self.index {
            // Lines of the index whose files are gone (or no longer parse).
            let stale = (cached.len() + new_lines.len()).saturating_sub(listing.records.len());
            index::update(index, &cached, &new_lines, &listing.records, stale);
        }
        // Journals that cannot even give a header are problems too (not a crash to resume).
        for path in self.files(JOURNAL_SUFFIX) {
            if let Ok(bytes) = fs::read(&path)
                && read_journal(&bytes).header.is_none()
                && !bytes.is_empty()
            {
                listing.problems.push(Problem {
                    path,
                    reason: "진행 중 기록의 첫 줄(머리말)을 읽을 수 없습니다".into(),
                });
            }
        }
        listing
            .records
            .sort_by_key(|r| std::cmp::Reverse(r.header.started_at));
        listing.problems.sort_by(|a, b| a.path.cmp(&b.path));
        listing
    }

    /// Reads a whole record (for a transcript, an export or the printed scorecard).
    pub fn read(&self, path: &Path) -> Result<Record, RecordsError> {
        read_record(path)
    }

    /// Reads whole records in parallel (for an export), each result in the order given.
    pub fn read_many(&self, paths: &[PathBuf]) -> Vec<Result<Record, RecordsError>> {
        parallel(paths, |p| read_record(p))
    }

    /// The path of the finished record of a session.
    pub fn record_path(&self, id: Uuid) -> PathBuf {
        self.dir.join(format!("{id}{RECORD_SUFFIX}"))
    }

    /// Files of the folder ending in `suffix` (finished records exclude journals), no dot files.
    /// How many finished records the folder holds (names only: cheap next to [`Store::list`]).
    pub fn record_count(&self) -> usize {
        self.files(RECORD_SUFFIX).len()
    }

    fn files(&self, suffix: &str) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name();
                let name = name.to_str()?;
                let wanted = name.ends_with(suffix)
                    && !name.starts_with('.')
                    && (suffix == JOURNAL_SUFFIX || !name.ends_with(JOURNAL_SUFFIX));
                wanted.then(|| e.path())
            })
            .collect()
    }
}

impl Journal {
    pub fn header(&self) -> &Header {
        &self.header
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Turns recorded so far (without their states).
    pub fn turns(&self) -> &[RecordedTurn] {
        &self.turns
    }

    /// Appends a turn (with the session's state after it). On error the line is kept and
    /// written by the next call or [`Journal::retry`].
    pub fn turn(&mut self, turn: &RecordedTurn) -> Result<(), RecordsError> {
        if self.end.is_some() {
            return Ok(());
        }
        self.pending
            .push(json_line(&Line::Turn(Box::new(turn.clone()))));
        let mut kept = turn.clone();
        kept.state = None;
        self.turns.push(kept);
        self.write_pending()
    }

    /// Ends the session: writes the finished record atomically (header with its summary, the
    /// turns, the scorecard) and removes the journal. On error everything stays in memory for
    /// [`Journal::retry`].
    pub fn finish(&mut self, card: &Scorecard, closing: Option<&str>) -> Result<(), RecordsError> {
        if self.end.is_none() {
            let now = Timestamp::now();
            self.end = Some(End {
                status: Status::Finished,
                ended_at: now,
                duration_secs: seconds_between(self.header.started_at, now),
                closing: closing.map(str::to_owned),
                scorecard: Some(card.clone()),
            });
        }
        self.write_pending()
    }

    /// Tries again to write what is still in memory.
    pub fn retry(&mut self) -> Result<(), RecordsError> {
        self.write_pending()
    }

    pub fn status(&self) -> JournalStatus {
        if let Some(p) = &self.finished {
            return JournalStatus::Finished(p.clone());
        }
        match &self.error {
            None => JournalStatus::Saved,
            Some(e) => JournalStatus::Pending {
                lines: self.pending.len() + usize::from(self.end.is_some()),
                error: clone_error(e),
            },
        }
    }

    /// True when everything given to the journal is on disk.
    pub fn is_saved(&self) -> bool {
        matches!(
            self.status(),
            JournalStatus::Saved | JournalStatus::Finished(_)
        )
    }

    fn write_pending(&mut self) -> Result<(), RecordsError> {
        if self.finished.is_some() {
            return Ok(());
        }
        let result = self.try_write();
        match &result {
            Ok(()) => self.error = None,
            Err(e) => self.error = Some(clone_error(e)),
        }
        result
    }

    fn try_write(&mut self) -> Result<(), RecordsError> {
        if let Some(end) = &self.end {
            // The finished record holds everything: the journal's pending lines are not needed.
            let out = write_record(&self.dir, &self.header, &self.turns, end)?;
            self.pending.clear();
            self.file = None;
            let _ = fs::remove_file(&self.path);
            self.finished = Some(out);
            return Ok(());
        }
        if self.pending.is_empty() {
            return Ok(());
        }
        if self.file.is_none() {
            let file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&self.path)
                .map_err(|e| RecordsError::io(&self.path, e))?;
            lock(&file, &self.path)?;
            sync_dir(&self.dir);
            self.file = Some(file);
        }
        let Some(file) = self.file.as_mut() else {
            return Ok(());
        };
        let text: String = self.pending.concat();
        let path = &self.path;
        // A write that failed half-way may have left part of a line: cut back to the last
        // whole line before writing again.
        let len = file
            .metadata()
            .map_err(|e| RecordsError::io(path, e))?
            .len();
        if len != self.committed {
            file.set_len(self.committed)
                .map_err(|e| RecordsError::io(path, e))?;
        }
        file.seek(SeekFrom::Start(self.committed))
            .and_then(|_| file.write_all(text.as_bytes()))
            .and_then(|()| file.flush())
            .and_then(|()| file.sync_data())
            .map_err(|e| RecordsError::io(path, e))?;
        self.committed += text.len() as u64;
        self.pending.clear();
        Ok(())
    }
}

/// Errors carry an `io::Error`, which cannot be cloned: keep its kind and words.
fn clone_error(e: &RecordsError) -> RecordsError {
    let io = |s: &std::io::Error| std::io::Error::new(s.kind(), s.to_string());
    match e {
        RecordsError::ReadOnly { path, source } => RecordsError::ReadOnly {
            path: path.clone(),
            source: io(source),
        },
        RecordsError::Full { path, source } => RecordsError::Full {
            path: path.clone(),
            source: io(source),
        },
        RecordsError::Io { path, source } => RecordsError::Io {
            path: path.clone(),
            source: io(source),
        },
        RecordsError::Busy { path } => RecordsError::Busy { path: path.clone() },
        RecordsError::NoHome => RecordsError::NoHome,
        RecordsError::Corrupt { path, reason } => RecordsError::Corrupt {
            path: path.clone(),
            reason: reason.clone(),
        },
        RecordsError::NotFound(s) => RecordsError::NotFound(s.clone()),
        RecordsError::Export { path, reason } => RecordsError::Export {
            path: path.clone(),
            reason: reason.clone(),
        },
    }
}

fn read_all(mut file: &File) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    file.seek(SeekFrom::Start(0))?;
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn lock(file: &File, path: &Path) -> Result<(), RecordsError> {
    match file.try_lock() {
        Ok(()) => Ok(()),
        Err(std::fs::TryLockError::WouldBlock) => Err(RecordsError::Busy {
            path: path.to_path_buf(),
        }),
        Err(std::fs::TryLockError::Error(e)) => Err(RecordsError::io(path, e)),
    }
}

fn json_line(line: &Line) -> String {
    // Our own types always serialise.
    let mut s = serde_json::to_string(line).unwrap_or_default();
    s.push('\n');
    s
}

fn seconds_between(a: Timestamp, b: Timestamp) -> f64 {
    let d = b.duration_since(a).as_secs_f64();
    (d.max(0.0) * 1000.0).round() / 1000.0
}

/// The session id of a file named `<uuid><suffix>`.
fn file_id(path: &Path, suffix: &str) -> Option<Uuid> {
    let name = path.file_name()?.to_str()?;
    Uuid::parse_str(name.strip_suffix(suffix)?).ok()
}

/// Makes a new directory entry durable (Unix; Windows has no directory handles to sync).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Writes a finished record atomically: a temp file in the same folder, fsynced, renamed.
fn write_record(
    dir: &Path,
    header: &Header,
    turns: &[RecordedTurn],
    end: &End,
) -> Result<PathBuf, RecordsError> {
    let mut header = header.clone();
    header.summary = Some(Summary::of(end, turns.len() as u32));
    let mut text = json_line(&Line::Header(Box::new(header.clone())));
    for t in turns {
        let mut t = t.clone();
        t.state = None;
        text.push_str(&json_line(&Line::Turn(Box::new(t))));
    }
    text.push_str(&json_line(&Line::End(Box::new(end.clone()))));
    let target = dir.join(format!("{}{RECORD_SUFFIX}", header.id));
    let mut tmp = tempfile::Builder::new()
        .prefix(".minwon-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| RecordsError::io(dir, e))?;
    tmp.write_all(text.as_bytes())
        .and_then(|()| tmp.flush())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| RecordsError::io(&target, e))?;
    tmp.persist(&target)
        .map_err(|e| RecordsError::io(&target, e.error))?;
    sync_dir(dir);
    Ok(target)
}

/// What a journal holds, as far as it can be read.
struct ReadJournal {
    header: Option<Header>,
    turns: Vec<RecordedTurn>,
    /// Bytes up to the end of the last line that was read.
    good_bytes: u64,
    truncated: bool,
}

/// Reads a journal's lines up to the first that cannot be read (a half-written last line).
fn read_journal(bytes: &[u8]) -> ReadJournal {
    let mut out = ReadJournal {
        header: None,
        turns: Vec::new(),
        good_bytes: 0,
        truncated: false,
    };
    let mut pos = 0usize;
    while pos < bytes.len() {
        let Some(nl) = bytes[pos..].iter().position(|&b| b == b'\n') else {
            out.truncated = true;
            break;
        };
        let line = &bytes[pos..pos + nl];
        let parsed = serde_json::from_slice::<Line>(line);
        match (parsed, out.header.is_some()) {
            (Ok(Line::Header(h)), false) => out.header = Some(*h),
            (Ok(Line::Turn(t)), true) if t.number as usize == out.turns.len() + 1 => {
                out.turns.push(*t)
            }
            _ => {
                out.truncated = true;
                break;
            }
        }
        pos += nl + 1;
        out.good_bytes = pos as u64;
    }
    out
}

/// Reads a record's first line: its header with the summary, and the line as it was read.
fn read_header(path: &Path) -> Result<(Header, Vec<u8>), String> {
    let file = File::open(path).map_err(|e| format!("열 수 없습니다 ({e})"))?;
    let mut reader = BufReader::with_capacity(8 * 1024, file).take(MAX_HEADER_BYTES);
    let mut line = Vec::with_capacity(4 * 1024);
    reader
        .read_until(b'\n', &mut line)
        .map_err(|e| format!("읽을 수 없습니다 ({e})"))?;
    if line.last() != Some(&b'\n') {
        return Err(if line.is_empty() {
            "빈 파일입니다".into()
        } else {
            "첫 줄이 끝나지 않았습니다 (쓰다 만 파일)".into()
        });
    }
    let header: Header = serde_json::from_slice(&line)
        .map_err(|e| format!("첫 줄이 기록 머리말이 아닙니다 ({e})"))?;
    if header.format > RECORD_FORMAT {
        return Err(format!(
            "더 새 형식(버전 {})의 기록입니다. 프로그램을 업데이트하십시오",
            header.format
        ));
    }
    if header.summary.is_none() {
        return Err("요약이 없는 기록입니다 (끝나지 않은 상담)".into());
    }
    line.pop();
    Ok((header, line))
}

/// `f` over `items` on up to 8 threads, results in order.
fn parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 8);
    if items.len() < 64 || threads == 1 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for h in handles {
            match h.join() {
                Ok(part) => out.extend(part),
                // A thread cannot panic on these inputs; should one, its items are read again.
                Err(_) => return items.iter().map(f).collect(),
            }
        }
        out
    })
}

/// This PC's index of a records folder's summaries: lines `<file name>\t<header line>`,
/// appended as new records are seen and rewritten when a quarter of it is stale.
mod index {
    use std::collections::HashMap;
    use std::io::Write as _;
    use std::path::Path;

    use super::Listed;

    /// The first line of an index file: its format.
    const MAGIC: &[u8] = b"minwon-records-index 1";

    #[derive(Default)]
    pub(super) struct Cached {
        bytes: Vec<u8>,
        /// File name → its header line, as a span of `bytes`.
        spans: HashMap<String, (usize, usize)>,
    }

    impl Cached {
        /// The header line cached for a file name.
        pub(super) fn get(&self, name: &str) -> Option<&[u8]> {
            let &(a, b) = self.spans.get(name)?;
            self.bytes.get(a..b)
        }

        pub(super) fn len(&self) -> usize {
            self.spans.len()
        }
    }

    /// Reads the index; a missing or foreign file is an empty index, a broken line is skipped.
    pub(super) fn read(path: &Path) -> Cached {
        let Ok(bytes) = std::fs::read(path) else {
            return Cached::default();
        };
        let mut lines = bytes.split(|&b| b == b'\n');
        if lines.next() != Some(MAGIC) {
            return Cached::default();
        }
        let mut spans = HashMap::new();
        let mut pos = MAGIC.len() + 1;
        for line in lines {
            let start = pos;
            pos += line.len() + 1;
            let Some(tab) = line.iter().position(|&b| b == b'\t') else {
                continue;
            };
            let Ok(name) = std::str::from_utf8(&line[..tab]) else {
                continue;
            };
            spans.insert(name.to_owned(), (start + tab + 1, start + line.len()));
        }
        Cached { bytes, spans }
    }

    /// Appends the lines of records read for the first time, or rewrites the index when
    /// `stale` of its lines name files that are gone. Failures are ignored: the index is only
    /// a cache, and the next listing reads the files again.
    pub(super) fn update(
        path: &Path,
        cached: &Cached,
        new: &[(String, Vec<u8>)],
        records: &[Listed],
        stale: usize,
    ) {
        let total = cached.len() + new.len();
        if stale > 0 && stale * 4 >= total {
            rewrite(path, cached, new, records);
        } else if !new.is_empty() {
            append(path, cached.len() == 0, new);
        }
    }

    fn append(path: &Path, fresh: bool, new: &[(String, Vec<u8>)]) {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let mut text = Vec::new();
        if fresh {
            // A new (or foreign) index starts over with its first line.
            let _ = std::fs::remove_file(path);
            text.extend_from_slice(MAGIC);
            text.push(b'\n');
        }
        for (name, line) in new {
            text.extend_from_slice(name.as_bytes());
            text.push(b'\t');
            text.extend_from_slice(line);
            text.push(b'\n');
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path);
        if let Ok(mut f) = file {
            // One write: lines of two instances appending at once do not interleave.
            let _ = f.write_all(&text);
        }
    }

    fn rewrite(path: &Path, cached: &Cached, new: &[(String, Vec<u8>)], records: &[Listed]) {
        let Some(dir) = path.parent() else {
            return;
        };
        let _ = std::fs::create_dir_all(dir);
        let mut text = Vec::with_capacity(MAGIC.len() + 1);
        text.extend_from_slice(MAGIC);
        text.push(b'\n');
        let new: HashMap<&str, &Vec<u8>> = new.iter().map(|(n, l)| (n.as_str(), l)).collect();
        for r in records {
            let Some(name) = r.path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let Some(line) = cached
                .get(name)
                .or_else(|| new.get(name).map(|l| l.as_slice()))
            else {
                continue;
            };
            text.extend_from_slice(name.as_bytes());
            text.push(b'\t');
            text.extend_from_slice(line);
            text.push(b'\n');
        }
        let Ok(mut tmp) = tempfile::Builder::new().prefix(".index-").tempfile_in(dir) else {
            return;
        };
        if tmp.write_all(&text).is_ok() {
            let _ = tmp.persist(path);
        }
    }
}

/// Reads a whole finished record.
pub(crate) fn read_record(path: &Path) -> Result<Record, RecordsError> {
    let corrupt = |reason: String| RecordsError::Corrupt {
        path: path.to_path_buf(),
        reason,
    };
    let text = fs::read_to_string(path).map_err(|e| RecordsError::io(path, e))?;
    let mut header = None;
    let mut turns = Vec::new();
    let mut end = None;
    for (i, line) in text.lines().enumerate() {
        let parsed: Line = serde_json::from_str(line)
            .map_err(|e| corrupt(format!("{}번째 줄을 읽을 수 없습니다 ({e})", i + 1)))?;
        match parsed {
            Line::Header(h) if header.is_none() => header = Some(*h),
            Line::Turn(t) if header.is_some() && end.is_none() => turns.push(*t),
            Line::End(e) if header.is_some() && end.is_none() => end = Some(*e),
            _ => {
                return Err(corrupt(format!(
                    "{}번째 줄이 제자리에 있지 않습니다",
                    i + 1
                )));
            }
        }
    }
    let header = header.ok_or_else(|| corrupt("머리말이 없습니다".into()))?;
    let end = end.ok_or_else(|| corrupt("끝 줄이 없습니다 (쓰다 만 기록)".into()))?;
    Ok(Record {
        path: path.to_path_buf(),
        header,
        turns,
        end,
    })
}
