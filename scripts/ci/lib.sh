# shellcheck shell=bash
# Shared by the scripts in scripts/ci (sourced, not run). Paths are relative to the repository root.
# Settings come from the environment, so workflows pass repository variables without ${{ }} in shell code.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

KUBE9_STACK="${KUBE9_STACK:-kube9-charts-production}"
KUBE9_WORK_DIR="${KUBE9_WORK_DIR:-$PWD/target/ci}"
# KUBE9_CLI_JAR: an already built CLI jar (tests, or a jar restored from a cache elsewhere).
CLI_JAR="${KUBE9_CLI_JAR:-target/kube9-charts-cli.jar}"
STACK_DIR="cdktf.out/stacks/$KUBE9_STACK"
mkdir -p "$KUBE9_WORK_DIR"

log() { echo "[$(basename "$0")] $*" >&2; }
fail() { echo "::error::$*" >&2; exit 1; }

# Appends Markdown to the job summary when running on GitHub Actions, else prints it.
summary() {
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat >> "$GITHUB_STEP_SUMMARY"; else cat; fi
}

# Builds the CLI jar once per job (no tests: ci.yml's test job runs them). With KUBE9_RELEASE_VERSION set, the jar
# reports that version (kube9-charts --version).
build_cli() {
  if [ ! -f "$CLI_JAR" ]; then
    log "building $CLI_JAR"
    mvn -B -ntp -q package -DskipTests ${KUBE9_RELEASE_VERSION:+"-Dkube9.release.version=$KUBE9_RELEASE_VERSION"}
  fi
}

# The CLI with the JVM settings and class-data archive of a short-lived run (scripts/kube9-charts).
kube9_charts() { KUBE9_CLI_JAR="$CLI_JAR" scripts/kube9-charts "$@"; }

# Synthesizes the stacks (KUBE9_CONFIG selects an overlay, e.g. config/staging.yaml).
synthesize() {
  local args=(--outdir cdktf.out)
  if [ -n "${KUBE9_CONFIG:-}" ]; then args+=(--config "$KUBE9_CONFIG"); fi
  scripts/synth "${args[@]}"
  [ -f "$STACK_DIR/cdk.tf.json" ] || fail "synthesis did not produce $STACK_DIR/cdk.tf.json (KUBE9_STACK=$KUBE9_STACK)"
}

terraform_init() {
  terraform -chdir="$STACK_DIR" init -input=false -no-color
}

# Writes the Markdown report of a plan JSON to $2; returns 0 (nothing found) or 3 (drift or changes), fails otherwise.
drift_report() {
  local rc=0
  kube9_charts drift-report "$1" --output "$2" || rc=$?
  case "$rc" in
    0|3) return "$rc" ;;
    *) fail "drift-report could not read $1 (exit $rc)" ;;
  esac
}
