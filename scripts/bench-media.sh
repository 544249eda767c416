#!/bin/sh
# Media sessions (issue 3):
# 1. the delay our own pipeline adds at zero network jitter: two RTP media sessions on 127.0.0.1, a
#    paced click microphone on one, the click timed at the other's speaker (LatencyBenchmark), plus the
#    bytes the media and RTP receive threads allocate per frame meanwhile;
# 2. JMH with -prof gc on the RTP hot path (encode, send, receive into the jitter buffer, pull):
#    gc.alloc.rate.norm is the bytes allocated per frame by all threads.
# Needs a built tree: scripts/mvn.sh -B verify. JMH (Maven Central) is fetched into ~/.m2 once.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/jdk.sh"
MEDIA="$ROOT/bundles/dev.switchboard.media"
G711="$ROOT/bundles/dev.switchboard.codec.g711"
[ -d "$MEDIA/target/test-classes" ] && [ -d "$G711/target/classes" ] || {
  echo "bench-media: build first: scripts/mvn.sh -B verify" >&2; exit 1; }

"$JAVA_HOME/bin/java" -cp "$MEDIA/target/classes:$MEDIA/target/test-classes" \
  dev.switchboard.media.internal.pipeline.LatencyBenchmark "${SWITCHBOARD_BENCH_CLICKS:-20}"

JMH_VERSION=1.37
REPO="$HOME/.m2/repository"
JMH_JARS="$REPO/org/openjdk/jmh/jmh-core/$JMH_VERSION/jmh-core-$JMH_VERSION.jar:$REPO/org/openjdk/jmh/jmh-generator-annprocess/$JMH_VERSION/jmh-generator-annprocess-$JMH_VERSION.jar:$REPO/net/sf/jopt-simple/jopt-simple/5.0.4/jopt-simple-5.0.4.jar:$REPO/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for artifact in jmh-core jmh-generator-annprocess; do
  [ -f "$REPO/org/openjdk/jmh/$artifact/$JMH_VERSION/$artifact-$JMH_VERSION.jar" ] ||
    (cd "$WORK" && "$ROOT/scripts/mvn.sh" -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
      -Dartifact=org.openjdk.jmh:$artifact:$JMH_VERSION)
done
CLASSES="$MEDIA/target/classes:$G711/target/classes"
"$JAVA_HOME/bin/javac" -nowarn -d "$WORK/classes" -cp "$CLASSES:$JMH_JARS" -processorpath "$JMH_JARS" \
  $(find "$MEDIA/src/jmh/java" -name '*.java') 2>&1 | grep -v '^warning\|^Note\|^[0-9]* warning' || true
"$JAVA_HOME/bin/java" -cp "$WORK/classes:$CLASSES:$JMH_JARS" org.openjdk.jmh.Main RtpHotPathBenchmark \
  -prof gc 2>&1 | grep -E '^Benchmark|^RtpHotPathBenchmark' || true
