"""Writing a checked file to the database: organisations, venues and groups, both languages."""

from django.utils.text import slugify

from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page

from core.translation import copy_texts, create_translation

from .. import import_format as fmt
from ..vocabularies import language_names
from .checks import parse_date, parse_time
from .reading import item_location

# --- Writing --------------------------------------------------------------------------------

# A new page's address comes from its title, cut short: Wagtail adds "-2" to a slug that is taken,
# and a slug has at most 255 characters.
SLUG_LENGTH = 80

# The texts of an item and the page fields that hold them: (path in the item, page field, rich text?).
ORGANISATION_TEXTS = [(("name",), "title", False), (("description",), "description", True)]
GROUP_TEXTS = [
    (("title",), "title", False),
    (("summary",), "summary", False),
    (("description",), "description", True),
    (("cost_note",), "cost_note", False),
    (("online", "how_to_join"), "online_instructions", False),
]


def _publish(page, user=None):
    page.save_revision(user=user, log_action=True).publish(user=user)


def _slug(title, fallback):
    return slugify(title)[:SLUG_LENGTH].strip("-") or fallback


def _text_at(item, path):
    """The Text object at ``path`` in an item (``("online", "how_to_join")``), or an empty dict."""
    for key in path:
        item = (item or {}).get(key)
    return item or {}


class Importer:
    """Writes a checked file to the database. Use :func:`import_data`.

    Each item is compared with its export (the canonical form of what is stored); only an item
    that differs is written, and then the file's values replace the stored ones, with the Swedish
    texts the file leaves out kept (see :func:`import_format.kept_text`).
    """

    def __init__(self, data, report, user=None, progress=None):
        from core.signals import site_structure_needed

        from ..exporter import Exporter
        from ..models import ActivityType, Language, Municipality, TargetGroup

        self.data = data
        self.report = report
        self.user = user
        self.progress = progress
        self.location = ""
        # The home app makes the fixed pages (home pages, organisation lists...) if they are missing.
        site_structure_needed.send(sender=type(self))
        self.fi = Locale.objects.get(language_code="fi")
        self.sv = Locale.objects.get(language_code="sv")
        self.exporter = Exporter()
        self.municipalities = {m.code: m for m in Municipality.objects.all()}
        self.vocabularies = {
            "activity_types": {v.code: v for v in ActivityType.objects.all()},
            "target_groups": {v.code: v for v in TargetGroup.objects.all()},
            "languages": {v.code: v for v in Language.objects.all()},
        }
        self.vocabulary_order = {
            name: {code: position for position, code in enumerate(items)} for name, items in self.vocabularies.items()
        }

    def vocabulary_item(self, name, code):
        """The vocabulary row for ``code``; a real language not yet in the list is added from CLDR."""
        from ..models import Language

        item = self.vocabularies[name].get(code)
        if item is None and name == "languages":
            finnish, swedish = language_names(code)
            item, _created = Language.objects.get_or_create(
                code=code, defaults={"name_fi": finnish, "name_sv": swedish, "sort_order": 1000}
            )
            self.vocabularies[name][code] = item
        return item

    def run(self):
        for kind, method in (
            ("organisations", self.import_organisation),
            ("venues", self.import_venue),
            ("groups", self.import_group),
        ):
            items = self.data.get(kind, [])
            for index, item in enumerate(items):
                # Named in the message if the database still refuses something.
                self.location = item_location(self.data, (kind, index))
                method(item)
                if self.progress:
                    self.progress(kind, index + 1, len(items))
        self.location = ""

    # Texts of pages

    def set_finnish_texts(self, page, wanted, stored, fields):
        """Put the Finnish texts of ``wanted`` on ``page``.

        A rich text whose plain form did not change is left as it is, so that formatting an editor
        added in the admin (and that the format does not carry) survives an import.
        """
        for path, name, rich in fields:
            finnish = _text_at(wanted, path).get("fi", "")
            if rich and stored is not None and _text_at(stored, path).get("fi", "") == finnish:
                continue
            setattr(page, name, fmt.paragraphs_to_html(finnish) if rich else finnish)

    def sync_swedish(self, page, item, wanted, stored, fields):
        """Make the Swedish version of the (published) Finnish ``page`` show the Swedish of ``wanted``.

        Fields without Swedish show the Finnish text. With no Swedish at all the Swedish version is
        an alias of the Finnish page (or, if it was translated before, it shows the Finnish text as
        untranslated, with the notice).
        """
        translation = page.get_translation_or_none(self.sv)
        translated = self.exporter.swedish_version(page)
        values, from_file = {}, set()
        for path, name, rich in fields:
            swedish = _text_at(wanted, path).get("sv")
            if swedish is None:
                values[name] = getattr(page, name)
                continue
            if "sv" in _text_at(item, path):
                from_file.add(name)
            if translated is not None and _text_at(stored, path).get("sv") == swedish:
                continue  # unchanged: keeps any formatting the translator added
            values[name] = fmt.paragraphs_to_html(swedish) if rich else swedish

        if not any(_text_at(wanted, path).get("sv") for path, _name, _rich in fields):
            if translation is None:
                page.copy_for_translation(self.sv, copy_parents=True, alias=True)
            elif translated is not None:
                self.show_as_untranslated(translated, page)
            return

        if translation is None:
            values["slug"] = _slug(values.get("title") or page.title, page.slug)
        sources_before = dict(translated.translated_from) if translated is not None else {}
        translation = create_translation(page, self.sv, values)
        _publish(translation, self.user)
        if sources_before:
            untouched = set(page.translated_fields) - set(values) - from_file
            self.keep_out_of_date_marks(translation, sources_before, untouched)

    def keep_out_of_date_marks(self, translation, sources_before, names):
        """A translation the file did not touch stays marked out of date if the Finnish text changed.

        Publishing records the current Finnish texts as the ones the translation was made from;
        the fields in ``names`` (Swedish kept from before, or not in the format) got no new
        translation from the file, so their old record stays.
        """
        model = type(translation)
        sources = dict(model.objects.filter(pk=translation.pk).values_list("translated_from", flat=True).get())
        for name in names:
            if name in sources_before:
                sources[name] = sources_before[name]
        model.objects.filter(pk=translation.pk).update(translated_from=sources)

    def show_as_untranslated(self, translation, page):
        """Nothing of ``translation`` is translated any more: it shows the Finnish text, with the notice."""
        copy_texts(page, translation)
        _publish(translation, self.user)
        type(translation).objects.filter(pk=translation.pk).update(awaiting_translation=True, translated_from={})

    def move(self, page, parent):
        """Move ``page`` under ``parent``, with another slug if a page there already has its slug."""
        model = type(page)
        if not Page._slug_is_available(page.slug, parent, page):
            model.objects.filter(pk=page.pk).update(slug=find_available_slug(parent, page.slug))
        # Fresh from the database: the tree position of an object in memory may be out of date.
        model.objects.get(pk=page.pk).move(parent, pos="last-child")

    # Organisations

    def organisation(self, identifier):
        from organisations.models import OrganisationPage

        return OrganisationPage.objects.get(identifier=identifier, locale=self.fi)

    def import_organisation(self, item):
        from organisations.models import OrganisationIndexPage, OrganisationPage

        page = OrganisationPage.objects.filter(identifier=item["id"], locale=self.fi).first()
        stored = self.exporter.organisation(page) if page is not None else None
        wanted = fmt.canonical_organisation(item, stored)
        if stored == wanted and page.live:
            self.report.record("organisation", "unchanged")
            return
        contact = wanted.get("contact", {})
        values = {
            "identifier": wanted["id"],
            "kind": wanted["kind"],
            "business_id": wanted.get("business_id", ""),
            "municipality": self.municipalities.get(wanted.get("municipality")),
            "website": wanted.get("website", ""),
            "contact_name": contact.get("name", ""),
            "contact_phone": contact.get("phone", ""),
            "contact_email": contact.get("email", ""),
        }
        if page is None:
            # The Finnish organisation list: the child of the Finnish home page (depth 2).
            index = OrganisationIndexPage.objects.get(locale=self.fi, depth=3)
            page = OrganisationPage(
                locale=self.fi, slug=find_available_slug(index, _slug(wanted["name"]["fi"], item["id"])), **values
            )
            self.set_finnish_texts(page, wanted, stored, ORGANISATION_TEXTS)
            index.add_child(instance=page)
            self.report.record("organisation", "created")
        else:
            for name, value in values.items():
                setattr(page, name, value)
            self.set_finnish_texts(page, wanted, stored, ORGANISATION_TEXTS)
            self.report.record("organisation", "updated")
        _publish(page, self.user)
        page = OrganisationPage.objects.get(pk=page.pk)
        self.sync_swedish(page, item, wanted, stored, ORGANISATION_TEXTS)

    # Venues

    def import_venue(self, item):
        from ..models import Venue

        venue = Venue.objects.filter(identifier=item["id"]).first()
        stored = self.exporter.venue(venue) if venue is not None else None
        wanted = fmt.canonical_venue(item, stored)
        if stored == wanted:
            self.report.record("venue", "unchanged")
            return
        accessibility = wanted.get("accessibility", {})
        values = {
            "name_fi": wanted["name"]["fi"],
            "name_sv": wanted["name"].get("sv", ""),
            "street_address_fi": wanted.get("street_address", {}).get("fi", ""),
            "street_address_sv": wanted.get("street_address", {}).get("sv", ""),
            "postal_code": wanted.get("postal_code", ""),
            "municipality": self.municipalities[wanted["municipality"]],
            "latitude": wanted.get("latitude"),
            "longitude": wanted.get("longitude"),
            "step_free_entrance": accessibility.get("step_free_entrance"),
            "lift": accessibility.get("lift"),
            "accessible_toilet": accessibility.get("accessible_toilet"),
            "induction_loop": accessibility.get("induction_loop"),
            "accessibility_notes_fi": accessibility.get("notes", {}).get("fi", ""),
            "accessibility_notes_sv": accessibility.get("notes", {}).get("sv", ""),
            "getting_there_fi": wanted.get("getting_there", {}).get("fi", ""),
            "getting_there_sv": wanted.get("getting_there", {}).get("sv", ""),
        }
        if venue is None:
            venue = Venue(identifier=item["id"], owner=self.venue_owner(item["id"]), **values)
            self.report.record("venue", "created")
        else:
            for name, value in values.items():
                setattr(venue, name, value)
            if venue.owner_id is None:
                venue.owner = self.venue_owner(item["id"])
            self.report.record("venue", "updated")
        venue.full_clean()
        venue.save()
        venue.save_revision(user=self.user, log_action=True)

    def venue_owner(self, identifier):
        """A new venue is kept up to date by the organiser of the first group that meets there."""
        for group in self.data["groups"]:
            if group.get("venue") == identifier:
                return self.organisation(group["organiser"])
        return None

    # Groups

    def import_group(self, item):
        from ..models import Cancellation, ExtraMeeting, GroupLeader, GroupPage, GroupPartner, ScheduleRule, Venue

        page = GroupPage.objects.filter(identifier=item["id"], locale=self.fi).first()
        stored = self.exporter.group(page) if page is not None else None
        wanted = fmt.canonical_group(item, self.vocabulary_order, stored)
        # Imported content is published: a page unpublished in the admin is published again.
        if stored == wanted and page.live:
            self.report.record("group", "unchanged")
            return

        organiser = self.organisation(wanted["organiser"])
        if page is None:
            page = GroupPage(
                locale=self.fi, slug=find_available_slug(organiser, _slug(wanted["title"]["fi"], item["id"]))
            )
            self.report.record("group", "created")
            created = True
        else:
            if page.get_parent().pk != organiser.pk:
                self.move_group(page, organiser)
            # The live page at its (new) place: the file's values replace the published ones.
            page = GroupPage.objects.get(pk=page.pk)
            self.report.record("group", "updated")
            created = False

        contact = wanted.get("contact", {})
        online = wanted.get("online")
        values = {
            "identifier": wanted["id"],
            "plain_language": wanted["plain_language"],
            "venue": Venue.objects.get(identifier=wanted["venue"]) if wanted.get("venue") else None,
            "is_online": online is not None,
            "free_of_charge": wanted["free_of_charge"],
            "registration": wanted["registration"],
            "anonymous_ok": wanted["anonymous_ok"],
            "children_welcome": wanted["children_welcome"],
            "contact_name": contact.get("name", ""),
            "contact_phone": contact.get("phone", ""),
            "contact_email": contact.get("email", ""),
            "status": wanted["status"],
        }
        for name, value in values.items():
            setattr(page, name, value)
        self.set_finnish_texts(page, wanted, stored, GROUP_TEXTS)
        for name in ("activity_types", "target_groups", "languages"):
            setattr(page, name, [self.vocabulary_item(name, code) for code in wanted[name]])
        schedule = wanted.get("schedule", {})
        page.schedule_rules = [
            ScheduleRule(
                frequency=rule["frequency"],
                weekday=fmt.WEEKDAYS.index(rule["weekday"]),
                week_of_month=rule.get("week_of_month"),
                start_time=parse_time(rule["start"]),
                end_time=parse_time(rule["end"]),
                valid_from=parse_date(rule["from"]),
                valid_until=parse_date(rule["until"]) if rule.get("until") else None,
                skip_public_holidays=bool(rule.get("skip_public_holidays")),
                sort_order=position,
            )
            for position, rule in enumerate(schedule.get("rules", []))
        ]
        page.extra_meetings = [
            ExtraMeeting(
                date=parse_date(m["date"]),
                start_time=parse_time(m["start"]),
                end_time=parse_time(m["end"]),
                sort_order=position,
            )
            for position, m in enumerate(schedule.get("dates", []))
        ]
        page.leaders = [
            GroupLeader(
                kind=leader["kind"],
                name=leader.get("name", ""),
                organisation=self.organisation(leader["organisation"]) if leader.get("organisation") else None,
                sort_order=position,
            )
            for position, leader in enumerate(wanted.get("leaders", []))
        ]
        # The file's order is kept (sort_order), so an export lists partners and leaders as imported.
        page.partner_links = [
            GroupPartner(organisation=self.organisation(partner), sort_order=position)
            for position, partner in enumerate(wanted.get("partners", []))
        ]

        if created:
            organiser.add_child(instance=page)
        _publish(page, self.user)
        page = GroupPage.objects.get(pk=page.pk)
        self.sync_cancellations(page, schedule.get("cancelled", []), Cancellation)
        self.sync_swedish(page, item, wanted, stored, GROUP_TEXTS)

    def move_group(self, page, organiser):
        """The organiser changed: move the group (and its Swedish version) under the new one."""
        swedish = page.get_translation_or_none(self.sv)
        self.move(page, organiser)
        swedish_parent = organiser.get_translation_or_none(self.sv)
        if swedish is not None and swedish_parent is not None:
            self.move(swedish, swedish_parent)

    def sync_cancellations(self, page, items, model):
        """Make the active cancellations equal to the file's; others are withdrawn, not deleted."""
        from django.utils import timezone

        wanted = {parse_date(c["date"]): c.get("reason", {}) for c in items}
        active = {c.date: c for c in model.objects.filter(group=page, withdrawn_at__isnull=True)}
        for date, cancellation in active.items():
            if date not in wanted:
                cancellation.withdrawn_at = timezone.now()
                cancellation.withdrawn_by = self.user
                cancellation.save()
        for date, reason in wanted.items():
            cancellation = active.get(date)
            if cancellation is None:
                model.objects.create(
                    group=page,
                    date=date,
                    reason_fi=reason.get("fi", ""),
                    reason_sv=reason.get("sv", ""),
                    created_by=self.user,
                )
            elif (cancellation.reason_fi, cancellation.reason_sv) != (reason.get("fi", ""), reason.get("sv", "")):
                cancellation.reason_fi, cancellation.reason_sv = reason.get("fi", ""), reason.get("sv", "")
                cancellation.save()
