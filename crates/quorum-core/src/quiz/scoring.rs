//! Kahoot-style scoring: speed, streaks and partial credit for estimates.
//!
//! - A correct answer scores `round(1000 × (1 − (t/T)/2))`: at least 500, and
//!   the full 1000 within the first half second.
//! - Each consecutive correct answer after the first adds +100, up to +500.
//! - A wrong answer or a time-out scores 0 and resets the streak.
//! - An estimate within its tolerance earns full credit; between one and two
//!   tolerances away the credit falls linearly to 0. A partial estimate scores
//!   its share but is not "correct": the streak starts again.
//! - With the speed bonus off, or in practice (no timer), a correct answer is
//!   a flat 1000.

use std::time::Duration;

pub const FULL_POINTS: u32 = 1000;
/// Answers this fast score as if instant.
pub const GRACE: Duration = Duration::from_millis(500);
pub const STREAK_STEP: u32 = 100;
pub const STREAK_CAP: u32 = 500;

/// What a player gave.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Answer {
    /// The index of a choice, in the order the player was shown them.
    Choice(usize),
    /// A value set on an estimate's slider.
    Estimate(f64),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    Correct,
    /// An estimate near enough for part of the points; the credit is 0 to 1.
    Close(f64),
    Wrong,
    TimedOut,
}

impl Verdict {
    pub fn is_correct(self) -> bool {
        self == Verdict::Correct
    }

    /// The share of the points the answer earns, 0 to 1.
    pub fn credit(self) -> f64 {
        match self {
            Verdict::Correct => 1.0,
            Verdict::Close(credit) => credit,
            Verdict::Wrong | Verdict::TimedOut => 0.0,
        }
    }
}

/// How an answer's points were made, for the reveal screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Points {
    /// What a correct answer earns regardless of speed (scaled by credit).
    pub base: u32,
    /// What answering quickly added.
    pub speed: u32,
    /// The streak bonus.
    pub streak: u32,
}

impl Points {
    pub fn total(self) -> u32 {
        self.base + self.speed + self.streak
    }
}

/// Points as shown to players: "5,500".
pub fn format_points(points: u32) -> String {
    let digits = points.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The verdict on an estimate `distance` away from the answer.
pub fn estimate_verdict(distance: f64, tolerance: f64) -> Verdict {
    // A hair of slack so a slider value like 0.1 × 507 still counts as 50.7.
    if distance <= tolerance + 1e-9 {
        Verdict::Correct
    } else if tolerance > 0.0 && distance < 2.0 * tolerance {
        Verdict::Close(1.0 - (distance - tolerance) / tolerance)
    } else {
        Verdict::Wrong
    }
}

/// The speed factor, 0.5 to 1: `1 − (t/T)/2`, or 1 within the grace period
/// or without a time limit.
pub fn speed_factor(response: Duration, limit: Option<Duration>) -> f64 {
    match limit {
        Some(limit) if response > GRACE && !limit.is_zero() => {
            let fraction = (response.as_secs_f64() / limit.as_secs_f64()).min(1.0);
            1.0 - fraction / 2.0
        }
        _ => 1.0,
    }
}

/// The streak bonus for a correct answer that makes a streak of `streak`.
pub fn streak_bonus(streak: u32) -> u32 {
    (STREAK_STEP * streak.saturating_sub(1)).min(STREAK_CAP)
}

/// Scores one answer. `streak` is the streak including this answer.
pub fn score(
    verdict: Verdict,
    response: Duration,
    limit: Option<Duration>,
    streak: u32,
    speed_bonus: bool,
) -> Points {
    let credit = verdict.credit();
    if credit <= 0.0 {
        return Points::default();
    }
    let full = f64::from(FULL_POINTS) * credit;
    let earned =
        if speed_bonus { (full * speed_factor(response, limit)).round() } else { full.round() } as u32;
    // With the speed bonus on, half of a correct answer's points are sure and
    // the other half is for speed.
    let base =
        if speed_bonus && limit.is_some() { ((full / 2.0).round() as u32).min(earned) } else { earned };
    let streak = if verdict.is_correct() { streak_bonus(streak) } else { 0 };
    Points { base, speed: earned - base, streak }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Option<Duration> = Some(Duration::from_secs(20));

    fn secs(s: f64) -> Duration {
        Duration::from_secs_f64(s)
    }

    #[test]
    fn points_are_grouped_in_thousands() {
        assert_eq!(format_points(0), "0");
        assert_eq!(format_points(950), "950");
        assert_eq!(format_points(5500), "5,500");
        assert_eq!(format_points(1234567), "1,234,567");
    }

    #[test]
    fn a_fast_correct_answer_scores_full() {
        let p = score(Verdict::Correct, secs(0.4), T, 1, true);
        assert_eq!(p, Points { base: 500, speed: 500, streak: 0 });
        assert_eq!(score(Verdict::Correct, secs(0.5), T, 1, true).total(), 1000);
    }

    #[test]
    fn the_formula_is_kahoots() {
        // round(1000 × (1 − (5/20)/2)) = 875
        assert_eq!(score(Verdict::Correct, secs(5.0), T, 1, true).total(), 875);
        assert_eq!(score(Verdict::Correct, secs(13.0), T, 1, true).total(), 675);
        // At the buzzer a correct answer still earns half.
        assert_eq!(score(Verdict::Correct, secs(20.0), T, 1, true).total(), 500);
    }

    #[test]
    fn streaks_add_100_each_up_to_500() {
        let bonuses: Vec<u32> = (1..=8).map(streak_bonus).collect();
        assert_eq!(bonuses, [0, 100, 200, 300, 400, 500, 500, 500]);
        assert_eq!(score(Verdict::Correct, secs(0.1), T, 3, true).total(), 1200);
    }

    #[test]
    fn wrong_and_timed_out_score_nothing() {
        assert_eq!(score(Verdict::Wrong, secs(1.0), T, 0, true).total(), 0);
        assert_eq!(score(Verdict::TimedOut, secs(20.0), T, 0, true).total(), 0);
    }

    #[test]
    fn speed_bonus_off_is_flat() {
        assert_eq!(
            score(Verdict::Correct, secs(19.0), T, 1, false),
            Points { base: 1000, speed: 0, streak: 0 }
        );
        // Practice mode has no limit: flat as well.
        assert_eq!(score(Verdict::Correct, secs(60.0), None, 1, true).total(), 1000);
    }

    #[test]
    fn estimates_earn_partial_credit_out_to_twice_the_tolerance() {
        assert_eq!(estimate_verdict(0.0, 5.0), Verdict::Correct);
        assert_eq!(estimate_verdict(5.0, 5.0), Verdict::Correct);
        assert_eq!(estimate_verdict(7.5, 5.0), Verdict::Close(0.5));
        assert_eq!(estimate_verdict(10.0, 5.0), Verdict::Wrong);
        assert_eq!(estimate_verdict(1.0, 0.0), Verdict::Wrong);
        // Half credit, answered instantly: 500; with the time factor at 10 s of 20: 375.
        assert_eq!(score(Verdict::Close(0.5), secs(0.2), T, 0, true).total(), 500);
        assert_eq!(score(Verdict::Close(0.5), secs(10.0), T, 0, true).total(), 375);
        // A close estimate gets no streak bonus.
        assert_eq!(score(Verdict::Close(0.5), secs(0.2), T, 4, true).streak, 0);
    }
}
