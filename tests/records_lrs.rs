//! xAPI statements against a real LRS (Ralph, started by `.ci/run` through scripts/lrs.sh):
//! posted, read back by id, sent again without duplicates, and kept in the outbox while the
//! LRS is down until it is back.
//!
//! Needs `MINWON_TEST_LRS` (the xAPI endpoint), `MINWON_TEST_LRS_KEY`, `MINWON_TEST_LRS_SECRET`;
//! `eval "$(scripts/lrs.sh start)"` sets them. Without them the test says it is skipped,
//! except under CI, where it fails.

#[path = "common/journal.rs"]
mod journal;

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

use minwon::library::Library;
use minwon::model::Transcript;
use minwon::records::outbox::{self, Backoff, Client, Outbox, Sender};
use minwon::records::xapi::{self, XapiSettings};
use minwon::records::{Header, Mode, Store, Trainee};
use uuid::Uuid;

fn lrs() -> Option<XapiSettings> {
    let Some(endpoint) = std::env::var("MINWON_TEST_LRS")
        .ok()
        .filter(|v| !v.is_empty())
    else {
        if std::env::var_os("CI").is_some() {
            panic!(
                "MINWON_TEST_LRS is not set under CI: .ci/run must start the LRS (scripts/lrs.sh)"
            );
        }
        println!(
            "SKIPPED: no LRS (set MINWON_TEST_LRS, or run `eval \"$(scripts/lrs.sh start)\"` first)"
        );
        return None;
    };
    Some(XapiSettings {
        endpoint,
        key: std::env::var("MINWON_TEST_LRS_KEY").unwrap_or_default(),
        secret: std::env::var("MINWON_TEST_LRS_SECRET").unwrap_or_default(),
        home_page: "https://station.example.go.kr".into(),
        pass_mark: 60,
    })
}

/// Records one finished session of the model answer; returns its id.
fn play(store: &Store, who: &str) -> Uuid {
    let lib = Library::builtin();
    let entry = lib.scenario("victim-family-delay").unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/transcripts/victim-family-delay/model.txt"),
    )
    .unwrap();
    let mut s = entry.start(2);
    let trainee = Trainee {
        name: "이순신".into(),
        id: who.into(),
    };
    let mut j = store.begin(Header::for_session(&s, trainee, Mode::Evaluation));
    journal::play_and_finish(&mut s, &mut j, Transcript::parse(&text).unwrap().turns);
    j.header().id
}

/// Forwards every connection on `listener` to `upstream`: the LRS "coming back" on a port.
fn proxy(listener: TcpListener, upstream: String) {
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let Ok(server) = TcpStream::connect(&upstream) else {
                continue;
            };
            let (mut c2, mut s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
            let (mut c, mut s) = (client, server);
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut c, &mut s);
                let _ = s.shutdown(std::net::Shutdown::Write);
            });
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut s2, &mut c2);
                let _ = c2.shutdown(std::net::Shutdown::Write);
            });
        }
    });
}

fn host_port(endpoint: &str) -> String {
    let rest = endpoint.split("://").nth(1).unwrap();
    rest.split('/').next().unwrap().to_owned()
}

#[test]
fn statements_reach_a_real_lrs_once_even_when_it_was_down() {
    let Some(settings) = lrs() else {
        return;
    };
    let client = Client::new(&settings).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path()).unwrap();
    let id = play(&store, "LRS-1");
    let outbox = Outbox::new(store.outbox_dir());

    // Post.
    let (queued, problems) = outbox::queue_finished(&store, &settings);
    assert_eq!((queued, problems.len()), (2, 0));
    assert_eq!(
        outbox::queue_finished(&store, &settings).0,
        0,
        "queued once"
    );
    let report = outbox.send_once(&client);
    assert_eq!(report.error, None);
    assert_eq!(report.sent + report.already, 2, "{report:?}");
    assert_eq!(report.left, 0);
    assert!(outbox.pending().is_empty());

    // Read back by statementId.
    let record = store.read(&store.record_path(id)).unwrap();
    let statements = xapi::statements(&record, &settings);
    for st in &statements {
        let got = client.get(&st.id.to_string()).unwrap().expect("stored");
        assert_eq!(got["id"], st.id.to_string());
        assert_eq!(got["verb"]["id"], st.verb.id);
        assert_eq!(got["actor"]["account"]["name"], "LRS-1");
        assert_eq!(
            got["object"]["id"],
            "urn:minwon:scenario:victim-family-delay"
        );
        assert_eq!(
            got["object"]["definition"]["name"]["ko-KR"],
            record.header.title
        );
        assert_eq!(got["context"]["registration"], id.to_string());
        assert_eq!(
            got["result"]["score"]["raw"].as_f64(),
            Some(f64::from(record.end.scorecard.as_ref().unwrap().total))
        );
    }

    // Resend: harmless, no duplicates.
    assert_eq!(outbox.queue(&statements).unwrap(), 2);
    let again = outbox.send_once(&client);
    assert_eq!(again.error, None);
    assert_eq!(again.sent + again.already, 2, "{again:?}");
    assert_eq!(again.rejected, 0);
    assert_eq!(client.count_registration(&id.to_string()).unwrap(), 2);

    // Down, then up: the outbox keeps them and the sender drains it when the LRS is back.
    let id2 = play(&store, "LRS-2");
    let free = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = free.local_addr().unwrap().port();
    drop(free); // nothing listens there: the LRS is "down"
    let down = XapiSettings {
        endpoint: format!("http://127.0.0.1:{port}/xAPI/"),
        ..settings.clone()
    };
    assert_eq!(outbox::queue_finished(&store, &down).0, 2);
    let backoff = Backoff {
        first: Duration::from_millis(100),
        max: Duration::from_millis(400),
        idle: Duration::from_millis(300),
    };
    let sender = Sender::spawn(outbox.clone(), &down, backoff).unwrap();
    let t0 = Instant::now();
    while sender.status().passes < 3 {
        assert!(
            t0.elapsed() < Duration::from_secs(20),
            "sender does not try"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = sender.status();
    assert!(status.last_error.is_some(), "{status:?}");
    assert_eq!(outbox.pending().len(), 2, "nothing lost while down");

    proxy(
        TcpListener::bind(("127.0.0.1", port)).unwrap(),
        host_port(&settings.endpoint),
    );
    sender.nudge();
    let t0 = Instant::now();
    while !outbox.pending().is_empty() {
        assert!(
            t0.elapsed() < Duration::from_secs(30),
            "outbox not drained: {:?}",
            sender.status()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let status = sender.status();
    sender.stop();
    assert_eq!(status.delivered, 2, "{status:?}");
    assert_eq!(client.count_registration(&id2.to_string()).unwrap(), 2);
}
