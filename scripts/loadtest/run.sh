#!/usr/bin/env bash
# make loadtest: the demo site under gunicorn with production settings on loopback, driven by
# locust for a fixed time; prints throughput, p50/p95/p99 and errors, and fails on any error.
#
#   LOADTEST_DURATION=60s LOADTEST_USERS=20 LOADTEST_PORT=8102 make loadtest
#   LOADTEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ryhmahaku_loadtest \
#       LOADTEST_REDIS_URL=redis://127.0.0.1:6379/0 scripts/loadtest/run.sh [--yes]
#
# The load test has a database of its own: LOADTEST_DATABASE_URL, by default a SQLite file in
# LOADTEST_DIR. It migrates that database and loads the demo data into it, and refuses a database
# that has other content (--yes: load it anyway). DATABASE_URL and REDIS_URL are not used.
set -euo pipefail
cd "$(dirname "$0")/../.."
WORKDIR=${LOADTEST_DIR:-tmp/loadtest}
PORT=${LOADTEST_PORT:-8102}
DURATION=${LOADTEST_DURATION:-60s}
USERS=${LOADTEST_USERS:-20}
SPAWN_RATE=${LOADTEST_SPAWN_RATE:-10}
SITE_DATABASE_URL=${LOADTEST_DATABASE_URL:-}
SITE_REDIS_URL=${LOADTEST_REDIS_URL:-}
for argument in "$@"; do
    case "$argument" in
        --yes) ASSUME_YES=1 ;;
        *) echo "Usage: $0 [--yes]" >&2; exit 2 ;;
    esac
done
if [ -n "${DATABASE_URL:-}" ]; then
    echo "Note: DATABASE_URL is not used; the load test's database is LOADTEST_DATABASE_URL (default: SQLite in its folder)."
fi
if [ -n "${REDIS_URL:-}" ]; then
    echo "Note: REDIS_URL is not used; the load test's Redis is LOADTEST_REDIS_URL (default: none, a cache in files)."
fi
source scripts/lib.sh

trap stop_server EXIT
mkdir -p "$WORKDIR"
rm -f "$WORKDIR"/locust_*.csv "$WORKDIR"/access.log
prepare_site
start_server
warm_up
# CPU time used by the gunicorn workers, in clock ticks: with the request count it gives the
# app's CPU cost per request, which (unlike latency) does not depend on what else the machine runs.
worker_cpu_ticks() {
    local total=0 pid
    for pid in $(pgrep -P "$SERVER_PID"); do
        total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
    done
    echo "$total"
}
CPU_BEFORE=$(worker_cpu_ticks)
log "Running locust: $USERS users for $DURATION"
set +e
.venv/bin/locust -f scripts/loadtest/locustfile.py --headless --only-summary \
    --host "http://127.0.0.1:$PORT" -u "$USERS" -r "$SPAWN_RATE" -t "$DURATION" \
    --csv "$WORKDIR/locust" >"$WORKDIR/locust.log" 2>&1
locust_status=$?
set -e
CPU_AFTER=$(worker_cpu_ticks)
grep -E "^Load test:" "$WORKDIR/locust.log" || true
if [ ! -f "$WORKDIR/locust_stats.csv" ]; then
    tail -n 30 "$WORKDIR/locust.log"
    exit 1
fi
echo "Database: ${DATABASE_URL%%://*}, cache: $(cache_description), workers: ${WEB_CONCURRENCY:-$(( $(nproc) * 2 ))} x ${GUNICORN_THREADS:-4} threads"
set +e
.venv/bin/python scripts/loadtest/summary.py "$WORKDIR/locust" "$((CPU_AFTER - CPU_BEFORE))" "$(getconf CLK_TCK)"
summary_status=$?
set -e
echo "Load average during the run (other work on this machine slows it): $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$locust_status" -ne 0 ] || [ "$summary_status" -ne 0 ]; then
    log "Errors: see $WORKDIR/locust_failures.csv and $WORKDIR/server.log"
    exit 1
fi
