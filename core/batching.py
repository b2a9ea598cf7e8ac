"""Many changes at once: work that each change would redo is done once, at the end.

Publishing one group re-indexes it for the finder; an import publishes dozens of pages, often
the same group twice (its Finnish and Swedish versions). Inside :func:`batch`, a listener that can
wait calls :func:`defer` with what it would have done, and does it when ``batch_finished`` is
sent, once per item. A lower app (the importer) opens the batch; the higher app that owns the work
(search) listens, so neither imports the other.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.dispatch import Signal

#: Sent when the outermost :func:`batch` ends without an error, with ``pending``: a dict of the
#: work deferred during it, ``{name: set of items}``.
batch_finished = Signal()

_pending = ContextVar("core_batch_pending", default=None)


@contextmanager
def batch():
    """Defer repeatable work until the block ends (nested blocks join the outermost)."""
    if _pending.get() is not None:
        yield
        return
    pending = {}
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    batch_finished.send(sender=batch, pending=pending)


def defer(name, item):
    """Inside a batch, note ``item`` for the work ``name`` and return True; outside, return False."""
    pending = _pending.get()
    if pending is None:
        return False
    pending.setdefault(name, set()).add(item)
    return True
