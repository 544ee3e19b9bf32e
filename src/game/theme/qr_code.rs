//! A QR code on screen: the server's module matrix drawn as one small image,
//! a pixel a module, scaled up without smoothing, inside its quiet zone.
//! Always dark on white, whatever the theme: phones read QR codes that way.

use bevy::asset::RenderAssetUsages;
use bevy::image::ImageSampler;
use bevy::prelude::*;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};

use quorum_lan::QrMatrix;

/// Light modules around the code, as the QR standard asks: without them
/// a phone can't find the code's edge against a dark screen.
pub const QUIET_ZONE: usize = 4;

/// The code on screen, for tests: what it opens, and its width in modules
/// with the quiet zone.
#[derive(Component, Debug, Clone, PartialEq, Eq)]
pub struct QrCode {
    pub url: String,
    pub modules: usize,
}

/// The code as an image: white, with a black pixel for each dark module.
pub fn qr_image(matrix: &QrMatrix) -> Image {
    let side = matrix.width() + 2 * QUIET_ZONE;
    let mut pixels = Vec::with_capacity(side * side * 4);
    for y in 0..side {
        for x in 0..side {
            let dark = x >= QUIET_ZONE && y >= QUIET_ZONE && matrix.is_dark(x - QUIET_ZONE, y - QUIET_ZONE);
            let v = if dark { 0 } else { 255 };
            pixels.extend_from_slice(&[v, v, v, 255]);
        }
    }
    let mut image = Image::new(
        Extent3d { width: side as u32, height: side as u32, depth_or_array_layers: 1 },
        TextureDimension::D2,
        pixels,
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::RENDER_WORLD,
    );
    // Sharp module edges when scaled up; smoothing would blur them together.
    image.sampler = ImageSampler::nearest();
    image
}

/// Spawns the code `side` pixels square. Without image assets (headless
/// tests) the square is spawned without its picture.
pub fn qr_code(
    parent: &mut ChildSpawnerCommands,
    matrix: &QrMatrix,
    url: String,
    side: f32,
    images: Option<&mut Assets<Image>>,
) {
    let node = Node { width: px(side), height: px(side), flex_shrink: 0.0, ..default() };
    let marker = QrCode { url, modules: matrix.width() + 2 * QUIET_ZONE };
    let mut code = parent.spawn((node, marker, BackgroundColor(Color::WHITE)));
    if let Some(images) = images {
        code.insert(ImageNode::new(images.add(qr_image(matrix))));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_image_has_the_quiet_zone_and_the_finder_corner() {
        let matrix = QrMatrix::new("http://192.168.1.20:8080/?pin=482913").unwrap();
        let image = qr_image(&matrix);
        let side = matrix.width() + 2 * QUIET_ZONE;
        assert_eq!(image.width() as usize, side);
        let dark = |x: usize, y: usize| {
            let i = (y * side + x) * 4;
            image.data.as_ref().unwrap()[i] == 0
        };
        assert!((0..side).all(|i| !dark(i, 0) && !dark(0, i) && !dark(i, QUIET_ZONE - 1)));
        // The top-left finder pattern starts right inside the quiet zone.
        assert!(dark(QUIET_ZONE, QUIET_ZONE) && dark(QUIET_ZONE + 6, QUIET_ZONE));
        assert!(!dark(QUIET_ZONE + 1, QUIET_ZONE + 1), "the finder's light ring");
    }
}
