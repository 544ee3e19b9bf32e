//! Nicknames: what a student may be called on the projector. Trimmed, 2 to
//! 16 characters, nothing invisible, and nothing the projector's font can't
//! draw (read from the font's own character map, not guessed). Whether a
//! name is already taken is the session's rule (`quiz::players`), not this
//! file's.

use std::collections::HashSet;
use std::fmt;
use std::sync::OnceLock;

use quorum_core::quiz::players::{MAX_NAME, MIN_NAME};

/// The font the projector draws names in.
const PROJECTOR_FONT: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf");

/// The characters a font draws: those its character map holds that have an
/// outline (a mapped but empty glyph, such as a zero-width space, is not
/// drawn), and the plain space.
#[derive(Debug, Clone)]
pub struct Glyphs {
    drawn: HashSet<char>,
}

impl Glyphs {
    /// Reads a TrueType or OpenType font's character map.
    pub fn from_font(data: &[u8]) -> Result<Glyphs, String> {
        let face =
            ttf_parser::Face::parse(data, 0).map_err(|e| format!("not a font the game can read: {e}"))?;
        let cmap = face.tables().cmap.ok_or("the font has no character map")?;
        let mut drawn = HashSet::from([' ']);
        for subtable in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
            subtable.codepoints(|cp| {
                if let (Some(c), Some(glyph)) = (char::from_u32(cp), subtable.glyph_index(cp))
                    && face.glyph_bounding_box(glyph).is_some()
                {
                    drawn.insert(c);
                }
            });
        }
        Ok(Glyphs { drawn })
    }

    /// The projector's font (Noto Sans Bold), read once.
    pub fn projector() -> &'static Glyphs {
        static GLYPHS: OnceLock<Glyphs> = OnceLock::new();
        GLYPHS.get_or_init(|| Glyphs::from_font(PROJECTOR_FONT).expect("the built-in font is readable"))
    }

    pub fn draws(&self, c: char) -> bool {
        self.drawn.contains(&c)
    }

    pub fn len(&self) -> usize {
        self.drawn.len()
    }

    pub fn is_empty(&self) -> bool {
        self.drawn.is_empty()
    }
}

/// Why a nickname can't be used. Each reads as a sentence for the student.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameRefusal {
    TooShort,
    TooLong,
    /// A character that shows as nothing (a zero-width space, a direction mark).
    Invisible(char),
    /// A character the projector's font can't draw (most emoji).
    Undrawable(char),
}

impl fmt::Display for NameRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameRefusal::TooShort => write!(f, "a nickname needs at least {MIN_NAME} letters or digits"),
            NameRefusal::TooLong => write!(f, "a nickname can be at most {MAX_NAME} characters long"),
            NameRefusal::Invisible(c) => write!(
                f,
                "your nickname has an invisible character (U+{:04X}) in it: type it again without it",
                u32::from(*c)
            ),
            NameRefusal::Undrawable(c) => write!(
                f,
                "the projector can't show \u{201C}{c}\u{201D}: use letters, digits and everyday punctuation"
            ),
        }
    }
}

/// The characters of Unicode's "format" category (Cf: soft hyphen,
/// zero-width spaces and joiners, direction marks and isolates, the byte
/// order mark, tags), and other characters that draw as blank space
/// (Hangul fillers, the braille blank, variation selectors, the
/// combining grapheme joiner).
const INVISIBLE: &[(u32, u32)] = &[
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x2800, 0x2800),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
];

fn is_invisible(c: char) -> bool {
    let cp = u32::from(c);
    c.is_control() || INVISIBLE.iter().any(|&(lo, hi)| (lo..=hi).contains(&cp))
}

/// The nickname as it will be shown: trimmed, runs of spaces made one
/// space, or why it can't be used.
pub fn nickname(typed: &str, glyphs: &Glyphs) -> Result<String, NameRefusal> {
    // Invisible characters are refused wherever they are, before spaces are
    // tidied: a control character such as a tab is not a space to keep.
    if let Some(c) = typed.chars().find(|&c| is_invisible(c) && !c.is_whitespace()) {
        return Err(NameRefusal::Invisible(c));
    }
    let name = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(c) = name.chars().find(|&c| !glyphs.draws(c)) {
        return Err(NameRefusal::Undrawable(c));
    }
    if name.chars().filter(|c| *c != ' ').count() < MIN_NAME {
        return Err(NameRefusal::TooShort);
    }
    if name.chars().count() > MAX_NAME {
        return Err(NameRefusal::TooLong);
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(typed: &str) -> Result<String, NameRefusal> {
        nickname(typed, Glyphs::projector())
    }

    #[test]
    fn the_projector_font_is_read_from_its_character_map() {
        let g = Glyphs::projector();
        assert!(g.len() > 1000, "Noto Sans Bold draws thousands of characters, read {}", g.len());
        for c in ['A', 'z', '0', 'ā', 'ō', 'Ü', 'ß', 'é', 'Ж', 'λ', '-', '\'', '!'] {
            assert!(g.draws(c), "{c}");
        }
        for c in ['😀', '漢', '\u{200B}', '\u{E000}'] {
            assert!(!g.draws(c), "{c:?}");
        }
        assert!(Glyphs::from_font(b"not a font").is_err());
    }

    #[test]
    fn names_are_trimmed_and_their_spaces_tidied() {
        assert_eq!(check("  Aroha  "), Ok("Aroha".into()));
        assert_eq!(check("Te   Ao\u{3000}Mārama"), Ok("Te Ao Mārama".into()));
        assert_eq!(check("Kōwhai-2"), Ok("Kōwhai-2".into()));
        assert_eq!(check("Zoë O'Brien"), Ok("Zoë O'Brien".into()));
    }

    #[test]
    fn length_is_2_to_16_characters() {
        assert_eq!(check("A"), Err(NameRefusal::TooShort));
        assert_eq!(check("   "), Err(NameRefusal::TooShort));
        assert_eq!(check("A  "), Err(NameRefusal::TooShort));
        assert_eq!(check("A B"), Ok("A B".into()));
        assert_eq!(check("Ab"), Ok("Ab".into()));
        assert_eq!(check("abcdefghijklmnop"), Ok("abcdefghijklmnop".into()));
        assert_eq!(check("abcdefghijklmnopq"), Err(NameRefusal::TooLong));
        assert_eq!(check("ĀĒĪŌŪāēīōūĀĒĪŌŪā"), Ok("ĀĒĪŌŪāēīōūĀĒĪŌŪā".into()), "16 characters, not bytes");
        assert!(check("A").unwrap_err().to_string().contains("at least 2"));
    }

    #[test]
    fn invisible_characters_are_refused_wherever_they_are() {
        for c in
            ['\u{200B}', '\u{200D}', '\u{200E}', '\u{202E}', '\u{2066}', '\u{FEFF}', '\u{00AD}', '\u{3164}']
        {
            for typed in [format!("{c}Aroha"), format!("Aro{c}ha"), format!("Aroha{c}")] {
                assert_eq!(check(&typed), Err(NameRefusal::Invisible(c)), "{typed:?}");
            }
        }
        assert_eq!(check("Ar\u{7}oha"), Err(NameRefusal::Invisible('\u{7}')));
        assert_eq!(check("Ab\u{E0041}"), Err(NameRefusal::Invisible('\u{E0041}')), "a tag character");
        let message = check("A\u{200B}b").unwrap_err().to_string();
        assert!(message.contains("U+200B"), "{message}");
    }

    #[test]
    fn characters_the_font_lacks_are_refused() {
        assert_eq!(check("Aroha 😀"), Err(NameRefusal::Undrawable('😀')));
        assert_eq!(check("漢字名前"), Err(NameRefusal::Undrawable('漢')));
        assert_eq!(check("ab\u{E000}"), Err(NameRefusal::Undrawable('\u{E000}')), "private use");
        let message = check("Hi 😀").unwrap_err().to_string();
        assert_eq!(message, "the projector can't show “😀”: use letters, digits and everyday punctuation");
    }
}
