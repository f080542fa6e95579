#!/usr/bin/env bash
# Keeps exactly one open GitHub issue with a label in step with a scheduled check (gh CLI); by default the
# "drift" issue of drift detection, other checks set the ISSUE_* variables (repository-monitor.sh).
#   drift-issue.sh open REPORT.md   open the issue, or update its body and add a comment if it is open
#   drift-issue.sh resolve          comment and close the open issue, if there is one
#   ISSUE_LABEL, ISSUE_TITLE, ISSUE_LABEL_DESCRIPTION   the issue; ISSUE_STILL, ISSUE_RESOLVED   the comments' first words
#   ISSUE_COMMENT_REPORT=true       the comment on an open issue carries the report too
# Needs GH_TOKEN (issues: write); GITHUB_REPOSITORY and the run URL variables are set by GitHub Actions.
set -euo pipefail

LABEL="${ISSUE_LABEL:-drift}"
TITLE="${ISSUE_TITLE:-Infrastructure drift detected}"
LABEL_DESCRIPTION="${ISSUE_LABEL_DESCRIPTION:-Infrastructure changed outside Terraform}"
STILL="${ISSUE_STILL:-Drift is still present}"
RESOLVED="${ISSUE_RESOLVED:-No drift any more}"
RESOLVED_DETAIL="${ISSUE_RESOLVED_DETAIL:-the infrastructure matches the Terraform state.}"
MAX_REPORT_BYTES=60000 # GitHub refuses issue bodies over 65536 characters
run_url="${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_REPOSITORY:-}/actions/runs/${GITHUB_RUN_ID:-local}"

open_issue() {
  gh issue list --label "$LABEL" --state open --limit 1 --json number --jq '.[0].number // empty'
}

case "${1:-}" in
  open)
    report="${2:?usage: drift-issue.sh open REPORT.md}"
    [ -f "$report" ] || { echo "::error::$LABEL report $report not found" >&2; exit 1; }
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
      gh label create "$LABEL" --color B60205 --description "$LABEL_DESCRIPTION" --force >/dev/null
      gh issue create --title "$TITLE" --label "$LABEL" --body-file "$body"
    else
      gh issue edit "$number" --body-file "$body" >/dev/null
      if [ "${ISSUE_COMMENT_REPORT:-false}" = true ]; then
        gh issue comment "$number" --body-file "$body"
      else
        gh issue comment "$number" --body "$STILL ($run_url); the description shows the latest report."
      fi
      echo "updated $LABEL issue #$number"
    fi
    ;;
  resolve)
    number="$(open_issue)"
    if [ -n "$number" ]; then
      gh issue close "$number" --comment "$RESOLVED ($run_url): $RESOLVED_DETAIL"
      echo "closed $LABEL issue #$number"
    fi
    ;;
  *)
    echo "usage: drift-issue.sh open REPORT.md | resolve" >&2
    exit 2
    ;;
esac
