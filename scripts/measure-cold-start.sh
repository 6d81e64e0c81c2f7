#!/usr/bin/env bash
# Time to first verdict of priokit-health from a cold JVM, without and with the class-data sharing
# archive built with the jar: each run is a new JVM checking a simulator that runs in its own process.
# Needs hyperfine (apt-get install hyperfine) and a built jar (mvn -B package -DskipTests -pl cli -am).
# Extra arguments go to hyperfine, such as --runs 50.
set -euo pipefail
cd "$(dirname "$0")/../cli/target"

log=$(mktemp)
java -cp priokit-health.jar io.priokit.simulator.PrioticketSimulator --port 0 >"$log" 2>&1 &
simulator=$!
trap 'kill $simulator; rm -f "$log"' EXIT
for _ in $(seq 100); do
  target=$(sed -n 's/^Prioticket simulator at //p' "$log")
  [ -n "$target" ] && break
  sleep 0.1
done

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
hyperfine -N --warmup 3 --runs 30 "$@" \
  -n "no archive" "java -jar priokit-health.jar --base-uri $target" \
  -n "CDS archive" "java -XX:SharedArchiveFile=priokit-health.jsa -jar priokit-health.jar --base-uri $target" \
  -n "CDS archive, C1 only, Serial GC" \
  "java -XX:SharedArchiveFile=priokit-health.jsa -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar priokit-health.jar --base-uri $target"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
