#!/usr/bin/env bash
# The logic of .github/workflows/publish-charts.yml, the reusable workflow chart repositories call on a release tag.
#   publish-charts.sh publish   lint and package the tag's charts (optionally signed), publish them with the
#                               publisher (packages create-only, OCI push, index compare-and-swap, CloudFront
#                               invalidation waited for), smoke-test through the public URL, write the step outputs
#   publish-charts.sh summary   the job summary of the last publish (with the attestation link, if any)
# Settings come from the environment (the workflow maps its inputs there; nothing is expanded into shell code):
#   SOURCE_DIR                  the chart repository's checkout (chart directories are relative to it)
#   GITHUB_REF                  refs/tags/<TAG_PREFIX><version>, set by GitHub Actions
#   CHARTS                      chart directories, separated by spaces or new lines (default: every charts/*/
#                               whose Chart.yaml version is the tag's version); each must have that version
#   TAG_PREFIX                  what precedes the version in the tag (default v)
#   CHART_REPOSITORY_URL, CHART_BUCKET, CLOUDFRONT_DISTRIBUTION_ID   the repository
#   OCI_REPOSITORY              oci://HOST/PATH to push to as well (optional)
#   OCI_LOGIN_WITH_GITHUB_TOKEN true: log in to OCI_REPOSITORY's host as GITHUB_ACTOR with GITHUB_TOKEN (ghcr.io)
#   SIGN                        true: `helm package --sign` with SIGNING_KEY (ASCII-armored private key) and
#                               SIGNING_KEY_PASSPHRASE (optional)
#   S3_ENDPOINT, CLOUDFRONT_ENDPOINT, OCI_PLAIN_HTTP   S3-compatible storage, a CloudFront stand-in and a registry
#                               without TLS instead of AWS (local previews, tests); never set by the workflow
# Needs: helm, java, jq, gpg (when signing) on PATH; AWS credentials of the publisher role (the standard chain).
# shellcheck source=scripts/ci/lib.sh
source "$(dirname "$0")/lib.sh"

REPORT="$KUBE9_WORK_DIR/publish-report.json"
CONTEXT="$KUBE9_WORK_DIR/publish-context.json"
SUBJECTS="$KUBE9_WORK_DIR/attestation-subjects.txt"

# The value of a top-level field of a chart's Chart.yaml, as Helm reads it.
chart_field() {
  helm show chart "$1" | sed -n "s/^$2: *//p" | tr -d '"'"'"
}

# The release version named by GITHUB_REF, or a failure that says how to run the workflow instead.
tag_version() {
  local ref="${GITHUB_REF:-}" prefix="${TAG_PREFIX:-v}"
  [[ "$ref" == refs/tags/* ]] || fail "publish-charts.yml publishes a release tag, but this run is on '${ref:-no ref}'." \
    "The publisher role trusts only the repository's release tags (OIDC sub repo:OWNER/REPO:ref:refs/tags/...):" \
    "run the caller on a published release or a tag push, or dispatch it on the tag (gh workflow run WORKFLOW --ref TAG)"
  local tag="${ref#refs/tags/}"
  [[ "$tag" == "$prefix"* ]] || fail "tag '$tag' does not start with the tag-prefix '$prefix': set the input tag-prefix" \
    "to what precedes the version in your release tags"
  local version="${tag#"$prefix"}"
  [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]] || fail "tag '$tag' does not end in a SemVer version" \
    "(after the tag-prefix '$prefix' comes '$version'; expected e.g. ${prefix}1.2.3)"
  echo "$version"
}

# Chart directories to release: the given ones (each with the tag's version), or every charts/*/ with it.
select_charts() {
  local version="$1" dir chart_version words=()
  if [ -n "${CHARTS:-}" ] && [ -n "${CHARTS//[[:space:]]/}" ]; then
    # The words as given: an unquoted $CHARTS would expand a pattern against this checkout, not the caller's.
    read -r -d '' -a words <<<"$CHARTS" || true
    for dir in "${words[@]}"; do
      case "$dir" in
        *[\*\?\[]*) fail "charts: '$dir' is a pattern, and patterns are not expanded: list the chart directories" \
          "(e.g. charts/a charts/b), or leave charts empty to publish every charts/*/ with the tag's version" ;;
      esac
      [ -f "$SOURCE_DIR/$dir/Chart.yaml" ] || fail "charts: '$dir' has no Chart.yaml in $SOURCE_DIR (give chart directories" \
        "relative to the repository root, e.g. charts/my-chart)"
      chart_version="$(chart_field "$SOURCE_DIR/$dir" version)"
      [ "$chart_version" = "$version" ] || fail "charts: $dir/Chart.yaml has version '$chart_version', not the tag's" \
        "$version: bump version in $dir/Chart.yaml to $version, or leave $dir out of the input charts"
      echo "$dir"
    done
    return
  fi
  local found=0
  for chart_yaml in "$SOURCE_DIR"/charts/*/Chart.yaml; do
    [ -f "$chart_yaml" ] || fail "no chart found: $SOURCE_DIR/charts/*/Chart.yaml matches nothing (set the input charts" \
      "to your chart directories)"
    dir="charts/$(basename "$(dirname "$chart_yaml")")"
    chart_version="$(chart_field "$SOURCE_DIR/$dir" version)"
    if [ "$chart_version" = "$version" ]; then
      echo "$dir"
      found=1
    else
      log "skipping $dir: its version $chart_version is not the tag's $version"
    fi
  done
  [ "$found" = 1 ] || fail "no chart under charts/ has version $version: bump version in Chart.yaml to the tag's version"
}

# Sets sign_args for `helm package`: a private keyring made from SIGNING_KEY in $1 (never printed).
prepare_signing() {
  local dir="$1"
  case "${SIGNING_KEY:-}" in
    "-----BEGIN PGP PRIVATE KEY BLOCK-----"*) ;;
    "") fail "sign is true but the secret signing-key is empty: pass it from the caller (secrets: signing-key:" \
          "\${{ secrets.YOUR_SECRET }}), holding the output of gpg --export-secret-keys --armor KEY_ID" ;;
    *) fail "the secret signing-key is not an ASCII-armored private key (it must begin with" \
         "-----BEGIN PGP PRIVATE KEY BLOCK-----): store the output of gpg --export-secret-keys --armor KEY_ID" ;;
  esac
  printf '%s\n' "$SIGNING_KEY" > "$dir/key.asc"
  # Helm reads only binary (legacy secring) keyrings; the key's first user ID is the --key Helm looks for.
  gpg --batch --quiet --homedir "$dir" --dearmor < "$dir/key.asc" > "$dir/secring.gpg" \
    || fail "gpg could not read the secret signing-key; export it again with gpg --export-secret-keys --armor KEY_ID"
  local uid
  uid="$(gpg --batch --quiet --homedir "$dir" --with-colons --show-keys "$dir/key.asc" 2>/dev/null \
    | awk -F: '$1 == "uid" { print $10; exit }')"
  [ -n "$uid" ] || fail "the secret signing-key has no user ID; Helm signs with a key named by its user ID"
  sign_args=(--sign --key "$uid" --keyring "$dir/secring.gpg")
  if [ -n "${SIGNING_KEY_PASSPHRASE:-}" ]; then
    printf '%s\n' "$SIGNING_KEY_PASSPHRASE" > "$dir/passphrase"
    sign_args+=(--passphrase-file "$dir/passphrase")
  fi
  log "signing as '$uid'"
}

# Writes a registry credentials file for the OCI repository's host with the workflow token; prints its path.
registry_login() {
  [ -n "${OCI_REPOSITORY:-}" ] || fail "oci-login-with-github-token is true but oci-repository is empty"
  [ -n "${GITHUB_TOKEN:-}" ] || fail "oci-login-with-github-token is true but there is no workflow token (GITHUB_TOKEN)"
  local dir="$1" host="${OCI_REPOSITORY#oci://}"
  host="${host%%/*}"
  jq -n --arg host "$host" --arg auth "$(printf '%s:%s' "${GITHUB_ACTOR:?GITHUB_ACTOR is not set}" "$GITHUB_TOKEN" | base64 -w0)" \
    '{auths: {($host): {auth: $auth}}}' > "$dir/registry.json"
  log "logging in to $host as $GITHUB_ACTOR with the workflow token"
  echo "$dir/registry.json"
}

publish() {
  : "${SOURCE_DIR:?SOURCE_DIR is not set: the checkout of the chart repository}"
  : "${CHART_REPOSITORY_URL:?CHART_REPOSITORY_URL is not set: the repository URL (input repository-url)}"
  : "${CHART_BUCKET:?CHART_BUCKET is not set: the chart bucket (input bucket; stack output bucket_name)}"
  : "${CLOUDFRONT_DISTRIBUTION_ID:?CLOUDFRONT_DISTRIBUTION_ID is not set: input distribution-id (stack output distribution_id)}"
  local version packages dir
  version="$(tag_version)"
  # The signing key and registry credentials live here only while the script runs.
  SECRETS_DIR="$(mktemp -d "${RUNNER_TEMP:-/tmp}/kube9-charts-secrets.XXXXXX")"
  trap 'rm -rf "$SECRETS_DIR"' EXIT
  packages="$KUBE9_WORK_DIR/packages"
  rm -rf "$packages" "$REPORT" "$CONTEXT" "$SUBJECTS" && mkdir -p "$packages"

  local dirs=() names=()
  select_charts "$version" > "$KUBE9_WORK_DIR/charts.txt"
  mapfile -t dirs < "$KUBE9_WORK_DIR/charts.txt"
  sign_args=()
  if [ "${SIGN:-false}" = true ]; then
    prepare_signing "$SECRETS_DIR"
  fi
  for dir in "${dirs[@]}"; do
    helm lint --strict "$SOURCE_DIR/$dir"
    helm package "$SOURCE_DIR/$dir" --destination "$packages" "${sign_args[@]}"
    names+=("$(chart_field "$SOURCE_DIR/$dir" name)")
  done

  local publish_args=(--bucket "$CHART_BUCKET" --distribution-id "$CLOUDFRONT_DISTRIBUTION_ID" --wait
    --repo-url "$CHART_REPOSITORY_URL" --output json)
  if [ -n "${S3_ENDPOINT:-}" ]; then publish_args+=(--endpoint "$S3_ENDPOINT" --path-style); fi
  # A stand-in for CloudFront answers at once: no need to poll it at the real service's pace.
  if [ -n "${CLOUDFRONT_ENDPOINT:-}" ]; then
    publish_args+=(--cloudfront-endpoint "$CLOUDFRONT_ENDPOINT" --cloudfront-poll-interval PT0.1S)
  fi
  if [ -n "${OCI_REPOSITORY:-}" ]; then publish_args+=(--oci-repository "$OCI_REPOSITORY"); fi
  if [ "${OCI_PLAIN_HTTP:-false}" = true ]; then publish_args+=(--oci-plain-http); fi
  if [ "${OCI_LOGIN_WITH_GITHUB_TOKEN:-false}" = true ]; then
    local registry_config
    registry_config="$(registry_login "$SECRETS_DIR")"
    publish_args+=(--registry-config "$registry_config")
  fi
  build_cli
  kube9_charts publish "${publish_args[@]}" "$packages"/*.tgz > "$REPORT"

  scripts/ci/smoke-test.sh "$CHART_REPOSITORY_URL" "$version" "${names[@]}"

  # Attest what users download: packages whose bytes are the published ones (a re-packaged archive is not).
  : > "$SUBJECTS"
  local digest file
  for file in "$packages"/*.tgz; do
    digest="$(sha256sum "$file" | cut -d' ' -f1)"
    if jq -e --arg digest "$digest" 'any(.charts[]; .digest == $digest)' "$REPORT" >/dev/null; then
      echo "$digest  $(basename "$file")" >> "$SUBJECTS"
    fi
  done
  jq -n --arg tag "${GITHUB_REF#refs/tags/}" --arg url "$CHART_REPOSITORY_URL" --arg oci "${OCI_REPOSITORY:-}" \
    --arg source "${GITHUB_REPOSITORY:-}" --rawfile subjects "$SUBJECTS" \
    '{tag: $tag, repositoryUrl: $url, ociRepository: $oci, sourceRepository: $source,
      attested: [$subjects | splits("\n") | select(length > 0) | split("  ")[0]]}' > "$CONTEXT"
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    {
      echo "charts=$(jq -c '[.charts[] | {name, version, url, digest, status: .packageStatus, oci: (.oci // null)}]' "$REPORT")"
      echo "subjects=$SUBJECTS"
      if [ -s "$SUBJECTS" ]; then echo "attest=true"; else echo "attest=false"; fi
    } >> "$GITHUB_OUTPUT"
  fi
  log "published: $(jq -r '[.charts[] | "\(.name) \(.version) (\(.packageStatus))"] | join(", ")' "$REPORT")"
}

# One table row per package: what the publisher did with it, in words.
describe_charts() {
  jq -r --slurpfile context "$CONTEXT" '
    def package:
      if .packageStatus == "UPLOADED" then "published"
      elif .packageStatus == "ALREADY_PUBLISHED" then "already published (same bytes; nothing written)"
      elif .packageStatus == "ALREADY_PUBLISHED_REPACKAGED" then
        "already published: the offered archive (sha256 \(.offeredDigest)) differed only in packaging; the published one stays"
      else .packageStatus end;
    def provenance:
      if .provenanceStatus == null then "not signed"
      elif .provenanceStatus == "UPLOADED" then ".prov published"
      elif .provenanceStatus == "ALREADY_PUBLISHED" then ".prov already published"
      elif .provenanceStatus == "NOT_UPLOADED_SIGNS_REPACKAGED_BYTES" then
        ".prov not uploaded: it signs the re-packaged archive, not the published one"
      else .provenanceStatus end;
    def oci:
      if .ociStatus == null then "-"
      elif .ociStatus == "UPLOADED" then "pushed"
      elif .ociStatus == "ALREADY_PUBLISHED" then "already pushed (same digest)"
      else .ociStatus end;
    .charts[] | . as $chart
    | "| \(.name) | \(.version) | \(package) | \(oci) | \(provenance) | `sha256:\(.digest)` | "
      + (if any($context[0].attested[]; . == $chart.digest) then "yes" else "no: these bytes were not built by this run" end)
      + " |"
  ' "$REPORT"
}

write_summary() {
  [[ -f "$REPORT" && -f "$CONTEXT" ]] || fail "no publish report in $KUBE9_WORK_DIR: run publish-charts.sh publish first"
  local url oci tag source
  url="$(jq -r .repositoryUrl "$CONTEXT")"
  oci="$(jq -r .ociRepository "$CONTEXT")"
  tag="$(jq -r .tag "$CONTEXT")"
  source="$(jq -r .sourceRepository "$CONTEXT")"
  {
    echo "## Charts of $tag"
    echo
    echo "| Chart | Version | $url | OCI | Provenance | Digest | Attested |"
    echo "|---|---|---|---|---|---|---|"
    describe_charts
    echo
    echo "Install:"
    echo
    echo '```sh'
    echo "helm repo add kube9 $url && helm repo update kube9"
    jq -r --arg oci "$oci" '.charts[] | "helm install \(.name) kube9/\(.name) --version \(.version)",
      (select($oci != "") | "helm install \(.name) \($oci)/\(.name) --version \(.version)")' "$REPORT"
    echo '```'
    if [ -n "${ATTESTATION_URL:-}" ]; then
      echo
      echo "Build provenance: [attestation]($ATTESTATION_URL). Check a downloaded package with"
      echo "\`gh attestation verify PACKAGE.tgz --repo ${source:-OWNER/REPO}\`."
    fi
  } | summary
}

case "${1:-}" in
  publish) publish ;;
  summary) write_summary ;;
  *) echo "usage: publish-charts.sh publish | summary" >&2; exit 2 ;;
esac
