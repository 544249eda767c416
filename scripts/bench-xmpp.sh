#!/bin/sh
# XMPP (issue 5): a 5,000-contact roster loaded with its online contacts' presence applied (goal < 1 s; logins
# without and with the roster cached from the previous login, XEP-0237; per-login stanza times on stderr), the
# chat round trip through Prosody against slixmpp's (the anchor), history search over 100,000 stored messages
# against grep. Runs dev.switchboard.protocol.xmpp.tests.XmppBenchmark outside OSGi on a Prosody started by the
# test harness; prints Markdown table rows for docs/benchmarks.md. Needs a built tree (scripts/mvn.sh -B verify)
# and Prosody + python3-slixmpp (scripts/install-peers.sh). bench.contacts / bench.online / bench.roundtrips /
# bench.history, bench.parts=roster,roundtrip,history (system properties, via SWITCHBOARD_BENCH_XMPP_OPTS) change the sizes.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/jdk.sh"
M2=${MAVEN_REPOSITORY:-$HOME/.m2/repository}
jar() { # the jar of an artifact version in the local Maven repository
  f="$M2/$1/$2/$3/$2-$3.jar"
  [ -f "$f" ] || { echo "bench-xmpp: $f missing: build first (scripts/mvn.sh -B verify)" >&2; exit 1; }
  printf '%s' "$f"
}
CP=""
for bundle in core protocol.xmpp testing history store protocol.xmpp.tests; do
  dir="$ROOT/bundles/dev.switchboard.$bundle/target/classes"
  [ -d "$dir" ] || { echo "bench-xmpp: build first: scripts/mvn.sh -B verify ($dir missing)" >&2; exit 1; }
  CP="$CP:$dir"
done
for artifact in smack-core smack-tcp smack-im smack-extensions smack-experimental smack-java11 smack-xmlparser \
    smack-xmlparser-stax smack-sasl-javax smack-resolver-javax smack-streammanagement; do
  CP="$CP:$(jar org/igniterealtime/smack $artifact 4.5.0-rc1)"
done
CP="$CP:$(jar org/jxmpp jxmpp-core 1.1.0):$(jar org/jxmpp jxmpp-jid 1.1.0):$(jar org/jxmpp jxmpp-util-cache 1.1.0)"
CP="$CP:$(jar org/minidns minidns-core 1.1.1):$(jar com/h2database h2 2.3.232)"
CP="$CP:$(jar org/junit/jupiter junit-jupiter-api 5.14.4):$(jar org/opentest4j opentest4j 1.3.0)"
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" -XX:+UseSerialGC ${SWITCHBOARD_BENCH_XMPP_OPTS:-} -cp "${CP#:}" \
  dev.switchboard.protocol.xmpp.tests.XmppBenchmark "$ROOT/bundles/dev.switchboard.protocol.xmpp.tests/peer/slixmpp_bench.py"
