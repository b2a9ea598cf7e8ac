"""Template tags for groups: meeting times as ``<time>`` elements, and the week programme's address."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from groups.recurrence import HELSINKI
from groups.schedule import time_range

register = template.Library()


@register.simple_tag
def meeting_time(start, end):
    """``<time datetime="2026-12-01T09:00+02:00">ti 1.12.2026 klo 9–10.30</time>`` for a start and end."""
    if start is None:
        return ""
    start, end = timezone.localtime(start, HELSINKI), timezone.localtime(end, HELSINKI)
    text = f"{date_format(start.date(), 'D j.n.Y')} {time_range(start.time(), end.time())}"
    return format_html('<time datetime="{}">{}</time>', start.isoformat(timespec="minutes"), text)


@register.simple_tag
def meeting_hours(meeting):
    """The hours of a meeting in words, without the date: "klo 9–10.30"."""
    return time_range(meeting.local_start.time(), meeting.local_end.time())


@register.simple_tag(takes_context=True)
def week_programme_url(context):
    """The address of the week programme in the page's language, or None before it exists."""
    from core.i18n import current_language
    from groups.models import WeekProgrammePage

    cache = context.render_context
    if "week_programme_url" not in cache:
        page = WeekProgrammePage.objects.live().filter(locale__language_code=current_language()).first()
        cache["week_programme_url"] = page.get_url(context.get("request")) if page else None
    return cache["week_programme_url"]


@register.filter
def yes_no(value):
    """A venue fact in words: "yes", "no", or "not known" when nobody has told (None)."""
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    return _("not known")


@register.filter
def is_today(start):
    """True when a meeting that starts at ``start`` (an aware datetime) is today, Helsinki time."""
    if start is None:
        return False
    return timezone.localtime(start, HELSINKI).date() == timezone.localdate(timezone=HELSINKI)
