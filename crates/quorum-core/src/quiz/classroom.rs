//! Classroom sessions: teams answering on one screen, scored by the same
//! rules as solo play, ranked with ties sharing a place.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::deck::{DealError, DealtQuestion, RoundSettings, deal};
use super::places::{Place, rank_by_points};
use super::round::{AnswerRecord, Phase, Streak, Walk, mark};
use super::scoring::{Answer, Verdict};
use crate::bank::{Bank, Question, QuestionKind};

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

    /// Whether a session in this style asks `question`. Buzzer teams share
    /// one keyboard, and a slider needs a keyboard of its own, so buzzer
    /// sessions leave estimates out.
    pub fn deals(self, question: &Question) -> bool {
        match self {
            AnsweringStyle::Buzzers => !matches!(question.kind, QuestionKind::Estimate { .. }),
            AnsweringStyle::TeacherEntry => true,
        }
    }

    /// Whether answers carry the team's own timing. The moment a teacher
    /// types an answer says nothing about how fast the team was, so teacher
    /// entry scores without the speed bonus.
    pub fn is_timed_by_team(self) -> bool {
        self == AnsweringStyle::Buzzers
    }
}

/// The longest team name, in characters.
pub const MAX_TEAM_NAME: usize = 20;

/// How often the leaderboard can be set to show: after every `n`
/// questions, or (`None`) only at the end.
pub const LEADERBOARD_OPTIONS: [Option<usize>; 5] = [Some(1), Some(2), Some(3), Some(5), None];

/// The name a team has until the teacher gives it one.
pub fn default_team_name(n: usize) -> String {
    format!("Team {n}")
}

/// The teams' names as they will play: trimmed, blanks named "Team N".
pub fn team_names(teams: &[String]) -> Vec<String> {
    teams
        .iter()
        .enumerate()
        .map(|(i, t)| if t.trim().is_empty() { default_team_name(i + 1) } else { t.trim().to_string() })
        .collect()
}

/// Keeps the number of teams within what `style` allows, adding default
/// teams up to the minimum and dropping the last ones over the maximum.
pub fn fit_teams(teams: &mut Vec<String>, style: AnsweringStyle) {
    teams.truncate(style.max_teams());
    while teams.len() < MIN_TEAMS {
        let n = teams.len() + 1;
        teams.push(default_team_name(n));
    }
}

/// Deals a session's questions: the round's draw, of the kinds `style` asks.
pub fn deal_for(
    bank: &Bank,
    settings: &RoundSettings,
    style: AnsweringStyle,
    seed: u64,
) -> Result<Vec<DealtQuestion>, DealError> {
    let mut asked = bank.clone();
    asked.questions.retain(|q| style.deals(q));
    deal(&asked, settings, seed)
}

/// Whether the leaderboard comes after question number `done` (closed
/// questions so far): every `every` questions, never after the last one
/// (the podium follows that), and never when set to the end only.
pub fn leaderboard_due(done: usize, total: usize, every: Option<usize>) -> bool {
    done < total && every.is_some_and(|n| n > 0 && done > 0 && done.is_multiple_of(n))
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
    /// Whether another team holds the same rank.
    pub shared: bool,
    pub points: u32,
    pub correct: usize,
}

impl Standing {
    pub fn place(&self) -> Place {
        Place { rank: self.rank, shared: self.shared }
    }
}

#[derive(Debug, Clone)]
pub struct Session {
    pub settings: RoundSettings,
    pub style: AnsweringStyle,
    pub teams: Vec<String>,
    /// Show the leaderboard after every `n` questions; `None`: only at the end.
    pub leaderboard_every: Option<usize>,
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
            leaderboard_every: Some(1),
            walk: Walk::new(questions),
            given: vec![None; n],
            streaks: vec![Streak::default(); n],
            results: Vec::new(),
        }
    }

    /// Sets how often the leaderboard shows.
    pub fn with_leaderboard(mut self, every: Option<usize>) -> Session {
        self.leaderboard_every = every;
        self
    }

    pub fn results(&self) -> &[QuestionResult] {
        &self.results
    }

    /// Whether the leaderboard comes after the question on show.
    pub fn leaderboard_due(&self) -> bool {
        self.phase() == Phase::Revealing
            && leaderboard_due(self.results.len(), self.len(), self.leaderboard_every)
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

    /// The answer as the open question takes it, if it can.
    fn accepted(&self, answer: Answer) -> Option<Answer> {
        self.current()?.accept(answer).ok()
    }

    /// A team's buzzer: the first press on an open question counts, later
    /// ones are ignored. Returns whether it counted. When every team has
    /// answered, the question closes.
    pub fn buzz(&mut self, team: usize, answer: Answer) -> bool {
        let Some(answer) = self.accepted(answer) else { return false };
        if self.phase() != Phase::Asking || self.is_paused() || team >= self.teams.len() {
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
        let answer = match answer {
            Some(a) => match self.accepted(a) {
                Some(a) => Some(a),
                None => return false,
            },
            None => None,
        };
        if self.phase() != Phase::Asking || team >= self.teams.len() {
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
            .map(|team| Standing {
                team,
                rank: 0,
                shared: false,
                points: self.points(team),
                correct: self.correct(team),
            })
            .collect();
        rank_by_points(&mut all, |s| s.points, |s, place| (s.rank, s.shared) = (place.rank, place.shared));
        all
    }

    pub fn summary(&self) -> SessionSummary {
        SessionSummary::new(&self.teams, &self.results)
    }
}

/// A team's line in the final table.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamSummary {
    pub name: String,
    pub rank: usize,
    /// Whether another team holds the same rank.
    pub shared: bool,
    pub points: u32,
    pub correct: usize,
    /// Questions the team was scored on (skipped ones excluded).
    pub asked: usize,
    /// Over answers the team timed itself (buzzers); `None` otherwise.
    pub average_response: Option<Duration>,
}

impl TeamSummary {
    pub fn place(&self) -> Place {
        Place { rank: self.rank, shared: self.shared }
    }

    pub fn accuracy(&self) -> f64 {
        if self.asked == 0 { 0.0 } else { self.correct as f64 / self.asked as f64 }
    }
}

/// A question's line in the summary: how many teams (or players) got it
/// right; `teams` counts those asked.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionSummary {
    pub id: String,
    pub prompt: String,
    pub answer: String,
    pub right: usize,
    pub teams: usize,
}

impl QuestionSummary {
    /// A closed question's line, from the verdict of each who was asked it.
    pub fn of(question: &DealtQuestion, verdicts: impl IntoIterator<Item = Verdict>) -> QuestionSummary {
        let (mut right, mut asked) = (0, 0);
        for verdict in verdicts {
            asked += 1;
            right += usize::from(verdict.is_correct());
        }
        QuestionSummary {
            id: question.question.id.clone(),
            prompt: super::round::review_prompt(question),
            answer: question.question.answer_text(),
            right,
            teams: asked,
        }
    }

    /// Hardest first: the lowest share right. The sort is stable, so equal
    /// questions keep the order they were asked in.
    pub fn hardest_first(questions: &mut [QuestionSummary]) {
        questions.sort_by(|a, b| a.share_right().total_cmp(&b.share_right()));
    }

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
                    shared: false,
                    points: records.iter().map(|r| r.record.points.total()).sum(),
                    correct: records.iter().filter(|r| r.record.verdict.is_correct()).count(),
                    asked: records.len(),
                    average_response: (!timed.is_empty())
                        .then(|| timed.iter().sum::<Duration>() / timed.len() as u32),
                }
            })
            .collect();
        rank_by_points(&mut teams, |t| t.points, |t, place| (t.rank, t.shared) = (place.rank, place.shared));
        let mut questions: Vec<QuestionSummary> = results
            .iter()
            .filter(|r| !r.skipped)
            .map(|r| QuestionSummary::of(&r.question, r.teams.iter().map(|t| t.record.verdict)))
            .collect();
        QuestionSummary::hardest_first(&mut questions);
        SessionSummary { teams, questions }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::builtin;
    use crate::quiz::deck::QuestionCount;
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
        let ranks: Vec<(usize, String)> =
            s.standings().iter().map(|st| (st.team, st.place().label())).collect();
        assert_eq!(ranks, [(0, "=1st".into()), (2, "=1st".into()), (1, "=3rd".into()), (3, "=3rd".into())]);
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
    fn buzzer_sessions_leave_estimates_out() {
        let bank = builtin::check().bank.unwrap();
        let settings = RoundSettings { questions: QuestionCount::All, ..Default::default() };
        let buzzers = deal_for(&bank, &settings, AnsweringStyle::Buzzers, 3).unwrap();
        let entry = deal_for(&bank, &settings, AnsweringStyle::TeacherEntry, 3).unwrap();
        let estimates = |qs: &[DealtQuestion]| qs.iter().filter(|q| q.scale().is_some()).count();
        assert_eq!(estimates(&buzzers), 0);
        assert!(estimates(&entry) > 0, "teacher entry asks estimates too");
        assert_eq!(buzzers.len() + estimates(&entry), entry.len());
    }

    #[test]
    fn teams_fit_the_style_and_blanks_get_default_names() {
        let mut teams: Vec<String> = (1..=6).map(default_team_name).collect();
        fit_teams(&mut teams, AnsweringStyle::Buzzers);
        assert_eq!(teams.len(), 4, "buzzers allow four teams");
        let mut one = vec!["  ".to_string()];
        fit_teams(&mut one, AnsweringStyle::TeacherEntry);
        assert_eq!(team_names(&one), ["Team 1", "Team 2"]);
        assert_eq!(team_names(&[" Kererū ".into(), "".into()]), ["Kererū", "Team 2"]);
    }

    #[test]
    fn the_leaderboard_is_due_every_n_questions_but_never_after_the_last() {
        let due: Vec<usize> = (1..=10).filter(|&done| leaderboard_due(done, 10, Some(3))).collect();
        assert_eq!(due, [3, 6, 9]);
        assert!(!leaderboard_due(10, 10, Some(1)), "the podium follows the last question");
        assert!(!leaderboard_due(4, 10, None), "only at the end");
        assert!(!leaderboard_due(0, 10, Some(1)));
        assert!(!leaderboard_due(2, 10, Some(0)));
    }

    #[test]
    fn a_session_knows_when_its_leaderboard_is_due() {
        let mut s = session(AnsweringStyle::Buzzers, 2).with_leaderboard(Some(2));
        s.buzz(0, right(&s));
        s.buzz(1, right(&s));
        assert!(!s.leaderboard_due());
        s.next();
        s.skip();
        assert!(s.leaderboard_due(), "a skipped question counts towards the leaderboard");
        s.next();
        assert!(!s.leaderboard_due(), "not while a question is open");
    }

    #[test]
    fn teacher_entry_takes_estimates_on_the_question_scale() {
        let bank = builtin::check().bank.unwrap();
        let settings = RoundSettings { questions: QuestionCount::All, ..Default::default() };
        let mut questions = deal(&bank, &settings, 9).unwrap();
        questions.retain(|q| q.scale().is_some());
        let scale = questions[0].scale().unwrap();
        let mut s =
            Session::new(questions, settings, AnsweringStyle::TeacherEntry, vec!["A".into(), "B".into()]);
        assert!(!s.enter(0, Some(Answer::Estimate(f64::INFINITY))));
        assert!(!s.enter(0, Some(Answer::Estimate(scale.max + 10.0 * scale.step))), "out of range");
        assert!(!s.enter(0, Some(Answer::Choice(0))), "an estimate takes a number");
        assert!(s.enter(1, Some(Answer::Estimate(scale.min + scale.step * 0.4))));
        assert_eq!(s.answer_of(1), Some(Answer::Estimate(scale.min)), "snapped to a step");
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
