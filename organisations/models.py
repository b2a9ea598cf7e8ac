"""Partner organisations. The page tree is ownership: an organisation's groups are its children."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from core.identifiers import IdentifierMixin, identifier_validator
from core.models import BasePage
from core.signals import organisation_page_context
from core.translation import SharedFactsMixin

from .forms import OrganisationPageForm


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


class OrganisationPage(IdentifierMixin, SharedFactsMixin, BasePage):
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
    translated_fields = {"title": "text", "description": "html"}

    base_form_class = OrganisationPageForm
    # A copy is another organisation: it gets an identifier (and so user groups) of its own.
    identifier_taken_message = _("Another organisation already uses this identifier.")

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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The groups it runs and co-runs come from the groups app, which listens (groups/signals.py).
        organisation_page_context.send(sender=type(self), page=self, context=context)
        return context


class PartnerAccess(models.Model):
    """What belongs to one partner organisation in the admin: its two user groups and its collection.

    Created and kept up to date by :func:`organisations.services.provision_organisation`. It points
    at the organisation's source (Finnish) page; its translations share the ``translation_key``, so
    ``organisation__translation_key`` finds it from a page in either language tree.
    """

    organisation = models.OneToOneField(
        OrganisationPage, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="access"
    )
    editors = models.OneToOneField(
        "auth.Group", verbose_name=_("editors"), on_delete=models.PROTECT, related_name="editor_of"
    )
    approvers = models.OneToOneField(
        "auth.Group", verbose_name=_("approvers"), on_delete=models.PROTECT, related_name="approver_of"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", verbose_name=_("collection"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("partner access")
        verbose_name_plural = _("partner accesses")
        default_permissions = ()
        permissions = [("coordinate", _("Can coordinate the content of every organisation"))]

    def __str__(self):
        return str(self.organisation)


# The approval workflow's models live in organisations/workflow.py; Django finds them through here.
from .workflow import (  # noqa: E402
    CoordinatorApprovalTask,
    NoSelfApprovalMixin,
    OrganisationApprovalTask,
    ReviewTaskState,
)

__all__ = [
    "CoordinatorApprovalTask",
    "NoSelfApprovalMixin",
    "OrganisationApprovalTask",
    "OrganisationIndexPage",
    "OrganisationKind",
    "OrganisationPage",
    "PartnerAccess",
    "ReviewTaskState",
]
