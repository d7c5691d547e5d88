#!/usr/bin/env bash
# Proves the licence guard fails when it should (docs/licences.md, "Self-test").
#
# Maven: builds a throwaway one-module project under the REAL root pom's <build> section (the
# root pom is copied, only its <modules> replaced) in a temporary folder, with
#   1. an allowed dependency                          -> must pass, notices inside the jar
#   2. a Zeebe artifact in test scope                 -> must fail (enforcer bannedDependencies)
#   3. the same with the enforcer skipped             -> must fail (licence check: Zeebe Community License)
#   4. a dependency whose pom names no licence        -> must fail (no licence)
#   5. an override naming its real, unlisted licence  -> must fail; a verified allowed one -> pass
# npm: runs build/licences/npm-licences.mjs on made-up node_modules folders (no download):
#   6. allowed spellings, SPDX OR/AND, bpmn.io licence -> must pass
#   7..n one forbidden or unknown licence each        -> must fail
# Runs `verify` only (never `install`); the worktree is not touched. Exit 0 = every case as expected.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/homefirst-licence-selftest.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$root"
# shellcheck source=/dev/null
source scripts/java.sh >/dev/null

failures=0
expect() { # expect pass|fail "label" log-file grep-pattern -- command...
  local want="$1" label="$2" log="$3" pattern="$4"; shift 5
  "$@" >"$log" 2>&1
  local rc=$?
  local got=pass; [ $rc -ne 0 ] && got=fail
  if [ "$got" = "$want" ] && { [ -z "$pattern" ] || grep -Eq "$pattern" "$log"; }; then
    echo "ok    $label: ${got}ed as expected${pattern:+ (log shows: $(grep -Eo "$pattern" "$log" | head -1))}"
  else
    echo "WRONG $label: wanted $want, got $got (rc=$rc); log: $log"; tail -n 25 "$log" | sed 's/^/      /'
    failures=$((failures + 1)); trap - EXIT
  fi
}

# ---- Maven -------------------------------------------------------------------------------------
proj="$work/maven"
mkdir -p "$proj/selftest" "$proj/build"
cp -r mvnw .mvn "$proj/"
cp -r build/licences "$proj/build/"
# the real root pom, one module instead of the real ones
python3 - "$root/pom.xml" "$proj/pom.xml" <<'EOF'
import re, sys
s = open(sys.argv[1]).read()
s = re.sub(r'<modules>.*?</modules>', '<modules><module>selftest</module></modules>', s, flags=re.S)
open(sys.argv[2], 'w').write(s)
EOF
module_pom() { # $1 = dependencies xml
  cat >"$proj/selftest/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>org.homefirst</groupId><artifactId>homefirst-parent</artifactId><version>0.1.0-SNAPSHOT</version></parent>
  <artifactId>homefirst-licence-selftest</artifactId>
  <dependencies>$1</dependencies>
</project>
EOF
}
mvn_verify() { (cd "$proj" && ./mvnw -B verify -Dmaven.test.skip=true "$@"); }

allowed='<dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId></dependency>'
zeebe='<dependency><groupId>io.camunda</groupId><artifactId>zeebe-process-test-extension</artifactId><version>8.6.15</version><scope>test</scope>
  <exclusions><exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion></exclusions></dependency>'
nolicence='<dependency><groupId>net.jcip</groupId><artifactId>jcip-annotations</artifactId><version>1.0</version></dependency>'
jstl='<dependency><groupId>javax.servlet</groupId><artifactId>jstl</artifactId><version>1.2</version></dependency>'

module_pom "$allowed"
expect pass "maven 1 allowed dependency (slf4j-api, MIT)" "$work/m1.log" "BUILD SUCCESS" -- mvn_verify
if unzip -l "$proj/selftest/target/homefirst-licence-selftest-0.1.0-SNAPSHOT.jar" 2>/dev/null | grep -q META-INF/THIRD-PARTY.txt; then
  echo "ok    maven 1 notices: META-INF/THIRD-PARTY.txt is inside the jar"
else
  echo "WRONG maven 1 notices: META-INF/THIRD-PARTY.txt missing from the jar"; failures=$((failures + 1))
fi

module_pom "$allowed$zeebe"
expect fail "maven 2 io.camunda artifact, test scope" "$work/m2.log" "io.camunda:zeebe-process-test-extension:jar:8.6.15 <--- banned" -- mvn_verify

expect fail "maven 3 same, enforcer skipped: licence check" "$work/m3.log" "License: 'Zeebe-Community-License' used by 1 dependencies" -- mvn_verify -Denforcer.skip=true

module_pom "$allowed$nolicence"
expect fail "maven 4 dependency whose pom names no licence (jcip-annotations 1.0)" "$work/m4.log" "net.jcip--jcip-annotations--1.0" -- mvn_verify

# jcip-annotations 1.0 is really CC-BY-2.5 (its site): off the allow-list, so an override naming it still fails
printf '# selftest only\nnet.jcip--jcip-annotations--1.0=CC-BY-2.5\n' >>"$proj/build/licences/overrides.properties"
expect fail "maven 5a override naming a licence off the allow-list" "$work/m5a.log" "License: 'CC-BY-2.5' used by 1 dependencies" -- mvn_verify

# jstl 1.2: pom names no licence, its jar's META-INF/LICENSE.txt is CDDL 1.0 -> a verified override passes
module_pom "$allowed$jstl"
printf '# selftest only: jstl-1.2.jar META-INF/LICENSE.txt reads CDDL Version 1.0\njavax.servlet--jstl--1.2=CDDL-1.0\n' >>"$proj/build/licences/overrides.properties"
expect pass "maven 5b verified override naming an allowed licence (jstl 1.2, CDDL-1.0)" "$work/m5b.log" "BUILD SUCCESS" -- mvn_verify

# ---- npm ---------------------------------------------------------------------------------------
npm_pkg() { # dir name version license-json [LICENSE text]
  mkdir -p "$1/node_modules/$2"
  printf '{"name":"%s","version":"%s"%s}\n' "$2" "$3" "${4:+,$4}" >"$1/node_modules/$2/package.json"
  [ -n "${5:-}" ] && printf '%s\n' "$5" >"$1/node_modules/$2/LICENSE"
  return 0
}
ok="$work/npm-ok"
npm_pkg "$ok" a 1.0.0 '"license":"MIT"'
npm_pkg "$ok" @scope/b 1.0.0 '"license":"(MIT OR GPL-3.0)"'
npm_pkg "$ok" c 1.0.0 '"license":"Apache 2.0"'
npm_pkg "$ok" d 1.0.0 '"licenses":[{"type":"BSD"}]'
npm_pkg "$ok" e 1.0.0 '"license":"MIT AND ISC"'
npm_pkg "$ok" bpmn-js 18.6.2 '"license":"SEE LICENSE IN LICENSE"' 'The source code responsible for displaying the bpmn.io project watermark ... MUST NOT be removed'
npm_pkg "$ok/node_modules/a" nested 2.0.0 '"license":"0BSD"'
expect pass "npm 6 allowed spellings, OR/AND, bpmn.io licence, nested" "$work/n6.log" "npm licence check passed" -- \
  node build/licences/npm-licences.mjs --node-modules "$ok/node_modules" --out "$work/n6.txt"

n=7
for lic in '"license":"BUSL-1.1"' '"license":"SSPL-1.0"' '"license":"Elastic-2.0"' '"license":"UNLICENSED"' \
           '"license":"SEE LICENSE IN LICENSE"|This program is available under Vaadin Commercial License and Service Terms.' \
           '"license":"Camunda License 1.0"' '"license":"MIT AND GPL-3.0"' ''; do
  dir="$work/npm-$n"
  npm_pkg "$dir" ok-one 1.0.0 '"license":"MIT"'
  npm_pkg "$dir" bad-one 1.0.0 "${lic%%|*}" "$([ "${lic#*|}" != "$lic" ] && echo "${lic#*|}")"
  label="${lic%%|*}"; [ "$label" != "$lic" ] && label="$label + a Vaadin Commercial LICENSE file"
  expect fail "npm $n bad-one with ${label:-no licence field}" "$work/n$n.log" "bad-one@1\.0\.0 \(bad-one\): [^;]*" -- \
    node build/licences/npm-licences.mjs --node-modules "$dir/node_modules" --out "$work/n$n.txt"
  n=$((n + 1))
done

echo
if [ "$failures" -eq 0 ]; then echo "licence guard self-test: every case as expected"; else echo "licence guard self-test: $failures case(s) WRONG (logs kept in $work)"; exit 1; fi
