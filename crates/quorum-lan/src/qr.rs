//! The join address as a QR code: a square of dark and light modules that
//! the projector draws itself (no image crate, no image file).

use qrcode::{Color, EcLevel, QrCode};

/// A QR code's modules, row by row. The quiet zone (4 light modules on
/// every side) is for whoever draws it to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    width: usize,
    dark: Vec<bool>,
}

impl QrMatrix {
    /// Encodes `text` (a URL) with medium error correction, which a phone
    /// reads off a projector screen from the back of a room.
    pub fn new(text: &str) -> Result<QrMatrix, String> {
        let code = QrCode::with_error_correction_level(text, EcLevel::M)
            .map_err(|e| format!("the address can't be made into a QR code: {e}"))?;
        let dark = code.to_colors().into_iter().map(|c| c == Color::Dark).collect();
        Ok(QrMatrix { width: code.width(), dark })
    }

    /// Modules per side.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Whether the module at column `x`, row `y` is dark (outside is light).
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark[y * self.width + x]
    }

    /// The code for a terminal, two rows per line in half blocks, with its
    /// quiet zone: dark modules show as blank on a light background.
    pub fn to_text(&self) -> String {
        let quiet = 2;
        let side = self.width + 2 * quiet;
        let at = |x: usize, y: usize| x >= quiet && y >= quiet && self.is_dark(x - quiet, y - quiet);
        let mut out = String::new();
        for y in (0..side).step_by(2) {
            for x in 0..side {
                out.push(match (at(x, y), at(x, y + 1)) {
                    (true, true) => ' ',
                    (true, false) => '▄',
                    (false, true) => '▀',
                    (false, false) => '█',
                });
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A finder pattern: a 7×7 dark ring, a light ring, a dark 3×3 centre.
    fn has_finder(qr: &QrMatrix, x0: usize, y0: usize) -> bool {
        (0..7).all(|y| {
            (0..7).all(|x| {
                let ring = x == 0 || y == 0 || x == 6 || y == 6;
                let centre = (2..=4).contains(&x) && (2..=4).contains(&y);
                qr.is_dark(x0 + x, y0 + y) == (ring || centre)
            })
        })
    }

    #[test]
    fn a_join_address_makes_a_readable_code() {
        let qr = QrMatrix::new("http://192.168.100.200:8080/?pin=482913").unwrap();
        // Versions are 21, 25, 29, ... modules wide; 40 characters at level M need version 3.
        assert_eq!(qr.width(), 29);
        let w = qr.width();
        assert!(has_finder(&qr, 0, 0) && has_finder(&qr, w - 7, 0) && has_finder(&qr, 0, w - 7));
        assert!(!has_finder(&qr, w - 7, w - 7), "the bottom-right corner has none");
        assert!(!qr.is_dark(w, 0), "outside the code is light");
        let text = qr.to_text();
        assert_eq!(text.lines().count(), (w + 4).div_ceil(2));
        assert!(text.lines().all(|l| l.chars().count() == w + 4));
    }

    #[test]
    fn different_addresses_make_different_codes() {
        let a = QrMatrix::new("http://10.0.0.5:8080/?pin=111111").unwrap();
        let b = QrMatrix::new("http://10.0.0.5:8080/?pin=111112").unwrap();
        assert_ne!(a, b);
    }
}
