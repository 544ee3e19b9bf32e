//! Drawing a round's questions from a bank: filtered, seeded, shuffled.

use std::collections::HashSet;
use std::time::Duration;

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use super::estimate::{EstimateRefusal, EstimateScale};
use super::scoring::{Answer, Verdict, estimate_verdict};
use crate::bank::{Bank, Difficulty, Question, QuestionKind};

pub const DEFAULT_QUESTIONS: usize = 10;
pub const DEFAULT_SECONDS: u32 = 20;

/// How many questions a round draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionCount {
    Some(usize),
    All,
}

/// What a round draws and how it is timed and scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoundSettings {
    pub questions: QuestionCount,
    /// Topics to draw from; empty means every topic.
    pub topics: Vec<String>,
    /// Difficulties to draw from; empty means all.
    pub difficulties: Vec<Difficulty>,
    /// Seconds per question when a question sets none; `None` is practice,
    /// with no timer at all.
    pub seconds: Option<u32>,
    pub speed_bonus: bool,
    /// Play questions still marked as drafts (proposed by `quorum draft`,
    /// not yet reviewed). Off unless the teacher turns it on.
    pub include_drafts: bool,
}

impl Default for RoundSettings {
    fn default() -> Self {
        RoundSettings {
            questions: QuestionCount::Some(DEFAULT_QUESTIONS),
            topics: Vec::new(),
            difficulties: Vec::new(),
            seconds: Some(DEFAULT_SECONDS),
            speed_bonus: true,
            include_drafts: false,
        }
    }
}

impl RoundSettings {
    /// Whether a question passes the topic and difficulty filters, and is
    /// not an unreviewed draft unless drafts are wanted.
    pub fn admits(&self, q: &Question) -> bool {
        (self.include_drafts || !q.draft)
            && (self.topics.is_empty() || self.topics.iter().any(|t| t == &q.topic))
            && (self.difficulties.is_empty() || self.difficulties.contains(&q.difficulty))
    }

    /// The time limit for a question: none in practice, else its own or the round's.
    pub fn limit_for(&self, q: &Question) -> Option<Duration> {
        self.seconds.map(|round| Duration::from_secs(u64::from(q.time_limit.unwrap_or(round))))
    }
}

/// One question as it will be asked: choices in the order shown.
#[derive(Debug, Clone, PartialEq)]
pub struct DealtQuestion {
    pub question: Question,
    /// The choices in the order shown (shuffled; true/false stays in order;
    /// empty for an estimate).
    pub choices: Vec<String>,
    /// `None` for practice.
    pub limit: Option<Duration>,
}

/// Why an answer can't be taken by the question it was given to.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerRefusal {
    /// A choice number past the choices shown.
    NoSuchChoice {
        given: usize,
        choices: usize,
    },
    /// A choice given to an estimate question.
    ChoiceForEstimate,
    /// A number given to a question with choices.
    EstimateForChoices,
    Estimate(EstimateRefusal),
}

impl std::fmt::Display for AnswerRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnswerRefusal::NoSuchChoice { given, choices } => {
                write!(f, "there is no answer {} (this question has {choices})", given + 1)
            }
            AnswerRefusal::ChoiceForEstimate => f.write_str("this question wants a number, not a choice"),
            AnswerRefusal::EstimateForChoices => f.write_str("this question wants one of its answers"),
            AnswerRefusal::Estimate(refusal) => refusal.fmt(f),
        }
    }
}

impl DealtQuestion {
    /// The scale an estimate is answered on; `None` for choice questions.
    pub fn scale(&self) -> Option<EstimateScale> {
        EstimateScale::of(&self.question.kind)
    }

    /// The answer as the question takes it (an estimate snapped to its
    /// step), or why it can't be taken. Solo play, classroom sessions and
    /// students' devices all judge an answer's form here.
    pub fn accept(&self, answer: Answer) -> Result<Answer, AnswerRefusal> {
        match (answer, self.scale()) {
            (Answer::Choice(_), Some(_)) => Err(AnswerRefusal::ChoiceForEstimate),
            (Answer::Choice(i), None) if i < self.choices.len() => Ok(answer),
            (Answer::Choice(i), None) => {
                Err(AnswerRefusal::NoSuchChoice { given: i, choices: self.choices.len() })
            }
            (Answer::Estimate(v), Some(scale)) => {
                scale.accept(v).map(Answer::Estimate).map_err(AnswerRefusal::Estimate)
            }
            (Answer::Estimate(_), None) => Err(AnswerRefusal::EstimateForChoices),
        }
    }

    /// The index of the right choice as shown.
    pub fn correct_choice(&self) -> Option<usize> {
        let right = self.question.answer_text();
        self.choices.iter().position(|c| *c == right)
    }

    /// Judges an answer; `None` means time ran out.
    pub fn verdict(&self, answer: Option<Answer>) -> Verdict {
        match (answer, &self.question.kind) {
            (None, _) => Verdict::TimedOut,
            (Some(Answer::Estimate(value)), QuestionKind::Estimate { answer, tolerance, .. }) => {
                estimate_verdict((value - answer).abs(), *tolerance)
            }
            (Some(Answer::Choice(index)), _) if Some(index) == self.correct_choice() => Verdict::Correct,
            (Some(_), _) => Verdict::Wrong,
        }
    }

    /// The answer as the player would read it.
    pub fn describe(&self, answer: Option<Answer>) -> String {
        match answer {
            None => "No answer".to_string(),
            Some(Answer::Choice(i)) => {
                self.choices.get(i).cloned().unwrap_or_else(|| "No answer".to_string())
            }
            Some(Answer::Estimate(v)) => match &self.question.kind {
                QuestionKind::Estimate { unit, .. } => crate::bank::model::format_amount(v, unit),
                _ => crate::bank::model::format_number(v),
            },
        }
    }
}

/// Why no round could be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DealError {
    /// No question passes the chosen topics and difficulties.
    NothingMatches,
    /// Every question that matches is a draft no one has reviewed, and the
    /// round does not include drafts.
    OnlyDrafts { drafts: usize },
}

impl std::fmt::Display for DealError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DealError::NothingMatches => {
                f.write_str("no question matches the chosen topics and difficulties")
            }
            DealError::OnlyDrafts { drafts } => write!(
                f,
                "the {drafts} matching question{} not been reviewed yet (drafts): review {} in the editor, or choose to play drafts",
                if *drafts == 1 { " has" } else { "s have" },
                if *drafts == 1 { "it" } else { "them" },
            ),
        }
    }
}

/// Draws a round: filters the bank, shuffles with `seed`, takes the number
/// asked for, spreads the kinds out, and shuffles each question's choices.
pub fn deal(bank: &Bank, settings: &RoundSettings, seed: u64) -> Result<Vec<DealtQuestion>, DealError> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut pool: Vec<&Question> = bank.questions.iter().filter(|q| settings.admits(q)).collect();
    // A bank could list an id twice; a round never repeats one.
    let mut seen = HashSet::new();
    pool.retain(|q| seen.insert(q.id.as_str()));
    if pool.is_empty() {
        let with_drafts = RoundSettings { include_drafts: true, ..settings.clone() };
        let drafts = bank.questions.iter().filter(|q| q.draft && with_drafts.admits(q)).count();
        return Err(if drafts > 0 { DealError::OnlyDrafts { drafts } } else { DealError::NothingMatches });
    }
    pool.shuffle(&mut rng);
    let count = match settings.questions {
        QuestionCount::All => pool.len(),
        QuestionCount::Some(n) => n.clamp(1, pool.len()),
    };
    pool.truncate(count);
    spread_kinds(&mut pool);
    Ok(pool
        .into_iter()
        .map(|q| {
            let mut choices = q.choices();
            if !matches!(q.kind, QuestionKind::TrueFalse { .. }) {
                choices.shuffle(&mut rng);
            }
            DealtQuestion { question: q.clone(), choices, limit: settings.limit_for(q) }
        })
        .collect())
}

/// Reorders so that, where possible, no two questions of the same kind come
/// one after the other.
fn spread_kinds(pool: &mut [&Question]) {
    for i in 1..pool.len() {
        if pool[i].kind_name() == pool[i - 1].kind_name()
            && let Some(j) = (i + 1..pool.len()).find(|&j| pool[j].kind_name() != pool[i - 1].kind_name())
        {
            pool.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::builtin;

    fn bank() -> Bank {
        builtin::check().bank.unwrap()
    }

    #[test]
    fn the_same_seed_deals_the_same_round() {
        let s = RoundSettings::default();
        assert_eq!(deal(&bank(), &s, 7).unwrap(), deal(&bank(), &s, 7).unwrap());
        assert_ne!(deal(&bank(), &s, 7).unwrap(), deal(&bank(), &s, 8).unwrap());
    }

    #[test]
    fn no_question_repeats_and_the_count_is_honoured() {
        let b = bank();
        let round =
            deal(&b, &RoundSettings { questions: QuestionCount::All, ..Default::default() }, 1).unwrap();
        assert_eq!(round.len(), b.questions.len());
        let ids: HashSet<&str> = round.iter().map(|d| d.question.id.as_str()).collect();
        assert_eq!(ids.len(), round.len());
        assert_eq!(deal(&b, &RoundSettings::default(), 1).unwrap().len(), 10);
        let many = RoundSettings { questions: QuestionCount::Some(500), ..Default::default() };
        assert_eq!(deal(&b, &many, 1).unwrap().len(), b.questions.len());
    }

    #[test]
    fn filters_by_topic_and_difficulty() {
        let s = RoundSettings {
            questions: QuestionCount::All,
            topics: vec!["Figures".into()],
            difficulties: vec![Difficulty::Hard],
            ..Default::default()
        };
        let round = deal(&bank(), &s, 3).unwrap();
        assert!(!round.is_empty());
        assert!(
            round.iter().all(|d| d.question.topic == "Figures" && d.question.difficulty == Difficulty::Hard)
        );
        let none = RoundSettings { topics: vec!["Sport".into()], ..Default::default() };
        assert_eq!(deal(&bank(), &none, 3), Err(DealError::NothingMatches));
    }

    #[test]
    fn drafts_are_played_only_when_the_round_asks_for_them() {
        let mut b = bank();
        for q in b.questions.iter_mut().take(5) {
            q.draft = true;
        }
        let all = RoundSettings { questions: QuestionCount::All, ..Default::default() };
        let round = deal(&b, &all, 2).unwrap();
        assert_eq!(round.len(), b.questions.len() - 5);
        assert!(round.iter().all(|d| !d.question.draft));
        let with_drafts = RoundSettings { include_drafts: true, ..all.clone() };
        assert_eq!(deal(&b, &with_drafts, 2).unwrap().len(), b.questions.len());

        for q in &mut b.questions {
            q.draft = true;
        }
        let err = deal(&b, &all, 2).unwrap_err();
        assert_eq!(err, DealError::OnlyDrafts { drafts: b.questions.len() });
        assert!(err.to_string().contains("choose to play drafts"), "{err}");
        let sport = RoundSettings { topics: vec!["Sport".into()], ..all };
        assert_eq!(
            deal(&b, &sport, 2),
            Err(DealError::NothingMatches),
            "drafts that don't match are no excuse"
        );
    }

    #[test]
    fn choices_are_shuffled_but_judged_by_value() {
        let round = deal(&bank(), &RoundSettings { questions: QuestionCount::All, ..Default::default() }, 11)
            .unwrap();
        let moved = round.iter().filter(|d| d.choices != d.question.choices()).count();
        assert!(moved > 5, "only {moved} questions had their choices shuffled");
        for d in &round {
            if let Some(i) = d.correct_choice() {
                assert_eq!(d.verdict(Some(Answer::Choice(i))), Verdict::Correct);
                assert_eq!(d.choices[i], d.question.answer_text());
                let wrong = (i + 1) % d.choices.len();
                assert_eq!(d.verdict(Some(Answer::Choice(wrong))), Verdict::Wrong);
            }
            assert_eq!(d.verdict(None), Verdict::TimedOut);
        }
    }

    #[test]
    fn kinds_are_spread_out() {
        let round =
            deal(&bank(), &RoundSettings { questions: QuestionCount::All, ..Default::default() }, 5).unwrap();
        let repeats =
            round.windows(2).filter(|w| w[0].question.kind_name() == w[1].question.kind_name()).count();
        assert!(repeats <= 3, "{repeats} back-to-back repeats of a kind");
    }

    #[test]
    fn time_limits_come_from_the_question_or_the_round() {
        let mut q = bank().questions[0].clone();
        let s = RoundSettings::default();
        assert_eq!(s.limit_for(&q), Some(Duration::from_secs(20)));
        q.time_limit = Some(45);
        assert_eq!(s.limit_for(&q), Some(Duration::from_secs(45)));
        let practice = RoundSettings { seconds: None, ..Default::default() };
        assert_eq!(practice.limit_for(&q), None);
    }
}
