"""What the API says about each thing: DRF serializers over the site's own models.

Texts come as ``{"value": ..., "language": "fi"|"sv"}``: ``language`` is the language the text is
really in, so a Swedish answer marks a text that is still only in Finnish (as the site marks it
with ``lang="fi"``). Groups also list their ``untranslated_fields``. Nothing about people beyond
what a group page shows: leaders' first names and kinds, and the contact the page gives.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from django.utils import timezone

from core.i18n import localized
from core.translation import untranslated_fields
from groups.models import Frequency, LeaderKind, MeetingStatus, Registration, Status, Weekday

WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class TextSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="The text.")
    language = serializers.ChoiceField(choices=["fi", "sv"], help_text="The language the text is in.")


def text(value, language):
    return {"value": str(value or ""), "language": language}


def page_text(page, name, language):
    """A page's translated field with the language it is really in."""
    shown = "fi" if name in untranslated_fields(page) else language
    return text(getattr(page, name, ""), shown)


def field_text(obj, name, language):
    """A ``<name>_fi``/``<name>_sv`` field in ``language``, or its Finnish text where not translated."""
    value = localized(obj, name, language)
    return text(value, value.lang)


class VocabularyItemSerializer(serializers.Serializer):
    id = serializers.CharField(source="code", help_text="The code of the import format.")
    name = serializers.SerializerMethodField()

    @extend_schema_field(TextSerializer)
    def get_name(self, item):
        return field_text(item, "name", self.context["language"])


class ConceptSerializer(VocabularyItemSerializer):
    yso = serializers.CharField(source="yso_uri", help_text="The matching YSO concept (Finto), or empty.")
    ptv = serializers.CharField(source="ptv_code", help_text="The matching Suomi.fi PTV service class code, or empty.")


class VocabulariesSerializer(serializers.Serializer):
    municipalities = VocabularyItemSerializer(many=True)
    activity_types = ConceptSerializer(many=True)
    target_groups = ConceptSerializer(many=True)
    languages = VocabularyItemSerializer(many=True)


class VenueSerializer(serializers.Serializer):
    id = serializers.CharField(source="identifier")
    name = serializers.SerializerMethodField()
    street_address = serializers.SerializerMethodField()
    postal_code = serializers.CharField()
    municipality = serializers.CharField(source="municipality.code")
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    step_free_entrance = serializers.BooleanField(allow_null=True)
    lift = serializers.BooleanField(allow_null=True)
    accessible_toilet = serializers.BooleanField(allow_null=True)
    induction_loop = serializers.BooleanField(allow_null=True)
    accessibility_notes = serializers.SerializerMethodField()
    getting_there = serializers.SerializerMethodField()

    def _text(self, venue, name):
        return field_text(venue, name, self.context["language"])

    @extend_schema_field(TextSerializer)
    def get_name(self, venue):
        return self._text(venue, "name")

    @extend_schema_field(TextSerializer)
    def get_street_address(self, venue):
        return self._text(venue, "street_address")

    @extend_schema_field(TextSerializer)
    def get_accessibility_notes(self, venue):
        return self._text(venue, "accessibility_notes")

    @extend_schema_field(TextSerializer)
    def get_getting_there(self, venue):
        return self._text(venue, "getting_there")


class OrganisationSerializer(serializers.Serializer):
    id = serializers.CharField(source="identifier")
    url = serializers.SerializerMethodField()
    name = serializers.SerializerMethodField()
    kind = serializers.CharField()
    municipality = serializers.CharField(source="municipality.code", allow_null=True, default=None)
    website = serializers.CharField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, page):
        request = self.context["request"]
        return request.build_absolute_uri(page.get_url(request))

    @extend_schema_field(TextSerializer)
    def get_name(self, page):
        return page_text(page, "title", self.context["language"])


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.CharField()
    name = TextSerializer()


class ScheduleRuleSerializer(serializers.Serializer):
    frequency = serializers.ChoiceField(choices=Frequency.values)
    weekday = serializers.ChoiceField(choices=WEEKDAY_CODES)
    week_of_month = serializers.IntegerField(allow_null=True, help_text="1–4, or -1 for the last (monthly rules).")
    start_time = serializers.CharField(help_text="HH:MM, Helsinki time.")
    end_time = serializers.CharField(help_text="HH:MM, Helsinki time.")
    valid_from = serializers.DateField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)
    skip_public_holidays = serializers.BooleanField()


class LeaderSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=LeaderKind.values)
    name = serializers.CharField(help_text="A first name, or empty.")
    organisation = serializers.CharField(allow_null=True, help_text="The id of the leader's organisation.")


class ContactSerializer(serializers.Serializer):
    name = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    organisation = serializers.CharField(allow_null=True, help_text="Set when the contact is the organiser's.")


class MeetingTimeSerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()


class GroupSerializer(serializers.Serializer):
    """A group as its page shows it. ``context`` holds ``language``, ``request`` and ``organisations``
    (this language's organisation pages by id and by path, see :func:`views.organisation_maps`)."""

    id = serializers.CharField(source="identifier")
    url = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=Status.values, help_text="paused: on a break; ended: no longer meets.")
    title = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField(help_text="HTML (paragraphs, lists, links, bold, italics).")
    untranslated_fields = serializers.SerializerMethodField()
    activity_types = serializers.SerializerMethodField()
    target_groups = serializers.SerializerMethodField()
    languages = serializers.SerializerMethodField(help_text="Languages spoken in the group (ISO 639).")
    plain_language = serializers.BooleanField()
    venue = serializers.CharField(source="venue.identifier", allow_null=True, default=None)
    municipality = serializers.CharField(source="venue.municipality.code", allow_null=True, default=None)
    is_online = serializers.BooleanField()
    online_instructions = serializers.SerializerMethodField()
    free_of_charge = serializers.BooleanField()
    cost_note = serializers.SerializerMethodField()
    registration = serializers.ChoiceField(choices=Registration.values)
    anonymous_ok = serializers.BooleanField()
    children_welcome = serializers.BooleanField()
    organiser = serializers.SerializerMethodField()
    partners = serializers.SerializerMethodField()
    leaders = serializers.SerializerMethodField()
    contact = serializers.SerializerMethodField()
    schedule = serializers.SerializerMethodField()
    next_meeting = serializers.SerializerMethodField()
    calendar_url = serializers.SerializerMethodField()
    last_published_at = serializers.DateTimeField(allow_null=True)

    def _language(self):
        return self.context["language"]

    def _text(self, page, name):
        return page_text(page, name, self._language())

    def _organisation(self, identifier):
        page = self.context["organisations"]["by_id"].get(identifier)
        if page is None:
            return None
        return {"id": identifier, "name": page_text(page, "title", self._language())}

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, page):
        request = self.context["request"]
        return request.build_absolute_uri(page.get_url(request))

    @extend_schema_field(TextSerializer)
    def get_title(self, page):
        return self._text(page, "title")

    @extend_schema_field(TextSerializer)
    def get_summary(self, page):
        return self._text(page, "summary")

    @extend_schema_field(TextSerializer)
    def get_description(self, page):
        value = self._text(page, "description")
        value["value"] = str(page.description or "")
        return value

    @extend_schema_field(TextSerializer)
    def get_online_instructions(self, page):
        return self._text(page, "online_instructions")

    @extend_schema_field(TextSerializer)
    def get_cost_note(self, page):
        return self._text(page, "cost_note")

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_untranslated_fields(self, page):
        return sorted(untranslated_fields(page))

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_activity_types(self, page):
        return [item.code for item in page.activity_types.all()]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_target_groups(self, page):
        return [item.code for item in page.target_groups.all()]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_languages(self, page):
        return [item.code for item in page.languages.all()]

    def _organiser_page(self, page):
        return self.context["organisations"]["by_path"].get(page.path[: -page.steplen])

    @extend_schema_field(OrganisationRefSerializer(allow_null=True))
    def get_organiser(self, page):
        organiser = self._organiser_page(page)
        return self._organisation(organiser.identifier) if organiser else None

    @extend_schema_field(OrganisationRefSerializer(many=True))
    def get_partners(self, page):
        found = (self._organisation(link.organisation.identifier) for link in page.partner_links.all())
        return [item for item in found if item]

    @extend_schema_field(LeaderSerializer(many=True))
    def get_leaders(self, page):
        return [
            {
                "kind": leader.kind,
                "name": leader.name,
                "organisation": leader.organisation.identifier if leader.organisation_id else None,
            }
            for leader in page.leaders.all()
        ]

    @extend_schema_field(ContactSerializer(allow_null=True))
    def get_contact(self, page):
        organiser = self._organiser_page(page)
        contact = page.contact_details(organiser) if organiser is not None else None
        if contact is None:
            return None
        organisation = getattr(contact, "organisation", None)
        return {
            "name": contact.name or "",
            "phone": contact.phone or "",
            "email": contact.email or "",
            "organisation": organisation.identifier if organisation is not None else None,
        }

    @extend_schema_field(ScheduleRuleSerializer(many=True))
    def get_schedule(self, page):
        today = timezone.localdate()
        return [
            {
                "frequency": rule.frequency,
                "weekday": WEEKDAY_CODES[Weekday(rule.weekday).value],
                "week_of_month": rule.week_of_month,
                "start_time": rule.start_time.isoformat(timespec="minutes"),
                "end_time": rule.end_time.isoformat(timespec="minutes"),
                "valid_from": rule.valid_from.isoformat() if rule.valid_from else None,
                "valid_until": rule.valid_until.isoformat() if rule.valid_until else None,
                "skip_public_holidays": rule.skip_public_holidays,
            }
            for rule in page.schedule_rules.all()
            if rule.valid_until is None or rule.valid_until >= today
        ]

    @extend_schema_field(MeetingTimeSerializer(allow_null=True))
    def get_next_meeting(self, page):
        start, end = getattr(page, "next_start", None), getattr(page, "next_end", None)
        if start is None:
            return None
        return {"start": timezone.localtime(start).isoformat(), "end": timezone.localtime(end).isoformat()}

    @extend_schema_field(OpenApiTypes.URI)
    def get_calendar_url(self, page):
        request = self.context["request"]
        url = page.url_path and page.calendar_url(request)
        return request.build_absolute_uri(url) if url else None


class MeetingSerializer(serializers.Serializer):
    id = serializers.SerializerMethodField(help_text="The group's id and the start time: stable while the time stays.")
    group = serializers.SerializerMethodField()
    start = serializers.SerializerMethodField()
    end = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=MeetingStatus.values)
    cancellation_reason = serializers.SerializerMethodField()

    def _group_id(self, meeting):
        return self.context["group_ids"][meeting.translation_key]

    def get_id(self, meeting) -> str:
        return f"{self._group_id(meeting)}@{meeting.local_start.strftime('%Y-%m-%dT%H:%M')}"

    def get_group(self, meeting) -> str:
        return self._group_id(meeting)

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_start(self, meeting):
        return meeting.local_start.isoformat()

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_end(self, meeting):
        return meeting.local_end.isoformat()

    @extend_schema_field(TextSerializer(allow_null=True))
    def get_cancellation_reason(self, meeting):
        if not meeting.is_cancelled or meeting.cancellation is None:
            return None
        return field_text(meeting.cancellation, "reason", self.context["language"])


def page_of(serializer, items, count, page, page_size, request):
    """The common shape of a list: count, the next and previous pages' addresses, results."""
    last = max(1, -(-count // page_size))

    def link(number):
        if number < 1 or number > last:
            return None
        params = request.GET.copy()
        params["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return {"count": count, "next": link(page + 1), "previous": link(page - 1), "results": serializer(items).data}


def paged(name, item_serializer):
    """The schema of a page of ``item_serializer`` items."""
    return inline_serializer(
        name=name,
        fields={
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": item_serializer(many=True),
        },
    )
