//! Players' sessions: every student answers on their own device. The rules
//! of the round (who is playing, the clock, answering, closing a question,
//! scoring, places) live here; the LAN server owns sockets, tokens and
//! limits and only calls in.
//!
//! Unlike a team session, players join late, drop out and come back, and
//! can be removed, and a question closes when every *connected* player has
//! answered. Time is the host's: every call that depends on it takes the
//! `Instant` it happened, so a student's clock is never trusted and tests
//! control time exactly. Nothing here knows about networks or Bevy.

use std::fmt;
use std::time::{Duration, Instant};

use super::classroom::{QuestionSummary, leaderboard_due};
use super::deck::{AnswerRefusal, DealtQuestion, RoundSettings};
use super::places::{Place, rank_by_points};
use super::round::{AnswerRecord, Phase, Streak, Walk, mark};
use super::scoring::Answer;

/// A player's seat: their number in join order, from 0. A seat is never
/// reused, so it names the same player for the whole session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Seat(pub usize);

/// The longest nickname, in characters. The server checks a name's form;
/// the session only keeps names apart.
pub const MAX_NAME: usize = 16;
pub const MIN_NAME: usize = 2;

/// Whether two nicknames are the same name, ignoring case ("Aroha", "AROHA").
pub fn same_name(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// One player in the session.
#[derive(Debug, Clone, PartialEq)]
pub struct Player {
    pub name: String,
    /// Whether their device is connected now.
    pub connected: bool,
    /// Removed by the teacher: out of the standings until let back.
    pub removed: bool,
    /// Questions closed before they joined.
    pub joined_after: usize,
    streak: Streak,
    /// Their answer to the open question and when it came.
    given: Option<(Answer, Duration)>,
}

impl Player {
    pub fn has_answered(&self) -> bool {
        self.given.is_some()
    }

    /// The answer they gave to the open question. The projector must not
    /// show it; it is for the player's own page.
    pub fn answer(&self) -> Option<Answer> {
        self.given.map(|(a, _)| a)
    }

    pub fn streak(&self) -> u32 {
        self.streak.current
    }
}

/// What the players see: the projector's screen, as far as a page needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Before the first question: players join.
    Lobby,
    /// A question is open.
    Asking,
    /// The closed question's answer is on show.
    Revealing,
    Leaderboard,
    /// The podium and the final table.
    Finished,
}

/// How a question closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    TimeUp,
    /// Every connected player had answered.
    AllAnswered,
    /// The teacher revealed early.
    Revealed,
    /// The teacher skipped it: no points for anyone.
    Skipped,
}

/// One player's result on a closed question.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub seat: Seat,
    /// `None` when the question was skipped.
    pub record: Option<AnswerRecord>,
}

/// A closed question: a line for every player in the session when it closed.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionResult {
    pub question: DealtQuestion,
    /// Its number in the session, from 1.
    pub number: usize,
    pub closing: Closing,
    pub entries: Vec<Entry>,
}

impl QuestionResult {
    pub fn skipped(&self) -> bool {
        self.closing == Closing::Skipped
    }

    pub fn entry(&self, seat: Seat) -> Option<&Entry> {
        // Entries are in seat order.
        self.entries.binary_search_by_key(&seat, |e| e.seat).ok().map(|i| &self.entries[i])
    }

    /// How many chose each choice.
    pub fn tallies(&self) -> Vec<usize> {
        let mut counts = vec![0; self.question.choices.len()];
        for record in self.entries.iter().filter_map(|e| e.record.as_ref()) {
            if let Some(Answer::Choice(i)) = record.answer
                && let Some(c) = counts.get_mut(i)
            {
                *c += 1;
            }
        }
        counts
    }
}

/// Why a player could not join.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JoinRefusal {
    /// Someone has the name already (ignoring case).
    NameTaken(String),
    Locked,
    Ended,
}

impl fmt::Display for JoinRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JoinRefusal::NameTaken(name) => {
                write!(f, "\u{201C}{name}\u{201D} is already taken: choose another nickname")
            }
            JoinRefusal::Locked => f.write_str("the teacher has locked this game: no one else can join"),
            JoinRefusal::Ended => f.write_str("this game has ended"),
        }
    }
}

/// Why an answer was not taken. Each reads as a reason to show the player.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    NoSuchPlayer,
    Removed,
    NotStarted,
    Ended,
    /// The answer names a question that is not the open one.
    WrongQuestion {
        given: usize,
        open: Option<usize>,
    },
    /// The question's time ran out before the answer came.
    TimeUp {
        number: usize,
    },
    /// The teacher closed the question before the answer came.
    Closed {
        number: usize,
    },
    Paused,
    AlreadyAnswered,
    /// Not an answer this question takes.
    Form(AnswerRefusal),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NoSuchPlayer => f.write_str("join the game first"),
            Refusal::Removed => f.write_str("the teacher removed you from this game"),
            Refusal::NotStarted => f.write_str("the game hasn't started yet"),
            Refusal::Ended => f.write_str("the game has ended"),
            Refusal::WrongQuestion { given, open: Some(open) } => {
                write!(f, "that answer was for question {given}, but question {open} is open")
            }
            Refusal::WrongQuestion { given, open: None } => {
                write!(f, "that answer was for question {given}, and no question is open")
            }
            Refusal::TimeUp { number } => write!(f, "time was up: question {number} has closed"),
            Refusal::Closed { number } => write!(f, "question {number} has closed"),
            Refusal::Paused => f.write_str("the game is paused: answer when it goes on"),
            Refusal::AlreadyAnswered => f.write_str("you have already answered: your first answer counts"),
            Refusal::Form(refusal) => refusal.fmt(f),
        }
    }
}

/// A taken answer, and where the question stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accepted {
    /// The question's number.
    pub number: usize,
    /// Whether this answer closed the question (everyone connected had answered).
    pub closed: bool,
}

/// A player's place in the standings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub seat: Seat,
    pub place: Place,
    pub points: u32,
    pub correct: usize,
}

/// A player's line in the final table.
#[derive(Debug, Clone, PartialEq)]
pub struct PlayerSummary {
    pub seat: Seat,
    pub name: String,
    pub place: Place,
    pub points: u32,
    pub correct: usize,
    /// Questions the player was scored on (skipped ones excluded).
    pub asked: usize,
    /// Over the questions they answered; `None` if they answered none.
    pub average_response: Option<Duration>,
}

/// The end of a session: players in rank order, questions hardest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub players: Vec<PlayerSummary>,
    pub questions: Vec<QuestionSummary>,
}

#[derive(Debug, Clone)]
pub struct Session {
    pub settings: RoundSettings,
    /// Show the leaderboard after every `n` questions; `None`: only at the end.
    pub leaderboard_every: Option<usize>,
    walk: Walk,
    started: bool,
    locked: bool,
    paused: bool,
    showing_leaderboard: bool,
    /// The last moment the session was told of; the open question's clock
    /// has run up to here.
    clock: Option<Instant>,
    players: Vec<Player>,
    results: Vec<QuestionResult>,
}

/// A session reads as its walk: `session.number()`, `session.current()`, ...
impl std::ops::Deref for Session {
    type Target = Walk;

    fn deref(&self) -> &Walk {
        &self.walk
    }
}

impl Session {
    /// A session in its lobby. `questions` must not be empty (`deal` never
    /// returns an empty round).
    pub fn new(questions: Vec<DealtQuestion>, settings: RoundSettings) -> Session {
        Session {
            settings,
            leaderboard_every: Some(1),
            walk: Walk::new(questions),
            started: false,
            locked: false,
            paused: false,
            showing_leaderboard: false,
            clock: None,
            players: Vec::new(),
            results: Vec::new(),
        }
    }

    /// Sets how often the leaderboard shows.
    pub fn with_leaderboard(mut self, every: Option<usize>) -> Session {
        self.leaderboard_every = every;
        self
    }

    pub fn stage(&self) -> Stage {
        if !self.started {
            return Stage::Lobby;
        }
        match self.walk.phase() {
            Phase::Asking => Stage::Asking,
            Phase::Revealing if self.showing_leaderboard => Stage::Leaderboard,
            Phase::Revealing => Stage::Revealing,
            Phase::Finished => Stage::Finished,
        }
    }

    pub fn is_paused(&self) -> bool {
        self.paused
    }

    pub fn is_locked(&self) -> bool {
        self.locked
    }

    pub fn players(&self) -> &[Player] {
        &self.players
    }

    pub fn player(&self, seat: Seat) -> Option<&Player> {
        self.players.get(seat.0)
    }

    /// Every seat, with its player.
    pub fn seats(&self) -> impl Iterator<Item = (Seat, &Player)> {
        self.players.iter().enumerate().map(|(i, p)| (Seat(i), p))
    }

    /// Players in the session now (not removed).
    pub fn present(&self) -> impl Iterator<Item = (Seat, &Player)> {
        self.seats().filter(|(_, p)| !p.removed)
    }

    pub fn results(&self) -> &[QuestionResult] {
        &self.results
    }

    /// The result of the question on show, once it is closed.
    pub fn last_result(&self) -> Option<&QuestionResult> {
        matches!(self.stage(), Stage::Revealing | Stage::Leaderboard).then(|| self.results.last()).flatten()
    }

    /// Brings the open question's clock up to `now`; when its time runs out,
    /// it closes. Returns whether it closed.
    pub fn tick(&mut self, now: Instant) -> bool {
        let last = *self.clock.get_or_insert(now);
        if now <= last {
            return false;
        }
        self.clock = Some(now);
        if self.stage() == Stage::Asking && self.walk.timer_mut().tick(now - last) {
            self.close(Closing::TimeUp);
            return true;
        }
        false
    }

    /// The open question's time left, as of the last moment the session was
    /// told of; `None` without a limit or with no question open.
    pub fn remaining(&self) -> Option<Duration> {
        (self.stage() == Stage::Asking).then(|| self.timer().remaining()).flatten()
    }

    /// When the open question's time will run out, if its clock is running.
    pub fn deadline(&self) -> Option<Instant> {
        let running = self.stage() == Stage::Asking && !self.paused;
        running.then(|| Some(self.clock? + self.timer().remaining()?)).flatten()
    }

    /// Seats a new player under `name` (its form already checked). Names
    /// are unique ignoring case, removed players' names included, so a
    /// player let back finds their name free.
    pub fn join(&mut self, name: &str, now: Instant) -> Result<Seat, JoinRefusal> {
        self.tick(now);
        if self.stage() == Stage::Finished {
            return Err(JoinRefusal::Ended);
        }
        if self.locked {
            return Err(JoinRefusal::Locked);
        }
        if let Some(taken) = self.players.iter().find(|p| same_name(&p.name, name)) {
            return Err(JoinRefusal::NameTaken(taken.name.clone()));
        }
        self.players.push(Player {
            name: name.to_string(),
            connected: true,
            removed: false,
            joined_after: self.results.len(),
            streak: Streak::default(),
            given: None,
        });
        Ok(Seat(self.players.len() - 1))
    }

    /// A player's device came back (a refresh, a phone waking up).
    pub fn reconnect(&mut self, seat: Seat) {
        if let Some(p) = self.players.get_mut(seat.0) {
            p.connected = true;
        }
    }

    /// A player's device went away. If everyone still connected has
    /// answered, the question closes; returns whether it did.
    pub fn disconnect(&mut self, seat: Seat, now: Instant) -> bool {
        self.tick(now);
        match self.players.get_mut(seat.0) {
            Some(p) => p.connected = false,
            None => return false,
        }
        self.close_if_all_answered()
    }

    /// The teacher removes a player: out of the standings, and any answer to
    /// the open question is dropped. Returns whether the question closed
    /// because everyone left had answered.
    pub fn remove(&mut self, seat: Seat, now: Instant) -> bool {
        self.tick(now);
        match self.players.get_mut(seat.0) {
            Some(p) if !p.removed => {
                p.removed = true;
                p.connected = false;
                p.given = None;
            }
            _ => return false,
        }
        self.close_if_all_answered()
    }

    /// The teacher lets a removed player back, with their seat and points.
    pub fn let_back(&mut self, seat: Seat) -> bool {
        match self.players.get_mut(seat.0) {
            Some(p) if p.removed => {
                p.removed = false;
                true
            }
            _ => false,
        }
    }

    /// Closes (or reopens) the game to new players.
    pub fn set_locked(&mut self, locked: bool) {
        self.locked = locked;
    }

    /// From the lobby to the first question, its clock starting at `now`.
    /// Needs at least one player; returns whether it started.
    pub fn start(&mut self, now: Instant) -> bool {
        if self.started || self.present().next().is_none() || self.walk.phase() != Phase::Asking {
            return false;
        }
        self.started = true;
        self.clock = Some(now);
        self.walk.timer_mut().set_paused(self.paused);
        true
    }

    /// A player's answer to question `number`, arriving at `now`. Timed from
    /// the moment the question opened to `now`; the first answer counts.
    pub fn answer(
        &mut self,
        seat: Seat,
        number: usize,
        answer: Answer,
        now: Instant,
    ) -> Result<Accepted, Refusal> {
        self.tick(now);
        let player = self.players.get(seat.0).ok_or(Refusal::NoSuchPlayer)?;
        if player.removed {
            return Err(Refusal::Removed);
        }
        let open = self.walk.number();
        match self.stage() {
            Stage::Lobby => return Err(Refusal::NotStarted),
            Stage::Finished => return Err(Refusal::Ended),
            Stage::Revealing | Stage::Leaderboard => {
                return Err(match self.results.last() {
                    Some(r) if r.number == number && r.closing == Closing::TimeUp => {
                        Refusal::TimeUp { number }
                    }
                    Some(r) if r.number == number => Refusal::Closed { number },
                    _ => Refusal::WrongQuestion { given: number, open: None },
                });
            }
            Stage::Asking if number != open => {
                return Err(Refusal::WrongQuestion { given: number, open: Some(open) });
            }
            Stage::Asking => {}
        }
        if self.paused {
            return Err(Refusal::Paused);
        }
        if player.given.is_some() {
            return Err(Refusal::AlreadyAnswered);
        }
        let question = self.walk.current().ok_or(Refusal::Ended)?;
        let answer = question.accept(answer).map_err(Refusal::Form)?;
        let at = self.timer().elapsed();
        self.players[seat.0].given = Some((answer, at));
        let closed = self.close_if_all_answered();
        Ok(Accepted { number: open, closed })
    }

    /// Players answering the open question: (answered, expected). Expected
    /// counts those connected or already answered.
    pub fn answered(&self) -> (usize, usize) {
        let present = || self.present().map(|(_, p)| p);
        let answered = present().filter(|p| p.given.is_some()).count();
        let expected = present().filter(|p| p.connected || p.given.is_some()).count();
        (answered, expected)
    }

    fn close_if_all_answered(&mut self) -> bool {
        if self.stage() != Stage::Asking {
            return false;
        }
        let (answered, expected) = self.answered();
        if answered > 0 && answered == expected {
            self.close(Closing::AllAnswered);
            return true;
        }
        false
    }

    pub fn pause(&mut self, now: Instant) {
        self.tick(now);
        self.paused = true;
        self.walk.timer_mut().set_paused(true);
    }

    pub fn resume(&mut self, now: Instant) {
        self.tick(now);
        self.paused = false;
        self.walk.timer_mut().set_paused(false);
    }

    /// Adds or removes time on the open question (never below a second left).
    pub fn adjust_time(&mut self, seconds: i64, now: Instant) {
        self.tick(now);
        if self.stage() == Stage::Asking {
            self.walk.timer_mut().adjust(seconds);
        }
    }

    /// Closes the open question now and scores it.
    pub fn reveal(&mut self, now: Instant) {
        self.tick(now);
        if self.stage() == Stage::Asking {
            self.close(Closing::Revealed);
        }
    }

    /// Closes the open question with no points for anyone; streaks carry on.
    pub fn skip(&mut self, now: Instant) {
        self.tick(now);
        if self.stage() == Stage::Asking {
            self.close(Closing::Skipped);
        }
    }

    fn close(&mut self, closing: Closing) {
        let Some(question) = self.walk.current().cloned() else { return };
        let elapsed = self.timer().elapsed();
        let speed_bonus = self.settings.speed_bonus;
        let entries = self
            .players
            .iter_mut()
            .enumerate()
            .filter(|(_, p)| !p.removed)
            .map(|(i, p)| {
                let given = p.given.take();
                let record = (closing != Closing::Skipped).then(|| {
                    let response = given.map_or(elapsed, |(_, at)| at);
                    mark(&question, given.map(|(a, _)| a), response, &mut p.streak, speed_bonus)
                });
                Entry { seat: Seat(i), record }
            })
            .collect();
        let number = self.walk.number();
        self.results.push(QuestionResult { question, number, closing, entries });
        self.walk.close();
    }

    /// Whether the leaderboard comes after the question on show.
    pub fn leaderboard_due(&self) -> bool {
        self.stage() == Stage::Revealing
            && leaderboard_due(self.results.len(), self.len(), self.leaderboard_every)
    }

    /// Shows the leaderboard now (from the reveal).
    pub fn show_leaderboard(&mut self) {
        if self.stage() == Stage::Revealing {
            self.showing_leaderboard = true;
        }
    }

    /// On from the reveal: to the leaderboard when it is due, else to the
    /// next question (its clock starting at `now`) or the end.
    pub fn next(&mut self, now: Instant) {
        match self.stage() {
            Stage::Revealing if self.leaderboard_due() => self.showing_leaderboard = true,
            Stage::Revealing | Stage::Leaderboard => self.advance(now),
            _ => {}
        }
    }

    /// On from the reveal to the next question, past a leaderboard that is due.
    pub fn skip_leaderboard(&mut self, now: Instant) {
        if matches!(self.stage(), Stage::Revealing | Stage::Leaderboard) {
            self.advance(now);
        }
    }

    fn advance(&mut self, now: Instant) {
        self.tick(now);
        self.showing_leaderboard = false;
        if self.walk.advance() {
            self.clock = Some(now);
            self.walk.timer_mut().set_paused(self.paused);
        }
    }

    /// Ends the session now. An open question is dropped unscored.
    pub fn end(&mut self) {
        self.started = true;
        self.showing_leaderboard = false;
        for p in &mut self.players {
            p.given = None;
        }
        self.walk.finish();
    }

    pub fn points(&self, seat: Seat) -> u32 {
        self.records(seat).map(|r| r.points.total()).sum()
    }

    pub fn correct(&self, seat: Seat) -> usize {
        self.records(seat).filter(|r| r.verdict.is_correct()).count()
    }

    fn records(&self, seat: Seat) -> impl Iterator<Item = &AnswerRecord> {
        self.results.iter().filter_map(move |r| r.entry(seat)?.record.as_ref())
    }

    /// Every seat's (points, right answers), in seat order, in one pass
    /// over the results: what a projector redrawing for 100 players needs.
    pub fn scores(&self) -> Vec<(u32, usize)> {
        let mut scores = vec![(0, 0); self.players.len()];
        for entry in self.results.iter().flat_map(|r| &r.entries) {
            if let (Some(record), Some(score)) = (&entry.record, scores.get_mut(entry.seat.0)) {
                score.0 += record.points.total();
                score.1 += usize::from(record.verdict.is_correct());
            }
        }
        scores
    }

    /// The players in the session, best first; equal points share a place
    /// and list in join order.
    pub fn standings(&self) -> Vec<Standing> {
        let scores = self.scores();
        let mut all: Vec<Standing> = self
            .present()
            .map(|(seat, _)| Standing {
                seat,
                place: Place::default(),
                points: scores[seat.0].0,
                correct: scores[seat.0].1,
            })
            .collect();
        rank_by_points(&mut all, |s| s.points, |s, place| s.place = place);
        all
    }

    /// A player's place, if they are in the standings.
    pub fn place_of(&self, seat: Seat) -> Option<Place> {
        self.standings().into_iter().find(|s| s.seat == seat).map(|s| s.place)
    }

    pub fn summary(&self) -> Summary {
        let players = self
            .standings()
            .into_iter()
            .map(|s| {
                let records: Vec<&AnswerRecord> = self.records(s.seat).collect();
                let answered: Vec<Duration> =
                    records.iter().filter(|r| r.answer.is_some()).map(|r| r.response).collect();
                PlayerSummary {
                    seat: s.seat,
                    name: self.players[s.seat.0].name.clone(),
                    place: s.place,
                    points: s.points,
                    correct: s.correct,
                    asked: records.len(),
                    average_response: (!answered.is_empty())
                        .then(|| answered.iter().sum::<Duration>() / answered.len() as u32),
                }
            })
            .collect();
        let mut questions: Vec<QuestionSummary> = self
            .results
            .iter()
            .filter(|r| !r.skipped())
            .map(|r| {
                let present = r.entries.iter().filter(|e| !self.players[e.seat.0].removed);
                QuestionSummary::of(&r.question, present.filter_map(|e| e.record.as_ref().map(|r| r.verdict)))
            })
            .collect();
        QuestionSummary::hardest_first(&mut questions);
        Summary { players, questions }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::builtin;
    use crate::quiz::deck::{QuestionCount, deal};
    use crate::quiz::scoring::Verdict;

    fn questions(estimates: bool) -> Vec<DealtQuestion> {
        let bank = builtin::check().bank.unwrap();
        let settings = RoundSettings { questions: QuestionCount::All, ..Default::default() };
        let mut questions = deal(&bank, &settings, 9).unwrap();
        questions.retain(|q| q.scale().is_some() == estimates);
        questions
    }

    fn session() -> Session {
        Session::new(questions(false), RoundSettings::default())
    }

    fn right(s: &Session) -> Answer {
        Answer::Choice(s.current().unwrap().correct_choice().unwrap())
    }

    fn wrong(s: &Session) -> Answer {
        let q = s.current().unwrap();
        Answer::Choice((q.correct_choice().unwrap() + 1) % q.choices.len())
    }

    fn secs(t0: Instant, s: f64) -> Instant {
        t0 + Duration::from_secs_f64(s)
    }

    /// A started session with players `names`, all joined at `t0`.
    fn playing(names: &[&str], t0: Instant) -> Session {
        let mut s = session();
        for n in names {
            s.join(n, t0).unwrap();
        }
        assert!(s.start(t0));
        s
    }

    #[test]
    fn names_are_unique_ignoring_case() {
        let t0 = Instant::now();
        let mut s = session();
        assert_eq!(s.join("Aroha", t0), Ok(Seat(0)));
        assert_eq!(s.join("AROHA", t0), Err(JoinRefusal::NameTaken("Aroha".into())));
        assert_eq!(
            s.join("aroha", t0).unwrap_err().to_string(),
            "“Aroha” is already taken: choose another nickname"
        );
        assert_eq!(s.join("Ārohа", t0), Ok(Seat(1)), "a different name, even if it looks alike");
        assert!(same_name("KŌWHAI", "kōwhai"));
    }

    #[test]
    fn the_lobby_needs_a_player_and_refuses_answers() {
        let t0 = Instant::now();
        let mut s = session();
        assert!(!s.start(t0), "no one to play");
        let a = s.join("Aroha", t0).unwrap();
        assert_eq!(s.stage(), Stage::Lobby);
        assert_eq!(s.answer(a, 1, Answer::Choice(0), t0), Err(Refusal::NotStarted));
        // Time in the lobby does not count against the first question.
        assert!(s.start(secs(t0, 100.0)));
        assert_eq!(s.stage(), Stage::Asking);
        s.tick(secs(t0, 103.0));
        assert_eq!(s.remaining(), Some(Duration::from_secs(17)));
        assert!(!s.start(secs(t0, 104.0)), "already started");
    }

    #[test]
    fn faster_right_answers_score_more_timed_by_the_host() {
        let t0 = Instant::now();
        let mut s = playing(&["Fast", "Slow", "Wrong"], t0);
        let (r, w) = (right(&s), wrong(&s));
        s.answer(Seat(0), 1, r, secs(t0, 2.0)).unwrap();
        s.answer(Seat(2), 1, w, secs(t0, 3.0)).unwrap();
        let last = s.answer(Seat(1), 1, r, secs(t0, 10.0)).unwrap();
        assert!(last.closed, "every connected player has answered");
        assert_eq!(s.stage(), Stage::Revealing);
        let result = s.last_result().unwrap();
        let points = |seat| result.entry(Seat(seat)).unwrap().record.as_ref().unwrap().points.total();
        assert_eq!(points(0), 950); // 1000 × (1 − (2/20)/2)
        assert_eq!(points(1), 750); // 1000 × (1 − (10/20)/2)
        assert_eq!(points(2), 0);
        let response = result.entry(Seat(1)).unwrap().record.as_ref().unwrap().response;
        assert_eq!(response, Duration::from_secs(10));
        assert_eq!(result.closing, Closing::AllAnswered);
        let order: Vec<usize> = s.standings().iter().map(|st| st.seat.0).collect();
        assert_eq!(order, [0, 1, 2]);
        assert_eq!(s.scores(), [(950, 1), (750, 1), (0, 0)]);
        assert_eq!((s.points(Seat(1)), s.correct(Seat(1))), (750, 1));
    }

    #[test]
    fn late_second_and_wrong_numbered_answers_are_refused_with_reasons() {
        let t0 = Instant::now();
        let mut s = playing(&["A", "B", "C"], t0);
        let r = right(&s);
        assert_eq!(s.answer(Seat(0), 2, r, t0), Err(Refusal::WrongQuestion { given: 2, open: Some(1) }));
        s.answer(Seat(0), 1, r, secs(t0, 1.0)).unwrap();
        let again = s.answer(Seat(0), 1, wrong(&s), secs(t0, 2.0));
        assert_eq!(again, Err(Refusal::AlreadyAnswered));
        assert_eq!(again.unwrap_err().to_string(), "you have already answered: your first answer counts");
        // 20 s pass: an answer arriving at 20.001 s is late, and the tick it
        // brings closes the question.
        let late = s.answer(Seat(1), 1, r, secs(t0, 20.001));
        assert_eq!(late, Err(Refusal::TimeUp { number: 1 }));
        assert_eq!(late.unwrap_err().to_string(), "time was up: question 1 has closed");
        let result = s.last_result().unwrap();
        assert_eq!(result.closing, Closing::TimeUp);
        assert_eq!(result.entry(Seat(1)).unwrap().record.as_ref().unwrap().verdict, Verdict::TimedOut);
        assert_eq!(result.entry(Seat(0)).unwrap().record.as_ref().unwrap().verdict, Verdict::Correct);
        s.next(secs(t0, 30.0)); // the leaderboard
        s.next(secs(t0, 31.0)); // question 2
        assert_eq!(s.number(), 2);
        assert_eq!(
            s.answer(Seat(2), 1, r, secs(t0, 32.0)),
            Err(Refusal::WrongQuestion { given: 1, open: Some(2) })
        );
    }

    #[test]
    fn an_answer_at_exactly_the_limit_is_late_and_just_before_counts() {
        let t0 = Instant::now();
        let mut s = playing(&["A", "B"], t0);
        let r = right(&s);
        let ok = s.answer(Seat(0), 1, r, secs(t0, 19.999)).unwrap();
        assert!(!ok.closed);
        assert_eq!(s.answer(Seat(1), 1, r, secs(t0, 20.0)), Err(Refusal::TimeUp { number: 1 }));
        assert_eq!(
            s.last_result().unwrap().entry(Seat(0)).unwrap().record.as_ref().unwrap().points.total(),
            500
        );
    }

    #[test]
    fn pause_stops_the_clock_and_refuses_answers() {
        let t0 = Instant::now();
        let mut s = playing(&["A"], t0);
        s.pause(secs(t0, 5.0));
        assert_eq!(s.deadline(), None, "no deadline while paused");
        assert_eq!(s.answer(Seat(0), 1, right(&s), secs(t0, 6.0)), Err(Refusal::Paused));
        assert!(!s.tick(secs(t0, 500.0)), "a paused question never times out");
        s.resume(secs(t0, 500.0));
        assert_eq!(s.remaining(), Some(Duration::from_secs(15)));
        assert_eq!(s.deadline(), Some(secs(t0, 515.0)));
        s.adjust_time(10, secs(t0, 501.0));
        assert_eq!(s.remaining(), Some(Duration::from_secs(24)));
        let accepted = s.answer(Seat(0), 1, right(&s), secs(t0, 502.0)).unwrap();
        assert!(accepted.closed);
        let record = s.last_result().unwrap().entry(Seat(0)).unwrap().record.clone().unwrap();
        assert_eq!(record.response, Duration::from_secs(7), "5 s before the pause and 2 after");
    }

    #[test]
    fn the_question_closes_when_every_connected_player_has_answered() {
        let t0 = Instant::now();
        let mut s = playing(&["A", "B", "C"], t0);
        let r = right(&s);
        s.answer(Seat(0), 1, r, secs(t0, 1.0)).unwrap();
        assert_eq!(s.answered(), (1, 3));
        // B's phone drops: only C is still to answer.
        assert!(!s.disconnect(Seat(1), secs(t0, 2.0)));
        assert_eq!(s.answered(), (1, 2));
        assert!(s.answer(Seat(2), 1, r, secs(t0, 3.0)).unwrap().closed);
        let result = s.last_result().unwrap();
        assert_eq!(result.entries.len(), 3, "B is still in the session");
        assert_eq!(result.entry(Seat(1)).unwrap().record.as_ref().unwrap().verdict, Verdict::TimedOut);
        // When the last one still to answer drops, the question closes.
        s.next(secs(t0, 4.0));
        s.next(secs(t0, 4.0));
        s.reconnect(Seat(1));
        s.answer(Seat(0), 2, right(&s), secs(t0, 5.0)).unwrap();
        s.answer(Seat(1), 2, right(&s), secs(t0, 5.0)).unwrap();
        assert!(s.disconnect(Seat(2), secs(t0, 6.0)));
        assert_eq!(s.stage(), Stage::Revealing);
        // With no one connected and no answers, nothing closes early.
        s.next(secs(t0, 7.0));
        s.next(secs(t0, 7.0));
        for seat in 0..3 {
            s.disconnect(Seat(seat), secs(t0, 8.0));
        }
        assert_eq!(s.stage(), Stage::Asking);
    }

    #[test]
    fn a_player_who_comes_back_keeps_seat_score_and_answer() {
        let t0 = Instant::now();
        let mut s = playing(&["A", "B"], t0);
        s.answer(Seat(0), 1, right(&s), secs(t0, 1.0)).unwrap();
        s.disconnect(Seat(0), secs(t0, 2.0));
        s.reconnect(Seat(0));
        assert!(s.player(Seat(0)).unwrap().has_answered(), "the answer given before the drop stands");
        assert_eq!(s.answer(Seat(0), 1, wrong(&s), secs(t0, 3.0)), Err(Refusal::AlreadyAnswered));
        s.reveal(secs(t0, 4.0));
        assert_eq!(s.points(Seat(0)), 975, "timed from the question opening: 1 s");
        assert_eq!(s.player(Seat(0)).unwrap().streak(), 1);
    }

    #[test]
    fn late_joiners_play_from_the_open_question() {
        let t0 = Instant::now();
        let mut s = playing(&["A"], t0);
        s.answer(Seat(0), 1, right(&s), secs(t0, 1.0)).unwrap();
        s.next(secs(t0, 2.0));
        s.next(secs(t0, 2.0));
        // B joins 4 s into question 2 and is timed from when it opened.
        let b = s.join("B", secs(t0, 6.0)).unwrap();
        assert_eq!(s.player(b).unwrap().joined_after, 1);
        assert_eq!(s.answered(), (0, 2));
        s.answer(b, 2, right(&s), secs(t0, 6.0)).unwrap();
        s.answer(Seat(0), 2, right(&s), secs(t0, 7.0)).unwrap();
        let record = s.last_result().unwrap().entry(b).unwrap().record.clone().unwrap();
        assert_eq!(record.response, Duration::from_secs(4));
        let summary = s.summary();
        let b_line = summary.players.iter().find(|p| p.seat == b).unwrap();
        assert_eq!(b_line.asked, 1, "B was asked one question");
        assert_eq!(summary.players[0].asked, 2);
        assert_eq!(s.results()[0].entries.len(), 1, "question 1 has no line for B");
    }

    #[test]
    fn locking_stops_new_players_but_not_those_in() {
        let t0 = Instant::now();
        let mut s = playing(&["A"], t0);
        s.set_locked(true);
        assert_eq!(s.join("B", t0), Err(JoinRefusal::Locked));
        s.disconnect(Seat(0), t0);
        s.reconnect(Seat(0));
        assert!(s.answer(Seat(0), 1, right(&s), secs(t0, 1.0)).is_ok());
        s.set_locked(false);
        assert!(s.join("B", t0).is_ok());
        s.end();
        assert_eq!(s.join("C", t0), Err(JoinRefusal::Ended));
    }

    #[test]
    fn removing_drops_a_player_from_the_standings_until_let_back() {
        let t0 = Instant::now();
        let mut s = playing(&["A", "Rude", "C"], t0);
        let r = right(&s);
        s.answer(Seat(1), 1, r, secs(t0, 1.0)).unwrap();
        s.answer(Seat(0), 1, r, secs(t0, 1.0)).unwrap();
        s.reveal(secs(t0, 3.0));
        s.next(secs(t0, 4.0));
        s.next(secs(t0, 4.0));
        s.answer(Seat(1), 2, right(&s), secs(t0, 5.0)).unwrap();
        s.answer(Seat(0), 2, right(&s), secs(t0, 5.0)).unwrap();
        // Removing the last one still to answer closes the question.
        assert!(s.remove(Seat(2), secs(t0, 6.0)), "everyone left has answered");
        assert!(!s.remove(Seat(1), secs(t0, 6.0)), "no question open to close");
        let seats: Vec<usize> = s.standings().iter().map(|st| st.seat.0).collect();
        assert_eq!(seats, [0]);
        assert_eq!(s.join("rude", t0), Err(JoinRefusal::NameTaken("Rude".into())), "the name stays held");
        s.next(secs(t0, 7.0));
        s.next(secs(t0, 7.0));
        assert_eq!(s.answer(Seat(1), 3, right(&s), secs(t0, 8.0)), Err(Refusal::Removed));
        assert!(s.let_back(Seat(1)));
        assert!(!s.let_back(Seat(1)), "already back");
        assert_eq!(s.points(Seat(1)), s.points(Seat(0)), "back with the points they had");
        assert_eq!(s.place_of(Seat(1)).unwrap().label(), "=1st");
        // Let back but not yet reconnected: the question does not wait for them.
        assert_eq!(s.answered(), (0, 1));
    }

    #[test]
    fn skipping_scores_nothing_and_keeps_streaks() {
        let t0 = Instant::now();
        let mut s = playing(&["A"], t0);
        s.answer(Seat(0), 1, right(&s), t0).unwrap();
        s.skip_leaderboard(t0);
        s.answer(Seat(0), 2, right(&s), t0).unwrap();
        s.skip_leaderboard(t0);
        s.skip(t0);
        assert!(s.last_result().unwrap().skipped());
        assert_eq!(s.last_result().unwrap().entries[0].record, None);
        s.skip_leaderboard(t0);
        let third = s.answer(Seat(0), 4, right(&s), t0);
        assert!(third.is_ok());
        let record = s.last_result().unwrap().entries[0].record.clone().unwrap();
        assert_eq!(record.streak, 3, "the skip did not break the streak");
        assert_eq!(s.summary().questions.len(), 3, "the skipped question is not summarised");
    }

    #[test]
    fn the_leaderboard_comes_when_due_and_can_be_skipped_or_shown() {
        let t0 = Instant::now();
        let mut s = playing(&["A"], t0).with_leaderboard(Some(2));
        s.answer(Seat(0), 1, right(&s), t0).unwrap();
        assert!(!s.leaderboard_due());
        s.show_leaderboard();
        assert_eq!(s.stage(), Stage::Leaderboard, "the teacher can show it at any reveal");
        assert!(s.last_result().is_some(), "the result is still on show under the leaderboard");
        s.next(t0);
        assert_eq!((s.stage(), s.number()), (Stage::Asking, 2));
        s.answer(Seat(0), 2, right(&s), t0).unwrap();
        s.next(t0);
        assert_eq!(s.stage(), Stage::Leaderboard);
        s.next(t0);
        s.answer(Seat(0), 3, right(&s), t0).unwrap();
        s.answer(Seat(0), 3, right(&s), t0).unwrap_err();
        s.next(t0);
        s.answer(Seat(0), 4, right(&s), t0).unwrap();
        assert!(s.leaderboard_due());
        s.skip_leaderboard(t0);
        assert_eq!((s.stage(), s.number()), (Stage::Asking, 5));
    }

    #[test]
    fn the_last_question_leads_to_the_end_and_ending_early_drops_the_open_one() {
        let t0 = Instant::now();
        let mut s = playing(&["A", "B"], t0);
        let n = s.len();
        for q in 1..=n {
            s.answer(Seat(0), q, right(&s), t0).unwrap();
            s.answer(Seat(1), q, wrong(&s), t0).unwrap();
            s.next(t0);
            s.next(t0);
        }
        assert_eq!(s.stage(), Stage::Finished);
        assert_eq!(s.answer(Seat(0), n, right(&s), t0), Err(Refusal::Ended));
        let summary = s.summary();
        assert_eq!(summary.players[0].name, "A");
        assert_eq!((summary.players[0].correct, summary.players[0].asked), (n, n));
        assert_eq!(summary.players[1].place.label(), "2nd");
        assert!(summary.questions.iter().all(|q| q.right == 1 && q.teams == 2));

        let mut s = playing(&["A", "B"], t0);
        s.reveal(t0);
        s.next(t0);
        s.next(t0);
        assert!(!s.answer(Seat(0), 2, right(&s), t0).unwrap().closed, "B has still to answer");
        s.end();
        assert_eq!(s.stage(), Stage::Finished);
        assert_eq!(s.results().len(), 1);
    }

    #[test]
    fn estimates_take_numbers_on_the_scale_and_refuse_the_rest() {
        let t0 = Instant::now();
        let target = |q: &DealtQuestion| match q.question.kind {
            crate::bank::QuestionKind::Estimate { answer, tolerance, .. } => (answer, tolerance),
            _ => unreachable!(),
        };
        // An estimate with room above its answer for one off by 1.5 tolerances.
        let mut qs = questions(true);
        let i = qs
            .iter()
            .position(|q| {
                let (answer, tolerance) = target(q);
                let off = q.scale().unwrap().snap(answer + 1.5 * tolerance) - answer;
                off > tolerance && off < 2.0 * tolerance
            })
            .expect("the built-in bank has such an estimate");
        qs.swap(0, i);
        let mut s = Session::new(qs, RoundSettings::default());
        s.join("A", t0).unwrap();
        s.join("B", t0).unwrap();
        s.start(t0);
        let scale = s.current().unwrap().scale().unwrap();
        let (answer, tolerance) = target(s.current().unwrap());
        let refused = s.answer(Seat(0), 1, Answer::Estimate(f64::NAN), t0).unwrap_err();
        assert!(matches!(refused, Refusal::Form(AnswerRefusal::Estimate(_))));
        assert_eq!(refused.to_string(), "that number is too large");
        let far = s.answer(Seat(0), 1, Answer::Estimate(scale.max + 10.0 * scale.step), t0).unwrap_err();
        assert!(far.to_string().contains("outside the range"), "{far}");
        let choice = s.answer(Seat(0), 1, Answer::Choice(0), t0);
        assert_eq!(choice, Err(Refusal::Form(AnswerRefusal::ChoiceForEstimate)));
        s.answer(Seat(0), 1, Answer::Estimate(answer), t0).unwrap();
        s.answer(Seat(1), 1, Answer::Estimate(answer + 1.5 * tolerance), t0).unwrap();
        let result = s.last_result().unwrap();
        let a = result.entry(Seat(0)).unwrap().record.clone().unwrap();
        assert_eq!((a.verdict, a.points.total()), (Verdict::Correct, 1000));
        let b = result.entry(Seat(1)).unwrap().record.clone().unwrap();
        assert!(matches!(b.verdict, Verdict::Close(_)), "{b:?}");
        assert!(b.points.total() > 0 && b.points.total() < 1000, "partial credit: {b:?}");
        assert_eq!(b.streak, 0, "a close estimate does not build a streak");
    }

    #[test]
    fn tallies_count_the_choices_of_those_in_the_session() {
        let t0 = Instant::now();
        let mut s = playing(&["A", "B", "C"], t0);
        let (r, w) = (right(&s), wrong(&s));
        s.answer(Seat(0), 1, r, t0).unwrap();
        s.answer(Seat(1), 1, r, t0).unwrap();
        s.answer(Seat(2), 1, w, t0).unwrap();
        let tallies = s.last_result().unwrap().tallies();
        let (Answer::Choice(ri), Answer::Choice(wi)) = (r, w) else { unreachable!() };
        assert_eq!((tallies[ri], tallies[wi], tallies.iter().sum::<usize>()), (2, 1, 3));
    }
}
