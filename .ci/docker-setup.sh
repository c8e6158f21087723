#!/usr/bin/env bash
# Makes a Docker engine answer and builds the test images, for the Docker tests (test/docker).
# Idempotent: does nothing but check when an engine already answers and the images are current.
#   1. no engine answers → install Debian's docker.io when dockerd is missing (apt-get, as root),
#      start dockerd in the background (log: /tmp/dockerd.log), wait for it (at most 60 s);
#   2. build the test images FROM scratch from host files (test/images/build.sh; no registry).
# Works on a fresh Debian bookworm as root (CI=true). Exit status non-zero when either step fails.
set -euo pipefail
cd "$(dirname "$0")/.."
WAIT_SECONDS=${DOCKER_WAIT_SECONDS:-60}

engine_answers() { docker info >/dev/null 2>&1; }

if ! engine_answers; then
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
    echo "docker-setup: installing docker.io"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq docker.io >/dev/null
  fi
  if ! engine_answers; then
    # A dockerd that is still starting owns the pid file; one left by a dead dockerd blocks a new one.
    if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then rm -f /var/run/docker.pid; fi
    if [ ! -f /var/run/docker.pid ]; then
      echo "docker-setup: starting dockerd (log: /tmp/dockerd.log)"
      setsid nohup dockerd >/tmp/dockerd.log 2>&1 < /dev/null &
    fi
    for _ in $(seq "$WAIT_SECONDS"); do
      engine_answers && break
      sleep 1
    done
    if ! engine_answers; then
      echo "docker-setup: the engine did not answer within ${WAIT_SECONDS} s; last lines of /tmp/dockerd.log:" >&2
      tail -n 20 /tmp/dockerd.log >&2 || true
      exit 1
    fi
  fi
fi
echo "docker-setup: engine $(docker version --format '{{.Server.Version}}'), cgroup $(docker info --format '{{.CgroupVersion}} ({{.CgroupDriver}})')"
bash test/images/build.sh
