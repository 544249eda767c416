#!/bin/sh
# G.722 encode+decode speed, ours against ffmpeg's, on the same ten minutes of 16 kHz audio.
# Ours: best of 10 passes in 20 ms frames inside one JVM (after JIT warm-up by the earlier passes), thread CPU time.
# ffmpeg: best of 5 runs of its command line, CPU time (user+sys) of encoding plus that of decoding,
# so it includes ffmpeg's start and its file I/O (a few tens of ms on 600 s of audio).
# Needs a built tree: scripts/mvn.sh -B verify (the test classes hold the signal generator).
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/jdk.sh"
BUNDLE="$ROOT/bundles/dev.switchboard.codec.g722"
CLASSPATH="$BUNDLE/target/classes:$BUNDLE/target/test-classes:$ROOT/bundles/dev.switchboard.media/target/classes"
[ -d "$BUNDLE/target/test-classes" ] || { echo "bench-g722: build first: scripts/mvn.sh -B verify" >&2; exit 1; }
command -v ffmpeg >/dev/null || { echo "bench-g722: ffmpeg is not installed (Debian package ffmpeg)" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$JAVA_HOME/bin/java" -cp "$CLASSPATH" dev.switchboard.codec.g722.internal.G722Speed "$WORK/in.raw" 10
# ffmpeg -benchmark reports the CPU time of its whole run: "bench: utime=0.513s stime=0.013s ...".
cpu_seconds() {
  ffmpeg -nostdin -hide_banner -benchmark -y "$@" 2>&1 | sed -n 's/^bench: utime=\([0-9.]*\)s stime=\([0-9.]*\)s.*/\1 \2/p' |
    awk '{ print $1 + $2 }'
}
for run in 1 2 3 4 5; do
  encode=$(cpu_seconds -f s16le -ar 16000 -ac 1 -i "$WORK/in.raw" -c:a g722 -f g722 "$WORK/out.g722")
  decode=$(cpu_seconds -f g722 -i "$WORK/out.g722" -f s16le -ar 16000 -ac 1 "$WORK/out.raw")
  echo "$encode $decode" | awk '{ print $1 + $2 }' >> "$WORK/ffmpeg.times"
done
sort -n "$WORK/ffmpeg.times" | head -1 |
  awk '{ printf "ffmpeg G.722 encode+decode: 600 s of audio in %.3f s CPU (best of 5 runs) = %.0fx realtime\n", $1, 600 / $1 }'
