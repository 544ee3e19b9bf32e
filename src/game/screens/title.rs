//! The title screen: the bank, its article, and where to go.

use bevy::prelude::*;

use crate::game::play::bank::ActiveBank;
use crate::game::theme::{Ink, size, widgets};
use crate::game::ui::menu::{Activate, DefaultFocus};
use crate::game::{GameSet, Screen};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Title), spawn).add_systems(
        Update,
        redraw_on_reload
            .in_set(GameSet::Update)
            .run_if(in_state(Screen::Title).and_then(resource_exists_and_changed::<ActiveBank>)),
    );
}

/// A button's observer that moves to `screen`.
fn go_to(screen: Screen) -> impl Fn(On<Activate>, ResMut<NextState<Screen>>) {
    move |_, mut next| next.set(screen)
}

fn quit(_: On<Activate>, mut exit: MessageWriter<AppExit>) {
    exit.write(AppExit::Success);
}

#[derive(Component)]
struct TitleRoot;

/// A hot reload can change the title, the article or the question count:
/// redraw in the same frame, since an idle window may not draw again soon.
fn redraw_on_reload(world: &mut World) {
    super::redraw::<TitleRoot, _>(world, spawn);
}

fn spawn(mut commands: Commands, active: Option<Res<ActiveBank>>, mut next: ResMut<NextState<Screen>>) {
    // No playable bank (it broke since start-up): the error screen says why.
    let Some(active) = active else {
        next.set(Screen::BankError);
        return;
    };
    let bank = &active.bank;
    let topics = bank.topics().len();
    let count = format!("{} questions on {} topics", bank.questions.len(), topics);
    let left_out = active.left_out_summary();

    commands.spawn((TitleRoot, DespawnOnExit(Screen::Title), widgets::screen_root())).with_children(|root| {
        root.spawn(widgets::bold("QUORUM", size::SMALL, Ink::Accent));
        root.spawn((widgets::bold(bank.title.clone(), size::TITLE, Ink::Text), widgets::centred()));
        if !bank.description.is_empty() {
            root.spawn((
                widgets::text(bank.description.clone(), size::BODY, Ink::Muted),
                widgets::centred(),
                Node { max_width: px(980), ..default() },
            ));
        }
        root.spawn(widgets::panel(Node {
            margin: UiRect::vertical(px(12)),
            max_width: px(1000),
            ..widgets::panel_node()
        }))
        .with_children(|panel| {
            match &bank.article {
                Some(article) => {
                    panel.spawn(widgets::text("From the article", size::SMALL, Ink::Muted));
                    let supplied = if article.title_supplied {
                        " (a title we supplied: the article has no headline)"
                    } else {
                        ""
                    };
                    panel.spawn(widgets::italic(
                        format!("\u{201C}{}\u{201D}{supplied}", article.title),
                        size::BODY,
                        Ink::Text,
                    ));
                    // Only what the article states: an unknown publisher or date is left out.
                    let known: Vec<&str> = [article.publisher.as_deref(), article.date.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect();
                    let line = known.into_iter().chain([count.as_str()]).collect::<Vec<_>>().join(" · ");
                    panel.spawn(widgets::text(line, size::SMALL, Ink::Muted));
                }
                None => {
                    panel.spawn(widgets::text(count.clone(), size::SMALL, Ink::Muted));
                    panel.spawn(widgets::text(
                        "This bank has no article, so its facts are not checked against a source.",
                        size::SMALL,
                        Ink::Muted,
                    ));
                }
            }
            if let Some(left_out) = &left_out {
                panel.spawn(widgets::text(format!("Warning: {left_out}"), size::SMALL, Ink::Partial));
            }
        });
        root.spawn((widgets::button("Play", ()), DefaultFocus)).observe(go_to(Screen::Setup));
        root.spawn(widgets::button("Classroom", ())).observe(go_to(Screen::ClassSetup));
        root.spawn(widgets::button("Edit bank", ())).observe(go_to(Screen::Editor));
        root.spawn(widgets::button("Quit", ())).observe(quit);
        root.spawn((
            widgets::text(
                "Arrow keys choose · Enter selects · F1 keys · F11 full screen",
                size::TINY,
                Ink::Muted,
            ),
            Node { margin: UiRect::top(px(20)), ..default() },
        ));
    });
}
