#!/usr/bin/env bash
# System packages the project needs: HarfBuzz subsetting for WeasyPrint, gettext for compilemessages,
# Debian's Chromium for the browser tests and poppler for turning PDFs into images in tests.
set -euo pipefail
pkgs=(libharfbuzz-subset0 gettext chromium poppler-utils)
missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "Please install as root: apt-get install -y ${missing[*]}" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
  $sudo apt-get update -q >/dev/null && $sudo apt-get install -y --no-install-recommends "${missing[@]}"; }
