#!/usr/bin/env bash
# drift-detection.yml: a refresh-only plan compares the real resources with the state. On drift, the
# report goes to the job summary and into the one open GitHub issue labelled "drift" (opened or
# updated); when the drift is gone that issue is closed. Errors fail the job.
# Needs: AWS credentials of the plan role; GH_TOKEN with issues: write (gh CLI).
# shellcheck source=scripts/ci/lib.sh
source "$(dirname "$0")/lib.sh"

build_cli
synthesize
terraform_init

plan="$KUBE9_WORK_DIR/drift.tfplan"
rc=0
terraform -chdir="$STACK_DIR" plan -refresh-only -input=false -no-color -lock-timeout=5m -detailed-exitcode \
  -out="$plan" || rc=$?
case "$rc" in
  0) log "no drift" ;;
  2) log "terraform reports differences; building the report" ;;
  *) fail "terraform refresh-only plan failed (exit $rc); drift could not be checked" ;;
esac

report="$KUBE9_WORK_DIR/drift-report.md"
report_rc=0
if [ "$rc" = 2 ]; then
  terraform -chdir="$STACK_DIR" show -json "$plan" > "$KUBE9_WORK_DIR/drift-plan.json"
  drift_report "$KUBE9_WORK_DIR/drift-plan.json" "$report" || report_rc=$?
fi

if [ "$report_rc" = 3 ]; then
  summary < "$report"
  scripts/ci/drift-issue.sh open "$report"
  echo "::warning::Infrastructure drift detected; see the job summary and the issue labelled drift"
else
  echo "No drift: the infrastructure matches the Terraform state." | summary
  scripts/ci/drift-issue.sh resolve
fi
