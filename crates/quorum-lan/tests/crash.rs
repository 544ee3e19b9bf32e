//! A host killed with SIGKILL mid-session (not a clean exit) keeps every
//! question closed before the kill in its results file, and the file
//! parses. The host is this test binary run again as a child process,
//! driven like the `host` example, and really killed.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;

use common::{PATIENCE, Student, questions};
use quorum_core::quiz::session_log::{self, Participants};
use quorum_lan::{ConsoleOptions, HostConfig, parse_join_line, run_console};

const CHILD: &str = "QUORUM_LAN_CRASH_CHILD";

/// The child: a console host writing its results into the folder it is given.
#[test]
#[ignore = "the crash test runs this as its child process"]
fn host_for_the_crash_test() {
    let Some(dir) = std::env::var_os(CHILD) else { return };
    let mut config = HostConfig::new(questions(false, 4, 60), Default::default(), "Crash bank");
    config.bind = "127.0.0.1".parse().unwrap();
    config.port = 0;
    config.data_dir = Some(dir.into());
    run_console(config, ConsoleOptions::default(), std::io::stdin().lock(), std::io::stdout()).unwrap();
}

struct Teacher {
    child: Child,
    stdin: ChildStdin,
    lines: mpsc::Receiver<String>,
}

impl Teacher {
    fn line(&self, what: &str, matches: impl Fn(&str) -> bool) -> String {
        loop {
            let line =
                self.lines.recv_timeout(PATIENCE).unwrap_or_else(|_| panic!("no {what} from the host"));
            if matches(&line) {
                return line;
            }
        }
    }

    fn say(&mut self, command: &str) -> String {
        writeln!(self.stdin, "{command}").unwrap();
        self.line(command, |l| l.starts_with("stage="))
    }
}

#[tokio::test]
async fn sigkill_mid_session_keeps_every_closed_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "host_for_the_crash_test", "--ignored", "--nocapture", "--test-threads=1"])
        .env(CHILD, dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut teacher = Teacher { child, stdin, lines };
    // The test harness prints "test host_for_the_crash_test ... " before it.
    let join = teacher.line("join line", |l| l.contains("Join at "));
    let (url, pin) = parse_join_line(&join[join.find("Join at ").unwrap()..]).unwrap();
    let addr = url.trim_start_matches("http://").trim_end_matches('/').parse().unwrap();

    let mut a = Student::connect(addr).await;
    let mut b = Student::connect(addr).await;
    a.join(&pin, "Aroha").await;
    b.join(&pin, "Ben").await;
    assert!(teacher.say("start").starts_with("stage=question question=1/4"));
    for number in 1..=2u64 {
        a.state("question").await;
        b.state("question").await;
        a.answer(number, 0).await;
        b.answer(number, 1).await;
        // Both answered: the question closed, and its rows were written
        // before anyone was shown the reveal.
        a.state("reveal").await;
        teacher.say("skip-leaderboard");
    }
    a.state("question").await;
    a.answer(3, 0).await;
    teacher.child.kill().unwrap(); // SIGKILL
    let status = teacher.child.wait().unwrap();
    assert!(!status.success(), "the host was killed, not ended: {status:?}");

    let files = session_log::list(dir.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let file = session_log::read_file(&files[0]).expect("the file parses after a kill");
    assert_eq!(file.who, Participants::Players);
    let rows = file.rows;
    assert_eq!(rows.len(), 4, "two players, the two closed questions: {rows:?}");
    let ids: Vec<&str> = rows.iter().map(|r| r.question_id.as_str()).collect();
    let qs = questions(false, 4, 60);
    assert_eq!(ids, [&qs[0].question.id, &qs[0].question.id, &qs[1].question.id, &qs[1].question.id]);
    assert_eq!(rows.iter().map(|r| r.team.as_str()).collect::<Vec<_>>(), ["Aroha", "Ben", "Aroha", "Ben"]);
    assert!(rows.iter().all(|r| !r.seconds.is_empty()), "every answer has the host's time");
}
