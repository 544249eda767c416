#!/bin/sh
# Where our iLBC decoder and ffmpeg's differ (docs/architecture.md, "iLBC codec"): SNR of ours against
# ffmpeg's on our encoder's stream, split by frequency, and the frames that differ by more than 20 dB.
# On the generated test signal and on the recorded speech beside the repository (../shared).
# Needs a built tree (scripts/mvn.sh -B verify) and ffmpeg.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/jdk.sh"
BUNDLE="$ROOT/bundles/dev.switchboard.codec.ilbc"
JUNIT=$(ls "$HOME"/.m2/repository/org/junit/jupiter/junit-jupiter-api/*/junit-jupiter-api-*.jar | grep -v sources | tail -1)
OPENTEST=$(ls "$HOME"/.m2/repository/org/opentest4j/opentest4j/*/opentest4j-*.jar | grep -v sources | tail -1)
CLASSPATH="$BUNDLE/target/classes:$BUNDLE/target/test-classes:$ROOT/bundles/dev.switchboard.media/target/classes:$JUNIT:$OPENTEST"
[ -d "$BUNDLE/target/test-classes" ] || { echo "bench-ilbc-divergence: build first: scripts/mvn.sh -B verify" >&2; exit 1; }
echo "generated speech-like signal:"
"$JAVA_HOME/bin/java" -cp "$CLASSPATH" dev.switchboard.codec.ilbc.internal.IlbcDivergence
SPEECH="$ROOT/../shared/peers/audio/speech8k.wav"
echo "recorded speech ($SPEECH):"
"$JAVA_HOME/bin/java" -cp "$CLASSPATH" dev.switchboard.codec.ilbc.internal.IlbcDivergence "$SPEECH"
