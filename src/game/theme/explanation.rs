//! What a reveal teaches: the verdict in words, the explanation, and the
//! article's own words with who said them. The solo and classroom reveals
//! both show it.

use bevy::prelude::*;

use super::paint::Ink;
use super::{size, widgets};
use quorum_core::bank::Question;
use quorum_core::quiz::Verdict;

/// The headline for a verdict.
pub fn verdict_text(verdict: Verdict) -> String {
    match verdict {
        Verdict::Correct => "Correct!".to_string(),
        Verdict::Close(credit) => format!("Close! {:.0}% credit", credit * 100.0),
        Verdict::Wrong => "Not quite".to_string(),
        Verdict::TimedOut => "Time's up".to_string(),
    }
}

/// The mark and colour of a verdict: a tick, a half circle or a cross, so
/// the colour is never the only signal.
pub fn verdict_mark(verdict: Verdict) -> (&'static str, Ink) {
    match verdict {
        Verdict::Correct => ("✔", Ink::Correct),
        Verdict::Close(_) => ("◐", Ink::Partial),
        Verdict::Wrong | Verdict::TimedOut => ("✘", Ink::Wrong),
    }
}

/// A question's sources as the article's own words, each in quotation marks.
pub fn quoted_sources(q: &Question) -> String {
    q.source.iter().map(|s| format!("\u{201C}{}\u{201D}", s.trim())).collect::<Vec<_>>().join(" … ")
}

/// The explanation, the article's words, and any background from outside
/// the article with its source: panels `max_width` wide. Background is kept
/// apart and labelled, so the class knows what the article says and what
/// it doesn't.
pub fn explanation(parent: &mut ChildSpawnerCommands, question: &Question, max_width: f32) {
    let panel = || {
        widgets::panel(Node {
            width: percent(100),
            max_width: px(max_width),
            padding: UiRect::axes(px(22), px(12)),
            row_gap: px(6),
            ..widgets::panel_node()
        })
    };
    parent.spawn(panel()).with_children(|why| {
        why.spawn(widgets::bold("Why", size::SMALL, Ink::Accent));
        why.spawn(widgets::text(question.explanation.clone(), size::BODY, Ink::Text));
    });
    if !question.source.is_empty() {
        parent.spawn(panel()).with_children(|article| {
            article.spawn(widgets::bold("From the article", size::SMALL, Ink::Accent));
            article.spawn(widgets::italic(quoted_sources(question), size::BODY, Ink::Text));
            if let Some(speaker) = question.speaker() {
                article.spawn((
                    widgets::text(format!("— {speaker}"), size::BODY, Ink::Muted),
                    Node { align_self: AlignSelf::End, ..default() },
                ));
            }
        });
    }
    if let Some(background) = &question.background {
        parent.spawn(panel()).with_children(|more| {
            more.spawn(widgets::bold("Background: not from the article", size::SMALL, Ink::Accent));
            more.spawn(widgets::text(background.text.clone(), size::SMALL, Ink::Text));
            if let Some(cite) = background.cite.as_deref().filter(|c| !c.trim().is_empty()) {
                more.spawn(widgets::text(format!("Source: {cite}"), size::SMALL, Ink::Muted));
            }
        });
    }
}
