#!/usr/bin/env bash
# `mpirun -n 2 supportsim run` shares the replications among the ranks (rank r runs r, r + 2,
# ...) and writes exactly the files of a single-machine `--jobs 2` run with the same seed.
# Registered with ctest (label "mpi") when CMake finds MPI.
# Usage: run_mpi_test.sh SUPPORTSIM MPIEXEC
set -euo pipefail
supportsim=$1
mpiexec=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

cat >"$dir/small.toml" <<'TOML'
[run]
name = "small"
horizon = "4h"
replications = 3
[[segment]]
name = "callers"
arrival_rate = "120/h"
entry = { phone = 1.0 }
issues = { question = 1.0 }
patience = { dist = "exponential", mean = "3m" }
[[issue]]
name = "question"
handle_time = { dist = "exponential", mean = "4m" }
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "agents"
channels = ["phone"]
agents = 9
TOML

"$supportsim" run "$dir/small.toml" --quiet --jobs 2 --out "$dir/jobs"

# CI runs as root; Open MPI refuses that unless told. Two ranks on however many cores, and no
# warning about the replication processes each rank forks.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpi=("$mpiexec" --oversubscribe --mca mpi_warn_on_fork 0)
"${mpi[@]}" -n 2 "$supportsim" run "$dir/small.toml" --quiet --jobs 1 --out "$dir/mpi"
diff -r "$dir/jobs" "$dir/mpi"

# Each replication runs on one rank only. Rank 1 below cannot simulate (an unknown context
# factory): with one replication it has nothing to run and the run succeeds; with two, it runs
# replication 1, which fails, and says so.
broken=(env SUPPORTSIM_CONTEXTS=no_such_factory "$supportsim")
"${mpi[@]}" -n 1 "$supportsim" run "$dir/small.toml" --quiet --replications 1 --out "$dir/one" \
  : -n 1 "${broken[@]}" run "$dir/small.toml" --quiet --replications 1 --out "$dir/one"
test -f "$dir/one/summary.json"
if "${mpi[@]}" -n 1 "$supportsim" run "$dir/small.toml" --quiet --replications 2 --out "$dir/two" \
  : -n 1 "${broken[@]}" run "$dir/small.toml" --quiet --replications 2 --out "$dir/two" \
  2>"$dir/err"; then
  echo "expected replication 1 to fail on rank 1" >&2
  exit 1
fi
grep -q "rank 1: replication 1 failed" "$dir/err" || { cat "$dir/err" >&2; exit 1; }
test ! -e "$dir/two"
echo "mpirun -n 2 run shared the replications and wrote what --jobs 2 writes"
