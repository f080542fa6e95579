#!/usr/bin/env bash
# The publisher publish-charts.yml runs, chosen by the ref its caller called it at (docs/releases.md):
#   a release tag (@v1.2.3) or a major tag (@v1, read as the release tag at the same commit): the jar released with
#     that tag, downloaded with gh release download, checked against its sha256 and against its build-provenance
#     attestation (built by release.yml of this repository from this very commit); nothing is built
#   a branch (@main) or a commit SHA: nothing to do here; publish-charts.sh builds the jar from this checkout
# Settings come from the environment:
#   WORKFLOW_REPOSITORY   OWNER/REPO of the called workflow (from the OIDC job_workflow_ref claim)
#   WORKFLOW_REF          the ref it was called at: refs/tags/v1, refs/tags/v1.2.3, refs/heads/main or a commit SHA
#   WORKFLOW_SHA          its commit (job_workflow_sha)
#   GH_TOKEN              for gh
#   KUBE9_CHARTS_GIT_URL  where the major tag's release is looked up (default https://github.com/OWNER/REPO.git; tests)
# Writes the step outputs source (release or build) and release (the release tag, or empty); a released jar is put
# where publish-charts.sh looks for the publisher (lib.sh's CLI_JAR), so it builds nothing.
# shellcheck source=scripts/ci/lib.sh
source "$(dirname "$0")/lib.sh"

JAR_NAME="kube9-charts-cli.jar"

output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then printf '%s\n' "$@" >> "$GITHUB_OUTPUT"; fi
}

# The newest release tag vMAJOR.x.y of the repository at WORKFLOW_SHA (annotated tags count at their commit).
release_at_major_tag() {
  local major="$1" url="${KUBE9_CHARTS_GIT_URL:-https://github.com/$WORKFLOW_REPOSITORY.git}" tags
  tags="$(git ls-remote --tags "$url" "refs/tags/$major.*")" || fail "could not list the tags of $url"
  awk -v sha="$WORKFLOW_SHA" '$1 == sha { tag = $2; sub(/^refs\/tags\//, "", tag); sub(/\^\{\}$/, "", tag); print tag }' \
    <<<"$tags" | grep -E "^$major\.[0-9]+\.[0-9]+$" | sort -V | tail -n 1 || true
}

main() {
  : "${WORKFLOW_REPOSITORY:?WORKFLOW_REPOSITORY is not set: OWNER/REPO of publish-charts.yml (job_workflow_ref)}"
  : "${WORKFLOW_REF:?WORKFLOW_REF is not set: the ref publish-charts.yml was called at (job_workflow_ref after @)}"
  : "${WORKFLOW_SHA:?WORKFLOW_SHA is not set: the commit publish-charts.yml runs at (job_workflow_sha)}"
  if [[ "$WORKFLOW_REF" != refs/tags/* ]]; then
    log "publish-charts.yml is called at $WORKFLOW_REF: the publisher is built from this checkout"
    output source=build release=
    return
  fi
  local tag="${WORKFLOW_REF#refs/tags/}" release
  if [[ "$tag" =~ ^v[0-9]+$ ]]; then
    release="$(release_at_major_tag "$tag")"
    [ -n "$release" ] || fail "publish-charts.yml is called at $tag, which is at $WORKFLOW_SHA, but no release tag" \
      "$tag.x.y of $WORKFLOW_REPOSITORY is at that commit: the release workflow moves $tag only after releasing;" \
      "call publish-charts.yml at a release tag (e.g. @$tag.0.0) or at @main"
  elif [[ "$tag" =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
    release="$tag"
  else
    fail "publish-charts.yml is called at the tag $tag, which is neither a release tag (v1.2.3) nor a major tag (v1):" \
      "call it at @v1, at a release tag, or at @main"
  fi

  local dir
  dir="$(mktemp -d "${RUNNER_TEMP:-/tmp}/kube9-charts-publisher.XXXXXX")"
  gh release download "$release" --repo "$WORKFLOW_REPOSITORY" --pattern "$JAR_NAME" --pattern "$JAR_NAME.sha256" \
    --dir "$dir" || fail "could not download $JAR_NAME of the release $release of $WORKFLOW_REPOSITORY"
  grep -qE "^[0-9a-f]{64}  $JAR_NAME\$" "$dir/$JAR_NAME.sha256" \
    || fail "$JAR_NAME.sha256 of the release $release is not one line 'SHA256  $JAR_NAME': the jar is not used"
  (cd "$dir" && sha256sum --quiet -c "$JAR_NAME.sha256") \
    || fail "$JAR_NAME of the release $release does not match its sha256: the jar is not used"
  # Built by this repository's release workflow from the very commit this workflow runs at, or not used.
  gh attestation verify "$dir/$JAR_NAME" --repo "$WORKFLOW_REPOSITORY" \
    --signer-workflow "$WORKFLOW_REPOSITORY/.github/workflows/release.yml" --source-digest "$WORKFLOW_SHA" \
    || fail "the build provenance of $JAR_NAME of the release $release does not check out (built by release.yml of" \
      "$WORKFLOW_REPOSITORY at $WORKFLOW_SHA): the jar is not used"
  mkdir -p "$(dirname "$CLI_JAR")"
  mv "$dir/$JAR_NAME" "$CLI_JAR"
  log "the publisher is $JAR_NAME of the release $release, sha256 $(cut -d' ' -f1 "$dir/$JAR_NAME.sha256")"
  rm -rf "$dir"
  output source=release "release=$release"
}

main "$@"
