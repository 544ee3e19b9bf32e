//! The rules of play: drawing a round, the question timer, scoring and
//! streaks, classroom and players' sessions, results and personal bests.
//!
//! This module knows nothing of Bevy; the game calls it and draws what it
//! says. A scoring or timing rule found anywhere else belongs here.

pub mod bests;
pub mod classroom;
pub mod deck;
pub mod estimate;
pub mod places;
pub mod players;
pub mod results_folder;
pub mod round;
pub mod save_file;
pub mod scoring;
pub mod session_log;

pub use deck::{AnswerRefusal, DealError, DealtQuestion, QuestionCount, RoundSettings, deal};
pub use estimate::{EstimateRefusal, EstimateScale};
pub use places::{Outcome, Place};
pub use round::{AnswerRecord, Phase, QuestionTimer, Round, RoundResults, Streak, Walk};
pub use scoring::{Answer, Points, Verdict};
