#!/usr/bin/env bash
# Drill: restart PostgreSQL while the site is serving; the site must recover by itself
# (make drill-postgres).
#
# Starts the demo site under gunicorn with production settings on PostgreSQL, sends steady
# traffic with scripts/drills/probe.py and restarts the local cluster with pg_ctlcluster.
# Requests during the restart may fail (503); the drill passes when every request that started
# RECOVERY_GRACE seconds after PostgreSQL was back was answered 200, with no restart of gunicorn.
# PostgreSQL is always started again, even when the drill fails or is interrupted.
set -euo pipefail
cd "$(dirname "$0")/../.."
WORKDIR=${DRILL_DIR:-tmp/drill-postgres}
PORT=${DRILL_PORT:-8103}
GRACE=${RECOVERY_GRACE:-2}
export DATABASE_URL=${DRILL_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ryhmahaku_drill}
PG_VERSION=${PG_VERSION:-$(ls /etc/postgresql | sort -V | tail -n 1)}
source scripts/lib.sh

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432; }
cleanup() {
    if ! pg_up; then
        pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main start || true
        for _ in $(seq 1 100); do pg_up && break; sleep 0.1; done
        pg_up && log "PostgreSQL is running again" || log "WARNING: PostgreSQL did not come back"
    fi
    stop_server
}
trap cleanup EXIT
trap 'exit 130' INT TERM

case "$DATABASE_URL" in postgres://*|postgresql://*) ;; *) log "The drill needs a PostgreSQL DATABASE_URL"; exit 1;; esac
pg_up || { log "PostgreSQL is not running on 127.0.0.1:5432; nothing to drill."; exit 1; }
rm -f "$WORKDIR/events" "$WORKDIR/probe.out"
prepare_site
start_server
warm_up
event() { echo "$(date +%s.%N) $*" >>"$WORKDIR/events"; log "$*"; }

"$PYTHON" scripts/drills/probe.py --base "http://127.0.0.1:$PORT" --seconds 25 \
    --events "$WORKDIR/events" --start-file "$WORKDIR/probe.start" >"$WORKDIR/probe.out" &
PROBE_PID=$!
sleep 5
event "PostgreSQL restart begins (pg_ctlcluster $PG_VERSION main restart)"
RESTART_BEGAN=$(date +%s.%N)
pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main restart
for _ in $(seq 1 100); do pg_up && break; sleep 0.1; done
BACK=$(date +%s.%N)
event "PostgreSQL accepts connections again ($(awk "BEGIN { printf \"%.1f\", $BACK - $RESTART_BEGAN }") s)"
wait "$PROBE_PID"
cat "$WORKDIR/probe.out"
"$PYTHON" - "$WORKDIR/probe.out" "$(cat "$WORKDIR/probe.start")" "$BACK" "$GRACE" <<'PY'
import json
import sys

out, start, back, grace = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
summary = json.loads(next(line for line in open(out) if line.startswith("SUMMARY "))[8:])
recovered_at = back - start + grace
last_failure = summary["last_failure_s"]
print(f"PostgreSQL was back {back - start:.1f} s into the probe; failures: {summary['not_ok']} "
      f"(statuses {summary['statuses']}), last failure at {last_failure} s.")
if summary["ok"] == 0:
    sys.exit("FAILED: nothing was served")
if last_failure is not None and last_failure > recovered_at:
    sys.exit(f"FAILED: requests still failed {last_failure - (back - start):.1f} s after PostgreSQL was back")
print("PASSED: the site recovered by itself after the restart")
PY
