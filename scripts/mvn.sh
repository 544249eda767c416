#!/bin/sh
# Runs Maven 3.9 with JDK 25 for the Tycho build. Tycho 5 needs Maven >= 3.9.9; when that Maven is
# not yet in ~/.m2/bootstrap it is unpacked there from Maven Central by whatever `mvn` is on PATH,
# using Maven's built-in default repository, so no repository host is written anywhere.
set -e
MAVEN_VERSION=3.9.11
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/jdk.sh"
BOOT_DIR=${SWITCHBOARD_MAVEN_BOOTSTRAP_DIR:-"$HOME/.m2/bootstrap"}
PINNED="$BOOT_DIR/apache-maven-$MAVEN_VERSION/bin/mvn"
if [ ! -x "$PINNED" ]; then
  if ! command -v mvn >/dev/null 2>&1; then
    echo "switchboard: Maven is needed once to fetch Maven $MAVEN_VERSION; install it (Debian: apt-get install maven)" >&2
    exit 1
  fi
  echo "switchboard: fetching Maven $MAVEN_VERSION into $BOOT_DIR" >&2
  mkdir -p "$BOOT_DIR"
  # run outside the project so the old Maven never loads the Tycho build extension
  (cd "$BOOT_DIR" && mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
      -Dartifact=org.apache.maven:apache-maven:$MAVEN_VERSION:zip:bin -DoutputDirectory="$BOOT_DIR")
  rm -rf "$BOOT_DIR/\${project.basedir}"
fi
exec "$PINNED" "$@"
