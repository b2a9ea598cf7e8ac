"""``manage.py statistics --from YYYY-MM-DD --to YYYY-MM-DD [--json]``: the report's figures for the whole region.

The same function computes them as the admin's report and its CSV file (groups/statistics.py).
"""

import datetime
import json

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from core.commands import LocalisedCommand
from groups.statistics import ReportFilters, as_dict, compute


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(_("“%(value)s” is not a date (use 2026-03-31 or 31.3.2026).") % {"value": value}) from error


class Command(LocalisedCommand):
    help = "Print the figures of the visits and the feedback of a period (the whole region)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, help="First day, YYYY-MM-DD.")
        parser.add_argument("--to", dest="end", required=True, help="Last day, YYYY-MM-DD.")
        parser.add_argument("--json", action="store_true", help="Print JSON instead of text.")

    def handle(self, *args, start, end, **options):
        filters = ReportFilters(start=iso_date(start), end=iso_date(end))
        if filters.start > filters.end:
            raise CommandError(_("The end of the period is before its start."))
        figures = compute(filters)
        if options["json"]:
            self.stdout.write(_dumps(as_dict(figures)))
            return
        for _key, label, value in figures.totals():
            self.stdout.write(f"{label}: {'–' if value is None else value}")
        feedback = figures.feedback
        if feedback.shown:
            for statement in feedback.statements:
                self.stdout.write(f"{statement.label} {statement.agree_percent} % ({statement.answered})")
            self.stdout.write(f"{_('Satisfaction (1–5)')}: {feedback.satisfaction}")
            self.stdout.write(f"{_('Atmosphere (1–5)')}: {feedback.atmosphere}")


def _dumps(data):
    return json.dumps(data, ensure_ascii=False, indent=2)
