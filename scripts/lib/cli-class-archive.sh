#!/usr/bin/env bash
# Builds the publisher CLI's AppCDS archive, target/kube9-charts-cli.jsa beside target/kube9-charts-cli.jar, at
# `mvn package` (pom.xml runs it right after the shade plugin; -Dkube9.cds.skip=true leaves it out). scripts/kube9-charts
# starts the CLI with it: the JVM then maps the classes a publish loads (AWS SDK, Jackson, picocli, the publisher)
# already parsed and verified instead of loading them from the jar, which is most of a release job's fresh-JVM start.
#
# The classes are those two training runs load, both with the jar itself and nothing outside this machine:
#   1. a publish of a small chart (scripts/lib/cds-training) into a scratch directory: chart validation, the index,
#      the lifecycle ledger, the landing page;
#   2. the same publish to an S3 endpoint on loopback port 9, where nothing answers: the SDK's client, credentials,
#      signing, HTTP client and retries, up to the refused connection.
# The JVM checks the archive against the jar when it maps it and ignores it if the jar changed, so a stale archive
# can only cost time, never run other code.
set -euo pipefail
jar="${1:?usage: cli-class-archive.sh target/kube9-charts-cli.jar}"
archive="${jar%.jar}.jsa"
work="$(dirname "$jar")/cds-training"
rm -rf "$work" "$archive"
mkdir -p "$work"
fail() { echo "cli-class-archive.sh: $1 (log: $2)" >&2; cat "$2" >&2; exit 1; }

chart="$work/kube9-cds-training-1.0.0.tgz"
tar -czf "$chart" -C "$(dirname "$0")/cds-training" kube9-cds-training
java -XX:DumpLoadedClassList="$work/local.classes" -jar "$jar" publish --local-dir "$work/repository" "$chart" \
  > "$work/local.log" 2>&1 || fail "the training publish into a directory failed" "$work/local.log"
# Exit 5 (storage unreachable) is the expected end; whatever answers, the classes loaded up to then count.
AWS_ACCESS_KEY_ID=cds-training AWS_SECRET_ACCESS_KEY=cds-training AWS_EC2_METADATA_DISABLED=true \
  timeout 120 java -XX:DumpLoadedClassList="$work/s3.classes" -jar "$jar" publish --bucket cds-training \
  --endpoint http://127.0.0.1:9 --path-style --region us-east-1 --max-attempts 1 "$chart" > "$work/s3.log" 2>&1 || true
[ -s "$work/s3.classes" ] || fail "the training publish to S3 loaded no classes" "$work/s3.log"

# One list (the files share their header comments), then the archive, written under another name and moved in place.
cat "$work/local.classes" "$work/s3.classes" | awk '!seen[$0]++' > "$work/all.classes"
java -Xshare:dump -XX:SharedClassListFile="$work/all.classes" -XX:SharedArchiveFile="$archive.tmp" -cp "$jar" \
  > "$work/dump.log" 2>&1 || fail "java -Xshare:dump failed" "$work/dump.log"
mv -f "$archive.tmp" "$archive"
