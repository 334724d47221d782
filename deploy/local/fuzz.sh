#!/usr/bin/env bash
# Coverage-guided fuzzing (Jazzer) of every parser that faces the network, one target after the
# other, each in its own JVM (libFuzzer allows one fuzz run per process). `mvn test` only replays the
# seeds and kept findings; this script really fuzzes. test.sh runs it for a few seconds per target;
# run it longer by hand (docs/reliability.md).
# Usage: deploy/local/fuzz.sh [seconds per target, default 5] [regex over "module/Class#method"]
# Corpora grow in <module>/target/fuzz-corpus/ between runs; crashes land in target/fuzz-findings/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=lib/common.sh
source "$ROOT/deploy/local/lib/common.sh"

SECONDS_PER_TARGET="${1:-5}"
FILTER="${2:-.}"
FINDINGS="$ROOT/target/fuzz-findings"

# module | test class | fuzz method | packages instrumented for coverage (besides io.cpaas)
TARGETS=(
  "api|io.cpaas.api.token.RoomTokenVerifierFuzzTests|anyStringIsAcceptedOrRefusedAsAnInvalidToken|com.nimbusds.**"
  "api|io.cpaas.api.token.RoomTokenVerifierFuzzTests|anyCorrectlySignedHeaderAndPayloadIsAcceptedOrRefusedAsAnInvalidToken|com.nimbusds.**"
  "room-service|io.cpaas.room.rest.RequestBodyFuzzTests|anyBodyIsReadAndValidatedOrRefusedAsMalformed|com.fasterxml.jackson.**"
  "sfu-worker|io.cpaas.sfu.stun.StunFuzzTests|anyDatagramIsParsedOrRefusedAndAnyAnswerFitsAndParses|"
  "sfu-worker|io.cpaas.sfu.stun.StunFuzzTests|signedRequestsOfAnyShapeGetAnAnswerByTheRules|"
  "sfu-worker|io.cpaas.sfu.dtls.DtlsHandshakeFuzzTests|anyDatagramsEndTheHandshakeWithAnIoExceptionOrComplete|org.bouncycastle.tls.**"
  "sfu-worker|io.cpaas.sfu.rtp.RtpPacketFuzzTests|anyDatagramIsParsedSafelyAndWithinBounds|"
  "sfu-worker|io.cpaas.sfu.rtcp.RtcpFuzzTests|anyCompoundIsParsedSafelyAndWithinBounds|"
  "sfu-worker|io.cpaas.sfu.sdp.SdpFuzzTests|anyOfferIsAnsweredOrRefusedAndEveryAnswerParses|"
  "sfu-worker|io.cpaas.sfu.sdp.SdpFuzzTests|anySubscriberAnswerGivesAModelOrIsRefused|"
  "sfu-worker|io.cpaas.sfu.signal.SignalingFuzzTests|anyFramesGetTypedAnswersAndNeverAnException|com.fasterxml.jackson.databind.**"
)

say "compiling the fuzz tests and writing their class paths"
(cd "$ROOT" && ./mvnw -B -ntp -q -pl api,room-service,sfu-worker -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/fuzz-classpath.txt)

mkdir -p "$FINDINGS"
failed=0
summary=()
for target in "${TARGETS[@]}"; do
  IFS='|' read -r module class method extra <<<"$target"
  name="$module/${class##*.}#$method"
  [[ "$name" =~ $FILTER ]] || continue
  corpus="$ROOT/$module/target/fuzz-corpus/${class##*.}/$method"
  mkdir -p "$corpus"
  # Jazzer adds the seeds and kept findings (<Class>Inputs/<method>/ on the class path) by itself.
  dirs=("$corpus")
  includes="io.cpaas.**${extra:+:$extra}"
  log="$ROOT/$module/target/fuzz-${class##*.}-$method.log"
  say "fuzzing $name for ${SECONDS_PER_TARGET}s"
  status=0
  (cd "$ROOT/$module" && java -Xmx768m -cp "target/test-classes:target/classes:$(cat target/fuzz-classpath.txt)" \
    com.code_intelligence.jazzer.Jazzer --target_class="$class" --target_method="$method" \
    --instrumentation_includes="$includes" -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=0 \
    -artifact_prefix="$FINDINGS/${class##*.}-$method-" "${dirs[@]}") >"$log" 2>&1 || status=$?
  done_line="$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)"
  runs="$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$done_line")"
  rate="$(sed -nE 's/.*exec\/s: ([0-9]+).*/\1/p' <<<"$done_line")"
  size="$(find "$corpus" -type f | wc -l)"
  if [ "$status" -ne 0 ]; then
    failed=1
    warn "$name found a problem (exit $status); see $log and $FINDINGS"
    grep -E '^(==|Caused by|java\.|\s+at io\.cpaas)' "$log" | head -20 >&2 || true
  fi
  summary+=("$(printf '%-95s %10s runs %7s exec/s %6s corpus files  %s' "$name" "${runs:-?}" "${rate:-?}" "$size" \
    "$([ "$status" -eq 0 ] && echo ok || echo FINDING)")")
done

say "fuzzing summary (${SECONDS_PER_TARGET}s per target)"
printf '%s\n' "${summary[@]}"
[ "$failed" -eq 0 ] || die "fuzzing found problems: keep each input under its *FuzzTestsInputs/<method>/ and fix the code"
