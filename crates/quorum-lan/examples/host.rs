//! A hosted session on the built-in bank, driven from the terminal: the
//! join line first, then type the teacher's commands (start, reveal, next,
//! ...; `help` lists them). For trying the students' page on real phones
//! and for the browser test (.ci/browser_test.py), without the game window.
//!
//! cargo run -p quorum-lan --example host -- [--port N] [--bind ADDR]
//!     [--questions N] [--seconds S] [--seed N] [--estimate-at N]
//!     [--data-dir DIR] [--max-connections N] [--leaderboard N|end] [--qr]

use std::path::PathBuf;

use quorum_core::bank::builtin;
use quorum_core::quiz::{QuestionCount, RoundSettings, deal};
use quorum_lan::{ConsoleOptions, HostConfig, run_console};

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("host: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn value<T: std::str::FromStr>(args: &mut impl Iterator<Item = String>, flag: &str) -> Result<T, String> {
    let v = args.next().ok_or(format!("{flag} needs a value"))?;
    v.parse().map_err(|_| format!("{flag}: `{v}` is not understood"))
}

fn run() -> Result<(), String> {
    let mut questions = 10usize;
    let mut seconds = 20u32;
    let mut seed = 1u64;
    let mut estimate_at: Option<usize> = None;
    let mut port = quorum_lan::host::DEFAULT_PORT;
    let mut bind = "0.0.0.0".to_string();
    let mut data_dir: Option<PathBuf> = None;
    let mut max_connections = quorum_lan::host::DEFAULT_MAX_CONNECTIONS;
    let mut leaderboard = Some(1);
    let mut options = ConsoleOptions::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--questions" => questions = value(&mut args, &arg)?,
            "--seconds" => seconds = value(&mut args, &arg)?,
            "--seed" => seed = value(&mut args, &arg)?,
            "--estimate-at" => estimate_at = Some(value(&mut args, &arg)?),
            "--port" => port = value(&mut args, &arg)?,
            "--bind" => bind = value(&mut args, &arg)?,
            "--data-dir" => data_dir = Some(value(&mut args, &arg)?),
            "--max-connections" => max_connections = value(&mut args, &arg)?,
            "--leaderboard" => {
                let v: String = value(&mut args, &arg)?;
                leaderboard =
                    if v == "end" { None } else { Some(v.parse().map_err(|_| "--leaderboard N|end")?) };
            }
            "--qr" => options.qr = true,
            _ => return Err(format!("unknown option {arg}")),
        }
    }
    let bank = builtin::check().bank.ok_or("the built-in bank did not load")?;
    let settings = RoundSettings {
        questions: QuestionCount::Some(questions),
        seconds: Some(seconds),
        ..Default::default()
    };
    let mut dealt = deal(&bank, &settings, seed).map_err(|e| e.to_string())?;
    if let Some(at) = estimate_at.filter(|n| *n >= 1 && *n <= dealt.len()) {
        // Put an estimate at question `at`, so a test knows where one is.
        let all = deal(&bank, &RoundSettings { questions: QuestionCount::All, ..settings.clone() }, seed)
            .map_err(|e| e.to_string())?;
        if let Some(estimate) = all.into_iter().find(|q| q.scale().is_some()) {
            dealt.retain(|q| q.question.id != estimate.question.id);
            dealt.insert(at - 1, estimate);
            dealt.truncate(questions);
        }
    }
    let mut config = HostConfig::new(dealt, settings, bank.title.clone());
    config.port = port;
    config.bind = bind.parse().map_err(|_| format!("--bind: `{bind}` is not an address"))?;
    config.data_dir = data_dir;
    config.max_connections = max_connections;
    config.leaderboard_every = leaderboard;
    let stdin = std::io::stdin();
    run_console(config, options, stdin.lock(), std::io::stdout())
}
