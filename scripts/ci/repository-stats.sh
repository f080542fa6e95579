#!/usr/bin/env bash
# repository-stats.yml: counts package downloads from the CDN's logs, writes stats.json to the chart bucket
# (docs/statistics.md) and the job summary (downloads per chart, objects that could not be counted).
#   CHART_BUCKET   the chart repository's bucket: stats.json is written there
#   LOGS_BUCKET    the CloudFront log bucket (read only; the daily cache is kept in the chart bucket, under stats/daily/)
#   LOGS_PREFIX    where the distribution's logs start: AWSLogs/<account>/CloudFront/<distributionId>/
#   LOGS_REGION    the log bucket's region (optional; default: the job's AWS region)
#   STATS_ENGINE   duckdb (default: the logs are downloaded and counted on the runner) or athena
#   ATHENA_DATABASE, ATHENA_TABLE, ATHENA_WORKGROUP   the Glue table and the workgroup (optional: the CLI's defaults)
#   DRY_RUN        true: count and show, write nothing
#   S3_ENDPOINT    S3-compatible storage (tests); never set by the workflow
# Needs: AWS credentials of the stats role; jq.
# shellcheck source=scripts/ci/lib.sh
source "$(dirname "$0")/lib.sh"

: "${CHART_BUCKET:?CHART_BUCKET is not set: set the repository variable CHART_BUCKET (stack output bucket_name)}"
: "${LOGS_BUCKET:?LOGS_BUCKET is not set: set the repository variable LOGS_BUCKET (the CloudFront log bucket)}"
: "${LOGS_PREFIX:?LOGS_PREFIX is not set: set the repository variable LOGS_PREFIX (AWSLogs/<account>/CloudFront/<distributionId>/)}"
STATS_ENGINE="${STATS_ENGINE:-duckdb}"
case "$STATS_ENGINE" in
  duckdb | athena) ;;
  *) echo "::error::unknown STATS_ENGINE '$STATS_ENGINE': use duckdb or athena" >&2; exit 2 ;;
esac

stats_args=(--bucket "$CHART_BUCKET" --logs-bucket "$LOGS_BUCKET" --logs-prefix "$LOGS_PREFIX" --engine "$STATS_ENGINE"
  --work-dir "$KUBE9_WORK_DIR/stats" --output json)
if [ -n "${LOGS_REGION:-}" ]; then stats_args+=(--logs-region "$LOGS_REGION"); fi
if [ -n "${ATHENA_DATABASE:-}" ]; then stats_args+=(--athena-database "$ATHENA_DATABASE"); fi
if [ -n "${ATHENA_TABLE:-}" ]; then stats_args+=(--athena-table "$ATHENA_TABLE"); fi
if [ -n "${ATHENA_WORKGROUP:-}" ]; then stats_args+=(--athena-workgroup "$ATHENA_WORKGROUP"); fi
if [ -n "${S3_ENDPOINT:-}" ]; then stats_args+=(--endpoint "$S3_ENDPOINT" --path-style --logs-endpoint "$S3_ENDPOINT"); fi
if [ "${DRY_RUN:-false}" = true ]; then stats_args+=(--dry-run); fi

build_cli
report="$KUBE9_WORK_DIR/stats-report.json"
rc=0
kube9_charts stats "${stats_args[@]}" > "$report" || rc=$?

{
  echo "## Download statistics$([ "${DRY_RUN:-false}" = true ] && echo ' (dry run)')"
  echo
  if [ "$rc" = 0 ]; then
    jq -r '"Whole UTC days up to \(.statistics.lastDay); all time includes \(.statistics.today) so far. Engine: \(.engine);"
      + " \(.daysCounted) days counted from the logs (\(.objectsRead) objects read), \(.daysFromCache) from the daily cache."' "$report"
    echo
    echo "| Chart | Version | last day | 7 days | 30 days | 90 days | all time |"
    echo "|---|---|--:|--:|--:|--:|--:|"
    jq -r '.statistics.charts[] | . as $chart
      | ([$chart.name, "all"] + ($chart.downloads | [.lastDay, .last7Days, .last30Days, .last90Days, .allTime])),
        ($chart.versions[] | (["", .version] + (.downloads | [.lastDay, .last7Days, .last30Days, .last90Days, .allTime])))
      | map(tostring | gsub("\\|"; "\\|")) | "| " + join(" | ") + " |"' "$report"
    problems="$(jq '.newProblems | length' "$report")"
    if [ "$problems" != 0 ]; then
      echo
      echo "$problems log objects could not be counted (they are listed in the step's log):"
      jq -r '.newProblems[] | "- `\(.object)`: \(.reason)"' "$report"
    fi
  else
    echo "Failed (exit $rc, docs/statistics.md): the error is in the step's log; re-running is safe."
  fi
} | summary
exit "$rc"
