#!/usr/bin/env bash
# The logic of .github/workflows/release.yml, which runs on a pushed release tag vMAJOR.MINOR.PATCH (docs/releases.md).
#   release.sh build     build the CLI jar once; copy it and its sha256 (kube9-charts-cli.jar.sha256, sha256sum format)
#                        to $KUBE9_WORK_DIR/release and write the step outputs jar and checksum
#   release.sh notes     print the tag's release notes: its section of CHANGELOG.md at the tag, else the subjects of
#                        the commits since the previous release tag, grouped by their conventional-commit prefix
#   release.sh publish   create the GitHub release of the tag with the jar and its checksum (gh release create), then
#                        move the major tag (v1 for v1.4.2) to the release commit when this is the newest release of
#                        that major; a pre-release (v1.5.0-rc.1) is marked as such and moves nothing
# Settings come from the environment:
#   GITHUB_REF          refs/tags/vMAJOR.MINOR.PATCH[-PRERELEASE], set by GitHub Actions
#   GITHUB_REPOSITORY   OWNER/REPO, the repository the release is created in (gh --repo)
#   GH_TOKEN            for gh (the release, and the push of the major tag through gh's git credential helper)
# Needs: git with the history and tags (actions/checkout fetch-depth: 0) and a remote origin, gh, sha256sum, mvn (build).
# shellcheck source=scripts/ci/lib.sh
source "$(dirname "$0")/lib.sh"

RELEASE_DIR="$KUBE9_WORK_DIR/release"
JAR_NAME="kube9-charts-cli.jar"
SEMVER_TAG='^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$'

# The release tag named by GITHUB_REF, or a failure that says what a release tag looks like.
release_tag() {
  local ref="${GITHUB_REF:-}"
  [[ "$ref" == refs/tags/* ]] || fail "release.sh releases a tag, but this run is on '${ref:-no ref}': push a tag such as" \
    "v1.2.3 (docs/releases.md)"
  local tag="${ref#refs/tags/}"
  [[ "$tag" =~ $SEMVER_TAG ]] || fail "tag '$tag' is not a release tag vMAJOR.MINOR.PATCH (e.g. v1.2.3, or v1.3.0-rc.1 for" \
    "a pre-release); the workflow runs on tags v*.*.*"
  git rev-parse -q --verify "refs/tags/$tag" >/dev/null || fail "tag $tag is not in this checkout: check out with" \
    "fetch-depth: 0 so the tags and the history since the previous release are there"
  echo "$tag"
}

build() {
  local tag
  tag="$(release_tag)"
  # The jar says its release: kube9-charts --version prints "kube9-charts 1.2.3".
  KUBE9_RELEASE_VERSION="${tag#v}" build_cli
  mkdir -p "$RELEASE_DIR"
  cp "$CLI_JAR" "$RELEASE_DIR/$JAR_NAME"
  (cd "$RELEASE_DIR" && sha256sum "$JAR_NAME" > "$JAR_NAME.sha256")
  log "built $JAR_NAME: sha256 $(cut -d' ' -f1 "$RELEASE_DIR/$JAR_NAME.sha256")"
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    {
      echo "jar=$RELEASE_DIR/$JAR_NAME"
      echo "checksum=$RELEASE_DIR/$JAR_NAME.sha256"
    } >> "$GITHUB_OUTPUT"
  fi
}

# The body of the section "## [VERSION] ..." of CHANGELOG.md as committed at the tag (empty if there is none).
changelog_section() {
  local tag="$1"
  { git show "$tag:CHANGELOG.md" 2>/dev/null || true; } | awk -v heading="## [${tag#v}]" '
    /^## / { if (inside) exit; inside = (index($0, heading) == 1); next }
    /^\[[^]]+\]: / { if (inside) exit }
    inside { lines[++n] = $0 }
    END {
      first = 1; while (first <= n && lines[first] ~ /^[[:space:]]*$/) first++
      last = n; while (last >= first && lines[last] ~ /^[[:space:]]*$/) last--
      for (i = first; i <= last; i++) print lines[i]
    }'
}

# The latest release tag before $1 (pre-releases and the moving major tags left out), or nothing.
previous_release() {
  git tag --merged "$1^" --list 'v*' 2>/dev/null | grep -E '^v[0-9]+\.[0-9]+\.[0-9]+$' | sort -V | tail -n 1 || true
}

# The subjects of the commits since the previous release, by conventional-commit prefix (type(scope)!: subject).
commit_notes() {
  local tag="$1" previous range
  previous="$(previous_release "$tag")"
  range="$tag"
  if [ -n "$previous" ]; then range="$previous..$tag"; fi
  git log --no-merges --format=%s "$range" | awk -v previous="$previous" '
    function item(subject) {
      if (match(subject, /^[a-z]+\([^)]*\)!?: */)) {
        scope = substr(subject, index(subject, "(") + 1, index(subject, ")") - index(subject, "(") - 1)
        return "- **" scope ":** " substr(subject, RLENGTH + 1)
      }
      sub(/^[a-z]+!?: */, "", subject)
      return "- " subject
    }
    function section(title, items, count,    i) {
      if (count == 0) return
      print "### " title "\n"
      for (i = 1; i <= count; i++) print items[i]
      print ""
    }
    /^[a-z]+(\([^)]*\))?!: / { breaking[++nb] = item($0); next }
    /^feat(\([^)]*\))?: / { features[++nf] = item($0); next }
    /^fix(\([^)]*\))?: / { fixes[++nx] = item($0); next }
    /^chore\(release\)/ { next }
    { other[++no] = item($0) }
    END {
      print (previous == "" ? "Changes in this first release:" : "Changes since " previous ":") "\n"
      section("Breaking changes", breaking, nb)
      section("Features", features, nf)
      section("Fixes", fixes, nx)
      section("Other changes", other, no)
    }'
}

notes() {
  local tag section
  tag="$(release_tag)"
  section="$(changelog_section "$tag")"
  if [ -n "$section" ]; then
    printf '%s\n' "$section"
  else
    log "CHANGELOG.md has no section [${tag#v}] at $tag: the notes list the commits since the previous release"
    commit_notes "$tag"
  fi
  echo
  echo "The publisher CLI: \`$JAR_NAME\` (sha256 in \`$JAR_NAME.sha256\`). Check it with"
  echo "\`sha256sum -c $JAR_NAME.sha256\` and \`gh attestation verify $JAR_NAME --repo ${GITHUB_REPOSITORY:-OWNER/REPO}\`."
}

# Moves vMAJOR to the release commit, unless the tag is a pre-release or a newer release of that major exists.
move_major_tag() {
  local tag="$1" commit="$2" major newest
  major="${tag%%.*}"
  if [[ "$tag" == *-* ]]; then
    log "$tag is a pre-release: $major stays where it is"
    return
  fi
  newest="$(git tag --list "$major.*" | grep -E '^v[0-9]+\.[0-9]+\.[0-9]+$' | sort -V | tail -n 1)"
  if [ "$newest" != "$tag" ]; then
    log "$newest is a newer release of $major: $major stays where it is"
    return
  fi
  git tag --force "$major" "$commit" >/dev/null
  # gh is git's credential helper for github.com (GH_TOKEN): the checkout keeps no credentials.
  gh auth setup-git
  git push --force origin "refs/tags/$major"
  log "moved $major to $commit ($tag)"
}

publish() {
  : "${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is not set: OWNER/REPO of the release}"
  local tag commit
  tag="$(release_tag)"
  commit="$(git rev-parse "$tag^{commit}")"
  for file in "$JAR_NAME" "$JAR_NAME.sha256"; do
    [ -f "$RELEASE_DIR/$file" ] || fail "$RELEASE_DIR/$file is missing: run release.sh build first"
  done
  (cd "$RELEASE_DIR" && sha256sum --quiet -c "$JAR_NAME.sha256") || fail "$JAR_NAME does not match its checksum"
  notes > "$RELEASE_DIR/notes.md"
  if gh release view "$tag" --repo "$GITHUB_REPOSITORY" --json tagName >/dev/null 2>&1; then
    log "the release $tag exists already (a re-run): its assets stay as they are"
  else
    local args=(--repo "$GITHUB_REPOSITORY" --title "$tag" --notes-file "$RELEASE_DIR/notes.md" --verify-tag)
    if [[ "$tag" == *-* ]]; then args+=(--prerelease); fi
    gh release create "$tag" "$RELEASE_DIR/$JAR_NAME" "$RELEASE_DIR/$JAR_NAME.sha256" "${args[@]}"
  fi
  move_major_tag "$tag" "$commit"
  summary <<SUMMARY
## Release $tag

- commit \`$commit\`
- \`$JAR_NAME\` sha256 \`$(cut -d' ' -f1 "$RELEASE_DIR/$JAR_NAME.sha256")\`
SUMMARY
}

case "${1:-}" in
  build) build ;;
  notes) notes ;;
  publish) publish ;;
  *) echo "usage: release.sh build | notes | publish" >&2; exit 2 ;;
esac
