"""The home page, simple information pages and the site's contact setting."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from core.i18n import LocalizedField
from core.models import BasePage

from .blocks import BodyBlock


class HomePage(BasePage):
    """The front page of one language tree."""

    intro = RichTextField(
        verbose_name=_("Introduction"),
        blank=True,
        features=["bold", "link"],
        help_text=_("A few plain sentences that say what the site is for."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    translated_fields = {"title": "text", "intro": "html"}
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.InformationPage",
        "organisations.OrganisationIndexPage",
        "search.FinderPage",
        "groups.WeekProgrammePage",
    ]
    page_description = _("The front page. There is one for each language.")
    max_count_per_parent = 2
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    def get_context(self, request, *args, **kwargs):
        from groups.models import ActivityType, Municipality

        context = super().get_context(request, *args, **kwargs)
        context["municipalities"] = Municipality.objects.all()
        context["activity_types"] = ActivityType.objects.all()
        context["children"] = InformationPage.objects.child_of(self).live().public()
        return context

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class InformationPage(BasePage):
    """A simple page of text: about the site, what low-threshold groups are, accessibility."""

    intro = models.TextField(
        verbose_name=_("Introduction"),
        blank=True,
        max_length=400,
        help_text=_("One or two sentences shown under the title and in search results."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("Body"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    translated_fields = {"title": "text", "intro": "text", "body": None}
    parent_page_types = ["home.HomePage", "home.InformationPage"]
    subpage_types = ["home.InformationPage"]
    page_description = _("A page of text, for example about the service or accessibility.")
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")


@register_setting(icon="mail")
class SiteContact(BaseSiteSetting):
    """Who a visitor can ask about the groups: the coordinator of the group activities."""

    title_fi = models.CharField(
        _("title in Finnish"),
        max_length=200,
        blank=True,
        help_text=_("A role rather than a person's name, for example “Ryhmätoiminnan koordinaattori”."),
    )
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    organisation_fi = models.CharField(_("organisation in Finnish"), max_length=200, blank=True)
    organisation_sv = models.CharField(_("organisation in Swedish"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    title = LocalizedField("title")
    organisation = LocalizedField("organisation")

    panels = [
        FieldPanel("title_fi"),
        FieldPanel("title_sv"),
        FieldPanel("organisation_fi"),
        FieldPanel("organisation_sv"),
        FieldPanel("phone"),
        FieldPanel("email"),
    ]

    class Meta:
        verbose_name = _("contact for visitors")

    @property
    def is_set(self):
        return bool(self.phone or self.email)
