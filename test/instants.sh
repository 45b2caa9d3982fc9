#!/usr/bin/env bash
# Runs the suites that depend on the time of day, the weekday, month and year ends, DST nights or the SID season
# once per instant, with the test clock (test/utils/clock.ts) pinned there through KW_TEST_NOW. Each run prints
# Jest's own "Tests:" line. Instants: KW_TEST_INSTANTS (space-separated) or the list below. Expects dist/ built.
set -uo pipefail
cd "$(dirname "$0")/.."

read -r -a instants <<<"${KW_TEST_INSTANTS:-\
2027-01-13T08:30:00Z \
2027-03-27T22:30:00Z \
2027-02-08T09:30:00Z \
2026-12-31T23:30:00Z}"
# 2027-01-13T08:30:00Z  08:30 UTC: 09:30 in Brussels, inside the grace hour after the 09:00 reminder time
# 2027-03-27T22:30:00Z  23:30 in Brussels on the night the clocks go forward (already the 28th at UTC+14)
# 2027-02-08T09:30:00Z  a Monday (weekly summaries) inside the SID 2027 window, the day before SID
# 2026-12-31T23:30:00Z  31 December in UTC, already 1 January in Brussels; the SID 2027 window has just opened
suites=(
  test/integration/reminder-schedules.postgres.test.ts
  test/integration/reminder-schedules.redis.test.ts
  test/integration/reminders.test.ts
  test/integration/reminder-links.test.ts
  test/integration/digests.test.ts
  test/integration/partners.test.ts
  test/integration/contacts.test.ts
  test/integration/boards.test.ts
  test/integration/sid.test.ts
)

rc=0
for instant in "${instants[@]}"; do
  printf '\n--- Test clock pinned at %s ---\n' "$instant"
  KW_TEST_NOW="$instant" NODE_OPTIONS=--experimental-vm-modules npx jest "${suites[@]}" || rc=1
done
exit "$rc"
