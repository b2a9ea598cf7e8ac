"""The group page: everything a person needs to know to just walk in."""

from dataclasses import dataclass

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from core.identifiers import IdentifierMixin, identifier_validator
from core.models import BasePage
from core.panels import SharedInlinePanel
from core.translation import SharedFactsMixin

from ..forms import GroupPageForm, VenueChooser
from .venue import Venue
from .vocabulary import ActivityType, Language, TargetGroup


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


class GroupPage(IdentifierMixin, RoutablePageMixin, SharedFactsMixin, BasePage):
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
    # A copy is another group: it gets an identifier of its own (IdentifierMixin), never the original's.
    identifier_taken_message = _("Another group already uses this identifier.")

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

    # Another organisation's group is not for a partner to choose (organisations.permissions.choosable_pages).
    choosable_by_others = False
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
        from ..schedule import describe_rule

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
        from ..schedule import SingleDate, describe_single

        today = timezone.localdate()
        singles = sorted(
            (m for m in self.extra_meetings.all() if m.date >= today), key=lambda m: (m.date, m.start_time)
        )
        cancelled = set(self.upcoming_cancellations().values_list("date", flat=True)) if singles else set()
        return [SingleDate(describe_single(meeting), meeting.date in cancelled) for meeting in singles]

    def upcoming_cancellations(self):
        """Active cancellations from today on. They are stored on the Finnish page, shared by both."""
        from .meeting import Cancellation

        return Cancellation.objects.filter(
            group__translation_key=self.translation_key,
            group__locale__language_code="fi",
            withdrawn_at__isnull=True,
            date__gte=timezone.localdate(),
        ).order_by("date")

    def get_context(self, request, *args, **kwargs):
        from ..services import upcoming_meetings
        from ..structured_data import group_event_series, json_ld_script

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
        from ..views import group_calendar_feed

        return group_calendar_feed(request, self)

    # The feedback form's address under the page, in the page's language (config/urls.py lets it take posts).
    feedback_slugs = {"fi": "palaute", "sv": "respons"}

    @path("palaute/")
    @path("respons/")
    def feedback(self, request):
        """The group's anonymous feedback form (active groups only)."""
        from ..feedback_views import feedback_form

        return feedback_form(request, self)

    def feedback_url(self, request=None):
        """The address of the group's feedback form (relative to the site, like ``page.url``)."""
        page_url = self.get_url(request)
        if not page_url:
            return None
        return page_url + self.feedback_slugs.get(self.locale.language_code, self.feedback_slugs["fi"]) + "/"

    def calendar_url(self, request=None):
        """The address of the group's calendar feed (relative to the site, like ``page.url``)."""
        page_url = self.get_url(request)
        if not page_url:
            return None
        return page_url + self.calendar_file_names.get(self.locale.language_code, self.calendar_file_names["fi"])

    def next_meetings(self, limit=5):
        """The next meetings that take place (cancelled ones left out), soonest first."""
        from ..services import upcoming_meetings
        from .meeting import MeetingStatus

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
