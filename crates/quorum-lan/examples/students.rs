//! A class of simulated students for a host that is already running (the
//! game window from `quorum host`, or the `host` example): each joins with a
//! nickname, answers every question after a few seconds' thought with a
//! choice drawn from a seeded generator (or a number on the estimate's
//! scale), and leaves when the game ends. For the projector's screenshots
//! and for trying the lobby with a full class. They know only what a page
//! knows: never the right answer.
//!
//! cargo run -p quorum-lan --example students -- "Join at http://127.0.0.1:8080/ with PIN 123456" [--count N] [--seed N]
//!
//! Every wait is bounded: a student gives up after ten minutes in all.

use std::net::SocketAddr;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use quorum_lan::parse_join_line;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

/// The longest a student stays, whatever happens.
const STAY: Duration = Duration::from_secs(600);

/// Nicknames as a class might choose them, macrons included.
const NAMES: [&str; 40] = [
    "Aroha", "Ben", "Mere", "Tama", "Priya", "Liam", "Ngaio", "Sione", "Hana", "Jack", "Wiremu", "Ana",
    "Ruby", "Mateo", "Kōwhai", "Isla", "Rawiri", "Mei", "Noah", "Tūī", "Zara", "Oliver", "Ihaia", "Grace",
    "Finn", "Leilani", "Hemi", "Sofia", "Kahu", "Amelia", "Te Ao", "Lucas", "Maia", "Ethan", "Aisha",
    "Manaia", "Chloe", "Nikau", "Emma", "Rangi",
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1));
    let count = flag("--count").and_then(|n| n.parse().ok()).unwrap_or(12usize);
    let seed = flag("--seed").and_then(|n| n.parse().ok()).unwrap_or(1u64);
    let Some((url, pin)) = args.first().and_then(|l| parse_join_line(l)) else {
        eprintln!(
            "students: give the host's join line, such as \"Join at http://127.0.0.1:8080/ with PIN 123456\""
        );
        std::process::exit(2);
    };
    let Ok(addr) = url.trim_start_matches("http://").trim_end_matches('/').parse::<SocketAddr>() else {
        eprintln!("students: {url} is not an address and port");
        std::process::exit(2);
    };
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    runtime.block_on(async move {
        let mut tasks = Vec::new();
        for i in 0..count {
            let name = match NAMES.get(i) {
                Some(name) => name.to_string(),
                None => format!("Student {}", i + 1),
            };
            let pin = pin.clone();
            tasks.push(tokio::spawn(async move {
                let played =
                    tokio::time::timeout(STAY, student(addr, pin, name.clone(), seed + i as u64)).await;
                match played {
                    Ok(Err(e)) => eprintln!("{name}: {e}"),
                    Err(_) => eprintln!("{name}: gave up after {} s", STAY.as_secs()),
                    Ok(Ok(())) => {}
                }
            }));
            // Joining one after another, as a class does.
            tokio::time::sleep(Duration::from_millis(60)).await;
        }
        for task in tasks {
            let _ = task.await;
        }
    });
}

/// One student: joins, answers each question once, until the game ends.
async fn student(addr: SocketAddr, pin: String, name: String, seed: u64) -> Result<(), String> {
    let mut rng = StdRng::seed_from_u64(seed);
    let (mut ws, _) =
        tokio_tungstenite::connect_async(format!("ws://{addr}/ws")).await.map_err(|e| e.to_string())?;
    let join = json!({"type": "join", "pin": pin, "name": name});
    ws.send(Message::Text(join.to_string().into())).await.map_err(|e| e.to_string())?;
    let mut answered = 0u64;
    while let Some(message) = ws.next().await {
        let Ok(Message::Text(text)) = message else { continue };
        let Ok(m) = serde_json::from_str::<Value>(text.as_str()) else { continue };
        match m["type"].as_str() {
            Some("refused") if m["about"] != "answer" => return Err(format!("refused: {}", m["reason"])),
            Some("state") if m["screen"] == "finished" => return Ok(()),
            Some("state") if m["screen"] == "question" && m["paused"] == false => {
                let q = &m["question"];
                let number = q["number"].as_u64().unwrap_or(0);
                if number <= answered || q.get("locked_in").is_some() {
                    continue;
                }
                answered = number;
                // A few seconds' thought: the projector's count rises as a class's does.
                tokio::time::sleep(Duration::from_millis(rng.random_range(1500..9000))).await;
                let answer = match q["choices"].as_array().map(Vec::len) {
                    Some(n) if n > 0 => {
                        json!({"type": "answer", "question": number, "choice": rng.random_range(0..n)})
                    }
                    _ => {
                        let min = q["scale"]["min"].as_f64().unwrap_or(0.0);
                        let max = q["scale"]["max"].as_f64().unwrap_or(100.0);
                        let step = q["scale"]["step"].as_f64().filter(|s| *s > 0.0).unwrap_or(1.0);
                        let steps = ((max - min) / step).floor().max(0.0) as u64;
                        let at = min + step * rng.random_range(0..=steps) as f64;
                        json!({"type": "answer", "question": number, "estimate": at})
                    }
                };
                ws.send(Message::Text(answer.to_string().into())).await.map_err(|e| e.to_string())?;
            }
            _ => {}
        }
    }
    Ok(())
}
