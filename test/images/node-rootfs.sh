#!/usr/bin/env bash
# Sourced by build.sh. node_rootfs DIR: copies the host's node binary to DIR/node, with every
# shared library `ldd` lists and the dynamic loader at their host paths, so that an image built
# FROM scratch out of DIR can run `/node`. Symlinks are followed (the image holds real files).
node_rootfs() {
  local dir=$1 node lib
  node=$(command -v node) || { echo "node is not on PATH" >&2; return 1; }
  mkdir -p "$dir/tmp"
  chmod 1777 "$dir/tmp"
  cp -L "$node" "$dir/node"
  for lib in $(ldd "$node" | grep -oE '/[^ ]+' ); do
    cp -L --parents "$lib" "$dir"
  done
}

# node_inputs: a short fingerprint of the node binary and its libraries (for image labels).
node_inputs() {
  local node
  node=$(command -v node)
  { node --version; ldd "$node" | sed -E 's/ \(0x[0-9a-f]+\)//'; stat -Lc '%s %Y' "$node"; } | sha256sum | cut -c1-16
}
