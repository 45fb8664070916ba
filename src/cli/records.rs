//! `minwon records list|export|sync`: training records from the command line.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, anyhow, bail};
use clap::{Args, Subcommand, ValueEnum};

use crate::library;
use crate::model::Transcript;
use crate::records::outbox::{self, Client, Outbox};
use crate::records::stats::{self, Filter, local_time};
use crate::records::xapi::{self, XapiSettings};
use crate::records::{
    Header, Location, Mode, Record, RecordedTurn, Status, Store, Trainee, export,
};
use crate::scoring;

/// Where records are: `--dir`, else `MINWON_RECORDS`, else the app's own resolution.
#[derive(Debug, Args)]
pub struct Where {
    /// 기록 폴더 (records folder). 없으면 MINWON_RECORDS, 그다음 실행 파일 옆 records, 사용자 데이터 폴더.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Which records.
#[derive(Debug, Args)]
pub struct Which {
    /// 교번 (trainee ID): 이 교육생의 기록만.
    #[arg(long, value_name = "ID")]
    pub trainee: Option<String>,
    /// 이 날짜(현지 시각)부터 (from this local date on), 예: 2026-11-01.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<jiff::civil::Date>,
    /// 시나리오 id (scenario id).
    #[arg(long, value_name = "ID")]
    pub scenario: Option<String>,
}

fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    stats::parse_date(text)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Excel: 세션·항목·위반·대화 sheets.
    Xlsx,
    /// CSV (UTF-8 with BOM): one row per session.
    Csv,
    /// xAPI 1.0.3 statements as a JSON array.
    Xapi,
    /// Printable HTML scorecards, one per session, into the folder --out (font beside them).
    Html,
}

#[derive(Debug, Subcommand)]
pub enum RecordsCommand {
    /// 기록 목록 (list records): 시작, 교번, 이름, 시나리오, 총점, 결과. 읽지 못한 파일은 이유와 함께.
    List {
        #[command(flatten)]
        place: Where,
        #[command(flatten)]
        which: Which,
        /// 한 줄에 JSON 하나 (one JSON header per line).
        #[arg(long)]
        json: bool,
    },
    /// 보고서 내보내기 (export): xlsx, csv, xapi, html.
    Export {
        #[command(flatten)]
        place: Where,
        #[command(flatten)]
        which: Which,
        #[arg(long, value_enum)]
        format: Format,
        /// 만들 파일 (output file; for html a folder).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// LRS로 보내기 (send finished sessions to the xAPI LRS through the outbox).
    /// 설정: --endpoint/--key/--secret 또는 MINWON_LRS_ENDPOINT, MINWON_LRS_KEY, MINWON_LRS_SECRET.
    Sync {
        #[command(flatten)]
        place: Where,
        /// xAPI endpoint, e.g. https://lrs.example.go.kr/xAPI/
        #[arg(long)]
        endpoint: Option<String>,
        #[arg(long)]
        key: Option<String>,
        #[arg(long)]
        secret: Option<String>,
        /// 기관 홈페이지 (account homePage of the station's trainees).
        #[arg(long)]
        home_page: Option<String>,
        /// 통과 점수 (pass mark, 0–100).
        #[arg(long)]
        pass_mark: Option<u32>,
    },
    /// Plays a transcript turn by turn into a journal, as the app does (for tests).
    #[command(name = "__play", hide = true)]
    Play {
        #[command(flatten)]
        place: Where,
        #[arg(long)]
        scenario: String,
        #[arg(long)]
        transcript: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Sessions to play one after another.
        #[arg(long, default_value_t = 1)]
        count: u32,
        /// Pause after each turn is on disk.
        #[arg(long, default_value_t = 0)]
        delay_ms: u64,
        #[arg(long, default_value = "T0001")]
        trainee: String,
    },
}

fn store(place: &Where) -> anyhow::Result<Store> {
    let location = match (&place.dir, std::env::var_os("MINWON_RECORDS")) {
        (Some(d), _) => Location::Given(d.clone()),
        (None, Some(d)) if !d.is_empty() => Location::Given(PathBuf::from(d)),
        _ => Location::resolve(None)?,
    };
    Ok(Store::open(&location)?)
}

fn filter(which: &Which) -> Filter {
    Filter {
        trainee: which.trainee.clone(),
        scenario: which.scenario.clone(),
        since: which.since,
        mode: None,
    }
}

pub fn run(command: RecordsCommand) -> anyhow::Result<ExitCode> {
    match command {
        RecordsCommand::List { place, which, json } => list(&place, &which, json),
        RecordsCommand::Export {
            place,
            which,
            format,
            out,
        } => export_records(&place, &which, format, &out),
        RecordsCommand::Sync {
            place,
            endpoint,
            key,
            secret,
            home_page,
            pass_mark,
        } => {
            let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
            let mut settings = XapiSettings {
                endpoint: endpoint
                    .or_else(|| env("MINWON_LRS_ENDPOINT"))
                    .ok_or_else(|| {
                        anyhow!(
                            "LRS 주소가 없습니다: --endpoint 또는 MINWON_LRS_ENDPOINT를 주십시오"
                        )
                    })?,
                key: key.or_else(|| env("MINWON_LRS_KEY")).unwrap_or_default(),
                secret: secret
                    .or_else(|| env("MINWON_LRS_SECRET"))
                    .unwrap_or_default(),
                ..XapiSettings::default()
            };
            if let Some(h) = home_page.or_else(|| env("MINWON_LRS_HOME_PAGE")) {
                settings.home_page = h;
            }
            if let Some(p) = pass_mark {
                settings.pass_mark = p.min(100);
            }
            sync(&place, &settings)
        }
        RecordsCommand::Play {
            place,
            scenario,
            transcript,
            seed,
            count,
            delay_ms,
            trainee,
        } => play(
            &place,
            &scenario,
            &transcript,
            seed,
            count,
            delay_ms,
            &trainee,
        ),
    }
}

fn list(place: &Where, which: &Which, json: bool) -> anyhow::Result<ExitCode> {
    let store = store(place)?;
    let listing = store.list();
    let f = filter(which);
    let f = f.compile();
    let mut out = std::io::stdout().lock();
    let mut shown = 0;
    for r in listing.records.iter().filter(|r| f.matches(&r.header)) {
        shown += 1;
        if json {
            writeln!(out, "{}", serde_json::to_string(&r.header)?)?;
            continue;
        }
        let s = r.summary();
        let score = match (s.status, s.total) {
            (Status::Abandoned, _) => "중단".to_owned(),
            (_, Some(t)) => format!("{t}점"),
            _ => "-".to_owned(),
        };
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            local_time(r.header.started_at),
            r.header.trainee.id,
            r.header.trainee.name,
            r.header.scenario,
            r.header.mode.label(),
            score,
            s.outcome.as_deref().unwrap_or("-"),
            r.header.id,
        )?;
    }
    if !json {
        eprintln!(
            "기록 {shown}개 ({}){}",
            store.dir().display(),
            if listing.problems.is_empty() {
                String::new()
            } else {
                format!(", 읽지 못한 파일 {}개", listing.problems.len())
            }
        );
    }
    for p in &listing.problems {
        eprintln!("읽지 못함: {p}");
    }
    let unfinished = store.unfinished();
    if !unfinished.is_empty() {
        eprintln!(
            "끝나지 않은 상담 {}개 (앱을 열면 이어 하거나 중단으로 남길 수 있습니다)",
            unfinished.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads the whole records that pass the filter; unreadable ones are reported and skipped.
fn selected(store: &Store, which: &Which) -> Vec<Record> {
    let listing = store.list();
    for p in &listing.problems {
        eprintln!("읽지 못함: {p}");
    }
    let f = filter(which);
    let f = f.compile();
    let mut records = Vec::new();
    for r in listing.records.iter().filter(|r| f.matches(&r.header)) {
        match store.read(&r.path) {
            Ok(rec) => records.push(rec),
            Err(e) => eprintln!("읽지 못함: {e}"),
        }
    }
    records.reverse(); // oldest first in reports
    records
}

fn export_records(
    place: &Where,
    which: &Which,
    format: Format,
    out: &Path,
) -> anyhow::Result<ExitCode> {
    let store = store(place)?;
    let records = selected(&store, which);
    match format {
        Format::Xlsx => export::write_xlsx(&records, out)?,
        Format::Csv => export::write_csv(&records, out)?,
        Format::Xapi => {
            let settings = XapiSettings::default();
            let statements: Vec<_> = records
                .iter()
                .flat_map(|r| xapi::statements(r, &settings))
                .collect();
            let text = serde_json::to_string_pretty(&statements)?;
            std::fs::write(out, text)
                .with_context(|| format!("{}을(를) 쓸 수 없습니다", out.display()))?;
        }
        Format::Html => {
            for r in &records {
                export::write_html(r, out)?;
            }
        }
    }
    eprintln!("세션 {}개를 {}에 썼습니다", records.len(), out.display());
    Ok(ExitCode::SUCCESS)
}

fn sync(place: &Where, settings: &XapiSettings) -> anyhow::Result<ExitCode> {
    let store = store(place)?;
    let client = Client::new(settings).map_err(|e| anyhow!(e))?;
    let (queued, problems) = outbox::queue_finished(&store, settings);
    for p in &problems {
        eprintln!("읽지 못함: {p}");
    }
    let report = Outbox::new(store.outbox_dir()).send_once(&client);
    println!(
        "새로 넣음 {queued}, 보냄 {}, 이미 있음 {}, 거부됨 {}, 남음 {}",
        report.sent, report.already, report.rejected, report.left
    );
    match report.error {
        Some(e) => {
            eprintln!("minwon: {e} — 남은 문장은 outbox에 있으니 나중에 다시 보내십시오");
            Ok(ExitCode::FAILURE)
        }
        None => Ok(ExitCode::SUCCESS),
    }
}

fn play(
    place: &Where,
    scenario: &str,
    transcript: &Path,
    seed: u64,
    count: u32,
    delay_ms: u64,
    trainee: &str,
) -> anyhow::Result<ExitCode> {
    let store = store(place)?;
    let (lib, id) = super::score::open_scenario(scenario)?;
    let entry = lib
        .scenario(&id)
        .ok_or_else(|| anyhow!("시나리오 \"{id}\"가 없습니다"))?;
    let bytes = library::read_limited(transcript).map_err(|p| anyhow!("{p}"))?;
    let text = String::from_utf8(bytes).map_err(|_| anyhow!("UTF-8 텍스트가 아닙니다"))?;
    let t = Transcript::parse(&text).map_err(|e| anyhow!("{e}"))?;
    let mut stdout = std::io::stdout().lock();
    for _ in 0..count {
        let mut session = entry.start(seed);
        let who = Trainee {
            name: format!("교육생 {trainee}"),
            id: trainee.to_owned(),
        };
        let mut journal = store.begin(Header::for_session(&session, who, Mode::Practice));
        if !journal.is_saved() {
            bail!("{:?}", journal.status());
        }
        writeln!(stdout, "begin {}", journal.header().id)?;
        for turn in &t.turns {
            if session.respond(turn.clone()).is_none() {
                break;
            }
            if let Some(rec) = RecordedTurn::last_of(&session) {
                journal.turn(&rec)?;
                writeln!(stdout, "turn {}", rec.number)?;
                stdout.flush()?;
            }
            if delay_ms > 0 {
                std::thread::sleep(Duration::from_millis(delay_ms));
            }
        }
        if !session.is_over() {
            session.end_by_trainee();
        }
        let card = scoring::score(&session);
        journal.finish(&card, session.closing_reply().map(|r| r.text.as_str()))?;
        writeln!(stdout, "finished {} {}", journal.header().id, card.total)?;
        stdout.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}
