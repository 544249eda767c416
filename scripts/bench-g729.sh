#!/bin/sh
# G.729 encode+decode speed on one core (taskset): our plug-in (libbcg729 through FFM, 20 ms frames
# through the codec SPI) against libbcg729 called from C, on the same minute of 8 kHz speech.
# Both: best of 10 passes, CPU time. Needs a built tree (scripts/mvn.sh -B verify), gcc, libbcg729-dev.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/jdk.sh"
BUNDLE="$ROOT/bundles/dev.switchboard.codec.g729"
CLASSPATH="$BUNDLE/target/classes:$BUNDLE/target/test-classes:$ROOT/bundles/dev.switchboard.media/target/classes"
[ -d "$BUNDLE/target/test-classes" ] || { echo "bench-g729: build first: scripts/mvn.sh -B verify" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
gcc -O2 -o "$WORK/bcg729_speed" "$BUNDLE/src/test/c/bcg729_speed.c" -lbcg729 ||
  { echo "bench-g729: needs gcc and libbcg729-dev (./switchboard test as root installs them)" >&2; exit 1; }
CORE=$(( $(nproc) - 1 ))
# the test classes include JUnit-annotated classes; JUnit itself is not needed to run the benchmark
taskset -c $CORE "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -cp "$CLASSPATH" \
  dev.switchboard.codec.g729.internal.G729Speed "$WORK/in.raw" 10 | tee "$WORK/ours"
taskset -c $CORE "$WORK/bcg729_speed" "$WORK/in.raw" 10 |
  awk '{ printf "libbcg729 from C encode+decode: 60 s of audio in %.3f s CPU (best of 10 passes) = %.1fx realtime\n", $1, 60 / $1 }' |
  tee "$WORK/native"
ours=$(sed -n 's/.*= \([0-9.]*\)x realtime.*/\1/p' "$WORK/ours")
native=$(sed -n 's/.*= \([0-9.]*\)x realtime.*/\1/p' "$WORK/native")
echo "$ours $native" | awk '{ printf "ratio ours / libbcg729: %.2f\n", $1 / $2 }'
