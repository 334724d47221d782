# Shared helpers of the local stack scripts (sourced; functions only).

# Prints a step of long work so the user sees progress.
say() { printf '\033[1m==>\033[0m %s\n' "$*"; }
warn() { printf '\033[33mwarning:\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# Installs Debian packages that are missing; apt-get update runs once, only when needed.
ensure_packages() {
  local missing=()
  local package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]} from Debian's packages"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# A random secret of 256 bits, URL-safe.
random_secret() {
  head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'
}

# Waits until URL answers 2xx, printing a dot every 2 s; returns 1 after TIMEOUT seconds.
wait_for_http() {
  local url="$1" timeout="$2" label="$3"
  local deadline=$(( $(date +%s) + timeout ))
  printf '    waiting for %s ' "$label"
  until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      printf ' gave up after %ss\n' "$timeout"
      return 1
    fi
    printf '.'
    sleep 2
  done
  printf ' up\n'
}

# Stops the process whose pid is in PID_FILE (and its process group), politely then firmly.
stop_pid_file() {
  local pid_file="$1" label="$2"
  [ -f "$pid_file" ] || return 0
  local pid
  pid="$(cat "$pid_file")"
  if kill -0 "$pid" 2>/dev/null; then
    say "stopping $label (pid $pid)"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    local i
    for i in $(seq 1 30); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file"
}

# True when something listens on 127.0.0.1:PORT (TCP).
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
