#!/usr/bin/env bash
# Builds the images the Docker tests and the compose demo use, FROM scratch out of host files
# (no registry is needed): faultline-test/node:latest, faultline-demo/shop:latest and the default
# stressor image faultline/stressor:<version>. Idempotent: an image whose inputs have not changed
# (fingerprint in its `faultline.inputs` label) is not rebuilt, so a second run takes a second.
# Needs: a Docker engine, node on PATH, and (for the stressor) the repo's node_modules.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=node-rootfs.sh
. "$here/node-rootfs.sh"
export DOCKER_BUILDKIT=0

current_inputs() { docker image inspect -f '{{index .Config.Labels "faultline.inputs"}}' "$1" 2>/dev/null || true; }

# build_image TAG DOCKERFILE_DIR EXTRA_FILE... (each "src:dest-in-image")
build_image() {
  local tag=$1 dir=$2 inputs ctx
  shift 2
  inputs=$( { node_inputs; cat "$dir/Dockerfile"; for spec in "$@"; do cat "${spec%%:*}"; done; } | sha256sum | cut -c1-16)
  if [ "$(current_inputs "$tag")" = "$inputs" ]; then echo "$tag is up to date"; return; fi
  ctx=$(mktemp -d)
  trap 'rm -rf "$ctx"' RETURN
  node_rootfs "$ctx/rootfs"
  for spec in "$@"; do
    mkdir -p "$(dirname "$ctx/rootfs/${spec#*:}")"
    cp "${spec%%:*}" "$ctx/rootfs/${spec#*:}"
  done
  cp "$dir/Dockerfile" "$ctx/Dockerfile"
  if ! docker build -q --label "faultline.inputs=$inputs" -t "$tag" "$ctx" >"$ctx.log" 2>&1; then
    cat "$ctx.log" >&2
    rm -f "$ctx.log"
    return 1
  fi
  rm -f "$ctx.log"
  echo "built $tag"
}

build_image faultline-test/node:latest "$here/node" \
  "$here/node/server.mjs:server.mjs" "$here/node/healthcheck.mjs:healthcheck.mjs"
build_image faultline-demo/shop:latest "$here/shop" \
  "$here/node/healthcheck.mjs:healthcheck.mjs" \
  "$repo/demo/shop.mjs:app/shop.mjs" "$repo/demo/inventory.mjs:app/inventory.mjs" "$repo/demo/balancer.mjs:app/balancer.mjs"
(cd "$repo" && node --import tsx test/images/build-stressor.ts)
