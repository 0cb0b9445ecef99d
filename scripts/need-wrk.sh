#!/usr/bin/env bash
# wrk, the HTTP load generator of the public-site benchmarks (benchmarks/public_load.sh, directory_search.py).
set -euo pipefail
command -v wrk >/dev/null && exit 0
echo "wrk missing: installing it with apt"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get install -y --no-install-recommends wrk >/dev/null 2>&1 || {
  $sudo apt-get update -q >/dev/null && $sudo apt-get install -y --no-install-recommends wrk >/dev/null; }
