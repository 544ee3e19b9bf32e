//! The article beside the form, one sentence a button: clicking a sentence
//! makes it a source of the selected question, word for word, and the
//! question's sources are outlined. Splitting sentences and comparing them
//! are the core's (`Article`, `provenance::normalize`).

use bevy::prelude::*;
use bevy::ui_widgets::ScrollArea;

use super::{EditorAction, EditorSystems, edit};
use crate::game::play::editing::Editing;
use crate::game::theme::{Fill, Ink, Theme, size, widgets};
use crate::game::ui::menu::{ButtonColors, MenuItem};
use quorum_core::bank::edit::EditSession;
use quorum_core::bank::provenance::normalize;
use quorum_core::bank::{Article, article_path, read_text};

/// The article's sentences, or why it cannot be read.
#[derive(Resource, Debug, Clone)]
pub(super) struct ArticleSentences(Result<Vec<String>, String>);

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(ArticleSentences(Ok(Vec::new())))
        .add_systems(Update, draw_marks.in_set(EditorSystems::Draw));
}

/// Reads the session's article.
pub(super) fn sentences(session: &EditSession) -> ArticleSentences {
    let Some(article) = session.bank.article.as_ref().map(|a| a.path.as_str()) else {
        return ArticleSentences(Err(
            "This bank has no article (it was imported): its questions are not checked against one."
                .to_string(),
        ));
    };
    ArticleSentences(
        read_text(&article_path(&session.path, article))
            .map(|text| Article::new(&text).sentences)
            .map_err(|e| format!("The article \"{article}\" cannot be read: {e}")),
    )
}

pub(super) fn spawn(main: &mut ChildSpawnerCommands, sentences: &ArticleSentences) {
    main.spawn(widgets::panel(Node {
        width: px(310),
        flex_shrink: 0.0,
        padding: UiRect::all(px(8)),
        row_gap: px(4),
        ..widgets::panel_node()
    }))
    .with_children(|right| {
        right.spawn(widgets::bold(
            "The article: click a sentence to make it a source",
            size::TINY,
            Ink::Accent,
        ));
        right
            .spawn((
                ScrollArea,
                Node {
                    flex_direction: FlexDirection::Column,
                    flex_grow: 1.0,
                    flex_basis: px(0),
                    overflow: Overflow::scroll_y(),
                    row_gap: px(4),
                    ..default()
                },
            ))
            .with_children(|list| match &sentences.0 {
                Ok(all) => {
                    for (i, sentence) in all.iter().enumerate() {
                        sentence_button(list, i, sentence.clone());
                    }
                }
                Err(e) => {
                    list.spawn(widgets::text(e.clone(), size::TINY, Ink::Wrong));
                }
            });
    });
}

fn sentence_button(list: &mut ChildSpawnerCommands, i: usize, sentence: String) {
    list.spawn((
        EditorAction::AddSentence(i),
        MenuItem::default(),
        Button,
        ButtonColors { normal: Fill::Raised, hovered: Fill::ButtonHovered },
        Node {
            padding: UiRect::axes(px(8), px(4)),
            border_radius: BorderRadius::all(px(6)),
            flex_shrink: 0.0,
            ..default()
        },
        BackgroundColor::default(),
        Outline::new(px(2), px(0), Color::NONE),
        children![(widgets::text(sentence.clone(), size::TINY, Ink::Text), Pickable::IGNORE)],
    ))
    .observe(edit(move |s, q| s.add_source(q, &sentence)));
}

/// Sentences already a source of the selected question are outlined.
fn draw_marks(
    editing: Res<Editing>,
    sentences: Res<ArticleSentences>,
    theme: Res<Theme>,
    mut items: Query<(&EditorAction, &mut Outline)>,
) {
    if !editing.is_changed() && !theme.is_changed() {
        return;
    }
    let Ok(all) = &sentences.0 else { return };
    let used: Vec<String> = editing
        .session
        .question()
        .map(|q| q.source.iter().map(|s| normalize(s)).collect())
        .unwrap_or_default();
    for (action, mut outline) in &mut items {
        if let EditorAction::AddSentence(i) = action {
            let on = all.get(*i).is_some_and(|s| used.contains(&normalize(s)));
            outline.color = if on { theme.palette.accent } else { Color::NONE };
        }
    }
}
