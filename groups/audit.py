"""Audit log actions of the site: meeting cancellations written by partners, read by coordinators."""

import datetime

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import LogFormatter

from .cancellations import CANCEL_ACTION, RESTORE_ACTION
from .visits import RECORD_ACTION


def _date(log_entry):
    try:
        return formats.date_format(datetime.date.fromisoformat(log_entry.data["date"]), "j.n.Y")
    except (KeyError, TypeError, ValueError):
        return "?"


class CancelMeetingFormatter(LogFormatter):
    label = _("Cancel a meeting")

    def format_message(self, log_entry):
        return _("Cancelled the meeting on %(date)s") % {"date": _date(log_entry)}

    def format_comment(self, log_entry):
        return log_entry.data.get("reason_fi", "")


class RestoreMeetingFormatter(LogFormatter):
    label = _("Restore a cancelled meeting")

    def format_message(self, log_entry):
        return _("Withdrew the cancellation of the meeting on %(date)s") % {"date": _date(log_entry)}


class RecordVisitsFormatter(LogFormatter):
    label = _("Record visitors")

    def format_message(self, log_entry):
        data = log_entry.data
        values = {"date": _date(log_entry), "count": data.get("visitors"), "first": data.get("first_timers")}
        if "previous_visitors" in data:
            values["previous"] = data.get("previous_visitors")
            return (
                _("Corrected the visitors on %(date)s from %(previous)s to %(count)s (first time: %(first)s)") % values
            )
        return _("Recorded %(count)s visitors on %(date)s (first time: %(first)s)") % values


def register_actions(actions):
    """Register the site's own log actions with Wagtail's log registry."""
    actions.register_action(CANCEL_ACTION)(CancelMeetingFormatter)
    actions.register_action(RESTORE_ACTION)(RestoreMeetingFormatter)
    actions.register_action(RECORD_ACTION)(RecordVisitsFormatter)
