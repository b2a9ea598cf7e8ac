"""``make bench``: the finder against Wagtail's stock search, on many groups, on PostgreSQL.

The benchmark builds its own throw-away database (like the test runner: ``test_<name>``), loads
the demo data, then adds generated groups in steps (by default up to 10,000 groups, each in
Finnish and Swedish) and after each step times a fixed set of finder requests through Django's
test client (server time: view, queries and template) next to ``Page.objects.live().search()``
over the same pages. See docs/search.md for the figures and what they mean.

Generated groups are copies of the demo groups under other organisations and venues, with a
running number in the title, written into the page tree in bulk (no revisions, no admin hooks,
see :class:`GroupFactory`), because creating 20,000 pages one by one takes over an hour.
Meetings, the finder's index and Wagtail's own search index are then built in bulk.
"""

import random
import statistics
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Locale, Page

from core.translation import source_texts

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


def _group_page(locale, texts, slug, number, common, **extra):
    """An unsaved group page of ``locale`` with the texts of the page ``texts`` and a running number in its title."""
    from groups.models import GroupPage

    title = f"{texts.title} {number}"
    return GroupPage(
        locale=locale,
        title=title,
        draft_title=title,
        slug=slug,
        summary=texts.summary,
        description=texts.description,
        cost_note=texts.cost_note,
        online_instructions=texts.online_instructions,
        **common,
        **extra,
    )


class GroupFactory:
    """Creates published group pages fast, in both language trees, from the demo groups.

    The rows are written in bulk (pages, group fields, schedule rules, single dates, leaders,
    partner links and vocabularies, a few statements for thousands of groups), with the tree
    paths, depths and child counts that treebeard's ``add_child()`` would give them, so the finder,
    the meetings refresh, the indexes and the page tree cannot tell them from pages created one
    by one (``tests/search/test_benchmark.py`` checks it). Going through ``add_child()`` took
    about 0.1 s a group.
    """

    BATCH = 1000

    def __init__(self, seed=2026):
        from groups.models import GroupPage, Venue
        from organisations.models import OrganisationPage

        self.random = random.Random(seed)  # noqa: S311 - repeatable test data, not security
        self.fi = Locale.objects.get(language_code="fi")
        self.sv = Locale.objects.get(language_code="sv")
        self.templates = list(
            GroupPage.objects.filter(locale=self.fi)
            .order_by("path")
            .prefetch_related(
                "activity_types",
                "target_groups",
                "languages",
                "schedule_rules",
                "extra_meetings",
                "leaders",
                "partner_links",
            )
        )
        self.swedish = {
            page.translation_key: page for page in GroupPage.objects.filter(locale=self.sv, alias_of__isnull=True)
        }
        organisations = list(OrganisationPage.objects.filter(locale=self.fi).order_by("path"))
        self.organisations = [(organisation, organisation.get_translation(self.sv)) for organisation in organisations]
        self.venues = list(Venue.objects.order_by("pk"))
        self.created = GroupPage.objects.filter(locale=self.fi, identifier__startswith="bench-").count()

    def create(self, count):
        """Add ``count`` groups (each with its Swedish version). Returns the time taken in seconds.

        Nothing is indexed or given meetings here: :func:`build_indexes` does that for every group.
        """
        start = time.perf_counter()
        with transaction.atomic():
            for first in range(0, count, self.BATCH):
                self._create_batch(min(self.BATCH, count - first))
        return time.perf_counter() - start

    def _create_batch(self, count):
        from django.db.models import F

        from groups.models import Status

        now = timezone.now()
        tree = _Children()
        finnish, swedish = [], []
        for _ in range(count):
            self.created += 1
            number = self.created
            template = self.templates[number % len(self.templates)]
            organisation, organisation_sv = self.organisations[number % len(self.organisations)]
            venue = None if template.is_online else self.random.choice(self.venues)
            status = Status.ACTIVE if number % 10 else self.random.choice([Status.PAUSED, Status.ENDED])
            common = {
                "identifier": f"bench-{number}",
                "venue": venue,
                "is_online": template.is_online,
                "free_of_charge": template.free_of_charge,
                "registration": template.registration,
                "anonymous_ok": template.anonymous_ok,
                "children_welcome": template.children_welcome,
                "plain_language": template.plain_language,
                "contact_name": template.contact_name,
                "contact_phone": template.contact_phone,
                "contact_email": template.contact_email,
                "status": status,
                "live": True,
                "has_unpublished_changes": False,
                "first_published_at": now,
                "last_published_at": now,
            }
            page = _group_page(self.fi, template, f"ryhma-{number}", number, common)
            tree.place(page, organisation)
            finnish.append((page, template, organisation))

            translated = self.swedish.get(template.translation_key)
            texts = translated or template
            copy = _group_page(self.sv, texts, f"grupp-{number}", number, common, translation_key=page.translation_key)
            if translated:
                # As a published translation records it (core.translation.record_published_translation).
                copy.translated_from = source_texts(page)
            tree.place(copy, organisation_sv)
            swedish.append((copy, page))

        _insert_pages([page for page, _template, _organisation in finnish])
        for copy, page in swedish:
            if not copy.translated_from:
                # An untranslated group's Swedish page is an alias of the Finnish one, as
                # wagtail-localize's synchronised tree makes it.
                copy.alias_of_id = page.pk
        _insert_pages([copy for copy, _page in swedish])
        for parent_pk, added in tree.added.items():
            Page.objects.filter(pk=parent_pk).update(numchild=F("numchild") + added)
        self._insert_related(finnish, swedish)

    def _insert_related(self, finnish, swedish):
        """Rules, single dates, leaders, partner links and vocabularies: the template's, on both versions."""
        from groups.models import ExtraMeeting, GroupLeader, GroupPage, GroupPartner, ScheduleRule

        rules, extra, leaders, partners = [], [], [], []
        vocabularies = {name: [] for name in GroupPage.shared_m2m_fields}
        number = {id(page): int(page.identifier.removeprefix("bench-")) for page, _t, _o in finnish}
        templates = {id(page): (template, organisation) for page, template, organisation in finnish}
        for copy, page in [(page, page) for page, _t, _o in finnish] + swedish:
            template, organisation = templates[id(page)]
            for position, rule in enumerate(template.schedule_rules.all()):
                rules.append(
                    ScheduleRule(
                        page_id=copy.pk,
                        frequency=rule.frequency,
                        weekday=(rule.weekday + number[id(page)]) % 7,
                        week_of_month=rule.week_of_month,
                        start_time=rule.start_time,
                        end_time=rule.end_time,
                        valid_from=rule.valid_from,
                        valid_until=None,
                        skip_public_holidays=rule.skip_public_holidays,
                        sort_order=position,
                    )
                )
            extra.extend(copy_child(meeting, {"page"}, page_id=copy.pk) for meeting in template.extra_meetings.all())
            leaders.extend(copy_child(leader, {"page"}, page_id=copy.pk) for leader in template.leaders.all())
            partners.extend(
                copy_child(link, {"page"}, page_id=copy.pk)
                for link in template.partner_links.all()
                if link.organisation_id != organisation.pk
            )
            for name, rows in vocabularies.items():
                field = GroupPage._meta.get_field(name)
                through = field.remote_field.through
                source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
                rows.extend(through(**{source: copy.pk, target: item.pk}) for item in getattr(template, name).all())
        for model, rows in [
            (ScheduleRule, rules),
            (ExtraMeeting, extra),
            (GroupLeader, leaders),
            (GroupPartner, partners),
        ]:
            model.objects.bulk_create(rows, batch_size=self.BATCH)
        for name, rows in vocabularies.items():
            GroupPage._meta.get_field(name).remote_field.through.objects.bulk_create(rows, batch_size=self.BATCH)


def copy_child(child, exclude, **values):
    """An unsaved copy of a child row (without its key), with ``values`` set."""
    fields = {
        field.attname: getattr(child, field.attname)
        for field in child._meta.concrete_fields
        if not field.primary_key and field.name not in exclude
    }
    return type(child)(**fields, **values)


class _Children:
    """Tree positions for new children, as treebeard's ``add_child()`` gives them: each new child
    takes the step after its parent's last child, one level deeper; the URL path follows the slug."""

    def __init__(self):
        self.next_step = {}
        self.added = {}

    def place(self, page, parent):
        if parent.pk not in self.next_step:
            last = (
                Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            self.next_step[parent.pk] = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
        step = self.next_step[parent.pk]
        self.next_step[parent.pk] = step + 1
        self.added[parent.pk] = self.added.get(parent.pk, 0) + 1
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, step)
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"


def _insert_pages(pages):
    """Insert specific pages (multi-table: a ``wagtailcore_page`` row, then the page type's own row).

    Django's ``bulk_create()`` refuses multi-table models, so the two tables are written in two steps.
    """
    if not pages:
        return
    model = type(pages[0])
    page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    rows = [Page(**{field.attname: getattr(page, field.attname) for field in page_fields}) for page in pages]
    Page.objects.bulk_create(rows)
    for page, row in zip(pages, rows, strict=True):
        page.pk = page.page_ptr_id = page.id = row.pk
        page._state.adding = False
        page._state.db = row._state.db
    own_fields = model._meta.local_concrete_fields
    for first in range(0, len(pages), GroupFactory.BATCH):
        model._base_manager._insert(pages[first : first + GroupFactory.BATCH], fields=own_fields)


def build_indexes():
    """Meetings, the finder's index and Wagtail's search index for everything; seconds for each."""
    from django.core.management import call_command

    from groups.models import GroupPage, Meeting
    from groups.services import refresh_all_meetings
    from search.indexing import analyze_tables, rebuild_index

    timings = {}
    start = time.perf_counter()
    refresh_all_meetings()
    analyze_tables(Meeting)
    timings["meetings"] = time.perf_counter() - start
    start = time.perf_counter()
    rebuild_index()
    timings["finder index"] = time.perf_counter() - start
    start = time.perf_counter()
    call_command("update_index", verbosity=0, chunk_size=2000)
    analyze_tables(Page, GroupPage)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    timings["Wagtail index"] = time.perf_counter() - start
    return timings


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
