#!/usr/bin/env bash
# Longer coverage-guided fuzzing than the default test run gives (10 s per target there).
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [FUZZ_TEST_CLASS...]
# Default: 600 s for each of ConfigLoaderFuzzTest, ChartArchiveReaderFuzzTest, ChartYamlFuzzTest, ChartManifestFuzzTest,
# IndexCodecFuzzTest. Jazzer fuzzes one @FuzzTest per JVM: each class runs in its own fork. The
# corpus it grows is kept in .cifuzz-corpus/ (git-ignored) and reused by the next run. A finding is
# written to the class's src/test/resources/.../<Class>Inputs/<method>/ directory as crash-<sha1>:
# fix the code, rename the file to say what it found, and commit it; it then runs as a regression
# test in every build.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
targets="${*:-ConfigLoaderFuzzTest ChartArchiveReaderFuzzTest ChartYamlFuzzTest ChartManifestFuzzTest IndexCodecFuzzTest}"
list="$(echo "$targets" | tr " " ",")"
# -Dtest also runs them once in regression mode (fast); the fuzz execution fuzzes each in its own JVM.
exec mvn -B -ntp test -Pfuzz -Dkube9.fuzz.seconds="$seconds" -Dkube9.fuzz.seed=0 -Dkube9.fuzz.runs=-1 -Dkube9.fuzz.tests="$list" -Dtest="$list"
