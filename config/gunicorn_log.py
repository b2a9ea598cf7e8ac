"""gunicorn's logs as JSON lines, like the application's (``logger_class`` in deploy/gunicorn.conf.py).

gunicorn's own access log format pastes values into a text template, so a path with a newline,
tab or quote (``/fi/%0A{"status": 200}``) could break a JSON line or forge one. Here every access
record is a dictionary written by :class:`config.log.JsonLineFormatter`, which escapes whatever the
path holds. The record has the method, the path (never the query string, the address or the user
agent: nothing about visitors), the status, the bytes sent, the duration and the request id.
gunicorn's error log (start, stop, worker timeouts) is written as JSON lines too.
"""

from gunicorn import glogging

from config.log import REQUEST_ID_HEADER, JsonLineFormatter, RequestIdFilter


def _status_code(status):
    try:
        return int(str(status).split(None, 1)[0])
    except ValueError:
        return None


def _header(headers, name):
    name = name.lower()
    for key, value in headers or ():
        if key.lower() == name:
            return value
    return None


class JsonLogger(glogging.Logger):
    """gunicorn's logger, writing one JSON object per line to the access and error logs."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if getattr(handler, "_gunicorn", False):
                    handler.setFormatter(JsonLineFormatter())
                    if not any(isinstance(existing, RequestIdFilter) for existing in handler.filters):
                        handler.addFilter(RequestIdFilter())

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        sent = getattr(resp, "sent", None)
        duration_ms = request_time.total_seconds() * 1000
        try:
            self.access_log.info(
                "request",
                extra={
                    "method": environ.get("REQUEST_METHOD"),
                    "path": environ.get("PATH_INFO"),
                    "status": _status_code(resp.status),
                    "bytes": sent if isinstance(sent, int) else None,
                    "duration_ms": round(duration_ms, 1),
                    "request_id": _header(resp.headers, REQUEST_ID_HEADER) or "-",
                },
            )
        except Exception:
            self.exception("could not write the access log record")
