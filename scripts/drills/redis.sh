#!/usr/bin/env bash
# Drill: stop Redis while the site is serving; the site must keep serving (make drill-redis).
#
# Starts the demo site under gunicorn with production settings and REDIS_URL, sends steady
# traffic with scripts/drills/probe.py, stops the local Redis for REDIS_OUTAGE seconds and starts
# it again. Passes when every request during the drill was answered 200. Redis is always started
# again, even when the drill fails or is interrupted.
set -euo pipefail
cd "$(dirname "$0")/../.."
WORKDIR=${DRILL_DIR:-tmp/drill-redis}
PORT=${DRILL_PORT:-8103}
OUTAGE=${REDIS_OUTAGE:-5}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
REDIS_START=(redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no
    --dir /var/lib/redis --logfile /var/log/redis/ci.log)
source scripts/lib.sh

redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]; }
start_redis() {
    if ! redis_up; then
        "${REDIS_START[@]}"
        for _ in $(seq 1 100); do redis_up && break; sleep 0.1; done
        redis_up && log "Redis is running again" || log "WARNING: Redis did not come back"
    fi
}
cleanup() {
    start_redis
    stop_server
}
trap cleanup EXIT
trap 'exit 130' INT TERM

redis_up || { log "Redis is not running on 127.0.0.1:6379; nothing to drill."; exit 1; }
rm -f "$WORKDIR/events" "$WORKDIR/probe.out"
prepare_site
start_server
warm_up
event() { echo "$(date +%s.%N) $*" >>"$WORKDIR/events"; log "$*"; }

SECONDS_TOTAL=$((OUTAGE + 20))
"$PYTHON" scripts/drills/probe.py --base "http://127.0.0.1:$PORT" --seconds "$SECONDS_TOTAL" \
    --events "$WORKDIR/events" >"$WORKDIR/probe.out" &
PROBE_PID=$!
sleep 5
event "Redis stopped (redis-cli shutdown nosave)"
redis-cli -h 127.0.0.1 -p 6379 shutdown nosave >/dev/null 2>&1 || true
for _ in $(seq 1 50); do redis_up || break; sleep 0.1; done
HEALTH_DOWN=$(curl -s "http://127.0.0.1:$PORT/healthz")
event "healthz while Redis is down: $HEALTH_DOWN"
sleep "$OUTAGE"
start_redis
event "Redis started"
# Each gunicorn worker tries Redis again REDIS_RETRY_AFTER (5) seconds after its last failure:
# wait until several answers in a row (from any worker) say "ok".
ok_in_a_row=0
for _ in $(seq 1 150); do
    if curl -s "http://127.0.0.1:$PORT/healthz" | grep -q '"status": "ok"'; then
        ok_in_a_row=$((ok_in_a_row + 1))
    else
        ok_in_a_row=0
    fi
    [ "$ok_in_a_row" -ge 10 ] && break
    sleep 0.1
done
event "healthz: $(curl -s "http://127.0.0.1:$PORT/healthz") ($ok_in_a_row answers in a row said ok)"
wait "$PROBE_PID"
cat "$WORKDIR/probe.out"
SUMMARY=$(grep '^SUMMARY ' "$WORKDIR/probe.out" | cut -d' ' -f2-)
NOT_OK=$("$PYTHON" -c 'import json,sys; print(json.loads(sys.argv[1])["not_ok"])' "$SUMMARY")
if [ "$NOT_OK" -ne 0 ]; then
    log "FAILED: $NOT_OK requests were not answered 200 while Redis was down"
    exit 1
fi
log "PASSED: the site kept serving with Redis stopped for ${OUTAGE} s"
