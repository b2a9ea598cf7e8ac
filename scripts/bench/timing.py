"""``make bench``: the finder against Wagtail's stock search, on many groups, on PostgreSQL.

A development tool (scripts/bench/run.py), not part of the site. The benchmark builds its own
throw-away database (like the test runner: ``test_<name>``), loads the demo data, then adds
generated groups in steps (by default up to 10,000 groups, each in Finnish and Swedish, see
scripts/bench/generator.py) and after each step times a fixed set of finder requests through
Django's test client (server time: view, queries and template) next to
``Page.objects.live().search()`` over the same pages. See docs/search.md for the figures.
"""

import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, Page

REQUESTS = [
    ("fi", "q=laulu"),
    ("fi", "q=aamupalalle"),
    ("fi", "q=kavely"),
    ("fi", "q=Kokkolassa"),
    ("fi", "q=kuntosli"),
    ("fi", "q=kahvila&municipality=kokkola"),
    ("fi", "municipality=kaustinen&weekday=tue"),
    ("fi", "this_week=1&free=1"),
    ("fi", ""),
    ("sv", "q=frukosten"),
    ("sv", "q=promenad"),
    ("sv", "q=sång&municipality=kokkola"),
]


@dataclass
class Timing:
    label: str
    median_ms: float
    p95_ms: float
    queries: int
    results: int


def _percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(function, repeat):
    """Run ``function`` ``repeat`` times (after two warm-up runs); times in ms and the queries of one run."""
    for _ in range(2):
        function()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as context:
        result = function()
    return statistics.median(times), _percentile(times, 0.95), len(context.captured_queries), result


def run_requests(repeat):
    """Time every request of :data:`REQUESTS`: the finder page, and the stock search for the text."""
    from django.http import QueryDict

    from search.services import find_groups, groups_changed

    client = Client()
    rows = []
    for language, query_string in REQUESTS:
        url = f"/{language}/{'ryhmat' if language == 'fi' else 'grupper'}/?{query_string}"
        locale = Locale.objects.get(language_code=language)

        def page(url=url):
            response = client.get(url)
            assert response.status_code == 200, url  # noqa: S101 - a benchmark of an error page is worthless
            return response

        def cold_page(url=url):
            groups_changed()  # as right after a change: no cached filter counts
            return page(url)

        def search(locale=locale, query_string=query_string):
            results = find_groups(locale, QueryDict(query_string))
            groups = results.groups
            return len(list(groups[:20])), groups.count()

        def cold_search():
            groups_changed()
            return search()

        label = f"/{language}/ ?{query_string}" if query_string else f"/{language}/ (everything)"
        median, p95, queries, (_shown, total) = measure(search, repeat)
        row = {"request": label, "search": Timing("search", median, p95, queries, total)}
        median, p95, queries, _ = measure(cold_search, repeat)
        row["cold search"] = Timing("cold search", median, p95, queries, total)
        median, p95, queries, _ = measure(cold_page, repeat)
        row["page"] = Timing("page", median, p95, queries, total)
        median, p95, queries, _ = measure(page, repeat)
        row["cached"] = Timing("cached", median, p95, queries, total)
        text = QueryDict(query_string).get("q")
        if text:

            def stock(locale=locale, text=text):
                results = Page.objects.live().filter(locale=locale).search(text)
                return len(list(results[:20])), results.count()

            stock_median, stock_p95, stock_queries, (_shown, stock_total) = measure(stock, repeat)
            row["stock"] = Timing("stock", stock_median, stock_p95, stock_queries, stock_total)
        rows.append(row)
    return rows


def format_rows(rows, groups):
    """The figures as a plain-text table."""
    columns = [
        ("search", "finder search"),
        ("stock", "stock search"),
        ("cold search", "search, new counts"),
        ("page", "finder page"),
        ("cached", "page, counts cached"),
    ]
    lines = [
        f"Groups: {groups}, each in Finnish and Swedish. Times in ms, median / p95; q = database queries.",
        "finder search = find_groups(): text, filters, relevance, filter counts (from the shared cache, as",
        "  between changes), first 20 results and the total; stock search = Page.objects.live().search(),",
        "  first 20 and the total; search, new counts = the finder search counting every filter again (as",
        "  right after a change); finder page = the whole page through the test client (routing, menus,",
        "  template), with new counts and with cached counts.",
        f"{'request':38}" + "".join(f"{title:>22}" for _key, title in columns) + "  found (finder/stock)",
    ]
    for row in rows:
        cells = []
        for key, _title in columns:
            timing = row.get(key)
            cells.append(f"{timing.median_ms:6.0f} /{timing.p95_ms:5.0f} q{timing.queries:<3}" if timing else "-")
        stock = row.get("stock")
        found = f"{row['search'].results}/{stock.results if stock else '-'}"
        lines.append(f"{row['request'][:38]:38}" + "".join(f"{cell:>22}" for cell in cells) + f"  {found}")
    return lines


def comparison(rows):
    """One line comparing the finder's search with the stock search on the requests with text."""
    pairs = [(row["search"], row["stock"]) for row in rows if "stock" in row]
    if not pairs:
        return "No requests with text."
    faster = sum(1 for finder, stock in pairs if finder.median_ms <= stock.median_ms)
    finder_total = sum(finder.median_ms for finder, _stock in pairs)
    stock_total = sum(stock.median_ms for _finder, stock in pairs)
    finder_p95 = max(finder.p95_ms for finder, _stock in pairs)
    stock_p95 = max(stock.p95_ms for _finder, stock in pairs)
    return (
        f"Finder search no slower than stock search in {faster} of {len(pairs)} requests with text; "
        f"sum of medians {finder_total:.0f} ms vs {stock_total:.0f} ms, worst p95 {finder_p95:.0f} ms vs "
        f"{stock_p95:.0f} ms."
    )


def steps(total):
    """Sizes at which to measure: a tenth of the total, then the total."""
    first = max(1, total // 10)
    return sorted({first, total})


BROCHURES = [
    ("fi", ""),
    ("sv", ""),
    ("fi", "municipality=kokkola"),
    ("fi", "municipality=kaustinen&weekday=tue"),
]


def time_brochures(repeat=2):
    """Time the brochure (docs/brochure.md) of a few selections: laid out, and from the cache.

    "Laid out" is what a visitor waits for when no PDF of the same content is cached (right after
    a change to the groups it prints): the brochure built and laid out by WeasyPrint, with the QR
    codes already cached, as they are after the first brochure. It is timed directly, because the
    PDF cache would otherwise hand back the PDF of the same HTML. "Cached" is a whole request whose
    PDF is in the cache. The whole county is cut at ``search.brochure.MAX_GROUPS`` groups.
    """
    from django.test import Client, RequestFactory
    from django.utils import translation

    from search.brochure import build_brochure, render_pdf
    from search.models import FinderPage

    client = Client()
    factory = RequestFactory()
    lines = [f"Brochure (PDF): {'selection':38} {'groups':>7} {'pages':>6} {'laid out s':>11} {'cached ms':>10}"]
    for language, query_string in BROCHURES:
        url = f"/{language}/{'ryhmat/esite.pdf' if language == 'fi' else 'grupper/broschyr.pdf'}?{query_string}"
        response = client.get(url)  # caches the QR codes and this selection's PDF
        assert response.status_code == 200, url  # noqa: S101 - a benchmark of an error page is worthless
        finder = FinderPage.objects.live().get(locale__language_code=language)
        request = factory.get(url)
        rendered = []
        for _ in range(repeat):
            start = time.perf_counter()
            with translation.override(language):
                render_pdf(build_brochure(finder, request))
            rendered.append(time.perf_counter() - start)
        start = time.perf_counter()
        cached_response = client.get(url)
        cached = (time.perf_counter() - start) * 1000
        assert cached_response.content == response.content, url  # noqa: S101 - the same PDF, from the cache
        pages = _page_count(response.content)
        groups = _brochure_groups(language, query_string)
        label = f"/{language}/ ?{query_string}" if query_string else f"/{language}/ (everything)"
        lines.append(
            f"Brochure (PDF): {label[:38]:38} {groups:>7} {pages:>6} {statistics.median(rendered):>11.1f} {cached:>10.0f}"
        )
    return lines


def _page_count(pdf):
    import io

    from pypdf import PdfReader  # a development dependency, like the benchmark itself

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _brochure_groups(language, query_string):
    from django.http import QueryDict

    from search.brochure import MAX_GROUPS
    from search.services import find_groups

    results = find_groups(Locale.objects.get(language_code=language), QueryDict(query_string))
    return min(len(results.groups) if hasattr(results.groups, "ids") else results.groups.count(), MAX_GROUPS)
