#!/usr/bin/env bash
# Expected-output (golden) tests of the tables `validate`, `run`, `staff` and `sweep` print, in the
# spirit of SimGrid's .tesh files: each case's standard output, with the temporary output folder
# and wall-clock times replaced by placeholders, must equal tests/golden/<case>.txt byte for byte.
#
#   golden.sh SUPPORTSIM SCENARIOS_DIR            compare (ctest)
#   golden.sh SUPPORTSIM SCENARIOS_DIR --update   rewrite the expected files (scripts/update_golden)
set -euo pipefail
supportsim=$1
scenarios=$2
update=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# name | arguments (the output folder is appended)
cases=(
  "validate_erlang_c|validate $scenarios/erlang_c.toml"
  "validate_multi_skill|validate $scenarios/multi_skill.toml"
  "run_erlang_a|run $scenarios/erlang_a.toml --replications 3 --set run.horizon=1d --no-report"
  "run_multi_skill|run $scenarios/multi_skill.toml --replications 3 --set run.horizon=1d --no-report"
  "staff_erlang_c|staff $scenarios/erlang_c.toml --replications 6 --set run.horizon=4h --set run.interval=1h --no-report"
  "sweep_erlang_a|sweep $scenarios/erlang_a.toml --vary group.agents.agents=96,100 --replications 3 --set run.horizon=1d --no-report"
)

failed=0
for entry in "${cases[@]}"; do
  name=${entry%%|*}
  read -r -a args <<<"${entry#*|}"
  out="$work/$name"
  if [[ ${args[0]} != validate ]]; then args+=(--out "$out" --jobs 2); fi
  actual=$("$supportsim" "${args[@]}" 2>/dev/null |
    sed -e "s#$work/#<OUT>/#g" -e 's/wall time [0-9.]* s/wall time <T> s/' \
        -e 's/optimal in [0-9.]* s/optimal in <T> s/')
  expected="$here/$name.txt"
  if [[ $update == --update ]]; then
    printf '%s\n' "$actual" >"$expected"
    echo "wrote $expected"
  elif ! diff -u "$expected" <(printf '%s\n' "$actual"); then
    echo "golden: $name differs from $expected (scripts/update_golden rewrites it)" >&2
    failed=1
  fi
done
exit $failed
