//! "Open a bank…": the built-in bank, recent banks (newest first), the
//! banks folder and the documents folder as a list to pick from with the
//! mouse or the arrows and Enter, and a field for any other file's path.
//! What a file is, and opening it, are `play::library`'s (over the core);
//! this screen only offers the files and shows what happened.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use bevy::ui_widgets::ScrollArea;

use crate::game::play::library::{Banks, DocumentsDir, banks_folder, open_bank, open_builtin};
use crate::game::theme::{Fill, Ink, size, widgets};
use crate::game::ui::banner::Banner;
use crate::game::ui::menu::{Activate, ButtonColors, DefaultFocus, MenuFocus, MenuItem};
use crate::game::ui::text_field::{TextField, field};
use crate::game::{DataDir, GameSet, Screen};
use quorum_core::bank::library::{self, file_name};

/// A file offered in the list (`None`: the built-in bank).
#[derive(Component, Debug, Clone, PartialEq, Eq)]
pub struct BankEntry(pub Option<PathBuf>);

/// The field for a typed path.
#[derive(Component, Debug, Clone, Copy)]
pub struct PathField;

/// What went wrong with the last file tried, shown under the field.
#[derive(Component, Debug, Clone, Copy)]
struct OpenProblem;

#[derive(Component, Debug, Clone, Copy)]
struct EntryList;

/// Each entry's height and the gap between entries, so the list can
/// scroll to the focused one.
const ENTRY_HEIGHT: f32 = 54.0;
const ENTRY_GAP: f32 = 6.0;
/// Files offered from each folder, at most.
const MAX_PER_FOLDER: usize = 40;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::OpenBank), spawn).add_systems(
        Update,
        (super::back_to_title_on_escape, follow_focus)
            .in_set(GameSet::Update)
            .run_if(in_state(Screen::OpenBank)),
    );
}

/// The files to offer, each once: recent banks first, then the banks
/// folder, then the documents folder.
fn offered(banks: &Banks, data: &DataDir, documents: &DocumentsDir) -> Vec<(String, Vec<PathBuf>)> {
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut sections = Vec::new();
    let documents_files: Vec<PathBuf> = std::fs::read_dir(&documents.0)
        .map(|r| {
            r.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && library::can_open(p))
                .collect()
        })
        .unwrap_or_default();
    let mut documents_files = documents_files;
    documents_files.sort();
    let folders = [
        ("Recent banks".to_string(), banks.0.recent_on_disk()),
        (
            format!("Your banks folder: {}", banks_folder(data).display()),
            library::banks_in(&banks_folder(data)),
        ),
        (format!("Your documents folder: {}", documents.0.display()), documents_files),
    ];
    for (heading, files) in folders {
        let fresh: Vec<PathBuf> = files
            .into_iter()
            .filter(|p| {
                let key = std::path::absolute(p).unwrap_or_else(|_| p.clone());
                let new = !seen.contains(&key);
                seen.push(key);
                new
            })
            .take(MAX_PER_FOLDER)
            .collect();
        if !fresh.is_empty() {
            sections.push((heading, fresh));
        }
    }
    sections
}

fn spawn(mut commands: Commands, banks: Res<Banks>, data: Res<DataDir>, documents: Res<DocumentsDir>) {
    let sections = offered(&banks, &data, &documents);
    commands
        .spawn((
            DespawnOnExit(Screen::OpenBank),
            widgets::screen(Node { row_gap: px(10), justify_content: JustifyContent::Start, ..widgets::screen_node() }),
        ))
        .with_children(|root| {
            root.spawn(widgets::bold("Open a bank", size::HEADING, Ink::Text));
            root.spawn((
                widgets::text(
                    "A bank (.ron), a shared bank (.quorum), a Kahoot or Wayground (Quizizz) spreadsheet \
                     (.xlsx or .csv), or a Moodle GIFT file. A spreadsheet becomes a new bank in your banks folder.",
                    size::SMALL,
                    Ink::Muted,
                ),
                widgets::centred(),
                Node { max_width: px(1100), ..default() },
            ));
            root.spawn((
                EntryList,
                ScrollArea,
                widgets::panel(Node {
                    width: percent(100),
                    max_width: px(1100),
                    flex_grow: 1.0,
                    flex_basis: px(0),
                    overflow: Overflow::scroll_y(),
                    row_gap: px(ENTRY_GAP),
                    ..widgets::panel_node()
                }),
            ))
            .with_children(|list| {
                list.spawn((entry("The built-in bank", "Comes with Quorum: one New Zealand news story", None), DefaultFocus))
                    .observe(open_entry);
                for (heading, files) in &sections {
                    list.spawn((
                        widgets::bold(heading.clone(), size::SMALL, Ink::Accent),
                        Node { margin: UiRect::top(px(6)), flex_shrink: 0.0, ..default() },
                    ));
                    for path in files {
                        let folder = path.parent().map(|p| p.display().to_string()).unwrap_or_default();
                        list.spawn(entry(&file_name(path), &folder, Some(path.clone()))).observe(open_entry);
                    }
                }
            });
            root.spawn(Node { column_gap: px(12), align_items: AlignItems::Center, ..default() }).with_children(
                |row| {
                    row.spawn((
                        PathField,
                        MenuItem::default(),
                        field("", 1000, "Or type the file's full path here, then press Enter twice", 820.0),
                    ))
                    .insert(Node {
                        width: px(820),
                        padding: UiRect::axes(px(16), px(8)),
                        border_radius: BorderRadius::all(px(10)),
                        overflow: Overflow::clip(),
                        ..default()
                    });
                    row.spawn(widgets::small_button("Open this file", ())).observe(open_typed);
                },
            );
            root.spawn((
                OpenProblem,
                widgets::text("", size::SMALL, Ink::Wrong),
                widgets::centred(),
                Node { max_width: px(1100), ..default() },
            ));
            root.spawn(widgets::small_button("Back", ())).observe(|_: On<Activate>, mut next: ResMut<NextState<Screen>>| {
                next.set(Screen::Title)
            });
        });
}

/// One file in the list: its name, and the folder it is in beneath.
fn entry(name: &str, detail: &str, path: Option<PathBuf>) -> impl Bundle {
    (
        Button,
        MenuItem::default(),
        ButtonColors::BUTTON,
        BankEntry(path),
        Node {
            height: px(ENTRY_HEIGHT),
            flex_shrink: 0.0,
            flex_direction: FlexDirection::Column,
            justify_content: JustifyContent::Center,
            padding: UiRect::axes(px(16), px(2)),
            border_radius: BorderRadius::all(px(10)),
            overflow: Overflow::clip(),
            ..default()
        },
        BackgroundColor::default(),
        Fill::Button,
        Outline::new(px(3), px(2), Color::NONE),
        children![
            (widgets::bold(name, size::SMALL, Ink::OnButton), TextLayout::no_wrap(), Pickable::IGNORE),
            (widgets::text(detail, size::TINY, Ink::OnButton), TextLayout::no_wrap(), Pickable::IGNORE),
        ],
    )
}

fn open_entry(activate: On<Activate>, entries: Query<&BankEntry>, mut commands: Commands) {
    if let Ok(BankEntry(path)) = entries.get(activate.entity) {
        let path = path.clone();
        commands.queue(move |world: &mut World| match path {
            Some(path) => try_open(world, &path),
            None => {
                open_builtin(world);
                world.resource_mut::<Banner>().info("Opened the built-in bank".to_string());
                world.resource_mut::<NextState<Screen>>().set(Screen::Title);
            }
        });
    }
}

fn open_typed(_: On<Activate>, fields: Query<&TextField, With<PathField>>, mut commands: Commands) {
    let Some(typed) = fields.iter().next().map(|f| f.value.clone()) else { return };
    commands.queue(move |world: &mut World| {
        if typed.trim().is_empty() {
            show_problem(world, "Type the path of a file first, or pick one from the list.".to_string());
            return;
        }
        try_open(world, &library::typed_path(&typed));
    });
}

/// Opens a file as the bank: back to the title screen, or the problem shown here.
fn try_open(world: &mut World, path: &Path) {
    match open_bank(world, path) {
        Ok(message) => {
            world.resource_mut::<Banner>().info(message);
            world.resource_mut::<NextState<Screen>>().set(Screen::Title);
        }
        Err(problem) => show_problem(world, format!("Could not open it. {problem}")),
    }
}

fn show_problem(world: &mut World, problem: String) {
    let mut texts = world.query_filtered::<&mut Text, With<OpenProblem>>();
    for mut text in texts.iter_mut(world) {
        text.0 = problem.clone();
    }
}

/// Keeps the focused entry in view as the arrows move through the list.
fn follow_focus(
    focus: Res<MenuFocus>,
    entries: Query<(Entity, &ChildOf), With<BankEntry>>,
    mut lists: Query<(&mut ScrollPosition, &ComputedNode, &Children), With<EntryList>>,
    headings: Query<(), (With<Text>, Without<BankEntry>)>,
) {
    if !focus.is_changed() {
        return;
    }
    let Some((focused, parent)) = focus.0.and_then(|e| entries.get(e).ok()) else { return };
    let Ok((mut position, node, children)) = lists.get_mut(parent.parent()) else { return };
    // Rows above the focused entry: entries and section headings.
    let mut top = 0.0;
    for child in children.iter() {
        if child == focused {
            break;
        }
        top += if headings.contains(child) { 36.0 } else { ENTRY_HEIGHT + ENTRY_GAP };
    }
    let visible = node.size().y * node.inverse_scale_factor();
    if top < position.y {
        position.y = top;
    } else if top + ENTRY_HEIGHT + 2.0 * ENTRY_GAP > position.y + visible - 32.0 {
        position.y = top + ENTRY_HEIGHT + 2.0 * ENTRY_GAP + 32.0 - visible;
    }
}
