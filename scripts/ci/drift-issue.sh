#!/usr/bin/env bash
# Keeps exactly one open GitHub issue labelled "drift" in step with drift detection (gh CLI).
#   drift-issue.sh open REPORT.md   open the issue, or update its body and add a comment if it is open
#   drift-issue.sh resolve          comment and close the open drift issue, if there is one
# Needs GH_TOKEN (issues: write); GITHUB_REPOSITORY and the run URL variables are set by GitHub Actions.
set -euo pipefail

LABEL="drift"
TITLE="Infrastructure drift detected"
MAX_REPORT_BYTES=60000 # GitHub refuses issue bodies over 65536 characters
run_url="${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_REPOSITORY:-}/actions/runs/${GITHUB_RUN_ID:-local}"

open_issue() {
  gh issue list --label "$LABEL" --state open --limit 1 --json number --jq '.[0].number // empty'
}

case "${1:-}" in
  open)
    report="${2:?usage: drift-issue.sh open REPORT.md}"
    [ -f "$report" ] || { echo "::error::drift report $report not found" >&2; exit 1; }
    body="$(mktemp)"
    {
      head -c "$MAX_REPORT_BYTES" "$report"
      if [ "$(wc -c < "$report")" -gt "$MAX_REPORT_BYTES" ]; then
        printf '\n\n(Report shortened to %s bytes; the full report is in the job summary of the run below.)\n' \
          "$MAX_REPORT_BYTES"
      fi
      printf '\n---\nLast checked by %s\n' "$run_url"
    } > "$body"
    number="$(open_issue)"
    if [ -z "$number" ]; then
      gh label create "$LABEL" --color B60205 --description "Infrastructure changed outside Terraform" --force >/dev/null
      gh issue create --title "$TITLE" --label "$LABEL" --body-file "$body"
    else
      gh issue edit "$number" --body-file "$body" >/dev/null
      gh issue comment "$number" --body "Drift is still present ($run_url); the description shows the latest report."
      echo "updated drift issue #$number"
    fi
    ;;
  resolve)
    number="$(open_issue)"
    if [ -n "$number" ]; then
      gh issue close "$number" --comment "No drift any more ($run_url): the infrastructure matches the Terraform state."
      echo "closed drift issue #$number"
    fi
    ;;
  *)
    echo "usage: drift-issue.sh open REPORT.md | resolve" >&2
    exit 2
    ;;
esac
