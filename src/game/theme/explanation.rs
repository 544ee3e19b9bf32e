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

/// The colour of "N% right": green only when a clear majority was right
/// (two thirds or more), amber for a split class, red when most were wrong.
pub fn share_right_ink(share: f64) -> Ink {
    if share >= 2.0 / 3.0 {
        Ink::Correct
    } else if share >= 1.0 / 3.0 {
        Ink::Partial
    } else {
        Ink::Wrong
    }
}

/// A question's sources as the article's own words, each in quotation marks.
pub fn quoted_sources(q: &Question) -> String {
    q.source.iter().map(|s| format!("\u{201C}{}\u{201D}", s.trim())).collect::<Vec<_>>().join(" … ")
}

/// How the explanation's panels are laid out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Layout {
    /// One above the other, `max_width` wide (a player's own screen).
    Stacked { max_width: f32 },
    /// Side by side across the screen, in large type (the projector, read
    /// from the back of a classroom).
    Columns,
}

/// The explanation, the article's words, and any background from outside
/// the article with its source. Background is kept apart and labelled, so
/// the class knows what the article says and what it doesn't.
pub fn explanation(parent: &mut ChildSpawnerCommands, question: &Question, layout: Layout) {
    let (text_size, max_width) = match layout {
        Layout::Stacked { max_width } => (size::BODY, max_width),
        Layout::Columns => (size::TILE, f32::MAX),
    };
    let panel = |grow: bool| {
        widgets::panel(Node {
            width: if grow { auto() } else { percent(100) },
            max_width: if max_width == f32::MAX { auto() } else { px(max_width) },
            flex_grow: if grow { 1.0 } else { 0.0 },
            flex_basis: if grow { px(0) } else { auto() },
            padding: UiRect::axes(px(22), px(12)),
            row_gap: px(6),
            ..widgets::panel_node()
        })
    };
    let columns = layout == Layout::Columns;
    let why = |parent: &mut ChildSpawnerCommands| {
        parent.spawn(panel(columns)).with_children(|why| {
            why.spawn(widgets::bold("Why", size::SMALL, Ink::Accent));
            why.spawn(widgets::text(question.explanation.clone(), text_size, Ink::Text));
            if let Some(background) = &question.background {
                why.spawn((
                    widgets::bold("Background: not from the article", size::SMALL, Ink::Accent),
                    Node { margin: UiRect::top(px(8)), ..default() },
                ));
                why.spawn(widgets::text(background.text.clone(), size::SMALL, Ink::Text));
                if let Some(cite) = background.cite.as_deref().filter(|c| !c.trim().is_empty()) {
                    why.spawn(widgets::text(format!("Source: {cite}"), size::SMALL, Ink::Muted));
                }
            }
        });
    };
    let article = |parent: &mut ChildSpawnerCommands| {
        if question.source.is_empty() {
            return;
        }
        parent.spawn(panel(columns)).with_children(|article| {
            article.spawn(widgets::bold("From the article", size::SMALL, Ink::Accent));
            article.spawn(widgets::italic(quoted_sources(question), text_size, Ink::Text));
            if let Some(speaker) = question.speaker() {
                article.spawn((
                    widgets::text(format!("— {speaker}"), text_size, Ink::Muted),
                    Node { align_self: AlignSelf::End, ..default() },
                ));
            }
        });
    };
    if columns {
        parent.spawn(Node { width: percent(100), column_gap: px(16), ..default() }).with_children(|row| {
            why(row);
            article(row);
        });
    } else {
        why(parent);
        article(parent);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_clear_majority_right_is_green() {
        assert_eq!(share_right_ink(1.0), Ink::Correct);
        assert_eq!(share_right_ink(0.75), Ink::Correct);
        assert_eq!(share_right_ink(0.5), Ink::Partial, "half right is not a success");
        assert_eq!(share_right_ink(0.34), Ink::Partial);
        assert_eq!(share_right_ink(0.25), Ink::Wrong);
        assert_eq!(share_right_ink(0.0), Ink::Wrong);
    }
}
