#!/usr/bin/env bash
# The benchmark suite (docs/benchmarks.md): Helm client index load, publishing into a large repository,
# concurrent publishers, synthesis, test-command time, the landing page size at 10k versions and download statistics.
#   scripts/bench.sh --quick   tiny sizes, 1-2 runs (about a minute); writes target/benchmarks-quick.md
#   scripts/bench.sh --full    the real run (20-30 min on 2 cores); writes docs/benchmarks.md
# Extra arguments go to io.kube9.charts.bench.BenchmarkSuite (--out FILE, --sections index,publish,...).
set -euo pipefail
cd "$(dirname "$0")/.."
# Captured first: `eval "$(...)"` would hide the installer's failure (eval of nothing succeeds).
tools="$(scripts/install-test-tools.sh)"
eval "$tools"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
# slf4j-nop is the CLI's silent logger; S3Mock (Spring Boot) needs its own Logback instead, as in surefire.
# The full run times the release job's CLI (scripts/kube9-charts: the packaged jar and its class-data archive), so it
# packages first.
goals=(test-compile)
case " $* " in *" --full "*) goals=(package -DskipTests) ;; esac
mvn -q -B -ntp "${goals[@]}" dependency:build-classpath -Dmdep.includeScope=test \
    -DexcludeArtifactIds=slf4j-nop -Dmdep.outputFile=target/bench.classpath >/dev/null
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    io.kube9.charts.bench.BenchmarkSuite "${@:---quick}"
