#!/bin/sh
# IAX2: frame codec speed (the 18 real captures decoded and encoded again) and transport throughput
# (µ-law mini frames over loopback UDP delivered to a call), see docs/benchmarks.md.
# Needs a built tree: scripts/mvn.sh -B verify (the benchmark lives in the IAX2 test fragment).
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/jdk.sh"
TESTS="$ROOT/bundles/dev.switchboard.protocol.iax2.tests/target/classes"
[ -d "$TESTS" ] || { echo "bench-iax2: build first: scripts/mvn.sh -B verify" >&2; exit 1; }
JUNIT=$(find "$HOME/.m2/repository/org/junit/jupiter/junit-jupiter-api" -name 'junit-jupiter-api-5*.jar' ! -name '*sources*' | head -1)
"$JAVA_HOME/bin/java" -Dswitchboard.iax2.captures="$ROOT/../shared/peers/captures/iax2" -cp "$TESTS:$ROOT/bundles/dev.switchboard.protocol.iax2/target/classes:$ROOT/bundles/dev.switchboard.core/target/classes:$JUNIT" \
  dev.switchboard.protocol.iax2.internal.Iax2Benchmark "$@"
