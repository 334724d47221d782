#!/usr/bin/env bash
# Starts one SFU worker in the foreground (exec java), working out what depends on where it runs:
# its ports from its index, the addresses clients are told about from the host's public address.
# Used by the systemd unit sfu-worker@.service (index = instance name) and as the container
# image's entrypoint (index 1, one worker per node). Anything already set in the environment wins.
#
#   index N (CPAAS_WORKER_INDEX, or $1)   HTTP/WebSocket 8089+N, UDP 7881+N   (1 -> 8090/7882, 2 -> 8091/7883)
#   CPAAS_WORKER_PUBLIC_IP                the address clients reach (required unless the announced
#                                         addresses are set); in Kubernetes the node's, see below
#   CPAAS_WORKER_SIGNAL_URL_TEMPLATE      default ws://{ip}:{http_port}/rtc; placeholders {ip},
#                                         {ip_dashed}, {http_port}, {udp_port}, {index}, {node},
#                                         e.g. wss://media.example.com/w{index}/rtc behind a TLS proxy
#   CPAAS_WORKER_PRIVATE_IP               where room-service reaches the worker's control API
#                                         (http://{this}:{http_port}); default 127.0.0.1, i.e. the
#                                         same host; in Kubernetes the node's status.hostIP
#   CPAAS_WORKER_NODE_ADDRESS_TYPE        Kubernetes only: ExternalIP to read the public address from
#                                         the Node object (NODE_NAME, needs RBAC get nodes); when
#                                         unset, CPAAS_WORKER_PUBLIC_IP is used (downward API hostIP)
#   JAVA_OPTS                             JVM options (default -XX:InitialRAMPercentage=75
#                                         -XX:MaxRAMPercentage=75: the whole heap from the start)
#   CPAAS_LAUNCH_DRY_RUN=1                print the resulting environment and command, start nothing
set -euo pipefail

index="${CPAAS_WORKER_INDEX:-${1:-1}}"
[[ "$index" =~ ^[1-9][0-9]*$ ]] || { echo "sfu-worker-launch: worker index must be a positive number, got '$index'" >&2; exit 2; }

http_port="${QUARKUS_HTTP_PORT:-$((8089 + index))}"
udp_port="${CPAAS_WORKER_UDP_PORT:-$((7881 + index))}"

# Kubernetes: the node's ExternalIP from the API (the pod's own service account token), for
# clusters whose nodes do not carry their public address on an interface (status.hostIP is then private).
node_address() {
  local type="$1" token ca api
  token="$(cat /var/run/secrets/kubernetes.io/serviceaccount/token)"
  ca=/var/run/secrets/kubernetes.io/serviceaccount/ca.crt
  api="https://${KUBERNETES_SERVICE_HOST}:${KUBERNETES_SERVICE_PORT}"
  # Keep the token off the command line: curl reads the header from stdin.
  printf 'header = "Authorization: Bearer %s"\n' "$token" |
    curl -fsS --max-time 10 --cacert "$ca" --config - "$api/api/v1/nodes/${NODE_NAME:?NODE_NAME (downward API spec.nodeName) is needed}" |
    tr -d '\n ' | grep -o "{\"address\":\"[^\"]*\",\"type\":\"$type\"}\|{\"type\":\"$type\",\"address\":\"[^\"]*\"}" |
    head -n 1 | sed 's/.*"address":"\([^"]*\)".*/\1/'
}

public_ip="${CPAAS_WORKER_PUBLIC_IP:-}"
if [[ -n "${CPAAS_WORKER_NODE_ADDRESS_TYPE:-}" ]]; then
  found=""
  for attempt in 1 2 3 4 5; do
    found="$(node_address "$CPAAS_WORKER_NODE_ADDRESS_TYPE" || true)"
    [[ -n "$found" ]] && break
    sleep "$attempt"
  done
  [[ -n "$found" ]] || { echo "sfu-worker-launch: node ${NODE_NAME:-?} has no $CPAAS_WORKER_NODE_ADDRESS_TYPE address" >&2; exit 1; }
  public_ip="$found"
fi

if [[ -z "${CPAAS_WORKER_ANNOUNCED_ADDRESSES:-}" ]]; then
  [[ -n "$public_ip" ]] || { echo "sfu-worker-launch: set CPAAS_WORKER_PUBLIC_IP (or CPAAS_WORKER_ANNOUNCED_ADDRESSES)" >&2; exit 2; }
  export CPAAS_WORKER_ANNOUNCED_ADDRESSES="$public_ip:$udp_port"
fi
if [[ -z "${CPAAS_WORKER_SIGNAL_URL:-}" ]]; then
  default_template='ws://{ip}:{http_port}/rtc'
  template="${CPAAS_WORKER_SIGNAL_URL_TEMPLATE:-$default_template}"
  url="${template//\{ip\}/$public_ip}"
  url="${url//\{ip_dashed\}/${public_ip//[.:]/-}}"
  url="${url//\{http_port\}/$http_port}"
  url="${url//\{udp_port\}/$udp_port}"
  url="${url//\{index\}/$index}"
  url="${url//\{node\}/${NODE_NAME:-$(hostname -s)}}"
  export CPAAS_WORKER_SIGNAL_URL="$url"
fi
export CPAAS_WORKER_CONTROL_URL="${CPAAS_WORKER_CONTROL_URL:-http://${CPAAS_WORKER_PRIVATE_IP:-127.0.0.1}:$http_port}"
export QUARKUS_HTTP_PORT="$http_port" CPAAS_WORKER_UDP_PORT="$udp_port"
export CPAAS_WORKER_ID="${CPAAS_WORKER_ID:-$(hostname -s)-$index}"
export CPAAS_WORKER_UDP_BIND="${CPAAS_WORKER_UDP_BIND:-0.0.0.0}"

app="${CPAAS_WORKER_APP:-/opt/cpaas/sfu-worker/quarkus-run.jar}"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
set -- java ${JAVA_OPTS:--XX:InitialRAMPercentage=75 -XX:MaxRAMPercentage=75} -jar "$app"
if [[ "${CPAAS_LAUNCH_DRY_RUN:-}" == 1 ]]; then
  for name in CPAAS_WORKER_ID QUARKUS_HTTP_PORT CPAAS_WORKER_UDP_BIND CPAAS_WORKER_UDP_PORT \
              CPAAS_WORKER_ANNOUNCED_ADDRESSES CPAAS_WORKER_SIGNAL_URL CPAAS_WORKER_CONTROL_URL; do
    printf '%s=%s\n' "$name" "${!name}"
  done
  printf 'exec %s\n' "$*"
  exit 0
fi
exec "$@"
