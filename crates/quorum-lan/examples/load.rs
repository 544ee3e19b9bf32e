//! The load benchmark: 300 simulated students on loopback join, answer one
//! question in a burst, and receive the reveal. It reports the time from
//! each answer to its acknowledgement (median, 99th percentile, worst), the
//! time from the teacher's "reveal" to the last student holding it, and the
//! host's memory per connected student, read from /proc of the host
//! process (a child: this program run with `--host`) before and after the
//! joins. Everything stays on 127.0.0.1 and every wait is bounded.
//!
//! With `--game QUORUM`, the host is the game window itself (`QUORUM host`,
//! driven through its test-only `--teacher-stdin`, its frames logged with
//! `--frame-log`): the benchmark then also reports the window's frame rate
//! while its countdown runs, before and during the burst. Run it where a
//! window can open (under `xvfb-run` on a server).
//!
//! cargo run --release -p quorum-lan --example load [-- --students N] [--game PATH]

use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use quorum_core::bank::builtin;
use quorum_core::quiz::{QuestionCount, RoundSettings, deal};
use quorum_lan::{ConsoleOptions, HostConfig, parse_join_line, run_console};
use serde_json::{Value, json};
use tokio::sync::Barrier;
use tokio_tungstenite::tungstenite::Message;

/// Any one step may take this long before the benchmark gives up.
const PATIENCE: Duration = Duration::from_secs(60);

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--host") {
        return host();
    }
    let students = args
        .iter()
        .position(|a| a == "--students")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(300usize);
    let game = args.iter().position(|a| a == "--game").and_then(|i| args.get(i + 1)).cloned();
    if let Err(e) = bench(students, game) {
        eprintln!("load: {e}");
        std::process::exit(1);
    }
}

/// The host process: one question with a minute to answer it, the teacher
/// on standard input.
fn host() {
    let bank = builtin::check().bank.unwrap();
    let settings = RoundSettings { questions: QuestionCount::All, ..Default::default() };
    let mut questions = deal(&bank, &settings, 1).unwrap();
    questions.retain(|q| !q.choices.is_empty());
    questions.truncate(2);
    for q in &mut questions {
        q.limit = Some(Duration::from_secs(60));
    }
    let mut config = HostConfig::new(questions, settings, "Load test");
    config.bind = "127.0.0.1".parse().unwrap();
    config.port = 0;
    config.max_connections = 1000;
    let stdin = std::io::stdin();
    run_console(config, ConsoleOptions::default(), stdin.lock(), std::io::stdout()).unwrap();
}

/// Resident memory of a process, in KiB.
fn rss_kib(pid: u32) -> Result<u64, String> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).map_err(|e| e.to_string())?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| "no VmRSS in /proc".to_string())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Seconds since 1970: the clock the game's frame log is written in.
fn epoch() -> f64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_secs_f64()
}

/// Frames per second and the longest frame, from the game's frame log
/// (`SECONDS FRAME_MS` a line), for frames that ended between `from` and `to`.
fn frames_between(log: &str, from: f64, to: f64) -> Option<(f64, f64, usize)> {
    let frames: Vec<(f64, f64)> = log
        .lines()
        .filter_map(|l| {
            let (at, ms) = l.split_once(' ')?;
            Some((at.parse().ok()?, ms.parse().ok()?))
        })
        .filter(|(at, _)| *at >= from && *at <= to)
        .collect();
    let (first, last) = (frames.first()?.0, frames.last()?.0);
    let fps = if last > first { (frames.len() - 1) as f64 / (last - first) } else { 0.0 };
    let worst = frames.iter().map(|(_, ms)| *ms).fold(0.0, f64::max);
    Some((fps, worst, frames.len()))
}

fn bench(students: usize, game: Option<String>) -> Result<(), String> {
    let frame_log = std::env::temp_dir().join(format!("quorum-load-frames-{}.txt", std::process::id()));
    let mut host = match &game {
        // The game: one question open for a minute, room for everyone.
        Some(game) => {
            let mut c = Command::new(game);
            c.args(["host", "--bind", "127.0.0.1", "--port", "0", "--questions", "2", "--seconds", "120"])
                .args(["--max-connections", &(students + 10).to_string(), "--teacher-stdin", "--frame-log"])
                .arg(&frame_log);
            c
        }
        None => {
            let mut c = Command::new(std::env::current_exe().map_err(|e| e.to_string())?);
            c.arg("--host");
            c
        }
    };
    let mut child = host.stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().map_err(|e| e.to_string())?;
    let pid = child.id();
    let mut teacher = child.stdin.take().unwrap();
    let (tx, lines) = std::sync::mpsc::channel::<String>();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let next_line = |starts: &str| -> Result<String, String> {
        loop {
            let line = lines.recv_timeout(PATIENCE).map_err(|_| format!("the host said no `{starts}…`"))?;
            if line.starts_with(starts) {
                return Ok(line);
            }
        }
    };
    let (url, pin) = parse_join_line(&next_line("Join at ")?).ok_or("no join line")?;
    let addr: SocketAddr =
        url.trim_start_matches("http://").trim_end_matches('/').parse().map_err(|_| "bad address")?;
    std::thread::sleep(Duration::from_millis(300));
    let before = rss_kib(pid)?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    // Everyone joins; one extra student never answers, so the question
    // stays open until the teacher reveals it.
    let everyone = students + 1;
    let sockets = runtime.block_on(async {
        let mut sockets = Vec::with_capacity(everyone);
        for i in 0..everyone {
            let (mut ws, _) =
                tokio::time::timeout(PATIENCE, tokio_tungstenite::connect_async(format!("ws://{addr}/ws")))
                    .await
                    .map_err(|_| "connecting timed out")?
                    .map_err(|e| format!("student {i} could not connect: {e}"))?;
            let join = json!({"type": "join", "pin": pin, "name": format!("Student {i}")});
            ws.send(Message::Text(join.to_string().into())).await.map_err(|e| e.to_string())?;
            wait_for(&mut ws, |m| m["type"] == "welcome").await?;
            sockets.push(ws);
        }
        Ok::<_, String>(sockets)
    })?;
    std::thread::sleep(Duration::from_millis(300));
    let after = rss_kib(pid)?;

    writeln!(teacher, "start").map_err(|e| e.to_string())?;
    next_line("stage=")?;
    // The window's countdown runs from here: two seconds of it before the burst.
    std::thread::sleep(Duration::from_secs(2));
    let burst_at = epoch();
    let barrier = Arc::new(Barrier::new(students + 1));
    let tasks = runtime.block_on(async {
        let mut tasks = Vec::new();
        for (i, mut ws) in sockets.into_iter().enumerate() {
            let barrier = Arc::clone(&barrier);
            tasks.push(tokio::spawn(async move {
                let shown = wait_for(&mut ws, |m| m["type"] == "state" && m["screen"] == "question").await?;
                if i == students {
                    // The one who doesn't answer.
                    wait_for(&mut ws, |m| m["type"] == "state" && m["screen"] == "reveal").await?;
                    return Ok((None, Instant::now()));
                }
                barrier.wait().await;
                let sent = Instant::now();
                // The game deals its own first question: an estimate is answered on its scale.
                let answer = match shown["question"]["scale"]["min"].as_f64() {
                    Some(min) => json!({"type": "answer", "question": 1, "estimate": min}),
                    None => json!({"type": "answer", "question": 1, "choice": i % 2}),
                };
                ws.send(Message::Text(answer.to_string().into())).await.map_err(|e| e.to_string())?;
                wait_for(&mut ws, |m| m["type"] == "ack").await?;
                let ack = sent.elapsed();
                wait_for(&mut ws, |m| m["type"] == "state" && m["screen"] == "reveal").await?;
                Ok::<_, String>((Some(ack), Instant::now()))
            }));
        }
        // Released together once every student holds the question: the burst.
        barrier.wait().await;
        tasks
    });
    // Every answer is in once the host counts them all.
    writeln!(teacher, "wait-answered {students}").map_err(|e| e.to_string())?;
    let status = next_line("stage=")?;
    if !status.contains(&format!("answered={students}/")) {
        return Err(format!("not every answer arrived: {status}"));
    }
    let burst_done = epoch();
    // A moment after the burst, still counting down, then the reveal.
    std::thread::sleep(Duration::from_secs(1));
    let reveal_sent = Instant::now();
    writeln!(teacher, "reveal").map_err(|e| e.to_string())?;
    let results = runtime.block_on(async {
        let mut out = Vec::new();
        for task in tasks {
            out.push(
                tokio::time::timeout(PATIENCE, task)
                    .await
                    .map_err(|_| "a student hung")?
                    .map_err(|e| e.to_string())??,
            );
        }
        Ok::<_, String>(out)
    })?;
    let after_reveal = rss_kib(pid)?;
    writeln!(teacher, "quit").ok();
    if game.is_some() {
        // The window stays open after its console's `quit`; it is ours to close.
        std::thread::sleep(Duration::from_millis(500));
        let _ = child.kill();
    }
    let _ = child.wait();

    let mut ack_times: Vec<Duration> = results.iter().filter_map(|(a, _)| *a).collect();
    ack_times.sort();
    let last_reveal = results.iter().map(|(_, at)| at.saturating_duration_since(reveal_sent)).max().unwrap();
    let per_student = (after.saturating_sub(before)) as f64 / everyone as f64;
    println!("students: {students} answering, 1 more connected and silent, on 127.0.0.1");
    println!(
        "answer to acknowledgement: median {}, p99 {}, worst {} (target: p99 under 50 ms)",
        ms(percentile(&ack_times, 0.5)),
        ms(percentile(&ack_times, 0.99)),
        ms(*ack_times.last().unwrap())
    );
    println!("\"reveal\" to the last student holding it: {} (target: under 250 ms)", ms(last_reveal));
    println!(
        "host memory: {before} KiB before the joins, {after} KiB after: {per_student:.1} KiB per connected student (target: under 200 KiB)"
    );
    println!(
        "host memory after the burst and the reveal: {after_reveal} KiB: {:.1} KiB per connected student",
        after_reveal.saturating_sub(before) as f64 / everyone as f64
    );
    if game.is_some() {
        let log = std::fs::read_to_string(&frame_log).map_err(|e| format!("no frame log: {e}"))?;
        let _ = std::fs::remove_file(&frame_log);
        let before = frames_between(&log, burst_at - 2.0, burst_at).ok_or("no frames before the burst")?;
        // The burst and what follows it: a second from the first answer sent.
        let during = frames_between(&log, burst_at, burst_at + 1.0).ok_or("no frames during the burst")?;
        for (when, (fps, worst, n)) in
            [("in the 2 s before the burst", before), ("in the 1 s from its start", during)]
        {
            println!("game window {when}: {fps:.1} frames/s ({n} frames, longest {worst:.1} ms)");
        }
        println!(
            "(the burst: {:.0} ms from the first answer sent to the host counting all {students})",
            (burst_done - burst_at) * 1000.0
        );
    }
    Ok(())
}

/// Reads messages until one matches (bounded in time).
async fn wait_for<S>(ws: &mut S, matches: impl Fn(&Value) -> bool) -> Result<Value, String>
where
    S: StreamExt<Item = Result<Message, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    let until = tokio::time::Instant::now() + PATIENCE;
    loop {
        let message = tokio::time::timeout_at(until, ws.next())
            .await
            .map_err(|_| "a student waited too long".to_string())?
            .ok_or("the connection ended")?
            .map_err(|e| e.to_string())?;
        if let Message::Text(text) = message {
            let value: Value = serde_json::from_str(text.as_str()).map_err(|e| e.to_string())?;
            if matches(&value) {
                return Ok(value);
            }
        }
    }
}
