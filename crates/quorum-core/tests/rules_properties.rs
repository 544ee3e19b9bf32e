//! What must hold for every input to the rules of play: scoring stays within
//! its bounds and never pays more for a slower answer; dealing never repeats
//! a question, honours the count and the filters, and is the same for a seed.

use std::collections::HashSet;
use std::time::Duration;

use proptest::prelude::*;
use quorum_core::bank::QuestionKind;
use quorum_core::bank::{Bank, Difficulty, builtin};
use quorum_core::quiz::classroom::{AnsweringStyle, deal_for};
use quorum_core::quiz::scoring::{
    FULL_POINTS, GRACE, STREAK_CAP, estimate_verdict, score, speed_factor, streak_bonus,
};
use quorum_core::quiz::{DealError, QuestionCount, RoundSettings, Verdict, deal};

fn verdict() -> impl Strategy<Value = Verdict> {
    prop_oneof![
        Just(Verdict::Correct),
        Just(Verdict::Wrong),
        Just(Verdict::TimedOut),
        (0.0f64..=1.0).prop_map(Verdict::Close),
    ]
}

/// A time limit as a round or a question sets one (5 to 240 s), or practice.
fn limit() -> impl Strategy<Value = Option<Duration>> {
    prop_oneof![Just(None), (5u64..=240).prop_map(|s| Some(Duration::from_secs(s)))]
}

/// A response time, from instant to well past any limit, in milliseconds.
fn response() -> impl Strategy<Value = Duration> {
    (0u64..600_000).prop_map(Duration::from_millis)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn points_stay_within_their_bounds(
        verdict in verdict(),
        response in response(),
        limit in limit(),
        streak in 0u32..100,
        speed_bonus in any::<bool>(),
    ) {
        let p = score(verdict, response, limit, streak, speed_bonus);
        let answer_points = p.base + p.speed;
        prop_assert!(answer_points <= FULL_POINTS, "{p:?}");
        prop_assert!(p.streak <= STREAK_CAP, "{p:?}");
        prop_assert_eq!(p.total(), answer_points + p.streak);
        match verdict {
            Verdict::Wrong | Verdict::TimedOut => prop_assert_eq!(p.total(), 0),
            Verdict::Correct => {
                prop_assert_eq!(p.streak, streak_bonus(streak));
                if speed_bonus && limit.is_some() {
                    // Half is sure; the other half is for speed.
                    prop_assert!(answer_points >= FULL_POINTS / 2, "{p:?}");
                    prop_assert_eq!(p.base, FULL_POINTS / 2);
                } else {
                    prop_assert_eq!(answer_points, FULL_POINTS, "flat without a clock or bonus");
                    prop_assert_eq!(p.speed, 0);
                }
                if response <= GRACE {
                    prop_assert_eq!(answer_points, FULL_POINTS, "full points in the first half second");
                }
            }
            Verdict::Close(credit) => {
                // A share of a right answer's points, and never a streak bonus.
                prop_assert_eq!(p.streak, 0);
                prop_assert!(f64::from(answer_points) <= (f64::from(FULL_POINTS) * credit).round(), "{p:?}");
            }
        }
    }

    #[test]
    fn a_slower_answer_never_scores_more(
        verdict in verdict(),
        a in response(),
        b in response(),
        limit in limit(),
        streak in 0u32..20,
        speed_bonus in any::<bool>(),
    ) {
        let (fast, slow) = if a <= b { (a, b) } else { (b, a) };
        let quick = score(verdict, fast, limit, streak, speed_bonus);
        let late = score(verdict, slow, limit, streak, speed_bonus);
        prop_assert!(quick.total() >= late.total(), "{fast:?} -> {quick:?}, {slow:?} -> {late:?}");
        let (f, s) = (speed_factor(fast, limit), speed_factor(slow, limit));
        prop_assert!((0.5..=1.0).contains(&f) && (0.5..=1.0).contains(&s) && f >= s);
    }

    #[test]
    fn a_longer_streak_never_scores_less(
        response in response(),
        limit in limit(),
        streak in 0u32..100,
        speed_bonus in any::<bool>(),
    ) {
        let now = score(Verdict::Correct, response, limit, streak, speed_bonus).total();
        let next = score(Verdict::Correct, response, limit, streak + 1, speed_bonus).total();
        prop_assert!(next >= now && next - now <= 100);
    }

    #[test]
    fn a_further_estimate_never_earns_more_credit(
        tolerance in 0.0f64..1000.0,
        a in 0.0f64..5000.0,
        b in 0.0f64..5000.0,
    ) {
        let (near, far) = if a <= b { (a, b) } else { (b, a) };
        let (v_near, v_far) = (estimate_verdict(near, tolerance), estimate_verdict(far, tolerance));
        prop_assert!(v_near.credit() >= v_far.credit(), "{near} -> {v_near:?}, {far} -> {v_far:?}");
        prop_assert!((0.0..=1.0).contains(&v_far.credit()));
        prop_assert_eq!(v_near == Verdict::Correct, near <= tolerance + 1e-9);
        if far >= 2.0 * tolerance && far > tolerance + 1e-9 {
            prop_assert_eq!(v_far, Verdict::Wrong);
        }
    }
}

fn shipped() -> Bank {
    builtin::check().playable().unwrap()
}

/// Round settings over the shipped bank's own topics and difficulties.
fn settings() -> impl Strategy<Value = RoundSettings> {
    let topics = shipped().topics();
    let count = prop_oneof![(1usize..80).prop_map(QuestionCount::Some), Just(QuestionCount::All)];
    (
        count,
        prop::sample::subsequence(topics.clone(), 0..=topics.len()),
        prop::sample::subsequence(Difficulty::ALL.to_vec(), 0..=3),
        prop_oneof![Just(None), (5u32..=240).prop_map(Some)],
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(questions, topics, difficulties, seconds, speed_bonus, include_drafts)| {
            RoundSettings { questions, topics, difficulties, seconds, speed_bonus, include_drafts }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn a_deal_honours_the_count_and_filters_and_never_repeats(
        settings in settings(),
        seed in any::<u64>(),
        repeated in prop::collection::vec(0usize..45, 0..6),
    ) {
        // A bank may list a question twice (the check reports it); a round
        // still asks it once.
        let mut bank = shipped();
        for i in repeated {
            let q = bank.questions[i % bank.questions.len()].clone();
            bank.questions.push(q);
        }
        let matching: HashSet<&str> =
            bank.questions.iter().filter(|q| settings.admits(q)).map(|q| q.id.as_str()).collect();
        let dealt = deal(&bank, &settings, seed);
        if matching.is_empty() {
            prop_assert_eq!(dealt, Err(DealError::NothingMatches));
            return Ok(());
        }
        let dealt = dealt.unwrap();
        let wanted = match settings.questions {
            QuestionCount::All => matching.len(),
            QuestionCount::Some(n) => n.min(matching.len()),
        };
        prop_assert_eq!(dealt.len(), wanted);
        let ids: HashSet<&str> = dealt.iter().map(|d| d.question.id.as_str()).collect();
        prop_assert_eq!(ids.len(), dealt.len(), "a question dealt twice");
        for d in &dealt {
            prop_assert!(settings.admits(&d.question), "{} does not pass the filters", d.question.id);
            prop_assert_eq!(d.limit, settings.limit_for(&d.question));
            // The choices shown are the question's own, each once.
            let mut shown = d.choices.clone();
            let mut own = d.question.choices();
            if matches!(d.question.kind, QuestionKind::TrueFalse { .. }) {
                prop_assert_eq!(&shown, &own, "true/false keeps its order");
            }
            shown.sort();
            own.sort();
            prop_assert_eq!(shown, own);
        }
        // The same seed deals the same round, choices and all.
        prop_assert_eq!(deal(&bank, &settings, seed).unwrap(), dealt);
    }

    #[test]
    fn a_buzzer_session_never_deals_an_estimate(settings in settings(), seed in any::<u64>()) {
        let bank = shipped();
        if let Ok(dealt) = deal_for(&bank, &settings, AnsweringStyle::Buzzers, seed) {
            let estimates = dealt.iter().filter(|d| d.scale().is_some()).count();
            prop_assert_eq!(estimates, 0);
        }
        let teacher = deal_for(&bank, &settings, AnsweringStyle::TeacherEntry, seed);
        prop_assert_eq!(teacher, deal(&bank, &settings, seed), "teacher entry asks every kind");
    }
}
