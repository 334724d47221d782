#!/usr/bin/env bash
# Builds the three images from the packaged applications. Needs Docker (or a compatible builder)
# with access to a registry holding eclipse-temurin:17-jre-noble.
# Usage: deploy/images/build.sh [TAG] [REGISTRY_PREFIX]   e.g. deploy/images/build.sh 1.2.0 registry.example.com/cpaas
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TAG="${1:-$(git -C "$ROOT" rev-parse --short HEAD)}"
PREFIX="${2:-cpaas}"
cd "$ROOT"
./mvnw -B -q -ntp package -DskipTests -pl tenant-service,room-service,sfu-worker -am
for image in tenant-service room-service sfu-worker; do
  docker build -f "deploy/images/$image/Dockerfile" -t "$PREFIX/$image:$TAG" .
done
echo "built $PREFIX/{tenant-service,room-service,sfu-worker}:$TAG"
