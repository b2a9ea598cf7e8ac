# Shared by scripts/loadtest/run.sh and scripts/drills/*.sh (source it): prepare a scratch site with
# the demo data and run it under gunicorn with the production settings, on a loopback port.
#
# Set before sourcing:
#   WORKDIR            files of this run (relative to the project, or absolute)
#   PORT               the loopback port of the server
#   SITE_DATABASE_URL  the run's own database (default: SQLite in WORKDIR)
#   SITE_REDIS_URL     the run's Redis (default: none; the cache in files in WORKDIR/cache)
#   ASSUME_YES=1       load the demo data even into a database that already has other content
# The environment's DATABASE_URL, REDIS_URL and other services (object storage, CDN purging,
# e-mail, DeepL) are never used: on an app server they are production's.

PYTHON=.venv/bin/python
SERVER_PID=""

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }

case "$WORKDIR" in
    /*) ;;
    *) WORKDIR="$PWD/$WORKDIR" ;;
esac

production_env() {
    export DJANGO_SETTINGS_MODULE=config.settings.production
    export SECRET_KEY="${SECRET_KEY:-$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')}"
    export ALLOWED_HOSTS="127.0.0.1,localhost"
    export DATABASE_URL="${SITE_DATABASE_URL:-sqlite:///$WORKDIR/db.sqlite3}"
    if [ -n "${SITE_REDIS_URL:-}" ]; then
        export REDIS_URL="$SITE_REDIS_URL"
    else
        unset REDIS_URL
    fi
    export CACHE_DIR="$WORKDIR/cache"
    export STATIC_ROOT="$WORKDIR/static"
    export MEDIA_ROOT="$WORKDIR/media"
    export CACHE_KEY_PREFIX="ryhmahaku-$(basename "$WORKDIR")"
    export EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend
    unset AWS_STORAGE_BUCKET_NAME FRONTEND_CACHE_BACKEND FRONTEND_CACHE_LOCATION CSP_REPORT_URI \
        DEEPL_API_KEY MACHINE_TRANSLATOR
    export REQUIRE_2FA=true
}

# What the cache of this run is, in words.
cache_description() {
    if [ -n "${REDIS_URL:-}" ]; then
        echo "Redis ${REDIS_URL%%\?*}"
    else
        echo "files in $CACHE_DIR, shared by the workers"
    fi
}

# Run one preparation step with its output in prepare.log; on failure, show the end of the log.
run_step() {
    local description=$1 status=0
    shift
    log "$description"
    "$@" >>"$WORKDIR/prepare.log" 2>&1 || status=$?
    if [ "$status" -ne 0 ]; then
        log "FAILED: $description (exit status $status). The end of $WORKDIR/prepare.log:"
        tail -n 40 "$WORKDIR/prepare.log" | sed 's/^/    /'
        return "$status"
    fi
}

prepare_site() {
    mkdir -p "$WORKDIR"
    : >"$WORKDIR/prepare.log"
    production_env
    local yes=()
    # The default SQLite file lives in the run's own folder: it is this run's by definition.
    if [ -n "${ASSUME_YES:-}" ] || [ -z "${SITE_DATABASE_URL:-}" ]; then
        yes=(--yes)
    fi
    # Refuses (and says why) before anything is written to a database with other content.
    "$PYTHON" scripts/scratch_database.py "$DATABASE_URL" "${yes[@]}"
    run_step "Migrating the database" "$PYTHON" manage.py migrate --noinput
    if [ -f groups/demo/demo.json ]; then
        run_step "Loading the demo data (groups/demo/demo.json)" "$PYTHON" manage.py load_demo --no-admin
    else
        run_step "No demo data yet: importing groups/schema/example.json" \
            "$PYTHON" manage.py import_groups groups/schema/example.json
    fi
    run_step "Collecting the static files" "$PYTHON" manage.py collectstatic --noinput
}

start_server() {
    log "Starting gunicorn on 127.0.0.1:$PORT (production settings)"
    GUNICORN_BIND="127.0.0.1:$PORT" GUNICORN_ACCESS_LOG="$WORKDIR/access.log" \
        .venv/bin/gunicorn -c deploy/gunicorn.conf.py config.wsgi >"$WORKDIR/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 300); do
        if curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz"; then
            log "Server is up (pid $SERVER_PID)"
            return 0
        fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            log "gunicorn exited; the end of $WORKDIR/server.log:"
            tail -n 20 "$WORKDIR/server.log" | sed 's/^/    /'
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

# The session cookie of a signed-in editor of the scratch site, for probing an admin page.
admin_session_cookie() {
    "$PYTHON" scripts/drills/admin_session.py
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
