#!/usr/bin/env bash
# With book.toml as committed, a plain `mdbook build` (mdBook 0.5.4, which
# runs our preprocessor through its `command`) writes the very same site as
# our own `build`, but for the search index: ours leaves out the quizzes'
# answers, which mdBook's indexes, and is named by the hash of what it holds,
# as mdBook names it, so the lines of the pages that name it differ too;
# and the not-found page, whose files ours names through a script that picks
# the base where the page is opened (mdBook's asks for them at the file
# system's root when opened from disk).
# Installs mdBook 0.5.4 into target/mdbook-cli the first time, and
# mdbook-toc 0.15.4, a well-known preprocessor the browser tests run beside
# ours (tests/browser/mdbook-features.test.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."

mdbook=target/mdbook-cli/bin/mdbook
if ! "$mdbook" --version 2>/dev/null | grep -q "v0.5.4"; then
  echo "Installing mdBook 0.5.4 into target/mdbook-cli (once)"
  cargo install mdbook --version 0.5.4 --locked --quiet --root target/mdbook-cli
fi
if ! target/mdbook-cli/bin/mdbook-toc --version 2>/dev/null | grep -q "0.15.4"; then
  echo "Installing mdbook-toc 0.15.4 into target/mdbook-cli (once)"
  cargo install mdbook-toc --version 0.15.4 --locked --quiet --root target/mdbook-cli
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$mdbook" build --dest-dir "$out/mdbook" >/dev/null 2>&1 || { "$mdbook" build --dest-dir "$out/mdbook"; exit 1; }
cargo run --release --locked -q -- build --dest-dir "$out/studyguide" 2>/dev/null

index() { (cd "$1" && ls searchindex-*.js); }
ours=$(index "$out/studyguide")
same() { diff -r -x 'searchindex-*.js' -x 404.html -I 'searchindex-[0-9a-f]\{8\}\.js' "$out/mdbook" "$out/studyguide"; }
if same >/dev/null && [ "$(grep -rl "$ours" "$out/studyguide" | wc -l)" -gt 1 ] &&
  grep -q "this page's files are named from where it is opened" "$out/studyguide/404.html"; then
  echo "mdbook build and mdbook-studyguide build wrote the same site but for the search index ($(index "$out/mdbook"), $ours; $(find "$out/mdbook" -type f | wc -l) files)."
else
  echo "mdbook build and mdbook-studyguide build differ:" >&2
  same | head -40 >&2
  exit 1
fi
# Every quiz's answer says "Answer: B" in its page, so in mdBook's index.
answers() { grep -o 'Answer: [A-E]' "$1/$(index "$1")" | wc -l; }
if [ "$(answers "$out/mdbook")" -gt 0 ] && [ "$(answers "$out/studyguide")" -eq 0 ]; then
  echo "Its search index has none of the $(answers "$out/mdbook") quiz answers mdBook's has."
else
  echo "mdbook-studyguide build's search index holds $(answers "$out/studyguide") quiz answers, mdBook's $(answers "$out/mdbook")" >&2
  exit 1
fi
