"""The brochure: any finder selection as an A4 PDF to print (see docs/brochure.md).

Many of the people the groups are for do not go online, so a social worker, a librarian or a
parish worker prints the groups for them, or for a notice board. The brochure is the finder's
selection (the same filters, the same language) grouped by municipality and weekday, with
everything a person needs to just walk in and a QR code to the group's page. It is HTML made from
the same partials as the pages, laid out by the print stylesheet, and turned into PDF by
WeasyPrint; the PDF is cached per selection until a group changes.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.qr import qr_png_data_uri
from core.translation import untranslated_fields
from groups.models import GroupPage, GroupPartner, Meeting, Municipality, Status
from groups.schedule import describe_rule, describe_single
from organisations.models import OrganisationPage

from .filters import WEEKDAY_CHOICES
from .models import selection_in_words
from .pdf import STATIC_PREFIX, html_to_pdf
from .services import find_groups, selection_cache_key

# At most this many groups go into one brochure. The whole county is a few hundred; a selection
# larger than this would be a book nobody prints, and rendering it would hold a server process
# for longer than a request may take, so the cover says how to narrow it down instead.
MAX_GROUPS = 400
# Coming meetings listed per group (cancelled ones included and marked), however far ahead they are.
MEETINGS_SHOWN = 3
# The PDF of a selection is kept until a group changes (the finder's data version), but not
# longer than this: its "next meetings" should not list one that has already taken place.
CACHE_SECONDS = 30 * 60
# The PDF of one HTML: it is right as long as the same HTML is made again (the HTML has the date,
# the groups and their next meetings), so it is kept longer, to be found again after changes to
# other groups.
PDF_CACHE_SECONDS = 6 * 3600
CACHE_PREFIX = "search:brochure"
QR_CACHE_SECONDS = 30 * 24 * 3600

STYLESHEETS = ("css/print.css", "css/brochure.css")


@dataclass
class BrochureEntry:
    """One group as the brochure shows it, with everything fetched in advance."""

    group: GroupPage
    url: str
    qr_code: str  # a data: URI of a PNG image that opens ``url``
    organisers: list  # the organisation pages (of this language's tree) that run the group, then its partners
    target_groups: list
    languages: list
    schedule: list
    single_dates: list
    meetings: list
    weekdays: list
    contact: object  # groups.models.ContactDetails (the group's or its organiser's), or None
    feedback_url: str = ""  # the group's anonymous feedback form (active groups only)
    feedback_qr_code: str = ""  # a data: URI of a PNG image that opens ``feedback_url``

    @property
    def is_paused(self):
        return self.group.status == Status.PAUSED

    @property
    def has_times(self):
        """Whether the group has any regular time or single date to come."""
        return bool(self.schedule or self.single_dates)

    @property
    def has_finnish_text(self):
        """Whether a reader of another language sees some of the group's own texts in Finnish."""
        return bool(untranslated_fields(self.group))

    @property
    def anchor(self):
        return f"group-{self.group.pk}"

    @property
    def display_url(self):
        """The address as printed: without ``https://``, which nobody types."""
        return self.url.split("://", 1)[-1]


@dataclass
class DaySection:
    """The groups of one municipality that meet on one weekday (``weekday`` None: no regular day)."""

    weekday: int | None
    label: str
    entries: list = field(default_factory=list)  # BrochureEntry, shown in full here
    see_also: list = field(default_factory=list)  # BrochureEntry shown in full under an earlier day

    @property
    def anchor_suffix(self):
        return "other" if self.weekday is None else str(self.weekday)


@dataclass
class MunicipalitySection:
    """One municipality's groups by weekday; ``municipality`` None is the groups that meet only online."""

    municipality: Municipality | None
    label: str
    days: list = field(default_factory=list)

    @property
    def anchor(self):
        return f"place-{self.municipality.code if self.municipality else 'online'}"


@dataclass
class Brochure:
    """Everything the brochure template shows for one selection."""

    language: str
    title: str
    selection: list  # the selection in words: ["Kokkola", "Tiistai", "Musiikki ja laulu"]
    date: datetime.date
    finder_url: str  # the finder with the same selection, absolute
    finder_qr_code: str
    sections: list
    count: int  # groups in the selection
    shown: int  # groups in the brochure (fewer than ``count`` past MAX_GROUPS)
    any_untranslated: bool

    @property
    def is_cut_short(self):
        return self.shown < self.count

    @property
    def date_text(self):
        return date_format(self.date, "j.n.Y")


def qr_code(url):
    """A QR code that opens ``url``, as a PNG ``data:`` URI for an ``<img>``; cached by the address.

    One pixel per module, scaled up by the stylesheet without smoothing (``image-rendering:
    pixelated``), so it prints sharp at any size and costs WeasyPrint almost nothing to draw (an
    SVG path of the same code took it a tenth of a second). Medium error correction survives a
    crease or a bad photocopy. Choosing the mask that scans best takes ~25 ms in pure Python,
    and a group's address rarely changes, so codes are kept in the cache for a month.
    """
    key = f"{CACHE_PREFIX}:qr:{hashlib.sha256(url.encode()).hexdigest()}"
    uri = cache.get(key)
    if uri is None:
        uri = qr_png_data_uri(url)
        cache.set(key, uri, timeout=QR_CACHE_SECONDS)
    return uri


def group_weekdays(rules, single_dates, today):
    """The weekdays a group meets on: those of its current rules, else of its coming single dates."""
    days = [rule.weekday for rule in rules if rule.valid_until is None or rule.valid_until >= today]
    if not days:
        days = [single.date.weekday() for single in sorted(single_dates, key=lambda s: s.date) if single.date >= today]
    return list(dict.fromkeys(days))


def _day_start(entry, weekday):
    """When the group starts on ``weekday`` (for the order within a day)."""
    times = [rule.start_time for rule in entry.group.schedule_rules.all() if rule.weekday == weekday]
    times += [single.start_time for single in entry.group.extra_meetings.all() if single.date.weekday() == weekday]
    return min(times) if times else datetime.time.max


def selected_groups(results):
    """The groups of a finder result, all of them (not one result page), with what the brochure needs.

    A fixed number of queries however many groups there are: the group rows, and one query for each
    kind of related row.
    """
    if hasattr(results.groups, "ids"):  # ranked by a search text
        ids = results.groups.ids
        pages = GroupPage.objects.filter(pk__in=ids[:MAX_GROUPS])
        count = len(ids)
    else:
        count = results.groups.count()
        pages = GroupPage.objects.filter(pk__in=list(results.groups.values_list("pk", flat=True)[:MAX_GROUPS]))
    pages = pages.select_related("venue__municipality", "locale").prefetch_related(
        "schedule_rules",
        "extra_meetings",
        "activity_types",
        "target_groups",
        "languages",
        Prefetch("partner_links", queryset=GroupPartner.objects.select_related("organisation")),
    )
    return list(pages), count


def coming_meetings(groups, now=None):
    """{translation_key: [Meeting]}: the next few meetings of each group, cancelled ones included.

    However far ahead they are: a group whose only meeting is in three months lists it (the rows
    include each rule's next meetings and every coming single date, docs/meetings.md). One query
    for all groups: the rows are numbered per group in the database and only the first few read.
    """
    now = now or timezone.now()
    numbered = Meeting.objects.filter(
        translation_key__in=[group.translation_key for group in groups], end__gt=now
    ).annotate(
        number=Window(RowNumber(), partition_by=[F("translation_key")], order_by=[F("start").asc(), F("pk").asc()])
    )
    meetings = {}
    for meeting in numbered.filter(number__lte=MEETINGS_SHOWN).select_related("cancellation").order_by("start"):
        meetings.setdefault(meeting.translation_key, []).append(meeting)
    return meetings


def organisations_of(groups, locale):
    """{path: page} and {translation_key: page}: the organisers and partners of ``groups`` in ``locale``'s tree.

    One query. Partner links point at the Finnish organisation pages; the brochure shows the
    reader's version, with its contact details (the fallback when a group has none).
    """
    paths = {group.path[: -GroupPage.steplen] for group in groups}
    keys = {link.organisation.translation_key for group in groups for link in group.partner_links.all()}
    pages = list(
        OrganisationPage.objects.live().filter(locale=locale).filter(Q(path__in=paths) | Q(translation_key__in=keys))
    )
    return {page.path: page for page in pages}, {page.translation_key: page for page in pages}


def build_entries(groups, locale, request, today=None):
    """A :class:`BrochureEntry` for each group page (of ``locale``'s tree)."""
    today = today or timezone.localdate()
    by_path, by_key = organisations_of(groups, locale)
    meetings = coming_meetings(groups)

    def local(organisation):
        # Partner links are facts: they point at the Finnish organisation page; show this tree's version.
        if organisation is None:
            return None
        return by_key.get(organisation.translation_key, organisation)

    entries = []
    for group in groups:
        url = request.build_absolute_uri(group.get_url(request))
        feedback_path = group.feedback_url(request) if group.status == Status.ACTIVE else None
        feedback_url = request.build_absolute_uri(feedback_path) if feedback_path else ""
        rules = list(group.schedule_rules.all())
        singles = list(group.extra_meetings.all())
        organiser = by_path.get(group.path[: -GroupPage.steplen])
        entries.append(
            BrochureEntry(
                group=group,
                url=url,
                qr_code=qr_code(url),
                organisers=[
                    page
                    for page in [organiser, *(local(link.organisation) for link in group.partner_links.all())]
                    if page is not None
                ],
                target_groups=[target.name for target in group.specific_target_groups()],
                languages=[language.name for language in group.languages.all()],
                schedule=[
                    describe_rule(rule, today)
                    for rule in rules
                    if rule.valid_until is None or rule.valid_until >= today
                ],
                single_dates=[
                    describe_single(single)
                    for single in sorted(singles, key=lambda s: (s.date, s.start_time))
                    if single.date >= today
                ],
                meetings=meetings.get(group.translation_key, []),
                weekdays=group_weekdays(rules, singles, today),
                # Without the organiser page (unpublished, say) the group's own contact only.
                contact=group.contact_details(organiser) if organiser is not None else _own_contact(group),
                feedback_url=feedback_url,
                feedback_qr_code=qr_code(feedback_url) if feedback_url else "",
            )
        )
    return entries


def _own_contact(group):
    if group.contact_name or group.contact_phone or group.contact_email:
        return group.contact_details()
    return None


def arrange(entries, chosen_weekdays=()):
    """Group entries by municipality (in the vocabulary's order, online-only groups last), then weekday.

    A group that meets on several days is shown in full under the first of them and named under
    the others with a reference to its page. When the selection is for some weekdays, only those
    days get a heading. A group with no time to come (its rules have ended and no date is
    announced) is under a heading that says so, last.
    """
    chosen = {day for day, (code, _label) in enumerate(WEEKDAY_CHOICES) if code in chosen_weekdays}
    labels = dict(enumerate(str(label) for _code, label in WEEKDAY_CHOICES))
    places = {}
    for entry in entries:
        venue = entry.group.venue
        municipality = venue.municipality if venue else None
        key = (0, municipality.sort_order, municipality.code) if municipality else (1, 0, "")
        if key not in places:
            label = municipality.name if municipality else _("Online")
            places[key] = MunicipalitySection(municipality, label)
        section = places[key]
        days = [day for day in entry.weekdays if day in chosen] or entry.weekdays or [None]
        for position, day in enumerate(days):
            found = next((existing for existing in section.days if existing.weekday == day), None)
            if found is None:
                found = DaySection(day, labels[day] if day is not None else _("No times announced"))
                section.days.append(found)
            (found.entries if position == 0 else found.see_also).append(entry)
    sections = [places[key] for key in sorted(places)]
    for section in sections:
        section.days.sort(key=lambda day: 7 if day.weekday is None else day.weekday)
        for day in section.days:
            day.entries.sort(key=lambda entry, day=day: (_day_start(entry, day.weekday), entry.group.title.casefold()))
            day.see_also.sort(key=lambda entry, day=day: (_day_start(entry, day.weekday), entry.group.title.casefold()))
    return sections


def build_brochure(finder, request, params=None):
    """The brochure of the finder selection in ``params`` (the request's GET parameters by default)."""
    params = request.GET if params is None else params
    locale = finder.locale
    results = find_groups(locale, params)
    selection = selection_in_words(params, results)
    groups, count = selected_groups(results)
    entries = build_entries(groups, locale, request)
    finder_url = request.build_absolute_uri(finder.get_url(request))
    if selection["query_string"]:
        finder_url = f"{finder_url}?{selection['query_string']}"
    return Brochure(
        language=locale.language_code,
        title=finder.title,
        selection=[str(item["label"]) for item in selection["items"]],
        date=timezone.localdate(),
        finder_url=finder_url,
        finder_qr_code=qr_code(finder_url),
        sections=arrange(entries, results.selected.get("weekday") or ()),
        count=count,
        shown=len(entries),
        any_untranslated=any(entry.has_finnish_text for entry in entries),
    )


def render_html(brochure):
    """The brochure as an HTML document (what WeasyPrint lays out)."""
    with translation.override(brochure.language):
        return render_to_string(
            "search/brochure.html",
            {"brochure": brochure, "stylesheets": [STATIC_PREFIX + name for name in STYLESHEETS]},
        )


def render_pdf(brochure):
    """The brochure as PDF bytes: a tagged PDF (PDF/UA), so that screen readers can read it too."""
    return html_to_pdf(render_html(brochure), STYLESHEETS)


def brochure_filename(finder, brochure):
    """``ryhmat-kokkola-tiistai-2026-11-23.pdf``: the finder's slug, the selection and the date."""
    words = slugify(" ".join(brochure.selection))[:60].strip("-")
    parts = [finder.slug, words, brochure.date.isoformat()]
    return "-".join(part for part in parts if part) + ".pdf"


def cache_key(finder, request, params):
    """The cache key of a selection (:func:`search.services.selection_cache_key`)."""
    return selection_cache_key(CACHE_PREFIX, finder, request, params)


@dataclass
class PreparedBrochure:
    pdf: bytes
    filename: str
    rendered: bool  # laid out now (seconds), not found in the cache


def brochure_pdf(finder, request):
    """``(pdf, filename)`` of the request's selection: from the cache if no group changed since."""
    prepared = prepare_brochure(finder, request)
    return prepared.pdf, prepared.filename


def prepare_brochure(finder, request, refresh=False):
    """The brochure of the request's selection, laid out only if no PDF of the same content is cached.

    Two caches, shared by the app servers: the selection's key (:func:`cache_key`: its filters,
    the day and the finder's data version) leads to the PDF without reading a group; after any
    change to any group (a new data version), the brochure's HTML is made again (a fraction of a
    second), and a PDF already made of exactly the same HTML is used again: an edit in Kokkola
    does not make Kaustinen's brochure wait for WeasyPrint. ``refresh`` makes the HTML even if the
    selection is cached (``manage.py warm_brochures``, so that its key never runs out).
    """
    language = finder.locale.language_code
    with translation.override(language):
        key = cache_key(finder, request, request.GET)
        if not refresh:
            found = cache.get(key)
            pdf = cache.get(found[0]) if found is not None else None
            if pdf is not None:
                return PreparedBrochure(pdf, found[1], rendered=False)
        brochure = build_brochure(finder, request)
        html = render_html(brochure)
        filename = brochure_filename(finder, brochure)
    pdf_key = f"{CACHE_PREFIX}:pdf:{hashlib.sha256(html.encode()).hexdigest()}"
    pdf = cache.get(pdf_key)
    rendered = pdf is None
    if rendered:
        pdf = html_to_pdf(html, STYLESHEETS)
        cache.set(pdf_key, pdf, timeout=PDF_CACHE_SECONDS)
    cache.set(key, (pdf_key, filename), timeout=CACHE_SECONDS)
    return PreparedBrochure(pdf, filename, rendered)
