#!/bin/sh
# Opus encode+decode speed on one core (taskset), ours on each back end (libopus through FFM, and
# Concentus in pure Java) against plain libopus called from C, on the same minute of 48 kHz speech
# with the same settings (mono, 32 kbit/s, complexity 10, FEC) in 20 ms frames.
# Ours: best of 6 passes (thread CPU time) in one JVM (the earlier passes warm the JIT up). libopus: best of 10 passes
# in one process, CPU time. Needs a built tree: scripts/mvn.sh -B verify (the test classes hold the
# signal generator), gcc and libopus-dev.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/jdk.sh"
BUNDLE="$ROOT/bundles/dev.switchboard.codec.opus"
CONCENTUS=$(ls "$HOME"/.m2/repository/io/github/jaredmdobson/concentus/*/concentus-*.jar 2>/dev/null | grep -v sources | tail -1)
CLASSPATH="$BUNDLE/target/classes:$BUNDLE/target/test-classes:$ROOT/bundles/dev.switchboard.media/target/classes:$CONCENTUS"
[ -d "$BUNDLE/target/test-classes" ] && [ -n "$CONCENTUS" ] || { echo "bench-opus: build first: scripts/mvn.sh -B verify" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
gcc -O2 -o "$WORK/opus_speed" "$BUNDLE/src/test/c/opus_speed.c" -lopus ||
  { echo "bench-opus: needs gcc and libopus-dev (./switchboard test as root installs them)" >&2; exit 1; }
CORE=$(( $(nproc) - 1 ))
taskset -c $CORE "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -cp "$CLASSPATH" \
  dev.switchboard.codec.opus.internal.OpusSpeed "$WORK/in.raw" 6 | tee "$WORK/ours"
taskset -c $CORE "$WORK/opus_speed" "$WORK/in.raw" 10 |
  awk '{ printf "libopus from C encode+decode: 60 s of audio in %.3f s CPU (best of 10 passes) = %.1fx realtime\n", $1, 60 / $1 }' |
  tee "$WORK/native"
native=$(sed -n 's/.*= \([0-9.]*\)x realtime.*/\1/p' "$WORK/native")
sed -n 's/^switchboard Opus (\([a-z]*\)).*= \([0-9.]*\)x realtime.*/\1 \2/p' "$WORK/ours" |
  while read -r backend speed; do
    echo "$backend $speed $native" | awk '{ printf "ratio ours (%s) / libopus: %.2f\n", $1, $2 / $3 }'
  done
