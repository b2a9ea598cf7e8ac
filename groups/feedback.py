"""Anonymous feedback and wishes: taking them in without tracking anyone, and their review.

Nothing that could identify a person is stored (see docs/reporting.md). Floods and bots are
stopped by three things that track no one:

* a **honeypot** field hidden from people: a post that fills it is thanked and thrown away;
* a **signed timestamp** in the form: a post without a valid one, sent within seconds of the
  form being shown (a script) or hours later (a replayed form), is refused;
* a **rate limit** counted in the cache under a hash of the address, the form and the hour,
  salted with the site's secret key: the hash cannot be turned back into the address, it is
  never written to the database and it expires with the hour.
"""

import hashlib
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import STATEMENT_FIELDS, FeedbackAnswer, GroupWish, ReviewStatus
from .services import source_group

SIGNING_SALT = "groups.feedback.form"
#: A person needs at least this many seconds to fill in a form.
MIN_SECONDS = 3
#: A form older than this is refused (shown again with a fresh timestamp).
MAX_SECONDS = 2 * 60 * 60
#: Posts per hour from one address to one form, and from everyone to one form.
PER_SENDER_PER_HOUR = 5
PER_FORM_PER_HOUR = 200


def form_token(scope, now=None):
    """The signed timestamp of a form for ``scope`` (a group, or the wish form)."""
    return signing.dumps({"s": scope, "t": int(now if now is not None else time.time())}, salt=SIGNING_SALT)


def token_is_valid(token, scope, now=None):
    """True for a token made for ``scope`` between :data:`MIN_SECONDS` and :data:`MAX_SECONDS` ago."""
    now = now if now is not None else time.time()
    try:
        data = signing.loads(token or "", salt=SIGNING_SALT)
    except signing.BadSignature:
        return False
    if not isinstance(data, dict) or data.get("s") != scope or not isinstance(data.get("t"), int):
        return False
    return MIN_SECONDS <= now - data["t"] <= MAX_SECONDS


def _hour_key(*parts):
    hour = int(time.time() // 3600)
    digest = hashlib.sha256("|".join([settings.SECRET_KEY, str(hour), *parts]).encode()).hexdigest()[:32]
    return f"feedback-rate:{digest}"


def _count(key):
    if cache.add(key, 1, timeout=3600):
        return 1
    try:
        return cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
        return 1


def sender_address(request):
    """The sender's address as the login throttling sees it: behind trusted proxies, the client's.

    The function is configuration (``AXES_CLIENT_IP_CALLABLE``, which knows how many proxies to
    trust), not an import: this app does not import the project package above it.
    """
    name = getattr(settings, "AXES_CLIENT_IP_CALLABLE", None)
    if name:
        return import_string(name)(request) or ""
    return request.META.get("REMOTE_ADDR", "")


def rate_limited(request, scope):
    """Count one post to the form ``scope``; True if the sender or the form has posted too often this hour."""
    address = sender_address(request)
    sender = _count(_hour_key("sender", scope, address))
    everyone = _count(_hour_key("form", scope))
    return sender > PER_SENDER_PER_HOUR or everyone > PER_FORM_PER_HOUR


def group_scope(group):
    return f"group:{source_group(group).pk}"


WISH_SCOPE = "wish"


def accepts_feedback(page):
    """Only the live, active groups take feedback."""
    from .models import Status

    return page.live and page.status == Status.ACTIVE


def save_feedback(group, data, today=None):
    """Store one answer: the chosen options, the ratings, the open answer (waiting for review) and the date."""
    text = (data.get("open_answer") or "").strip()
    return FeedbackAnswer.objects.create(
        group=source_group(group),
        answered_on=today or timezone.localdate(),
        satisfaction=data.get("satisfaction") or None,
        atmosphere=data.get("atmosphere") or None,
        open_answer=text,
        review_status=ReviewStatus.PENDING if text else ReviewStatus.NONE,
        **{name: data.get(name) or "" for name in STATEMENT_FIELDS},
    )


def save_wish(data, today=None):
    return GroupWish.objects.create(
        activity=data["activity"].strip(),
        municipality=data.get("municipality"),
        place=(data.get("place") or "").strip(),
        time=(data.get("time") or "").strip(),
        wished_on=today or timezone.localdate(),
    )


@transaction.atomic
def review_open_answer(answer, *, approve, user):
    """Approve an open answer (others may then read it) or remove it (its text is erased; the ratings stay)."""
    answer.review_status = ReviewStatus.APPROVED if approve else ReviewStatus.REMOVED
    if not approve:
        answer.open_answer = ""
    answer.reviewed_at = timezone.now()
    answer.reviewed_by = user
    answer.save(update_fields=["review_status", "open_answer", "reviewed_at", "reviewed_by"])
    return answer


def approved_open_answers(groups, start, end):
    """Open answers a coordinator has approved, of ``groups`` in the period, newest first."""
    return FeedbackAnswer.objects.filter(
        group__in=groups, answered_on__range=(start, end), review_status=ReviewStatus.APPROVED
    ).exclude(open_answer="")
