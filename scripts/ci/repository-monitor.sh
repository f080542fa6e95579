#!/usr/bin/env bash
# repository-monitor.yml: checks the live chart repository with `verify` (packages, digests, headers, what Helm gets
# from the public URL, the OCI repository and the replica when given). Problems go to the job summary and into the
# one open GitHub issue labelled "repository-monitor" (opened, or commented with the latest report); when the
# repository is healthy again that issue is closed. A check that could not run (credentials, network) fails the job
# and leaves the issue as it is.
#   CHART_BUCKET, CHART_REPOSITORY_URL   the repository (bucket and public URL, e.g. https://charts.kube9.io)
#   OCI_REPOSITORY                       the releases' OCI repository (optional)
#   REPLICA_BUCKET, REPLICA_REGION       the replica bucket, the CDN's failover origin (optional)
#   S3_ENDPOINT                          S3-compatible storage for primary and replica (tests); never set by the workflow
# Needs: AWS credentials of the read-only monitor role; GH_TOKEN with issues: write (gh CLI); jq.
# shellcheck source=scripts/ci/lib.sh
source "$(dirname "$0")/lib.sh"

: "${CHART_BUCKET:?CHART_BUCKET is not set: set the repository variable CHART_BUCKET (stack output bucket_name)}"
: "${CHART_REPOSITORY_URL:?CHART_REPOSITORY_URL is not set: the repository URL, e.g. https://charts.kube9.io}"

verify_args=(--bucket "$CHART_BUCKET" --repo-url "$CHART_REPOSITORY_URL" --public-url "$CHART_REPOSITORY_URL" --output json)
if [ -n "${S3_ENDPOINT:-}" ]; then verify_args+=(--endpoint "$S3_ENDPOINT" --path-style); fi
if [ -n "${OCI_REPOSITORY:-}" ]; then verify_args+=(--oci-repository "$OCI_REPOSITORY"); fi
if [ -n "${REPLICA_BUCKET:-}" ]; then
  verify_args+=(--replica "$REPLICA_BUCKET")
  if [ -n "${REPLICA_REGION:-}" ]; then verify_args+=(--replica-region "$REPLICA_REGION"); fi
  if [ -n "${S3_ENDPOINT:-}" ]; then verify_args+=(--replica-endpoint "$S3_ENDPOINT"); fi
fi

build_cli
json="$KUBE9_WORK_DIR/repository-monitor.json"
rc=0
kube9_charts verify "${verify_args[@]}" > "$json" || rc=$?
case "$rc" in
  0 | 4) ;;
  *) fail "verify could not check the repository (exit $rc); the monitor issue is left as it is" ;;
esac

report="$KUBE9_WORK_DIR/repository-monitor.md"
# With --replica the JSON is {"repository": ..., "replica": ...}; without, the repository report itself.
jq -r --arg url "$CHART_REPOSITORY_URL" '
  (if has("repository") then .repository else . end) as $repo
  | ($repo.problems + ((.replica // {missing: [], different: []}) | (.missing | map(. + " is missing from the replica"))
      + (.different | map(. + " (replica)")))) as $problems
  | "# Chart repository monitor: \($url)\n",
    (if ($problems | length) == 0 then "**Healthy:** \($repo.entries) index entries, \($repo.packages) packages."
     else "**\($problems | length) problem(s)** in \($repo.repository) (\($repo.entries) index entries, \($repo.packages) packages):\n"
       + ($problems | map("- " + .) | join("\n")) end),
    (if .replica then "\nReplica \(.replica.replica): \(.replica.objects) objects compared"
       + (if (.replica.onlyInReplica | length) > 0 then "; only in the replica: " + (.replica.onlyInReplica | join(", ")) else "" end)
     else empty end)
' "$json" > "$report"

export ISSUE_LABEL=repository-monitor ISSUE_TITLE="Chart repository check failing" \
  ISSUE_LABEL_DESCRIPTION="The live chart repository has problems (repository-monitor.yml)" \
  ISSUE_STILL="Still failing" ISSUE_RESOLVED="Healthy again" \
  ISSUE_RESOLVED_DETAIL="verify finds no problem in the repository." ISSUE_COMMENT_REPORT=true
summary < "$report"
if [ "$rc" = 4 ]; then
  scripts/ci/drift-issue.sh open "$report"
  echo "::warning::The chart repository has problems; see the job summary and the issue labelled repository-monitor"
else
  scripts/ci/drift-issue.sh resolve
fi
