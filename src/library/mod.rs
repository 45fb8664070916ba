//! Finding and loading scenario packs: the built-in pack embedded in the binary, and folders an
//! instructor chooses. A file that fails to load is reported with `PATH:LINE:COL` and the rest
//! still load.

pub mod load;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use load::{Document, MAX_FILE_BYTES, Problem, locate, parse_document};

use crate::analysis::acts::Acts;
use crate::analysis::{Analyzer, Korean};
use crate::engine::{CompileError, CompiledScenario, Session};
use crate::model::lexicon::CueGuards;
use crate::model::validate::{self, Finding, Severity};
use crate::model::{Checklist, ProfanityLexicon, Scenario, SpeechLexicon};
use crate::practice::{Practice, PracticeSet};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The files built into the binary: `(path, contents)`.
pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
    embedded::FILES
}

/// The templates for new scenarios (`scenarios/templates/*.ron`): `(path, contents)`. They are
/// embedded apart from the pack and never loaded as built-in scenarios.
pub fn template_files() -> &'static [(&'static str, &'static str)] {
    embedded::TEMPLATES
}

/// Where a scenario came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Builtin,
    Folder(PathBuf),
}

/// A loaded scenario.
#[derive(Debug, Clone)]
pub struct Entry {
    pub scenario: Arc<Scenario>,
    pub checklist: Arc<Checklist>,
    /// The analyser of the checklist (shared by its scenarios).
    pub analyzer: Arc<Analyzer>,
    pub path: String,
    pub origin: Origin,
    /// The scenario compiled for play: what every session of it shares.
    pub compiled: Arc<CompiledScenario>,
}

impl Entry {
    /// A loaded scenario with its checklist and the checklist's analyser, compiled for play.
    pub fn new(
        scenario: Arc<Scenario>,
        checklist: Arc<Checklist>,
        analyzer: Arc<Analyzer>,
        path: String,
        origin: Origin,
    ) -> Result<Entry, CompileError> {
        let compiled = CompiledScenario::compile(scenario.clone(), checklist.clone(), &analyzer)?;
        Ok(Entry {
            scenario,
            checklist,
            analyzer,
            path,
            origin,
            compiled: Arc::new(compiled),
        })
    }

    /// Starts a session of this scenario: the complainant speaks first.
    pub fn start(&self, seed: u64) -> Session {
        Session::new(self.compiled.clone(), seed)
    }
}

/// A file that could not be used, with why.
#[derive(Debug, Clone)]
pub struct Failure {
    pub path: String,
    pub problems: Vec<Problem>,
}

/// Everything loaded: the language resources, checklists and scenarios, and what went wrong.
#[derive(Debug, Clone)]
pub struct Library {
    pub korean: Arc<Korean>,
    pub checklists: Vec<Arc<Checklist>>,
    /// One analyser per checklist, in the same order.
    analyzers: Vec<Arc<Analyzer>>,
    pub scenarios: Vec<Entry>,
    /// Signature practices a station can choose: the built-in `scenarios/practices.ron` and any
    /// practices file in the folders (a practice with the id of an earlier one replaces it).
    pub practices: Vec<Practice>,
    /// Files that failed to load (errors), for the library screen.
    pub failures: Vec<Failure>,
    /// Every problem found, warnings included, in file order.
    pub problems: Vec<Problem>,
}

/// A file read into memory, before parsing.
struct RawFile {
    path: String,
    bytes: Vec<u8>,
    origin: Origin,
}

fn problem_at(path: &str, text: &str, f: &Finding) -> Problem {
    let (line, col) = f
        .needle
        .as_deref()
        .map_or((1, 1), |n| locate(text, n, f.occurrence));
    Problem {
        path: path.to_owned(),
        line,
        col,
        severity: f.severity,
        message: f.message.clone(),
    }
}

/// Validates a parsed scenario against the loaded checklists: the entry, if it can be played,
/// and every problem found (warnings included).
fn admit_scenario(
    s: Scenario,
    text: &str,
    path: &str,
    origin: Origin,
    checklists: &[Arc<Checklist>],
    analyzers: &[Arc<Analyzer>],
) -> (Option<Entry>, Vec<Problem>) {
    let found = checklists.iter().position(|c| c.id == s.checklist);
    let checklist = found.map(|i| checklists[i].clone());
    let mut findings = validate::scenario(&s, checklist.as_deref());
    findings.extend(crate::analysis::cue::check_scenario(&s));
    findings.extend(validate::lint_scenario(&s, checklist.as_deref()));
    if checklist.is_none() {
        findings.push(Finding {
            severity: Severity::Error,
            message: format!(
                "체크리스트 \"{}\"를 찾을 수 없습니다 (있는 체크리스트: {})",
                s.checklist,
                checklists
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            needle: Some("checklist".into()),
            occurrence: 0,
        });
    }
    let fatal = findings.iter().any(|x| x.severity == Severity::Error);
    let mut problems: Vec<Problem> = findings.iter().map(|x| problem_at(path, text, x)).collect();
    let entry = match (found, checklist) {
        (Some(i), Some(checklist)) if !fatal => analyzers.get(i).and_then(|analyzer| {
            let made = Entry::new(
                Arc::new(s),
                checklist,
                analyzer.clone(),
                path.to_owned(),
                origin,
            );
            // Validation already refuses what compiling refuses; this is the last guard.
            made.map_err(|e| {
                problems.push(problem_at(path, text, &Finding::error(e.to_string(), None)))
            })
            .ok()
        }),
        _ => None,
    };
    (entry, problems)
}

/// Reads a file, refusing it before reading when it is too large.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, Problem> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path)
        .map_err(|e| Problem::error(&shown, 1, 1, format!("파일을 열 수 없습니다: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(load::too_big(&shown, meta.len()));
    }
    std::fs::read(path)
        .map_err(|e| Problem::error(&shown, 1, 1, format!("파일을 읽을 수 없습니다: {e}")))
}

/// Folders nested deeper than this under a scenario folder are not read.
const MAX_DEPTH: usize = 32;

/// The `.ron` files of a folder and its subfolders, sorted, or the path itself for a file; and
/// the problems met on the way. Symbolic links are followed (a station may link a shared folder
/// in), but a link back to a folder already being read is reported once and not entered again.
pub fn expand(path: &Path) -> (Vec<PathBuf>, Vec<Problem>) {
    let shown = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            return (
                Vec::new(),
                vec![Problem::error(
                    &shown,
                    1,
                    1,
                    format!("찾을 수 없습니다: {e}"),
                )],
            );
        }
    };
    if !meta.is_dir() {
        return (vec![path.to_path_buf()], Vec::new());
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let walk = walkdir::WalkDir::new(path)
        .follow_links(true)
        .max_depth(MAX_DEPTH)
        .sort_by_file_name();
    for entry in walk {
        match entry {
            Ok(e) => {
                let p = e.path();
                if e.file_type().is_file()
                    && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("ron"))
                {
                    files.push(p.to_path_buf());
                }
            }
            Err(e) => {
                let at = e
                    .path()
                    .map_or_else(|| shown.clone(), |p| p.display().to_string());
                problems.push(match e.loop_ancestor() {
                    Some(ancestor) => Problem {
                        path: at,
                        line: 1,
                        col: 1,
                        severity: Severity::Warning,
                        message: format!(
                            "이미 읽고 있는 폴더 {}(으)로 돌아가는 바로 가기(링크)라서 건너뜁니다",
                            ancestor.display()
                        ),
                    },
                    None => Problem::error(&at, 1, 1, format!("폴더를 읽을 수 없습니다: {e}")),
                });
            }
        }
    }
    files.sort();
    (files, problems)
}

fn builtin_raw() -> Vec<RawFile> {
    builtin_files()
        .iter()
        .map(|(p, t)| RawFile {
            path: (*p).to_owned(),
            bytes: t.as_bytes().to_vec(),
            origin: Origin::Builtin,
        })
        .collect()
}

impl Library {
    /// The built-in pack only.
    pub fn builtin() -> Library {
        Library::load(&[])
    }

    /// The built-in pack plus every `.ron` file under `folders` (a folder may also be a file).
    /// A scenario in a folder with the id of an earlier one replaces it, with a warning.
    pub fn load(folders: &[PathBuf]) -> Library {
        let mut files: Vec<RawFile> = builtin_raw();
        let mut early = Vec::new();
        for folder in folders {
            let (paths, problems) = expand(folder);
            early.extend(problems);
            for p in paths {
                match read_limited(&p) {
                    Ok(bytes) => files.push(RawFile {
                        path: p.display().to_string(),
                        bytes,
                        origin: Origin::Folder(folder.clone()),
                    }),
                    Err(problem) => early.push(problem),
                }
            }
        }
        let mut lib = Library::from_files(files);
        for p in early {
            if p.is_error() {
                lib.failures.push(Failure {
                    path: p.path.clone(),
                    problems: vec![p.clone()],
                });
            }
            lib.problems.push(p);
        }
        lib
    }

    /// Loads in-memory files (built-in first). Lexicons come from the first file of each kind.
    fn from_files(files: Vec<RawFile>) -> Library {
        let mut problems: Vec<Problem> = Vec::new();
        let mut failed: Vec<String> = Vec::new();
        let mut speech: Option<SpeechLexicon> = None;
        let mut profanity: Option<ProfanityLexicon> = None;
        let mut guards: Option<CueGuards> = None;
        let mut acts: Option<Acts> = None;
        let mut checklists: Vec<(Arc<Checklist>, String, Origin)> = Vec::new();
        let mut scenarios: Vec<(Scenario, String, String, Origin)> = Vec::new();
        let mut practice_files: Vec<(PracticeSet, String, String)> = Vec::new();
        // A station's settings may sit in its scenario folder: checked, not loaded here.
        let mut stations: Vec<(crate::station::StationSettings, String, String)> = Vec::new();

        let parsed: Vec<_> = files
            .into_iter()
            .map(|f| {
                let doc = parse_document(&f.path, &f.bytes);
                (f, doc)
            })
            .collect();
        // Items that act rules can credit need no cues of their own.
        let ruled: Vec<String> = parsed
            .iter()
            .find_map(|(_, d)| match d {
                Ok((Document::Acts(l), _)) => Some(
                    l.rules
                        .iter()
                        .filter(|r| !r.veto)
                        .map(|r| r.target.clone())
                        .collect(),
                ),
                _ => None,
            })
            .unwrap_or_default();
        for (f, doc) in parsed {
            match doc {
                Err(p) => {
                    failed.push(f.path.clone());
                    problems.push(p);
                }
                Ok((doc, text)) => match doc {
                    Document::Checklist(c) => {
                        let mut findings = validate::checklist(&c, &ruled);
                        findings.extend(crate::analysis::cue::check_checklist(&c));
                        let fatal = findings.iter().any(|x| x.severity == Severity::Error);
                        problems.extend(findings.iter().map(|x| problem_at(&f.path, &text, x)));
                        if fatal {
                            failed.push(f.path.clone());
                        } else if let Some(i) = checklists.iter().position(|(k, _, _)| k.id == c.id)
                        {
                            if checklists[i].2 != Origin::Builtin {
                                let finding = Finding {
                                    severity: Severity::Warning,
                                    message: format!(
                                        "체크리스트 \"{}\"가 {}의 것을 대신합니다",
                                        c.id, checklists[i].1
                                    ),
                                    needle: Some(format!("{:?}", c.id)),
                                    occurrence: 0,
                                };
                                problems.push(problem_at(&f.path, &text, &finding));
                            }
                            checklists[i] = (Arc::new(c), f.path.clone(), f.origin);
                        } else {
                            checklists.push((Arc::new(c), f.path.clone(), f.origin));
                        }
                    }
                    Document::Scenario(s) => scenarios.push((*s, text, f.path, f.origin)),
                    Document::Practices(set) => practice_files.push((set, text, f.path)),
                    Document::Station(st) => stations.push((st, text, f.path)),
                    Document::SpeechLexicon(l) => {
                        speech.get_or_insert(l);
                    }
                    Document::ProfanityLexicon(l) => {
                        profanity.get_or_insert(l);
                    }
                    Document::CueGuards(l) => {
                        guards.get_or_insert(l);
                    }
                    Document::Acts(l) => {
                        // Compiled once here: its problems are reported, the result is used.
                        let (compiled, errors) = Acts::new(&l);
                        for e in errors {
                            let (needle, occurrence) = e.place(&l);
                            let finding = Finding {
                                severity: Severity::Error,
                                message: e.to_string(),
                                needle: Some(needle),
                                occurrence,
                            };
                            problems.push(problem_at(&f.path, &text, &finding));
                        }
                        acts.get_or_insert(compiled);
                    }
                },
            }
        }
        let korean = Arc::new(Korean::new(
            &speech.unwrap_or_default(),
            &profanity.unwrap_or_default(),
            &guards.unwrap_or_default(),
            acts.unwrap_or_default(),
        ));

        let analyzers: Vec<Arc<Analyzer>> = checklists
            .iter()
            .map(|(c, _, _)| Arc::new(Analyzer::new(korean.clone(), c)))
            .collect();
        let loaded: Vec<Arc<Checklist>> = checklists.iter().map(|(c, _, _)| c.clone()).collect();
        let mut practices: Vec<Practice> = Vec::new();
        {
            let known: Vec<&Checklist> = loaded.iter().map(|c| c.as_ref()).collect();
            for (set, text, path) in practice_files {
                let findings = crate::practice::validate(&set, &known);
                problems.extend(findings.iter().map(|x| problem_at(&path, &text, x)));
                if findings.iter().any(|x| x.severity == Severity::Error) {
                    failed.push(path);
                    continue;
                }
                for p in set.practices {
                    match practices.iter().position(|q| q.id == p.id) {
                        Some(i) => practices[i] = p,
                        None => practices.push(p),
                    }
                }
            }
        }
        for (st, text, path) in stations {
            if let Some(id) = &st.practice
                && !practices.iter().any(|p| &p.id == id)
            {
                let finding = Finding {
                    severity: Severity::Error,
                    message: format!(
                        "서 설정의 시책 \"{id}\"가 없습니다 (고를 수 있는 시책: {})",
                        practices
                            .iter()
                            .map(|p| p.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    needle: Some(format!("{id:?}")),
                    occurrence: 0,
                };
                problems.push(problem_at(&path, &text, &finding));
                failed.push(path);
            }
        }
        let mut entries: Vec<Entry> = Vec::new();
        for (s, text, path, origin) in scenarios {
            let (admitted, found) = admit_scenario(s, &text, &path, origin, &loaded, &analyzers);
            problems.extend(found);
            let Some(entry) = admitted else {
                failed.push(path);
                continue;
            };
            if let Some(i) = entries
                .iter()
                .position(|e| e.scenario.id == entry.scenario.id)
            {
                // Replacing a built-in scenario is how instructors tune one; two folder files
                // with one id is a mistake.
                if entries[i].origin != Origin::Builtin {
                    let (line, col) = locate(&text, &format!("{:?}", entry.scenario.id), 0);
                    problems.push(Problem {
                        path: path.clone(),
                        line,
                        col,
                        severity: Severity::Warning,
                        message: format!(
                            "시나리오 \"{}\"가 {}의 것을 대신합니다",
                            entry.scenario.id, entries[i].path
                        ),
                    });
                }
                entries.remove(i);
            }
            entries.push(entry);
        }

        let failures = failed
            .into_iter()
            .map(|path| Failure {
                problems: problems
                    .iter()
                    .filter(|p| p.path == path)
                    .cloned()
                    .collect(),
                path,
            })
            .collect();
        Library {
            korean,
            checklists: loaded,
            analyzers,
            scenarios: entries,
            practices,
            failures,
            problems,
        }
    }

    pub fn scenario(&self, id: &str) -> Option<&Entry> {
        self.scenarios.iter().find(|e| e.scenario.id == id)
    }

    /// A signature practice by id.
    pub fn practice(&self, id: &str) -> Option<&Practice> {
        self.practices.iter().find(|p| p.id == id)
    }

    pub fn checklist(&self, id: &str) -> Option<&Arc<Checklist>> {
        self.checklists.iter().find(|c| c.id == id)
    }

    /// The default checklist (`default`), or the first one.
    pub fn default_checklist(&self) -> Option<&Arc<Checklist>> {
        self.checklist("default").or(self.checklists.first())
    }

    /// The analyser of a loaded checklist.
    pub fn analyzer(&self, checklist: &Checklist) -> Arc<Analyzer> {
        self.checklists
            .iter()
            .position(|c| c.id == checklist.id)
            .map(|i| self.analyzers[i].clone())
            .unwrap_or_else(|| Arc::new(Analyzer::new(self.korean.clone(), checklist)))
    }

    /// The built-in pack with files given in memory, loaded as a folder's would be: a file
    /// with the path of a built-in one takes its place (an edited checklist or lexicon), any
    /// other is added.
    pub fn builtin_with(files: Vec<(String, Vec<u8>)>) -> Library {
        let mut raw = builtin_raw();
        for (path, bytes) in files {
            match raw.iter_mut().find(|f| f.path == path) {
                Some(f) => f.bytes = bytes,
                None => raw.push(RawFile {
                    origin: Origin::Folder(PathBuf::from(&path)),
                    path,
                    bytes,
                }),
            }
        }
        Library::from_files(raw)
    }

    /// One scenario file in memory, checked against this library's checklists and language
    /// resources as a folder file would be, ready to play; or every problem found, errors
    /// first. Only the file itself is parsed: this is cheap enough for every keystroke.
    pub fn scenario_from_text(&self, path: &str, bytes: &[u8]) -> Result<Entry, Vec<Problem>> {
        let (doc, text) = parse_document(path, bytes).map_err(|p| vec![p])?;
        let Document::Scenario(s) = doc else {
            return Err(vec![Problem::error(path, 1, 1, "시나리오 파일이 아닙니다")]);
        };
        let origin = Origin::Folder(PathBuf::from(path));
        let (entry, mut problems) =
            admit_scenario(*s, &text, path, origin, &self.checklists, &self.analyzers);
        match entry {
            Some(e) => Ok(e),
            None => {
                problems.sort_by_key(|p| !p.is_error());
                Err(problems)
            }
        }
    }

    /// One scenario file in memory checked as [`Library::scenario_from_text`] does, but with
    /// every problem (warnings too) whether or not it can be played: what an editor lists.
    pub fn scenario_problems(&self, path: &str, bytes: &[u8]) -> (Option<Entry>, Vec<Problem>) {
        let (doc, text) = match parse_document(path, bytes) {
            Ok(x) => x,
            Err(p) => return (None, vec![p]),
        };
        let Document::Scenario(s) = doc else {
            return (
                None,
                vec![Problem::error(path, 1, 1, "시나리오 파일이 아닙니다")],
            );
        };
        let origin = Origin::Folder(PathBuf::from(path));
        admit_scenario(*s, &text, path, origin, &self.checklists, &self.analyzers)
    }

    /// The built-in pack plus one scenario file (`score --scenario PATH`), and that scenario's id.
    pub fn with_file(path: &Path) -> Result<(Library, String), Vec<Problem>> {
        let bytes = read_limited(path).map_err(|p| vec![p])?;
        let mut files: Vec<RawFile> = builtin_raw();
        let shown = path.display().to_string();
        files.push(RawFile {
            path: shown.clone(),
            bytes,
            origin: Origin::Folder(path.to_path_buf()),
        });
        let lib = Library::from_files(files);
        let mine: Vec<Problem> = lib
            .problems
            .iter()
            .filter(|p| p.path == shown)
            .cloned()
            .collect();
        if mine.iter().any(Problem::is_error) {
            return Err(mine);
        }
        let id = lib
            .scenarios
            .iter()
            .find(|e| e.path == shown)
            .map(|e| e.scenario.id.clone());
        match id {
            Some(id) => Ok((lib, id)),
            None => Err(vec![Problem::error(
                &shown,
                1,
                1,
                "시나리오 파일이 아닙니다",
            )]),
        }
    }
}

/// Checks files and folders (`minwon check`): every problem of those files, built-in checklists
/// available to scenarios that use them. With no paths, checks the built-in pack.
pub fn check(paths: &[PathBuf]) -> Vec<Problem> {
    if paths.is_empty() {
        return Library::builtin().problems;
    }
    let mut problems = Vec::new();
    let mut files = builtin_raw();
    let mut mine: Vec<String> = Vec::new();
    for path in paths {
        let (list, found) = expand(path);
        if list.is_empty() && found.iter().all(|p| !p.is_error()) {
            problems.push(Problem::error(
                &path.display().to_string(),
                1,
                1,
                "이 폴더에는 .ron 파일이 없습니다",
            ));
        }
        problems.extend(found);
        for p in list {
            let shown = p.display().to_string();
            match read_limited(&p) {
                Ok(bytes) => {
                    mine.push(shown.clone());
                    files.push(RawFile {
                        path: shown,
                        bytes,
                        origin: Origin::Folder(path.clone()),
                    });
                }
                Err(e) => problems.push(e),
            }
        }
    }
    let lib = Library::from_files(files);
    problems.extend(lib.problems.into_iter().filter(|p| mine.contains(&p.path)));
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = include_str!("../../tests/fixtures/lost-wallet.ron");

    #[test]
    fn a_scenario_from_text_is_ready_to_play() {
        let lib = Library::builtin();
        let entry = lib
            .scenario_from_text("lost-wallet.ron", FIXTURE.as_bytes())
            .expect("the fixture validates");
        assert_eq!(entry.scenario.id, "test-lost-wallet");
        assert_eq!(entry.checklist.id, entry.scenario.checklist);
        assert_eq!(entry.origin, Origin::Folder("lost-wallet.ron".into()));
    }

    #[test]
    fn a_scenario_from_text_reports_errors_first() {
        let lib = Library::builtin();
        let broken = FIXTURE.replacen(
            "max_turns: 8,",
            "max_turns: 8,\n    checklist: \"nope\",",
            1,
        );
        assert_ne!(broken, FIXTURE);
        let problems = lib
            .scenario_from_text("broken.ron", broken.as_bytes())
            .expect_err("an unknown checklist");
        assert!(problems[0].is_error());
        assert!(problems[0].message.contains("nope"), "{}", problems[0]);
        assert!(problems[0].line > 1, "located in the file: {}", problems[0]);
        let checklist = builtin_files()
            .iter()
            .find(|(p, _)| p.ends_with("/checklist.ron"))
            .map(|(_, t)| *t)
            .expect("default checklist");
        let problems = lib
            .scenario_from_text("checklist.ron", checklist.as_bytes())
            .expect_err("not a scenario");
        assert!(problems[0].message.contains("시나리오 파일이 아닙니다"));
    }

    #[test]
    fn builtin_with_replaces_a_file_of_the_same_path() {
        let (path, text) = builtin_files()
            .iter()
            .find(|(p, _)| p.ends_with("/checklist.ron"))
            .expect("default checklist");
        let retitled = text.replacen("title: \"", "title: \"(수정) ", 1);
        let lib = Library::builtin_with(vec![((*path).to_owned(), retitled.into_bytes())]);
        assert!(lib.failures.is_empty(), "{:?}", lib.failures);
        let c = lib.default_checklist().expect("default checklist");
        assert!(c.title.starts_with("(수정) "), "{}", c.title);
        assert_eq!(lib.checklists.len(), Library::builtin().checklists.len());
        // Another path is added as a folder file would be.
        let lib = Library::builtin_with(vec![("extra.ron".into(), FIXTURE.as_bytes().to_vec())]);
        assert!(lib.scenario("test-lost-wallet").is_some());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_back_up_the_folder_is_read_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("lost-wallet.ron"), FIXTURE).expect("write");
        let sub = dir.path().join("a").join("b");
        std::fs::create_dir_all(&sub).expect("mkdir");
        std::os::unix::fs::symlink(dir.path(), sub.join("up")).expect("symlink");
        let (files, problems) = expand(dir.path());
        assert_eq!(files, vec![dir.path().join("lost-wallet.ron")]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(!problems[0].is_error());
        let lib = Library::load(&[dir.path().to_path_buf()]);
        assert!(lib.failures.is_empty(), "{:?}", lib.failures);
        assert!(lib.scenario("test-lost-wallet").is_some());
        assert!(lib.problems.iter().any(|p| p.message.contains("링크")));
    }
}
