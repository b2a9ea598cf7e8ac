"""Template tags for groups: meeting times as ``<time>`` elements."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

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
