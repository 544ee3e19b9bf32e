//! The rows setting up a round, shared by the solo and classroom setup
//! screens: questions, timer, speed bonus, high contrast, whether to play
//! drafts (for a bank that has some), difficulties and topics, and the
//! scoring rules in a sentence.

use bevy::prelude::*;

use super::controls;
use crate::game::settings::setup::{RoundSetting, SetupChoices};
use quorum_core::bank::{Bank, Difficulty};
use quorum_core::quiz::QuestionCount;
use quorum_core::quiz::scoring::{FULL_POINTS, STREAK_CAP, STREAK_STEP};

fn count_label(count: QuestionCount, available: usize) -> String {
    match count {
        QuestionCount::All => format!("All ({available})"),
        QuestionCount::Some(n) if n >= available => format!("{n} (all {available})"),
        QuestionCount::Some(n) => n.to_string(),
    }
}

fn timer_label(seconds: Option<u32>) -> String {
    match seconds {
        Some(s) => format!("{s} seconds"),
        None => "Practice: no timer".to_string(),
    }
}

fn on_off(on: bool) -> &'static str {
    if on { "On" } else { "Off" }
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// The stepped settings: questions, timer, speed bonus and the
/// high-contrast theme. `wrap` turns each setting into the screen's action;
/// `layout` is the label and value widths.
pub fn stepper_rows<A: Component>(
    rows: &mut ChildSpawnerCommands,
    choices: &SetupChoices,
    bank: &Bank,
    layout: (f32, f32),
    focus: Option<&RoundSetting>,
    wrap: impl Fn(RoundSetting) -> A,
) {
    let s = &choices.settings;
    let available = bank.questions.iter().filter(|q| s.admits(q)).count();
    let (label_width, value_width) = layout;
    let steppers = [
        ("Questions", count_label(s.questions, available), RoundSetting::Questions),
        ("Time per question", timer_label(s.seconds), RoundSetting::Timer),
        ("Speed bonus", on_off(s.speed_bonus).to_string(), RoundSetting::SpeedBonus),
        ("High contrast", on_off(choices.high_contrast).to_string(), RoundSetting::HighContrast),
    ];
    for (label, value, setting) in steppers {
        controls::setting_row(rows, label, label_width, |r| {
            let focused = focus == Some(&setting);
            controls::stepper(r, value, value_width, focused, wrap(setting.clone()));
        });
    }
}

/// The chips choosing which questions a round draws: difficulties, topics
/// and, when the bank has drafts no one has checked, whether to play them.
pub fn filter_rows<A: Component>(
    rows: &mut ChildSpawnerCommands,
    choices: &SetupChoices,
    bank: &Bank,
    label_width: f32,
    focus: Option<&RoundSetting>,
    wrap: impl Fn(RoundSetting) -> A,
) {
    let s = &choices.settings;
    let focused = |a: &RoundSetting| focus == Some(a);
    controls::setting_row(rows, "Difficulty", label_width, |r| {
        let all = std::iter::once((None, "All".to_string(), s.difficulties.is_empty()));
        let each =
            Difficulty::ALL.iter().map(|d| (Some(*d), capitalised(d.name()), s.difficulties.contains(d)));
        for (d, label, on) in all.chain(each) {
            let setting = RoundSetting::Difficulty(d);
            controls::chip(r, &label, on, focused(&setting), wrap(setting.clone()));
        }
    });
    controls::setting_row(rows, "Topics", label_width, |r| {
        let setting = RoundSetting::Topic(None);
        controls::chip(r, "All", s.topics.is_empty(), focused(&setting), wrap(setting.clone()));
        for topic in bank.topics() {
            let on = s.topics.contains(&topic);
            let setting = RoundSetting::Topic(Some(topic.clone()));
            controls::chip(r, &topic, on, focused(&setting), wrap(setting.clone()));
        }
    });
    let drafts = bank.questions.iter().filter(|q| q.draft).count();
    if drafts > 0 {
        controls::setting_row(rows, "Drafts", label_width, |r| {
            for (play, label) in
                [(false, "Leave out".to_string()), (true, format!("Play draft questions ({drafts})"))]
            {
                let setting = RoundSetting::Drafts(play);
                let on = s.include_drafts == play;
                controls::chip(r, &label, on, focused(&setting), wrap(setting.clone()));
            }
        });
    }
}

/// The scoring rules in a sentence, as they apply to these settings.
pub fn scoring_sentence(speed_bonus: bool) -> String {
    if speed_bonus {
        format!(
            "Scoring: a right answer earns {}–{FULL_POINTS} points, more the faster you answer; each answer in a streak adds +{STREAK_STEP}, up to +{STREAK_CAP}.",
            FULL_POINTS / 2
        )
    } else {
        format!(
            "Scoring: every right answer earns {FULL_POINTS} points; each answer in a streak adds +{STREAK_STEP}, up to +{STREAK_CAP}."
        )
    }
}
