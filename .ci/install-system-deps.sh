#!/usr/bin/env bash
# System packages the tests need: LibreOffice (converts .doc/.wps/.rtf/.odt and builds the
# PDF corpus), Noto CJK fonts (so converted Chinese text keeps its glyphs) and poppler-utils
# (pdftoppm renders a page for the scanned-PDF test); gcc compiles the PDF reader's hot modules
# (setup.py; without it they run as plain Python). Skips apt when all are installed.
set -euo pipefail

PACKAGES=(libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk poppler-utils gcc libc6-dev)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "system packages already installed: ${PACKAGES[*]}"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends "${missing[@]}"
