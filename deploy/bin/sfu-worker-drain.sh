#!/usr/bin/env bash
# Drains this SFU worker before it stops: asks room-service to place no new rooms on it
# (POST /internal/v1/workers/{id}/drain, cluster secret), then waits until its last participant
# has left (the worker's own gauge cpaas_worker_participants on /q/metrics) or the deadline passes.
# The caller stops the worker afterwards; whoever is still connected then is disconnected and
# rejoins through room-service onto another worker (the SDK does this by itself).
#
# Kubernetes runs it as the worker's preStop hook, systemd as ExecStop of sfu-worker@.service.
# Environment (as the worker's own): CPAAS_ROOM_URL, CPAAS_CLUSTER_SECRET, CPAAS_WORKER_ID,
# QUARKUS_HTTP_PORT (or index: CPAAS_WORKER_INDEX / $1, as sfu-worker-launch.sh), and
#   CPAAS_DRAIN_TIMEOUT   seconds to wait for participants to leave (default 3300: 55 minutes,
#                         under Kubernetes' terminationGracePeriodSeconds / systemd's TimeoutStopSec)
#   CPAAS_DRAIN_POLL      seconds between checks (default 5)
set -uo pipefail

index="${CPAAS_WORKER_INDEX:-${1:-1}}"
http_port="${QUARKUS_HTTP_PORT:-$((8089 + index))}"
worker_id="${CPAAS_WORKER_ID:-$(hostname -s)-$index}"
room_url="${CPAAS_ROOM_URL:?CPAAS_ROOM_URL is not set}"
timeout="${CPAAS_DRAIN_TIMEOUT:-3300}"
poll="${CPAAS_DRAIN_POLL:-5}"

log() { echo "sfu-worker-drain[$worker_id]: $*" >&2; }

if [[ -z "${CPAAS_CLUSTER_SECRET:-}" ]]; then
  log "CPAAS_CLUSTER_SECRET is not set: cannot drain, stopping at once"
  exit 0
fi

# The secret goes to curl on stdin (printf is a builtin), never on a command line others can read.
drained=0
for attempt in 1 2 3 4 5; do
  status="$(printf 'header = "X-Cluster-Secret: %s"\n' "$CPAAS_CLUSTER_SECRET" |
    curl -sS -o /dev/null -w '%{http_code}' --max-time 5 --config - -X POST \
      "$room_url/internal/v1/workers/$worker_id/drain")" || status="000"
  if [[ "$status" == 2* ]]; then
    drained=1
    break
  fi
  log "drain request answered $status (attempt $attempt)"
  # 4xx is final (wrong secret, worker unknown); unreachable or 5xx may pass.
  [[ "$status" == 4* ]] && break
  sleep "$attempt"
done
if [[ "$drained" -ne 1 ]]; then
  # room-service away: it will notice the worker's silence and move its rooms; waiting helps no one.
  log "room-service did not accept the drain: stopping without waiting"
  exit 0
fi
log "draining: no new rooms; waiting up to ${timeout}s for participants to leave"

participants() {
  curl -fsS --max-time 5 "http://127.0.0.1:$http_port/q/metrics" 2>/dev/null |
    awk '/^cpaas_worker_participants[ {]/ { print int($NF); found = 1 } END { if (!found) exit 1 }'
}

deadline=$((SECONDS + timeout))
empty=0
while ((SECONDS < deadline)); do
  if count="$(participants)"; then
    if [[ "$count" -eq 0 ]]; then
      # Twice in a row: a join placed just before the drain may still be connecting.
      empty=$((empty + 1))
      if ((empty >= 2)); then
        log "no participants left"
        exit 0
      fi
    else
      empty=0
    fi
  else
    log "worker metrics not readable on port $http_port: stopping"
    exit 0
  fi
  sleep "$poll"
done
log "deadline reached with ${count:-?} participants still connected: they will rejoin elsewhere"
exit 0
