#!/usr/bin/env bash
# Fuzzes the preprocessor: runs every cargo-fuzz target in
# preprocessor/fuzz/ for the given time, one after another, and prints the
# executions per target.
#
#   tests/fuzz.sh [seconds-per-target] [target...]     (default: 60, all)
#
# Only a stable toolchain is needed: RUSTC_BOOTSTRAP=1 lets it accept the
# nightly-only flags cargo-fuzz passes. Each target starts from the committed
# seeds in preprocessor/fuzz/corpus/<target>/ and keeps what it finds in
# preprocessor/fuzz/work/<target>/ (not committed, reused by the next run), so
# the committed corpus stays small: copy an input there by hand when it is
# worth keeping (every input that found a bug is). Crashes land in
# preprocessor/fuzz/artifacts/<target>/ (not committed); reproduce one with
# `cargo fuzz run <target> <file>` and shrink it with `cargo fuzz tmin`.
# The committed corpus is replayed on every `cargo test` by
# the `replay` test at the end of preprocessor/fuzz/harness.rs.
#
# Environment: FUZZ_SANITIZER (address, the default, or none),
# FUZZ_JOBS (cargo build jobs, default 1), FUZZ_RUNS (run each target for
# this many inputs from a fixed seed instead of for a time, so that the run does
# not depend on the speed of the machine: the test command uses it).
set -euo pipefail
cd "$(dirname "$0")/../preprocessor/fuzz"

seconds="${1:-60}"
shift || true
case "$seconds" in
  ''|*[!0-9]*) echo "usage: tests/fuzz.sh [seconds-per-target] [target...]" >&2; exit 2 ;;
esac

export RUSTC_BOOTSTRAP=1
export CARGO_BUILD_JOBS="${FUZZ_JOBS:-1}"
sanitizer="${FUZZ_SANITIZER:-address}"

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "Installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo fuzz list)
fi

echo "Building ${targets[*]} (sanitizer: $sanitizer)"
for target in "${targets[@]}"; do
  cargo fuzz build --sanitizer "$sanitizer" "$target"
done

if [ -n "${FUZZ_RUNS:-}" ]; then
  budget="$FUZZ_RUNS runs from seed 1"
else
  budget="${seconds}s"
fi

logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
status=0
summary=()
for target in "${targets[@]}"; do
  mkdir -p "work/$target" "corpus/$target"
  echo
  echo "== $target: $budget"
  log="$logs/$target.log"
  if [ -n "${FUZZ_RUNS:-}" ]; then
    # New inputs go to a scratch directory so the next run starts the same.
    limit=(-runs="$FUZZ_RUNS" -seed=1)
    found_dir="$logs/$target-found"
    mkdir -p "$found_dir"
  else
    limit=(-max_total_time="$seconds")
    found_dir="work/$target"
  fi
  # One process (no -jobs/-workers): the machine is shared.
  if cargo fuzz run --sanitizer "$sanitizer" "$target" "$found_dir" "corpus/$target" -- \
      "${limit[@]}" -print_final_stats=1 \
      -timeout=10 -rss_limit_mb=2048 >"$log" 2>&1; then
    result="ok"
  else
    result="FAILED (see preprocessor/fuzz/artifacts/$target/)"
    status=1
    grep -E "panicked at|^thread|Test unit written to|ERROR:" "$log" | head -n 20 || true
    cp "$log" "artifacts/$target.log" 2>/dev/null || true
  fi
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)"
  seeds="$(find "corpus/$target" -type f | wc -l)"
  found="$(find "$found_dir" -type f | wc -l)"
  line="$(printf '%-14s %12s execs %8s exec/s %5s seeds %6s kept inputs  %s' \
    "$target" "${execs:-?}" "${rate:-?}" "$seeds" "$found" "$result")"
  echo "$line"
  summary+=("$line")
done

echo
echo "== Summary ($budget per target)"
printf '%s\n' "${summary[@]}"
exit "$status"
