#!/usr/bin/env bash
# chart-lifecycle.yml: runs one lifecycle command of the CLI against the chart repository and writes the job
# summary (what was asked, by whom, why, and what changed), also when the command fails.
#   LIFECYCLE_ACTION  yank | unyank | deprecate | undeprecate
#   CHART, VERSION    the chart, and the exact version for yank and unyank (empty for the others)
#   REASON            yank: why (required); deprecate: what to use instead (optional); nothing else takes one
#   DRY_RUN           true: show what would change, write nothing
#   CHART_BUCKET, CLOUDFRONT_DISTRIBUTION_ID, CHART_REPOSITORY_URL   the repository
#   OCI_REPOSITORY    the OCI repository releases push to (optional; shown on the landing page)
#   S3_ENDPOINT, CLOUDFRONT_ENDPOINT   S3-compatible storage and a CloudFront stand-in (tests); never set by the workflow
# Needs: AWS credentials of the lifecycle role; jq. GitHub Actions sets GITHUB_ACTOR and the run's URL variables,
# which the CLI records in lifecycle.json.
# shellcheck source=scripts/ci/lib.sh
source "$(dirname "$0")/lib.sh"

: "${LIFECYCLE_ACTION:?LIFECYCLE_ACTION is not set: yank, unyank, deprecate or undeprecate}"
: "${CHART:?CHART is not set: the chart name}"
: "${CHART_BUCKET:?CHART_BUCKET is not set: set the repository variable CHART_BUCKET (stack output bucket_name)}"
: "${CLOUDFRONT_DISTRIBUTION_ID:?CLOUDFRONT_DISTRIBUTION_ID is not set: set the repository variable of that name}"
: "${CHART_REPOSITORY_URL:?CHART_REPOSITORY_URL is not set: the repository URL, e.g. https://charts.kube9.io}"
VERSION="${VERSION:-}"
REASON="${REASON:-}"

usage_error() { echo "::error::$*" >&2; exit 2; }
case "$LIFECYCLE_ACTION" in
  yank)
    [ -n "$VERSION" ] || usage_error "yank needs the input version (the exact version to pull back, e.g. 1.2.3)"
    [ -n "$REASON" ] || usage_error "yank needs the input reason: why the version is pulled back, for its users"
    ;;
  unyank)
    [ -n "$VERSION" ] || usage_error "unyank needs the input version (the yanked version to restore)"
    [ -z "$REASON" ] || usage_error "unyank takes no reason (the yank's record is removed); leave the input reason empty"
    ;;
  deprecate | undeprecate)
    [ -z "$VERSION" ] || usage_error "$LIFECYCLE_ACTION applies to every version of $CHART: leave the input version empty"
    [ "$LIFECYCLE_ACTION" = deprecate ] || [ -z "$REASON" ] \
      || usage_error "undeprecate takes no reason; leave the input reason empty"
    ;;
  *) usage_error "unknown action '$LIFECYCLE_ACTION': use yank, unyank, deprecate or undeprecate" ;;
esac

lifecycle_args=(--bucket "$CHART_BUCKET" --distribution-id "$CLOUDFRONT_DISTRIBUTION_ID" --wait
  --repo-url "$CHART_REPOSITORY_URL" --output json)
if [ -n "${S3_ENDPOINT:-}" ]; then lifecycle_args+=(--endpoint "$S3_ENDPOINT" --path-style); fi
# A stand-in for CloudFront answers at once: no need to poll it at the real service's pace.
if [ -n "${CLOUDFRONT_ENDPOINT:-}" ]; then
  lifecycle_args+=(--cloudfront-endpoint "$CLOUDFRONT_ENDPOINT" --cloudfront-poll-interval PT0.1S)
fi
# The releases' OCI repository, so the landing page these commands re-render keeps its oci:// install commands.
if [ -n "${OCI_REPOSITORY:-}" ]; then lifecycle_args+=(--oci-repository "$OCI_REPOSITORY"); fi
if [ "${DRY_RUN:-false}" = true ]; then lifecycle_args+=(--dry-run); fi

build_cli
report="$KUBE9_WORK_DIR/lifecycle-report.json"
rc=0
case "$LIFECYCLE_ACTION" in
  yank) kube9_charts yank "$CHART" "$VERSION" --reason "$REASON" "${lifecycle_args[@]}" > "$report" || rc=$? ;;
  unyank) kube9_charts unyank "$CHART" "$VERSION" "${lifecycle_args[@]}" > "$report" || rc=$? ;;
  deprecate)
    if [ -n "$REASON" ]; then
      kube9_charts deprecate "$CHART" --message "$REASON" "${lifecycle_args[@]}" > "$report" || rc=$?
    else
      kube9_charts deprecate "$CHART" "${lifecycle_args[@]}" > "$report" || rc=$?
    fi
    ;;
  undeprecate) kube9_charts deprecate "$CHART" --undo "${lifecycle_args[@]}" > "$report" || rc=$? ;;
esac

# Markdown table cells: a | or a line break would end the cell.
cell() { printf '%s' "$1" | tr '\n' ' ' | sed 's/|/\\|/g'; }
run_url="${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_REPOSITORY:-}/actions/runs/${GITHUB_RUN_ID:-}"
{
  echo "## $LIFECYCLE_ACTION $CHART${VERSION:+ $VERSION}$([ "${DRY_RUN:-false}" = true ] && echo ' (dry run)')"
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| Chart | $(cell "$CHART") |"
  if [ -n "$VERSION" ]; then echo "| Version | $(cell "$VERSION") |"; fi
  if [ -n "$REASON" ]; then
    echo "| $([ "$LIFECYCLE_ACTION" = yank ] && echo Reason || echo Message) | $(cell "$REASON") |"
  fi
  echo "| Requested by | $(cell "${GITHUB_TRIGGERING_ACTOR:-${GITHUB_ACTOR:-unknown}}") |"
  echo "| Run | $run_url |"
  if [ "$rc" = 0 ]; then
    echo "| Result | $(cell "$(jq -r .summary "$report")") |"
    echo "| Changed | $(jq -r 'if .dryRun then "nothing (dry run)" elif .changed then "yes" else "no: it was already so" end' "$report") |"
    echo "| CloudFront invalidation | $(jq -r '.invalidationId // "none"' "$report") |"
  else
    echo "| Result | failed (exit $rc, docs/lifecycle.md): the error is in the step's log; re-running is safe |"
  fi
} | summary
exit "$rc"
