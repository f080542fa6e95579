#!/usr/bin/env bash
# Longer exploration than the default test run gives (10 s per fuzz target there, a fixed differential corpus).
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# Targets: every Jazzer fuzz test class (src/test/java/**/*FuzzTest.java) and HelmDifferential (mutated chart
# archives judged by real Helm 3.17 and 4.1 against this publisher). Default: all of them, 600 s each.
#
# Jazzer fuzzes one @FuzzTest per JVM: each class runs in its own fork. The corpus it grows is kept in
# .cifuzz-corpus/ (git-ignored) and reused by the next run. A finding is written to the class's
# src/test/resources/.../<Class>Inputs/<method>/ directory as crash-<sha1>: fix the code, rename the file
# to say what it found, and commit it; it then runs as a regression test in every build.
# HelmDifferential saves each archive on which our verdict differs from Helm's for a reason not already
# named in HelmDifferentialCorpus to target/differential/findings/ (<sha>.tgz and <sha>.txt with both
# verdicts): fix the code, or name the difference, and add the case to the corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
all_targets() { find src/test/java -name '*FuzzTest.java' -printf '%f\n' | sed 's/[.]java$//' | sort | paste -sd ' '; }
targets="${*:-$(all_targets) HelmDifferential}"
fuzz_targets=""
differential=false
for target in $targets; do
  if [ "$target" = HelmDifferential ]; then differential=true; else fuzz_targets="$fuzz_targets${fuzz_targets:+,}$target"; fi
done
if [ -n "$fuzz_targets" ]; then
  # -Dtest also runs them once in regression mode (fast); the fuzz execution fuzzes each in its own JVM.
  mvn -B -ntp test -Pfuzz -Dkube9.fuzz.seconds="$seconds" -Dkube9.fuzz.seed=0 -Dkube9.fuzz.runs=-1 \
    -Dkube9.fuzz.tests="$fuzz_targets" -Dtest="$fuzz_targets"
fi
if [ "$differential" = true ]; then
  eval "$(scripts/install-test-tools.sh)"  # helm 3 and 4
  mvn -B -ntp -q test-compile exec:java -Dexec.classpathScope=test \
    -Dapp.main=io.kube9.charts.repository.chart.HelmDifferentialExploration -Dexec.args="$seconds target/differential/findings"
fi
