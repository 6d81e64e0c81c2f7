#!/usr/bin/env bash
# Builds every published module twice from scratch and compares the jars byte for byte: a release
# must be rebuildable by anyone from its tag (project.build.outputTimestamp in the POMs).
# Extra arguments go to Maven, such as -o or -Dmaven.repo.local=DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

build() {
  mvn -B -q clean package -DskipTests "$@" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
}

collect() {
  mkdir -p "$work/$1"
  # Every jar of every published module; the examples are never published.
  find . -path ./examples -prune -o -path '*/target/*.jar' -print | sort | while read -r jar; do
    cp "$jar" "$work/$1/$(echo "${jar#./}" | tr / _)"
  done
}

build "$@"
collect first
build "$@"
collect second

count=$(ls "$work/first" | wc -l)
if [ "$count" -eq 0 ]; then
  echo "check-reproducible: no jars were built" >&2
  exit 1
fi
if ! diff <(cd "$work/first" && sha256sum -- *) <(cd "$work/second" && sha256sum -- *); then
  echo "check-reproducible: the jars above differ between two builds of the same sources" >&2
  exit 1
fi
echo "check-reproducible: $count jars identical in two builds"
