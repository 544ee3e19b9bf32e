//! The look shared by every screen: the palette and the roles it paints,
//! the fonts, text sizes, and every widget used by more than one screen, as
//! functions that take what they show. A screen imports from here and from
//! the core, never from another screen.

pub mod answer_tile;
pub mod choice_bars;
pub mod control_bar;
pub mod controls;
pub mod countdown;
pub mod explanation;
pub mod paint;
pub mod palette;
pub mod prompt;
pub mod qr_code;
pub mod round_settings;
pub mod sound_settings;
pub mod team;
pub mod widgets;

use bevy::asset::AssetId;
use bevy::prelude::*;
use bevy::text::Font;

pub use paint::{Face, Fill, Ink};
pub use palette::Palette;

/// The fonts, built into the binary so Quorum runs from any folder.
/// Noto Sans covers the article's ö and te reo Māori's macrons.
const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Italic.ttf");
const SYMBOLS: &[u8] = include_bytes!("../../../assets/fonts/NotoSansSymbols2-Regular.ttf");

/// Text sizes in logical pixels at 1280×720; the whole UI scales with the
/// window (see `window.rs`).
pub mod size {
    pub const TITLE: f32 = 56.0;
    pub const HEADING: f32 = 40.0;
    pub const PROMPT: f32 = 36.0;
    pub const QUOTE: f32 = 32.0;
    pub const TILE: f32 = 26.0;
    pub const BODY: f32 = 24.0;
    pub const SMALL: f32 = 20.0;
    pub const TINY: f32 = 17.0;
}

#[derive(Resource, Debug, Clone)]
pub struct Theme {
    pub palette: Palette,
    pub high_contrast: bool,
}

impl Theme {
    pub fn new(high_contrast: bool) -> Theme {
        let palette = if high_contrast { Palette::high_contrast() } else { Palette::standard() };
        Theme { palette, high_contrast }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::new(false)
    }
}

/// Handles to the fonts other than the default (regular) one.
#[derive(Resource, Debug, Clone, Default)]
pub struct Fonts {
    pub bold: Handle<Font>,
    pub italic: Handle<Font>,
    pub symbols: Handle<Font>,
}

impl Fonts {
    pub fn handle(&self, face: Face) -> Handle<Font> {
        match face {
            Face::Bold => self.bold.clone(),
            Face::Italic => self.italic.clone(),
            Face::Symbols => self.symbols.clone(),
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Theme>();
    let fonts = match app.world_mut().get_resource_mut::<Assets<Font>>() {
        Some(mut assets) => {
            // Noto Sans replaces the default font, so every text uses it
            // unless it asks for another.
            if let Err(e) = assets.insert(AssetId::default(), Font::from_bytes(REGULAR.to_vec())) {
                warn!("could not install the default font: {e}");
            }
            Fonts {
                bold: assets.add(Font::from_bytes(BOLD.to_vec())),
                italic: assets.add(Font::from_bytes(ITALIC.to_vec())),
                symbols: assets.add(Font::from_bytes(SYMBOLS.to_vec())),
            }
        }
        // Headless tests run without text rendering.
        None => Fonts::default(),
    };
    app.insert_resource(fonts);
    app.add_plugins((paint::plugin, countdown::plugin, sound_settings::plugin));
    app.add_systems(Update, apply_clear_colour.run_if(resource_changed::<Theme>));
}

fn apply_clear_colour(theme: Res<Theme>, mut commands: Commands) {
    commands.insert_resource(ClearColor(theme.palette.background));
}
