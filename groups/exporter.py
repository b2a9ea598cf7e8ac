"""Export organisations, venues and groups as a ``lowthreshold-groups/1`` file.

The export is the importer's mirror: what it writes, the importer reads back unchanged. Finnish
texts come from the Finnish pages; Swedish texts from the Swedish translations, where a field
that still holds the Finnish text (not translated yet) is left out, and so is a Swedish text whose
Finnish text is empty (the format has no Swedish-only texts).
"""

import json

from wagtail.models import Locale

from . import import_format as fmt


def _time(value):
    return value.strftime("%H:%M")


class Exporter:
    """Turns stored objects into items of the file format (in their canonical form)."""

    def __init__(self):
        from .models import ActivityType, Language, TargetGroup

        self.fi = Locale.objects.get(language_code="fi")
        self.sv = Locale.objects.get(language_code="sv")
        self.vocabulary_order = {
            name: {code: position for position, code in enumerate(model.objects.values_list("code", flat=True))}
            for name, model in (
                ("activity_types", ActivityType),
                ("target_groups", TargetGroup),
                ("languages", Language),
            )
        }

    def swedish_version(self, page):
        """The Swedish translation of ``page`` that readers see, or None while they see the Finnish text."""
        translation = page.get_translation_or_none(self.sv)
        if translation is None or translation.alias_of_id or translation.specific.awaiting_translation:
            return None
        return translation.specific

    @staticmethod
    def pair(finnish, swedish_page, attribute, multiline=False):
        """A Text object from a Finnish value and the Swedish page's value, if it is translated.

        The canonical form (``import_format.text``) leaves out a Swedish text equal to the Finnish
        one (a field not translated yet shows the Finnish text) and a Swedish text without Finnish.
        """
        convert = fmt.html_to_paragraphs if multiline else (lambda value: value or "")
        value = {"fi": convert(finnish)}
        if swedish_page is not None:
            value["sv"] = convert(getattr(swedish_page, attribute))
        return value

    def organisation(self, page):
        swedish = self.swedish_version(page)
        return fmt.canonical_organisation(
            {
                "id": page.identifier,
                "kind": page.kind,
                "name": self.pair(page.title, swedish, "title"),
                "description": self.pair(page.description, swedish, "description", multiline=True),
                "business_id": page.business_id,
                "municipality": page.municipality.code if page.municipality_id else None,
                "website": page.website,
                "contact": {"name": page.contact_name, "phone": page.contact_phone, "email": page.contact_email},
            }
        )

    @staticmethod
    def venue(venue):
        def both(name):
            value = {"fi": getattr(venue, f"{name}_fi"), "sv": getattr(venue, f"{name}_sv")}
            return {key: text for key, text in value.items() if text} or None

        return fmt.canonical_venue(
            {
                "id": venue.identifier,
                "name": both("name"),
                "street_address": both("street_address"),
                "postal_code": venue.postal_code,
                "municipality": venue.municipality.code,
                "latitude": venue.latitude,
                "longitude": venue.longitude,
                "accessibility": {
                    "step_free_entrance": venue.step_free_entrance,
                    "lift": venue.lift,
                    "accessible_toilet": venue.accessible_toilet,
                    "induction_loop": venue.induction_loop,
                    "notes": both("accessibility_notes"),
                },
                "getting_there": both("getting_there"),
            }
        )

    def group(self, page):
        from .models import Cancellation

        swedish = self.swedish_version(page)
        cancellations = Cancellation.objects.filter(group=page, withdrawn_at__isnull=True).order_by("date")
        item = {
            "id": page.identifier,
            "organiser": page.get_parent().specific.identifier,
            "partners": [link.organisation.identifier for link in page.partner_links.select_related("organisation")],
            "title": self.pair(page.title, swedish, "title"),
            "summary": self.pair(page.summary, swedish, "summary"),
            "description": self.pair(page.description, swedish, "description", multiline=True),
            "activity_types": [item.code for item in page.activity_types.all()],
            "target_groups": [item.code for item in page.target_groups.all()],
            "languages": [item.code for item in page.languages.all()],
            "plain_language": page.plain_language,
            "venue": page.venue.identifier if page.venue_id else None,
            "schedule": {
                "rules": [
                    {
                        "weekday": fmt.WEEKDAYS[rule.weekday],
                        "start": _time(rule.start_time),
                        "end": _time(rule.end_time),
                        "frequency": rule.frequency,
                        "week_of_month": rule.week_of_month,
                        "from": rule.valid_from.isoformat(),
                        "until": rule.valid_until.isoformat() if rule.valid_until else None,
                        "skip_public_holidays": rule.skip_public_holidays,
                    }
                    for rule in page.schedule_rules.all()
                ],
                "dates": [
                    {"date": m.date.isoformat(), "start": _time(m.start_time), "end": _time(m.end_time)}
                    for m in page.extra_meetings.all()
                ],
                "cancelled": [
                    {"date": c.date.isoformat(), "reason": {"fi": c.reason_fi, "sv": c.reason_sv}}
                    for c in cancellations
                ],
            },
            "free_of_charge": page.free_of_charge,
            "cost_note": self.pair(page.cost_note, swedish, "cost_note"),
            "registration": page.registration,
            "anonymous_ok": page.anonymous_ok,
            "children_welcome": page.children_welcome,
            "leaders": [
                {
                    "name": leader.name,
                    "kind": leader.kind,
                    "organisation": leader.organisation.identifier if leader.organisation_id else None,
                }
                for leader in page.leaders.select_related("organisation")
            ],
            "contact": {"name": page.contact_name, "phone": page.contact_phone, "email": page.contact_email},
            "status": page.status,
        }
        if page.is_online:
            item["online"] = {"how_to_join": self.pair(page.online_instructions, swedish, "online_instructions")}
        return fmt.canonical_group(item, self.vocabulary_order)

    def export(self):
        """The whole database as one file (a dict), every list sorted by id."""
        from organisations.models import OrganisationPage

        from .models import GroupPage, Venue

        organisations = OrganisationPage.objects.filter(locale=self.fi).select_related("municipality")
        groups = (
            GroupPage.objects.filter(locale=self.fi)
            .select_related("venue")
            .prefetch_related("activity_types", "target_groups", "languages", "schedule_rules", "extra_meetings")
        )
        return {
            "format": fmt.FORMAT,
            "organisations": sorted((self.organisation(p) for p in organisations), key=lambda i: i["id"]),
            "venues": sorted(
                (self.venue(v) for v in Venue.objects.select_related("municipality")), key=lambda i: i["id"]
            ),
            "groups": sorted((self.group(p) for p in groups), key=lambda i: i["id"]),
        }


def export_json():
    """The export file's text: pretty-printed UTF-8 JSON."""
    return json.dumps(Exporter().export(), ensure_ascii=False, indent=2) + "\n"
