"""gunicorn configuration for the app servers: ``gunicorn -c deploy/gunicorn.conf.py config.wsgi``.

Every value can be changed from the environment (see docs/operations.md for sizing).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Threads let a worker serve other requests while one waits for the database; processes use
# the cores. 2 workers x 4 threads per core is a good start for this mostly-read site.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# Requests are short; anything past 30 s is stuck. Restart workers now and then (with jitter so
# they do not all restart together) to return memory.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10

# Behind nginx or a load balancer: trust its X-Forwarded-* headers only from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# One line per request, as JSON, on standard output; gunicorn's own messages as JSON on standard
# error. No addresses, no user agents and no query strings (search words are the visitors' own):
# nothing about visitors. The lines are written by config.gunicorn_log.JsonLogger, which escapes
# whatever a path holds (a text template would let "%0A" in a path start a forged line).
logger_class = "config.gunicorn_log.JsonLogger"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()

# Django is imported in each worker (no preload), so `kill -HUP` reloads new code gracefully.
preload_app = False
# Reloads go through HUP (systemctl reload); gunicorn's control socket is not used, and its
# default path (~/.gunicorn/gunicorn.ctl) would be shared by every gunicorn of the same user.
control_socket_disable = True
