#!/usr/bin/env bash
# The crash drill (test/e2e/mail-drill.ts) once per random seed, then the totals.
# Usage: bench/mail-drill-seeds.sh [runs=20] [test file=test/e2e/mail-drill.postgres.test.ts] [jest -t filter]
# e.g.   bench/mail-drill-seeds.sh 20 test/e2e/mail-drill.postgres.test.ts 'database killed too: true'
# A failing seed is printed; replay it with DRILL_SEED=<seed> npm test -- <file>.
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
file=${2:-test/e2e/mail-drill.postgres.test.ts}
filter=${3:-}
report=$(mktemp)
npm run build --silent || exit 1
for i in $(seq 1 "$runs"); do
  seed=$(( (RANDOM << 15) | RANDOM ))
  args=("$file")
  [ -n "$filter" ] && args+=(-t "$filter")
  if ! DRILL_SEED=$seed DRILL_REPORT=$report NODE_OPTIONS=--experimental-vm-modules npx jest "${args[@]}" >"$report.$seed.log" 2>&1; then
    echo "run $i, seed $seed: FAILED (log: $report.$seed.log)"
  else
    rm -f "$report.$seed.log"
  fi
done
node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));
const keys = ["lost", "duplicated", "duplicatedUnrecorded", "uncertain", "pendingAfterMinute", "failed", "held"];
for (const r of lines) console.log(`seed ${r.seed} ${r.backend}/${r.variant}: ` + keys.map((k) => `${k}=${r[k]}`).join(" ") + ` settled=${r.settledAfterSeconds}s arrivedByKill=${r.arrivedByKill.join(",")}`);
const total = Object.fromEntries(keys.map((k) => [k, lines.reduce((s, r) => s + r[k], 0)]));
console.log(`${lines.length} runs, ${lines.reduce((s, r) => s + r.emails, 0)} emails, ${lines.reduce((s, r) => s + r.kills, 0)} kills: ` + keys.map((k) => `${k}=${total[k]}`).join(" "));
console.log(`rows with duplicates per run: max ${Math.max(...lines.map((r) => r.duplicated))}; slowest settle after the last start: ${Math.max(...lines.map((r) => r.settledAfterSeconds ?? Infinity))} s`);
' "$report"
