#!/usr/bin/env bash
# Builds every published module twice, each time from a fresh copy of the sources in its own
# directory, and compares the jars byte for byte: a release must be rebuildable by anyone, anywhere,
# from its tag (project.build.outputTimestamp in the POMs). The working tree and its target/
# directories are left alone. Extra arguments go to Maven, such as -o or -Dmaven.repo.local=DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

build() {
  mkdir -p "$work/$1/src" "$work/$1/jars"
  tar --exclude=./.git --exclude='*/target' --exclude=./target -cf - . | tar -xf - -C "$work/$1/src"
  (cd "$work/$1/src" && mvn -B -q package -DskipTests "${@:2}") >"$work/$1/build.log" 2>&1 \
    || { cat "$work/$1/build.log"; exit 1; }
  # Every jar of every published module; the examples are never published.
  (cd "$work/$1/src" && find . -path ./examples -prune -o -path ./fixtures -prune -o -path '*/target/*.jar' -print) \
    | sort | while read -r jar; do
      cp "$work/$1/src/$jar" "$work/$1/jars/$(echo "${jar#./}" | tr / _)"
    done
}

build first "$@"
build second "$@"

count=$(ls "$work/first/jars" | wc -l)
if [ "$count" -eq 0 ]; then
  echo "check-reproducible: no jars were built" >&2
  exit 1
fi
if ! diff <(cd "$work/first/jars" && sha256sum -- *) <(cd "$work/second/jars" && sha256sum -- *); then
  echo "check-reproducible: the jars above differ between two builds of the same sources" >&2
  exit 1
fi
echo "check-reproducible: $count jars identical in two builds from two directories"
