#!/usr/bin/env bash
# CI plan (ci.yml) and the plan half of deploy-infrastructure.yml: synthesize, terraform init and
# validate, save the plan to $KUBE9_WORK_DIR/plan.tfplan, and put a readable report in the job summary.
# Needs AWS credentials that can read the state and the resources (the plan or the deploy role).
# shellcheck source=scripts/ci/lib.sh
source "$(dirname "$0")/lib.sh"

build_cli
synthesize
terraform_init
terraform -chdir="$STACK_DIR" validate -no-color

plan="$KUBE9_WORK_DIR/plan.tfplan"
rc=0
terraform -chdir="$STACK_DIR" plan -input=false -no-color -lock-timeout=5m -detailed-exitcode -out="$plan" || rc=$?
case "$rc" in
  0) rm -f "$KUBE9_WORK_DIR/has-changes" ;;
  2) touch "$KUBE9_WORK_DIR/has-changes" ;;
  *) fail "terraform plan failed (exit $rc); see the log above" ;;
esac

terraform -chdir="$STACK_DIR" show -json "$plan" > "$KUBE9_WORK_DIR/plan.json"
report_rc=0
drift_report "$KUBE9_WORK_DIR/plan.json" "$KUBE9_WORK_DIR/plan-report.md" || report_rc=$?
summary < "$KUBE9_WORK_DIR/plan-report.md"
log "plan saved to $plan (terraform exit $rc, report exit $report_rc)"
