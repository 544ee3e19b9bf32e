//! The room: one hosted game as the server thread holds it. It takes the
//! pages' messages and the teacher's commands, calls the session's rules
//! (`quiz::players`), the roster and the limits, and says what to send to
//! whom. It owns no socket and never waits: the host's loop does the I/O,
//! so everything here can be tested without a network.

use std::collections::{BTreeSet, HashMap};
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Instant;

use quorum_core::bank::QuestionKind;
use quorum_core::quiz::players::{self, Closing, JoinRefusal, Seat, Session, Stage};
use quorum_core::quiz::session_log::{Participants, SessionLog};
use quorum_core::quiz::{DealtQuestion, Place, Verdict};
use tokio::sync::mpsc;

use crate::address::Candidate;
use crate::host::{Command, PlayerLine, Snapshot};
use crate::limits::PinGuard;
use crate::nickname::{Glyphs, nickname};
use crate::protocol::{
    About, ClientMessage, Me, QuestionView, RevealView, ScaleView, Screen, ServerMessage, View,
};
use crate::roster::Roster;

/// A connection's number, given when it opens.
pub type LinkId = u64;

/// Close codes the page understands (4000–4999 are for applications).
pub mod close {
    /// The teacher removed the player: don't reconnect.
    pub const REMOVED: u16 = 4000;
    /// The same player opened the game in another tab: don't reconnect here.
    pub const REPLACED: u16 = 4001;
    /// The teacher closed the game.
    pub const ENDED: u16 = 4002;
    /// Too many messages, too fast.
    pub const FLOOD: u16 = 4003;
    /// Nothing heard for too long; the page reconnects.
    pub const IDLE: u16 = 4004;
    /// The server is slow to reach this page; it reconnects and catches up.
    pub const BEHIND: u16 = 4005;
    /// WebSocket's own code for a message too big.
    pub const TOO_BIG: u16 = 1009;
}

/// What the host's loop sends down one connection.
#[derive(Debug, Clone, PartialEq)]
pub enum Outbound {
    Text(String),
    Close(u16, String),
}

/// What a connection tells the room.
#[derive(Debug)]
pub enum Inbound {
    Opened { id: LinkId, ip: IpAddr, tx: mpsc::Sender<Outbound> },
    Message { id: LinkId, at: Instant, message: ClientMessage },
    Closed { id: LinkId },
}

struct Link {
    tx: mpsc::Sender<Outbound>,
    ip: IpAddr,
    seat: Option<Seat>,
}

/// What a room is made with.
pub struct RoomSetup {
    pub questions: Vec<DealtQuestion>,
    pub settings: quorum_core::quiz::RoundSettings,
    pub leaderboard_every: Option<usize>,
    pub title: String,
    pub pin: String,
    pub port: u16,
    pub addresses: Vec<Candidate>,
    pub data_dir: Option<PathBuf>,
}

pub struct Room {
    session: Session,
    roster: Roster,
    guard: PinGuard,
    pin: String,
    title: String,
    port: u16,
    addresses: Vec<Candidate>,
    links: HashMap<LinkId, Link>,
    seat_links: HashMap<Seat, LinkId>,
    data_dir: Option<PathBuf>,
    log: Option<SessionLog>,
    /// Closed questions already in the results file.
    logged: usize,
    problems: Vec<String>,
    /// Seats whose page needs the state again.
    dirty: BTreeSet<Seat>,
    /// Every page needs the state again.
    everyone: bool,
    /// What every page was last sent: (closed questions, stage, paused).
    shown: (usize, Stage, bool),
}

impl Room {
    pub fn new(setup: RoomSetup) -> Room {
        let session = Session::new(setup.questions, setup.settings).with_leaderboard(setup.leaderboard_every);
        let shown = (0, session.stage(), false);
        Room {
            session,
            roster: Roster::default(),
            guard: PinGuard::default(),
            pin: setup.pin,
            title: setup.title,
            port: setup.port,
            addresses: setup.addresses,
            links: HashMap::new(),
            seat_links: HashMap::new(),
            data_dir: setup.data_dir,
            log: None,
            logged: 0,
            problems: Vec::new(),
            dirty: BTreeSet::new(),
            everyone: false,
            shown,
        }
    }

    /// When the open question's time runs out, for the host's loop to wake.
    pub fn deadline(&self) -> Option<Instant> {
        self.session.deadline()
    }

    pub fn inbound(&mut self, inbound: Inbound) {
        match inbound {
            Inbound::Opened { id, ip, tx } => {
                self.links.insert(id, Link { tx, ip, seat: None });
            }
            Inbound::Closed { id } => self.drop_link(id, Instant::now()),
            Inbound::Message { id, at, message } => self.message(id, message, at),
        }
    }

    fn message(&mut self, id: LinkId, message: ClientMessage, at: Instant) {
        match message {
            ClientMessage::Ping => self.send(id, &ServerMessage::Pong),
            ClientMessage::Join { pin, name, token } => self.join(id, &pin, &name, token.as_deref(), at),
            ClientMessage::Resume { token } => self.resume(id, &token),
            ClientMessage::Answer { question, answer } => {
                let Some(seat) = self.links.get(&id).and_then(|l| l.seat) else {
                    return self
                        .send(id, &ServerMessage::refused(About::Answer, players::Refusal::NoSuchPlayer));
                };
                match self.session.answer(seat, question, answer, at) {
                    Ok(accepted) => {
                        // The answer as it counted: an estimate snapped to its step.
                        let q = &self.session.questions()[accepted.number - 1];
                        let answer = q.accept(answer).map(|a| q.describe(Some(a))).unwrap_or_default();
                        self.send(id, &ServerMessage::Ack { question: accepted.number, answer });
                        if accepted.closed {
                            self.everyone = true;
                        }
                    }
                    Err(refusal) => {
                        let mut message = ServerMessage::refused(About::Answer, &refusal);
                        if let ServerMessage::Refused { question: q, .. } = &mut message {
                            *q = Some(question);
                        }
                        self.send(id, &message);
                    }
                }
            }
        }
    }

    fn join(&mut self, id: LinkId, pin: &str, name: &str, token: Option<&str>, at: Instant) {
        let Some(link) = self.links.get(&id) else { return };
        let ip = link.ip;
        if link.seat.is_some() {
            return self.send(id, &ServerMessage::refused(About::Join, "you have already joined this game"));
        }
        if let Err(wait) = self.guard.check(ip, at) {
            let reason = format!(
                "too many wrong PINs from this device: try again in {} seconds",
                wait.as_secs().max(1)
            );
            return self.send(id, &ServerMessage::refused(About::Pin, reason));
        }
        if pin.trim() != self.pin {
            self.guard.wrong(ip, at);
            let reason = "that is not this game's PIN: check the projector";
            return self.send(id, &ServerMessage::refused(About::Pin, reason));
        }
        self.guard.right(ip);
        if self.roster.may_join(token, ip).is_err() {
            return self.send(id, &ServerMessage::refused(About::Join, players::Refusal::Removed));
        }
        let name = match nickname(name, Glyphs::projector()) {
            Ok(name) => name,
            Err(refusal) => return self.send(id, &ServerMessage::refused(About::Name, refusal)),
        };
        match self.session.join(&name, at) {
            Ok(seat) => {
                let token = self.roster.issue(seat, ip);
                self.bind(id, seat);
                self.send(id, &ServerMessage::Welcome { token, name });
                self.dirty.insert(seat);
            }
            Err(refusal @ JoinRefusal::NameTaken(_)) => {
                self.send(id, &ServerMessage::refused(About::Name, refusal))
            }
            Err(refusal) => self.send(id, &ServerMessage::refused(About::Join, refusal)),
        }
    }

    fn resume(&mut self, id: LinkId, token: &str) {
        let Some(ip) = self.links.get(&id).map(|l| l.ip) else { return };
        match self.roster.may_resume(token, ip) {
            None => {
                let reason = "this game doesn't know this device: join with the PIN";
                self.send(id, &ServerMessage::refused(About::Token, reason));
            }
            Some(Err(_)) => self.send(id, &ServerMessage::refused(About::Join, players::Refusal::Removed)),
            Some(Ok(seat)) => {
                if let Some(old) = self.seat_links.get(&seat).copied().filter(|old| *old != id) {
                    self.close_link(old, close::REPLACED, "This game was opened in another tab or window.");
                }
                self.bind(id, seat);
                self.session.reconnect(seat);
                let name = self.session.player(seat).map(|p| p.name.clone()).unwrap_or_default();
                self.send(id, &ServerMessage::Welcome { token: token.to_string(), name });
                self.dirty.insert(seat);
            }
        }
    }

    fn bind(&mut self, id: LinkId, seat: Seat) {
        if let Some(link) = self.links.get_mut(&id) {
            if let Some(previous) = link.seat.replace(seat).filter(|p| *p != seat) {
                self.seat_links.remove(&previous);
            }
            self.seat_links.insert(seat, id);
        }
    }

    /// A connection went away: its player, if it was theirs, is disconnected.
    fn drop_link(&mut self, id: LinkId, now: Instant) {
        let Some(link) = self.links.remove(&id) else { return };
        if let Some(seat) = link.seat
            && self.seat_links.get(&seat) == Some(&id)
        {
            self.seat_links.remove(&seat);
            self.session.disconnect(seat, now);
        }
    }

    fn close_link(&mut self, id: LinkId, code: u16, reason: &str) {
        if let Some(link) = self.links.get(&id) {
            let _ = link.tx.try_send(Outbound::Close(code, reason.to_string()));
        }
        self.drop_link(id, Instant::now());
    }

    fn send(&mut self, id: LinkId, message: &ServerMessage) {
        let Some(link) = self.links.get(&id) else { return };
        if link.tx.try_send(Outbound::Text(message.to_json())).is_err() {
            // A page that can't keep up is dropped; it reconnects and is sent
            // the state as it is then, so nothing it needs is lost.
            self.close_link(id, close::BEHIND, "Catching up.");
        }
    }

    /// A teacher's command. Returns whether anything changed.
    pub fn command(&mut self, command: Command, now: Instant) {
        let s = &mut self.session;
        match command {
            Command::Start => {
                if s.start(now) {
                    self.open_log();
                }
            }
            Command::Pause => s.pause(now),
            Command::Resume => s.resume(now),
            Command::TogglePause if s.is_paused() => s.resume(now),
            Command::TogglePause => s.pause(now),
            Command::Reveal => s.reveal(now),
            Command::Next => s.next(now),
            Command::Skip => s.skip(now),
            Command::AddSeconds(n) => s.adjust_time(n, now),
            Command::ShowLeaderboard => s.show_leaderboard(),
            Command::SkipLeaderboard => s.skip_leaderboard(now),
            Command::End => s.end(),
            Command::Lock => s.set_locked(true),
            Command::Unlock => s.set_locked(false),
            Command::Remove(seat) => {
                s.remove(seat, now);
                self.roster.ban(seat);
                if let Some(id) = self.seat_links.get(&seat).copied() {
                    self.close_link(id, close::REMOVED, "The teacher removed you from this game.");
                }
            }
            Command::LetBack(seat) => {
                s.let_back(seat);
                self.roster.let_back(seat);
            }
        }
        self.everyone = true;
    }

    /// Brings the clock up to `now` (closing a question whose time is up).
    pub fn tick(&mut self, now: Instant) {
        self.session.tick(now);
    }

    /// After handling input: writes closed questions to the results file and
    /// sends every page that needs it what to show.
    pub fn flush(&mut self, now: Instant) {
        self.session.tick(now);
        self.log_results();
        let shown = (self.session.results().len(), self.session.stage(), self.session.is_paused());
        if shown != self.shown {
            self.shown = shown;
            self.everyone = true;
        }
        let seats: Vec<Seat> = if self.everyone {
            self.seat_links.keys().copied().collect()
        } else {
            self.dirty.iter().copied().filter(|s| self.seat_links.contains_key(s)).collect()
        };
        if !seats.is_empty() {
            let places = self.places();
            for seat in seats {
                let view = ServerMessage::State(Box::new(self.view(seat, &places)));
                if let Some(id) = self.seat_links.get(&seat).copied() {
                    self.send(id, &view);
                }
            }
        }
        self.everyone = false;
        self.dirty.clear();
    }

    /// Every seat's place, once a question has closed.
    fn places(&self) -> Vec<Option<Place>> {
        let mut places = vec![None; self.session.players().len()];
        if !self.session.results().is_empty() {
            for standing in self.session.standings() {
                places[standing.seat.0] = Some(standing.place);
            }
        }
        places
    }

    fn open_log(&mut self) {
        let Some(dir) = &self.data_dir else { return };
        if self.log.is_none() {
            match SessionLog::create_for(dir, &self.title, Participants::Players) {
                Ok(log) => self.log = Some(log),
                Err(e) => self.problem(format!(
                    "the results file could not be created in {}: {e}",
                    dir.join(quorum_core::quiz::session_log::FOLDER).display()
                )),
            }
        }
    }

    /// Appends every question closed since the last call. A failure is kept
    /// as a problem to show and tried again next time: the results stay in
    /// memory meanwhile.
    fn log_results(&mut self) {
        if self.data_dir.is_none() {
            self.logged = self.session.results().len();
            return;
        }
        while self.logged < self.session.results().len() {
            self.open_log();
            let Some(log) = self.log.as_mut() else { return };
            let result = &self.session.results()[self.logged];
            if let Err(e) = log.append_players(result, &self.session) {
                let message = format!("the results file {} could not be written: {e}", log.path.display());
                self.problem(message);
                return;
            }
            self.logged += 1;
        }
    }

    fn problem(&mut self, message: String) {
        if self.problems.last() != Some(&message) {
            self.problems.push(message);
        }
    }

    /// Tells every page the game has closed.
    pub fn close_all(&mut self) {
        for link in self.links.values() {
            let _ =
                link.tx.try_send(Outbound::Close(close::ENDED, "The teacher has closed the game.".into()));
        }
    }

    /// One player's view of the game.
    pub fn view(&self, seat: Seat, places: &[Option<Place>]) -> View {
        let s = &self.session;
        let player = s.player(seat);
        let stage = s.stage();
        let screen = match stage {
            Stage::Lobby => Screen::Lobby,
            Stage::Asking => Screen::Question,
            Stage::Revealing => Screen::Reveal,
            Stage::Leaderboard => Screen::Leaderboard,
            Stage::Finished => Screen::Finished,
        };
        let me = Me {
            name: player.map(|p| p.name.clone()).unwrap_or_default(),
            points: s.points(seat),
            correct: s.correct(seat),
            streak: player.map_or(0, |p| p.streak()),
            place: places.get(seat.0).copied().flatten().map(Place::label),
        };
        let (question, reveal) = match stage {
            Stage::Asking if !s.is_paused() => match s.current() {
                Some(q) => {
                    let mut view = question_view(q, s.number(), s.len());
                    view.remaining_ms = s.remaining().map(|d| d.as_millis() as u64);
                    view.limit_ms = s.timer().limit().map(|d| d.as_millis() as u64);
                    if let Some(answer) = player.and_then(|p| p.answer()) {
                        view.locked_in = Some(q.describe(Some(answer)));
                        view.locked_choice = match answer {
                            quorum_core::quiz::Answer::Choice(i) => Some(i),
                            quorum_core::quiz::Answer::Estimate(_) => None,
                        };
                    }
                    (Some(view), None)
                }
                None => (None, None),
            },
            Stage::Revealing | Stage::Leaderboard => match s.last_result() {
                Some(result) => {
                    let q = &result.question;
                    let record = result.entry(seat).and_then(|e| e.record.as_ref());
                    let verdict = match (result.closing, record.map(|r| r.verdict)) {
                        (Closing::Skipped, _) => "skipped",
                        (_, Some(Verdict::Correct)) => "correct",
                        (_, Some(Verdict::Close(_))) => "close",
                        (_, Some(Verdict::Wrong)) => "wrong",
                        (_, Some(Verdict::TimedOut) | None) => "no_answer",
                    };
                    let reveal = RevealView {
                        correct_choice: q.correct_choice(),
                        correct_answer: q.question.answer_text(),
                        explanation: q.question.explanation.clone(),
                        verdict,
                        answer: record
                            .and_then(|r| r.answer)
                            .map(|a| q.describe(Some(a)))
                            .unwrap_or_default(),
                        points: record.map_or(0, |r| r.points.total()),
                        streak: record.map_or(0, |r| r.streak),
                    };
                    let mut view = question_view(q, result.number, s.len());
                    view.locked_choice = record.and_then(|r| match r.answer {
                        Some(quorum_core::quiz::Answer::Choice(i)) => Some(i),
                        _ => None,
                    });
                    (Some(view), Some(reveal))
                }
                None => (None, None),
            },
            _ => (None, None),
        };
        View {
            screen,
            paused: s.is_paused(),
            title: self.title.clone(),
            players: s.present().count(),
            me,
            question,
            reveal,
        }
    }

    /// What the projector draws.
    pub fn snapshot(&self, now: Instant) -> Snapshot {
        let s = &self.session;
        let scores = s.scores();
        let players = s
            .seats()
            .map(|(seat, p)| PlayerLine {
                seat,
                name: p.name.clone(),
                connected: p.connected,
                removed: p.removed,
                answered: p.has_answered(),
                points: scores[seat.0].0,
                correct: scores[seat.0].1,
            })
            .collect();
        let (answered, expected) = s.answered();
        let last_result = s.last_result().cloned();
        Snapshot {
            version: 0,
            taken_at: now,
            title: self.title.clone(),
            pin: self.pin.clone(),
            port: self.port,
            addresses: self.addresses.clone(),
            stage: s.stage(),
            paused: s.is_paused(),
            locked: s.is_locked(),
            number: s.number(),
            total: s.len(),
            remaining: s.remaining(),
            limit: (s.stage() == Stage::Asking).then(|| s.timer().limit()).flatten(),
            tallies: last_result.as_ref().map(|r| r.tallies()).unwrap_or_default(),
            last_result,
            players,
            answered,
            expected,
            standings: s.standings(),
            summary: (s.stage() == Stage::Finished).then(|| s.summary()),
            results_file: self.log.as_ref().map(|l| l.path.clone()),
            problems: self.problems.clone(),
            connections: self.links.len(),
        }
    }
}

/// A question as a page shows it: never which answer is right.
fn question_view(q: &DealtQuestion, number: usize, total: usize) -> QuestionView {
    let kind = match q.question.kind {
        QuestionKind::TrueFalse { .. } => "true_false",
        QuestionKind::WhoSaidIt { .. } => "who_said_it",
        QuestionKind::Estimate { .. } => "estimate",
        QuestionKind::MultipleChoice { .. } | QuestionKind::Figure { .. } => "choice",
    };
    QuestionView {
        number,
        total,
        kind,
        prompt: q.question.prompt().to_string(),
        quote: q.question.quote().map(str::to_string),
        choices: q.choices.clone(),
        scale: q.scale().map(|scale| ScaleView {
            min: scale.min,
            max: scale.max,
            step: scale.step,
            start: scale.start(),
            unit: scale.unit,
        }),
        remaining_ms: None,
        limit_ms: None,
        locked_in: None,
        locked_choice: None,
    }
}
