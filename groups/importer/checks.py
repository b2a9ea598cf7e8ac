"""Checking an import file's values before anything is written: every problem with its place."""

import datetime
import json
import re

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from wagtail.models import Locale

from ..vocabularies import language_names
from .reading import JSONConstant, check_schema, item_location
from .report import Problem


def parse_date(value):
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def parse_time(value):
    return datetime.time.fromisoformat(value)


def _max_length(model, name):
    """The longest value the database keeps in ``model.name`` (the checks name the same limits)."""
    return model._meta.get_field(name).max_length


class Checker:
    """The checks JSON Schema cannot make: references, duplicates, dates, vocabularies, lengths."""

    def __init__(self, data):
        from organisations.models import OrganisationPage

        from ..models import ActivityType, GroupPage, Language, Municipality, TargetGroup, Venue

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
        self.problems.append(Problem(item_location(self.data, path), message))

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
        from ..models import Venue

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
        from ..models import GroupLeader, GroupPage

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
        """The schedule's own rules are the models' (``broken_schedule_rules``), in the file's words."""
        from ..models.group_inlines import broken_schedule_rules, ends_before_it_starts

        for index, rule in enumerate(schedule.get("rules") or []):
            rule_path = (*path, "rules", index)
            start, end = parse_date(rule["from"]), parse_date(rule.get("until"))
            broken = broken_schedule_rules(
                rule["frequency"],
                parse_time(rule["start"]),
                parse_time(rule["end"]),
                start,
                end,
                rule.get("week_of_month"),
            )
            if "end_time" in broken:
                self.add(
                    (*rule_path, "end"),
                    _("the meeting must end after it starts (it starts at %(start)s and ends at %(end)s)") % rule,
                )
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
            if "valid_until" in broken:
                self.add(
                    (*rule_path, "until"),
                    _("the rule ends (%(until)s) before it starts (%(from)s)")
                    % {"until": rule["until"], "from": rule["from"]},
                )
            if "week_of_month" in broken and rule["frequency"] == "monthly":
                self.add(
                    (*rule_path, "week_of_month"), _("a monthly rule needs week_of_month (1–4, or -1 for the last)")
                )
            elif "week_of_month" in broken:
                # "Weekly, week_of_month 2" contradicts itself; guessing which was meant would be wrong half the time.
                self.add(
                    (*rule_path, "week_of_month"),
                    _('week_of_month is only for a monthly rule; this rule is "%(frequency)s"')
                    % {"frequency": rule["frequency"]},
                )
        for index, meeting in enumerate(schedule.get("dates") or []):
            meeting_path = (*path, "dates", index)
            if parse_date(meeting["date"]) is None:
                self.add(
                    (*meeting_path, "date"),
                    _("%(value)s is not a date (YYYY-MM-DD)") % {"value": json.dumps(meeting["date"])},
                )
            if ends_before_it_starts(parse_time(meeting["start"]), parse_time(meeting["end"])):
                self.add(
                    (*meeting_path, "end"),
                    _("the meeting must end after it starts (it starts at %(start)s and ends at %(end)s)") % meeting,
                )
        seen = set()
        for index, cancellation in enumerate(schedule.get("cancelled") or []):
            if parse_date(cancellation["date"]) is None:
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
        if isinstance(value, JSONConstant):
            problems.append(
                Problem(
                    item_location(data, path),
                    _("%(value)s is not a number that JSON allows") % {"value": value.name},
                )
            )
        elif isinstance(value, dict):
            for key in getattr(value, "duplicates", ()):
                problems.append(
                    Problem(
                        item_location(data, (*path, key)), _("the field is given more than once in the same object")
                    )
                )
            stack.extend(((*path, key), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in reversed(list(enumerate(value))))
        elif isinstance(value, str):
            match = _NOT_TEXT.search(value)
            if match:
                problems.append(
                    Problem(
                        item_location(data, path),
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
