"""The brochure: any finder selection as an A4 PDF to print (see docs/brochure.md).

Many of the people the groups are for do not go online, so a social worker, a librarian or a
parish worker prints the groups for them, or for a notice board. The brochure is the finder's
selection (the same filters, the same language) grouped by municipality and weekday, with
everything a person needs to just walk in and a QR code to the group's page. It is HTML made from
the same partials as the pages, laid out by the print stylesheet, and turned into PDF by
WeasyPrint; the PDF is cached per selection until a group changes.
"""

import base64
import datetime
import hashlib
import io
import json
from dataclasses import dataclass, field

import qrcode

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from groups.models import GroupPage, GroupPartner, Meeting, Municipality, Status
from groups.schedule import describe_rule, describe_single
from home.i18n import SOURCE_LANGUAGE

from .filters import WEEKDAY_CHOICES, clean_parameters, vocabulary_choices
from .services import clean_query, data_version, find_groups, organisation_pages, selection_links

# At most this many groups go into one brochure. The whole county is a few hundred; a selection
# larger than this would be a book nobody prints, and rendering it would hold a server process
# for longer than a request may take, so the cover says how to narrow it down instead.
MAX_GROUPS = 400
# Coming meetings listed per group (cancelled ones included and marked), from this many days ahead.
MEETINGS_SHOWN = 3
MEETINGS_WINDOW_DAYS = 45
# The PDF of a selection is kept until a group changes (the finder's data version), but not
# longer than this: its "next meetings" should not list one that has already taken place.
CACHE_SECONDS = 30 * 60
CACHE_PREFIX = "search:brochure"
QR_CACHE_SECONDS = 30 * 24 * 3600

STYLESHEETS = ("css/print.css", "css/brochure.css")


@dataclass
class BrochureEntry:
    """One group as the brochure shows it, with everything fetched in advance."""

    group: GroupPage
    url: str
    qr_code: str  # a data: URI of an SVG image that opens ``url``
    organisers: list  # the organisation that runs the group, then its partners (names)
    target_groups: list
    languages: list
    schedule: list
    single_dates: list
    meetings: list
    weekdays: list
    text_language: str | None  # "fi" when a Swedish reader gets the Finnish text

    @property
    def is_paused(self):
        return self.group.status == Status.PAUSED

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
        uri = _qr_code_uri(url)
        cache.set(key, uri, timeout=QR_CACHE_SECONDS)
    return uri


def _qr_code_uri(url):
    from PIL import Image

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()  # rows of booleans, True is a dark module, with the quiet zone
    image = Image.new("1", (len(matrix), len(matrix)))
    image.putdata([0 if dark else 1 for row in matrix for dark in row])
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _untranslated(page, language):
    """Whether a page of ``language``'s tree still shows the Finnish source text."""
    return (bool(page.alias_of_id) or page.awaiting_translation) and language != SOURCE_LANGUAGE


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
    """{translation_key: [Meeting]}: the next few meetings of each group, cancelled ones included."""
    now = now or timezone.now()
    last_day = timezone.localdate(now) + datetime.timedelta(days=MEETINGS_WINDOW_DAYS)
    meetings = {}
    rows = Meeting.objects.filter(
        translation_key__in=[group.translation_key for group in groups], end__gt=now, date__lte=last_day
    ).select_related("cancellation")
    for meeting in rows.order_by("start"):
        listed = meetings.setdefault(meeting.translation_key, [])
        if len(listed) < MEETINGS_SHOWN:
            listed.append(meeting)
    return meetings


def build_entries(groups, locale, request, today=None):
    """A :class:`BrochureEntry` for each group page (of ``locale``'s tree)."""
    today = today or timezone.localdate()
    language = locale.language_code
    organisations = organisation_pages(locale)
    by_path = {page.path: page for page in organisations.values()}
    by_key = {page.translation_key: page for page in organisations.values()}
    meetings = coming_meetings(groups)

    def local(organisation):
        # Partner links are facts: they point at the Finnish organisation page; show this tree's version.
        if organisation is None:
            return None
        return by_key.get(organisation.translation_key, organisation)

    entries = []
    for group in groups:
        url = request.build_absolute_uri(group.get_url(request))
        rules = list(group.schedule_rules.all())
        singles = list(group.extra_meetings.all())
        entries.append(
            BrochureEntry(
                group=group,
                url=url,
                qr_code=qr_code(url),
                organisers=[
                    page.title
                    for page in [by_path.get(group.path[: -GroupPage.steplen])]
                    + [local(link.organisation) for link in group.partner_links.all()]
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
                text_language=SOURCE_LANGUAGE if _untranslated(group, language) else None,
            )
        )
    return entries


def arrange(entries, chosen_weekdays=()):
    """Group entries by municipality (in the vocabulary's order, online-only groups last), then weekday.

    A group that meets on several days is shown in full under the first of them and named under
    the others with a reference to its page. When the selection is for some weekdays, only those
    days get a heading.
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
                found = DaySection(day, labels[day] if day is not None else _("Meets on changing dates"))
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
    selection = selection_links(params, results)
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
        any_untranslated=any(entry.text_language for entry in entries),
    )


STATIC_PREFIX = "brochure-static:"


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Lets WeasyPrint read the brochure's own stylesheets and ``data:`` URIs, and nothing else.

        The brochure's HTML contains text that editors wrote; with WeasyPrint's own fetcher, an
        image or stylesheet address in it would make the server fetch any URL it can reach.
        """

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            name = url.removeprefix(STATIC_PREFIX)
            if url.startswith(STATIC_PREFIX) and name in STYLESHEETS:
                return URLFetcherResponse(url, stylesheet(name), {"Content-Type": "text/css; charset=utf-8"})
            raise ValueError(f"The brochure loads only its own stylesheets, not {url[:100]!r}")

    return StaticOnlyFetcher


def stylesheet(name):
    """The text of one of the site's stylesheets (from the app's static files or ``STATIC_ROOT``)."""
    from django.conf import settings

    path = finders.find(name) or (settings.STATIC_ROOT / name)
    with open(path, "rb") as file:
        return file.read()


def render_html(brochure):
    """The brochure as an HTML document (what WeasyPrint lays out)."""
    with translation.override(brochure.language):
        return render_to_string(
            "search/brochure.html",
            {"brochure": brochure, "stylesheets": [STATIC_PREFIX + name for name in STYLESHEETS]},
        )


def render_pdf(brochure):
    """The brochure as PDF bytes: a tagged PDF (PDF/UA), so that screen readers can read it too."""
    from weasyprint import HTML

    document = HTML(string=render_html(brochure), url_fetcher=_fetcher_class()(), base_url=STATIC_PREFIX)
    return document.write_pdf(pdf_variant="pdf/ua-1")


def brochure_filename(finder, brochure):
    """``ryhmat-kokkola-tiistai-2026-11-23.pdf``: the finder's slug, the selection and the date."""
    words = slugify(" ".join(brochure.selection))[:60].strip("-")
    parts = [finder.slug, words, brochure.date.isoformat()]
    return "-".join(part for part in parts if part) + ".pdf"


def cache_key(finder, request, params):
    """The cache key of a selection: site address, language, normalised filters, search text, date.

    Unknown parameters and ``page`` are not part of it (they do not change the brochure), and the
    finder's data version is, so every change to a group makes a new key.
    """
    data, _dropped = clean_parameters(
        params, organisation_pages=organisation_pages(finder.locale), choices=vocabulary_choices()
    )
    selection = json.dumps(
        [
            request.build_absolute_uri("/"),
            finder.pk,
            finder.locale.language_code,
            clean_query(params.get("q")),
            sorted(data.items()),
            timezone.localdate().isoformat(),
        ],
        sort_keys=True,
        default=list,
    )
    return f"{CACHE_PREFIX}:{data_version()}:{hashlib.sha256(selection.encode()).hexdigest()}"


def brochure_pdf(finder, request):
    """``(pdf, filename)`` of the request's selection: from the cache if no group changed since.

    Rendering takes seconds and the same selections (everything, one municipality) are printed
    again and again, so the PDF is shared by the app servers through the cache.
    """
    language = finder.locale.language_code
    with translation.override(language):
        key = cache_key(finder, request, request.GET)
        cached = cache.get(key)
        if cached is not None:
            return cached
        brochure = build_brochure(finder, request)
        value = (render_pdf(brochure), brochure_filename(finder, brochure))
    cache.set(key, value, timeout=CACHE_SECONDS)
    return value
