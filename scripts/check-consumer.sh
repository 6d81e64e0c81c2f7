#!/usr/bin/env bash
# Builds fixtures/consumer, a user's project, against priokit installed into a throwaway local
# repository (seeded with a copy of the usual one, less priokit), and checks that its dependency tree
# holds one Jackson version, with and without vertx-core beside priokit. Then builds
# fixtures/quarkus-app, a Quarkus application whose test reads its readiness over HTTP: Quarkus must
# find priokit-microprofile-health's check in the installed jar, as it would in one from Maven Central. Extra arguments go to Maven,
# such as -o; -Dmaven.repo.local=DIR names the repository to seed from (default ~/.m2/repository).
set -euo pipefail
cd "$(dirname "$0")/.."

seed="$HOME/.m2/repository"
args=()
for arg in "$@"; do
  case "$arg" in
    -Dmaven.repo.local=*) seed="${arg#-Dmaven.repo.local=}" ;;
    *) args+=("$arg") ;;
  esac
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repo="$work/repository"
mkdir -p "$repo"
if [ -d "$seed" ]; then
  cp -a "$seed/." "$repo/"
fi
rm -rf "$repo/io/priokit"

version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' bom/pom.xml | head -1)
maven=(mvn -B -Dmaven.repo.local="$repo" -Dpriokit.version="$version" ${args[@]+"${args[@]}"})

run() {
  local log="$work/$1.log"
  shift
  if ! "$@" >"$log" 2>&1; then
    cat "$log"
    echo "check-consumer: failed: $*" >&2
    exit 1
  fi
}

# The Jackson release lines (major.minor) in a dependency tree: Jackson supports mixing patch
# versions, and jackson-annotations has carried no patch number since 2.20.
jackson_lines() {
  grep -o 'com\.fasterxml\.jackson[.a-z]*:[a-z0-9-]*:jar:[0-9][^:]*' "$1" \
    | sed 's/.*:jar:\([0-9]*\.[0-9]*\).*/\1/' | sort -u
}

expect_one_jackson() {
  local tree="$work/$1.tree"
  shift
  run "$(basename "$tree")" "${maven[@]}" -q -f fixtures/consumer/pom.xml "$@" dependency:tree -DoutputFile="$tree"
  local lines
  lines=$(jackson_lines "$tree" | tr '\n' ' ')
  if [ "$(jackson_lines "$tree" | wc -l)" -ne 1 ]; then
    cat "$tree"
    echo "check-consumer: the consumer's dependency tree ($*) mixes Jackson versions: $lines" >&2
    exit 1
  fi
  echo "check-consumer: one Jackson version ($lines) in the consumer's tree ${*:-}"
}

run install "${maven[@]}" -q install -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true
echo "check-consumer: priokit $version installed into a throwaway repository"

run consumer "${maven[@]}" -f fixtures/consumer/pom.xml clean verify
grep -E 'Tests run: [0-9]+, Failures: 0, Errors: 0' "$work/consumer.log" | tail -1
echo "check-consumer: the consumer project compiles and its tests pass against the installed artifacts"

expect_one_jackson plain
expect_one_jackson vertx -Pvertx

control="$work/control.tree"
run control "${maven[@]}" -q -f fixtures/consumer/pom-without-bom.xml dependency:tree -DoutputFile="$control"
if [ "$(jackson_lines "$control" | wc -l)" -lt 2 ]; then
  cat "$control"
  echo "check-consumer: without the BOM the tree should mix Jackson versions; the check may not see a mix" >&2
  exit 1
fi
echo "check-consumer: without the BOM, as expected, the tree mixes Jackson $(jackson_lines "$control" | tr '\n' ' ')"

run quarkus "${maven[@]}" -f fixtures/quarkus-app/pom.xml clean verify
grep -E 'Tests run: [0-9]+, Failures: 0, Errors: 0' "$work/quarkus.log" | tail -1
echo "check-consumer: the Quarkus application reports Prioticket in /q/health/ready from the installed jar"
