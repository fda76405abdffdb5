#!/usr/bin/env bash
# Where a warm build's time goes, ours against plain mdBook, on the
# benchmark's 150-chapter book: a `perf` profile of each (call graphs from
# DWARF), reduced to mdBook's stages and the allocator's share.
#
#   tests/bench/profile.sh [CHAPTERS]      (default 150; needs perf)
#
# Uses tests/bench/work/{ours,plain}-N from run.sh (or generates them), the
# release binary, and plain mdBook 0.5.4 from target/mdbook-cli
# (tests/mdbook-cli.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-150}"
bin="${CARGO_TARGET_DIR:-target}/release/mdbook-studyguide"
mdbook=target/mdbook-cli/bin/mdbook
command -v perf >/dev/null || { echo "profile.sh: perf is missing (apt-get install linux-perf)" >&2; exit 1; }
[ -x "$mdbook" ] || tests/mdbook-cli.sh >/dev/null
work=tests/bench/work
[ -d "$work/ours-$n" ] || node tests/bench/gen.mjs "$work" "$n" >&2
"$bin" build "$work/ours-$n" >/dev/null 2>&1   # warms the diagram cache
"$mdbook" build "$work/plain-$n" >/dev/null 2>&1

stages='render_chapter$|render_print_page$|search::create_files$|build_trees$|preprocess_book$|merge_json$|fs::write$|_int_malloc$|malloc_consolidate$|cfree|mi_malloc|_mi_page_malloc|mi_free'
for kind in ours plain; do
  data=$(mktemp)
  start=$(date +%s.%N)
  if [ "$kind" = ours ]; then
    perf record -q -F 99 --call-graph dwarf,8192 -o "$data" "$bin" build "$work/ours-$n" >/dev/null 2>&1
  else
    perf record -q -F 99 --call-graph dwarf,8192 -o "$data" "$mdbook" build "$work/plain-$n" >/dev/null 2>&1
  fi
  end=$(date +%s.%N)
  echo "== $kind, $n chapters: $(awk "BEGIN { printf \"%.1f\", $end - $start }") s under perf; share of samples (self+children)"
  perf report -i "$data" --children --sort symbol --stdio 2>/dev/null \
    | grep -E '^ +[0-9]' | sed 's/  \+-  \+-  *$//' | awk '{$1=$1};1' | cut -c1-110 \
    | grep -E "$stages" | awk '!seen[$NF]++' | head -14
  rm -f "$data"
done
