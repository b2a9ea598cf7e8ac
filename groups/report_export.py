"""The report as a file: CSV and XLSX carry the same rows as the page (see groups/statistics.py)."""

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _

from .statistics import FEEDBACK_MIN_ANSWERS


def report_rows(figures):
    """The report as rows of cells: the totals, the feedback and one row per group.

    Numbers stay numbers (the XLSX file keeps them as numbers; the CSV writes them with a dot).
    """
    filters = figures.filters
    rows = [
        [_("Period"), filters.start.isoformat(), filters.end.isoformat()],
        [],
        [_("Figure"), _("Value")],
        *[[str(label), value] for _key, label, value in figures.totals()],
        [],
    ]
    feedback = figures.feedback
    if feedback.shown:
        rows += [
            [_("Statement"), _("Answers"), _("Agree %"), _("Agree at least partly %")],
            *[
                [str(statement.label), statement.answered, statement.agree_percent, statement.at_least_partly_percent]
                for statement in feedback.statements
            ],
            [_("Satisfaction (1–5)"), feedback.satisfaction_answers, feedback.satisfaction],
            [_("Atmosphere (1–5)"), feedback.atmosphere_answers, feedback.atmosphere],
            [],
        ]
    else:
        rows += [[_("Feedback figures are shown from %(count)d answers up.") % {"count": FEEDBACK_MIN_ANSWERS}], []]
    rows.append(
        [
            _("Group"),
            _("Organisation"),
            _("Municipality"),
            _("Meetings held"),
            _("Visits"),
            _("First visits"),
            _("Meetings cancelled"),
            _("Visitors per meeting on average"),
            _("Feedback answers"),
            _("Satisfaction (1–5)"),
            _("Atmosphere (1–5)"),
        ]
    )
    for row in figures.groups:
        shown = row.feedback.shown
        rows.append(
            [
                row.title,
                row.organisation,
                row.municipality,
                row.meetings,
                row.visits,
                row.first_visits,
                row.cancelled,
                row.average_visitors,
                row.feedback.answers if shown else "",
                row.feedback.satisfaction if shown else "",
                row.feedback.atmosphere if shown else "",
            ]
        )
    return rows


def _cell(value):
    return "" if value is None else value


def csv_response(figures, filename):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in report_rows(figures):
        writer.writerow([_cell(value) for value in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(figures, filename):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Report")[:31]
    for row in report_rows(figures):
        sheet.append([_cell(value) for value in row])
    sheet.column_dimensions["A"].width = 50
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
