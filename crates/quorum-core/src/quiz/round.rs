//! A solo round: the question timer, answering, the running score and
//! streak, and the results at the end.

use std::time::Duration;

use super::deck::{DealtQuestion, RoundSettings};
use super::scoring::{Answer, Points, Verdict, score};

/// A question's countdown. Without a limit (practice) it only measures.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionTimer {
    limit: Option<Duration>,
    elapsed: Duration,
    paused: bool,
}

impl QuestionTimer {
    pub fn new(limit: Option<Duration>) -> Self {
        QuestionTimer { limit, elapsed: Duration::ZERO, paused: false }
    }

    /// Advances the clock unless paused. Returns true when the time ran out
    /// during this tick.
    pub fn tick(&mut self, dt: Duration) -> bool {
        if self.paused || self.is_expired() {
            return false;
        }
        self.elapsed += dt;
        self.is_expired()
    }

    pub fn elapsed(&self) -> Duration {
        match self.limit {
            Some(limit) => self.elapsed.min(limit),
            None => self.elapsed,
        }
    }

    pub fn limit(&self) -> Option<Duration> {
        self.limit
    }

    pub fn remaining(&self) -> Option<Duration> {
        self.limit.map(|l| l.saturating_sub(self.elapsed))
    }

    /// From 1 (just started) to 0 (time is up); 1 without a limit.
    pub fn fraction_left(&self) -> f32 {
        match self.limit {
            Some(l) if !l.is_zero() => 1.0 - (self.elapsed.as_secs_f32() / l.as_secs_f32()).min(1.0),
            _ => 1.0,
        }
    }

    pub fn is_expired(&self) -> bool {
        self.limit.is_some_and(|l| self.elapsed >= l)
    }

    pub fn is_running(&self) -> bool {
        self.limit.is_some() && !self.paused && !self.is_expired()
    }

    pub fn set_paused(&mut self, paused: bool) {
        self.paused = paused;
    }

    pub fn is_paused(&self) -> bool {
        self.paused
    }

    /// Adds (or with a negative value, removes) time, never below one second
    /// left. Does nothing in practice.
    pub fn adjust(&mut self, seconds: i64) {
        if let Some(limit) = self.limit {
            let wanted = limit.as_secs_f64() + seconds as f64;
            let floor = self.elapsed.as_secs_f64() + 1.0;
            self.limit = Some(Duration::from_secs_f64(wanted.max(floor).max(1.0)));
        }
    }
}

/// One answered (or timed-out) question.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerRecord {
    pub answer: Option<Answer>,
    pub verdict: Verdict,
    pub points: Points,
    pub response: Duration,
    /// The streak after this answer.
    pub streak: u32,
}

/// Where the round is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The current question is open.
    Asking,
    /// The current question has been answered; its result is on show.
    Revealing,
    Finished,
}

/// A running streak of correct answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Streak {
    pub current: u32,
    pub best: u32,
}

impl Streak {
    /// Records a verdict and returns the streak including it.
    pub fn record(&mut self, verdict: Verdict) -> u32 {
        if verdict.is_correct() {
            self.current += 1;
            self.best = self.best.max(self.current);
        } else {
            self.current = 0;
        }
        self.current
    }
}

/// Scores an answer to `question` given after `response`, updating `streak`.
pub fn mark(
    question: &DealtQuestion,
    answer: Option<Answer>,
    response: Duration,
    streak: &mut Streak,
    speed_bonus: bool,
) -> AnswerRecord {
    let verdict = question.verdict(answer);
    let now = streak.record(verdict);
    let points = score(verdict, response, question.limit, now, speed_bonus);
    AnswerRecord { answer, verdict, points, response, streak: now }
}

/// Where a round is in its questions: the open question, its clock and
/// the phase. Solo rounds and classroom sessions walk their questions the
/// same way, through this.
#[derive(Debug, Clone)]
pub struct Walk {
    questions: Vec<DealtQuestion>,
    index: usize,
    timer: QuestionTimer,
    phase: Phase,
}

impl Walk {
    /// On the first question (finished at once if there is none).
    pub fn new(questions: Vec<DealtQuestion>) -> Walk {
        let limit = questions.first().and_then(|q| q.limit);
        let phase = if questions.is_empty() { Phase::Finished } else { Phase::Asking };
        Walk { questions, index: 0, timer: QuestionTimer::new(limit), phase }
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    pub fn current(&self) -> Option<&DealtQuestion> {
        self.questions.get(self.index)
    }

    /// The current question's number, from 1.
    pub fn number(&self) -> usize {
        self.index + 1
    }

    pub fn len(&self) -> usize {
        self.questions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.questions.is_empty()
    }

    pub fn is_last(&self) -> bool {
        self.index + 1 >= self.questions.len()
    }

    pub fn questions(&self) -> &[DealtQuestion] {
        &self.questions
    }

    pub fn timer(&self) -> &QuestionTimer {
        &self.timer
    }

    pub fn is_paused(&self) -> bool {
        self.timer.is_paused()
    }

    pub(super) fn timer_mut(&mut self) -> &mut QuestionTimer {
        &mut self.timer
    }

    /// Closes the open question: its result is on show.
    pub(super) fn close(&mut self) {
        self.phase = Phase::Revealing;
    }

    /// From the reveal to the next question with a fresh clock, or to the
    /// end. Returns whether a new question opened.
    pub(super) fn advance(&mut self) -> bool {
        if self.phase != Phase::Revealing {
            return false;
        }
        if self.is_last() {
            self.phase = Phase::Finished;
            false
        } else {
            self.index += 1;
            self.timer = QuestionTimer::new(self.questions[self.index].limit);
            self.phase = Phase::Asking;
            true
        }
    }

    pub(super) fn finish(&mut self) {
        self.phase = Phase::Finished;
    }
}

#[derive(Debug, Clone)]
pub struct Round {
    pub settings: RoundSettings,
    walk: Walk,
    streak: Streak,
    records: Vec<AnswerRecord>,
}

/// A round reads as its walk: `round.number()`, `round.timer()`, ...
impl std::ops::Deref for Round {
    type Target = Walk;

    fn deref(&self) -> &Walk {
        &self.walk
    }
}

impl Round {
    /// Starts a round on its first question. `questions` must not be empty
    /// (`deal` never returns an empty round).
    pub fn new(questions: Vec<DealtQuestion>, settings: RoundSettings) -> Round {
        Round { settings, walk: Walk::new(questions), streak: Streak::default(), records: Vec::new() }
    }

    pub fn score(&self) -> u32 {
        self.records.iter().map(|r| r.points.total()).sum()
    }

    pub fn correct(&self) -> usize {
        self.records.iter().filter(|r| r.verdict.is_correct()).count()
    }

    pub fn streak(&self) -> Streak {
        self.streak
    }

    pub fn records(&self) -> &[AnswerRecord] {
        &self.records
    }

    /// The record of the question on show, once it is answered.
    pub fn last_record(&self) -> Option<&AnswerRecord> {
        if self.phase() == Phase::Revealing { self.records.last() } else { None }
    }

    pub fn set_paused(&mut self, paused: bool) {
        self.walk.timer_mut().set_paused(paused);
    }

    /// Advances the clock; when time runs out the question closes with no
    /// answer and its record is returned.
    pub fn tick(&mut self, dt: Duration) -> Option<&AnswerRecord> {
        if self.phase() == Phase::Asking && self.walk.timer_mut().tick(dt) {
            return self.close(None);
        }
        None
    }

    /// Answers the open question. An answer when none is open, while paused,
    /// or one the question can't take (`DealtQuestion::accept`) is ignored.
    pub fn answer(&mut self, answer: Answer) -> Option<&AnswerRecord> {
        let answer = self.current()?.accept(answer).ok()?;
        if self.phase() != Phase::Asking || self.is_paused() {
            return None;
        }
        self.close(Some(answer))
    }

    fn close(&mut self, answer: Option<Answer>) -> Option<&AnswerRecord> {
        let question = self.walk.current()?;
        let response = self.walk.timer().elapsed();
        let record = mark(question, answer, response, &mut self.streak, self.settings.speed_bonus);
        self.records.push(record);
        self.walk.close();
        self.records.last()
    }

    /// Moves on from the reveal to the next question, or finishes.
    pub fn next(&mut self) {
        self.walk.advance();
    }

    pub fn results(&self) -> RoundResults {
        RoundResults::new(self.questions(), &self.records, self.streak.best)
    }
}

/// One question in the results' review.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewItem {
    pub id: String,
    pub prompt: String,
    pub given: String,
    pub correct_answer: String,
    pub verdict: Verdict,
    pub points: u32,
    pub response: Duration,
}

/// The question in one line: a who-said-it question names its quote.
pub(crate) fn review_prompt(q: &DealtQuestion) -> String {
    match q.question.quote() {
        Some(quote) => {
            let short: String = quote.chars().take(90).collect();
            let ellipsis = if short.len() < quote.len() { "…" } else { "" };
            format!("Who said \u{201C}{}{ellipsis}\u{201D}?", short.trim_end())
        }
        None => q.question.prompt().to_string(),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RoundResults {
    pub score: u32,
    pub correct: usize,
    /// Questions asked (and answered or timed out).
    pub asked: usize,
    pub best_streak: u32,
    /// Over answered questions; `None` when every question timed out.
    pub average_response: Option<Duration>,
    pub review: Vec<ReviewItem>,
}

impl RoundResults {
    pub fn new(questions: &[DealtQuestion], records: &[AnswerRecord], best_streak: u32) -> RoundResults {
        let answered: Vec<&AnswerRecord> = records.iter().filter(|r| r.answer.is_some()).collect();
        let average_response = (!answered.is_empty())
            .then(|| answered.iter().map(|r| r.response).sum::<Duration>() / answered.len() as u32);
        let review = questions
            .iter()
            .zip(records)
            .map(|(q, r)| ReviewItem {
                id: q.question.id.clone(),
                prompt: review_prompt(q),
                given: q.describe(r.answer),
                correct_answer: q.question.answer_text(),
                verdict: r.verdict,
                points: r.points.total(),
                response: r.response,
            })
            .collect();
        RoundResults {
            score: records.iter().map(|r| r.points.total()).sum(),
            correct: records.iter().filter(|r| r.verdict.is_correct()).count(),
            asked: records.len(),
            best_streak,
            average_response,
            review,
        }
    }

    /// Correct answers as a share of questions asked, 0 to 1.
    pub fn accuracy(&self) -> f64 {
        if self.asked == 0 { 0.0 } else { self.correct as f64 / self.asked as f64 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::builtin;
    use crate::quiz::deck::{QuestionCount, deal};

    fn round(settings: RoundSettings) -> Round {
        let bank = builtin::check().bank.unwrap();
        let mut settings = settings;
        settings.questions = QuestionCount::All;
        // Choice questions only, so every answer below can be right or wrong.
        let mut questions = deal(&bank, &settings, 42).unwrap();
        questions.retain(|q| !q.choices.is_empty());
        Round::new(questions, settings)
    }

    fn right(r: &Round) -> Answer {
        Answer::Choice(r.current().unwrap().correct_choice().unwrap())
    }

    fn wrong(r: &Round) -> Answer {
        let q = r.current().unwrap();
        Answer::Choice((q.correct_choice().unwrap() + 1) % q.choices.len())
    }

    #[test]
    fn a_round_runs_to_its_results() {
        let mut r = round(RoundSettings::default());
        let n = r.len();
        r.tick(Duration::from_secs(2));
        let rec = r.answer(right(&r)).unwrap().clone();
        assert_eq!(rec.verdict, Verdict::Correct);
        assert_eq!(rec.points.total(), 950); // 1000 × (1 − (2/20)/2)
        assert_eq!(r.phase(), Phase::Revealing);
        // A second answer to the same question is ignored.
        assert!(r.answer(right(&r)).is_none());
        r.next();
        r.tick(Duration::from_secs(1));
        assert_eq!(r.answer(wrong(&r)).unwrap().points.total(), 0);
        r.next();
        // Time runs out on the third.
        r.tick(Duration::from_secs(19));
        assert_eq!(r.tick(Duration::from_secs(2)).unwrap().verdict, Verdict::TimedOut);
        r.next();
        while r.phase() != Phase::Finished {
            r.answer(right(&r));
            r.next();
        }
        let results = r.results();
        assert_eq!(results.asked, n);
        assert_eq!(results.correct, n - 2);
        assert_eq!(results.review.len(), n);
        assert_eq!(results.review[1].verdict, Verdict::Wrong);
        assert_eq!(results.review[2].given, "No answer");
        assert_eq!(results.best_streak, (n - 3) as u32);
        assert_eq!(results.score, r.score());
        assert!((results.accuracy() - (n - 2) as f64 / n as f64).abs() < 1e-9);
        // The time-out does not count towards the average response.
        let answered = n - 1;
        let expected = (Duration::from_secs(3)) / answered as u32;
        assert_eq!(results.average_response, Some(expected));
    }

    #[test]
    fn streak_bonus_builds_and_caps() {
        let mut r = round(RoundSettings::default());
        let mut totals = Vec::new();
        for _ in 0..8 {
            totals.push(r.answer(right(&r)).unwrap().points.total());
            r.next();
        }
        assert_eq!(totals, [1000, 1100, 1200, 1300, 1400, 1500, 1500, 1500]);
        r.answer(wrong(&r));
        r.next();
        assert_eq!(r.answer(right(&r)).unwrap().points.total(), 1000);
        assert_eq!(r.streak().best, 8);
    }

    #[test]
    fn pause_stops_the_clock_and_answers() {
        let mut r = round(RoundSettings::default());
        r.set_paused(true);
        assert!(r.tick(Duration::from_secs(60)).is_none());
        assert!(r.answer(right(&r)).is_none());
        r.set_paused(false);
        r.tick(Duration::from_secs(4));
        assert_eq!(r.timer().remaining(), Some(Duration::from_secs(16)));
    }

    #[test]
    fn practice_has_no_timer() {
        let mut r = round(RoundSettings { seconds: None, ..Default::default() });
        assert!(r.tick(Duration::from_secs(3600)).is_none());
        assert_eq!(r.answer(right(&r)).unwrap().points.total(), 1000);
    }

    #[test]
    fn out_of_range_choices_are_ignored() {
        let mut r = round(RoundSettings::default());
        assert!(r.answer(Answer::Choice(6)).is_none());
        assert!(r.answer(Answer::Estimate(3.0)).is_none());
        assert_eq!(r.phase(), Phase::Asking);
    }

    #[test]
    fn the_timer_can_be_adjusted_but_never_below_a_second_left() {
        let mut t = QuestionTimer::new(Some(Duration::from_secs(20)));
        t.tick(Duration::from_secs(5));
        t.adjust(10);
        assert_eq!(t.remaining(), Some(Duration::from_secs(25)));
        t.adjust(-100);
        assert_eq!(t.remaining(), Some(Duration::from_secs(1)));
    }
}
