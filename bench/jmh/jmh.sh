#!/usr/bin/env bash
# The worker's per-packet SRTP cost with JMH (bench/jmh, io.cpaas.bench.jmh.SrtpBenchmark): protect, and
# protect then unprotect, of 1,000- and 100-byte payloads with both profiles, on the default Java and
# on the newest Java >= 21 under /usr/lib/jvm if there is one (as deploy/local picks one for Keycloak),
# with JMH's allocation profiler. Writes the table into docs/benchmarks.md (block "jmh").
# Usage: bench/jmh/jmh.sh [--smoke]   (--smoke: one short iteration of one case; writes nothing)
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$ROOT/deploy/local/lib/java.sh"

SMOKE=0
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    *) die "unknown option $arg (bench/jmh/jmh.sh [--smoke])" ;;
  esac
done
OUT="$STATE/jmh"
mkdir -p "$OUT"

say "building bench/jmh and the worker it measures"
(cd "$ROOT" && ./mvnw -B -q -ntp -pl bench/jmh -am package -DskipTests) >"$OUT/build.log" 2>&1 \
  || { tail -n 40 "$OUT/build.log" >&2; die "building bench/jmh failed (log: $OUT/build.log)"; }
CP="$ROOT/bench/jmh/target/classes:$(cat "$ROOT/bench/jmh/target/jmh.classpath")"

# The runtime version a java binary reports, e.g. 17.0.15+6-Debian-1deb12u1.
java_version() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p'
}

# run_jmh JAVA NAME ARGS...: SrtpBenchmark in a fork on JAVA, CSV into $OUT/NAME.csv
run_jmh() {
  local java="$1" name="$2"
  shift 2
  say "SrtpBenchmark on $(java_version "$java")"
  java -cp "$CP" org.openjdk.jmh.Main SrtpBenchmark -jvm "$java" -prof gc -rf csv -rff "$OUT/$name.csv" "$@" \
    >"$OUT/$name.log" 2>&1 || { tail -n 40 "$OUT/$name.log" >&2; die "JMH failed on $java (log: $OUT/$name.log)"; }
}

DEFAULT_JAVA="$(command -v java)"
NEWER_JAVA="$(newest_java_home 21 || true)"
if [ "$SMOKE" = 1 ]; then
  run_jmh "$DEFAULT_JAVA" smoke -f 1 -wi 0 -i 1 -r 200ms -p payload=1000 -p profile=AEAD_AES_128_GCM
  grep -q '"io.cpaas.bench.jmh.SrtpBenchmark.protect"' "$OUT/smoke.csv" || die "jmh smoke: no result for protect"
  say "jmh smoke passed"
  exit 0
fi

wait_for_quiet
run_jmh "$DEFAULT_JAVA" default
RUNS=(default)
if [ -n "$NEWER_JAVA" ] && [ "$(readlink -f "$NEWER_JAVA/bin/java")" != "$(readlink -f "$DEFAULT_JAVA")" ]; then
  run_jmh "$NEWER_JAVA/bin/java" newer
  RUNS+=(newer)
fi

# One row per (Java, profile, payload): protect, protect + unprotect, unprotect alone (the difference),
# bytes allocated per protected packet.
table="$OUT/results.md"
{
  machine_line; echo
  echo
  echo "| Java | profile | payload, bytes | protect, ns | protect + unprotect, ns | unprotect (difference), ns | allocated per protect, bytes |"
  echo "|---|---|---|---|---|---|---|"
  for run in "${RUNS[@]}"; do
    java_bin="$DEFAULT_JAVA"
    [ "$run" = default ] || java_bin="$NEWER_JAVA/bin/java"
    version="$(java_version "$java_bin")"
    awk -F, -v version="$version" '
      NR == 1 { next }
      { gsub(/"|\r/, ""); bench = $1; score = $5; profile = $9; payload = $8; key = profile "|" payload }
      bench == "io.cpaas.bench.jmh.SrtpBenchmark.protect" { protect[key] = score; keys[key] = 1 }
      bench == "io.cpaas.bench.jmh.SrtpBenchmark.protectThenUnprotect" { both[key] = score }
      bench == "io.cpaas.bench.jmh.SrtpBenchmark.protect:gc.alloc.rate.norm" { alloc[key] = score }
      END {
        split("AEAD_AES_128_GCM|1000 AEAD_AES_128_GCM|100 AES_CM_128_HMAC_SHA1_80|1000 AES_CM_128_HMAC_SHA1_80|100", order, " ")
        for (i = 1; i <= 4; i++) {
          key = order[i]
          if (!(key in keys)) continue
          split(key, k, "|")
          printf "| %s | %s | %s | %.0f | %.0f | %.0f | %.0f |\n", version, k[1], k[2], protect[key], both[key], both[key] - protect[key], alloc[key]
        }
      }' "$OUT/$run.csv"
  done
} >"$table"
cat "$table"
write_results jmh "$table"
