#!/usr/bin/env bash
# A Spark standalone cluster on this machine, loopback only: one master and two workers (1 core,
# 1 GiB each), from the pyspark wheel that scripts/spark/install.sh installs.
#
#   scripts/spark/cluster.sh start    # starts it (or finds it running); prints the master URL on stdout
#   scripts/spark/cluster.sh status   # prints the master URL and the alive workers; exit 1 if not running
#   scripts/spark/cluster.sh stop     # stops every process `start` started
#
# The pyspark wheel ships no sbin/start-master.sh or sbin/start-worker.sh (only spark-daemon.sh),
# so the daemons run as `bin/spark-class ...Master|Worker` in the background, each in its own
# process group (its executors included), with pid files in the state folder.
#
# Environment: LEADSCORE_SPARK_STATE (state folder: pid files, logs, work dirs; default
# ${TMPDIR:-/tmp}/leadscore-spark-<uid>), LEADSCORE_SPARK_MASTER_PORT (default 7077, or a free
# port when taken), LEADSCORE_SPARK_WORKER_MEMORY (default 1g), LEADSCORE_SPARK_START_TIMEOUT
# (seconds, default 120).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
state=${LEADSCORE_SPARK_STATE:-${TMPDIR:-/tmp}/leadscore-spark-$(id -u)}
logs=$state/logs
workers=2

say() { echo "cluster.sh: $*" >&2; }
die() { say "$*"; exit 1; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

locate_spark() {
  local printed
  printed=$("$root/scripts/spark/install.sh" --print) || exit 1
  PYTHON=$(printf '%s\n' "$printed" | sed -n 's/^PYTHON=//p')
  SPARK_HOME=$(printf '%s\n' "$printed" | sed -n 's/^SPARK_HOME=//p')
  export SPARK_HOME
  command -v java >/dev/null 2>&1 || [ -n "${JAVA_HOME:-}" ] || die "java not found: Spark needs Java 17 (or 8/11)"
}

# A free loopback port: the preferred one when it is free, else one the kernel picks.
free_port() {
  "$PYTHON" - "$1" <<'EOF'
import socket, sys
preferred = int(sys.argv[1])
for port in (preferred, 0):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
        print(s.getsockname()[1])
        break
    except OSError:
        pass
    finally:
        s.close()
EOF
}

# The master's JSON (its web UI's /json/): "<alive workers> <master url>", or nothing when it does not answer.
master_json() {
  "$PYTHON" - "$1" <<'EOF' 2>/dev/null || true
import json, sys, urllib.request
try:
    with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/json/", timeout=2) as r:
        doc = json.load(r)
    alive = doc.get("aliveworkers")
    if alive is None:
        alive = sum(1 for w in doc.get("workers", []) if w.get("state") == "ALIVE")
    print(alive, doc.get("url", ""))
except Exception:
    pass
EOF
}

# Starts one daemon in the background, in its own process group when setsid exists.
launch() {
  local name=$1
  shift
  local group=()
  command -v setsid >/dev/null 2>&1 && group=(setsid)
  nohup "${group[@]}" "$SPARK_HOME/bin/spark-class" "$@" </dev/null >"$logs/$name.log" 2>&1 &
  echo $! >"$state/$name.pid"
}

stop_pidfile() {
  local file=$1 pid i
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    # The process group first (the daemon and the executors it started), then the daemon alone.
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$file"
}

stop_all() {
  local n
  for n in $(seq "$workers" -1 1); do stop_pidfile "$state/worker$n.pid"; done
  stop_pidfile "$state/master.pid"
  rm -f "$state/cluster.env"
}

start() {
  locate_spark
  if alive "$state/master.pid" && [ -f "$state/cluster.env" ]; then
    # shellcheck disable=SC1091
    . "$state/cluster.env"
    say "already running (logs in $logs)"
    echo "$MASTER_URL"
    return 0
  fi
  stop_all
  mkdir -p "$logs"
  local started=$SECONDS port ui n url count
  export SPARK_MASTER_HOST=127.0.0.1 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOG_DIR=$logs SPARK_PID_DIR=$state
  export SPARK_DAEMON_MEMORY=${SPARK_DAEMON_MEMORY:-512m}
  # The daemons mostly wait; the C1 compiler alone starts them sooner.
  export SPARK_DAEMON_JAVA_OPTS=${SPARK_DAEMON_JAVA_OPTS:--XX:TieredStopAtLevel=1}
  export PYSPARK_PYTHON=$PYTHON
  port=$(free_port "${LEADSCORE_SPARK_MASTER_PORT:-7077}")
  ui=$(free_port 8080)
  url=spark://127.0.0.1:$port
  launch master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port "$ui"
  for n in $(seq 1 "$workers"); do
    mkdir -p "$state/work$n"
    launch "worker$n" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 \
      --memory "${LEADSCORE_SPARK_WORKER_MEMORY:-1g}" --webui-port "$(free_port 0)" --work-dir "$state/work$n" "$url"
  done
  {
    echo "MASTER_URL=$url"
    echo "MASTER_UI=http://127.0.0.1:$ui"
    echo "UI_PORT=$ui"
  } >"$state/cluster.env"

  local deadline=$((SECONDS + ${LEADSCORE_SPARK_START_TIMEOUT:-120}))
  while :; do
    for n in master $(seq -f 'worker%g' 1 "$workers"); do
      if ! alive "$state/$n.pid"; then
        say "the $n exited while starting; the end of $logs/$n.log:"
        tail -n 20 "$logs/$n.log" >&2 || true
        stop_all
        exit 1
      fi
    done
    read -r count _ <<<"$(master_json "$ui") " || true
    if [ "${count:-0}" -ge "$workers" ] 2>/dev/null; then break; fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "the workers did not register within ${LEADSCORE_SPARK_START_TIMEOUT:-120} s (logs in $logs)"
      stop_all
      exit 1
    fi
    sleep 0.5
  done
  say "master $url with $workers workers (1 core each), web UI http://127.0.0.1:$ui, started in $((SECONDS - started)) s; logs in $logs"
  echo "$url"
}

status() {
  locate_spark
  if ! alive "$state/master.pid" || [ ! -f "$state/cluster.env" ]; then
    say "not running"
    return 1
  fi
  # shellcheck disable=SC1091
  . "$state/cluster.env"
  local count=0 n
  read -r count _ <<<"$(master_json "$UI_PORT") " || true
  for n in $(seq 1 "$workers"); do
    alive "$state/worker$n.pid" || say "worker$n is not running"
  done
  say "running: master $MASTER_URL, ${count:-0} alive worker(s), web UI $MASTER_UI, logs in $logs"
  echo "$MASTER_URL"
}

case "${1:-}" in
  start) start ;;
  stop)
    stop_all
    say "stopped (logs kept in $logs)"
    ;;
  status) status ;;
  *)
    echo "usage: scripts/spark/cluster.sh start|stop|status" >&2
    exit 1
    ;;
esac
