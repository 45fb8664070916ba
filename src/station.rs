//! A station's settings (`station.ron`): its name and its signature practice. Kept in the
//! station's shared folder when one is set, so every PC of the station shares it, else in the
//! app's own config folder. Written atomically (a temporary file renamed over the old one), so
//! a PC that dies mid-save never leaves half a file on the share.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::library::{Library, MAX_FILE_BYTES, load};
use crate::practice::Practice;

/// The file name in the station folder (or the config folder).
pub const FILE_NAME: &str = "station.ron";

/// The version of the file's format written now.
pub const STATION_VERSION: u32 = 1;

/// What a station decides for all its PCs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StationSettings {
    pub version: u32,
    /// The station's name (`구로경찰서 ○○지구대`), for the briefing and records.
    pub name: String,
    /// The id of the chosen signature practice (`bow_first`), or none.
    pub practice: Option<String>,
}

impl Default for StationSettings {
    fn default() -> StationSettings {
        StationSettings {
            version: STATION_VERSION,
            name: String::new(),
            practice: None,
        }
    }
}

/// Why the station settings could not be read, written or used.
#[derive(Debug, thiserror::Error)]
pub enum StationError {
    #[error("{path}: 서 설정 파일을 읽을 수 없습니다: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    /// The file is there but broken: where and why, in words an instructor understands.
    #[error("{path}:{line}:{col}: 서 설정 파일이 잘못되었습니다: {message}")]
    Broken {
        path: String,
        line: usize,
        col: usize,
        message: String,
    },
    #[error(
        "{path}: 서 설정 파일의 형식(버전 {found})을 이 프로그램은 읽지 못합니다 (버전 {STATION_VERSION})"
    )]
    Version { path: String, found: u32 },
    #[error("{path}: 서 설정을 저장할 수 없습니다: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("서 설정의 시책 \"{id}\"가 없습니다 (고를 수 있는 시책: {known})")]
    UnknownPractice { id: String, known: String },
}

/// Where `station.ron` lives: in the station folder when one is set, else in the app's config
/// folder.
pub fn path(station_folder: Option<&Path>, config_folder: &Path) -> PathBuf {
    station_folder.unwrap_or(config_folder).join(FILE_NAME)
}

impl StationSettings {
    /// Reads `station.ron` at `path`. A missing file is no error: the defaults (no name, no
    /// practice) are returned. A broken file is an error with its place, never silently
    /// replaced, so a shared file is not overwritten by a PC that misread it.
    pub fn load(path: &Path) -> Result<StationSettings, StationError> {
        let shown = path.display().to_string();
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(StationSettings::default());
            }
            Err(source) => {
                return Err(StationError::Read {
                    path: shown,
                    source,
                });
            }
            Ok(_) => {}
        }
        let bytes = crate::library::read_limited(path).map_err(|p| StationError::Broken {
            path: shown.clone(),
            line: p.line,
            col: p.col,
            message: p.message,
        })?;
        StationSettings::parse(&shown, &bytes)
    }

    /// Parses the text of a `station.ron` (`path` only names it in errors).
    pub fn parse(path: &str, bytes: &[u8]) -> Result<StationSettings, StationError> {
        let broken = |line, col, message: String| StationError::Broken {
            path: path.to_owned(),
            line,
            col,
            message,
        };
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(broken(1, 1, "파일이 너무 큽니다".to_owned()));
        }
        let text = load::decode(path, bytes).map_err(|p| broken(p.line, p.col, p.message))?;
        let options = ron::Options::default().with_recursion_limit(16);
        let settings: StationSettings = options.from_str(text).map_err(|e| {
            broken(
                e.span.start.line.max(1),
                e.span.start.col.max(1),
                load::describe(&e.code),
            )
        })?;
        if settings.version != STATION_VERSION {
            return Err(StationError::Version {
                path: path.to_owned(),
                found: settings.version,
            });
        }
        Ok(settings)
    }

    /// The file's text: a comment saying what it is, then the settings.
    pub fn to_text(&self) -> String {
        let config = ron::ser::PrettyConfig::default().struct_names(true);
        let body = ron::ser::to_string_pretty(self, config)
            .unwrap_or_else(|_| "StationSettings()".to_owned());
        format!(
            "// 서(지구대) 설정 — 모든 PC가 함께 씁니다. practice: 우리 서 시책 id (scenarios/practices.ron), 없으면 None.\n\
             // Station settings shared by every PC: name, and the id of the signature practice.\n{body}\n"
        )
    }

    /// Writes the settings to `path` atomically: a temporary file in the same folder, flushed
    /// to disk, then renamed over the old file. On any failure the old file is left as it was.
    pub fn save(&self, path: &Path) -> Result<(), StationError> {
        let err = |source| StationError::Write {
            path: path.display().to_string(),
            source,
        };
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&dir).map_err(err)?;
        let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(err)?;
        tmp.write_all(self.to_text().as_bytes()).map_err(err)?;
        tmp.as_file().sync_all().map_err(err)?;
        tmp.persist(path).map_err(|e| err(e.error))?;
        Ok(())
    }

    /// The chosen practice in a loaded library: `None` when none is chosen, an error naming
    /// the practices there are when the id is unknown.
    pub fn practice_in<'a>(
        &self,
        library: &'a Library,
    ) -> Result<Option<&'a Practice>, StationError> {
        let Some(id) = &self.practice else {
            return Ok(None);
        };
        library
            .practice(id)
            .map(Some)
            .ok_or_else(|| StationError::UnknownPractice {
                id: id.clone(),
                known: library
                    .practices
                    .iter()
                    .map(|p| p.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}
