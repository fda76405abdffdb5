#!/usr/bin/env bash
# Installs what the book and its tests need on a fresh Debian machine:
# Chromium (diagrams at build time, PDF, browser tests), poppler (PDF tests),
# the fonts the book's pages and PDF use, and the npm packages (mermaid,
# playwright-core, axe-core). Safe to run again: it skips what is present.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium chromium-driver)
command -v pdftotext >/dev/null 2>&1 || packages+=(poppler-utils)
fc-list 2>/dev/null | grep -q "Open Sans" || packages+=(fonts-open-sans)
fc-list 2>/dev/null | grep -qi "Noto Color Emoji" || packages+=(fonts-noto-color-emoji)
if [ ${#packages[@]} -gt 0 ]; then
  echo "Installing ${packages[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
fi

if [ ! -d node_modules/mermaid ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
