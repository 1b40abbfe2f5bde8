#!/usr/bin/env bash
# `mpirun -n 2 supportsim sweep` writes exactly the files of a single-machine `--jobs 2` run
# with the same seed (docs/determinism.md). Registered with ctest (label "mpi") when CMake finds MPI.
# Usage: sweep_mpi_test.sh SUPPORTSIM MPIEXEC
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

args=(sweep "$dir/small.toml" --vary group.agents.agents=8,9,10 --vary run.seed=1,2 --quiet)
"$supportsim" "${args[@]}" --jobs 2 --out "$dir/jobs"

# CI runs as root; Open MPI refuses that unless told. Two ranks on however many cores, and no
# warning about the replication processes each rank forks.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
"$mpiexec" -n 2 --oversubscribe --mca mpi_warn_on_fork 0 \
  "$supportsim" "${args[@]}" --jobs 1 --out "$dir/mpi"

diff -r "$dir/jobs" "$dir/mpi"
test -f "$dir/mpi/sweep.csv"
test "$(find "$dir/mpi" -name summary.json | wc -l)" -eq 6

# Resume under MPI: a missing point is recomputed, the rest read back; same files again.
rm -r "$dir/mpi/p03_group.agents.agents=9_run.seed=2"
"$mpiexec" -n 2 --oversubscribe --mca mpi_warn_on_fork 0 \
  "$supportsim" "${args[@]}" --jobs 1 --out "$dir/mpi"
diff -r "$dir/jobs" "$dir/mpi"
echo "mpirun -n 2 and --jobs 2 wrote identical results"
