"""The shared base page, the home page and simple information pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyBlock
from .forms import TranslatablePageForm
from .i18n import SOURCE_LANGUAGE, LocalizedField


class BasePage(Page):
    """Abstract base of every page type on the site."""

    show_in_menus_default = False

    # The state of a translation (see home/translation.py). Neither is edited in a form.
    awaiting_translation = models.BooleanField(
        _("awaiting translation"),
        default=False,
        editable=False,
        help_text=_("The live page still shows the Finnish text while its translation waits for approval."),
    )
    translated_from = models.JSONField(
        _("translated from"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("The Finnish texts as they were when this translation was last published."),
    )

    #: The fields whose text is translated (everything else is a fact shared by both languages),
    #: and for each, how a machine translator should treat it: "text", "html" or None (not sent).
    translated_fields = {"title": "text"}
    base_form_class = TranslatablePageForm

    class Meta:
        abstract = True

    search_fields = [*Page.search_fields, index.FilterField("locale_id")]

    @property
    def is_untranslated(self):
        """True when this page still shows the source (Finnish) text to its readers.

        wagtail-localize keeps the Swedish tree in step with the Finnish one by creating alias pages
        for pages nobody has translated yet; an alias shows its original's content. Once someone
        starts a translation, the page stops being an alias but keeps the Finnish text live
        (``awaiting_translation``) until the translation is approved and published.
        """
        if self.awaiting_translation:
            return True
        return bool(self.alias_of_id) and self.locale.language_code != SOURCE_LANGUAGE

    @property
    def content_language(self):
        """The language the page's own text is written in."""
        if self.is_untranslated:
            return SOURCE_LANGUAGE
        return self.locale.language_code

    def permissions_for_user(self, user):
        # Partners never delete or move pages; see organisations.permissions.
        from organisations.permissions import SitePagePermissionTester

        return SitePagePermissionTester(user, self)

    def get_admin_display_title(self):
        """The title the admin shows: the draft's title only to those who may see the draft.

        Wagtail shows a page's unpublished title everywhere the page is listed, so another
        organisation's draft would leak through a chooser; everyone else sees the live title.
        """
        from core.access import current_user, may

        user = current_user()
        if (
            user is not None
            and self.draft_title
            and self.draft_title != self.title
            and not may(user, "see_draft", self)
        ):
            return self.title
        return super().get_admin_display_title()


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
