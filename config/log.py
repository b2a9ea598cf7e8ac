"""Logging helpers: the current request's id on every log record, and one JSON object per line.

The request id comes from the load balancer's ``X-Request-ID`` header when it sends a sensible one,
otherwise it is made up here; it is sent back in the response, so one line in the load balancer's
log, gunicorn's access log and the application's log can be matched.
"""

import contextvars
import logging
import re
import uuid

from pythonjsonlogger.json import JsonFormatter

REQUEST_ID_HEADER = "X-Request-ID"
_REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

current_request_id = contextvars.ContextVar("request_id", default="-")


def request_id_from(header_value):
    """Return the upstream request id when it is safe to log, or a new random one."""
    if header_value and _REQUEST_ID_PATTERN.match(header_value):
        return header_value
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Add ``request_id`` (or ``-`` outside a request) to every record.

    Django logs an error response (``django.request``: "Not Found", "Service Unavailable") after
    the whole middleware chain has returned, when the request id is no longer current; such
    records carry the request itself, which has its id.
    """

    def filter(self, record):
        if not hasattr(record, "request_id"):
            request_id = getattr(getattr(record, "request", None), "request_id", None)
            record.request_id = request_id or current_request_id.get()
        return True


class JsonLineFormatter(JsonFormatter):
    """One JSON object per line with time, level, logger, message and request id.

    Django attaches the ``request`` object to some records; it is written as the method and path
    only (never the query string, headers or body: no visitor data goes to the logs).
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("timestamp", "time")
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        super().__init__("%(levelname)s %(name)s %(message)s %(request_id)s", *args, **kwargs)

    def process_log_record(self, log_record):
        request = log_record.get("request")
        if request is not None and hasattr(request, "path"):
            log_record["request"] = f"{request.method} {request.path}"
        return super().process_log_record(log_record)
