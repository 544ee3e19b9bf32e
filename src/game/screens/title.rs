//! The title screen: the open bank (its title, its file and its article),
//! Play and Classroom side by side as equals, and the teacher's other
//! doors: open another bank, edit, share, and the results folder.

use crate::game::play::library::open_results_folder;
use bevy::prelude::*;

use crate::game::play::bank::{ActiveBank, BankChoice};
use crate::game::play::library::{DocumentsDir, LastShare, share_open_bank, write_fact_check_sheet};
use crate::game::theme::{Ink, size, widgets};
use crate::game::ui::banner::Banner;
use crate::game::ui::folder::{open_folder, open_page};
use crate::game::ui::menu::{Activate, DefaultFocus};
use crate::game::{GameSet, Screen};
use quorum_core::bank::library::file_name;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Title), spawn).add_systems(
        Update,
        redraw_on_reload.in_set(GameSet::Update).run_if(
            in_state(Screen::Title)
                .and_then(resource_exists_and_changed::<ActiveBank>.or_else(resource_changed::<LastShare>)),
        ),
    );
}

fn share(_: On<Activate>, mut commands: Commands) {
    commands.queue(|world: &mut World| {
        let shared = share_open_bank(world);
        world.insert_resource(LastShare(Some(shared)));
    });
}

/// The open bank's fact-check sheet, written and opened in the web browser,
/// for a teacher or a colleague to vet the bank before class.
fn fact_check_sheet(_: On<Activate>, mut commands: Commands) {
    commands.queue(|world: &mut World| match write_fact_check_sheet(world) {
        Ok(page) => {
            world.resource_mut::<Banner>().info(format!(
                "Fact-check sheet written: {} (in your Quorum documents folder). It opens in your web browser; print it, or tick each question as you check it.",
                file_name(&page)
            ));
            open_page(world, &page);
        }
        Err(e) => world.resource_mut::<Banner>().error(format!("No fact-check sheet was written: {e}")),
    });
}

fn open_share_folder(_: On<Activate>, mut commands: Commands) {
    commands.queue(|world: &mut World| {
        let folder = world.resource::<DocumentsDir>().0.clone();
        open_folder(world, &folder);
    });
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

fn spawn(
    mut commands: Commands,
    active: Option<Res<ActiveBank>>,
    choice: Option<Res<BankChoice>>,
    last_share: Res<LastShare>,
    mut next: ResMut<NextState<Screen>>,
) {
    // No playable bank (it broke since start-up): the error screen says why.
    let Some(active) = active else {
        next.set(Screen::BankError);
        return;
    };
    let bank = &active.bank;
    let topics = bank.topics().len();
    let count = format!("{} questions on {} topics", bank.questions.len(), topics);
    let left_out = active.left_out_summary();
    let open_bank = match choice.as_deref() {
        Some(BankChoice::File(path)) => format!("Open bank: {}", file_name(path)),
        _ => "Open bank: the built-in bank".to_string(),
    };

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
        root.spawn(widgets::text(open_bank, size::SMALL, Ink::Muted));
        root.spawn(Node { column_gap: px(32), margin: UiRect::vertical(px(6)), ..default() }).with_children(
            |choices| {
                choices
                    .spawn((widgets::big_button("Play", "On your own, on this computer", ()), DefaultFocus))
                    .observe(go_to(Screen::Setup));
                choices
                    .spawn(widgets::big_button("Classroom", "Teams, or students on their phones", ()))
                    .observe(go_to(Screen::ClassSetup));
            },
        );
        root.spawn(Node { column_gap: px(14), flex_wrap: FlexWrap::Wrap, ..default() }).with_children(
            |row| {
                // Keyboard order: Play, Classroom, Edit bank, then the rest.
                row.spawn(widgets::small_button("Edit bank", ())).observe(go_to(Screen::Editor));
                row.spawn(widgets::small_button("Open a bank…", ())).observe(go_to(Screen::OpenBank));
                row.spawn(widgets::small_button("Share this bank", ())).observe(share);
                row.spawn(widgets::small_button("Fact-check sheet", ())).observe(fact_check_sheet);
                row.spawn(widgets::small_button("Open the results folder", ())).observe(open_results_folder);
                row.spawn(widgets::small_button("Quit", ())).observe(quit);
            },
        );
        match &last_share.0 {
            Some(Ok(path)) => {
                root.spawn(Node { column_gap: px(14), align_items: AlignItems::Center, ..default() })
                    .with_children(|row| {
                        let folder = path.parent().map(|p| p.display().to_string()).unwrap_or_default();
                        row.spawn((
                            widgets::text(
                                format!(
                                    "Shared as {} in {folder}: give a colleague this one file.",
                                    file_name(path)
                                ),
                                size::SMALL,
                                Ink::Correct,
                            ),
                            Node { max_width: px(760), ..default() },
                        ));
                        row.spawn(widgets::small_button("Open that folder", ())).observe(open_share_folder);
                    });
            }
            Some(Err(e)) => {
                root.spawn((
                    widgets::text(format!("Could not share this bank: {e}"), size::SMALL, Ink::Wrong),
                    widgets::centred(),
                    Node { max_width: px(1000), ..default() },
                ));
            }
            None => {}
        }
        root.spawn((
            widgets::text(
                "Arrow keys choose · Enter selects · F1 keys · F11 full screen",
                size::TINY,
                Ink::Muted,
            ),
            Node { margin: UiRect::top(px(8)), ..default() },
        ));
    });
}
