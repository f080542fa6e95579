#!/usr/bin/env bash
# The apply half of deploy-infrastructure.yml: applies exactly the plan scripts/ci/plan.sh saved in
# the same job (Terraform refuses a saved plan whose state has changed since), nothing re-planned.
# shellcheck source=scripts/ci/lib.sh
source "$(dirname "$0")/lib.sh"

plan="$KUBE9_WORK_DIR/plan.tfplan"
[ -f "$plan" ] || fail "no saved plan at $plan: run scripts/ci/plan.sh first in the same job"
if [ ! -f "$KUBE9_WORK_DIR/has-changes" ]; then
  log "the saved plan has no changes; nothing to apply"
  echo "No infrastructure changes to apply." | summary
  exit 0
fi
terraform -chdir="$STACK_DIR" apply -input=false -no-color -lock-timeout=5m "$plan"
terraform -chdir="$STACK_DIR" output -no-color
echo "Applied the reviewed plan to \`$KUBE9_STACK\`." | summary
