#!/usr/bin/env bash
# The study guide's benchmark (not part of the test suite: it asserts nothing).
#
#   tests/bench/run.sh               the full run, ~10-15 min on 2 cores
#   BENCH_QUICK=1 tests/bench/run.sh a few runs of each part, to check the script
#   BENCH_BUILD_500=1 ...            also full builds of the 500-chapter book
#                                    (ours takes ~12 min there on 2 cores)
#   BENCH_LOOP_ONLY=1 ...            only the learner's loop at scale (loop.mjs:
#                                    12,500 questions; exam, progress, review)
#
# 1. builds target/release/mdbook-studyguide and the Rust bench binary
#    (preprocessor/benches/studyguide_bench.rs, via `cargo bench --no-run`);
# 2. generates tests/bench/work/{ours,plain}-{1,50,150,500}: N copies of
#    src/serverless-containers with ids renamed per copy (gen.mjs); "plain"
#    is the same Markdown without our preprocessor and theme assets;
# 3. measures (bench.mjs): the preprocessor alone (1/50/500 chapters), full
#    builds vs plain mdBook with a warm and a cold diagram cache and their
#    peak memory, page weight and time to a ready page in Chromium, PDF
#    export beside Chromium printing the same print page once, one block
#    growing (blocks.mjs: a quiz of 1,000 and 10,000 questions, a limit table
#    of 500 and 5,000 rows, a 5 MB diagram), and the guide itself (builds,
#    PDF, its heaviest quiz page); prints a table and writes it to
#    tests/bench/results.md.
#
# Needs what tests/setup.sh installs (Chromium at /usr/bin/chromium,
# node_modules, poppler's pdfinfo) and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/../.."

for tool in node cargo pdfinfo /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing (see tests/setup.sh)" >&2; exit 1; }
done
[ -d node_modules/mermaid ] && [ -d node_modules/playwright-core ] || { echo "run.sh: run npm ci first" >&2; exit 1; }

echo "== Building (release)" >&2
cargo build --release --locked -q -p mdbook-studyguide
bench_bin=$(cargo bench --locked -q --no-run -p mdbook-studyguide --bench studyguide_bench --message-format=json \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const l of s.split("\n")){try{const m=JSON.parse(l);if(m.reason==="compiler-artifact"&&m.target&&m.target.name==="studyguide_bench"&&m.executable)console.log(m.executable)}catch{}}})')
[ -x "$bench_bin" ] || { echo "run.sh: could not build the bench binary" >&2; exit 1; }

if [ "${BENCH_LOOP_ONLY:-}" != 1 ]; then
echo "== Generating books" >&2
sizes=(1 50 150 500)
[ "${BENCH_QUICK:-}" = 1 ] && sizes=(1 50 500)
node tests/bench/gen.mjs tests/bench/work "${sizes[@]}" >&2
node tests/bench/blocks.mjs tests/bench/work/blocks quiz:1000 quiz:10000 limits:500 limits:5000 diagram:5000000 >&2

echo "== Measuring (load average: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
node tests/bench/bench.mjs tests/bench/work "${CARGO_TARGET_DIR:-target}/release/mdbook-studyguide" "$bench_bin"
fi

echo "== The learner's loop at scale" >&2
mkdir -p tests/bench/work
node tests/bench/loop.mjs tests/bench/work "${CARGO_TARGET_DIR:-target}/release/mdbook-studyguide" "$bench_bin"
