#!/usr/bin/env bash
# Installs what qantar needs from Debian 12's packages, if missing. Non-interactive, idempotent:
# a second run installs nothing. Used by demo.sh and test.sh.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libgdal-dev gdal-bin libproj-dev proj-bin libgeos-dev
  libsfml-dev libcli11-dev catch2 nlohmann-json3-dev libfontconfig-dev
  fonts-dejavu-core fonts-noto-core
  zlib1g-dev libpng-dev
  ffmpeg
  xvfb xauth xdotool x11-utils imagemagick libgl1-mesa-dri xclip
  # Sanitizer and fuzz steps of test.sh (issue 13): clang with its runtime libraries (ASan, UBSan,
  # libFuzzer; clang-14 only recommends them); `time` and python3 for tests/hardening.sh.
  clang-14 libclang-rt-14-dev time python3 ninja-build
  # Stories as data (issue 10): TOML manifests, IANA time zones (ICU), gettext catalogues.
  libtomlplusplus-dev libhowardhinnant-date-dev libicu-dev tzdata gettext
  # PostGIS as a source (issue 11): the tests start their own PostgreSQL 15 cluster.
  postgresql-15 postgresql-15-postgis-3
  # The events' notes compressed in memory (issue 11).
  libzstd-dev
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "qantar setup: installing ${missing[*]}" >&2
if ! command -v apt-get >/dev/null; then
  echo "qantar setup: apt-get not found; install these packages by hand: ${missing[*]}" >&2
  exit 1
fi
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then sudo=(sudo); else
    echo "qantar setup: not root and no sudo; install these packages as root: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
