#!/usr/bin/env bash
# release-chart.yml: for release tag vX.Y.Z, lint and package every chart under $CHARTS_DIR whose
# version is X.Y.Z, publish them with the publisher (create-only uploads, compare-and-swap index,
# CloudFront invalidation waited for), then smoke-test through the public URL.
# Needs: helm on PATH; AWS credentials of the publisher role; CHART_BUCKET, CLOUDFRONT_DISTRIBUTION_ID.
# shellcheck source=scripts/ci/lib.sh
source "$(dirname "$0")/lib.sh"

tag="${1:?usage: release.sh TAG (e.g. v1.2.3)}"
[[ "$tag" =~ ^v([0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?)$ ]] || fail "tag '$tag' is not a release tag vMAJOR.MINOR.PATCH"
version="${BASH_REMATCH[1]}"
: "${CHART_BUCKET:?CHART_BUCKET is not set: set the repository variable CHART_BUCKET (docs/operations.md)}"
: "${CLOUDFRONT_DISTRIBUTION_ID:?CLOUDFRONT_DISTRIBUTION_ID is not set: set the repository variable of that name}"
CHARTS_DIR="${CHARTS_DIR:-charts}"
CHART_REPOSITORY_URL="${CHART_REPOSITORY_URL:-https://charts.kube9.io}"

packages="$KUBE9_WORK_DIR/packages"
rm -rf "$packages" && mkdir -p "$packages"
released=()
for chart_yaml in "$CHARTS_DIR"/*/Chart.yaml; do
  [ -f "$chart_yaml" ] || fail "no charts found under $CHARTS_DIR/*/Chart.yaml"
  chart_dir="$(dirname "$chart_yaml")"
  chart_version="$(helm show chart "$chart_dir" | sed -n 's/^version: *//p' | tr -d '"'"'")"
  name="$(helm show chart "$chart_dir" | sed -n 's/^name: *//p' | tr -d '"'"'")"
  if [ "$chart_version" != "$version" ]; then
    log "skipping $name: its version $chart_version is not the tag's $version"
    continue
  fi
  helm lint --strict "$chart_dir"
  helm package "$chart_dir" --destination "$packages"
  released+=("$name")
done
[ "${#released[@]}" -gt 0 ] || fail "no chart under $CHARTS_DIR has version $version (tag $tag): bump Chart.yaml version first"

build_cli
kube9_charts publish --bucket "$CHART_BUCKET" --distribution-id "$CLOUDFRONT_DISTRIBUTION_ID" --wait \
  --repo-url "$CHART_REPOSITORY_URL" "$packages"/*.tgz

scripts/ci/smoke-test.sh "$CHART_REPOSITORY_URL" "$version" "${released[@]}"

{
  echo "## Released $tag"
  echo
  echo "| Chart | Version | Install |"
  echo "|---|---|---|"
  for name in "${released[@]}"; do
    echo "| $name | $version | \`helm repo add kube9 $CHART_REPOSITORY_URL && helm install $name kube9/$name --version $version\` |"
  done
} | summary
