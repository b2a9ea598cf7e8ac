#!/usr/bin/env bash
# Drill: restart PostgreSQL while the site is serving; the site must recover by itself
# (make drill-postgres).
#
#   DRILL_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ryhmahaku_drill scripts/drills/postgres.sh [--restart-cluster] [--yes]
#
# Starts the demo site under gunicorn with production settings on DRILL_DATABASE_URL's database,
# sends steady traffic with scripts/drills/probe.py (public pages, and an admin page as a
# signed-in editor) and restarts the local PostgreSQL cluster that serves that URL's port with
# pg_ctlcluster.
#
# The restart takes down THE WHOLE CLUSTER, every database in it, for everyone using it, not only
# the drill's database. The URL's host must be this machine. The drill asks before restarting
# (--restart-cluster answers yes without asking; without a terminal it is required).
#
# Requests during the restart may fail, but only with the "try again" page (503), never with a
# server error (500) or no answer; the drill passes when that holds and every request that started
# RECOVERY_GRACE seconds after PostgreSQL was back was answered 200, with no restart of gunicorn.
# PostgreSQL is always started again, even when the drill fails or is interrupted.
# --yes loads the demo data into the database even when it has other content.
set -euo pipefail
cd "$(dirname "$0")/../.."
WORKDIR=${DRILL_DIR:-tmp/drill-postgres}
PORT=${DRILL_PORT:-8103}
GRACE=${RECOVERY_GRACE:-2}
SITE_DATABASE_URL=${DRILL_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ryhmahaku_drill}
RESTART_CONFIRMED=""
for argument in "$@"; do
    case "$argument" in
        --restart-cluster) RESTART_CONFIRMED=1 ;;
        --yes) ASSUME_YES=1 ;;
        *) echo "Usage: $0 [--restart-cluster] [--yes]" >&2; exit 2 ;;
    esac
done
source scripts/lib.sh

# The URL's host and port; only a PostgreSQL on this machine can be restarted.
PG_ADDRESS=$("$PYTHON" - "$SITE_DATABASE_URL" <<'PY'
import sys
from urllib.parse import urlsplit

parts = urlsplit(sys.argv[1])
if parts.scheme not in ("postgres", "postgresql", "pgsql"):
    sys.exit(f"The drill needs a PostgreSQL DRILL_DATABASE_URL, not {parts.scheme}://")
print(parts.hostname or "localhost", parts.port or 5432)
PY
)
read -r PG_HOST PG_PORT <<<"$PG_ADDRESS"
case "$PG_HOST" in
    127.0.0.1|localhost|::1) ;;
    *) log "The drill restarts PostgreSQL on this machine; $PG_HOST is not this machine. Refusing."; exit 1 ;;
esac
# The local cluster that listens on that port (pg_lsclusters: version, name, port, status...).
read -r PG_VERSION PG_CLUSTER < <(pg_lsclusters --no-header | awk -v port="$PG_PORT" '$3 == port { print $1, $2; exit }') || true
if [ -z "${PG_CLUSTER:-}" ]; then
    log "No PostgreSQL cluster of this machine listens on port $PG_PORT (pg_lsclusters). Refusing."
    exit 1
fi

pg_up() { pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; }
RESTARTING=""
cleanup() {
    if [ -n "$RESTARTING" ] && ! pg_up; then
        pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" start || true
        for _ in $(seq 1 100); do pg_up && break; sleep 0.1; done
        pg_up && log "PostgreSQL is running again" || log "WARNING: PostgreSQL did not come back"
    fi
    stop_server
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pg_up || { log "PostgreSQL is not running on port $PG_PORT; nothing to drill."; exit 1; }
log "This drill restarts the whole PostgreSQL cluster $PG_VERSION/$PG_CLUSTER (port $PG_PORT):"
log "every database in it is unavailable for a few seconds, for everyone, not only ${SITE_DATABASE_URL##*/}."
if [ -z "$RESTART_CONFIRMED" ]; then
    if [ -t 0 ]; then
        read -r -p "Type 'yes' to restart the cluster: " answer
        [ "$answer" = "yes" ] || { log "Cancelled; nothing was restarted."; exit 1; }
    else
        log "Refusing without a terminal to ask on: run it with --restart-cluster."
        exit 1
    fi
fi
mkdir -p "$WORKDIR"
rm -f "$WORKDIR/events" "$WORKDIR/probe.out"
prepare_site
ADMIN_COOKIE=$(admin_session_cookie)
start_server
warm_up
event() { echo "$(date +%s.%N) $*" >>"$WORKDIR/events"; log "$*"; }

"$PYTHON" scripts/drills/probe.py --base "http://127.0.0.1:$PORT" --seconds 25 \
    --events "$WORKDIR/events" --start-file "$WORKDIR/probe.start" --admin-cookie "$ADMIN_COOKIE" \
    >"$WORKDIR/probe.out" &
PROBE_PID=$!
sleep 5
event "PostgreSQL restart begins (pg_ctlcluster $PG_VERSION $PG_CLUSTER restart)"
RESTART_BEGAN=$(date +%s.%N)
RESTARTING=1
pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" restart
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
      f"(statuses {summary['statuses']}; the signed-in admin page: {summary.get('admin')}), "
      f"last failure at {last_failure} s.")
if summary["ok"] == 0:
    sys.exit("FAILED: nothing was served")
wrong = {status: count for status, count in summary["statuses"].items() if status not in ("200", "503")}
if wrong:
    sys.exit(f"FAILED: during the restart some answers were not the 503 page: {wrong}")
if not summary.get("admin", {}).get("requests"):
    sys.exit("FAILED: the signed-in admin page was not probed")
if last_failure is not None and last_failure > recovered_at:
    sys.exit(f"FAILED: requests still failed {last_failure - (back - start):.1f} s after PostgreSQL was back")
print("PASSED: the site recovered by itself after the restart; every failed request got the 503 page")
PY
