#!/bin/sh
# Adds up every Surefire and Tycho Surefire report of the last build into one closing line.
ROOT=${1:-.}
find "$ROOT" -path '*/target/surefire-reports/TEST-*.xml' -not -path '*/.git/*' 2>/dev/null | {
  tests=0; failures=0; skipped=0
  while read -r report; do
    line=$(grep -m1 -o '<testsuite [^>]*>' "$report")
    t=$(echo "$line" | sed -n 's/.* tests="\([0-9]*\)".*/\1/p')
    f=$(echo "$line" | sed -n 's/.* failures="\([0-9]*\)".*/\1/p')
    e=$(echo "$line" | sed -n 's/.* errors="\([0-9]*\)".*/\1/p')
    s=$(echo "$line" | sed -n 's/.* skipped="\([0-9]*\)".*/\1/p')
    tests=$((tests + ${t:-0})); failures=$((failures + ${f:-0} + ${e:-0})); skipped=$((skipped + ${s:-0}))
  done
  echo "Switchboard: $((tests - failures - skipped)) passed, $failures failed, $skipped skipped"
}
