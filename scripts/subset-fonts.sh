#!/bin/sh
# Rebuilds the web fonts of the pages (static/fonts/Sarabun-*.woff2) from the full Sarabun TTFs beside them:
# Latin-1, Thai, general punctuation, arrows and a few signs the templates use; all OpenType features kept
# (Thai marks need them). Glyphs outside the subset fall back to the device's font, one character at a time.
set -e
cd "$(dirname "$0")/../static/fonts"
PY="${PYTHON:-../../.venv/bin/python}"
UNICODES="U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0E00-0E7F,U+2000-206F,U+20AC,U+20BF,U+2122,U+2190-2199,U+2212,U+2215,U+2264-2265,U+25CC,U+FEFF,U+FFFD"
for style in Regular Bold; do
  "$PY" -m fontTools.subset "Sarabun-$style.ttf" --unicodes="$UNICODES" --layout-features='*' \
    --flavor=woff2 --output-file="Sarabun-$style.woff2"
done
