"""Import organisations, venues and groups from a ``lowthreshold-groups/1`` file.

The import is all-or-nothing: the whole file is checked first and every problem is reported with
the item and the field it concerns; only a file without problems is written, inside one
transaction. Items are matched by their ``id``, so importing the same file twice changes nothing.
Imported content is published; Swedish texts become the Swedish versions of the pages.
"""

import datetime
import json
from collections import Counter
from dataclasses import dataclass, field

from jsonschema import Draft202012Validator, FormatChecker

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.coreutils import find_available_slug
from wagtail.models import Locale

from home.translation import create_translation

from . import import_format as fmt
from .vocabularies import language_names


@dataclass
class Problem:
    """One thing wrong with an import file: where it is and what is wrong."""

    location: str
    message: str

    def __str__(self):
        return f"{self.location}: {self.message}" if self.location else self.message


class ImportFailed(Exception):
    """The file was refused; nothing was changed. ``problems`` says why."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    dry_run: bool = False

    def record(self, kind, outcome):
        getattr(self, outcome)[kind] += 1

    def lines(self):
        kinds = [("organisation", _("Organisations")), ("venue", _("Venues")), ("group", _("Groups"))]
        return [
            _("%(kind)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged")
            % {
                "kind": label,
                "created": self.created[kind],
                "updated": self.updated[kind],
                "unchanged": self.unchanged[kind],
            }
            for kind, label in kinds
        ]


# --- Reading and checking -------------------------------------------------------------------


def read_file(path):
    """Read and parse an import file, or raise :class:`ImportFailed` saying why it cannot be read."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        raise ImportFailed([Problem("", _("Cannot read the file: %(error)s") % {"error": error.strerror})]) from error
    return parse(raw)


def parse(raw):
    """Parse the bytes of an import file."""
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFailed([Problem("", _("The file is not UTF-8 text."))]) from error
    try:
        return json.loads(content)
    except json.JSONDecodeError as error:
        raise ImportFailed(
            [
                Problem(
                    "",
                    _("The file is not valid JSON: %(error)s (line %(line)d, column %(column)d).")
                    % {"error": error.msg, "line": error.lineno, "column": error.colno},
                )
            ]
        ) from error


def _item_label(data, path):
    """``groups[2] "aamupala-kokkola"``: the list, the position and the id of the item at ``path``."""
    if len(path) >= 2 and path[0] in {"organisations", "venues", "groups"} and isinstance(path[1], int):
        label = f"{path[0]}[{path[1]}]"
        try:
            identifier = data[path[0]][path[1]].get("id")
        except (AttributeError, IndexError, KeyError, TypeError):
            identifier = None
        if isinstance(identifier, str):
            label += f' "{identifier}"'
        return label, path[2:]
    return "", path


def _field_path(parts):
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _location(data, path):
    label, rest = _item_label(data, list(path))
    field_path = _field_path(rest)
    if label and field_path:
        return _("%(item)s, field %(field)s") % {"item": label, "field": field_path}
    return label or (_("field %(field)s") % {"field": field_path} if field_path else _("the file"))


def _schema_message(error):
    """A plain-language message for a JSON Schema error."""
    validator, value = error.validator, error.validator_value
    if validator == "required":
        missing = [name for name in value if isinstance(error.instance, dict) and name not in error.instance]
        return _("required field missing: %(fields)s") % {"fields": ", ".join(missing)}
    if validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return _("unknown field: %(fields)s") % {"fields": ", ".join(extra)}
    if validator == "enum":
        return _("unknown value %(value)s; allowed values: %(allowed)s") % {
            "value": json.dumps(error.instance, ensure_ascii=False),
            "allowed": ", ".join(json.dumps(v, ensure_ascii=False) for v in value),
        }
    if validator == "const":
        return _("must be %(value)s") % {"value": json.dumps(value)}
    if validator == "type":
        return _("wrong type: expected %(expected)s") % {
            "expected": value if isinstance(value, str) else ", ".join(value)
        }
    if validator == "pattern":
        return _("%(value)s does not have the expected form (%(pattern)s)") % {
            "value": json.dumps(error.instance, ensure_ascii=False),
            "pattern": value,
        }
    if validator == "minLength":
        return _("must not be empty")
    if validator == "minItems":
        return _("must have at least %(count)d item(s)") % {"count": value}
    if validator in {"minimum", "maximum"}:
        return _("%(value)s is out of range") % {"value": error.instance}
    if validator == "format":
        return _("%(value)s is not a valid %(format)s") % {
            "value": json.dumps(error.instance, ensure_ascii=False),
            "format": value,
        }
    return error.message


def check_schema(data):
    """Problems with the file's structure, as JSON Schema sees it."""
    validator = Draft202012Validator(fmt.schema(), format_checker=FormatChecker())
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        # For a wrong item in an enum list, the enum error itself is the useful one.
        if error.context:
            error = min(error.context, key=lambda e: len(list(e.absolute_path)))
        problems.append(Problem(_location(data, error.absolute_path), _schema_message(error)))
    return problems


def _parse_date(value):
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def _parse_time(value):
    return datetime.time.fromisoformat(value)


class Checker:
    """The checks JSON Schema cannot make: references, duplicates, dates, vocabularies, lengths."""

    def __init__(self, data):
        from organisations.models import OrganisationPage

        from .models import ActivityType, GroupPage, Language, Municipality, TargetGroup, Venue

        self.data = data
        self.problems = []
        fi = Locale.objects.get(language_code="fi")
        self.known = {
            "organisations": set(OrganisationPage.objects.filter(locale=fi).values_list("identifier", flat=True)),
            "venues": set(Venue.objects.values_list("identifier", flat=True)),
            "groups": set(GroupPage.objects.filter(locale=fi).values_list("identifier", flat=True)),
        }
        self.vocabularies = {
            "activity_types": set(ActivityType.objects.values_list("code", flat=True)),
            "target_groups": set(TargetGroup.objects.values_list("code", flat=True)),
            "languages": set(Language.objects.values_list("code", flat=True)),
            "municipality": set(Municipality.objects.values_list("code", flat=True)),
        }

    def add(self, path, message):
        self.problems.append(Problem(_location(self.data, path), message))

    def run(self):
        for kind in ("organisations", "venues", "groups"):
            self.check_duplicates(kind)
        organisations = self.known["organisations"] | {item["id"] for item in self.data["organisations"]}
        venues = self.known["venues"] | {item["id"] for item in self.data.get("venues", [])}
        for index, item in enumerate(self.data["organisations"]):
            self.check_organisation(("organisations", index), item)
        for index, item in enumerate(self.data.get("venues", [])):
            self.check_municipality(("venues", index, "municipality"), item.get("municipality"))
            self.check_length(("venues", index, "name"), item.get("name"), 255)
            self.check_length(("venues", index, "street_address"), item.get("street_address"), 255)
        for index, item in enumerate(self.data["groups"]):
            self.check_group(("groups", index), item, organisations, venues)
        return self.problems

    def check_duplicates(self, kind):
        seen = {}
        for index, item in enumerate(self.data.get(kind, [])):
            identifier = item["id"]
            if identifier in seen:
                self.add(
                    (kind, index, "id"),
                    _("duplicate id %(id)s: also used by %(kind)s[%(other)d]")
                    % {"id": json.dumps(identifier), "kind": kind, "other": seen[identifier]},
                )
            else:
                seen[identifier] = index

    def check_length(self, path, value, limit):
        for language, text in (value or {}).items():
            if len(text) > limit:
                self.add(
                    (*path, language),
                    _("is too long: %(length)d characters, at most %(limit)d allowed")
                    % {"length": len(text), "limit": limit},
                )

    def check_municipality(self, path, code):
        if code is not None and code not in self.vocabularies["municipality"]:
            self.add(path, _("unknown municipality %(code)s") % {"code": json.dumps(code)})

    def check_organisation(self, path, item):
        self.check_municipality((*path, "municipality"), item.get("municipality"))
        self.check_length((*path, "name"), item.get("name"), 255)
        if item.get("website"):
            try:
                URLValidator(schemes=["http", "https"])(item["website"])
            except ValidationError:
                self.add((*path, "website"), _("is not a web address starting with http:// or https://"))
        self.check_email((*path, "contact", "email"), (item.get("contact") or {}).get("email"))

    def check_email(self, path, value):
        if value:
            try:
                EmailValidator()(value)
            except ValidationError:
                self.add(path, _("%(value)s is not a valid e-mail address") % {"value": json.dumps(value)})

    def check_reference(self, path, value, known, what):
        if value is not None and value not in known:
            self.add(path, _("unknown %(what)s %(id)s") % {"what": what, "id": json.dumps(value)})

    def check_group(self, path, item, organisations, venues):
        self.check_reference((*path, "organiser"), item["organiser"], organisations, _("organisation"))
        for index, partner in enumerate(item.get("partners") or []):
            self.check_reference((*path, "partners", index), partner, organisations, _("organisation"))
        self.check_reference((*path, "venue"), item.get("venue"), venues, _("venue"))
        for index, leader in enumerate(item.get("leaders") or []):
            self.check_reference(
                (*path, "leaders", index, "organisation"), leader.get("organisation"), organisations, _("organisation")
            )
            if len(leader.get("name") or "") > 100:
                self.add((*path, "leaders", index, "name"), _("is too long: at most 100 characters allowed"))
        self.check_length((*path, "title"), item.get("title"), 255)
        for vocabulary in ("activity_types", "target_groups", "languages"):
            for index, code in enumerate(item.get(vocabulary) or []):
                if code not in self.vocabularies[vocabulary] and not (
                    vocabulary == "languages" and language_names(code)
                ):
                    self.add(
                        (*path, vocabulary, index),
                        _("unknown code %(code)s in the vocabulary %(vocabulary)s")
                        % {"code": json.dumps(code), "vocabulary": vocabulary},
                    )
        self.check_email((*path, "contact", "email"), (item.get("contact") or {}).get("email"))
        self.check_schedule((*path, "schedule"), item.get("schedule") or {})

    def check_schedule(self, path, schedule):
        for index, rule in enumerate(schedule.get("rules") or []):
            rule_path = (*path, "rules", index)
            if _parse_time(rule["end"]) <= _parse_time(rule["start"]):
                self.add((*rule_path, "end"), _("the meeting ends (%(end)s) before it starts (%(start)s)") % rule)
            start, end = _parse_date(rule["from"]), _parse_date(rule.get("until"))
            if start is None:
                self.add(
                    (*rule_path, "from"),
                    _("%(value)s is not a date (YYYY-MM-DD)") % {"value": json.dumps(rule["from"])},
                )
            if rule.get("until") is not None and end is None:
                self.add(
                    (*rule_path, "until"),
                    _("%(value)s is not a date (YYYY-MM-DD)") % {"value": json.dumps(rule["until"])},
                )
            if start and end and end < start:
                self.add(
                    (*rule_path, "until"),
                    _("the rule ends (%(until)s) before it starts (%(from)s)")
                    % {"until": rule["until"], "from": rule["from"]},
                )
            if rule["frequency"] == "monthly" and rule.get("week_of_month") is None:
                self.add(
                    (*rule_path, "week_of_month"), _("a monthly rule needs week_of_month (1–4, or -1 for the last)")
                )
        for index, meeting in enumerate(schedule.get("dates") or []):
            meeting_path = (*path, "dates", index)
            if _parse_date(meeting["date"]) is None:
                self.add(
                    (*meeting_path, "date"),
                    _("%(value)s is not a date (YYYY-MM-DD)") % {"value": json.dumps(meeting["date"])},
                )
            if _parse_time(meeting["end"]) <= _parse_time(meeting["start"]):
                self.add((*meeting_path, "end"), _("the meeting ends (%(end)s) before it starts (%(start)s)") % meeting)
        seen = set()
        for index, cancellation in enumerate(schedule.get("cancelled") or []):
            if _parse_date(cancellation["date"]) is None:
                self.add(
                    (*path, "cancelled", index, "date"),
                    _("%(value)s is not a date (YYYY-MM-DD)") % {"value": json.dumps(cancellation["date"])},
                )
            elif cancellation["date"] in seen:
                self.add((*path, "cancelled", index, "date"), _("the date %(date)s is cancelled twice") % cancellation)
            seen.add(cancellation["date"])


def check(data):
    """Every problem with ``data``; an empty list means the file can be imported."""
    problems = check_schema(data)
    if problems:
        # Later checks assume the structure is right.
        return problems
    return Checker(data).run()


# --- Writing --------------------------------------------------------------------------------


def _publish(page, user=None):
    page.save_revision(user=user, log_action=True).publish(user=user)


class Importer:
    """Writes a checked file to the database. Use :func:`import_data`."""

    def __init__(self, data, report, user=None):
        from home.services import ensure_site_structure

        from .exporter import Exporter
        from .models import ActivityType, Language, Municipality, TargetGroup

        self.data = data
        self.report = report
        self.user = user
        self.home = ensure_site_structure()
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
        from .models import Language

        item = self.vocabularies[name].get(code)
        if item is None and name == "languages":
            finnish, swedish = language_names(code)
            item, _created = Language.objects.get_or_create(
                code=code, defaults={"name_fi": finnish, "name_sv": swedish, "sort_order": 1000}
            )
            self.vocabularies[name][code] = item
        return item

    def run(self):
        for item in self.data["organisations"]:
            self.import_organisation(item)
        for item in self.data.get("venues", []):
            self.import_venue(item)
        for item in self.data["groups"]:
            self.import_group(item)

    # Organisations

    def organisation(self, identifier):
        from organisations.models import OrganisationPage

        return OrganisationPage.objects.get(identifier=identifier, locale=self.fi)

    def import_organisation(self, item):
        from organisations.models import OrganisationIndexPage, OrganisationPage

        wanted = fmt.canonical_organisation(item)
        page = OrganisationPage.objects.filter(identifier=item["id"], locale=self.fi).first()
        if page is not None:
            stored = fmt.without_unrequested_swedish(self.exporter.organisation(page), wanted)
            if stored == wanted:
                self.report.record("organisation", "unchanged")
                return
        contact = wanted.get("contact", {})
        values = {
            "title": wanted["name"]["fi"],
            "identifier": wanted["id"],
            "kind": wanted["kind"],
            "description": fmt.paragraphs_to_html(wanted.get("description", {}).get("fi", "")),
            "business_id": wanted.get("business_id", ""),
            "municipality": self.municipalities.get(wanted.get("municipality")),
            "website": wanted.get("website", ""),
            "contact_name": contact.get("name", ""),
            "contact_phone": contact.get("phone", ""),
            "contact_email": contact.get("email", ""),
        }
        if page is None:
            index = OrganisationIndexPage.objects.child_of(self.home).get()
            page = OrganisationPage(
                locale=self.fi, slug=find_available_slug(index, slugify(values["title"]) or item["id"]), **values
            )
            index.add_child(instance=page)
            self.report.record("organisation", "created")
        else:
            for name, value in values.items():
                setattr(page, name, value)
            self.report.record("organisation", "updated")
        _publish(page, self.user)
        swedish = {
            "title": wanted["name"].get("sv"),
            "description": fmt.paragraphs_to_html(
                wanted.get("description", {}).get("sv") or wanted.get("description", {}).get("fi", "")
            ),
        }
        self.ensure_swedish(
            page, swedish, has_swedish=bool(wanted["name"].get("sv") or wanted.get("description", {}).get("sv"))
        )

    def ensure_swedish(self, page, texts, has_swedish):
        """Give the Swedish tree a translation with ``texts``, or an alias when nothing is translated."""
        translation = page.get_translation_or_none(self.sv)
        if has_swedish:
            texts = {name: value for name, value in texts.items() if value}
            texts.setdefault("title", page.title)
            translation = create_translation(page, self.sv, texts)
            _publish(translation, self.user)
        elif translation is None:
            page.copy_for_translation(self.sv, copy_parents=True, alias=True)

    # Venues

    def import_venue(self, item):
        from .models import Venue

        wanted = fmt.canonical_venue(item)
        venue = Venue.objects.filter(identifier=item["id"]).first()
        if venue is not None and self.exporter.venue(venue) == wanted:
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
        from .models import Cancellation, ExtraMeeting, GroupLeader, GroupPage, GroupPartner, ScheduleRule, Venue

        wanted = fmt.canonical_group(item, self.vocabulary_order)
        page = GroupPage.objects.filter(identifier=item["id"], locale=self.fi).first()
        if page is not None:
            stored = fmt.without_unrequested_swedish(self.exporter.group(page), wanted)
            if stored == wanted:
                self.report.record("group", "unchanged")
                return

        organiser = self.organisation(wanted["organiser"])
        contact = wanted.get("contact", {})
        texts = {name: wanted.get(name, {}) for name in ("title", "summary", "description", "cost_note")}
        online = wanted.get("online")
        values = {
            "title": texts["title"]["fi"],
            "identifier": wanted["id"],
            "summary": texts["summary"]["fi"],
            "description": fmt.paragraphs_to_html(texts["description"].get("fi", "")),
            "plain_language": wanted["plain_language"],
            "venue": Venue.objects.get(identifier=wanted["venue"]) if wanted.get("venue") else None,
            "is_online": online is not None,
            "online_instructions": (online or {}).get("how_to_join", {}).get("fi", ""),
            "free_of_charge": wanted["free_of_charge"],
            "cost_note": texts["cost_note"].get("fi", ""),
            "registration": wanted["registration"],
            "anonymous_ok": wanted["anonymous_ok"],
            "children_welcome": wanted["children_welcome"],
            "contact_name": contact.get("name", ""),
            "contact_phone": contact.get("phone", ""),
            "contact_email": contact.get("email", ""),
            "status": wanted["status"],
        }
        if page is None:
            page = GroupPage(
                locale=self.fi, slug=find_available_slug(organiser, slugify(values["title"]) or item["id"]), **values
            )
            self.report.record("group", "created")
            created = True
        else:
            page = page.get_latest_revision_as_object()
            for name, value in values.items():
                setattr(page, name, value)
            self.report.record("group", "updated")
            created = False

        for name in ("activity_types", "target_groups", "languages"):
            setattr(page, name, [self.vocabulary_item(name, code) for code in wanted[name]])
        schedule = wanted.get("schedule", {})
        page.schedule_rules = [
            ScheduleRule(
                frequency=rule["frequency"],
                weekday=fmt.WEEKDAYS.index(rule["weekday"]),
                week_of_month=rule.get("week_of_month"),
                start_time=_parse_time(rule["start"]),
                end_time=_parse_time(rule["end"]),
                valid_from=_parse_date(rule["from"]),
                valid_until=_parse_date(rule["until"]) if rule.get("until") else None,
                skip_public_holidays=bool(rule.get("skip_public_holidays")),
                sort_order=position,
            )
            for position, rule in enumerate(schedule.get("rules", []))
        ]
        page.extra_meetings = [
            ExtraMeeting(
                date=_parse_date(m["date"]),
                start_time=_parse_time(m["start"]),
                end_time=_parse_time(m["end"]),
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
        elif page.get_parent().pk != organiser.pk:
            self.move_group(page, organiser)
        _publish(page, self.user)
        page = GroupPage.objects.get(pk=page.pk)

        self.sync_cancellations(page, schedule.get("cancelled", []), Cancellation)

        has_swedish = any(value.get("sv") for value in texts.values()) or bool(
            (online or {}).get("how_to_join", {}).get("sv")
        )
        swedish = {
            "title": texts["title"].get("sv") or texts["title"]["fi"],
            "summary": texts["summary"].get("sv") or texts["summary"]["fi"],
            "description": fmt.paragraphs_to_html(texts["description"].get("sv") or texts["description"].get("fi", "")),
            "cost_note": texts["cost_note"].get("sv") or texts["cost_note"].get("fi", ""),
            "online_instructions": (online or {}).get("how_to_join", {}).get("sv")
            or (online or {}).get("how_to_join", {}).get("fi", ""),
        }
        self.ensure_swedish(page, swedish, has_swedish)

    def move_group(self, page, organiser):
        """The organiser changed: move the group (and its Swedish version) under the new one."""
        page.move(organiser, pos="last-child")
        swedish = page.get_translation_or_none(self.sv)
        swedish_parent = organiser.get_translation_or_none(self.sv)
        if swedish is not None and swedish_parent is not None:
            swedish.move(swedish_parent, pos="last-child")
        page.refresh_from_db()

    def sync_cancellations(self, page, items, model):
        """Make the active cancellations equal to the file's; others are withdrawn, not deleted."""
        from django.utils import timezone

        wanted = {_parse_date(c["date"]): c.get("reason", {}) for c in items}
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


def import_data(data, *, dry_run=False, user=None):
    """Check ``data`` and, if it has no problems, import it in one transaction.

    Raises :class:`ImportFailed` (and changes nothing) if there is any problem. With ``dry_run``
    everything is done and then rolled back, so the report says what an import would do.
    """
    problems = check(data)
    if problems:
        raise ImportFailed(problems)
    report = ImportReport(dry_run=dry_run)
    try:
        with transaction.atomic():
            Importer(data, report, user=user).run()
            if dry_run:
                transaction.set_rollback(True)
    except ValidationError as error:
        raise ImportFailed([Problem("", "; ".join(error.messages))]) from error
    if not dry_run:
        _refresh_statistics()
    return report


def _refresh_statistics():
    """After a large import, let PostgreSQL plan the finder's queries with up-to-date statistics."""
    from wagtail.models import Page

    from search.indexing import analyze_tables
    from search.models import IndexEntry

    from .models import GroupPage, Meeting

    analyze_tables(IndexEntry, Meeting, Page, GroupPage)


def import_file(path, *, dry_run=False, user=None):
    """Read, check and import the file at ``path``."""
    return import_data(read_file(path), dry_run=dry_run, user=user)
