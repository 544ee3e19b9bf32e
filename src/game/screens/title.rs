//! The title screen: the bank, its article, and where to go.

use bevy::prelude::*;

use crate::game::bank_source::ActiveBank;
use crate::game::menu::{Activated, DefaultFocus};
use crate::game::theme::{Fonts, Theme, size, widgets};
use crate::game::{GameSet, Screen};

#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleAction {
    Play,
    Classroom,
    Edit,
    Quit,
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Title), spawn)
        .add_systems(
            Update,
            respawn_on_reload.run_if(in_state(Screen::Title).and_then(resource_exists::<ActiveBank>)),
        )
        .add_systems(Update, act.in_set(GameSet::Update).run_if(in_state(Screen::Title)));
}

#[derive(Component)]
struct TitleRoot;

/// A hot reload can change the title or the question count: redraw.
fn respawn_on_reload(active: Res<ActiveBank>, roots: Query<Entity, With<TitleRoot>>, mut commands: Commands) {
    if active.is_changed() && !active.is_added() {
        for e in &roots {
            commands.entity(e).despawn();
        }
        commands.run_system_cached(spawn);
    }
}

fn spawn(
    mut commands: Commands,
    active: Option<Res<ActiveBank>>,
    theme: Res<Theme>,
    fonts: Res<Fonts>,
    mut next: ResMut<NextState<Screen>>,
) {
    // No playable bank (it broke since start-up): the error screen says why.
    let Some(active) = active else {
        next.set(Screen::BankError);
        return;
    };
    let p = &theme.palette;
    let bank = &active.bank;
    let article = bank.article.as_ref();
    let supplied = if article.is_some_and(|a| a.title_supplied) {
        " (a descriptive title: the article has no headline)"
    } else {
        ""
    };
    let publisher = article.and_then(|a| a.publisher.as_deref()).unwrap_or("publisher not stated");
    let date = article.and_then(|a| a.date.as_deref()).unwrap_or("date not stated");
    let topics = {
        let mut t: Vec<&str> = bank.questions.iter().map(|q| q.topic.as_str()).collect();
        t.sort();
        t.dedup();
        t.len()
    };
    let count = format!("{} questions on {} topics", bank.questions.len(), topics);
    let left_out = active.left_out_summary();

    commands.spawn((TitleRoot, DespawnOnExit(Screen::Title), widgets::screen_root(&theme))).with_children(
        |root| {
            root.spawn(widgets::bold(&fonts, "QUORUM", size::SMALL, p.accent));
            root.spawn((widgets::bold(&fonts, bank.title.clone(), size::TITLE, p.text), widgets::centred()));
            if !bank.description.is_empty() {
                root.spawn((
                    widgets::text(bank.description.clone(), size::BODY, p.text_muted),
                    widgets::centred(),
                    Node { max_width: px(980), ..default() },
                ));
            }
            root.spawn(widgets::panel(
                &theme,
                Node { margin: UiRect::vertical(px(12)), max_width: px(1000), ..widgets::panel_node() },
            ))
            .with_children(|panel| {
                panel.spawn(widgets::text("From the article", size::TINY, p.text_muted));
                panel.spawn(widgets::italic(
                    &fonts,
                    format!("\u{201C}{}\u{201D}{supplied}", article.map_or("", |a| a.title.as_str())),
                    size::BODY,
                    p.text,
                ));
                panel.spawn(widgets::text(
                    format!("{publisher} · {date} · {count}"),
                    size::SMALL,
                    p.text_muted,
                ));
                if let Some(left_out) = &left_out {
                    panel.spawn(widgets::text(format!("Warning: {left_out}"), size::SMALL, p.partial_text));
                }
            });
            root.spawn((widgets::button(&theme, &fonts, "Play", 0, TitleAction::Play), DefaultFocus));
            root.spawn(widgets::button(&theme, &fonts, "Classroom", 1, TitleAction::Classroom));
            root.spawn(widgets::button(&theme, &fonts, "Edit bank", 2, TitleAction::Edit));
            root.spawn(widgets::button(&theme, &fonts, "Quit", 10, TitleAction::Quit));
            root.spawn((
                widgets::text(
                    "Arrow keys choose · Enter selects · F1 keys · F11 full screen",
                    size::TINY,
                    p.text_muted,
                ),
                Node { margin: UiRect::top(px(20)), ..default() },
            ));
        },
    );
}

fn act(
    mut activated: MessageReader<Activated>,
    actions: Query<&TitleAction>,
    mut next: ResMut<NextState<Screen>>,
    mut exit: MessageWriter<AppExit>,
) {
    for Activated(entity) in activated.read() {
        match actions.get(*entity) {
            Ok(TitleAction::Play) => next.set(Screen::Setup),
            Ok(TitleAction::Classroom) => next.set(Screen::ClassSetup),
            Ok(TitleAction::Edit) => next.set(Screen::Editor),
            Ok(TitleAction::Quit) => {
                exit.write(AppExit::Success);
            }
            Err(_) => {}
        }
    }
}
