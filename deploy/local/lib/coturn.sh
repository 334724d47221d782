# shellcheck shell=bash
# coturn (STUN/TURN) for the local stack and the test scripts.
#
# Source this file; it only defines functions (no side effects on source) and
# works under `set -euo pipefail`.
#
#   coturn_install
#   coturn_start PORT LOG_FILE PID_FILE SECRET [SECRET2]
#   coturn_wait  PORT TIMEOUT_SECONDS [PID_FILE]
#   coturn_stop  PID_FILE [TIMEOUT_SECONDS]
#
# Credentials are the TURN REST API scheme (`use-auth-secret`): coturn checks
# base64(HMAC-SHA1(secret, "<unix expiry>:<tenant>:<identity>")) itself, so the
# services only share SECRET with it (io.cpaas.api.turn.TurnCredentialIssuer).
# SECRET2 is for rotation: coturn accepts credentials signed with either.
#
# One instance listens on 127.0.0.1:PORT, UDP and TCP, no TLS/DTLS (no
# certificate locally). Files next to PID_FILE (PID_FILE without its .pid
# suffix, plus):
#   .conf    the secrets, mode 0600 (see coturn_start for why not argv)
#   .sqlite  coturn's user database; otherwise every instance would share
#            /var/lib/turn/turndb (and need it writable)
# Relay ports: a block of 100 in 61000-65499 picked by PORT % 45, so instances
# on nearby ports (3478, 3479, 13478, ...) never share relay ports, and the
# block stays above Linux's ephemeral range (32768-60999) where outgoing
# connections would take ports from it.

_coturn_log() {
  echo "coturn: $*" >&2
}

_coturn_relay_min_port() {
  echo $((61000 + ($1 % 45) * 100))
}

# True while PID runs: a zombie counts as gone (when the caller's shell is its
# parent, an exited turnserver stays a zombie until that shell reaps it).
_coturn_alive() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ "${stat%% *}" != "Z" ]]
}

# Prints the PID from PID_FILE if that process is alive and is a turnserver
# (guards against a recycled PID).
_coturn_running_pid() {
  local pid_file="$1" pid comm
  [[ -f "$pid_file" ]] || return 1
  pid="$(tr -dc '0-9' <"$pid_file")"
  [[ -n "$pid" ]] || return 1
  comm="$(cat "/proc/$pid/comm" 2>/dev/null)" || return 1
  [[ "$comm" == "turnserver" ]] && _coturn_alive "$pid" || return 1
  echo "$pid"
}

# Is anything bound to 127.0.0.1:PORT (TCP, or UDP when ss is there)? coturn
# does not exit when its port is taken, it retries the bind; coturn_wait would
# then be answered by whatever holds the port.
_coturn_port_busy() {
  local port="$1"
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
  if command -v ss >/dev/null 2>&1; then
    [[ -n "$(ss -Hlnu "( sport = :$port )" 2>/dev/null)" ]] && return 0
  fi
  return 1
}

# coturn_install
# Installs Debian's coturn package unless /usr/bin/turnserver is there.
coturn_install() {
  [[ -x /usr/bin/turnserver ]] && return 0
  local sudo=""
  [[ "$(id -u)" -eq 0 ]] || sudo="sudo"
  _coturn_log "installing coturn from Debian's packages"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q coturn >&2 ||
    { $sudo apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q coturn >&2; } ||
    return 1
  # On a systemd host the package starts its own coturn.service on every
  # interface, port 3478, with /etc/turnserver.conf: it would take the stack's
  # port. The stack runs its own instances, so that one goes.
  if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
    _coturn_log "disabling the packaged coturn.service (the stack starts its own)"
    $sudo systemctl disable --now coturn.service >&2 || true
  fi
}

# coturn_start PORT LOG_FILE PID_FILE SECRET [SECRET2]
# Starts turnserver in the background (own session, so the PID in PID_FILE is
# also its process group) and returns at once; use coturn_wait for readiness.
# Secrets: 16+ characters of [A-Za-z0-9._~+/=-] (random_secret in common.sh
# makes such); anything else could be mangled by coturn's config parser.
coturn_start() {
  if [[ $# -lt 4 || $# -gt 5 ]]; then
    _coturn_log "usage: coturn_start PORT LOG_FILE PID_FILE SECRET [SECRET2]"
    return 2
  fi
  local port="$1" log_file="$2" pid_file="$3"
  shift 3
  local secret pid
  if [[ ! "$port" =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
    _coturn_log "bad port '$port'"
    return 2
  fi
  for secret in "$@"; do
    if [[ ! "$secret" =~ ^[A-Za-z0-9._~+/=-]{16,}$ ]]; then
      _coturn_log "a secret must be 16 or more characters of [A-Za-z0-9._~+/=-]"
      return 2
    fi
  done
  if ! command -v turnserver >/dev/null 2>&1; then
    _coturn_log "turnserver is not installed (run coturn_install)"
    return 1
  fi
  if pid="$(_coturn_running_pid "$pid_file")"; then
    _coturn_log "already running with pid $pid (pid file $pid_file)"
    return 1
  fi
  if _coturn_port_busy "$port"; then
    _coturn_log "port $port is already in use on 127.0.0.1"
    return 1
  fi

  mkdir -p "$(dirname "$log_file")" "$(dirname "$pid_file")"
  local base conf userdb
  base="$(cd "$(dirname "$pid_file")" && pwd)/$(basename "${pid_file%.pid}")"
  conf="$base.conf"
  userdb="$base.sqlite"
  # The secrets go in a private config file, not on the command line where
  # `ps` and /proc/PID/cmdline show them to every local user. coturn reads
  # that file only at startup. -c with an absolute path also means that
  # /etc/turnserver.conf (and ./turnserver.conf, ...) is never read: checked
  # with strace on coturn 4.6.1. printf is a builtin, so no argv leak here.
  (
    umask 077
    rm -f "$conf"
    printf '# written by coturn_start (deploy/local/lib/coturn.sh); holds secrets\n' >"$conf"
    for secret in "$@"; do
      printf 'static-auth-secret=%s\n' "$secret" >>"$conf"
    done
  )

  # COTURN_RELAY_PORTS=MIN-MAX overrides the block of 100: a test run's browsers leave hundreds of
  #   allocations behind (a closed page does not free them; they live out their 10 minutes), and 100
  #   ports ran out ("create_relay_ioa_sockets: no available ports") in the middle of a test run.
  local min_port max_port
  min_port="$(_coturn_relay_min_port "$port")"
  max_port="$((min_port + 99))"
  if [[ -n "${COTURN_RELAY_PORTS:-}" ]]; then
    if [[ ! "$COTURN_RELAY_PORTS" =~ ^([0-9]+)-([0-9]+)$ ]] || ((BASH_REMATCH[1] < 1024 || BASH_REMATCH[2] > 65535 || BASH_REMATCH[1] >= BASH_REMATCH[2])); then
      _coturn_log "COTURN_RELAY_PORTS must be MIN-MAX within 1024-65535, got '$COTURN_RELAY_PORTS'"
      return 2
    fi
    min_port="${BASH_REMATCH[1]}"
    max_port="${BASH_REMATCH[2]}"
  fi
  rm -f "$pid_file"
  # --allow-loopback-peers: on one machine every peer is on 127.0.0.1, and
  #   coturn refuses loopback peers by default (channel bind: 403 Forbidden
  #   IP). LOCAL STACK AND TESTS ONLY, NEVER IN PRODUCTION: there, leave it
  #   out and also deny private ranges with --denied-peer-ip=10.0.0.0-10.255.255.255
  #   (and 172.16/12, 192.168/16, 169.254/16, 100.64/10, fc00::/7, ...) so the
  #   relay cannot be used to reach internal networks.
  # --pidfile: coturn writes one anyway (as root: /var/run/turnserver.pid,
  #   shared by every instance); pointing it at PID_FILE writes the same PID,
  #   since the inner bash execs turnserver.
  # shellcheck disable=SC2016 # $$ and "$@" belong to the inner bash
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' coturn-start "$pid_file" \
    turnserver \
    -c "$conf" \
    --listening-ip=127.0.0.1 \
    --listening-port="$port" \
    --relay-ip=127.0.0.1 \
    --min-port="$min_port" \
    --max-port="$max_port" \
    --use-auth-secret \
    --realm=cpaas \
    --allow-loopback-peers \
    --no-cli \
    --no-tls \
    --no-dtls \
    --userdb="$userdb" \
    --pidfile="$pid_file" \
    --log-file=stdout \
    --simple-log \
    </dev/null >"$log_file" 2>&1 &
  disown $! 2>/dev/null || true

  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s "$pid_file" ]] && break
    sleep 0.1
  done
  if [[ ! -s "$pid_file" ]]; then
    _coturn_log "failed to start (no pid file); see $log_file"
    return 1
  fi
  # Remembered for coturn_wait called without PID_FILE.
  COTURN_PID_FILE="$pid_file"
  COTURN_LOG_FILE="$log_file"
  _coturn_log "started pid $(cat "$pid_file") on 127.0.0.1:$port (relay ports $min_port-$((min_port + 99)), log $log_file)"
}

# coturn_wait PORT TIMEOUT_SECONDS [PID_FILE]
# Waits until a STUN binding request to 127.0.0.1:PORT is answered. Returns 1
# on timeout or when the process in PID_FILE (default: the last coturn_start's)
# exits, printing the tail of its log.
coturn_wait() {
  if [[ $# -lt 2 || $# -gt 3 ]]; then
    _coturn_log "usage: coturn_wait PORT TIMEOUT_SECONDS [PID_FILE]"
    return 2
  fi
  local port="$1" timeout="$2" pid_file="${3:-${COTURN_PID_FILE:-}}"
  local start=$SECONDS reason
  while :; do
    if [[ -n "$pid_file" ]] && ! _coturn_running_pid "$pid_file" >/dev/null; then
      reason="the turnserver process (pid file $pid_file) is not running"
      break
    fi
    # turnutils_stunclient waits forever for an answer that never comes.
    if timeout 2 turnutils_stunclient -p "$port" 127.0.0.1 >/dev/null 2>&1; then
      _coturn_log "ready on 127.0.0.1:$port after $((SECONDS - start)) s"
      return 0
    fi
    if ((SECONDS - start >= timeout)); then
      reason="timed out after $timeout s"
      break
    fi
    sleep 0.2
  done
  _coturn_log "NOT READY on 127.0.0.1:$port: $reason"
  if [[ -n "${COTURN_LOG_FILE:-}" && -f "$COTURN_LOG_FILE" && "$pid_file" == "${COTURN_PID_FILE:-}" ]]; then
    _coturn_log "last lines of $COTURN_LOG_FILE:"
    tail -n 20 "$COTURN_LOG_FILE" >&2
  fi
  return 1
}

# coturn_stop PID_FILE [TIMEOUT_SECONDS]
# SIGTERM to the process group, SIGKILL after TIMEOUT_SECONDS (default 10).
# No-op if not running. Removes PID_FILE and the secrets file.
coturn_stop() {
  if [[ $# -lt 1 || $# -gt 2 ]]; then
    _coturn_log "usage: coturn_stop PID_FILE [TIMEOUT_SECONDS]"
    return 2
  fi
  local pid_file="$1" timeout="${2:-10}" pid i
  local conf
  conf="${pid_file%.pid}.conf"
  if ! pid="$(_coturn_running_pid "$pid_file")"; then
    rm -f "$pid_file" "$conf"
    return 0
  fi
  _coturn_log "stopping pid $pid"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    if ! _coturn_alive "$pid"; then
      rm -f "$pid_file" "$conf"
      return 0
    fi
    sleep 0.1
  done
  _coturn_log "pid $pid still alive after $timeout s, killing"
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  sleep 0.2
  rm -f "$pid_file" "$conf"
}
