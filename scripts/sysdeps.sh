#!/usr/bin/env bash
# System packages the project needs: HarfBuzz subsetting for WeasyPrint, gettext for compilemessages,
# Debian's Chromium for the browser tests, poppler for turning PDFs into images in tests, and the PostgreSQL
# client tools (pg_dump, pg_restore, psql) that backup_site and restore_site use; Debian 12 ships 15, the server's.
set -euo pipefail
pkgs=(libharfbuzz-subset0 gettext chromium poppler-utils postgresql-client)
missing=()
for p in "${pkgs[@]}"; do
  # A versioned client (postgresql-client-15, as the server package brings) serves as well as the metapackage.
  if [ "$p" = postgresql-client ] && command -v pg_dump >/dev/null && command -v pg_restore >/dev/null \
      && command -v psql >/dev/null; then continue; fi
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "Please install as root: apt-get install -y ${missing[*]}" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
  $sudo apt-get update -q >/dev/null && $sudo apt-get install -y --no-install-recommends "${missing[@]}"; }
