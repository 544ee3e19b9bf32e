//! Test students: WebSocket clients (tokio-tungstenite) that talk to a real
//! server on 127.0.0.1. Every wait is bounded in time and count.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use quorum_core::bank::builtin;
use quorum_core::quiz::{DealtQuestion, QuestionCount, RoundSettings, deal};
use quorum_lan::{Host, HostConfig};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// The longest any single wait in these tests may take.
pub const PATIENCE: Duration = Duration::from_secs(5);

/// Questions from the built-in bank: choice questions (or estimates), each
/// with `seconds` to answer.
pub fn questions(estimates: bool, count: usize, seconds: u64) -> Vec<DealtQuestion> {
    let bank = builtin::check().bank.unwrap();
    let settings = RoundSettings { questions: QuestionCount::All, ..Default::default() };
    let mut all = deal(&bank, &settings, 5).unwrap();
    all.retain(|q| q.scale().is_some() == estimates);
    all.truncate(count);
    for q in &mut all {
        q.limit = Some(Duration::from_secs(seconds));
    }
    all
}

/// A host on 127.0.0.1, any free port.
pub fn config(questions: Vec<DealtQuestion>) -> HostConfig {
    let mut config = HostConfig::new(questions, RoundSettings::default(), "Test bank");
    config.bind = "127.0.0.1".parse().unwrap();
    config.port = 0;
    config
}

pub fn host(questions: Vec<DealtQuestion>) -> Host {
    Host::start(config(questions)).unwrap()
}

/// Waits (bounded) until the host's snapshot satisfies `done`.
pub fn wait_for(host: &Host, what: &str, done: impl Fn(&quorum_lan::Snapshot) -> bool) {
    let until = std::time::Instant::now() + PATIENCE;
    while !done(&host.snapshot()) {
        assert!(std::time::Instant::now() < until, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

pub struct Student {
    pub ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
    pub token: Option<String>,
    /// Every message received, in order.
    pub log: Vec<Value>,
}

/// How a connection ended.
#[derive(Debug, PartialEq)]
pub enum Ended {
    Closed(Option<u16>),
    Dropped,
}

impl Student {
    pub async fn connect(addr: SocketAddr) -> Student {
        let url = format!("ws://{addr}/ws");
        let (ws, _) = tokio::time::timeout(PATIENCE, tokio_tungstenite::connect_async(url))
            .await
            .expect("connecting took too long")
            .expect("the server accepts WebSockets");
        Student { ws, token: None, log: Vec::new() }
    }

    pub async fn send(&mut self, message: Value) {
        self.ws.send(Message::Text(message.to_string().into())).await.unwrap();
    }

    pub async fn send_text(&mut self, text: String) -> Result<(), String> {
        self.ws.send(Message::Text(text.into())).await.map_err(|e| e.to_string())
    }

    /// The next JSON message, or `None` if the connection ended.
    pub async fn next(&mut self) -> Option<Value> {
        loop {
            let message =
                tokio::time::timeout(PATIENCE, self.ws.next()).await.expect("no message in time")?;
            match message {
                Ok(Message::Text(text)) => {
                    let value: Value = serde_json::from_str(text.as_str()).expect("the server sends JSON");
                    self.log.push(value.clone());
                    return Some(value);
                }
                Ok(Message::Close(_)) | Err(_) => return None,
                Ok(_) => continue,
            }
        }
    }

    /// Reads whatever comes until nothing has for `gap` (bounded by `PATIENCE`).
    pub async fn quiet(&mut self, gap: Duration) {
        let until = tokio::time::Instant::now() + PATIENCE;
        while tokio::time::Instant::now() < until {
            match tokio::time::timeout(gap, self.ws.next()).await {
                Ok(Some(Ok(Message::Text(text)))) => {
                    self.log.push(serde_json::from_str(text.as_str()).expect("the server sends JSON"));
                }
                Ok(Some(Ok(_))) => {}
                Ok(Some(Err(_)) | None) | Err(_) => return,
            }
        }
    }

    /// Reads until a message matches; panics after `PATIENCE` or 500 messages.
    pub async fn until(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        for _ in 0..500 {
            match self.next().await {
                Some(m) if matches(&m) => return m,
                Some(_) => continue,
                None => panic!("the connection ended while waiting for {what}; got {:?}", self.log),
            }
        }
        panic!("no {what} in 500 messages");
    }

    pub async fn state(&mut self, screen: &str) -> Value {
        self.until(&format!("the {screen} screen"), |m| m["type"] == "state" && m["screen"] == screen).await
    }

    /// Joins and waits for the welcome; returns the name shown.
    pub async fn join(&mut self, pin: &str, name: &str) -> String {
        self.send(json!({"type": "join", "pin": pin, "name": name})).await;
        let m = self.until("a welcome", |m| m["type"] == "welcome" || m["type"] == "refused").await;
        assert_eq!(m["type"], "welcome", "joining as {name}: {m}");
        self.token = Some(m["token"].as_str().unwrap().to_string());
        m["name"].as_str().unwrap().to_string()
    }

    pub async fn answer(&mut self, question: u64, choice: usize) -> Value {
        self.send(json!({"type": "answer", "question": question, "choice": choice})).await;
        self.until("an answer's reply", |m| m["type"] == "ack" || m["type"] == "refused").await
    }

    /// Waits (bounded) for the connection to end, reading what comes.
    pub async fn ended(&mut self) -> Ended {
        for _ in 0..500 {
            match tokio::time::timeout(PATIENCE, self.ws.next()).await.expect("the connection stayed open") {
                Some(Ok(Message::Close(frame))) => return Ended::Closed(frame.map(|f| u16::from(f.code))),
                Some(Ok(Message::Text(text))) => {
                    self.log.push(serde_json::from_str(text.as_str()).unwrap_or(Value::Null));
                }
                Some(Ok(_)) => {}
                Some(Err(_)) | None => return Ended::Dropped,
            }
        }
        panic!("the connection kept talking");
    }
}

/// `n` students joined as "Student 1", "Student 2", ...
pub async fn class(host: &Host, n: usize) -> Vec<Student> {
    let mut students = Vec::new();
    for i in 1..=n {
        let mut s = Student::connect(host.local_addr()).await;
        s.join(host.pin(), &format!("Student {i}")).await;
        students.push(s);
    }
    students
}
