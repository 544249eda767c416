# Sourced: exports JAVA_HOME pointing at a JDK >= 25 (JAVA_HOME if it is one, else the newest
# under /usr/lib/jvm), or stops with a message naming what to install.
# The major version from the JDK's release file (running java for it would cost a JVM start).
switchboard_java_major() {
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}
switchboard_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(switchboard_java_major "$JAVA_HOME")
    [ "${v:-0}" -ge 25 ] 2>/dev/null && { echo "$JAVA_HOME"; return; }
  fi
  best=""; best_v=0
  for d in /usr/lib/jvm/*; do
    [ -x "$d/bin/javac" ] || continue
    v=$(switchboard_java_major "$d")
    if [ "${v:-0}" -ge 25 ] 2>/dev/null && [ "$v" -gt "$best_v" ]; then best=$d; best_v=$v; fi
  done
  echo "$best"
}
SWITCHBOARD_JDK=$(switchboard_find_jdk)
if [ -z "$SWITCHBOARD_JDK" ]; then
  echo "switchboard: a JDK 25 or newer is needed (JAVA_HOME=${JAVA_HOME:-unset}, none under /usr/lib/jvm)." >&2
  echo "switchboard: install one, e.g. Eclipse Temurin 25 (package temurin-25-jdk) or openjdk-25-jdk, or set JAVA_HOME." >&2
  exit 1
fi
JAVA_HOME=$SWITCHBOARD_JDK
export JAVA_HOME
