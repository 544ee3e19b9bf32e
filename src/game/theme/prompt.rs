//! The prompt block at the heart of a question screen: what kind of question
//! it is, the prompt in large type, and a who-said-it question's quote.

use bevy::prelude::*;

use super::paint::Ink;
use super::{size, widgets};
use quorum_core::bank::{Question, QuestionKind};

/// What kind of question this is, in words.
pub fn kind_label(kind: &QuestionKind) -> &'static str {
    match kind {
        QuestionKind::MultipleChoice { .. } => "Multiple choice",
        QuestionKind::WhoSaidIt { .. } => "Who said it?",
        QuestionKind::TrueFalse { .. } => "True or false?",
        QuestionKind::Figure { .. } => "Which figure is right?",
        QuestionKind::Estimate { .. } => "Estimate",
    }
}

/// Marker on the prompt's text, so tests can find what the class reads.
#[derive(Component, Debug, Clone, Copy)]
pub struct PromptText;

/// The kind, the prompt and (for who-said-it) the quote, centred in the
/// space between the countdown and the answers.
pub fn prompt_block(parent: &mut ChildSpawnerCommands, question: &Question) {
    parent
        .spawn(Node {
            flex_grow: 1.0,
            flex_direction: FlexDirection::Column,
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            row_gap: px(12),
            ..default()
        })
        .with_children(|middle| {
            middle.spawn(widgets::bold(kind_label(&question.kind).to_uppercase(), size::SMALL, Ink::Accent));
            middle.spawn((
                PromptText,
                widgets::bold(question.prompt(), size::PROMPT, Ink::Text),
                widgets::centred(),
            ));
            if let Some(quote) = question.quote() {
                middle.spawn((
                    widgets::panel(Node {
                        max_width: px(1100),
                        padding: UiRect::axes(px(32), px(16)),
                        ..widgets::panel_node()
                    }),
                    children![(
                        widgets::italic(format!("\u{201C}{quote}\u{201D}"), size::QUOTE, Ink::Text),
                        widgets::centred(),
                    )],
                ));
            }
        });
}
