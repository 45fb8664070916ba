//! Where records live: a station folder chosen in settings, else a portable `records` folder
//! beside the executable when there is one, else the user's data folder.

use std::path::{Path, PathBuf};

use super::RecordsError;

/// A records folder and why it was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A station folder from settings (often a shared network folder that several PCs write to).
    Station(PathBuf),
    /// `records` beside the executable: a portable install on a USB stick or a shared drive.
    Portable(PathBuf),
    /// The user's data folder (`%APPDATA%\minwon\data\records`, `~/.local/share/minwon/records`).
    User(PathBuf),
    /// A folder given on the command line or in `MINWON_RECORDS`.
    Given(PathBuf),
}

/// The name of the portable folder beside the executable.
pub const PORTABLE_FOLDER: &str = "records";

impl Location {
    /// Resolves the records folder: the station folder when settings name one, else `records`
    /// beside the executable when it exists, else the user's data folder.
    pub fn resolve(station: Option<&Path>) -> Result<Location, RecordsError> {
        if let Some(dir) = station.filter(|p| !p.as_os_str().is_empty()) {
            return Ok(Location::Station(dir.to_path_buf()));
        }
        if let Some(dir) = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|p| p.join(PORTABLE_FOLDER)))
            .filter(|d| d.is_dir())
        {
            return Ok(Location::Portable(dir));
        }
        Location::user()
    }

    /// The user's data folder.
    pub fn user() -> Result<Location, RecordsError> {
        directories::ProjectDirs::from("", "", "minwon")
            .map(|d| Location::User(d.data_dir().join(PORTABLE_FOLDER)))
            .ok_or(RecordsError::NoHome)
    }

    pub fn dir(&self) -> &Path {
        match self {
            Location::Station(p)
            | Location::Portable(p)
            | Location::User(p)
            | Location::Given(p) => p,
        }
    }

    /// Where the records are, in Korean (for settings and the CLI).
    pub fn describe(&self) -> String {
        let what = match self {
            Location::Station(_) => "기관(공유) 기록 폴더",
            Location::Portable(_) => "실행 파일 옆 records 폴더",
            Location::User(_) => "사용자 데이터 폴더",
            Location::Given(_) => "지정한 기록 폴더",
        };
        format!("{what}: {}", self.dir().display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_station_folder_wins_and_an_empty_one_is_ignored() {
        let station = Path::new("/mnt/station/records");
        assert_eq!(
            Location::resolve(Some(station)).unwrap(),
            Location::Station(station.to_path_buf())
        );
        // No `records` beside the test executable: the user's folder.
        match Location::resolve(Some(Path::new(""))) {
            Ok(Location::User(p)) => assert!(p.ends_with(PORTABLE_FOLDER)),
            Ok(other) => panic!("{other:?}"),
            Err(e) => assert!(matches!(e, RecordsError::NoHome)),
        }
    }
}
