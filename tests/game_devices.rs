//! Students' devices through the real game plugins, headless, with the real
//! server on 127.0.0.1 (any free port) and students as WebSocket clients:
//! the lobby (joins, removing, letting back, locking), the teacher's keys,
//! the question's "answered" count, the reveal, the leaderboard, the end,
//! and the results file. Every wait is bounded in time and count.

mod common;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use bevy::prelude::*;
use common::Harness;
use futures_util::{SinkExt, StreamExt};
use quorum::game::Screen;
use quorum::game::play::devices::{HostAddress, Hosted, Shown, StartInLobby, Waker};
use quorum::game::play::library::DocumentsDir;
use quorum::game::screens::devices::{AnsweredCount, LeaderLine, NameChip, PlayerRow};
use quorum::game::settings::classroom::ClassChoices;
use quorum_core::quiz::{QuestionCount, session_log};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio::runtime::Runtime;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// The longest any single wait may take.
const PATIENCE: Duration = Duration::from_secs(10);

const LOOPBACK: HostAddress =
    HostAddress { bind: IpAddr::V4(Ipv4Addr::LOCALHOST), port: 0, max_connections: 50 };

/// A student's browser, as the page talks to the server.
struct Student {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl Student {
    fn connect(rt: &Runtime, addr: SocketAddr) -> Student {
        let ws = rt.block_on(async {
            let connecting = tokio_tungstenite::connect_async(format!("ws://{addr}/ws"));
            tokio::time::timeout(PATIENCE, connecting).await.expect("connecting took too long").unwrap().0
        });
        Student { ws }
    }

    fn send(&mut self, rt: &Runtime, message: Value) {
        rt.block_on(self.ws.send(Message::Text(message.to_string().into()))).unwrap();
    }

    /// Reads until a message matches (at most 200 messages, each within `PATIENCE`).
    fn until(&mut self, rt: &Runtime, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        rt.block_on(async {
            for _ in 0..200 {
                let next = tokio::time::timeout(PATIENCE, self.ws.next()).await;
                match next.unwrap_or_else(|_| panic!("no {what} in time")) {
                    Some(Ok(Message::Text(text))) => {
                        let m: Value = serde_json::from_str(text.as_str()).unwrap();
                        if matches(&m) {
                            return m;
                        }
                    }
                    Some(Ok(_)) => {}
                    Some(Err(_)) | None => panic!("the connection ended while waiting for {what}"),
                }
            }
            panic!("no {what} in 200 messages")
        })
    }

    /// Joins; returns the server's first reply (a welcome or a refusal).
    fn join(&mut self, rt: &Runtime, pin: &str, name: &str) -> Value {
        self.send(rt, json!({"type": "join", "pin": pin, "name": name}));
        self.until(rt, "a reply to joining", |m| m["type"] == "welcome" || m["type"] == "refused")
    }

    fn answer(&mut self, rt: &Runtime, question: usize, choice: usize) -> Value {
        self.send(rt, json!({"type": "answer", "question": question, "choice": choice}));
        self.until(rt, "a reply to an answer", |m| m["type"] == "ack" || m["type"] == "refused")
    }
}

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap()
}

/// The game listening on loopback, with a two-question students' devices
/// session chosen in the classroom setup.
fn game() -> Harness {
    let mut h = Harness::with(|app| {
        app.insert_resource(LOOPBACK);
    });
    let mut choices = h.resource_mut::<ClassChoices>();
    choices.devices = true;
    choices.round.settings.questions = QuestionCount::Some(2);
    choices.round.settings.seconds = Some(60);
    choices.leaderboard_every = Some(1);
    h
}

/// From the title through Classroom to the lobby, as a teacher's keys go.
fn open_lobby(h: &mut Harness) -> (SocketAddr, String) {
    assert_eq!(h.screen(), Screen::Title);
    h.press(KeyCode::ArrowDown); // Classroom
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), Screen::ClassSetup);
    h.press(KeyCode::Enter); // Open the lobby
    assert_eq!(h.screen(), Screen::Lobby);
    let host = h.resource::<Hosted>().host();
    assert!(host.local_addr().ip().is_loopback(), "tests listen on 127.0.0.1 only");
    (host.local_addr(), host.pin().to_string())
}

fn shown(h: &Harness) -> Arc<quorum_lan::Snapshot> {
    h.resource::<Shown>().0.clone()
}

fn count<C: Component>(h: &mut Harness) -> usize {
    let world = h.app.world_mut();
    world.query::<&C>().iter(world).count()
}

fn chips(h: &mut Harness) -> Vec<NameChip> {
    let world = h.app.world_mut();
    world.query::<&NameChip>().iter(world).copied().collect()
}

fn answered_line(h: &mut Harness) -> String {
    let world = h.app.world_mut();
    world
        .query_filtered::<&Text, With<AnsweredCount>>()
        .iter(world)
        .next()
        .map(|t| t.0.clone())
        .unwrap_or_default()
}

#[test]
fn a_class_joins_plays_two_questions_and_every_answer_is_in_the_results_file() {
    let rt = runtime();
    let mut h = game();
    let (addr, pin) = open_lobby(&mut h);

    let names = ["Aroha", "Ben", "Mere"];
    let mut class: Vec<Student> = Vec::new();
    for name in names {
        let mut s = Student::connect(&rt, addr);
        assert_eq!(s.join(&rt, &pin, name)["type"], "welcome", "{name} joins");
        class.push(s);
    }
    h.wait_until("three names in the lobby", |h| chips(h).len() == 3);
    assert_eq!(shown(&h).players.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), names);

    // Locked (L): a latecomer is refused; unlocked, they could join.
    h.press(KeyCode::KeyL);
    h.wait_until("the lock", |h| shown(h).locked);
    let mut late = Student::connect(&rt, addr);
    let refused = late.join(&rt, &pin, "Tama");
    assert_eq!(refused["type"], "refused", "a locked game takes no one new: {refused}");
    h.press(KeyCode::KeyL);
    h.wait_until("the unlock", |h| !shown(h).locked);

    // Enter starts; the count shows nobody has answered yet.
    h.press(KeyCode::Enter);
    h.wait_until("the first question", |h| h.screen() == Screen::DevicesQuestion);
    assert_eq!(answered_line(&mut h), "Answered: 0 of 3");
    let q = h.resource::<Hosted>().host().questions()[0].clone();
    let right = q.correct_choice().expect("the first of the built-in deal is a choice question");
    let wrong = (right + 1) % q.choices.len();
    for m in class.iter_mut() {
        m.until(&rt, "the question", |m| m["type"] == "state" && m["screen"] == "question");
    }

    // Two answer: the projector counts them, and the question stays open.
    assert_eq!(class[0].answer(&rt, 1, right)["type"], "ack");
    assert_eq!(class[1].answer(&rt, 1, wrong)["type"], "ack");
    assert_eq!(class[0].answer(&rt, 1, wrong)["type"], "refused", "a second answer is refused");
    h.wait_until("two answers counted", |h| answered_line(h) == "Answered: 2 of 3");
    assert_eq!(h.screen(), Screen::DevicesQuestion);
    // The last one in closes the question: the reveal, without a key.
    assert_eq!(class[2].answer(&rt, 1, right)["type"], "ack");
    h.wait_until("the reveal", |h| h.screen() == Screen::DevicesReveal);
    let result = shown(&h).last_result.clone().unwrap();
    let points: Vec<u32> =
        result.entries.iter().map(|e| e.record.as_ref().map_or(0, |r| r.points.total())).collect();
    assert!(
        points[0] > 0 && points[2] > 0 && points[1] == 0,
        "right answers score, a wrong one doesn't: {points:?}"
    );
    assert_eq!(shown(&h).tallies.iter().sum::<usize>(), 3, "every answer is tallied");

    // N: the leaderboard (due after every question), with every player.
    h.press(KeyCode::KeyN);
    h.wait_until("the leaderboard", |h| h.screen() == Screen::DevicesLeaderboard);
    assert_eq!(count::<LeaderLine>(&mut h), 3);

    // N: question 2; R reveals it with nobody answered.
    h.press(KeyCode::KeyN);
    h.wait_until("the second question", |h| h.screen() == Screen::DevicesQuestion && shown(h).number == 2);
    h.press(KeyCode::KeyR);
    h.wait_until("the second reveal", |h| h.screen() == Screen::DevicesReveal);
    assert!(
        shown(&h)
            .last_result
            .as_ref()
            .unwrap()
            .entries
            .iter()
            .all(|e| e.record.as_ref().is_none_or(|r| r.answer.is_none()))
    );

    // N after the last question: the podium; N again: every player's row.
    h.press(KeyCode::KeyN);
    h.wait_until("the podium", |h| h.screen() == Screen::DevicesPodium);
    h.press(KeyCode::KeyN);
    assert_eq!(h.screen(), Screen::DevicesResults);
    assert_eq!(count::<PlayerRow>(&mut h), 3);
    for m in class.iter_mut() {
        m.until(&rt, "the final rank", |m| m["type"] == "state" && m["screen"] == "finished");
    }

    // The file holds one row per player per question, as they happened.
    let path = shown(&h).results_file.clone().expect("the session has a results file");
    assert!(path.starts_with(h.data.path()), "the file is in the data folder");
    let rows = session_log::read(&path).unwrap();
    assert_eq!(rows.len(), 6, "three players, two questions: {rows:?}");
    let first: Vec<(&str, &str)> = rows[..3].iter().map(|r| (r.team.as_str(), r.correct.as_str())).collect();
    assert_eq!(first, [("Aroha", "yes"), ("Ben", "no"), ("Mere", "yes")]);
    assert_eq!(rows[0].points, points[0]);
    assert!(rows[3..].iter().all(|r| r.answer.is_empty() && r.points == 0), "nobody answered question 2");

    // The teacher finds the same rows in their results folder, named on screen without its path.
    let results = h.resource::<DocumentsDir>().results();
    let name = path.file_name().unwrap();
    assert_eq!(session_log::read(&results.join(name)).unwrap(), rows, "the copy in {}", results.display());
    let text = h.visible_text();
    assert!(text.contains(&format!("Results saved: {}", name.to_string_lossy())), "{text}");
    assert!(!text.contains(&h.data.path().display().to_string()), "no long path on the wall: {text}");
    assert!(text.contains("Open the results folder"), "{text}");
}

#[test]
fn a_removed_player_is_kept_out_until_let_back() {
    let rt = runtime();
    let mut h = game();
    let (addr, pin) = open_lobby(&mut h);
    let mut ana = Student::connect(&rt, addr);
    assert_eq!(ana.join(&rt, &pin, "Ana")["type"], "welcome");
    let mut rua = Student::connect(&rt, addr);
    assert_eq!(rua.join(&rt, &pin, "Rua")["type"], "welcome");
    h.wait_until("two names", |h| chips(h).len() == 2);

    // A click on Rua's name removes them.
    let seat = shown(&h).players.iter().find(|p| p.name == "Rua").unwrap().seat;
    let rua_chip = h.find::<NameChip>(|c| c.seat == seat).unwrap();
    h.click(rua_chip);
    h.wait_until("Rua removed", |h| chips(h).iter().any(|c| c.seat == seat && c.removed));
    // Their browser can't come back under another name.
    let mut again = Student::connect(&rt, addr);
    assert_eq!(again.join(&rt, &pin, "Someone Else")["type"], "refused");
    assert_eq!(shown(&h).players.iter().filter(|p| !p.removed).count(), 1);

    // The teacher picks the name with the arrows and lets them back with Delete.
    h.press(KeyCode::ArrowRight);
    h.press(KeyCode::ArrowRight);
    h.press(KeyCode::Delete);
    h.wait_until("Rua let back", |h| chips(h).iter().all(|c| !c.removed));
    drop((ana, rua, again));
}

#[test]
fn pausing_stops_every_device_and_leaving_stops_the_server() {
    let rt = runtime();
    let mut h = game();
    let (addr, pin) = open_lobby(&mut h);
    let mut kahu = Student::connect(&rt, addr);
    assert_eq!(kahu.join(&rt, &pin, "Kahu")["type"], "welcome");
    h.wait_until("a name", |h| chips(h).len() == 1);
    h.press(KeyCode::Enter);
    h.wait_until("the question", |h| h.screen() == Screen::DevicesQuestion);

    // Space pauses on the server: the window shows its pause menu and an
    // answer now is refused.
    h.press(KeyCode::Space);
    h.wait_until("the pause", |h| shown(h).paused && h.paused());
    let reply = kahu.answer(&rt, 1, 0);
    assert_eq!(reply["type"], "refused", "no answers while paused: {reply}");
    // + adds ten seconds to the limit.
    let before = shown(&h).limit;
    h.press(KeyCode::Space);
    h.wait_until("the resume", |h| !shown(h).paused && !h.paused());
    h.press(KeyCode::Equal);
    h.wait_until("ten more seconds", |h| shown(h).limit == before.map(|l| l + Duration::from_secs(10)));

    // E ends; leaving the results for the title stops the server.
    h.press(KeyCode::KeyE);
    h.wait_until("the podium", |h| h.screen() == Screen::DevicesPodium);
    h.press(KeyCode::KeyN);
    assert_eq!(h.screen(), Screen::DevicesResults);
    h.app.world_mut().resource_mut::<NextState<Screen>>().set(Screen::Title);
    h.update();
    h.update();
    assert!(h.app.world().get_resource::<Hosted>().is_none());
    kahu.until(&rt, "the page told the game has closed", |m| {
        m["type"] == "state" && m["screen"] == "finished"
    });
    let gone = rt.block_on(async {
        tokio::time::timeout(PATIENCE, tokio_tungstenite::connect_async(format!("ws://{addr}/ws"))).await
    });
    assert!(gone.unwrap().is_err(), "nothing listens once the session is left");
}

#[test]
fn quorum_host_opens_on_the_lobby_and_a_join_wakes_the_window() {
    let rt = runtime();
    let wakes = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&wakes);
    let mut h = Harness::with(move |app| {
        app.insert_resource(LOOPBACK).insert_resource(StartInLobby(true)).insert_resource(Waker(Arc::new(
            move || {
                counted.fetch_add(1, Ordering::SeqCst);
            },
        )));
    });
    h.update();
    assert_eq!(h.screen(), Screen::Lobby, "quorum host opens straight on the lobby");
    assert!(h.resource::<ClassChoices>().devices);
    let (addr, pin) = {
        let host = h.resource::<Hosted>().host();
        (host.local_addr(), host.pin().to_string())
    };
    let before = wakes.load(Ordering::SeqCst);
    let mut s = Student::connect(&rt, addr);
    assert_eq!(s.join(&rt, &pin, "Hemi")["type"], "welcome");
    let until = std::time::Instant::now() + PATIENCE;
    while wakes.load(Ordering::SeqCst) == before {
        assert!(std::time::Instant::now() < until, "a join never woke the window");
        std::thread::sleep(Duration::from_millis(10));
    }
    // The names follow once the window runs a frame.
    h.wait_until("the name", |h| chips(h).len() == 1);
}
