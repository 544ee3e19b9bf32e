//! Classroom sessions: teams answering on one screen, scored by the same
//! rules as solo play, ranked with ties sharing a place.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::deck::{DealtQuestion, RoundSettings};
use super::round::{AnswerRecord, Phase, Streak, Walk, mark};
use super::scoring::Answer;

pub const MIN_TEAMS: usize = 2;
pub const MAX_TEAMS: usize = 6;
/// Buzzer teams share one keyboard: four rows of six keys.
pub const MAX_BUZZER_TEAMS: usize = 4;

/// How teams give their answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum AnsweringStyle {
    /// Up to four teams, each on its own row of keys; the first press counts.
    #[default]
    Buzzers,
    /// Teams answer on paper; the teacher enters each answer, in any order.
    TeacherEntry,
}

impl AnsweringStyle {
    pub fn max_teams(self) -> usize {
        match self {
            AnsweringStyle::Buzzers => MAX_BUZZER_TEAMS,
            AnsweringStyle::TeacherEntry => MAX_TEAMS,
        }
    }

    /// Whether answers carry the team's own timing. The moment a teacher
    /// types an answer says nothing about how fast the team was, so teacher
    /// entry scores without the speed bonus.
    pub fn is_timed_by_team(self) -> bool {
        self == AnsweringStyle::Buzzers
    }
}

/// One team's result on one question.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamRecord {
    pub record: AnswerRecord,
    /// Whether `record.response` is the team's own time (buzzers).
    pub timed: bool,
}

/// A closed question: every team's record, or skipped.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionResult {
    pub question: DealtQuestion,
    pub skipped: bool,
    /// One per team, in team order (empty when skipped).
    pub teams: Vec<TeamRecord>,
}

/// A session reads as its walk: `session.number()`, `session.timer()`, ...
impl std::ops::Deref for Session {
    type Target = Walk;

    fn deref(&self) -> &Walk {
        &self.walk
    }
}

/// A team's place in the standings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub team: usize,
    /// 1 for first; tied teams share a rank (1, 1, 3).
    pub rank: usize,
    pub points: u32,
    pub correct: usize,
}

#[derive(Debug, Clone)]
pub struct Session {
    pub settings: RoundSettings,
    pub style: AnsweringStyle,
    pub teams: Vec<String>,
    walk: Walk,
    /// The current question's answers, per team, with when they came.
    given: Vec<Option<(Answer, Duration)>>,
    streaks: Vec<Streak>,
    results: Vec<QuestionResult>,
}

impl Session {
    /// Starts a session on its first question. Team names are kept as
    /// given; `questions` must not be empty.
    pub fn new(
        questions: Vec<DealtQuestion>,
        settings: RoundSettings,
        style: AnsweringStyle,
        teams: Vec<String>,
    ) -> Session {
        let n = teams.len();
        Session {
            settings,
            style,
            teams,
            walk: Walk::new(questions),
            given: vec![None; n],
            streaks: vec![Streak::default(); n],
            results: Vec::new(),
        }
    }

    pub fn results(&self) -> &[QuestionResult] {
        &self.results
    }

    /// The result of the question on show, once it is closed.
    pub fn last_result(&self) -> Option<&QuestionResult> {
        if self.phase() == Phase::Revealing { self.results.last() } else { None }
    }

    pub fn set_paused(&mut self, paused: bool) {
        self.walk.timer_mut().set_paused(paused);
    }

    /// Adds or removes time on the open question.
    pub fn adjust_time(&mut self, seconds: i64) {
        if self.phase() == Phase::Asking {
            self.walk.timer_mut().adjust(seconds);
        }
    }

    pub fn has_answered(&self, team: usize) -> bool {
        self.given.get(team).is_some_and(Option::is_some)
    }

    /// The answer a team has given to the open question (teacher entry shows
    /// it; buzzer screens must not).
    pub fn answer_of(&self, team: usize) -> Option<Answer> {
        self.given.get(team).copied().flatten().map(|(a, _)| a)
    }

    pub fn all_answered(&self) -> bool {
        self.given.iter().all(Option::is_some)
    }

    fn accepts(&self, answer: Answer) -> bool {
        let Some(q) = self.current() else { return false };
        match answer {
            Answer::Choice(i) => i < q.choices.len(),
            Answer::Estimate(v) => v.is_finite() && q.choices.is_empty(),
        }
    }

    /// A team's buzzer: the first press on an open question counts, later
    /// ones are ignored. Returns whether it counted. When every team has
    /// answered, the question closes.
    pub fn buzz(&mut self, team: usize, answer: Answer) -> bool {
        if self.phase() != Phase::Asking
            || self.is_paused()
            || !self.accepts(answer)
            || team >= self.teams.len()
        {
            return false;
        }
        if self.given[team].is_some() {
            return false;
        }
        self.given[team] = Some((answer, self.timer().elapsed()));
        if self.all_answered() {
            self.close(false);
        }
        true
    }

    /// Teacher entry: sets (or changes, or with `None` clears) a team's
    /// answer while the question is open. The teacher reveals when ready.
    pub fn enter(&mut self, team: usize, answer: Option<Answer>) -> bool {
        if self.phase() != Phase::Asking
            || team >= self.teams.len()
            || answer.is_some_and(|a| !self.accepts(a))
        {
            return false;
        }
        self.given[team] = answer.map(|a| (a, self.timer().elapsed()));
        true
    }

    /// Advances the clock; when time runs out the question closes with the
    /// answers given so far. Returns true when it closed.
    pub fn tick(&mut self, dt: Duration) -> bool {
        if self.phase() == Phase::Asking && self.walk.timer_mut().tick(dt) {
            self.close(false);
            return true;
        }
        false
    }

    /// Closes the open question now and scores it.
    pub fn reveal(&mut self) {
        if self.phase() == Phase::Asking {
            self.close(false);
        }
    }

    /// Closes the open question with no points for anyone; streaks carry on.
    pub fn skip(&mut self) {
        if self.phase() == Phase::Asking {
            self.close(true);
        }
    }

    fn close(&mut self, skipped: bool) {
        let Some(question) = self.current().cloned() else { return };
        let elapsed = self.timer().elapsed();
        let timed = self.style.is_timed_by_team();
        let speed_bonus = self.settings.speed_bonus && timed;
        let teams = if skipped {
            Vec::new()
        } else {
            self.given
                .iter()
                .zip(self.streaks.iter_mut())
                .map(|(given, streak)| {
                    let answer = given.map(|(a, _)| a);
                    let response = given.map_or(elapsed, |(_, at)| at);
                    let record = mark(
                        &question,
                        answer,
                        if timed { response } else { Duration::ZERO },
                        streak,
                        speed_bonus,
                    );
                    TeamRecord { record, timed: timed && answer.is_some() }
                })
                .collect()
        };
        self.results.push(QuestionResult { question, skipped, teams });
        self.walk.close();
    }

    /// Moves on from the reveal to the next question, or finishes.
    pub fn next(&mut self) {
        if self.walk.advance() {
            self.given = vec![None; self.teams.len()];
        }
    }

    /// Ends the session now. An open question is dropped unscored.
    pub fn end(&mut self) {
        self.walk.finish();
    }

    /// How many teams chose each choice of the question on show.
    pub fn tallies(&self) -> Vec<usize> {
        let Some(result) = self.last_result() else { return Vec::new() };
        let mut counts = vec![0; result.question.choices.len()];
        for team in &result.teams {
            if let Some(Answer::Choice(i)) = team.record.answer
                && let Some(c) = counts.get_mut(i)
            {
                *c += 1;
            }
        }
        counts
    }

    pub fn points(&self, team: usize) -> u32 {
        self.results.iter().filter_map(|r| r.teams.get(team)).map(|t| t.record.points.total()).sum()
    }

    pub fn correct(&self, team: usize) -> usize {
        self.results
            .iter()
            .filter_map(|r| r.teams.get(team))
            .filter(|t| t.record.verdict.is_correct())
            .count()
    }

    pub fn streak(&self, team: usize) -> u32 {
        self.streaks.get(team).map_or(0, |s| s.current)
    }

    /// The standings, best first. Teams on equal points share a rank, and
    /// the next rank skips (1, 1, 3); ties list in team order.
    pub fn standings(&self) -> Vec<Standing> {
        let mut all: Vec<Standing> = (0..self.teams.len())
            .map(|team| Standing { team, rank: 0, points: self.points(team), correct: self.correct(team) })
            .collect();
        rank_by_points(&mut all, |s| s.points, |s, rank| s.rank = rank);
        all
    }

    pub fn summary(&self) -> SessionSummary {
        SessionSummary::new(&self.teams, &self.results)
    }
}

/// Sorts best first (a stable sort: equal points keep their order) and
/// gives each its rank, equal points sharing one: 1, 1, 3.
pub fn rank_by_points<T>(
    items: &mut [T],
    points: impl Fn(&T) -> u32,
    mut set_rank: impl FnMut(&mut T, usize),
) {
    items.sort_by_key(|item| std::cmp::Reverse(points(item)));
    let mut rank = 0;
    for i in 0..items.len() {
        if i == 0 || points(&items[i]) != points(&items[i - 1]) {
            rank = i + 1;
        }
        set_rank(&mut items[i], rank);
    }
}

/// A team's line in the final table.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamSummary {
    pub name: String,
    pub rank: usize,
    pub points: u32,
    pub correct: usize,
    /// Questions the team was scored on (skipped ones excluded).
    pub asked: usize,
    /// Over answers the team timed itself (buzzers); `None` otherwise.
    pub average_response: Option<Duration>,
}

impl TeamSummary {
    pub fn accuracy(&self) -> f64 {
        if self.asked == 0 { 0.0 } else { self.correct as f64 / self.asked as f64 }
    }
}

/// A question's line in the summary: how many teams got it right.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionSummary {
    pub id: String,
    pub prompt: String,
    pub answer: String,
    pub right: usize,
    pub teams: usize,
}

impl QuestionSummary {
    pub fn share_right(&self) -> f64 {
        if self.teams == 0 { 0.0 } else { self.right as f64 / self.teams as f64 }
    }
}

/// The end of a session: teams in rank order, questions hardest first.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionSummary {
    pub teams: Vec<TeamSummary>,
    pub questions: Vec<QuestionSummary>,
}

impl SessionSummary {
    pub fn new(names: &[String], results: &[QuestionResult]) -> SessionSummary {
        let mut teams: Vec<TeamSummary> = names
            .iter()
            .enumerate()
            .map(|(t, name)| {
                let records: Vec<&TeamRecord> = results.iter().filter_map(|r| r.teams.get(t)).collect();
                let timed: Vec<Duration> =
                    records.iter().filter(|r| r.timed).map(|r| r.record.response).collect();
                TeamSummary {
                    name: name.clone(),
                    rank: 0,
                    points: records.iter().map(|r| r.record.points.total()).sum(),
                    correct: records.iter().filter(|r| r.record.verdict.is_correct()).count(),
                    asked: records.len(),
                    average_response: (!timed.is_empty())
                        .then(|| timed.iter().sum::<Duration>() / timed.len() as u32),
                }
            })
            .collect();
        rank_by_points(&mut teams, |t| t.points, |t, rank| t.rank = rank);
        let mut questions: Vec<QuestionSummary> = results
            .iter()
            .filter(|r| !r.skipped)
            .map(|r| QuestionSummary {
                id: r.question.question.id.clone(),
                prompt: r.question.question.prompt().to_string(),
                answer: r.question.question.answer_text(),
                right: r.teams.iter().filter(|t| t.record.verdict.is_correct()).count(),
                teams: r.teams.len(),
            })
            .collect();
        // Hardest first: the lowest share right; the sort is stable, so equal
        // questions keep the order they were asked in.
        questions.sort_by(|a, b| a.share_right().total_cmp(&b.share_right()));
        SessionSummary { teams, questions }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::builtin;
    use crate::quiz::deck::{QuestionCount, deal};
    use crate::quiz::scoring::Verdict;

    fn session(style: AnsweringStyle, teams: usize) -> Session {
        let bank = builtin::check().bank.unwrap();
        let settings = RoundSettings { questions: QuestionCount::All, ..Default::default() };
        let mut questions = deal(&bank, &settings, 9).unwrap();
        questions.retain(|q| !q.choices.is_empty());
        let names = (1..=teams).map(|i| format!("Team {i}")).collect();
        Session::new(questions, settings, style, names)
    }

    fn right(s: &Session) -> Answer {
        Answer::Choice(s.current().unwrap().correct_choice().unwrap())
    }

    fn wrong(s: &Session) -> Answer {
        let q = s.current().unwrap();
        Answer::Choice((q.correct_choice().unwrap() + 1) % q.choices.len())
    }

    #[test]
    fn the_first_press_counts_and_all_answered_closes() {
        let mut s = session(AnsweringStyle::Buzzers, 3);
        s.tick(Duration::from_secs(2));
        assert!(s.buzz(0, right(&s)));
        assert!(!s.buzz(0, wrong(&s)), "a second press is ignored");
        assert!(s.buzz(1, wrong(&s)));
        assert_eq!(s.phase(), Phase::Asking);
        s.tick(Duration::from_secs(2));
        assert!(s.buzz(2, right(&s)));
        assert_eq!(s.phase(), Phase::Revealing, "every team answered");
        let r = s.last_result().unwrap();
        assert_eq!(r.teams[0].record.verdict, Verdict::Correct);
        assert_eq!(r.teams[0].record.points.total(), 950);
        assert_eq!(r.teams[1].record.points.total(), 0);
        assert_eq!(r.teams[2].record.points.total(), 900);
        assert_eq!(s.tallies().iter().sum::<usize>(), 3);
    }

    #[test]
    fn time_out_scores_the_answers_given() {
        let mut s = session(AnsweringStyle::Buzzers, 2);
        s.buzz(0, right(&s));
        assert!(s.tick(Duration::from_secs(25)));
        let r = s.last_result().unwrap();
        assert_eq!(r.teams[0].record.verdict, Verdict::Correct);
        assert_eq!(r.teams[1].record.verdict, Verdict::TimedOut);
    }

    #[test]
    fn teacher_entry_can_change_answers_and_scores_flat() {
        let mut s = session(AnsweringStyle::TeacherEntry, 6);
        s.tick(Duration::from_secs(15));
        assert!(s.enter(5, Some(wrong(&s))));
        assert!(s.enter(5, Some(right(&s))), "the teacher can correct an entry");
        s.enter(0, Some(right(&s)));
        assert_eq!(s.phase(), Phase::Asking, "teacher entry waits for the reveal");
        s.reveal();
        let r = s.last_result().unwrap();
        assert_eq!(r.teams[5].record.points.total(), 1000, "no speed factor: entry time is not the team's");
        assert!(!r.teams[5].timed);
        assert_eq!(r.teams[1].record.verdict, Verdict::TimedOut);
    }

    #[test]
    fn skip_scores_nothing_and_keeps_streaks() {
        let mut s = session(AnsweringStyle::Buzzers, 2);
        s.buzz(0, right(&s));
        s.buzz(1, right(&s));
        s.next();
        s.buzz(0, right(&s));
        s.skip();
        assert!(s.last_result().unwrap().skipped);
        assert_eq!(s.points(0), 1000);
        s.next();
        s.buzz(0, right(&s));
        s.buzz(1, wrong(&s));
        assert_eq!(
            s.last_result().unwrap().teams[0].record.points.streak,
            100,
            "streak of 2 survived the skip"
        );
    }

    #[test]
    fn ending_early_drops_the_open_question() {
        let mut s = session(AnsweringStyle::Buzzers, 2);
        s.buzz(0, right(&s));
        s.buzz(1, right(&s));
        s.next();
        s.buzz(0, right(&s));
        s.end();
        assert_eq!(s.phase(), Phase::Finished);
        assert_eq!(s.results().len(), 1);
        assert_eq!(s.summary().teams[0].asked, 1);
    }

    #[test]
    fn ties_share_a_rank() {
        let mut s = session(AnsweringStyle::TeacherEntry, 4);
        // Teams 0 and 2 right, 1 and 3 wrong: 1000, 0, 1000, 0.
        s.enter(0, Some(right(&s)));
        s.enter(1, Some(wrong(&s)));
        s.enter(2, Some(right(&s)));
        s.enter(3, Some(wrong(&s)));
        s.reveal();
        let ranks: Vec<(usize, usize)> = s.standings().iter().map(|st| (st.team, st.rank)).collect();
        assert_eq!(ranks, [(0, 1), (2, 1), (1, 3), (3, 3)]);
        let summary = s.summary();
        assert_eq!(summary.teams.iter().map(|t| t.rank).collect::<Vec<_>>(), [1, 1, 3, 3]);
    }

    #[test]
    fn the_summary_lists_the_hardest_questions_first() {
        let mut s = session(AnsweringStyle::Buzzers, 2);
        s.buzz(0, right(&s));
        s.buzz(1, right(&s));
        s.next();
        s.buzz(0, wrong(&s));
        s.buzz(1, wrong(&s));
        s.next();
        s.buzz(0, right(&s));
        s.buzz(1, wrong(&s));
        let summary = s.summary();
        let shares: Vec<f64> = summary.questions.iter().map(|q| q.share_right()).collect();
        assert_eq!(shares, [0.0, 0.5, 1.0]);
        let t0 = &summary.teams[0];
        assert_eq!((t0.correct, t0.asked), (2, 3));
        assert_eq!(t0.average_response, Some(Duration::ZERO));
    }

    #[test]
    fn answers_out_of_range_or_after_closing_are_ignored() {
        let mut s = session(AnsweringStyle::Buzzers, 2);
        assert!(!s.buzz(0, Answer::Choice(9)));
        assert!(!s.buzz(5, Answer::Choice(0)));
        s.set_paused(true);
        assert!(!s.buzz(0, Answer::Choice(0)), "no answers while paused");
        s.set_paused(false);
        s.reveal();
        assert!(!s.buzz(0, Answer::Choice(0)));
    }
}
