"""The shared base page, the home page and simple information pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from .blocks import BodyBlock


class BasePage(Page):
    """Abstract base of every page type on the site."""

    show_in_menus_default = False

    class Meta:
        abstract = True

    search_fields = [*Page.search_fields, index.FilterField("locale_id")]

    @property
    def is_untranslated(self):
        """True when this page is a placeholder that still shows the source (Finnish) text.

        wagtail-localize keeps the Swedish tree in step with the Finnish one by creating alias pages
        for pages nobody has translated yet; an alias shows its original's content.
        """
        return bool(self.alias_of_id) and self.locale_id != self._source_locale_id()

    @property
    def content_language(self):
        """The language the page's own text is written in."""
        if self.is_untranslated:
            return Locale.get_default().language_code
        return self.locale.language_code

    def _source_locale_id(self):
        return Locale.get_default().pk

    def permissions_for_user(self, user):
        # Partners never delete or move pages; see organisations.permissions.
        from organisations.permissions import SitePagePermissionTester

        return SitePagePermissionTester(user, self)


class HomePage(BasePage):
    """The front page of one language tree."""

    intro = RichTextField(
        verbose_name=_("Introduction"),
        blank=True,
        features=["bold", "link"],
        help_text=_("A few plain sentences that say what the site is for."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.InformationPage",
        "organisations.OrganisationIndexPage",
        "search.FinderPage",
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
