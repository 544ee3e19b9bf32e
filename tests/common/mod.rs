//! A headless harness for the real game plugins: no window, manual time in
//! steps of at most 250 ms, keys as keyboard messages and clicks as
//! `Interaction::Pressed`, as Bevy's own input does.

#![allow(dead_code)]

use std::time::Duration;

use bevy::input::ButtonState;
use bevy::input::InputPlugin;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;
use quorum::game::play::library::DocumentsDir;
use quorum::game::play::pause::Pause;
use quorum::game::play::round::NextSeed;
use quorum::game::ui::folder::FileManager;
use quorum::game::{DataDir, Screen};

pub const STEP: Duration = Duration::from_millis(100);

pub struct Harness {
    pub app: App,
    /// Save files go here, not into the user's data directory; its
    /// `Documents` folder stands for the teacher's documents folder.
    pub data: tempfile::TempDir,
}

impl Harness {
    /// The game on the built-in bank, on its title screen.
    pub fn new() -> Harness {
        Harness::with(|_| {})
    }

    /// The game, with `setup` run on the app before the game's plugins.
    pub fn with(setup: impl FnOnce(&mut App)) -> Harness {
        Harness::with_assets(AssetPlugin::default(), setup)
    }

    /// The game with its own asset settings (a bank folder to watch).
    pub fn with_assets(assets: AssetPlugin, setup: impl FnOnce(&mut App)) -> Harness {
        let data = tempfile::tempdir().unwrap();
        let mut app = App::new();
        app.add_plugins((MinimalPlugins, StatesPlugin, InputPlugin, assets))
            .insert_resource(TimeUpdateStrategy::ManualDuration(STEP))
            .insert_resource(DataDir(data.path().to_path_buf()))
            // Results and shared banks stay in the test's folder, and no
            // file manager opens.
            .insert_resource(DocumentsDir(data.path().join("Documents")))
            .insert_resource(FileManager { pretend: true, opened: Vec::new() })
            .insert_resource(NextSeed(42));
        setup(&mut app);
        app.add_plugins(quorum::game::plugin);
        let mut h = Harness { app, data };
        h.update();
        h.update();
        h
    }

    pub fn update(&mut self) {
        self.app.update();
    }

    /// Runs frames for about `d` of game time.
    pub fn advance(&mut self, d: Duration) {
        let frames = d.as_millis().div_ceil(STEP.as_millis());
        for _ in 0..frames {
            self.update();
        }
    }

    /// Updates (in real time, so the file watcher can see changes) until
    /// `done` holds, for at most ten seconds.
    pub fn wait_until(&mut self, what: &str, done: impl Fn(&mut Harness) -> bool) {
        let start = std::time::Instant::now();
        while !done(self) {
            assert!(start.elapsed() < Duration::from_secs(10), "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(20));
            self.update();
        }
    }

    pub fn screen(&self) -> Screen {
        *self.app.world().resource::<State<Screen>>().get()
    }

    pub fn resource<R: Resource>(&self) -> &R {
        self.app.world().resource::<R>()
    }

    pub fn resource_mut<R: Resource<Mutability = bevy::ecs::component::Mutable>>(&mut self) -> Mut<'_, R> {
        self.app.world_mut().resource_mut::<R>()
    }

    /// Presses and releases a key, one frame each.
    pub fn press(&mut self, key: KeyCode) {
        self.key(key, ButtonState::Pressed);
        self.update();
        self.key(key, ButtonState::Released);
        self.update();
    }

    /// Types text, a key per character.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let s: String = c.to_string();
            self.app.world_mut().write_message(KeyboardInput {
                key_code: KeyCode::KeyA,
                logical_key: Key::Character(s.clone().into()),
                state: ButtonState::Pressed,
                text: Some(s.into()),
                repeat: false,
                window: Entity::PLACEHOLDER,
            });
            self.update();
        }
    }

    pub fn key(&mut self, key: KeyCode, state: ButtonState) {
        let logical_key = match key {
            KeyCode::Enter => Key::Enter,
            KeyCode::Escape => Key::Escape,
            KeyCode::Backspace => Key::Backspace,
            _ => Key::Unidentified(bevy::input::keyboard::NativeKey::Unidentified),
        };
        self.app.world_mut().write_message(KeyboardInput {
            key_code: key,
            logical_key,
            state,
            text: None,
            repeat: false,
            window: Entity::PLACEHOLDER,
        });
    }

    /// The first entity with component `C` matching `pred`.
    pub fn find<C: Component>(&mut self, pred: impl Fn(&C) -> bool) -> Option<Entity> {
        let world = self.app.world_mut();
        let mut q = world.query::<(Entity, &C)>();
        q.iter(world).find(|(_, c)| pred(c)).map(|(e, _)| e)
    }

    /// Clicks an entity: a press, then a release, as the UI's pointer does.
    pub fn click(&mut self, entity: Entity) {
        self.app.world_mut().entity_mut(entity).insert(Interaction::Pressed);
        self.update();
        if let Ok(mut e) = self.app.world_mut().get_entity_mut(entity) {
            e.insert(Interaction::None);
        }
        self.update();
    }

    /// Whether play is paused.
    pub fn paused(&self) -> bool {
        self.app.world().get_resource::<State<Pause>>().is_some_and(|p| p.get().0)
    }

    /// The text a player can see: every text but those inside something
    /// hidden, joined.
    pub fn visible_text(&mut self) -> String {
        let world = self.app.world_mut();
        let mut q = world.query::<(Entity, &Text)>();
        let texts: Vec<(Entity, String)> = q.iter(world).map(|(e, t)| (e, t.0.clone())).collect();
        let mut parents = world.query::<&ChildOf>();
        let mut visibility = world.query::<&Visibility>();
        texts
            .into_iter()
            .filter(|(e, _)| {
                let mut at = Some(*e);
                while let Some(entity) = at {
                    if visibility.get(world, entity).is_ok_and(|v| *v == Visibility::Hidden) {
                        return false;
                    }
                    at = parents.get(world, entity).ok().map(|c| c.parent());
                }
                true
            })
            .map(|(_, t)| t)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// All text on screen, joined, for checking what a screen says.
    pub fn screen_text(&mut self) -> String {
        let world = self.app.world_mut();
        let mut q = world.query::<&Text>();
        q.iter(world).map(|t| t.0.clone()).collect::<Vec<_>>().join("\n")
    }

    /// From the title screen to the first question, with the default setup.
    pub fn start_round(&mut self) {
        assert_eq!(self.screen(), Screen::Title);
        self.press(KeyCode::Enter); // Play
        assert_eq!(self.screen(), Screen::Setup);
        self.press(KeyCode::Enter); // Start
        assert_eq!(self.screen(), Screen::Question);
    }
}
