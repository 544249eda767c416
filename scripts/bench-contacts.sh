#!/bin/sh
# Contacts (issue 6): first type-ahead results from a 100,000-entry slapd (with OpenLDAP's ldapsearch on the
# same queries as the native anchor), a merged search over 10,000 local contacts (H2 store), a reverse
# lookup of a number from the cache. Prints Markdown table rows for docs/benchmarks.md.
# Needs a built tree (scripts/mvn.sh -B verify) and slapd/ldapsearch (scripts/install-peers.sh).
# bench.directory / bench.local (system properties, via SWITCHBOARD_BENCH_CONTACTS_OPTS) change the sizes.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/jdk.sh"
M2=${MAVEN_REPOSITORY:-$HOME/.m2/repository}
jar() { # first jar of an artifact version in the local Maven repository
  f="$M2/$1/$2/$3/$2-$3.jar"
  [ -f "$f" ] || { echo "bench-contacts: $f missing: build first (scripts/mvn.sh -B verify)" >&2; exit 1; }
  printf '%s' "$f"
}
CP=""
for bundle in core contacts contacts.ldap store testing contacts.tests; do
  dir="$ROOT/bundles/dev.switchboard.$bundle/target/classes"
  [ -d "$dir" ] || { echo "bench-contacts: build first: scripts/mvn.sh -B verify ($dir missing)" >&2; exit 1; }
  CP="$CP:$dir"
done
CP="$CP:$(jar com/unboundid unboundid-ldapsdk 7.0.3):$(jar com/googlecode/libphonenumber libphonenumber 9.0.19)"
CP="$CP:$(jar com/h2database h2 2.3.232):$(jar org/eclipse/platform org.eclipse.osgi 3.24.300)"
echo "| what | ours (ms) | goal (issue 6) | ratio |"
echo "|---|---|---|---|"
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" -XX:+UseSerialGC ${SWITCHBOARD_BENCH_CONTACTS_OPTS:-} -cp "${CP#:}" \
  dev.switchboard.contacts.tests.ContactsBenchmark "$@"
