#!/usr/bin/env bash
# Runs every test of every module against the real parts: PostgreSQL, Keycloak (started here on
# its own port and database) and coturn (port 13478), both stopped at the end; Chromium drives the
# worker's browser tests. Then fuzzes the parsers and runs every benchmark for a few seconds.
# Usage: deploy/local/test.sh [extra Maven arguments, e.g. -pl tenant-service]
#        CPAAS_FUZZ_SECONDS=0 skips the fuzzing, CPAAS_BENCH_SMOKE=0 the benchmarks' smoke.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/deploy/local"
STATE="$HERE/state"
TEST_STATE="$STATE/test"
# shellcheck source=lib/common.sh
source "$HERE/lib/common.sh"
# shellcheck source=lib/postgres.sh
source "$HERE/lib/postgres.sh"
# shellcheck source=lib/keycloak.sh
source "$HERE/lib/keycloak.sh"
# shellcheck source=lib/coturn.sh
source "$HERE/lib/coturn.sh"

KEYCLOAK_TEST_PORT="${CPAAS_TEST_KEYCLOAK_PORT:-18180}"
mkdir -p "$TEST_STATE"

say "checking tools"
ensure_packages curl jq unzip
command -v psql >/dev/null || ensure_packages postgresql-client
command -v node >/dev/null || ensure_packages nodejs npm
# The worker's browser tests drive Debian's Chromium with playwright-core.
ensure_packages chromium
# Network impairment tests put Chromium in network namespaces (ip, tc) joined by a python3 link.
ensure_packages iproute2 python3
# The benchmarks' smoke: wrk (mint) and Janus (sfu-janus).
[ "${CPAAS_BENCH_SMOKE:-1}" = 0 ] || ensure_packages wrk janus
(cd "$ROOT/sfu-worker/src/test/browser" && npm ci --no-audit --no-fund --loglevel=error)
# The tenant console's browser scenarios (run by tenant-service's and room-service's console tests).
(cd "$ROOT/tenant-service/src/test/browser" && npm ci --no-audit --no-fund --loglevel=error)

say "PostgreSQL"
postgres_ensure
postgres_recreate_database cpaas_test postgres
postgres_recreate_database keycloak_test postgres

say "Keycloak on port $KEYCLOAK_TEST_PORT (test instance)"
keycloak_install "$STATE"
KC_PID_FILE="$TEST_STATE/keycloak.pid"
keycloak_stop "$KC_PID_FILE" >/dev/null 2>&1 || true
KC_BOOTSTRAP_ADMIN_USERNAME="test-admin"
KC_BOOTSTRAP_ADMIN_PASSWORD="$(random_secret)"
CPAAS_ADMIN_USER="cpaas-admin"
CPAAS_ADMIN_PASSWORD="$(random_secret)"
CPAAS_CONSOLE_CLIENT_SECRET="$(random_secret)"
CPAAS_SERVICE_CLIENT_SECRET="$(random_secret)"
export KC_BOOTSTRAP_ADMIN_USERNAME KC_BOOTSTRAP_ADMIN_PASSWORD CPAAS_ADMIN_USER CPAAS_ADMIN_PASSWORD \
  CPAAS_CONSOLE_CLIENT_SECRET CPAAS_SERVICE_CLIENT_SECRET
keycloak_start "$STATE" "$KEYCLOAK_TEST_PORT" keycloak_test "$TEST_STATE/keycloak.log" "$KC_PID_FILE"
TURN_TEST_PORT="${CPAAS_TEST_TURN_PORT:-13478}"
TURN_PID_FILE="$TEST_STATE/coturn.pid"
trap 'keycloak_stop "$KC_PID_FILE" >/dev/null 2>&1 || true; coturn_stop "$TURN_PID_FILE" >/dev/null 2>&1 || true' EXIT

say "coturn on port $TURN_TEST_PORT (test instance)"
coturn_install
coturn_stop "$TURN_PID_FILE" >/dev/null 2>&1 || true
CPAAS_TEST_TURN_SECRET="$(random_secret)"
export CPAAS_TEST_TURN_SECRET CPAAS_TEST_TURN_PORT="$TURN_TEST_PORT"
# 5,000 relay ports (in the ephemeral range: a port some outgoing connection holds is skipped):
# the browser tests leave more allocations behind than a block of 100 holds.
COTURN_RELAY_PORTS="${CPAAS_TEST_TURN_RELAY_PORTS:-50000-54999}" \
  coturn_start "$TURN_TEST_PORT" "$TEST_STATE/coturn.log" "$TURN_PID_FILE" "$CPAAS_TEST_TURN_SECRET"
coturn_wait "$TURN_TEST_PORT" 30 "$TURN_PID_FILE"

# The JS tests need no Keycloak: run them while it boots.
say "sdk-js: install, build, test"
sdk_status=0
(cd "$ROOT/sdk-js" && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build && npm test && npm run --silent reference:check) || sdk_status=$?

# --- deploy/: Kubernetes manifests, images, systemd units, worker scripts (offline, a few seconds) ---
say "deploy: install, test (deploy/test)"
# With shellcheck and systemd-analyze installed it checks the scripts and units too (skipped without them).
command -v shellcheck >/dev/null || ensure_packages shellcheck || warn "no shellcheck: deploy scripts not linted"
deploy_status=0
(cd "$ROOT/deploy/test" && npm ci --no-audit --no-fund --loglevel=error && npm test) || deploy_status=$?
# --- end deploy/ ---

keycloak_wait "http://127.0.0.1:$KEYCLOAK_TEST_PORT" 240 "$TEST_STATE/keycloak.log" "$KC_PID_FILE"

export CPAAS_TEST_KEYCLOAK_URL="http://127.0.0.1:$KEYCLOAK_TEST_PORT"
export CPAAS_TEST_KEYCLOAK_ADMIN_USER="$KC_BOOTSTRAP_ADMIN_USERNAME"
export CPAAS_TEST_KEYCLOAK_ADMIN_PASSWORD="$KC_BOOTSTRAP_ADMIN_PASSWORD"
export CPAAS_TEST_ADMIN_USER="$CPAAS_ADMIN_USER"
export CPAAS_TEST_ADMIN_PASSWORD="$CPAAS_ADMIN_PASSWORD"
export CPAAS_TEST_DB_URL="jdbc:postgresql://127.0.0.1:5432/cpaas_test"

say "Java modules: ./mvnw verify"
maven_status=0
(cd "$ROOT" && ./mvnw -B -ntp verify "$@") || maven_status=$?

# `verify` only replays the fuzz tests' seeds and kept findings; this really fuzzes every network-facing
# parser for a few seconds each (CPAAS_FUZZ_SECONDS per target, 0 skips; docs/reliability.md).
fuzz_status=0
if [ "${CPAAS_FUZZ_SECONDS:-6}" -gt 0 ]; then
  say "fuzzing the network-facing parsers (${CPAAS_FUZZ_SECONDS:-6} s per target)"
  "$HERE/fuzz.sh" "${CPAAS_FUZZ_SECONDS:-6}" || fuzz_status=$?
fi

# Every benchmark for a few seconds, so that the tools never rot (bench/ci-smoke.sh): a tenant-service
# and room-service of its own (database cpaas_benchci, ports 19081-19091) with the Keycloak and coturn
# above; nothing of a platform deploy/local/up.sh started. It needs the jars Maven packaged.
bench_status=0
if [ "${CPAAS_BENCH_SMOKE:-1}" != 0 ]; then
  if [ "$maven_status" -eq 0 ]; then
    say "benchmarks: each for a few seconds (bench/ci-smoke.sh)"
    "$ROOT/bench/ci-smoke.sh" || bench_status=$?
  else
    warn "benchmarks' smoke skipped: Maven failed, so the services' jars may be missing"
  fi
fi

if [ "$sdk_status" -ne 0 ] || [ "$deploy_status" -ne 0 ] || [ "$maven_status" -ne 0 ] || [ "$fuzz_status" -ne 0 ] \
    || [ "$bench_status" -ne 0 ]; then
  die "tests failed (sdk-js exit $sdk_status, deploy exit $deploy_status, Maven exit $maven_status, fuzzing exit $fuzz_status, benchmarks' smoke exit $bench_status)"
fi
say "all tests passed"
