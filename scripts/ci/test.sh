#!/usr/bin/env bash
# ci.yml's test job: the README test command (scripts/test). On a GitHub runner there is no local
# hashicorp/aws mirror as on the development image, so one is made first with `terraform providers mirror`
# (same provider version as the image: 5.100.0).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ -z "${KUBE9_TF_MIRROR:-}" ]; then
  export KUBE9_TF_MIRROR="${RUNNER_TEMP:-/tmp}/terraform-provider-mirror"
  if [ ! -d "$KUBE9_TF_MIRROR/registry.terraform.io/hashicorp/aws" ]; then
    spec="$(mktemp -d)"
    cat > "$spec/versions.tf" <<'TF'
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}
TF
    terraform -chdir="$spec" providers mirror -platform=linux_amd64 "$KUBE9_TF_MIRROR"
  fi
fi
exec scripts/test
