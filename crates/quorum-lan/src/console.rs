//! A teacher's console: a hosted session driven by typed commands instead
//! of a window's keys. The `host` example, the load benchmark and the
//! crash test run it; `quorum host --teacher-stdin` answers the same words
//! (for scripts and tests) beside the window's keys. Never on the network.

use std::io::{BufRead, Write};
use std::time::{Duration, Instant};

use crate::host::{Command, Host, HostConfig};
use crate::{Seat, Stage};

/// How long to wait for the server to show a command's effect.
const SETTLE: Duration = Duration::from_millis(500);

/// What the console prints besides the join line.
#[derive(Debug, Clone, Copy, Default)]
pub struct ConsoleOptions {
    /// Print the QR code for the first address.
    pub qr: bool,
}

const HELP: &str = "commands: start, pause, resume, reveal, next, skip, +N / -N (seconds), leaderboard, \
skip-leaderboard, end, lock, unlock, kick NAME, letback NAME, status, key, wait-answered N, wait-players N, \
wait-stage STAGE, quit";

/// Hosts a session and reads commands from `input` until `quit` or its end.
/// Prints the join line first, then one line per command.
pub fn run_console(
    config: HostConfig,
    options: ConsoleOptions,
    input: impl BufRead,
    mut out: impl Write,
) -> Result<(), String> {
    let host = Host::start(config).map_err(|e| e.to_string())?;
    writeln!(out, "{}", host.join_line()).map_err(|e| e.to_string())?;
    if options.qr
        && let Ok(qr) = host.qr(0)
    {
        let _ = write!(out, "{}", qr.to_text());
    }
    let others: Vec<String> = (1..host.addresses().len()).map(|n| host.join_url(n)).collect();
    if !others.is_empty() {
        let _ = writeln!(out, "Other addresses: {}", others.join(" "));
    }
    let _ = out.flush();
    for line in input.lines() {
        let Ok(line) = line else { break };
        let reply = match console_line(&host, &line) {
            Reply::Quit => break,
            Reply::Nothing => continue,
            Reply::Line(reply) => reply,
        };
        writeln!(out, "{reply}").map_err(|e| e.to_string())?;
        let _ = out.flush();
    }
    host.stop();
    Ok(())
}

/// What the console says to one typed line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// A status line (or help) to print.
    Line(String),
    /// `quit`: stop reading.
    Quit,
    /// An empty line.
    Nothing,
}

/// Answers one typed line on a running host: sends its command and waits
/// (bounded) to report the effect. `quorum host`'s test-only standard input
/// uses this too, so scripts drive the game window with the same words.
pub fn console_line(host: &Host, line: &str) -> Reply {
    let words: Vec<&str> = line.split_whitespace().collect();
    Reply::Line(match words.as_slice() {
        [] => return Reply::Nothing,
        ["quit"] | ["exit"] => return Reply::Quit,
        ["status"] => status(host),
        // The teacher's answer key for the question on show: the
        // teacher's terminal only, never the network.
        ["key"] => key(host),
        ["wait-answered", n] => match n.parse::<usize>() {
            Ok(n) => wait(host, |s| s.answered >= n),
            Err(_) => "wait-answered needs a number".into(),
        },
        ["wait-players", n] => match n.parse::<usize>() {
            Ok(n) => wait(host, |s| s.players.iter().filter(|p| !p.removed).count() >= n),
            Err(_) => "wait-players needs a number".into(),
        },
        ["wait-stage", stage] => match parse_stage(stage) {
            Some(stage) => wait(host, |s| s.stage == stage),
            None => "stages: lobby, question, reveal, leaderboard, finished".into(),
        },
        [word] if word.starts_with('+') || word.starts_with('-') => match word.parse::<i64>() {
            Ok(n) => command(host, Command::AddSeconds(n)),
            Err(_) => HELP.into(),
        },
        [verb, name @ ..] if matches!(*verb, "kick" | "letback") && !name.is_empty() => {
            let name = name.join(" ");
            match seat_named(host, &name) {
                Some(seat) if *verb == "kick" => command(host, Command::Remove(seat)),
                Some(seat) => command(host, Command::LetBack(seat)),
                None => format!("no player called {name}"),
            }
        }
        [word] => match parse_command(word) {
            Some(c) => command(host, c),
            None => HELP.into(),
        },
        _ => HELP.into(),
    })
}

fn parse_command(word: &str) -> Option<Command> {
    Some(match word {
        "start" => Command::Start,
        "pause" => Command::Pause,
        "resume" => Command::Resume,
        "reveal" => Command::Reveal,
        "next" => Command::Next,
        "skip" => Command::Skip,
        "leaderboard" => Command::ShowLeaderboard,
        "skip-leaderboard" => Command::SkipLeaderboard,
        "end" => Command::End,
        "lock" => Command::Lock,
        "unlock" => Command::Unlock,
        _ => return None,
    })
}

fn parse_stage(word: &str) -> Option<Stage> {
    Some(match word {
        "lobby" => Stage::Lobby,
        "question" => Stage::Asking,
        "reveal" => Stage::Revealing,
        "leaderboard" => Stage::Leaderboard,
        "finished" => Stage::Finished,
        _ => return None,
    })
}

fn stage_name(stage: Stage) -> &'static str {
    match stage {
        Stage::Lobby => "lobby",
        Stage::Asking => "question",
        Stage::Revealing => "reveal",
        Stage::Leaderboard => "leaderboard",
        Stage::Finished => "finished",
    }
}

fn seat_named(host: &Host, name: &str) -> Option<Seat> {
    let snapshot = host.snapshot();
    snapshot.players.iter().find(|p| p.name.eq_ignore_ascii_case(name)).map(|p| p.seat)
}

/// Sends a command and waits until the snapshot has moved past it.
fn command(host: &Host, command: Command) -> String {
    let before = host.snapshot().version;
    host.send(command);
    let until = Instant::now() + SETTLE;
    while host.snapshot().version == before && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(5));
    }
    status(host)
}

fn wait(host: &Host, done: impl Fn(&crate::Snapshot) -> bool) -> String {
    let until = Instant::now() + Duration::from_secs(30);
    while !done(&host.snapshot()) && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(10));
    }
    status(host)
}

/// `key=choice:N` (from 0, as shown) or `key=estimate:V` for the question on show.
fn key(host: &Host) -> String {
    let number = host.snapshot().number;
    match host.questions().get(number.wrapping_sub(1)) {
        Some(q) => match (q.correct_choice(), &q.question.kind) {
            (_, quorum_core::bank::QuestionKind::Estimate { answer, .. }) => format!("key=estimate:{answer}"),
            (Some(i), _) => format!("key=choice:{i}"),
            (None, _) => "key=none".into(),
        },
        None => "key=none".into(),
    }
}

/// One line: the stage, the question, answers in, and each player's score.
fn status(host: &Host) -> String {
    let s = host.snapshot();
    let mut line = format!(
        "stage={} question={}/{} answered={}/{} paused={} locked={}",
        stage_name(s.stage),
        s.number,
        s.total,
        s.answered,
        s.expected,
        s.paused,
        s.locked
    );
    if let Some(file) = &s.results_file {
        line.push_str(&format!(" file={}", file.display()));
    }
    for p in &s.players {
        let state = if p.removed {
            "removed"
        } else if p.connected {
            "on"
        } else {
            "off"
        };
        line.push_str(&format!(" | {}={}:{}:{}", p.name, p.points, p.correct, state));
    }
    for problem in &s.problems {
        line.push_str(&format!(" | problem: {problem}"));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use quorum_core::bank::builtin;
    use quorum_core::quiz::{RoundSettings, deal};

    fn host() -> Host {
        let bank = builtin::check().bank.unwrap();
        let questions = deal(&bank, &RoundSettings::default(), 1).unwrap();
        let mut config = HostConfig::new(questions, RoundSettings::default(), "Console test");
        config.bind = "127.0.0.1".parse().unwrap();
        config.port = 0;
        Host::start(config).unwrap()
    }

    #[test]
    fn one_line_at_a_time_on_a_running_host() {
        let host = host();
        assert_eq!(console_line(&host, "   "), Reply::Nothing);
        assert_eq!(console_line(&host, "quit"), Reply::Quit);
        let Reply::Line(status) = console_line(&host, "status") else { panic!("status has a line") };
        assert!(status.starts_with("stage=lobby question=1/10 answered=0/0"), "{status}");
        let Reply::Line(help) = console_line(&host, "reveal now please") else { panic!("help has a line") };
        assert!(help.starts_with("commands:"), "{help}");
        // Locking is a command whose effect the reply shows.
        let Reply::Line(locked) = console_line(&host, "lock") else { panic!("lock has a line") };
        assert!(locked.contains("locked=true"), "{locked}");
        let Reply::Line(none) = console_line(&host, "kick Nobody") else { panic!("kick has a line") };
        assert_eq!(none, "no player called Nobody");
    }
}
