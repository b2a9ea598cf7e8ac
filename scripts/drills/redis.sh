#!/usr/bin/env bash
# Drill: stop Redis while the site is serving; the site must keep serving (make drill-redis).
#
#   DRILL_REDIS_URL=redis://127.0.0.1:6391/0 scripts/drills/redis.sh [--yes]
#
# Starts the demo site under gunicorn with production settings, its cache in the Redis that
# DRILL_REDIS_URL names (default redis://127.0.0.1:6379/0; it must be on this machine), sends
# steady traffic with scripts/drills/probe.py (public pages, and an admin page as a signed-in
# editor), stops that Redis for REDIS_OUTAGE seconds and starts it again the way it was started
# (its configuration file, or the options it reports; REDIS_START_COMMAND overrides, e.g.
# "systemctl start redis-server"). Passes when every request during the drill was answered 200.
# Redis is always started again, even when the drill fails or is interrupted.
#
# Stopping a Redis stops it for everything that uses it: do not point this at a shared one.
# The site's database is DRILL_DATABASE_URL (default: SQLite in DRILL_DIR); --yes loads the demo
# data into it even when it has other content. DATABASE_URL and REDIS_URL are not used.
set -euo pipefail
cd "$(dirname "$0")/../.."
WORKDIR=${DRILL_DIR:-tmp/drill-redis}
PORT=${DRILL_PORT:-8103}
OUTAGE=${REDIS_OUTAGE:-5}
DRILL_REDIS_URL=${DRILL_REDIS_URL:-redis://127.0.0.1:6379/0}
SITE_DATABASE_URL=${DRILL_DATABASE_URL:-}
SITE_REDIS_URL=$DRILL_REDIS_URL
for argument in "$@"; do
    case "$argument" in
        --yes) ASSUME_YES=1 ;;
        *) echo "Usage: $0 [--yes]" >&2; exit 2 ;;
    esac
done
source scripts/lib.sh

redis_control() { "$PYTHON" scripts/drills/redis_control.py "$DRILL_REDIS_URL" "$@"; }
REDIS_ADDRESS=$(redis_control check)
redis_up() { redis_control ping; }
REDIS_STOPPED=""
start_redis() {
    if [ -n "$REDIS_STOPPED" ] && ! redis_up; then
        redis_control start "$WORKDIR/redis-start.json" || true
        for _ in $(seq 1 100); do redis_up && break; sleep 0.1; done
        redis_up && log "Redis is running again" || log "WARNING: Redis at $REDIS_ADDRESS did not come back; start it by hand"
    fi
}
cleanup() {
    start_redis
    stop_server
}
trap cleanup EXIT
trap 'exit 130' INT TERM

redis_up || { log "Redis is not running at $REDIS_ADDRESS; nothing to drill."; exit 1; }
if [ -n "${REDIS_URL:-}" ]; then
    log "Note: REDIS_URL is not used; the drill stops DRILL_REDIS_URL's Redis ($REDIS_ADDRESS)."
fi
mkdir -p "$WORKDIR"
rm -f "$WORKDIR/events" "$WORKDIR/probe.out"
log "Redis at $REDIS_ADDRESS will be started again with: $(redis_control remember "$WORKDIR/redis-start.json")"
if [ -n "${REDIS_START_COMMAND:-}" ]; then
    log "  (REDIS_START_COMMAND overrides it: $REDIS_START_COMMAND)"
fi
prepare_site
ADMIN_COOKIE=$(admin_session_cookie)
start_server
warm_up
event() { echo "$(date +%s.%N) $*" >>"$WORKDIR/events"; log "$*"; }

SECONDS_TOTAL=$((OUTAGE + 20))
"$PYTHON" scripts/drills/probe.py --base "http://127.0.0.1:$PORT" --seconds "$SECONDS_TOTAL" \
    --events "$WORKDIR/events" --admin-cookie "$ADMIN_COOKIE" >"$WORKDIR/probe.out" &
PROBE_PID=$!
sleep 5
event "Redis stopped (SHUTDOWN NOSAVE at $REDIS_ADDRESS)"
REDIS_STOPPED=1
redis_control stop
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
