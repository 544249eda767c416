#!/bin/sh
# Jitter buffer: late loss and added delay at 30 ms of uniform jitter and 5 % loss, ten minutes of
# simulated calls per line (an injected clock, so it runs in about a second and gives the same numbers
# every time). "Added delay" is the playout delay beyond the fastest packet of the last 5 s, sampled
# once a second; "late loss" is late packets per packet received.
# Needs a built tree: scripts/mvn.sh -B verify (the test classes hold the simulation).
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/jdk.sh"
BUNDLE="$ROOT/bundles/dev.switchboard.media"
[ -d "$BUNDLE/target/test-classes" ] || { echo "bench-jitter: build first: scripts/mvn.sh -B verify" >&2; exit 1; }
"$JAVA_HOME/bin/java" -cp "$BUNDLE/target/classes:$BUNDLE/target/test-classes" \
  dev.switchboard.media.internal.jitter.JitterBenchmark "$@"
