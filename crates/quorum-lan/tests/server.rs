//! The real server on 127.0.0.1 with WebSocket students: scoring, timing,
//! refusals, resuming, abuse and shutdown, end to end.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::{Ended, PATIENCE, Student, class, config, host, questions, wait_for};
use quorum_lan::{Command, Host, Stage, close};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn points(state: &Value) -> u64 {
    state["me"]["points"].as_u64().unwrap()
}

#[tokio::test]
async fn faster_right_answers_score_more() {
    let qs = questions(false, 3, 20);
    let right = qs[0].correct_choice().unwrap();
    let host = host(qs);
    let mut s = class(&host, 3).await;
    host.send(Command::Start);
    for student in &mut s {
        student.state("question").await;
    }
    assert_eq!(s[0].answer(1, right).await["type"], "ack");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(s[1].answer(1, right).await["type"], "ack");
    assert_eq!(s[2].answer(1, (right + 1) % 2).await["type"], "ack");
    let mut scores = Vec::new();
    for student in &mut s {
        let reveal = student.state("reveal").await;
        scores.push((reveal["reveal"]["points"].as_u64().unwrap(), reveal["reveal"]["verdict"].clone()));
    }
    assert_eq!(scores[0], (1000, json!("correct")), "answered within the half-second grace");
    assert!(scores[1].0 < 1000 && scores[1].0 >= 900, "about 1.5 s of 20: {scores:?}");
    assert_eq!(scores[2], (0, json!("wrong")));
    let snapshot = host.snapshot();
    assert_eq!(snapshot.standings.iter().map(|st| st.seat.0).collect::<Vec<_>>(), [0, 1, 2]);
}

#[tokio::test]
async fn late_and_second_answers_are_refused_with_reasons() {
    let host = host(questions(false, 3, 2));
    let mut s = class(&host, 2).await;
    host.send(Command::Start);
    s[0].state("question").await;
    assert_eq!(s[0].answer(1, 0).await["type"], "ack");
    let again = s[0].answer(1, 1).await;
    assert_eq!(again["type"], "refused");
    assert_eq!(again["reason"], "You have already answered: your first answer counts.");
    assert_eq!(again["question"], 1);
    // The 2 seconds run out on the host's clock; the question closes by itself.
    s[1].state("reveal").await;
    let late = s[1].answer(1, 0).await;
    assert_eq!(late["reason"], "Time was up: question 1 has closed.");
    let result = host.snapshot().last_result.clone().unwrap();
    assert!(result.entries[1].record.as_ref().unwrap().answer.is_none(), "the late answer did not count");
}

#[tokio::test]
async fn junk_wrong_numbers_and_non_numbers_are_refused_and_nothing_breaks() {
    let host = host(questions(false, 3, 20));
    let mut s = class(&host, 2).await;
    host.send(Command::Start);
    s[0].state("question").await;
    for (frame, reason) in [
        ("not json at all", "The game could not read that message."),
        (r#"{"type":"become_teacher"}"#, "Unknown message type “become_teacher”."),
        (r#"{"type":"answer","question":1,"estimate":"Infinity"}"#, "An estimate is a number."),
        (r#"{"type":"answer","question":1,"choice":99}"#, "There is no answer 100 (this question has 4)."),
        (
            r#"{"type":"answer","question":7,"choice":0}"#,
            "That answer was for question 7, but question 1 is open.",
        ),
    ] {
        s[0].send_text(frame.to_string()).await.unwrap();
        let m = s[0].until("a refusal", |m| m["type"] == "refused").await;
        let got = m["reason"].as_str().unwrap();
        // A question may have fewer than four choices; the rest is exact.
        if frame.contains("99") {
            assert!(got.starts_with("There is no answer 100"), "{got}");
        } else {
            assert_eq!(got, reason, "{frame}");
        }
    }
    // Still in the game, and still able to answer.
    assert_eq!(s[0].answer(1, 0).await["type"], "ack");
}

#[tokio::test]
async fn an_oversized_frame_closes_that_connection_only() {
    let host = host(questions(false, 3, 20));
    let mut s = class(&host, 2).await;
    host.send(Command::Start);
    s[0].state("question").await;
    s[1].state("question").await;
    let big = json!({"type": "join", "pin": "1", "name": "x".repeat(4000)}).to_string();
    let _ = s[0].send_text(big).await;
    let ended = s[0].ended().await;
    assert!(matches!(ended, Ended::Closed(Some(close::TOO_BIG)) | Ended::Dropped), "{ended:?}");
    wait_for(&host, "the big sender to be disconnected", |snap| !snap.players[0].connected);
    assert_eq!(s[1].answer(1, 0).await["type"], "ack", "the other student is unaffected");
    // The question closed: everyone still connected has answered.
    s[1].state("reveal").await;
}

#[tokio::test]
async fn a_flood_is_limited_and_others_play_on() {
    let host = host(questions(false, 3, 20));
    let mut s = class(&host, 2).await;
    host.send(Command::Start);
    s[0].state("question").await;
    s[1].state("question").await;
    // A burst of 100: the first 20 or so are answered, then one warning.
    let started = Instant::now();
    for _ in 0..100 {
        s[0].send_text(r#"{"type":"ping"}"#.to_string()).await.unwrap();
    }
    s[0].quiet(Duration::from_millis(500)).await;
    let elapsed = started.elapsed().as_secs_f64();
    let pongs = s[0].log.iter().filter(|m| m["type"] == "pong").count();
    assert!(pongs >= 15, "the burst allowance (less the join) is served: {pongs}");
    assert!((pongs as f64) <= 20.0 + 5.0 * elapsed + 1.0, "{pongs} pongs in {elapsed:.2} s: not limited");
    let warnings = s[0].log.iter().filter(|m| m["reason"] == "Too many messages: slow down.").count();
    assert!((1..=2).contains(&warnings), "one warning a second, not one a message: {warnings}");
    // The other student is answered promptly meanwhile.
    let asked = Instant::now();
    assert_eq!(s[1].answer(1, 0).await["type"], "ack");
    assert!(asked.elapsed() < Duration::from_secs(1));
    // A flood that goes on closes the flooding connection, and only it.
    for _ in 0..1000 {
        if s[0].send_text(r#"{"type":"ping"}"#.to_string()).await.is_err() {
            break;
        }
    }
    let ended = s[0].ended().await;
    assert!(matches!(ended, Ended::Closed(Some(close::FLOOD)) | Ended::Dropped), "{ended:?}");
    wait_for(&host, "the flooder to be disconnected", |snap| !snap.players[0].connected);
    assert!(host.snapshot().players[1].connected);
    // With the flooder gone and the other answered, the question closes.
    s[1].state("reveal").await;
}

#[tokio::test]
async fn wrong_pins_from_one_address_are_slowed() {
    let host = host(questions(false, 3, 20));
    let wrong = if host.pin() == "111111" { "222222" } else { "111111" };
    let mut guesser = Student::connect(host.local_addr()).await;
    for _ in 0..5 {
        guesser.send(json!({"type": "join", "pin": wrong, "name": "Guess"})).await;
        let m = guesser.until("a refusal", |m| m["type"] == "refused").await;
        assert_eq!(
            (m["about"].as_str(), m["reason"].as_str()),
            (Some("pin"), Some("That is not this game's PIN: check the projector."))
        );
    }
    guesser.send(json!({"type": "join", "pin": host.pin(), "name": "Guess"})).await;
    let m = guesser.until("a refusal", |m| m["type"] == "refused").await;
    assert!(
        m["reason"].as_str().unwrap().starts_with("Too many wrong PINs from this device: try again in"),
        "{m}"
    );
    assert!(host.snapshot().players.is_empty(), "even the right PIN waits");
}

#[tokio::test]
async fn names_are_checked_by_the_server() {
    let host = host(questions(false, 3, 20));
    let mut a = Student::connect(host.local_addr()).await;
    assert_eq!(a.join(host.pin(), "  Aroha  ").await, "Aroha");
    let mut b = Student::connect(host.local_addr()).await;
    for (name, reason) in [
        ("AROHA", "“Aroha” is already taken: choose another nickname."),
        (
            "Ar\u{200B}oha",
            "Your nickname has an invisible character (U+200B) in it: type it again without it.",
        ),
        ("A", "A nickname needs at least 2 letters or digits."),
        ("Party 🎉", "The projector can't show “🎉”: use letters, digits and everyday punctuation."),
    ] {
        b.send(json!({"type": "join", "pin": host.pin(), "name": name})).await;
        let m = b.until("a refusal", |m| m["type"] == "refused").await;
        assert_eq!((m["about"].as_str(), m["reason"].as_str()), (Some("name"), Some(reason)), "{name:?}");
    }
    assert_eq!(b.join(host.pin(), "Ben").await, "Ben");
}

#[tokio::test]
async fn no_message_before_the_reveal_says_which_answer_is_right() {
    fn leaks(v: &Value) -> Option<String> {
        match v {
            Value::Object(map) => map.iter().find_map(|(k, v)| {
                if k.starts_with("correct_") || k == "explanation" || k == "reveal" || k == "verdict" {
                    Some(k.clone())
                } else {
                    leaks(v)
                }
            }),
            Value::Array(items) => items.iter().find_map(leaks),
            _ => None,
        }
    }
    let mut qs = questions(false, 2, 20);
    qs.extend(questions(true, 1, 20));
    let host = host(qs);
    let mut s = class(&host, 2).await;
    host.send(Command::Start);
    for number in 1..=3u64 {
        let q = s[0].state("question").await;
        s[1].state("question").await;
        if number == 3 {
            assert_eq!(q["question"]["kind"], "estimate");
            let sc = &q["question"]["scale"];
            s[0].send(json!({"type": "answer", "question": 3, "estimate": sc["start"]})).await;
            s[0].until("an ack", |m| m["type"] == "ack").await;
        } else {
            s[0].answer(number, 0).await;
        }
        let reveal_at = s[0].log.len();
        host.send(Command::Reveal);
        s[0].state("reveal").await;
        for m in &s[0].log[..reveal_at] {
            assert_eq!(leaks(m), None, "question {number}: {m}");
        }
        let ack = s[0].log.iter().rev().find(|m| m["type"] == "ack").unwrap();
        let keys: Vec<&String> = ack.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["answer", "question", "type"], "an ack says nothing of right or wrong");
        let reveal = s[0].log.last().unwrap();
        assert!(reveal["reveal"]["correct_answer"].is_string(), "the reveal does say");
        s[0].log.clear();
        host.send(Command::SkipLeaderboard);
    }
}

#[tokio::test]
async fn a_dropped_student_comes_back_to_the_same_seat_and_score() {
    let qs = questions(false, 3, 20);
    let right = qs[0].correct_choice().unwrap();
    let host = host(qs);
    let mut s = class(&host, 2).await;
    host.send(Command::Start);
    s[0].state("question").await;
    s[0].answer(1, right).await;
    // The phone sleeps mid-question: the connection just drops.
    let token = s[0].token.clone().unwrap();
    drop(s.remove(0));
    wait_for(&host, "the drop to be seen", |snap| !snap.players[0].connected);
    let mut back = Student::connect(host.local_addr()).await;
    back.send(json!({"type": "resume", "token": token})).await;
    let welcome = back.until("a welcome", |m| m["type"] == "welcome").await;
    assert_eq!(welcome["name"], "Student 1");
    let state = back.state("question").await;
    assert!(state["question"]["locked_in"].as_str().is_some(), "the answer given before the drop stands");
    s[0].answer(1, right).await;
    let reveal = back.state("reveal").await;
    assert_eq!(reveal["reveal"]["verdict"], "correct");
    let before = points(&reveal);
    assert!(before > 0);
    // A refresh during the reveal, then the next question.
    drop(back);
    let mut again = Student::connect(host.local_addr()).await;
    again.send(json!({"type": "resume", "token": token})).await;
    let state = again.state("reveal").await;
    assert_eq!((points(&state), state["me"]["name"].clone()), (before, json!("Student 1")));
    assert_eq!(host.snapshot().players.len(), 2, "no new seat");
    host.send(Command::SkipLeaderboard);
    again.state("question").await;
    assert_eq!(again.answer(2, 0).await["type"], "ack");
}

#[tokio::test]
async fn a_second_tab_takes_the_seat_and_the_first_is_told() {
    let host = host(questions(false, 3, 20));
    let mut s = class(&host, 1).await;
    let mut tab = Student::connect(host.local_addr()).await;
    tab.send(json!({"type": "resume", "token": s[0].token.clone().unwrap()})).await;
    tab.until("a welcome", |m| m["type"] == "welcome").await;
    assert_eq!(s[0].ended().await, Ended::Closed(Some(close::REPLACED)));
    assert!(host.snapshot().players[0].connected);
}

#[tokio::test]
async fn the_question_closes_when_every_connected_student_has_answered() {
    let host = host(questions(false, 3, 60));
    let mut s = class(&host, 3).await;
    host.send(Command::Start);
    for student in &mut s {
        student.state("question").await;
    }
    drop(s.pop());
    wait_for(&host, "the third to be gone", |snap| snap.expected == 2);
    let asked = Instant::now();
    s[0].answer(1, 0).await;
    assert_eq!(host.snapshot().stage, Stage::Asking);
    s[1].answer(1, 0).await;
    s[1].state("reveal").await;
    assert!(asked.elapsed() < Duration::from_secs(5), "not the 60 s limit");
    let snap = host.snapshot();
    assert_eq!(snap.stage, Stage::Revealing);
    assert_eq!(snap.last_result.as_ref().unwrap().entries.len(), 3, "the absent student has a line too");
}

#[tokio::test]
async fn removed_students_stay_out_until_let_back() {
    let host = host(questions(false, 3, 20));
    let mut s = class(&host, 2).await;
    let token = s[0].token.clone().unwrap();
    let seat = host.snapshot().players[0].seat;
    host.send(Command::Remove(seat));
    assert_eq!(s[0].ended().await, Ended::Closed(Some(close::REMOVED)));
    // Under another name, with the browser's token: refused.
    let mut sneaky = Student::connect(host.local_addr()).await;
    sneaky.send(json!({"type": "join", "pin": host.pin(), "name": "New Name", "token": token})).await;
    let m = sneaky.until("a refusal", |m| m["type"] == "refused").await;
    assert_eq!(m["reason"], "The teacher removed you from this game.");
    // With the token cleared, from the same address: refused too.
    sneaky.send(json!({"type": "join", "pin": host.pin(), "name": "Another"})).await;
    let m = sneaky.until("a refusal", |m| m["type"] == "refused").await;
    assert_eq!(m["reason"], "The teacher removed you from this game.");
    sneaky.send(json!({"type": "resume", "token": token})).await;
    let m = sneaky.until("a refusal", |m| m["type"] == "refused").await;
    assert_eq!(m["reason"], "The teacher removed you from this game.");
    // A classmate at the same address plays on.
    let mut classmate = Student::connect(host.local_addr()).await;
    classmate.send(json!({"type": "resume", "token": s[1].token.clone().unwrap()})).await;
    classmate.until("a welcome", |m| m["type"] == "welcome").await;
    host.send(Command::LetBack(seat));
    wait_for(&host, "the ban to lift", |snap| !snap.players[0].removed);
    sneaky.send(json!({"type": "resume", "token": token})).await;
    let m = sneaky.until("a welcome", |m| m["type"] == "welcome" || m["type"] == "refused").await;
    assert_eq!((m["type"].as_str(), m["name"].as_str()), (Some("welcome"), Some("Student 1")));
}

#[tokio::test]
async fn a_locked_game_refuses_newcomers_and_late_joiners_play() {
    let host = host(questions(false, 3, 20));
    let mut s = class(&host, 1).await;
    host.send(Command::Lock);
    wait_for(&host, "the lock", |snap| snap.locked);
    let mut late = Student::connect(host.local_addr()).await;
    late.send(json!({"type": "join", "pin": host.pin(), "name": "Late"})).await;
    let m = late.until("a refusal", |m| m["type"] == "refused").await;
    assert_eq!(m["reason"], "The teacher has locked this game: no one else can join.");
    host.send(Command::Unlock);
    host.send(Command::Start);
    s[0].state("question").await;
    late.join(host.pin(), "Late").await;
    let q = late.state("question").await;
    assert_eq!(q["question"]["number"], 1, "a late joiner lands on the open question");
    assert_eq!(late.answer(1, 0).await["type"], "ack");
}

#[tokio::test]
async fn estimates_are_snapped_and_refused_off_the_scale() {
    let host = host(questions(true, 2, 20));
    let mut s = class(&host, 2).await;
    host.send(Command::Start);
    let q = s[0].state("question").await;
    let scale = &q["question"]["scale"];
    let (min, max, step) =
        (scale["min"].as_f64().unwrap(), scale["max"].as_f64().unwrap(), scale["step"].as_f64().unwrap());
    s[0].send(json!({"type": "answer", "question": 1, "estimate": max + 20.0 * step})).await;
    let m = s[0].until("a refusal", |m| m["type"] == "refused").await;
    assert!(m["reason"].as_str().unwrap().contains("is outside the range"), "{m}");
    s[0].send(json!({"type": "answer", "question": 1, "estimate": min + step * 1.4})).await;
    let ack = s[0].until("an ack", |m| m["type"] == "ack").await;
    let snapped = quorum_core::quiz::EstimateScale {
        min,
        max,
        step,
        unit: scale["unit"].as_str().unwrap().to_string(),
    };
    let shown = ack["answer"].as_str().unwrap();
    let expected = quorum_core::bank::model::format_amount(snapped.snap(min + step * 1.4), &snapped.unit);
    assert_eq!(shown, expected, "snapped to a step");
}

#[tokio::test]
async fn only_the_page_and_its_websocket_are_served() {
    let host = host(questions(false, 1, 20));
    async fn get(addr: std::net::SocketAddr, request: &str) -> String {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut response = Vec::new();
        tokio::time::timeout(PATIENCE, stream.read_to_end(&mut response)).await.unwrap().unwrap();
        String::from_utf8_lossy(&response).into_owned()
    }
    let addr = host.local_addr();
    let page = get(addr, "GET /?pin=123456 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await;
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("<title>Quorum</title>") && page.contains("default-src 'none'"));
    for path in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/assets/fonts/NotoSans-Bold.ttf",
        "/page.html",
        "/src/page.html",
        "/admin",
        "/favicon.ico",
    ] {
        let r = get(addr, &format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).await;
        assert!(r.starts_with("HTTP/1.1 404"), "{path}: {r}");
        assert!(!r.contains("root:"), "{path}");
    }
    let post =
        get(addr, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").await;
    assert!(post.starts_with("HTTP/1.1 404"), "{post}");
    let plain = get(addr, "GET /ws HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await;
    assert!(!plain.starts_with("HTTP/1.1 2"), "a WebSocket address without the handshake: {plain}");
}

#[tokio::test]
async fn connections_are_capped() {
    let mut config = config(questions(false, 1, 20));
    config.max_connections = 3;
    let host = Host::start(config).unwrap();
    let mut open = Vec::new();
    for _ in 0..3 {
        open.push(Student::connect(host.local_addr()).await);
    }
    wait_for(&host, "three connections", |snap| snap.connections == 3);
    let url = format!("ws://{}/ws", host.local_addr());
    let refused = tokio_tungstenite::connect_async(url.clone()).await;
    assert!(refused.is_err(), "a fourth connection is turned away");
    drop(open.pop());
    wait_for(&host, "a slot to free", |snap| snap.connections == 2);
    assert!(tokio_tungstenite::connect_async(url).await.is_ok());
}

#[tokio::test]
async fn every_change_wakes_the_game_and_dropping_the_handle_stops_the_server() {
    let wakes = Arc::new(AtomicUsize::new(0));
    let mut config = config(questions(false, 2, 20));
    let counter = Arc::clone(&wakes);
    config.wake = Box::new(move || {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let host = Host::start(config).unwrap();
    let addr = host.local_addr();
    let before = wakes.load(Ordering::SeqCst);
    let mut s = class(&host, 1).await;
    wait_for(&host, "the join in the snapshot", |snap| snap.players.len() == 1);
    let until = Instant::now() + PATIENCE;
    while wakes.load(Ordering::SeqCst) == before {
        assert!(Instant::now() < until, "a join wakes the game");
        std::thread::sleep(Duration::from_millis(1));
    }
    assert_eq!(host.snapshot().players[0].name, "Student 1");
    // A page's ping changes nothing on the projector: no wake-up.
    let quiet = wakes.load(Ordering::SeqCst);
    let version = host.snapshot().version;
    s[0].send(json!({"type": "ping"})).await;
    s[0].until("a pong", |m| m["type"] == "pong").await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!((wakes.load(Ordering::SeqCst), host.snapshot().version), (quiet, version));
    let dropped = Instant::now();
    drop(host);
    assert!(dropped.elapsed() < Duration::from_secs(2), "stopping is prompt");
    assert_eq!(s[0].ended().await, Ended::Closed(Some(close::ENDED)));
    assert!(tokio::net::TcpStream::connect(addr).await.is_err(), "nothing listens any more");
    assert!(std::net::TcpListener::bind(addr).is_ok(), "the port is free again");
}

#[tokio::test]
async fn a_taken_port_moves_on_to_the_next() {
    let first = host(questions(false, 1, 20));
    let mut c = config(questions(false, 1, 20));
    c.port = first.port();
    let second = Host::start(c).unwrap();
    assert_ne!(second.port(), first.port());
    assert!(second.port() > first.port() && second.port() <= first.port() + 20);
    assert!(second.join_line().contains(&format!(":{}/ with PIN {}", second.port(), second.pin())));
}
