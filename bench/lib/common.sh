# Shared helpers of the benchmarks (sourced; functions only): environment, tools, quiet machine,
# CPU accounting, and writing result blocks into docs/benchmarks.md.

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
# BENCH_STATE and BENCH_PLATFORM_STATE move this script's state and the platform it measures (the CI
# smoke, bench/ci-smoke.sh, uses its own of both so that it never touches what up.sh started).
STATE="${BENCH_STATE:-$BENCH/.state}"
PLATFORM_STATE="${BENCH_PLATFORM_STATE:-$ROOT/deploy/local/state}"
DOC="$ROOT/docs/benchmarks.md"
mkdir -p "$STATE"

say() { printf '\033[1m==>\033[0m %s\n' "$*"; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# The running platform's URLs and secrets, as deploy/local/up.sh (or bench/ci-smoke.sh) wrote them.
# CPAAS_DB_NAME is the platform's database (up.sh's: cpaas).
load_platform_env() {
  local file
  for file in "$PLATFORM_STATE/credentials.env" "$PLATFORM_STATE/secrets.env"; do
    [ -f "$file" ] || die "$file is missing: start the platform with deploy/local/up.sh first"
    set -a
    # shellcheck disable=SC1090
    . "$file"
    set +a
  done
  curl -fsS -o /dev/null --max-time 3 "$CPAAS_ROOM_URL/q/health/ready" || die "room-service at $CPAAS_ROOM_URL is not ready"
  CPAAS_DB_NAME="${CPAAS_DB_NAME:-cpaas}"
}

# A smoke run must have measured something real, not only exited 0: dies unless the "RESULT name k=v"
# LINE sent at least one request and counted no error. WHAT names the benchmark in the message.
smoke_check_result() {
  local what="$1" line="$2"
  [ "${SMOKE:-0}" = 1 ] || return 0
  [ -n "$line" ] || die "$what smoke: the tool printed no RESULT line"
  local count errors
  # FixedRate's lines count requests in "sent", ConsolePages' in "n".
  count="$(result_field "$line" sent)" errors="$(result_field "$line" errors)"
  count="${count:-$(result_field "$line" n)}"
  [ "${count:-0}" -gt 0 ] || die "$what smoke: no request was sent ($line)"
  [ "${errors:-1}" = 0 ] || die "$what smoke: ${errors:-unknown} failed requests ($line)"
}

# Installs wrk from Debian's packages when missing.
ensure_wrk() {
  command -v wrk >/dev/null && return 0
  say "installing wrk from Debian's packages"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
}

# Compiles bench/java into bench/.state/classes when a source is newer than the last build.
build_java() {
  local classes="$STATE/classes"
  if [ ! -f "$classes/.built" ] || [ -n "$(find "$BENCH/java" -name '*.java' -newer "$classes/.built" -print -quit)" ]; then
    rm -rf "$classes" && mkdir -p "$classes"
    javac -d "$classes" "$BENCH"/java/*.java || die "compiling bench/java failed"
    touch "$classes/.built"
  fi
}

java_tool() {
  java -Xmx512m -cp "$STATE/classes" "$@"
}

# Another developer's test suite may be running: wait (at most 5 minutes, or BENCH_QUIET_WAIT
# seconds) until the 1-minute load average is below 0.7. Sets LOAD_BEFORE to the load at which the
# measurement starts.
wait_for_quiet() {
  local i load
  for i in $(seq 1 $(( ${BENCH_QUIET_WAIT:-300} / 5 ))); do
    load="$(cut -d' ' -f1 /proc/loadavg)"
    awk -v l="$load" 'BEGIN { exit !(l < 0.7) }' && break
    [ "$i" = 1 ] && say "load average $load: waiting up to 5 minutes for the machine to settle"
    [ "${SMOKE:-0}" = 1 ] && break
    sleep 5
  done
  LOAD_BEFORE="$(cut -d' ' -f1 /proc/loadavg)"
}

# The pid listening on a TCP port.
pid_on_port() {
  ss -Hltnp "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2
}

# CPU time (user + system, in clock ticks) a process has used so far; 0 when it is gone.
cpu_ticks() {
  [ -r "/proc/$1/stat" ] || { echo 0; return; }
  # Fields after the ")" that ends the command name: utime and stime are the 12th and 13th.
  sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

# CPU ticks the whole machine has spent busy so far (all cores: user, nice, system, irq, softirq, steal).
machine_ticks() {
  awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat
}

# Percent of one core: TICKS used over SECONDS of wall time.
cpu_percent() {
  awk -v t="$1" -v s="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", 100 * t / hz / s }'
}

# A "RESULT name k=v ..." line's value for key K.
result_field() {
  grep -o " $2=[^ ]*" <<<"$1" | head -1 | cut -d= -f2
}

# One line saying when and where results were measured. The load average after the run includes
# the benchmark's own runnable threads, so it hints at interference without proving it.
machine_line() {
  printf '%s, commit `%s`, %s cores (%s), load average before: %s, after: %s' \
    "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(git -C "$ROOT" rev-parse --short HEAD)" "$(nproc)" \
    "$(lscpu | sed -n 's/^Model name: *//p' | head -1)" "${LOAD_BEFORE:-?}" "$(cut -d' ' -f1 /proc/loadavg)"
}

# Which build a running room-service is: the commit above is the work tree's, and up.sh does not
# restart a service when someone rebuilds its jar, so the process may run older code.
running_build() {
  local jar="$ROOT/room-service/target/quarkus-app/app/room-service-0.1.0-SNAPSHOT.jar"
  local started built
  started="$(date -u -d "$(ps -o lstart= -p "$1")" '+%H:%M')"
  built="$(date -u -r "$jar" '+%H:%M')"
  if [ "$jar" -nt "/proc/$1" ]; then
    printf 'room-service running since %s UTC, older than its jar on disk (built %s UTC): an earlier build' "$started" "$built"
  else
    printf 'room-service running since %s UTC from the jar built %s UTC' "$started" "$built"
  fi
}

# write_results NAME FILE [DOC]: replaces the block between <!-- results:NAME --> and <!-- /results:NAME -->
# in DOC (default docs/benchmarks.md) with the contents of FILE; the rest of the page stays as written.
write_results() {
  local name="$1" file="$2" doc="${3:-$DOC}"
  [ "${SMOKE:-0}" = 1 ] && return 0
  grep -q "<!-- results:$name -->" "$doc" || die "${doc#"$ROOT"/} has no <!-- results:$name --> block"
  awk -v name="$name" -v file="$file" '
    $0 == "<!-- results:" name " -->" { print; while ((getline line < file) > 0) print line; skip = 1; next }
    $0 == "<!-- /results:" name " -->" { skip = 0 }
    !skip { print }' "$doc" >"$doc.tmp" && mv "$doc.tmp" "$doc"
  say "results written to ${doc#"$ROOT"/} ($name)"
}

# CPU ticks used so far by all of PostgreSQL's processes (the server and its backends).
postgres_ticks() {
  # One pass over all of them: a busy server has a hundred backends. A backend that ended meanwhile
  # has no stat file any more and counts 0.
  local stats
  stats="$(ps -u postgres -o pid= | sed 's|^ *\(.*\)|/proc/\1/stat|' || true)"
  [ -n "$stats" ] || { echo 0; return; }
  # shellcheck disable=SC2086
  { cat $stats 2>/dev/null || true; } | sed 's/^.*) //' | awk '{ t += $12 + $13 } END { print t + 0 }'
}
