"""Venues: the places where groups meet, each kept up to date by one organisation (or shared)."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
)
from wagtail.models import RevisionMixin
from wagtail.search import index

from core.i18n import LocalizedField
from core.identifiers import identifier_validator

from .vocabulary import Municipality


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
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    def _coordinates(self):
        return f"{self.latitude:.6f},{self.longitude:.6f}"

    @property
    def directions_url(self):
        """A public route planner's directions to the place (no key needed), or None without coordinates.

        Google Maps' cross-platform address opens the map app on a phone and the web page elsewhere,
        starting from where the visitor is; nothing is sent before the visitor follows the link.
        """
        if not self.has_coordinates:
            return None
        return f"https://www.google.com/maps/dir/?api=1&destination={self._coordinates()}"

    @property
    def map_url(self):
        """The place on OpenStreetMap's public map, or None without coordinates."""
        if not self.has_coordinates:
            return None
        lat, lon = f"{self.latitude:.6f}", f"{self.longitude:.6f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"

    @property
    def known_accessibility(self):
        """True when at least one accessibility fact of the place is known (yes or no)."""
        facts = (self.step_free_entrance, self.lift, self.accessible_toilet, self.induction_loop)
        return any(fact is not None for fact in facts)

    @property
    def is_step_free(self):
        """True only when the entrance is known to be step-free."""
        return self.step_free_entrance is True
