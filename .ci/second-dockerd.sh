#!/usr/bin/env bash
# A second Docker engine on this machine, for the tests that span two engines (test/docker):
#   second-dockerd.sh start DIR   starts dockerd with everything of its own under DIR (socket
#                                 DIR/docker.sock, data root, exec root, pidfile; no bridge, no
#                                 iptables), waits until it answers (at most 60 s), loads the
#                                 given images into it from the main engine, and prints the socket.
#   second-dockerd.sh restart DIR stops that dockerd by its PID and starts it again on the same
#                                 folders (its containers and images stay), waiting as start does.
#   second-dockerd.sh stop DIR    stops that dockerd by the PID in DIR/docker.pid and removes DIR.
# Needs root (as the main engine does). Never touches the main engine beyond `docker save`.
set -euo pipefail
cmd=${1:?usage: second-dockerd.sh start|restart|stop DIR [IMAGE...]}
dir=${2:?usage: second-dockerd.sh start|restart|stop DIR [IMAGE...]}
shift 2
sock="$dir/docker.sock"

stop_daemon() {
  if [ -f "$dir/docker.pid" ]; then
    pid=$(cat "$dir/docker.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
}

start_daemon() {
  mkdir -p "$dir/data" "$dir/exec"
  setsid dockerd \
    --host "unix://$sock" \
    --data-root "$dir/data" \
    --exec-root "$dir/exec" \
    --pidfile "$dir/docker.pid" \
    --bridge=none --iptables=false --ip6tables=false --ip-masq=false \
    --exec-opt native.cgroupdriver=cgroupfs \
    >>"$dir/dockerd.log" 2>&1 </dev/null &
  for _ in $(seq 60); do
    docker -H "unix://$sock" info >/dev/null 2>&1 && break
    sleep 1
  done
  if ! docker -H "unix://$sock" info >/dev/null 2>&1; then
    echo "second-dockerd: no answer on $sock within 60 s; last lines of $dir/dockerd.log:" >&2
    tail -n 20 "$dir/dockerd.log" >&2 || true
    exit 1
  fi
}

case "$cmd" in
  start)
    start_daemon
    if [ "$#" -gt 0 ]; then docker save "$@" | docker -H "unix://$sock" load >/dev/null; fi
    echo "unix://$sock"
    ;;
  restart)
    stop_daemon
    start_daemon
    echo "unix://$sock"
    ;;
  stop)
    stop_daemon
    # containers' mounts under the data root must go before the folder can
    grep -o " $dir/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: second-dockerd.sh start|restart|stop DIR [IMAGE...]" >&2
    exit 2
    ;;
esac
