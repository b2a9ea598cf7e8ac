"""Fast meeting cancellations: live at once, without approval, recorded in the audit log.

The admin's cancellation view (groups/views.py) and the tests call these (see docs/meetings.md).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from .forms import REASON_MAX_LENGTH
from .models import Cancellation
from .services import source_group
from .services import upcoming_meetings as meetings_not_ended

CANCEL_ACTION = "ryhmahaku.cancel_meeting"
RESTORE_ACTION = "ryhmahaku.restore_meeting"
#: How far ahead a partner can cancel a meeting.
CANCELLATION_HORIZON_DAYS = 120


def cancellable_meetings(group, now=None, days=CANCELLATION_HORIZON_DAYS):
    """The group's meetings that have not ended yet, as the public sees them (the ``Meeting`` rows)."""
    now = now or timezone.now()
    last = timezone.localdate(now) + datetime.timedelta(days=days)
    return list(meetings_not_ended(source_group(group).translation_key, now).filter(date__lte=last))


def active_cancellations(group, today=None):
    """Cancellations from today on that are in force, earliest first."""
    today = today or timezone.localdate()
    return Cancellation.objects.filter(group=source_group(group), withdrawn_at__isnull=True, date__gte=today).order_by(
        "date"
    )


def cancellable_dates(group, now=None):
    """Dates of upcoming meetings that are not cancelled yet."""
    now = now or timezone.now()
    cancelled = {cancellation.date for cancellation in active_cancellations(group, timezone.localdate(now))}
    return sorted({meeting.date for meeting in cancellable_meetings(group, now)} - cancelled)


@transaction.atomic
def cancel_meeting(group, date, *, reason_fi, reason_sv="", user=None):
    """Cancel the group's meeting on ``date`` at once, without approval, and record it in the audit log.

    Raises :class:`ValidationError` if the group does not meet on that date, if the meeting is
    already cancelled or if the Finnish reason is missing.
    """
    group = source_group(group)
    reason_fi, reason_sv = reason_fi.strip(), reason_sv.strip()
    if not reason_fi:
        raise ValidationError({"reason_fi": _("Tell in a few words why the meeting is cancelled.")})
    for name, reason in (("reason_fi", reason_fi), ("reason_sv", reason_sv)):
        if len(reason) > REASON_MAX_LENGTH:
            raise ValidationError(
                {name: _("Keep the reason short: at most %(limit)d characters.") % {"limit": REASON_MAX_LENGTH}}
            )
    if date not in cancellable_dates(group):
        raise ValidationError({"date": _("The group has no upcoming meeting on that date that could be cancelled.")})
    cancellation = Cancellation.objects.create(
        group=group, date=date, reason_fi=reason_fi, reason_sv=reason_sv, created_by=user
    )
    log(
        instance=group,
        action=CANCEL_ACTION,
        user=user,
        data={
            "cancellation_id": cancellation.pk,
            "date": date.isoformat(),
            "reason_fi": reason_fi,
            "reason_sv": reason_sv,
        },
    )
    return cancellation


@transaction.atomic
def restore_meeting(cancellation, *, user=None):
    """Withdraw a cancellation (it is kept, marked withdrawn) and record it in the audit log."""
    if cancellation.withdrawn_at is not None:
        raise ValidationError(_("This cancellation has already been withdrawn."))
    cancellation.withdrawn_at = timezone.now()
    cancellation.withdrawn_by = user
    cancellation.save(update_fields=["withdrawn_at", "withdrawn_by"])
    log(
        instance=cancellation.group,
        action=RESTORE_ACTION,
        user=user,
        data={"cancellation_id": cancellation.pk, "date": cancellation.date.isoformat()},
    )
    return cancellation


def user_can_cancel_meetings(user, group):
    """Only people who may edit the group cancel its meetings (in either language version)."""
    return source_group(group).permissions_for_user(user).can_edit()
