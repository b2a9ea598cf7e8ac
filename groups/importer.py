"""Import organisations, venues and groups from a ``lowthreshold-groups/1`` file.

The import is all-or-nothing: the whole file is checked first and every problem is reported with
the item and the field it concerns; only a file without problems is written, inside one
transaction. Items are matched by their ``id``, so importing the same file twice changes nothing.
Imported content is published; Swedish texts become the Swedish versions of the pages.
"""

import datetime
import json
import re
from collections import Counter
from dataclasses import dataclass, field

from jsonschema import Draft202012Validator, FormatChecker

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import DatabaseError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page

from core.translation import copy_texts, create_translation

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


class _Constant:
    """``NaN``, ``Infinity`` or ``-Infinity`` in the file: Python reads them, but JSON has no such numbers."""

    def __init__(self, name):
        self.name = name


class _Object(dict):
    """A JSON object that remembers the names it had more than once (JSON keeps only the last)."""

    duplicates = ()


def _object(pairs):
    result = _Object()
    duplicates = []
    for key, value in pairs:
        if key in result and key not in duplicates:
            duplicates.append(key)
        result[key] = value
    if duplicates:
        result.duplicates = duplicates
    return result


def parse(raw):
    """Parse the bytes of an import file."""
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFailed([Problem("", _("The file is not UTF-8 text."))]) from error
    try:
        return json.loads(content, object_pairs_hook=_object, parse_constant=_Constant)
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
    except RecursionError as error:
        raise ImportFailed([Problem("", _("The file is nested too deeply to be an import file."))]) from error


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


def _max_length(model, name):
    """The longest value the database keeps in ``model.name`` (the checks name the same limits)."""
    return model._meta.get_field(name).max_length


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
        self.unpublished_organisations = set(
            OrganisationPage.objects.filter(locale=fi, live=False).values_list("identifier", flat=True)
        )
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
        self.file_organisations = {item["id"] for item in self.data["organisations"]}
        organisations = self.known["organisations"] | self.file_organisations
        venues = self.known["venues"] | {item["id"] for item in self.data.get("venues", [])}
        for index, item in enumerate(self.data["organisations"]):
            self.check_organisation(("organisations", index), item)
        for index, item in enumerate(self.data.get("venues", [])):
            self.check_venue(("venues", index), item)
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
        """A plain string fits its field (``limit`` characters, after surrounding white space is removed)."""
        length = len((value or "").strip())
        if limit is not None and length > limit:
            self.add(
                path,
                _("is too long: %(length)d characters, at most %(limit)d allowed") % {"length": length, "limit": limit},
            )

    def check_text(self, path, value, limit=None):
        """A Text object: no language is only white space, and each fits its field."""
        for language, text in (value or {}).items():
            if not text.strip():
                self.add((*path, language), _("must not be empty (it has only white space)"))
            else:
                self.check_length((*path, language), text, limit)

    def check_municipality(self, path, code):
        if code is not None and code not in self.vocabularies["municipality"]:
            self.add(path, _("unknown municipality %(code)s") % {"code": json.dumps(code)})

    def check_contact(self, path, contact, model):
        contact = contact or {}
        self.check_length((*path, "name"), contact.get("name"), _max_length(model, "contact_name"))
        self.check_length((*path, "phone"), contact.get("phone"), _max_length(model, "contact_phone"))
        self.check_length((*path, "email"), contact.get("email"), _max_length(model, "contact_email"))
        self.check_email((*path, "email"), contact.get("email"))

    def check_organisation(self, path, item):
        from organisations.models import OrganisationPage

        self.check_municipality((*path, "municipality"), item.get("municipality"))
        self.check_text((*path, "name"), item.get("name"), _max_length(OrganisationPage, "title"))
        self.check_text((*path, "description"), item.get("description"))
        if item.get("website"):
            try:
                URLValidator(schemes=["http", "https"])(item["website"])
            except ValidationError:
                self.add((*path, "website"), _("is not a web address starting with http:// or https://"))
            else:
                self.check_length((*path, "website"), item["website"], _max_length(OrganisationPage, "website"))
        self.check_contact((*path, "contact"), item.get("contact"), OrganisationPage)

    def check_venue(self, path, item):
        from .models import Venue

        self.check_municipality((*path, "municipality"), item.get("municipality"))
        self.check_text((*path, "name"), item.get("name"), _max_length(Venue, "name_fi"))
        self.check_text((*path, "street_address"), item.get("street_address"), _max_length(Venue, "street_address_fi"))
        self.check_text((*path, "accessibility", "notes"), (item.get("accessibility") or {}).get("notes"))
        self.check_text((*path, "getting_there"), item.get("getting_there"))

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
        from .models import GroupLeader, GroupPage

        self.check_reference((*path, "organiser"), item["organiser"], organisations, _("organisation"))
        if item["organiser"] in self.unpublished_organisations - self.file_organisations:
            # The group would be published under a page nobody can see (the file's organisations are published).
            self.add(
                (*path, "organiser"),
                _("the organisation %(id)s is not published on the site; publish it first or include it in the file")
                % {"id": json.dumps(item["organiser"])},
            )
        for index, partner in enumerate(item.get("partners") or []):
            self.check_reference((*path, "partners", index), partner, organisations, _("organisation"))
        self.check_reference((*path, "venue"), item.get("venue"), venues, _("venue"))
        for index, leader in enumerate(item.get("leaders") or []):
            self.check_reference(
                (*path, "leaders", index, "organisation"), leader.get("organisation"), organisations, _("organisation")
            )
            self.check_length((*path, "leaders", index, "name"), leader.get("name"), _max_length(GroupLeader, "name"))
        self.check_text((*path, "title"), item.get("title"), _max_length(GroupPage, "title"))
        for name in ("summary", "description", "cost_note"):
            self.check_text((*path, name), item.get(name))
        self.check_text((*path, "online", "how_to_join"), (item.get("online") or {}).get("how_to_join"))
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
        self.check_contact((*path, "contact"), item.get("contact"), GroupPage)
        self.check_schedule((*path, "schedule"), item.get("schedule") or {})

    def check_schedule(self, path, schedule):
        for index, rule in enumerate(schedule.get("rules") or []):
            rule_path = (*path, "rules", index)
            if _parse_time(rule["end"]) <= _parse_time(rule["start"]):
                self.add(
                    (*rule_path, "end"),
                    _("the meeting must end after it starts (it starts at %(start)s and ends at %(end)s)") % rule,
                )
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
            elif rule["frequency"] != "monthly" and rule.get("week_of_month") is not None:
                # "Weekly, week_of_month 2" contradicts itself; guessing which was meant would be wrong half the time.
                self.add(
                    (*rule_path, "week_of_month"),
                    _('week_of_month is only for a monthly rule; this rule is "%(frequency)s"')
                    % {"frequency": rule["frequency"]},
                )
        for index, meeting in enumerate(schedule.get("dates") or []):
            meeting_path = (*path, "dates", index)
            if _parse_date(meeting["date"]) is None:
                self.add(
                    (*meeting_path, "date"),
                    _("%(value)s is not a date (YYYY-MM-DD)") % {"value": json.dumps(meeting["date"])},
                )
            if _parse_time(meeting["end"]) <= _parse_time(meeting["start"]):
                self.add(
                    (*meeting_path, "end"),
                    _("the meeting must end after it starts (it starts at %(start)s and ends at %(end)s)") % meeting,
                )
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
            self.check_text((*path, "cancelled", index, "reason"), cancellation.get("reason"))


# Characters that are not text: C0 control characters other than tab, line feed and carriage
# return (PostgreSQL refuses NUL, XML and HTML refuse the others) and halves of surrogate pairs.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def check_values(data):
    """Problems with single values that JSON Schema cannot see: duplicate names, NaN, stray characters."""
    problems = []
    stack = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, _Constant):
            problems.append(
                Problem(
                    _location(data, path),
                    _("%(value)s is not a number that JSON allows") % {"value": value.name},
                )
            )
        elif isinstance(value, dict):
            for key in getattr(value, "duplicates", ()):
                problems.append(
                    Problem(_location(data, (*path, key)), _("the field is given more than once in the same object"))
                )
            stack.extend(((*path, key), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in reversed(list(enumerate(value))))
        elif isinstance(value, str):
            match = _NOT_TEXT.search(value)
            if match:
                problems.append(
                    Problem(
                        _location(data, path),
                        _("contains a character that is not allowed in text (U+%(code)04X)")
                        % {"code": ord(match.group())},
                    )
                )
    return problems


def check(data):
    """Every problem with ``data``; an empty list means the file can be imported."""
    problems = check_values(data) or check_schema(data)
    if problems:
        # Later checks assume the values and the structure are right.
        return problems
    return Checker(data).run()


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

        from .exporter import Exporter
        from .models import ActivityType, Language, Municipality, TargetGroup

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
        for kind, method in (
            ("organisations", self.import_organisation),
            ("venues", self.import_venue),
            ("groups", self.import_group),
        ):
            items = self.data.get(kind, [])
            for index, item in enumerate(items):
                # Named in the message if the database still refuses something.
                self.location = _location(self.data, (kind, index))
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
        from .models import Venue

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
        from .models import Cancellation, ExtraMeeting, GroupLeader, GroupPage, GroupPartner, ScheduleRule, Venue

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


def import_data(data, *, dry_run=False, user=None, progress=None):
    """Check ``data`` and, if it has no problems, import it in one transaction.

    Raises :class:`ImportFailed` (and changes nothing) if there is any problem. With ``dry_run``
    everything is done and then rolled back, so the report says what an import would do.
    ``progress(kind, done, total)`` is called after each item ("organisations", "venues", "groups").
    """
    problems = check(data)
    if problems:
        raise ImportFailed(problems)
    report = ImportReport(dry_run=dry_run)
    importer = None
    try:
        with transaction.atomic():
            importer = Importer(data, report, user=user, progress=progress)
            importer.run()
            if dry_run:
                transaction.set_rollback(True)
    except ValidationError as error:
        # The checks should have found everything; this names at least the item.
        raise ImportFailed([Problem(importer.location if importer else "", "; ".join(error.messages))]) from error
    except DatabaseError as error:
        raise ImportFailed(
            [
                Problem(
                    importer.location if importer else "",
                    _("the database refused the item: %(error)s") % {"error": str(error).strip()},
                )
            ]
        ) from error
    if not dry_run:
        _refresh_statistics()
    return report


def _refresh_statistics():
    """After a large import, the finder refreshes its tables' statistics (``groups_imported``)."""
    from core.signals import groups_imported

    groups_imported.send(sender=Importer)


def import_file(path, *, dry_run=False, user=None, progress=None):
    """Read, check and import the file at ``path``."""
    return import_data(read_file(path), dry_run=dry_run, user=user, progress=progress)
