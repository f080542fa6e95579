#!/usr/bin/env bash
# After a release: what a user does, through the public URL (DNS, TLS, CloudFront, OAC, S3):
# `helm repo add` and `helm pull` of each released chart version. Retries briefly, because the new
# index can take a moment to be served everywhere even after the invalidation completed.
#   smoke-test.sh REPOSITORY_URL VERSION CHART...
set -euo pipefail

url="${1:?usage: smoke-test.sh REPOSITORY_URL VERSION CHART...}"
version="${2:?usage: smoke-test.sh REPOSITORY_URL VERSION CHART...}"
shift 2
[ "$#" -gt 0 ] || { echo "usage: smoke-test.sh REPOSITORY_URL VERSION CHART..." >&2; exit 2; }
ATTEMPTS="${SMOKE_TEST_ATTEMPTS:-10}"
DELAY="${SMOKE_TEST_DELAY_SECONDS:-15}"

helm_home="$(mktemp -d)"
export HELM_REPOSITORY_CONFIG="$helm_home/repositories.yaml" HELM_REPOSITORY_CACHE="$helm_home/cache"
trap 'rm -rf "$helm_home"' EXIT

for chart in "$@"; do
  for attempt in $(seq 1 "$ATTEMPTS"); do
    if helm repo add kube9-smoke "$url" --force-update >/dev/null \
        && helm pull "kube9-smoke/$chart" --version "$version" --destination "$helm_home"; then
      echo "smoke test passed: $chart $version is served by $url"
      continue 2
    fi
    echo "attempt $attempt/$ATTEMPTS: $chart $version not served yet by $url; retrying in ${DELAY}s" >&2
    sleep "$DELAY"
  done
  echo "::error::smoke test failed: helm could not pull $chart $version from $url" >&2
  exit 1
done
