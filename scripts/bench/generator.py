"""The benchmark's groups: copies of the demo groups written into the page tree in bulk.

A development tool (``make bench``, scripts/bench/run.py), not part of the site. Generated groups
are copies of the demo groups under other organisations and venues, with a running number in
the title, written into the page tree in bulk (no revisions, no admin hooks, see
:class:`GroupFactory`), because creating 20,000 pages one by one takes over an hour. Meetings, the
finder's index and Wagtail's own search index are then built in bulk (:func:`build_indexes`).
"""

import random
import time

from django.db import connection, transaction
from django.utils import timezone

from wagtail.models import Locale, Page

from core.translation import source_texts


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

        self.random = random.Random(seed)
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
    takes the step after its parent's last child (``get_last_child()``), one level deeper; the URL
    path follows the slug. Parents' child counts are added up in ``added`` for one update each."""

    def __init__(self):
        self.next_step = {}
        self.added = {}

    def place(self, page, parent):
        if parent.pk not in self.next_step:
            last = parent.get_last_child()
            self.next_step[parent.pk] = step_number(last.path[-Page.steplen :]) + 1 if last else 1
        step = self.next_step[parent.pk]
        self.next_step[parent.pk] = step + 1
        self.added[parent.pk] = self.added.get(parent.pk, 0) + 1
        page.depth = parent.depth + 1
        page.path = parent.path + path_step(step)
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"


# treebeard's materialised path, as its documentation describes it: a node's path is its parent's
# path and one step, the node's position among its siblings written in ``steplen`` digits of
# ``alphabet`` (Wagtail: four base-36 digits). Only these public attributes are used.


def path_step(number):
    """The step of the ``number``-th child (from 1): ``path_step(1) == "0001"`` in Wagtail."""
    alphabet, digits = Page.alphabet, ""
    while number:
        number, digit = divmod(number, len(alphabet))
        digits = alphabet[digit] + digits
    return digits.rjust(Page.steplen, alphabet[0])


def step_number(step):
    """The position that a path step stands for: the inverse of :func:`path_step`."""
    number = 0
    for digit in step:
        number = number * len(Page.alphabet) + Page.alphabet.index(digit)
    return number


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
