#!/usr/bin/env bash
# Draws Quorum's icon: a gold "Q" on the game's navy, its tail a tick. Drawn with
# ImageMagick's own shapes (no font, no SVG renderer), so the same command gives the
# same picture anywhere. Run it from anywhere after changing the design, and commit
# the PNGs it writes beside it; building the package only copies them.
set -euo pipefail
cd "$(dirname "$0")"

navy='#1b1f3a'   # the game's background (src/game/theme/palette.rs)
rim='#5d66b3'    # its hovered button, so the icon stands out on a dark shelf too
gold='#ffc83d'   # its accent
tick='#5cd67d'   # its "correct" text

# Drawn once at 1024 px and scaled down, so every size is the same picture.
convert -size 1024x1024 xc:none \
  -fill "$navy" -stroke "$rim" -strokewidth 28 -draw 'roundrectangle 40,40 983,983 190,190' \
  -fill none -stroke "$gold" -strokewidth 136 -draw 'circle 470,462 470,722' \
  -stroke "$navy" -strokewidth 230 -draw 'stroke-linecap round stroke-linejoin round polyline 560,660 680,780 860,560' \
  -stroke "$tick" -strokewidth 120 -draw 'stroke-linecap round stroke-linejoin round polyline 560,660 680,780 860,560' \
  -depth 8 quorum-1024.png
for size in 512 256 128 64 48 32 16; do
  convert quorum-1024.png -filter Lanczos -resize "${size}x${size}" -depth 8 -strip "quorum-$size.png"
done
# No timestamps in the PNGs, so a re-run with no change to the design changes no file.
for f in quorum-*.png; do
  mogrify -strip -define png:exclude-chunks=date,time "$f"
done
