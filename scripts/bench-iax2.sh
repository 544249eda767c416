#!/bin/sh
# IAX2 (issue 8), see docs/benchmarks.md:
# (1) frame codec speed (the 18 real captures decoded and encoded again) and transport throughput
#     (µ-law mini frames over loopback UDP delivered to a call), plain JVM, needs a built tree;
# (2) CPU per active µ-law call, IAX2 against the same call's media over RTP, in one OSGi run
#     (Iax2CallCpuBenchmark through tycho-surefire; bench.calls / bench.seconds change the load).
# Needs a built tree: scripts/mvn.sh -B verify (the benchmarks live in the IAX2 test fragment).
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/jdk.sh"
TESTS="$ROOT/bundles/dev.switchboard.protocol.iax2.tests/target/classes"
[ -d "$TESTS" ] || { echo "bench-iax2: build first: scripts/mvn.sh -B verify" >&2; exit 1; }
JUNIT=$(find "$HOME/.m2/repository/org/junit/jupiter/junit-jupiter-api" -name 'junit-jupiter-api-5*.jar' ! -name '*sources*' | head -1)
"$JAVA_HOME/bin/java" -Dswitchboard.iax2.captures="$ROOT/../shared/peers/captures/iax2" -cp "$TESTS:$ROOT/bundles/dev.switchboard.protocol.iax2/target/classes:$ROOT/bundles/dev.switchboard.core/target/classes:$JUNIT" \
  dev.switchboard.protocol.iax2.internal.Iax2Benchmark "$@"
cd "$ROOT"
# the whole reactor: the test fragment's runtime takes codec bundles (G.711, G.722, Opus) that only
# the reactor builds; -Dtest limits the run to the benchmark
scripts/mvn.sh -q -o verify -Dtest=Iax2CallCpuBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -DfailIfNoTests=false 2>&1 | grep '^| CPU per active'
