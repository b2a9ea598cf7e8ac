"""Charts drawn on the server as SVG: no JavaScript, printable, each shown beside its data table.

The charts are decoration for sighted readers; the table under each carries the same numbers
for everyone (screen readers read the table, the SVG has only a short title).
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

BAR_COLOUR = "#1d5e8c"
TEXT_COLOUR = "#222"


def column_chart(title, items, *, height=180, bar_width=28, gap=10):
    """Vertical bars: ``items`` are ``(label, value)``; the value is written above each bar."""
    items = [(str(label), value or 0) for label, value in items]
    if not items:
        return ""
    top = max(value for _label, value in items) or 1
    chart_height = height - 40
    width = len(items) * (bar_width + gap) + gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{max(width, 240)}px" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, value) in enumerate(items):
        bar = round(chart_height * value / top)
        x = gap + index * (bar_width + gap)
        y = 20 + chart_height - bar
        parts.append(f'<rect x="{x}" y="{y}" width="{bar_width}" height="{bar}" fill="{BAR_COLOUR}"/>')
        parts.append(
            f'<text x="{x + bar_width / 2}" y="{y - 4}" font-size="10" text-anchor="middle" '
            f'fill="{TEXT_COLOUR}">{value}</text>'
        )
        parts.append(
            f'<text x="{x + bar_width / 2}" y="{height - 6}" font-size="10" text-anchor="middle" '
            f'fill="{TEXT_COLOUR}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def percent_bars(title, items, *, label_width=330, bar_space=220, row=22):
    """Horizontal bars from 0 to 100 %: ``items`` are ``(label, percent)``; None draws no bar."""
    items = [(str(label), value) for label, value in items]
    if not items:
        return ""
    width = label_width + bar_space + 50
    height = row * len(items) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{width}px" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, value) in enumerate(items):
        y = 5 + index * row
        short = label if len(label) <= 60 else label[:57] + "…"
        parts.append(f'<text x="0" y="{y + 14}" font-size="11" fill="{TEXT_COLOUR}">{escape(short)}</text>')
        if value is not None:
            bar = round(bar_space * value / 100)
            parts.append(f'<rect x="{label_width}" y="{y + 3}" width="{bar}" height="{row - 8}" fill="{BAR_COLOUR}"/>')
            parts.append(
                f'<text x="{label_width + bar + 4}" y="{y + 14}" font-size="11" fill="{TEXT_COLOUR}">{value} %</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))
