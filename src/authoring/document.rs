//! One scenario file being edited, and never losing it: autosave to a sidecar, atomic saves with
//! the last versions kept as backups, recovery offered after a crash, and changes made on disk
//! by someone else (a shared station folder) noticed with the lines that changed.
//!
//! Files beside `NAME.ron` in the instructor's folder:
//! - `.NAME.ron.draft` — the autosaved text (deleted on save);
//! - `.backups/NAME/YYYYMMDD-HHMMSS-mmm-NNN.ron.bak` — the versions before each save, the last
//!   [`KEEP_BACKUPS`] kept.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// How many earlier versions of a file are kept in `.backups/NAME/`.
pub const KEEP_BACKUPS: usize = 20;

/// Backups end in `.ron.bak`, not `.ron`, so that loading the instructor's folder as a scenario
/// folder (which reads every `.ron` under it) never loads an old version.
const BACKUP_EXT: &str = ".ron.bak";

/// Why a file could not be read or written, in words an instructor understands. The draft
/// stays in memory whatever happens.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocError {
    #[error(
        "{path}에 저장할 수 없습니다: 디스크가 가득 찼습니다. 공간을 비운 뒤 다시 저장하십시오 (고친 내용은 그대로 남아 있습니다)"
    )]
    DiskFull { path: String },
    #[error(
        "{path}에 저장할 수 없습니다: 쓰기 권한이 없는 폴더입니다 (읽기 전용). 다른 폴더를 고르거나 관리자에게 문의하십시오 (고친 내용은 그대로 남아 있습니다)"
    )]
    ReadOnly { path: String },
    #[error("{path}을(를) 읽을 수 없습니다: {reason}")]
    Read { path: String, reason: String },
    #[error("{path}에 저장할 수 없습니다: {reason} (고친 내용은 그대로 남아 있습니다)")]
    Write { path: String, reason: String },
    #[error("내장 시나리오 파일은 고칠 수 없습니다: 교관 폴더에 사본을 만들어 여십시오")]
    Builtin,
}

fn write_error(path: &Path, e: &std::io::Error) -> DocError {
    let path = path.display().to_string();
    match e.kind() {
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
            DocError::DiskFull { path }
        }
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            DocError::ReadOnly { path }
        }
        _ => DocError::Write {
            path,
            reason: e.to_string(),
        },
    }
}

fn read_error(path: &Path, e: &std::io::Error) -> DocError {
    DocError::Read {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}

/// What the file on disk looked like when last read or written: to notice someone else's save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskStamp {
    pub hash: u64,
    pub modified: Option<SystemTime>,
    pub len: u64,
}

/// FNV-1a: a stable hash of a file's bytes (no need for a cryptographic one).
fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A text offered back after a crash: the autosaved draft differs from the saved file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    /// The autosaved text.
    pub text: String,
    /// When it was autosaved.
    pub saved_at: Option<SystemTime>,
    /// The lines that differ from the file as saved.
    pub diff: Vec<DiffLine>,
}

/// One line of a line diff: removed (`-`), added (`+`), with its 1-based line number in the old
/// or new text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    pub change: Change,
    /// 1-based line in the old text (removed) or the new text (added).
    pub line: usize,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Removed,
    Added,
}

/// The changed lines between two texts (unchanged lines left out), made with the `similar`
/// crate's Myers diff.
pub fn line_diff(old: &str, new: &str) -> Vec<DiffLine> {
    let diff = similar::TextDiff::from_lines(old, new);
    let mut out = Vec::new();
    for change in diff.iter_all_changes() {
        let (kind, line) = match change.tag() {
            similar::ChangeTag::Equal => continue,
            similar::ChangeTag::Delete => (Change::Removed, change.old_index()),
            similar::ChangeTag::Insert => (Change::Added, change.new_index()),
        };
        out.push(DiffLine {
            change: kind,
            line: line.map_or(0, |i| i + 1),
            text: change.value().trim_end_matches(['\n', '\r']).to_owned(),
        });
    }
    out
}

/// The file on disk changed since it was loaded or saved here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskChange {
    /// The text now on disk (`None` when the file was deleted).
    pub disk_text: Option<String>,
    /// The changed lines, from the text last loaded or saved here to the text on disk.
    pub diff: Vec<DiffLine>,
    /// The draft has unsaved edits too: reloading would drop them.
    pub conflicts_with_edits: bool,
}

/// One scenario file open for editing.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Where it saves: always in an instructor's folder, never in the built-in pack.
    path: PathBuf,
    text: String,
    /// The text as last loaded from or saved to `path` (what `dirty` compares with).
    saved_text: String,
    stamp: Option<DiskStamp>,
    /// The text last autosaved, to skip writing the same text again.
    autosaved: Option<String>,
}

impl Draft {
    /// Opens a file of an instructor's folder. A missing file opens empty (a new scenario); an
    /// autosaved draft left by a crash is not applied but offered by [`Draft::recovery`].
    pub fn open(path: &Path) -> Result<Draft, DocError> {
        let (text, stamp) = match std::fs::read(path) {
            Ok(bytes) => {
                let stamp = stamp_of(path, &bytes);
                let text = String::from_utf8_lossy(&bytes).into_owned();
                (text, Some(stamp))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (String::new(), None),
            Err(e) => return Err(read_error(path, &e)),
        };
        Ok(Draft {
            path: path.to_path_buf(),
            saved_text: text.clone(),
            text,
            stamp,
            autosaved: None,
        })
    }

    /// A new, unsaved file at `path` with `text` (from a template, or a copy of a built-in
    /// scenario). Nothing is written until [`Draft::save`] or [`Draft::autosave`]. When a file is
    /// already at `path`, saving replaces it after keeping it as a backup (use
    /// [`free_name`] for a path that is not taken).
    pub fn create(path: &Path, text: &str) -> Draft {
        let stamp = std::fs::read(path).ok().map(|b| stamp_of(path, &b));
        let saved_text = std::fs::read(path)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        Draft {
            path: path.to_path_buf(),
            text: text.to_owned(),
            saved_text,
            stamp,
            autosaved: None,
        }
    }

    /// Opens a built-in scenario for editing as a copy in `folder`: the copy is
    /// `folder/<file name>` (or `<name>-2.ron` … when taken), so the embedded pack is never
    /// written. `builtin_path` is a path of [`crate::library::builtin_files`].
    pub fn copy_of_builtin(builtin_path: &str, folder: &Path) -> Result<Draft, DocError> {
        let Some((_, text)) = crate::library::builtin_files()
            .iter()
            .find(|(p, _)| *p == builtin_path)
        else {
            return Err(DocError::Read {
                path: builtin_path.to_owned(),
                reason: "내장 시나리오에 없는 파일입니다".to_owned(),
            });
        };
        let name = Path::new(builtin_path).file_stem().map_or_else(
            || "scenario".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        let path = free_name(folder, &name);
        Ok(Draft::create(&path, text))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Replaces the text (every edit of the editor).
    pub fn set_text(&mut self, text: impl Into<String>) {
        self.text = text.into();
    }

    /// The text has changes not yet saved (the unsaved marker).
    pub fn is_dirty(&self) -> bool {
        self.text != self.saved_text || self.stamp.is_none()
    }

    /// The sidecar the draft is autosaved to: `.NAME.ron.draft` beside the file.
    pub fn sidecar_path(&self) -> PathBuf {
        sidecar_of(&self.path)
    }

    /// The folder of this file's backups: `.backups/NAME/` beside it.
    pub fn backup_dir(&self) -> PathBuf {
        backup_dir_of(&self.path)
    }

    /// Writes the text to the sidecar if it changed since the last autosave and differs from
    /// the saved file. Call it every few seconds. Returns whether it wrote.
    pub fn autosave(&mut self) -> Result<bool, DocError> {
        if !self.is_dirty() {
            // Edited back to the saved text: an old sidecar would be offered for nothing.
            if self.autosaved.take().is_some() {
                remove_if_there(&self.sidecar_path())?;
            }
            return Ok(false);
        }
        if self.autosaved.as_deref() == Some(self.text.as_str()) {
            return Ok(false);
        }
        let sidecar = self.sidecar_path();
        // A new scenario's folder may not exist yet: the draft is kept all the same.
        if let Some(dir) = sidecar.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| write_error(dir, &e))?;
        }
        atomic_write(&sidecar, self.text.as_bytes())?;
        self.autosaved = Some(self.text.clone());
        Ok(true)
    }

    /// The autosaved draft, if there is one that differs from the file: what to offer back
    /// after a crash. Never applied here; [`Draft::accept_recovery`] applies it.
    pub fn recovery(&self) -> Option<Recovery> {
        let sidecar = self.sidecar_path();
        let bytes = std::fs::read(&sidecar).ok()?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if text == self.saved_text {
            return None;
        }
        let saved_at = std::fs::metadata(&sidecar).and_then(|m| m.modified()).ok();
        Some(Recovery {
            diff: line_diff(&self.saved_text, &text),
            text,
            saved_at,
        })
    }

    /// Takes the recovered text as the draft (unsaved until [`Draft::save`]).
    pub fn accept_recovery(&mut self, recovery: &Recovery) {
        self.text = recovery.text.clone();
        self.autosaved = Some(recovery.text.clone());
    }

    /// Throws the autosaved draft away.
    pub fn discard_recovery(&mut self) -> Result<(), DocError> {
        remove_if_there(&self.sidecar_path())
    }

    /// Saves atomically (a temporary file in the same folder, then renamed over the file), after
    /// keeping the version on disk as a backup (the last [`KEEP_BACKUPS`] are kept). On failure
    /// the draft stays as it was, dirty.
    pub fn save(&mut self) -> Result<(), DocError> {
        if is_in_pack(&self.path) {
            return Err(DocError::Builtin);
        }
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| write_error(dir, &e))?;
        }
        if let Ok(old) = std::fs::read(&self.path) {
            self.backup(&old)?;
        }
        atomic_write(&self.path, self.text.as_bytes())?;
        let bytes = self.text.as_bytes();
        self.stamp = Some(stamp_of(&self.path, bytes));
        self.saved_text = self.text.clone();
        self.autosaved = None;
        // The draft is saved: a leftover sidecar would be offered back for nothing.
        let _ = remove_if_there(&self.sidecar_path());
        Ok(())
    }

    fn backup(&self, old: &[u8]) -> Result<(), DocError> {
        let dir = self.backup_dir();
        std::fs::create_dir_all(&dir).map_err(|e| write_error(&dir, &e))?;
        // Two saves in one millisecond get a sequence number, so names still sort in order.
        let stamp = backup_name();
        let name = (0..1000)
            .map(|n| format!("{stamp}-{n:03}{BACKUP_EXT}"))
            .find(|n| !dir.join(n).exists())
            .unwrap_or_else(|| format!("{stamp}-999{BACKUP_EXT}"));
        atomic_write(&dir.join(name), old)?;
        prune(&dir, KEEP_BACKUPS);
        Ok(())
    }

    /// The backups of this file, oldest first.
    pub fn backups(&self) -> Vec<PathBuf> {
        list_backups(&self.backup_dir())
    }

    /// Whether the file on disk changed since it was loaded or saved here (another instructor
    /// saved it), with the changed lines. `None` when it did not.
    pub fn check_disk(&self) -> Option<DiskChange> {
        let now = match std::fs::read(&self.path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(_) => return None,
        };
        match (&self.stamp, now) {
            (None, None) => None,
            (Some(_), None) => Some(DiskChange {
                disk_text: None,
                diff: line_diff(&self.saved_text, ""),
                conflicts_with_edits: self.text != self.saved_text,
            }),
            (stamp, Some(bytes)) => {
                if stamp.as_ref().is_some_and(|s| s.hash == hash(&bytes)) {
                    return None;
                }
                let disk = String::from_utf8_lossy(&bytes).into_owned();
                Some(DiskChange {
                    diff: line_diff(&self.saved_text, &disk),
                    disk_text: Some(disk),
                    conflicts_with_edits: self.text != self.saved_text,
                })
            }
        }
    }

    /// Reads the file again, dropping unsaved edits (after asking: see
    /// [`DiskChange::conflicts_with_edits`]).
    pub fn reload(&mut self) -> Result<(), DocError> {
        let bytes = std::fs::read(&self.path).map_err(|e| read_error(&self.path, &e))?;
        self.stamp = Some(stamp_of(&self.path, &bytes));
        self.text = String::from_utf8_lossy(&bytes).into_owned();
        self.saved_text = self.text.clone();
        Ok(())
    }
}

/// True for a path inside the source tree's `scenarios/` pack (the files embedded in the
/// binary): those are never written by the studio.
fn is_in_pack(path: &Path) -> bool {
    let pack = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let canon = |p: &Path| std::fs::canonicalize(p).ok();
    let parent = path.parent().and_then(canon);
    match (parent, canon(&pack)) {
        (Some(parent), Some(pack)) => parent.starts_with(pack),
        _ => false,
    }
}

fn stamp_of(path: &Path, bytes: &[u8]) -> DiskStamp {
    DiskStamp {
        hash: hash(bytes),
        modified: std::fs::metadata(path).and_then(|m| m.modified()).ok(),
        len: bytes.len() as u64,
    }
}

/// The scenario files of `folder` that have an autosaved draft beside them (edits a crash or a
/// close without saving left behind), by name. A new scenario never saved is listed too (its
/// file does not exist; opening it offers the draft back).
pub fn drafts_in(folder: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    let file = name.strip_prefix('.')?.strip_suffix(".draft")?;
                    file.ends_with(".ron").then(|| folder.join(file))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn sidecar_of(path: &Path) -> PathBuf {
    let name = path.file_name().map_or_else(
        || "scenario.ron".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    path.with_file_name(format!(".{name}.draft"))
}

fn backup_dir_of(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or_else(|| "scenario".into(), |n| n.to_string_lossy().into_owned());
    path.parent()
        .unwrap_or(Path::new("."))
        .join(".backups")
        .join(stem)
}

/// `YYYYMMDD-HHMMSS-mmm` in UTC: names that sort in time order.
fn backup_name() -> String {
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = now.as_secs();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}{m:02}{d:02}-{:02}{:02}{:02}-{:03}",
        rem / 3600,
        rem / 60 % 60,
        rem % 60,
        now.subsec_millis()
    )
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn list_backups(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(BACKUP_EXT))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Deletes the oldest backups beyond `keep`.
fn prune(dir: &Path, keep: usize) {
    let files = list_backups(dir);
    if files.len() > keep {
        for old in &files[..files.len() - keep] {
            // A backup that cannot be deleted is kept; the next save tries again.
            let _ = std::fs::remove_file(old);
        }
    }
}

fn remove_if_there(path: &Path) -> Result<(), DocError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(write_error(path, &e)),
    }
}

/// Writes through a temporary file in the same folder, then renames it over `path`: a crash or
/// a full disk leaves the old file whole.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), DocError> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| write_error(path, &e))?;
    tmp.write_all(bytes).map_err(|e| write_error(path, &e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| write_error(path, &e))?;
    tmp.persist(path).map_err(|e| write_error(path, &e.error))?;
    Ok(())
}

/// `folder/NAME.ron`, or `NAME-2.ron`, `NAME-3.ron` … when taken.
pub fn free_name(folder: &Path, name: &str) -> PathBuf {
    let first = folder.join(format!("{name}.ron"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| folder.join(format!("{name}-{n}.ron")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}
