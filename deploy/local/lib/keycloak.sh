# shellcheck shell=bash
# Keycloak helpers for the local stack and the test scripts.
#
# Source this file; it only defines functions (no side effects on source) and
# works under `set -euo pipefail`.
#
#   keycloak_install STATE_DIR
#   keycloak_start   STATE_DIR PORT DB_NAME LOG_FILE PID_FILE
#   keycloak_wait    URL TIMEOUT_SECONDS [LOG_FILE] [PID_FILE]
#   keycloak_stop    PID_FILE [TIMEOUT_SECONDS]
#
# keycloak_start needs these variables exported by the caller:
#   KC_BOOTSTRAP_ADMIN_USERNAME, KC_BOOTSTRAP_ADMIN_PASSWORD   master-realm admin
#       (only used when the database has no master admin yet, i.e. first start)
#   CPAAS_CONSOLE_CLIENT_SECRET, CPAAS_SERVICE_CLIENT_SECRET, CPAAS_ADMIN_USER,
#   CPAAS_ADMIN_PASSWORD    substituted into deploy/keycloak/realm-cpaas.json
#       (${VAR} placeholders) when realm `cpaas` is imported. The import is
#       IGNORE_EXISTING: once the realm exists in DB_NAME, later starts keep it
#       as it is, so changing these values later needs a fresh database.
#       Values are pasted into the JSON text as they are: no '"' or '\' in them.
# Optional:
#   KEYCLOAK_EXTRA_ARGS   more kc.sh options, split on spaces, e.g.
#       "--hostname=http://localhost:8180" to pin the token issuer (without it
#       the issuer follows the host the client used: localhost and 127.0.0.1
#       give different `iss` values) or "--http-host=127.0.0.1".
#   KEYCLOAK_JAVA_HOME    Java >= 21 (default /usr/lib/jvm/temurin-25-jdk-amd64)
#
# Layout: the distribution is unzipped once at STATE_DIR/keycloak-26.4.7; each
# instance gets its own copy of it at STATE_DIR/keycloak-26.4.7-PORT (made on
# first start), because `start-dev` re-augments the distribution in place
# (lib/quarkus/*, exit code 10 and relaunch) and two instances starting at the
# same time from one directory would race on those files. All state lives in
# the PostgreSQL database DB_NAME, so the copies are disposable.
#
# Ports: PORT for HTTP; --http-management-port=PORT+1000 for the management
# interface (default 9000, shared by every instance otherwise). Health and
# metrics are off, so Keycloak does not open it today, but an instance that
# turns them on can never clash with the other one (8180 -> 9180,
# 18180 -> 19180). --https-port=PORT+363 likewise (dev mode opens no HTTPS
# port without a certificate). Keycloak also listens on one random loopback
# port of its own (ephemeral, no clash).

# Repository root, derived from this file's location (deploy/local/lib/).
_keycloak_repo_root() {
  local here
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  (cd "$here/../../.." && pwd)
}

_keycloak_version() {
  echo "26.4.7"
}

# Keycloak 26 needs Java >= 21: KEYCLOAK_JAVA_HOME if set, else the newest such JDK under /usr/lib/jvm.
_keycloak_java_home() {
  if [[ -n "${KEYCLOAK_JAVA_HOME:-}" ]]; then
    echo "$KEYCLOAK_JAVA_HOME"
    return
  fi
  # shellcheck source=deploy/local/lib/java.sh
  . "$(dirname "${BASH_SOURCE[0]}")/java.sh"
  newest_java_home 21 || echo /usr/lib/jvm/temurin-25-jdk-amd64
}

_keycloak_log() {
  echo "keycloak: $*" >&2
}

# Path of the distribution zip in the local Maven repository. Maven (Java's
# user.home) uses the home directory from the password database, which is not
# always $HOME, so both are tried; KEYCLOAK_DIST_ZIP overrides.
_keycloak_find_zip() {
  local version="$1" home c
  local rel="repository/org/keycloak/keycloak-quarkus-dist/$version/keycloak-quarkus-dist-$version.zip"
  home="$(getent passwd "$(id -u)" | cut -d: -f6)" || home=""
  for c in "${KEYCLOAK_DIST_ZIP:-}" "${HOME:-}/.m2/$rel" "${home:+$home/.m2/$rel}"; do
    if [[ -n "$c" && -f "$c" ]]; then
      echo "$c"
      return 0
    fi
  done
  return 1
}

# keycloak_install STATE_DIR
# Ensures the distribution is unzipped at STATE_DIR/keycloak-26.4.7.
# Idempotent; safe to call concurrently (flock).
keycloak_install() {
  if [[ $# -ne 1 ]]; then
    _keycloak_log "usage: keycloak_install STATE_DIR"
    return 2
  fi
  local state_dir="$1" version zip
  version="$(_keycloak_version)"
  local dist="$state_dir/keycloak-$version"

  if [[ -x "$dist/bin/kc.sh" ]]; then
    return 0
  fi
  mkdir -p "$state_dir"
  (
    flock 9
    if [[ -x "$dist/bin/kc.sh" ]]; then
      exit 0
    fi
    if ! zip="$(_keycloak_find_zip "$version")"; then
      local root
      root="$(_keycloak_repo_root)"
      _keycloak_log "downloading keycloak-quarkus-dist $version via $root/mvnw"
      "$root/mvnw" -q -B dependency:get \
        -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:zip" >&2 || exit 1
      zip="$(_keycloak_find_zip "$version")" || {
        _keycloak_log "downloaded, but no keycloak-quarkus-dist-$version.zip under ~/.m2/repository (custom localRepository? set KEYCLOAK_DIST_ZIP)"
        exit 1
      }
    fi
    if ! command -v unzip >/dev/null 2>&1; then
      _keycloak_log "installing unzip"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q unzip >&2 ||
        { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q unzip >&2; } || exit 1
    fi
    local tmp="$state_dir/.keycloak-unzip.$$"
    rm -rf "$tmp"
    mkdir -p "$tmp"
    _keycloak_log "unzipping $zip"
    unzip -q "$zip" -d "$tmp" || { rm -rf "$tmp"; exit 1; }
    rm -rf "$dist"
    mv "$tmp/keycloak-$version" "$dist"
    rm -rf "$tmp"
  ) 9>"$state_dir/.keycloak-install.lock"
}

# Is something listening on 127.0.0.1:PORT?
_keycloak_port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints the PID from PID_FILE if that process is alive and is a Keycloak.
_keycloak_running_pid() {
  local pid_file="$1" pid
  [[ -f "$pid_file" ]] || return 1
  pid="$(tr -dc '0-9' <"$pid_file")"
  [[ -n "$pid" ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # Guard against a recycled PID: the process must be kc.sh or its java (an
  # argument ending in /bin/kc.sh, or -Dkc.home.dir=...).
  local -a args=()
  local a
  mapfile -d '' -t args <"/proc/$pid/cmdline" 2>/dev/null || return 1
  for a in ${args[@]+"${args[@]}"}; do
    if [[ "$a" == */bin/kc.sh || "$a" == -Dkc.home.dir=* ]]; then
      echo "$pid"
      return 0
    fi
  done
  return 1
}

# keycloak_start STATE_DIR PORT DB_NAME LOG_FILE PID_FILE
# Creates database DB_NAME if needed, puts the cpaas realm file in the import
# folder and starts `kc.sh start-dev` in the background (own session, so the
# PID in PID_FILE is also its process group). Returns at once; use
# keycloak_wait for readiness.
keycloak_start() {
  if [[ $# -ne 5 ]]; then
    _keycloak_log "usage: keycloak_start STATE_DIR PORT DB_NAME LOG_FILE PID_FILE"
    return 2
  fi
  local state_dir="$1" port="$2" db="$3" log_file="$4" pid_file="$5"
  local root realm_file java_home base inst pid var version
  version="$(_keycloak_version)"

  if [[ ! "$port" =~ ^[0-9]+$ ]] || ((port < 1 || port > 64535)); then
    _keycloak_log "bad port '$port'"
    return 2
  fi
  if [[ ! "$db" =~ ^[a-z_][a-z0-9_]*$ ]]; then
    _keycloak_log "bad database name '$db' (lowercase letters, digits, _)"
    return 2
  fi
  for var in KC_BOOTSTRAP_ADMIN_USERNAME KC_BOOTSTRAP_ADMIN_PASSWORD \
    CPAAS_CONSOLE_CLIENT_SECRET CPAAS_SERVICE_CLIENT_SECRET \
    CPAAS_ADMIN_USER CPAAS_ADMIN_PASSWORD; do
    if [[ -z "${!var:-}" ]]; then
      _keycloak_log "environment variable $var must be set (and exported)"
      return 2
    fi
  done
  root="$(_keycloak_repo_root)"
  realm_file="$root/deploy/keycloak/realm-cpaas.json"
  if [[ ! -f "$realm_file" ]]; then
    _keycloak_log "realm file $realm_file is missing"
    return 1
  fi
  java_home="$(_keycloak_java_home)"
  if [[ ! -x "$java_home/bin/java" ]]; then
    _keycloak_log "no Java at $java_home (Keycloak needs Java >= 21; set KEYCLOAK_JAVA_HOME)"
    return 1
  fi
  if pid="$(_keycloak_running_pid "$pid_file")"; then
    _keycloak_log "already running with pid $pid (pid file $pid_file)"
    return 1
  fi
  if _keycloak_port_busy "$port"; then
    _keycloak_log "port $port is already in use"
    return 1
  fi

  keycloak_install "$state_dir" || return 1

  # Database, idempotently (CREATE DATABASE has no IF NOT EXISTS).
  if [[ "$(psql -h 127.0.0.1 -U postgres -d postgres -XtAc \
    "SELECT 1 FROM pg_database WHERE datname = '$db'")" != "1" ]]; then
    _keycloak_log "creating database $db"
    psql -h 127.0.0.1 -U postgres -d postgres -Xq -v ON_ERROR_STOP=1 \
      -c "CREATE DATABASE \"$db\"" >&2 || {
      # Lost a race with a concurrent creator? Fine if it exists now.
      [[ "$(psql -h 127.0.0.1 -U postgres -d postgres -XtAc \
        "SELECT 1 FROM pg_database WHERE datname = '$db'")" == "1" ]] || return 1
    }
  fi

  # Per-instance copy of the pristine distribution (see header).
  base="$state_dir/keycloak-$version"
  inst="$base-$port"
  if [[ ! -x "$inst/bin/kc.sh" ]]; then
    rm -rf "$inst.tmp"
    cp -a "$base" "$inst.tmp"
    mv "$inst.tmp" "$inst"
  fi
  mkdir -p "$inst/data/import"
  cp "$realm_file" "$inst/data/import/realm-cpaas.json"

  local -a extra=()
  read -r -a extra <<<"${KEYCLOAK_EXTRA_ARGS:-}"

  mkdir -p "$(dirname "$log_file")" "$(dirname "$pid_file")"
  rm -f "$pid_file"
  # setsid: own session and process group (PID == PGID), detached from the
  # caller's terminal; the inner bash writes its PID and execs kc.sh, which
  # runs java as its child, so keycloak_stop signals the whole group.
  # JAVA_OPTS_APPEND: on Java >= 24 jboss-threads needs java.lang opened
  # (otherwise IllegalAccessError stack traces at shutdown) and netty's
  # sun.misc.Unsafe use prints warnings.
  # shellcheck disable=SC2016 # $$ and "$@" belong to the inner bash
  JAVA_HOME="$java_home" \
    JAVA_OPTS_APPEND="--add-opens=java.base/java.lang=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow" \
    setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' keycloak-start "$pid_file" \
    "$inst/bin/kc.sh" start-dev \
    --http-port="$port" \
    --https-port="$((port + 363))" \
    --http-management-port="$((port + 1000))" \
    --import-realm \
    --db=postgres \
    --db-url="jdbc:postgresql://127.0.0.1:5432/$db" \
    --db-username=postgres \
    ${extra[@]+"${extra[@]}"} \
    </dev/null >"$log_file" 2>&1 &
  disown $! 2>/dev/null || true

  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s "$pid_file" ]] && break
    sleep 0.1
  done
  if [[ ! -s "$pid_file" ]]; then
    _keycloak_log "failed to start (no pid file); see $log_file"
    return 1
  fi
  # Remembered for keycloak_wait called with two arguments.
  KEYCLOAK_LOG_FILE="$log_file"
  KEYCLOAK_PID_FILE="$pid_file"
  _keycloak_log "started pid $(cat "$pid_file") on port $port (db $db, log $log_file)"
}

# keycloak_wait URL TIMEOUT_SECONDS [LOG_FILE] [PID_FILE]
# Polls URL/realms/cpaas/.well-known/openid-configuration until HTTP 200,
# printing a dot to stderr every few seconds. On timeout, or if the process in
# PID_FILE died, prints the tail of LOG_FILE and returns 1. LOG_FILE and
# PID_FILE default to those of the last keycloak_start in this shell.
keycloak_wait() {
  if [[ $# -lt 2 || $# -gt 4 ]]; then
    _keycloak_log "usage: keycloak_wait URL TIMEOUT_SECONDS [LOG_FILE] [PID_FILE]"
    return 2
  fi
  local url="${1%/}" timeout="$2"
  local log_file="${3:-${KEYCLOAK_LOG_FILE:-}}" pid_file="${4:-${KEYCLOAK_PID_FILE:-}}"
  local probe="$url/realms/cpaas/.well-known/openid-configuration"
  local start=$SECONDS last_dot=$SECONDS code reason=""

  while :; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$probe" 2>/dev/null)" || true
    if [[ "$code" == "200" ]]; then
      ((SECONDS - start >= 3)) && echo >&2
      _keycloak_log "ready at $url after $((SECONDS - start)) s"
      return 0
    fi
    if [[ -n "$pid_file" && -f "$pid_file" ]] && ! _keycloak_running_pid "$pid_file" >/dev/null; then
      reason="the Keycloak process (pid file $pid_file) exited"
      break
    fi
    if ((SECONDS - start >= timeout)); then
      reason="timed out after $timeout s (last HTTP status: ${code:-none})"
      break
    fi
    if ((SECONDS - last_dot >= 3)); then
      printf '.' >&2
      last_dot=$SECONDS
    fi
    sleep 1
  done
  echo >&2
  _keycloak_log "NOT READY: $probe: $reason"
  if [[ -n "$log_file" && -f "$log_file" ]]; then
    _keycloak_log "last lines of $log_file:"
    tail -n 40 "$log_file" >&2
  fi
  return 1
}

# keycloak_stop PID_FILE [TIMEOUT_SECONDS]
# SIGTERM to the process group, SIGKILL after TIMEOUT_SECONDS (default 30).
# No-op if not running. Removes PID_FILE.
keycloak_stop() {
  if [[ $# -lt 1 || $# -gt 2 ]]; then
    _keycloak_log "usage: keycloak_stop PID_FILE [TIMEOUT_SECONDS]"
    return 2
  fi
  local pid_file="$1" timeout="${2:-30}" pid i
  if ! pid="$(_keycloak_running_pid "$pid_file")"; then
    rm -f "$pid_file"
    return 0
  fi
  _keycloak_log "stopping pid $pid"
  # Negative PID = the process group made by setsid in keycloak_start.
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 5; i++)); do
    if ! kill -0 -- "-$pid" 2>/dev/null; then
      rm -f "$pid_file"
      return 0
    fi
    sleep 0.2
  done
  _keycloak_log "pid $pid still alive after $timeout s, killing"
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  sleep 0.5
  rm -f "$pid_file"
}
