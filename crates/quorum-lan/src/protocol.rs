//! The messages between the students' page and the server, as JSON text
//! frames. The page sends intents (join, come back, answer); the server
//! sends what to show. Nothing sent while a question is open says which
//! answer is right: that goes only in a reveal.

use serde::Serialize;
use serde_json::Value;

use quorum_core::quiz::Answer;

/// The largest message either way the server reads, in bytes. A larger
/// frame closes that one connection.
pub const MAX_MESSAGE: usize = 2048;

/// What a page may ask.
#[derive(Debug, Clone, PartialEq)]
pub enum ClientMessage {
    /// Take a seat. `token` is one the browser already holds, so a removed
    /// player's browser is recognised.
    Join { pin: String, name: String, token: Option<String> },
    /// Back to the seat a token was given for (a refresh, a dropped Wi-Fi).
    Resume { token: String },
    /// An answer to question `question` (numbered from 1).
    Answer { question: usize, answer: Answer },
    /// Keeps the connection known to be alive.
    Ping,
}

fn text(v: &Value, field: &str) -> Result<String, String> {
    match v.get(field) {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(format!("\u{201C}{field}\u{201D} must be text")),
        None => Err(format!("the message has no \u{201C}{field}\u{201D}")),
    }
}

/// Reads a page's message, or says why it can't be read.
pub fn parse(frame: &str) -> Result<ClientMessage, String> {
    let v: Value =
        serde_json::from_str(frame).map_err(|_| "the game could not read that message".to_string())?;
    let kind = match v.get("type") {
        Some(Value::String(kind)) => kind.as_str(),
        _ => return Err("the message has no type".to_string()),
    };
    match kind {
        "join" => Ok(ClientMessage::Join {
            pin: text(&v, "pin")?,
            name: text(&v, "name")?,
            token: match v.get("token") {
                None | Some(Value::Null) => None,
                Some(_) => Some(text(&v, "token")?),
            },
        }),
        "resume" => Ok(ClientMessage::Resume { token: text(&v, "token")? }),
        "answer" => {
            let question = match v.get("question").and_then(Value::as_u64) {
                Some(n) if n >= 1 => n as usize,
                _ => return Err("an answer needs its question's number".to_string()),
            };
            let answer = match (v.get("choice"), v.get("estimate")) {
                (Some(c), None) => match c.as_u64() {
                    Some(i) => Answer::Choice(usize::try_from(i).unwrap_or(usize::MAX)),
                    None => return Err("a choice is a whole number, from 0".to_string()),
                },
                (None, Some(e)) => match e.as_f64() {
                    Some(x) if x.is_finite() => Answer::Estimate(x),
                    Some(_) => return Err("that number is too large".to_string()),
                    None => return Err("an estimate is a number".to_string()),
                },
                _ => return Err("an answer is either a choice or an estimate".to_string()),
            };
            Ok(ClientMessage::Answer { question, answer })
        }
        "ping" => Ok(ClientMessage::Ping),
        other => {
            let shown: String = other.chars().take(24).collect();
            Err(format!("unknown message type \u{201C}{shown}\u{201D}"))
        }
    }
}

/// What a refusal is about, so the page knows where to show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum About {
    /// The PIN: wrong, or too many wrong tries.
    Pin,
    /// The nickname.
    Name,
    /// Joining at all: locked, ended, removed.
    Join,
    /// A token the game doesn't know: join afresh.
    Token,
    Answer,
    /// A message that could not be read, or too many of them.
    Message,
}

/// What the server sends a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMessage {
    /// Seated: the token to keep, and the name as shown.
    Welcome {
        token: String,
        name: String,
    },
    /// Everything to show now.
    State(Box<View>),
    /// The answer counted.
    Ack {
        question: usize,
        answer: String,
    },
    Refused {
        about: About,
        reason: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        question: Option<usize>,
    },
    Pong,
}

impl ServerMessage {
    pub fn refused(about: About, reason: impl std::fmt::Display) -> ServerMessage {
        ServerMessage::Refused { about, reason: capitalise(&reason.to_string()), question: None }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| r#"{"type":"pong"}"#.to_string())
    }
}

/// The core's reasons start in lower case, to fit mid-sentence; a page shows
/// them on their own.
fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str().trim_end_matches('.')),
        None => String::new(),
    }
}

/// What the projector is showing, as the page names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Screen {
    Lobby,
    Question,
    Reveal,
    Leaderboard,
    Finished,
}

/// One player's view of the game.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct View {
    pub screen: Screen,
    pub paused: bool,
    pub title: String,
    /// Players in the game.
    pub players: usize,
    pub me: Me,
    /// The open question (hidden while paused), or the one on show at the
    /// reveal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<QuestionView>,
    /// Only once the question has closed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reveal: Option<RevealView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Me {
    pub name: String,
    pub points: u32,
    pub correct: usize,
    pub streak: u32,
    /// "1st", "=2nd"; `None` before any question has closed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionView {
    pub number: usize,
    pub total: usize,
    /// `choice`, `true_false`, `who_said_it` or `estimate`.
    pub kind: &'static str,
    pub prompt: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// In the order shown on the projector (empty for an estimate).
    pub choices: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<ScaleView>,
    /// Time left when sent, as measured by the host; the page counts down
    /// from here only to show it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remaining_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit_ms: Option<u64>,
    /// This player's answer, once locked in, as they would read it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locked_in: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locked_choice: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaleView {
    pub min: f64,
    pub max: f64,
    pub step: f64,
    pub unit: String,
    /// Where the slider starts: the middle, which gives nothing away.
    pub start: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RevealView {
    /// The right choice's index as shown; `None` for an estimate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correct_choice: Option<usize>,
    pub correct_answer: String,
    pub explanation: String,
    /// `correct`, `close`, `wrong`, `no_answer` or `skipped`.
    pub verdict: &'static str,
    pub answer: String,
    pub points: u32,
    pub streak: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pages_messages_are_read() {
        assert_eq!(
            parse(r#"{"type":"join","pin":"482913","name":"Aroha"}"#),
            Ok(ClientMessage::Join { pin: "482913".into(), name: "Aroha".into(), token: None })
        );
        assert_eq!(
            parse(r#"{"type":"join","pin":"1","name":"A","token":"abc"}"#),
            Ok(ClientMessage::Join { pin: "1".into(), name: "A".into(), token: Some("abc".into()) })
        );
        assert_eq!(
            parse(r#"{"type":"resume","token":"t"}"#),
            Ok(ClientMessage::Resume { token: "t".into() })
        );
        assert_eq!(
            parse(r#"{"type":"answer","question":3,"choice":1}"#),
            Ok(ClientMessage::Answer { question: 3, answer: Answer::Choice(1) })
        );
        assert_eq!(
            parse(r#"{"type":"answer","question":2,"estimate":64.5}"#),
            Ok(ClientMessage::Answer { question: 2, answer: Answer::Estimate(64.5) })
        );
        assert_eq!(parse(r#"{"type":"ping"}"#), Ok(ClientMessage::Ping));
    }

    #[test]
    fn junk_is_refused_with_a_reason() {
        let cases = [
            ("not json", "the game could not read that message"),
            ("[1,2]", "the message has no type"),
            (r#"{"type":7}"#, "the message has no type"),
            (r#"{"type":"reveal"}"#, "unknown message type “reveal”"),
            (r#"{"type":"join","pin":482913,"name":"A"}"#, "“pin” must be text"),
            (r#"{"type":"join","pin":"1"}"#, "the message has no “name”"),
            (r#"{"type":"answer","choice":1}"#, "an answer needs its question's number"),
            (r#"{"type":"answer","question":0,"choice":1}"#, "an answer needs its question's number"),
            (r#"{"type":"answer","question":1,"choice":-1}"#, "a choice is a whole number, from 0"),
            (
                r#"{"type":"answer","question":1,"choice":1,"estimate":2}"#,
                "an answer is either a choice or an estimate",
            ),
            (r#"{"type":"answer","question":1,"estimate":"NaN"}"#, "an estimate is a number"),
            (r#"{"type":"answer","question":1,"estimate":1e999}"#, "the game could not read that message"),
        ];
        for (frame, reason) in cases {
            assert_eq!(parse(frame), Err(reason.to_string()), "{frame}");
        }
    }

    #[test]
    fn refusals_read_as_sentences() {
        let json = ServerMessage::refused(About::Answer, "time was up: question 3 has closed").to_json();
        assert_eq!(
            json,
            r#"{"type":"refused","about":"answer","reason":"Time was up: question 3 has closed."}"#
        );
    }
}
