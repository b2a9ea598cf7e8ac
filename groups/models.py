"""Groups, their venues, schedules and the shared vocabularies."""

import datetime
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index

from home.i18n import LocalizedField
from home.models import BasePage
from home.panels import SharedInlinePanel
from home.translation import SharedFactsMixin

from .forms import GroupPageForm, OrganisationChooser, PageCopyForm, VenueChooser
from .recurrence import HELSINKI

identifier_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9-]{0,79}$",
    _("Use 1–80 lower-case letters a–z, digits and hyphens, starting with a letter or digit."),
)


class Vocabulary(models.Model):
    """A shared list of terms with a stable code and a Finnish and Swedish label."""

    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        validators=[RegexValidator(r"^[a-z0-9_]+$", _("Use lower-case letters, digits and underscores."))],
        help_text=_("Stable code used in import files and web addresses. Do not change it."),
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=100)
    name_sv = models.CharField(_("name in Swedish"), max_length=100, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    name = LocalizedField("name")

    panels = [FieldPanel("code"), FieldPanel("name_fi"), FieldPanel("name_sv"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name


class Concept(Vocabulary):
    """A vocabulary whose terms map to national concepts, so that other services can read them:
    the YSO ontology (Finto) and the Suomi.fi service classes (PTV). Shown in the API and JSON-LD."""

    yso_uri = models.URLField(
        _("YSO concept"),
        blank=True,
        validators=[RegexValidator(r"^http://www\.yso\.fi/onto/yso/p[0-9]+$", _("Use a YSO concept URI."))],
        help_text=_(
            "The address of the matching YSO concept, e.g. http://www.yso.fi/onto/yso/p916. Leave empty if none fits."
        ),
    )
    ptv_code = models.CharField(
        _("PTV service class"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^P[0-9]+(\.[0-9]+)*$", _("Use a PTV service class code, e.g. P27.1."))],
        help_text=_("The code of the matching Suomi.fi service class, where one exists."),
    )

    panels = [*Vocabulary.panels, FieldPanel("yso_uri"), FieldPanel("ptv_code")]

    class Meta(Vocabulary.Meta):
        abstract = True


class Municipality(Vocabulary):
    """One of the municipalities of the wellbeing services county: where a group meets."""

    neighbours = models.ManyToManyField(
        "self",
        verbose_name=_("neighbouring municipalities"),
        blank=True,
        symmetrical=True,
        help_text=_("Offered to visitors when a search finds nothing in this municipality."),
    )

    panels = [*Vocabulary.panels, FieldPanel("neighbours")]

    class Meta(Vocabulary.Meta):
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")


class ActivityType(Concept):
    """What people do in a group: breakfast, walking, singing..."""

    class Meta(Concept.Meta):
        verbose_name = _("activity type")
        verbose_name_plural = _("activity types")


class TargetGroup(Concept):
    """Whom a group is especially aimed at. It never limits who may come."""

    class Meta(Concept.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Language(Vocabulary):
    """A language spoken in a group (not the language of the web page)."""

    code = models.CharField(
        _("code"),
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^[a-z]{2,3}$", _("Use the two- or three-letter ISO 639 code."))],
        help_text=_("The ISO 639 language code, for example fi, sv or en."),
    )

    class Meta(Vocabulary.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class Venue(RevisionMixin, index.Indexed, models.Model):
    """A place where groups meet, with the facts a person needs to get in."""

    identifier = models.CharField(
        _("identifier"),
        max_length=80,
        unique=True,
        validators=[identifier_validator],
        help_text=_("Stable identifier used in import files."),
    )
    owner = models.ForeignKey(
        "organisations.OrganisationPage",
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="venues",
        help_text=_("The organisation that keeps this venue's details up to date."),
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=255)
    name_sv = models.CharField(_("name in Swedish"), max_length=255, blank=True)
    street_address_fi = models.CharField(_("street address in Finnish"), max_length=255, blank=True)
    street_address_sv = models.CharField(_("street address in Swedish"), max_length=255, blank=True)
    postal_code = models.CharField(
        _("postal code"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{5}$", _("A postal code has five digits."))],
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="venues"
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    # None means "not known": silence about a step is not the same as "no steps".
    step_free_entrance = models.BooleanField(_("step-free entrance"), null=True, blank=True)
    lift = models.BooleanField(_("lift"), null=True, blank=True)
    accessible_toilet = models.BooleanField(_("accessible toilet"), null=True, blank=True)
    induction_loop = models.BooleanField(_("induction loop"), null=True, blank=True)
    accessibility_notes_fi = models.TextField(_("accessibility notes in Finnish"), blank=True)
    accessibility_notes_sv = models.TextField(_("accessibility notes in Swedish"), blank=True)
    getting_there_fi = models.TextField(
        _("how to get there, in Finnish"), blank=True, help_text=_("Bus lines, parking, which door.")
    )
    getting_there_sv = models.TextField(_("how to get there, in Swedish"), blank=True)

    name = LocalizedField("name")
    street_address = LocalizedField("street_address")
    accessibility_notes = LocalizedField("accessibility_notes")
    getting_there = LocalizedField("getting_there")

    panels = [
        FieldPanel("identifier"),
        FieldPanel("owner"),
        FieldRowPanel([FieldPanel("name_fi"), FieldPanel("name_sv")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("street_address_fi"), FieldPanel("street_address_sv")]),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("municipality")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("step_free_entrance"), FieldPanel("lift")]),
                FieldRowPanel([FieldPanel("accessible_toilet"), FieldPanel("induction_loop")]),
                FieldPanel("accessibility_notes_fi"),
                FieldPanel("accessibility_notes_sv"),
            ],
            heading=_("Accessibility"),
        ),
        MultiFieldPanel(
            [FieldPanel("getting_there_fi"), FieldPanel("getting_there_sv")],
            heading=_("How to get there"),
        ),
    ]

    search_fields = [
        index.SearchField("name_fi"),
        index.SearchField("name_sv"),
        index.SearchField("street_address_fi"),
        index.AutocompleteField("name_fi"),
        index.FilterField("owner_id"),
        index.FilterField("municipality_id"),
    ]

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name_fi"]

    def __str__(self):
        return f"{self.name} ({self.municipality})"

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            raise ValidationError({"latitude": _("Latitude must be between -90 and 90.")})
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            raise ValidationError({"longitude": _("Longitude must be between -180 and 180.")})

    @property
    def is_step_free(self):
        """True only when the entrance is known to be step-free."""
        return self.step_free_entrance is True


class Status(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("group status", "Active")
    PAUSED = "paused", pgettext_lazy("group status", "On a break")
    ENDED = "ended", pgettext_lazy("group status", "Ended")


class Registration(models.TextChoices):
    NONE = "none", _("No registration")
    RECOMMENDED = "recommended", _("Registration recommended")
    REQUIRED = "required", _("Registration required")


@dataclass(frozen=True)
class ContactDetails:
    """Whom to ask about a group: a person or role, a phone number and an e-mail address.

    ``organisation`` is the organiser's page when these are the organiser's details (the group
    has none of its own).
    """

    name: str = ""
    phone: str = ""
    email: str = ""
    organisation: object = None


class GroupPage(RoutablePageMixin, SharedFactsMixin, BasePage):
    """A low-threshold group: everything a person needs to know to just walk in.

    Besides the page itself it serves its meetings as an iCalendar feed (``kalenteri.ics`` under
    the Finnish page, ``kalender.ics`` under the Swedish one).
    """

    # The feed's file name under the page, in the page's language.
    calendar_file_names = {"fi": "kalenteri.ics", "sv": "kalender.ics"}

    identifier = models.CharField(
        _("identifier"),
        max_length=80,
        blank=True,
        db_index=True,
        validators=[identifier_validator],
        help_text=_("Stable identifier used in import files. Filled in automatically if left empty."),
    )
    summary = models.TextField(
        _("summary"),
        help_text=_(
            "One or two short, plain sentences shown in search results: what happens and that anyone can come."
        ),
    )
    description = RichTextField(
        _("description"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("What happens, what to bring, food or coffee, how to find the room, who leads."),
    )
    activity_types = ParentalManyToManyField(ActivityType, verbose_name=_("activity types"), related_name="groups")
    target_groups = ParentalManyToManyField(
        TargetGroup,
        verbose_name=_("aimed especially at"),
        related_name="groups",
        blank=True,
        help_text=_("Whom the group is aimed at. Anyone may still come. Leave “Open to everyone” on if it is."),
    )
    languages = ParentalManyToManyField(
        Language,
        verbose_name=_("languages spoken in the group"),
        related_name="groups",
        blank=True,
        help_text=_("The languages people speak in the group itself, not the language of this page."),
    )
    plain_language = models.BooleanField(
        _("plain language"),
        default=False,
        help_text=_("The leaders speak clear, easy-to-understand language (selkokieli / lättläst)."),
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="groups",
    )
    is_online = models.BooleanField(_("meets online"), default=False)
    online_instructions = models.TextField(
        _("how to join online"),
        blank=True,
        help_text=_("For example the link or the app, and whether a nickname is fine."),
    )
    free_of_charge = models.BooleanField(_("free of charge"), default=True)
    cost_note = models.TextField(
        _("cost note"),
        blank=True,
        help_text=_("What costs money, if anything (for example “Coffee 1 €”)."),
    )
    registration = models.CharField(
        _("registration"), max_length=12, choices=Registration.choices, default=Registration.NONE
    )
    anonymous_ok = models.BooleanField(
        _("can take part anonymously"), default=True, help_text=_("No one asks for your name.")
    )
    children_welcome = models.BooleanField(_("children welcome"), default=False)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=60, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_("Describe what the picture shows for people who cannot see it."),
    )

    shared_fields = [
        "identifier",
        "plain_language",
        "venue_id",
        "is_online",
        "free_of_charge",
        "registration",
        "anonymous_ok",
        "children_welcome",
        "contact_name",
        "contact_phone",
        "contact_email",
        "status",
        "image_id",
    ]
    shared_m2m_fields = ["activity_types", "target_groups", "languages"]
    shared_child_relations = ["schedule_rules", "extra_meetings", "leaders", "partner_links"]
    translated_fields = {
        "title": "text",
        "summary": "text",
        "description": "html",
        "online_instructions": "text",
        "cost_note": "text",
        "image_alt": "text",
    }

    base_form_class = GroupPageForm
    # A copy is another group: it gets an identifier of its own (see save()), never the original's.
    exclude_fields_in_copy = ["identifier"]
    copy_form_class = PageCopyForm

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("activity_types", widget=forms.CheckboxSelectMultiple),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
                FieldPanel("plain_language"),
            ],
            heading=_("What and for whom"),
        ),
        MultiFieldPanel(
            [
                SharedInlinePanel("schedule_rules", heading=_("Regular meetings"), label=_("Regular meeting")),
                SharedInlinePanel("extra_meetings", heading=_("Single dates"), label=_("Single date")),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [FieldPanel("venue", widget=VenueChooser), FieldPanel("is_online"), FieldPanel("online_instructions")],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("free_of_charge"),
                FieldPanel("cost_note"),
                FieldPanel("registration"),
                FieldPanel("anonymous_ok"),
                FieldPanel("children_welcome"),
            ],
            heading=_("Taking part"),
        ),
        MultiFieldPanel(
            [
                SharedInlinePanel("leaders", heading=_("Leaders"), label=_("Leader")),
                SharedInlinePanel("partner_links", heading=_("Partner organisations"), label=_("Partner")),
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_phone")]),
                FieldPanel("contact_email"),
            ],
            heading=_("Who runs it"),
        ),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("status"),
        FieldPanel("identifier"),
    ]

    parent_page_types = ["organisations.OrganisationPage"]
    subpage_types = []
    page_description = _("A group that anyone can walk into. It belongs to the organisation above it.")

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.FilterField("status"),
        index.FilterField("identifier"),
    ]

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    @property
    def organisation(self):
        """The organisation that runs the group: the page above it."""
        return self.get_parent().specific

    @property
    def is_listed(self):
        """Ended groups keep their page but are not listed anywhere."""
        return self.status != Status.ENDED

    def schedule_descriptions(self):
        """The regular meeting times in words, leaving out rules that have already ended."""
        from .schedule import describe_rule

        today = timezone.localdate()
        return [
            describe_rule(rule, today)
            for rule in self.schedule_rules.all()
            if rule.valid_until is None or rule.valid_until >= today
        ]

    def upcoming_single_dates(self):
        """Single meeting dates from today on, in words, as :class:`~groups.schedule.SingleDate` items.

        A date with a cancellation is marked ``cancelled`` (the page crosses it out), so that the
        schedule does not promise a meeting that the cancellations below it call off.
        """
        from .schedule import SingleDate, describe_single

        today = timezone.localdate()
        singles = sorted(
            (m for m in self.extra_meetings.all() if m.date >= today), key=lambda m: (m.date, m.start_time)
        )
        cancelled = set(self.upcoming_cancellations().values_list("date", flat=True)) if singles else set()
        return [SingleDate(describe_single(meeting), meeting.date in cancelled) for meeting in singles]

    def upcoming_cancellations(self):
        """Active cancellations from today on. They are stored on the Finnish page, shared by both."""
        return Cancellation.objects.filter(
            group__translation_key=self.translation_key,
            group__locale__language_code="fi",
            withdrawn_at__isnull=True,
            date__gte=timezone.localdate(),
        ).order_by("date")

    def get_context(self, request, *args, **kwargs):
        from .services import upcoming_meetings
        from .structured_data import group_event_series, json_ld_script

        context = super().get_context(request, *args, **kwargs)
        upcoming = list(upcoming_meetings(self.translation_key))
        next_meetings = [meeting for meeting in upcoming if not meeting.is_cancelled][: self.meetings_shown]
        cancelled = [meeting for meeting in upcoming if meeting.is_cancelled]
        # A page being previewed before its first save has no address yet, and so no feed.
        calendar_path = self.calendar_url(request)
        calendar_url = request.build_absolute_uri(calendar_path) if calendar_path else None
        listed = sorted([*next_meetings, *cancelled], key=lambda meeting: meeting.start)
        image_url = self.image.get_rendition("width-800").url if self.image else None
        context.update(
            {
                "next_meetings": next_meetings,
                "cancelled_meetings": cancelled,
                "calendar_url": calendar_url,
                "webcal_url": ("webcal://" + calendar_url.split("://", 1)[1]) if calendar_url else None,
                # An ended group is no longer an event series anyone can attend.
                "json_ld": json_ld_script(group_event_series(self, request, listed, image_url))
                if self.is_listed
                else "",
            }
        )
        return context

    # How many coming meetings the page lists (cancelled ones are all listed separately).
    meetings_shown = 5

    # Wagtail hands a route its path with a slash added; the address itself has none (config/urls.py).
    @path("kalenteri.ics/")
    @path("kalender.ics/")
    def calendar_feed(self, request):
        """The group's meetings as an iCalendar feed to add to or subscribe in a calendar."""
        from .views import group_calendar_feed

        return group_calendar_feed(request, self)

    def calendar_url(self, request=None):
        """The address of the group's calendar feed (relative to the site, like ``page.url``)."""
        page_url = self.get_url(request)
        if not page_url:
            return None
        return page_url + self.calendar_file_names.get(self.locale.language_code, self.calendar_file_names["fi"])

    def next_meetings(self, limit=5):
        """The next meetings that take place (cancelled ones left out), soonest first."""
        from .services import upcoming_meetings

        return list(upcoming_meetings(self.translation_key).filter(status=MeetingStatus.SCHEDULED)[:limit])

    def partner_organisations(self):
        """Partner organisations, each in the reader's language where translated."""
        return [link.organisation.localized for link in self.partner_links.select_related("organisation")]

    def specific_target_groups(self):
        """Target groups other than "open to everyone": whom the group is especially aimed at."""
        return [target for target in self.target_groups.all() if target.code != "everyone"]

    def contact_details(self, organiser=None):
        """Whom to ask: the group's own contact, or else its organiser's phone and e-mail; None if neither.

        ``organiser`` is the organisation page above the group, when the caller has it already.
        An organiser's contact with only a name gives nobody a way to ask, so it does not count.
        """
        if self.contact_name or self.contact_phone or self.contact_email:
            return ContactDetails(self.contact_name, self.contact_phone, self.contact_email)
        organiser = organiser if organiser is not None else self.organisation
        if organiser is not None and (organiser.contact_phone or organiser.contact_email):
            return ContactDetails(
                organiser.contact_name, organiser.contact_phone, organiser.contact_email, organisation=organiser
            )
        return None

    @property
    def welcomes_walk_ins(self):
        """True when a person can just come: no registration and no name asked."""
        return self.registration == Registration.NONE and self.anonymous_ok

    def clean(self):
        super().clean()
        if self.identifier:
            clash = (
                GroupPage.objects.filter(identifier=self.identifier, locale_id=self.locale_id)
                .exclude(translation_key=self.translation_key)
                .exists()
            )
            if clash:
                raise ValidationError({"identifier": _("Another group already uses this identifier.")})

    def full_clean(self, *args, **kwargs):
        if not self.identifier and self.title:
            self.identifier = unique_identifier(GroupPage, self.title, self.translation_key)
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        # A draft is saved without full_clean(), so a copy (which has no identifier) gets one here.
        # A translation takes its source's identifier instead (SharedFactsMixin).
        if not self.identifier and self.title and kwargs.get("update_fields") is None and not self.get_source_page():
            self.identifier = unique_identifier(GroupPage, self.title, self.translation_key)
        return super().save(*args, **kwargs)


def unique_identifier(model, text, translation_key):
    """Return a free identifier derived from ``text`` for a new page of ``model``."""
    base = slugify(text)[:72].strip("-") or "item"
    candidate, number = base, 1
    taken = model.objects.exclude(translation_key=translation_key)
    while taken.filter(identifier=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    BIWEEKLY = "biweekly", _("Every other week")
    MONTHLY = "monthly", _("Once a month")


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, _("First")
    SECOND = 2, _("Second")
    THIRD = 3, _("Third")
    FOURTH = 4, _("Fourth")
    LAST = -1, _("Last")


def validate_times(start, end, errors):
    """Add an error to ``errors`` if a meeting does not end after it starts."""
    if start and end and end <= start:
        errors["end_time"] = _("The meeting must end after it starts.")


class ScheduleRule(Orderable):
    """A recurring meeting time: weekly, every other week, or the nth/last weekday of the month."""

    page = ParentalKey(GroupPage, on_delete=models.CASCADE, related_name="schedule_rules")
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency.choices)
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    week_of_month = models.SmallIntegerField(
        _("week of the month"),
        choices=WeekOfMonth.choices,
        null=True,
        blank=True,
        help_text=_("Only for monthly meetings: for example the first or the last Tuesday of the month."),
    )
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    valid_from = models.DateField(
        _("from"), help_text=_("The first possible meeting date (for biweekly meetings, the first meeting).")
    )
    valid_until = models.DateField(_("until"), null=True, blank=True, help_text=_("Leave empty if it goes on."))
    skip_public_holidays = models.BooleanField(
        _("not on public holidays"),
        default=False,
        help_text=_("The group does not meet when the day is a Finnish public holiday."),
    )

    panels = [
        FieldRowPanel([FieldPanel("frequency"), FieldPanel("weekday"), FieldPanel("week_of_month")]),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
        FieldPanel("skip_public_holidays"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("regular meeting")
        verbose_name_plural = _("regular meetings")

    def __str__(self):
        from .schedule import describe_rule  # schedule.py reads this module's choices

        return describe_rule(self)

    def clean(self):
        super().clean()
        errors = {}
        validate_times(self.start_time, self.end_time, errors)
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The end date is before the start date.")
        if self.frequency == Frequency.MONTHLY and self.week_of_month is None:
            errors["week_of_month"] = _("Choose which week of the month the group meets.")
        if self.frequency != Frequency.MONTHLY and self.week_of_month is not None:
            errors["week_of_month"] = _("Only monthly meetings have a week of the month.")
        if errors:
            raise ValidationError(errors)


class ExtraMeeting(Orderable):
    """A single meeting date outside (or instead of) the regular rules."""

    page = ParentalKey(GroupPage, on_delete=models.CASCADE, related_name="extra_meetings")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")])]

    class Meta(Orderable.Meta):
        verbose_name = _("single date")
        verbose_name_plural = _("single dates")

    def __str__(self):
        from .schedule import describe_single

        return describe_single(self)

    def clean(self):
        super().clean()
        errors = {}
        validate_times(self.start_time, self.end_time, errors)
        if errors:
            raise ValidationError(errors)


class LeaderKind(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    EXPERIENCE_EXPERT = "experience_expert", _("Expert by experience")
    VOLUNTEER = "volunteer", _("Volunteer")


class GroupLeader(Orderable):
    """One of the (usually two) people who lead the group. Only a first name is ever published."""

    page = ParentalKey(GroupPage, on_delete=models.CASCADE, related_name="leaders")
    kind = models.CharField(_("leader"), max_length=20, choices=LeaderKind.choices)
    organisation = models.ForeignKey(
        "organisations.OrganisationPage",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("first name"), max_length=100, blank=True, help_text=_("Optional. A first name only."))

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("name")]),
        FieldPanel("organisation", widget=OrganisationChooser),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("leader")
        verbose_name_plural = _("leaders")

    def __str__(self):
        parts = [self.get_kind_display(), self.name]
        if self.organisation_id:
            parts.append(f"({self.organisation.title})")
        return " ".join(part for part in parts if part)


class GroupPartner(Orderable):
    """Another organisation that runs the group together with the organiser."""

    page = ParentalKey(GroupPage, on_delete=models.CASCADE, related_name="partner_links")
    organisation = models.ForeignKey(
        "organisations.OrganisationPage",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="partnered_group_links",
    )

    panels = [FieldPanel("organisation", widget=OrganisationChooser)]

    class Meta(Orderable.Meta):
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self):
        return self.organisation.title


class Cancellation(models.Model):
    """A meeting that will not take place, with the reason.

    Cancellations are notices, not content: they are urgent, so they are not part of the page's
    revisions and do not wait for approval. They belong to the Finnish source page and are shown
    on both language versions. A cancellation is withdrawn, never deleted.
    """

    group = models.ForeignKey(
        GroupPage, verbose_name=_("group"), on_delete=models.CASCADE, related_name="cancellations"
    )
    date = models.DateField(_("date"))
    reason_fi = models.TextField(_("reason in Finnish"), blank=True)
    reason_sv = models.TextField(_("reason in Swedish"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    reason = LocalizedField("reason")

    class Meta:
        verbose_name = _("cancellation")
        verbose_name_plural = _("cancellations")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "date"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_active_cancellation_per_group_and_date",
            )
        ]

    def __str__(self):
        return f"{self.group} {self.date:%Y-%m-%d}"

    @property
    def is_active(self):
        return self.withdrawn_at is None


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", pgettext_lazy("meeting status", "Scheduled")
    CANCELLED = "cancelled", pgettext_lazy("meeting status", "Cancelled")


class PartOfDay(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")

    @classmethod
    def of(cls, time):
        """Morning before 12, afternoon from 12 to 17, evening from 17 on (by the start time)."""
        if time.hour < 12:
            return cls.MORNING
        if time.hour < 17:
            return cls.AFTERNOON
        return cls.EVENING


class Meeting(models.Model):
    """One concrete meeting of a group, derived from its schedule (one row per occurrence).

    Rows are computed from the published schedule rules, single dates and cancellations of the
    Finnish source page by :func:`groups.services.refresh_meetings`, so that "next meeting",
    weekday, time-of-day and "this week" are plain database queries. Both language versions of
    a group share the rows through ``translation_key``. They are derived data: regenerating them
    loses nothing.
    """

    group = models.ForeignKey(GroupPage, verbose_name=_("group"), on_delete=models.CASCADE, related_name="meetings")
    translation_key = models.UUIDField(editable=False)
    date = models.DateField(_("date"))
    start = models.DateTimeField(_("starts at"))
    end = models.DateTimeField(_("ends at"))
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    part_of_day = models.CharField(_("time of day"), max_length=10, choices=PartOfDay.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    cancellation = models.ForeignKey(
        Cancellation,
        verbose_name=_("cancellation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    # Calendar bookkeeping (iCalendar SEQUENCE and LAST-MODIFIED): a refresh keeps a row that did
    # not change as it is, and counts up ``sequence`` when its end, status or reason changes, so
    # subscribed calendars take the new version over the one they have.
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    modified_at = models.DateTimeField(_("last changed"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["start"]
        constraints = [models.UniqueConstraint(fields=["group", "start"], name="one_meeting_per_group_and_start")]
        indexes = [
            models.Index(fields=["translation_key", "start"], name="meeting_group_start"),
            models.Index(fields=["date", "status"], name="meeting_date_status"),
        ]

    def __str__(self):
        return f"{self.group} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    @property
    def is_cancelled(self):
        return self.status == MeetingStatus.CANCELLED

    @property
    def local_start(self):
        """The start in Helsinki time."""
        return timezone.localtime(self.start, HELSINKI)

    @property
    def local_end(self):
        return timezone.localtime(self.end, HELSINKI)

    @property
    def start_iso(self):
        """The start for a ``<time datetime>`` attribute: ``2026-12-01T09:00+02:00``."""
        return self.local_start.isoformat(timespec="minutes")

    def describe(self):
        """The meeting in words: "ti 1.12.2026 klo 9–10.30"."""
        from .schedule import describe_meeting

        return describe_meeting(self)


class WeekProgrammePage(BasePage):
    """Every meeting of one week, day by day, like a printed weekly programme.

    A fixed page in both trees (``/fi/tama-viikko/``, ``/sv/denna-vecka/``), created by
    ``home.services.ensure_site_structure``. It shows this week; ``?viikko=2026-W49`` (or
    ``?vecka=`` or ``?week=``) shows a later week, as far ahead as meetings are kept.
    """

    # The address parameters mean the same in both languages; the language switcher keeps them.
    language_switch_keeps_query = True

    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    page_description = _("Every meeting of the week by day. One per language; the list is made automatically.")
    max_count_per_parent = 1
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    # The address parameter for the week, in the page's language; all of them are understood.
    week_parameters = {"fi": "viikko", "sv": "vecka"}

    class Meta:
        verbose_name = _("week programme")
        verbose_name_plural = _("week programmes")

    def requested_week(self, request):
        """The Monday of the week asked for, and whether the request asked for one we cannot show."""
        from .services import parse_week, programme_weeks

        first, last = programme_weeks()
        value = next((request.GET[name] for name in ("viikko", "vecka", "week") if request.GET.get(name)), None)
        if value is None:
            return first, False
        monday = parse_week(value[:20])
        if monday is None or not first <= monday <= last:
            return first, True
        return monday, False

    def get_context(self, request, *args, **kwargs):
        from .services import iso_week, programme_weeks, week_programme

        context = super().get_context(request, *args, **kwargs)
        monday, unavailable = self.requested_week(request)
        first, last = programme_weeks()
        parameter = self.week_parameters.get(self.locale.language_code, "week")
        week = datetime.timedelta(days=7)

        page_url = self.get_url(request)

        def week_url(day):
            return f"{page_url}?{parameter}={iso_week(day)}" if day != first else page_url

        context.update(
            {
                "days": week_programme(self.locale, monday),
                "monday": monday,
                "sunday": monday + datetime.timedelta(days=6),
                "week_number": monday.isocalendar()[1],
                "is_this_week": monday == first,
                "week_unavailable": unavailable,
                "today": timezone.localdate(),
                "previous_week_url": week_url(monday - week) if monday > first else None,
                "next_week_url": week_url(monday + week) if monday < last else None,
            }
        )
        return context
