#!/usr/bin/env bash
# Benchmark (not a test): `--jobs` scaling. A sweep of 8 points of the default organisation
# (chat team shrinkage 20% to 34%) with --jobs 1, then --jobs 2, then --jobs 1 and --jobs 2
# again; prints each wall time, the speed-up of the best of each, the load average, and checks
# that both write the same sweep.csv.
#
#   tests/perf/bench_jobs.sh [build/supportsim]
set -euo pipefail
cd "$(dirname "$0")/../.."
binary=${1:-build/supportsim}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A best
for round in 1 2; do
  for jobs in 1 2; do
    start=$(date +%s.%N)
    "$binary" sweep scenarios/default.toml --no-report --out "$out/round$round-jobs$jobs" --jobs "$jobs" \
      --vary group.chat_team.shrinkage=0.20,0.22,0.24,0.26,0.28,0.30,0.32,0.34 >/dev/null
    seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    echo "round $round, --jobs $jobs: $seconds s"
    best[$jobs]=$(awk -v s="$seconds" -v b="${best[$jobs]:-1e18}" 'BEGIN { print (s < b ? s : b) }')
  done
done
cmp "$out/round1-jobs1/sweep.csv" "$out/round1-jobs2/sweep.csv"
echo "--jobs 2 is $(awk -v a="${best[1]}" -v b="${best[2]}" 'BEGIN { printf "%.2f", a / b }')x faster than --jobs 1 (best of 2 each); sweep.csv identical"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
