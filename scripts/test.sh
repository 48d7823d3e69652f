#!/usr/bin/env bash
# Runs every test: unit, integration (real SQLite files and a temporary PostgreSQL cluster, real forms), command line,
# and browser tests (Playwright driving Debian's Chromium). Installs the system packages the tests need when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || packages+=(fonts-dejavu-core)
# The tests that run on PostgreSQL use a throwaway cluster made with Debian's server binaries (scripts/pg-cluster.sh).
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || packages+=(postgresql)
if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing missing system packages: ${packages[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  else
    echo "Missing system packages: ${packages[*]}. Install them with: sudo apt-get install ${packages[*]}" >&2
    exit 1
  fi
fi

# A PostgreSQL cluster owned by this run, for the tests on the second provider (ADR 0900); stopped and removed at the
# end, whatever happens. It starts while the solution builds. A run started with MILLELIVRES_TEST_POSTGRES already set
# uses that server instead.
pg_pid=""
if [ -z "${MILLELIVRES_TEST_POSTGRES:-}" ]; then
  pg_dir=$(mktemp -d /tmp/millelivres-pg.XXXXXX)
  trap 'wait; bash scripts/pg-cluster.sh stop "$pg_dir"; rm -f "$pg_dir.out"' EXIT
  bash scripts/pg-cluster.sh start "$pg_dir" >"$pg_dir.out" &
  pg_pid=$!
fi

dotnet build MilleLivres.sln -c Release -nologo -clp:ErrorsOnly

if [ -n "$pg_pid" ]; then
  wait "$pg_pid" || { echo "The PostgreSQL cluster for the tests did not start." >&2; exit 1; }
  MILLELIVRES_TEST_POSTGRES=$(tail -1 "$pg_dir.out")
  export MILLELIVRES_TEST_POSTGRES
  echo "PostgreSQL for the tests: $MILLELIVRES_TEST_POSTGRES"
fi
log=$(mktemp)
status=0
dotnet test MilleLivres.sln -c Release --no-build -nologo 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test projects.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed"
exit "$status"
