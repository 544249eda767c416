#!/bin/sh
# iLBC speed, ours against ffmpeg's decoder (Debian's ffmpeg decodes iLBC but cannot encode it), on the
# same ten minutes of 8 kHz speech-like audio in each mode. Ours: best of 5 passes each of encode and of
# decode in one JVM, CPU time of the thread. ffmpeg: best of 5 runs decoding our stream, CPU time
# (user+sys) of its command line, so it includes ffmpeg's start and file I/O (tens of ms).
# Needs a built tree: scripts/mvn.sh -B verify (the test classes hold the signal generator).
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/jdk.sh"
BUNDLE="$ROOT/bundles/dev.switchboard.codec.ilbc"
CLASSPATH="$BUNDLE/target/classes:$BUNDLE/target/test-classes:$ROOT/bundles/dev.switchboard.media/target/classes"
[ -d "$BUNDLE/target/test-classes" ] || { echo "bench-ilbc: build first: scripts/mvn.sh -B verify" >&2; exit 1; }
command -v ffmpeg >/dev/null || { echo "bench-ilbc: ffmpeg is not installed (Debian package ffmpeg)" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cpu_seconds() {
  ffmpeg -nostdin -hide_banner -benchmark -y "$@" 2>&1 | sed -n 's/^bench: utime=\([0-9.]*\)s stime=\([0-9.]*\)s.*/\1 \2/p' |
    awk '{ print $1 + $2 }'
}
for millis in 30 20; do
  "$JAVA_HOME/bin/java" -cp "$CLASSPATH" dev.switchboard.codec.ilbc.internal.IlbcSpeed $millis "$WORK/ours.lbc" 5
  : > "$WORK/ffmpeg.times"
  for run in 1 2 3 4 5; do
    cpu_seconds -f ilbc -i "$WORK/ours.lbc" -f s16le -ar 8000 -ac 1 "$WORK/out.raw" >> "$WORK/ffmpeg.times"
  done
  sort -n "$WORK/ffmpeg.times" | head -1 | awk -v m=$millis '{ printf "ffmpeg iLBC %d ms decode: 601 s of audio in %.3f s CPU (best of 5 runs) = %.0fx realtime\n", m, $1, 601 / $1 }'
done
