# Shared by scripts/loadtest/run.sh and scripts/drills/*.sh (source it): prepare a site with the
# demo data and run it under gunicorn with the production settings, on a loopback port.
#
# Variables: WORKDIR (files of this run), PORT, DATABASE_URL (default: SQLite in WORKDIR),
# REDIS_URL (default: none), WEB_CONCURRENCY, GUNICORN_THREADS.

PYTHON=.venv/bin/python
SERVER_PID=""

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }

production_env() {
    export DJANGO_SETTINGS_MODULE=config.settings.production
    export SECRET_KEY="${SECRET_KEY:-$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')}"
    export ALLOWED_HOSTS="127.0.0.1,localhost"
    export DATABASE_URL="${DATABASE_URL:-sqlite:///$PWD/$WORKDIR/db.sqlite3}"
    export STATIC_ROOT="$PWD/$WORKDIR/static"
    export MEDIA_ROOT="$PWD/$WORKDIR/media"
    export CACHE_KEY_PREFIX="${CACHE_KEY_PREFIX:-ryhmahaku-$(basename "$WORKDIR")}"
    export REQUIRE_2FA=true
}

ensure_postgres_database() {
    case "$DATABASE_URL" in
        postgres://*|postgresql://*)
            "$PYTHON" - "$DATABASE_URL" <<'PY'
import sys
import dj_database_url
import psycopg

settings = dj_database_url.parse(sys.argv[1])
options = {"host": settings["HOST"] or None, "port": settings["PORT"] or None, "user": settings["USER"] or None,
           "password": settings["PASSWORD"] or None, "dbname": "postgres", "autocommit": True}
with psycopg.connect(**options) as connection:
    if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]]).fetchone():
        connection.execute(f'CREATE DATABASE "{settings["NAME"]}"')
PY
            ;;
    esac
}

prepare_site() {
    mkdir -p "$WORKDIR"
    production_env
    ensure_postgres_database
    log "Migrating $DATABASE_URL"
    "$PYTHON" manage.py migrate --noinput >"$WORKDIR/prepare.log" 2>&1
    if [ -f groups/demo/demo.json ]; then
        log "Loading the demo data (groups/demo/demo.json)"
        "$PYTHON" manage.py load_demo --no-admin >>"$WORKDIR/prepare.log" 2>&1
    else
        log "No demo data yet: importing groups/schema/example.json"
        "$PYTHON" manage.py import_groups groups/schema/example.json >>"$WORKDIR/prepare.log" 2>&1
    fi
    "$PYTHON" manage.py collectstatic --noinput >>"$WORKDIR/prepare.log" 2>&1
}

start_server() {
    log "Starting gunicorn on 127.0.0.1:$PORT (production settings)"
    GUNICORN_BIND="127.0.0.1:$PORT" GUNICORN_ACCESS_LOG="$PWD/$WORKDIR/access.log" \
        .venv/bin/gunicorn -c deploy/gunicorn.conf.py config.wsgi >"$WORKDIR/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 300); do
        if curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz"; then
            log "Server is up (pid $SERVER_PID)"
            return 0
        fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            log "gunicorn exited; see $WORKDIR/server.log"
            tail -n 20 "$WORKDIR/server.log"
            return 1
        fi
        sleep 0.2
    done
    log "The server did not answer /healthz in 60 s; see $WORKDIR/server.log"
    return 1
}

stop_server() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID"
        wait "$SERVER_PID" 2>/dev/null || true
        log "Server stopped"
    fi
    SERVER_PID=""
}

warm_up() {
    # Every worker compiles its templates and opens its connections on its first requests; make
    # those happen before anything is measured.
    local base="http://127.0.0.1:$PORT" paths group
    paths=(/fi/ /sv/ /fi/ryhmat/ "/fi/ryhmat/?q=laulu" /sv/grupper/ /fi/toimijat/)
    group=$(curl -fs -H "X-Forwarded-Proto: https" "$base/sitemap.xml" | grep -o '<loc>[^<]*' | sed 's/<loc>//' \
        | awk -F/ 'NF == 8' | sed -E 's|^https?://[^/]+||' | sed -n 1p) || true
    if [ -n "$group" ]; then
        paths+=("$group")
    fi
    local pids
    for _ in $(seq 1 10); do
        pids=()
        for path in "${paths[@]}"; do
            curl -fs -o /dev/null -H "X-Forwarded-Proto: https" "$base$path" &
            pids+=($!)
        done
        wait "${pids[@]}" || true
    done
    log "Warmed up"
}
