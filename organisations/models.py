"""Partner organisations. The page tree is ownership: an organisation's groups are its children."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from groups.models import GroupPage, Status, identifier_validator, unique_identifier
from home.models import BasePage
from home.translation import SharedFactsMixin


class OrganisationKind(models.TextChoices):
    WELLBEING_COUNTY = "wellbeing_county", _("Wellbeing services county")
    MUNICIPALITY = "municipality", _("Municipality or town")
    PARISH = "parish", _("Parish")
    ASSOCIATION = "association", _("Association or organisation")
    EDUCATIONAL = "educational", _("Educational institution")
    PROJECT = "project", _("Project")
    OTHER = "other", _("Other")


class OrganisationIndexPage(BasePage):
    """The list of all partner organisations."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["organisations.OrganisationPage"]
    page_description = _("Lists the partner organisations. One per language.")
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("organisation list")
        verbose_name_plural = _("organisation lists")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["organisations"] = (
            OrganisationPage.objects.child_of(self).live().public().select_related("municipality").order_by("title")
        )
        return context


class OrganisationPage(SharedFactsMixin, BasePage):
    """A partner: the wellbeing services county, a municipality, a parish, an association..."""

    identifier = models.CharField(
        _("identifier"),
        max_length=80,
        blank=True,
        db_index=True,
        validators=[identifier_validator],
        help_text=_("Stable identifier used in import files. Filled in automatically if left empty."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    description = RichTextField(_("description"), blank=True, features=["bold", "italic", "link", "ul"])
    business_id = models.CharField(
        _("business ID"),
        max_length=9,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{7}-[0-9]$", _("A business ID looks like 1234567-8."))],
        help_text=_("The Finnish business ID (Y-tunnus), if the organisation has one."),
    )
    municipality = models.ForeignKey(
        "groups.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=60, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    shared_fields = [
        "identifier",
        "kind",
        "business_id",
        "municipality_id",
        "website",
        "contact_name",
        "contact_phone",
        "contact_email",
        "logo_id",
    ]

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("municipality")]),
        FieldRowPanel([FieldPanel("business_id"), FieldPanel("website")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_phone")]),
                FieldPanel("contact_email"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("logo"),
        FieldPanel("identifier"),
    ]

    parent_page_types = ["organisations.OrganisationIndexPage"]
    subpage_types = ["groups.GroupPage"]
    page_description = _("A partner organisation. Its groups are added under it.")

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.FilterField("identifier"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def clean(self):
        super().clean()
        if self.identifier:
            clash = (
                OrganisationPage.objects.filter(identifier=self.identifier, locale_id=self.locale_id)
                .exclude(translation_key=self.translation_key)
                .exists()
            )
            if clash:
                raise ValidationError({"identifier": _("Another organisation already uses this identifier.")})

    def full_clean(self, *args, **kwargs):
        if not self.identifier and self.title:
            self.identifier = unique_identifier(OrganisationPage, self.title, self.translation_key)
        super().full_clean(*args, **kwargs)

    def listed_groups(self):
        """The organisation's groups that the public can see, ended ones excluded."""
        from groups.services import with_next_meeting

        return with_next_meeting(
            GroupPage.objects.child_of(self)
            .live()
            .public()
            .exclude(status=Status.ENDED)
            .select_related("venue__municipality")
            .order_by("title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = self.listed_groups()
        return context
