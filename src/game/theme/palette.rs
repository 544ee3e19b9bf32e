//! Colours. Two palettes: the standard one, and a high-contrast one for
//! projectors in bright rooms and for low vision.

use bevy::prelude::*;

use super::paint::{Fill, Ink};

/// Every colour a screen uses. Screens never name a colour directly.
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    pub background: Color,
    pub panel: Color,
    pub panel_raised: Color,
    pub text: Color,
    pub text_muted: Color,
    pub accent: Color,
    pub button: Color,
    pub button_hovered: Color,
    pub button_text: Color,
    pub focus_ring: Color,
    /// Fills for right, wrong and partly right (white text goes on them).
    pub correct: Color,
    pub wrong: Color,
    pub partial: Color,
    /// The same three as text on the background.
    pub correct_text: Color,
    pub wrong_text: Color,
    pub partial_text: Color,
    pub timer: Color,
    pub timer_low: Color,
    pub timer_track: Color,
    /// Answer tiles, in key order (1/A, 2/B, ...).
    pub tiles: [Color; 6],
    /// The tiles' colours made light enough to draw a tile's shape on the
    /// background or a panel and still read it.
    pub tile_marks: [Color; 6],
    pub tile_text: Color,
    /// A dimmed tile (not chosen, on the reveal).
    pub tile_dimmed: Color,
    pub banner_error: Color,
    pub banner_info: Color,
    /// Classroom teams, in team order; text on them is `team_text`.
    pub teams: [Color; 6],
    pub team_text: Color,
}

impl Palette {
    /// The colour of a text role.
    pub fn ink(&self, ink: Ink) -> Color {
        match ink {
            Ink::Text => self.text,
            Ink::Muted => self.text_muted,
            Ink::Accent => self.accent,
            Ink::Correct => self.correct_text,
            Ink::Wrong => self.wrong_text,
            Ink::Partial => self.partial_text,
            Ink::OnButton => self.button_text,
            Ink::OnTile => self.tile_text,
            Ink::OnTeam => self.team_text,
            Ink::OnAccent => self.background,
            Ink::OnBanner => self.tile_text,
            Ink::Tile(i) => self.tile_marks[i % self.tile_marks.len()],
        }
    }

    /// The colour of a surface role.
    pub fn fill(&self, fill: Fill) -> Color {
        match fill {
            Fill::Background => self.background,
            Fill::Panel => self.panel,
            Fill::Raised => self.panel_raised,
            Fill::Button => self.button,
            Fill::ButtonHovered => self.button_hovered,
            Fill::Accent => self.accent,
            Fill::Correct => self.correct,
            Fill::Wrong => self.wrong,
            Fill::Partial => self.partial,
            Fill::Tile(i) => self.tiles[i % self.tiles.len()],
            // Darker, not lighter, under the mouse: white text stays readable.
            Fill::TileHovered(i) => self.tiles[i % self.tiles.len()].darker(0.06),
            Fill::Dimmed => self.tile_dimmed,
            Fill::Team(i) => self.teams[i % self.teams.len()],
            Fill::Timer => self.timer,
            Fill::TimerLow => self.timer_low,
            Fill::Track => self.timer_track,
            Fill::Shade => Color::srgba(0.0, 0.0, 0.0, 0.35),
            Fill::BannerInfo => self.banner_info,
            Fill::BannerError => self.banner_error,
            Fill::Clear => Color::NONE,
        }
    }

    pub fn standard() -> Palette {
        Palette {
            background: Color::srgb_u8(0x1b, 0x1f, 0x3a),
            panel: Color::srgb_u8(0x27, 0x2c, 0x52),
            panel_raised: Color::srgb_u8(0x34, 0x3a, 0x6b),
            text: Color::srgb_u8(0xf5, 0xf6, 0xfb),
            text_muted: Color::srgb_u8(0xb4, 0xb9, 0xd8),
            accent: Color::srgb_u8(0xff, 0xc8, 0x3d),
            button: Color::srgb_u8(0x46, 0x4d, 0x8c),
            button_hovered: Color::srgb_u8(0x5d, 0x66, 0xb3),
            button_text: Color::WHITE,
            focus_ring: Color::srgb_u8(0xff, 0xc8, 0x3d),
            correct: Color::srgb_u8(0x27, 0x84, 0x42),
            wrong: Color::srgb_u8(0xd6, 0x33, 0x4a),
            partial: Color::srgb_u8(0xa3, 0x67, 0x14),
            correct_text: Color::srgb_u8(0x5c, 0xd6, 0x7d),
            wrong_text: Color::srgb_u8(0xff, 0x87, 0x95),
            partial_text: Color::srgb_u8(0xff, 0xb5, 0x4d),
            timer: Color::srgb_u8(0x4f, 0xc3, 0xf7),
            timer_low: Color::srgb_u8(0xff, 0x6b, 0x6b),
            timer_track: Color::srgb_u8(0x34, 0x3a, 0x6b),
            tiles: [
                Color::srgb_u8(0xe2, 0x1b, 0x3c), // red, triangle
                Color::srgb_u8(0x13, 0x68, 0xce), // blue, diamond
                Color::srgb_u8(0x97, 0x6e, 0x00), // amber, circle
                Color::srgb_u8(0x25, 0x87, 0x0c), // green, square
                Color::srgb_u8(0x86, 0x4c, 0xbf), // purple, star
                Color::srgb_u8(0x0a, 0x81, 0x81), // teal, hexagon
            ],
            tile_marks: [
                Color::srgb_u8(0xf1, 0x8e, 0x9e),
                Color::srgb_u8(0x76, 0xae, 0xf2),
                Color::srgb_u8(0xdc, 0xa0, 0x00),
                Color::srgb_u8(0x36, 0xc4, 0x11),
                Color::srgb_u8(0xbe, 0x9f, 0xdd),
                Color::srgb_u8(0x0f, 0xbe, 0xbe),
            ],
            tile_text: Color::WHITE,
            tile_dimmed: Color::srgb_u8(0x3a, 0x3f, 0x5c),
            banner_error: Color::srgb_u8(0x9b, 0x1c, 0x2e),
            banner_info: Color::srgb_u8(0x1f, 0x5f, 0x8b),
            teams: TEAM_COLOURS,
            team_text: Color::srgb_u8(0x14, 0x16, 0x2b),
        }
    }

    /// Black and white with saturated, darker tiles: every text meets WCAG
    /// AAA contrast (7:1) against what it is drawn on (see the test below).
    pub fn high_contrast() -> Palette {
        Palette {
            background: Color::BLACK,
            panel: Color::srgb_u8(0x1a, 0x1a, 0x1a),
            panel_raised: Color::srgb_u8(0x33, 0x33, 0x33),
            text: Color::WHITE,
            text_muted: Color::srgb_u8(0xe6, 0xe6, 0xe6),
            accent: Color::srgb_u8(0xff, 0xe6, 0x00),
            button: Color::srgb_u8(0x33, 0x33, 0x33),
            button_hovered: Color::srgb_u8(0x55, 0x55, 0x55),
            button_text: Color::WHITE,
            focus_ring: Color::srgb_u8(0xff, 0xe6, 0x00),
            correct: Color::srgb_u8(0x00, 0x66, 0x1d),
            wrong: Color::srgb_u8(0xa8, 0x00, 0x14),
            partial: Color::srgb_u8(0x85, 0x48, 0x00),
            correct_text: Color::srgb_u8(0x66, 0xff, 0x8c),
            wrong_text: Color::srgb_u8(0xff, 0xae, 0xb8),
            partial_text: Color::srgb_u8(0xff, 0xcc, 0x55),
            timer: Color::WHITE,
            timer_low: Color::srgb_u8(0xff, 0xe6, 0x00),
            timer_track: Color::srgb_u8(0x33, 0x33, 0x33),
            tiles: [
                Color::srgb_u8(0xa8, 0x00, 0x14),
                Color::srgb_u8(0x00, 0x3d, 0x99),
                Color::srgb_u8(0x6b, 0x4a, 0x00),
                Color::srgb_u8(0x00, 0x5c, 0x12),
                Color::srgb_u8(0x55, 0x1a, 0x8b),
                Color::srgb_u8(0x00, 0x55, 0x55),
            ],
            tile_marks: [
                Color::srgb_u8(0xff, 0xad, 0xb7),
                Color::srgb_u8(0x9e, 0xc5, 0xff),
                Color::srgb_u8(0xff, 0xb5, 0x0f),
                Color::srgb_u8(0x00, 0xe1, 0x2c),
                Color::srgb_u8(0xd6, 0xb7, 0xf2),
                Color::srgb_u8(0x00, 0xda, 0xda),
            ],
            tile_text: Color::WHITE,
            tile_dimmed: Color::srgb_u8(0x1a, 0x1a, 0x1a),
            banner_error: Color::srgb_u8(0xa8, 0x00, 0x14),
            banner_info: Color::srgb_u8(0x00, 0x3d, 0x99),
            teams: TEAM_COLOURS,
            team_text: Color::BLACK,
        }
    }
}

/// Team colours: light, so dark text on them is readable in both themes, and
/// different in hue from the answer tiles.
const TEAM_COLOURS: [Color; 6] = [
    Color::srgb(1.0, 0.549, 0.259),   // orange
    Color::srgb(0.180, 0.769, 0.714), // turquoise
    Color::srgb(0.906, 0.435, 0.604), // pink
    Color::srgb(0.608, 0.827, 0.353), // lime
    Color::srgb(0.702, 0.533, 1.0),   // lavender
    Color::srgb(1.0, 0.820, 0.400),   // yellow
];

/// Team shapes, distinct from the answer tiles' shapes.
pub const TEAM_SHAPES: [&str; 6] = ["♠", "♥", "♣", "✿", "☀", "❄"];

/// The shapes drawn on answer tiles beside their colours, so colour-blind
/// players can tell them apart (Noto Sans Symbols 2 glyphs).
pub const TILE_SHAPES: [&str; 6] = ["▲", "◆", "●", "■", "★", "⬢"];

/// The keys that choose answer tiles in solo play.
pub const TILE_KEYS: [&str; 6] = ["1", "2", "3", "4", "5", "6"];

/// The letters that name answer tiles on the students' page, and so on the
/// projector when students answer on their own devices.
pub const TILE_LETTERS: [&str; 6] = ["A", "B", "C", "D", "E", "F"];

/// Every text role, with the surfaces it is drawn on somewhere in the game:
/// what the contrast test checks. A new pairing belongs here.
pub fn text_pairs() -> Vec<(Ink, Fill)> {
    let mut pairs = Vec::new();
    let mut on = |ink: Ink, fills: &[Fill]| pairs.extend(fills.iter().map(|f| (ink, *f)));
    let surfaces = [Fill::Background, Fill::Panel, Fill::Raised];
    on(Ink::Text, &[Fill::Background, Fill::Panel, Fill::Raised, Fill::ButtonHovered, Fill::Dimmed]);
    for ink in [Ink::Muted, Ink::Accent, Ink::Correct, Ink::Wrong, Ink::Partial] {
        on(ink, &surfaces);
    }
    on(Ink::OnButton, &[Fill::Button, Fill::ButtonHovered]);
    on(Ink::OnTile, &[Fill::Correct, Fill::Wrong, Fill::Partial, Fill::Dimmed]);
    on(Ink::OnAccent, &[Fill::Accent]);
    on(Ink::OnBanner, &[Fill::BannerInfo, Fill::BannerError, Fill::Partial]);
    for i in 0..6 {
        on(Ink::OnTile, &[Fill::Tile(i), Fill::TileHovered(i)]);
        on(Ink::OnTeam, &[Fill::Team(i)]);
        on(Ink::Tile(i), &surfaces);
    }
    pairs
}

/// WCAG's contrast ratio between two opaque colours, 1 to 21.
pub fn contrast(a: Color, b: Color) -> f32 {
    let luminance = |c: Color| {
        let c = c.to_srgba();
        let channel = |v: f32| if v <= 0.04045 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) };
        0.2126 * channel(c.red) + 0.7152 * channel(c.green) + 0.0722 * channel(c.blue)
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failures(palette: &Palette, needed: f32) -> Vec<String> {
        text_pairs()
            .into_iter()
            .filter_map(|(ink, fill)| {
                let ratio = contrast(palette.ink(ink), palette.fill(fill));
                (ratio < needed).then(|| format!("{ink:?} on {fill:?}: {ratio:.2}"))
            })
            .collect()
    }

    #[test]
    fn every_text_meets_wcag_aa_in_the_standard_theme() {
        assert_eq!(failures(&Palette::standard(), 4.5), Vec::<String>::new());
    }

    #[test]
    fn every_text_meets_wcag_aaa_in_high_contrast() {
        assert_eq!(failures(&Palette::high_contrast(), 7.0), Vec::<String>::new());
    }

    #[test]
    fn the_contrast_ratio_is_wcags() {
        assert!((contrast(Color::WHITE, Color::BLACK) - 21.0).abs() < 0.01);
        assert!((contrast(Color::WHITE, Color::WHITE) - 1.0).abs() < 1e-6);
        // #767676 on white is the classic 4.5:1 grey.
        assert!((contrast(Color::srgb_u8(0x76, 0x76, 0x76), Color::WHITE) - 4.54).abs() < 0.01);
    }
}
