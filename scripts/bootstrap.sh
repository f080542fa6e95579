#!/usr/bin/env bash
# Bootstraps an AWS account for kube9 chart hosting (run once, by an administrator, with admin
# credentials in the environment): the Terraform state bucket, the GitHub OIDC provider and the CI
# plan/deploy roles (BootstrapStack). The bootstrap's own state starts local, because the bucket that
# will hold it does not exist yet, and is then migrated into that bucket. See docs/operations.md.
#
#   scripts/bootstrap.sh              first time: apply-local, then migrate
#   scripts/bootstrap.sh apply-local  synthesize; apply with local state ($KUBE9_BOOTSTRAP_STATE)
#   scripts/bootstrap.sh migrate      move the local state into the S3 backend, verify, delete the local copy
#   scripts/bootstrap.sh apply        later changes: plan and apply with the state in S3
#
# Environment: KUBE9_CONFIG (config overlay), KUBE9_AUTO_APPROVE=1 (no prompt), KUBE9_BACKEND_CONFIG (an
# extra -backend-config file, e.g. for an S3-compatible endpoint), KUBE9_BOOTSTRAP_STACK_DIR (use this
# already synthesized stack directory instead of synthesizing).
set -euo pipefail
cd "$(dirname "$0")/.."

STACK_DIR="${KUBE9_BOOTSTRAP_STACK_DIR:-cdktf.out/stacks/kube9-charts-bootstrap}"
# Outside cdktf.out, which synthesis rewrites; *.tfstate is git-ignored.
LOCAL_STATE="${KUBE9_BOOTSTRAP_STATE:-$PWD/bootstrap.tfstate}"
OVERRIDE="$STACK_DIR/bootstrap_local_backend_override.tf.json"

log() { echo "[bootstrap] $*" >&2; }
fail() { echo "[bootstrap] error: $*" >&2; exit 1; }
tf() { terraform -chdir="$STACK_DIR" "$@"; }
approve() { if [ "${KUBE9_AUTO_APPROVE:-}" = 1 ]; then echo -auto-approve; fi; }
# An array, so a path with spaces stays one argument
backend_config=()
if [ -n "${KUBE9_BACKEND_CONFIG:-}" ]; then backend_config=("-backend-config=$KUBE9_BACKEND_CONFIG"); fi

synthesize() {
  if [ -n "${KUBE9_BOOTSTRAP_STACK_DIR:-}" ]; then return; fi
  local args=(--outdir cdktf.out)
  if [ -n "${KUBE9_CONFIG:-}" ]; then args+=(--config "$KUBE9_CONFIG"); fi
  scripts/synth "${args[@]}"
}

apply_local() {
  synthesize
  [ -f "$STACK_DIR/cdk.tf.json" ] || fail "no synthesized bootstrap stack in $STACK_DIR"
  # Override files replace the backend block for this run only; the synthesized S3 backend stays the target.
  printf '{"terraform":{"backend":{"local":{"path":"%s"}}}}\n' "$LOCAL_STATE" > "$OVERRIDE"
  log "applying with local state in $LOCAL_STATE"
  tf init -input=false -reconfigure
  # shellcheck disable=SC2046
  tf apply -input=false $(approve)
}

migrate() {
  [ -s "$LOCAL_STATE" ] || fail "no local bootstrap state at $LOCAL_STATE: run 'scripts/bootstrap.sh apply-local' first"
  [ -f "$OVERRIDE" ] || printf '{"terraform":{"backend":{"local":{"path":"%s"}}}}\n' "$LOCAL_STATE" > "$OVERRIDE"
  tf init -input=false -reconfigure >/dev/null
  rm -f "$OVERRIDE"
  log "migrating the state into the S3 backend"
  tf init -input=false -migrate-state -force-copy ${backend_config[@]+"${backend_config[@]}"}
  local rc=0
  tf plan -input=false -detailed-exitcode -lock-timeout=2m >/dev/null || rc=$?
  case "$rc" in
    0) ;;
    2) fail "the migrated state plans changes; the local copy $LOCAL_STATE is kept: inspect with 'terraform -chdir=$STACK_DIR plan'" ;;
    *) fail "planning against the migrated state failed; the local copy $LOCAL_STATE is kept" ;;
  esac
  rm -f "$LOCAL_STATE" "$LOCAL_STATE.backup"
  log "state migrated; the local copy is deleted (the bucket is versioned)"
  print_next_steps
}

apply_remote() {
  synthesize
  rm -f "$OVERRIDE"
  tf init -input=false -reconfigure ${backend_config[@]+"${backend_config[@]}"}
  # shellcheck disable=SC2046
  tf apply -input=false -lock-timeout=2m $(approve)
  print_next_steps
}

print_next_steps() {
  log "set these GitHub repository variables (Settings > Secrets and variables > Actions > Variables):"
  echo "AWS_PLAN_ROLE_ARN=$(tf output -raw plan_role_arn 2>/dev/null || echo '(output plan_role_arn)')"
  echo "AWS_DEPLOY_ROLE_ARN=$(tf output -raw deploy_role_arn 2>/dev/null || echo '(output deploy_role_arn)')"
}

case "${1:-first-time}" in
  first-time) apply_local; migrate ;;
  apply-local) apply_local ;;
  migrate) migrate ;;
  apply) apply_remote ;;
  *) echo "usage: scripts/bootstrap.sh [apply-local|migrate|apply]" >&2; exit 2 ;;
esac
