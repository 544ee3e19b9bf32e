//! The settings remembered between runs (`setup.ron`, `classroom.ron`,
//! `sound.ron`), through the real game plugins: a damaged file is set aside
//! as it was (never overwritten), the teacher is told once, and the game
//! starts with the defaults.

mod common;

use std::path::Path;

use bevy::prelude::*;
use common::Harness;
use quorum::game::settings::sound::SoundChoices;
use quorum::game::settings::{classroom, setup, sound};
use quorum::game::ui::banner::{Banner, BannerKind};
use quorum::game::{DataDir, Screen, SetupChoices};
use quorum_core::quiz::save_file;

use quorum::game::settings::classroom::ClassChoices;

/// The game started on a data folder already holding `files`.
fn game_with_files(files: &[(&str, &[u8])]) -> Harness {
    let files: Vec<(String, Vec<u8>)> = files.iter().map(|(n, b)| (n.to_string(), b.to_vec())).collect();
    Harness::with(move |app| {
        let dir = app.world().resource::<DataDir>().0.clone();
        for (name, bytes) in &files {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
    })
}

/// The names in the data folder.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_damaged_setup_file_is_set_aside_and_the_game_starts_with_defaults() {
    let damaged: &[u8] = b"(settings: (questions: Some(15), seconds: Some(";
    let mut h = game_with_files(&[(setup::FILE, damaged)]);
    assert_eq!(h.screen(), Screen::Title);
    assert_eq!(*h.resource::<SetupChoices>(), SetupChoices::default());

    let names = names_in(h.data.path());
    let aside = names.iter().find(|n| n.starts_with("setup.ron.corrupt-")).expect("set aside");
    assert!(!names.contains(&setup::FILE.to_string()), "{names:?}");
    assert_eq!(std::fs::read(h.data.path().join(aside)).unwrap(), damaged, "kept as it was");

    assert_eq!(h.resource::<Banner>().kind(), Some(BannerKind::Warning));
    let told = h.visible_text();
    assert!(told.contains("setup.ron was damaged"), "{told}");
    assert!(told.contains(aside.as_str()), "the warning says where it was kept: {told}");

    // The game plays, and the next save is a good file again.
    h.start_round();
    let loaded = save_file::load::<SetupChoices>(&h.data.path().join(setup::FILE));
    assert_eq!(loaded.warning, None);
}

#[test]
fn a_damaged_classroom_file_is_set_aside_and_the_game_starts_with_defaults() {
    let damaged: &[u8] = b"\xFF\xFE not even text";
    let mut h = game_with_files(&[(classroom::FILE, damaged)]);
    assert_eq!(h.screen(), Screen::Title);
    assert_eq!(*h.resource::<ClassChoices>(), ClassChoices::default());
    let names = names_in(h.data.path());
    assert!(names.iter().any(|n| n.starts_with("classroom.ron.corrupt-")), "{names:?}");
    assert!(!names.contains(&classroom::FILE.to_string()), "{names:?}");
    assert_eq!(h.resource::<Banner>().kind(), Some(BannerKind::Warning));
    assert!(h.visible_text().contains("classroom.ron was damaged"), "{}", h.visible_text());
    // The classroom setup opens on the defaults.
    h.press(KeyCode::ArrowDown);
    h.press(KeyCode::Enter);
    assert_eq!(h.screen(), Screen::ClassSetup);
}

#[test]
fn when_both_are_damaged_the_warning_names_both() {
    let mut h = game_with_files(&[(setup::FILE, b"(player: \"Tama"), (classroom::FILE, b"(teams: [1, 2])")]);
    assert_eq!(h.screen(), Screen::Title);
    assert_eq!(*h.resource::<SetupChoices>(), SetupChoices::default());
    assert_eq!(*h.resource::<ClassChoices>(), ClassChoices::default());
    let names = names_in(h.data.path());
    assert_eq!(names.iter().filter(|n| n.contains(".ron.corrupt-")).count(), 2, "{names:?}");
    let told = h.visible_text();
    assert!(told.contains("setup.ron was damaged"), "{told}");
    assert!(told.contains("classroom.ron was damaged"), "{told}");
}

#[test]
fn a_damaged_sound_file_is_set_aside_and_the_game_starts_with_defaults() {
    let damaged: &[u8] = b"(music: 250, cues: \"loud\")";
    let mut h = game_with_files(&[(sound::FILE, damaged)]);
    assert_eq!(h.screen(), Screen::Title);
    assert_eq!(*h.resource::<SoundChoices>(), SoundChoices::default());
    let names = names_in(h.data.path());
    let aside = names.iter().find(|n| n.starts_with("sound.ron.corrupt-")).expect("set aside");
    assert_eq!(std::fs::read(h.data.path().join(aside)).unwrap(), damaged, "kept as it was");
    assert_eq!(h.resource::<Banner>().kind(), Some(BannerKind::Warning));
    assert!(h.visible_text().contains("sound.ron was damaged"), "{}", h.visible_text());
}

#[test]
fn all_three_damaged_are_all_named_and_the_next_start_is_quiet() {
    let mut h = game_with_files(&[
        (setup::FILE, b"(player: \"Tama"),
        (classroom::FILE, b"(teams: [1, 2])"),
        (sound::FILE, b"\0\0\0"),
    ]);
    let told = h.visible_text();
    for name in [setup::FILE, classroom::FILE, sound::FILE] {
        assert!(told.contains(&format!("{name} was damaged")), "{name} is not named: {told}");
    }
    let aside: Vec<String> =
        names_in(h.data.path()).into_iter().filter(|n| n.contains(".corrupt-")).collect();
    assert_eq!(aside.len(), 3, "{aside:?}");
    let kept: Vec<Vec<u8>> = aside.iter().map(|n| std::fs::read(h.data.path().join(n)).unwrap()).collect();

    // The game starts again on the same folder: nothing is damaged now, so
    // nothing is told, and what was set aside is still there as it was.
    let folder = h.data.path().to_path_buf();
    let again = Harness::with(move |app| {
        app.insert_resource(DataDir(folder));
    });
    assert_eq!(again.resource::<Banner>().message, None, "told once, not at every start");
    let still: Vec<Vec<u8>> = aside.iter().map(|n| std::fs::read(h.data.path().join(n)).unwrap()).collect();
    assert_eq!(still, kept);
}
