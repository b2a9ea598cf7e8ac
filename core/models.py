"""The abstract base of every page type on the site."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from .forms import TranslatablePageForm
from .i18n import SOURCE_LANGUAGE
from .permissions import SitePagePermissionTester


class BasePage(Page):
    """Abstract base of every page type on the site."""

    show_in_menus_default = False

    # The state of a translation (see core/translation.py). Neither is edited in a form.
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
        # Partners never delete or move pages; see core.permissions.
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


class ListingPage(BasePage):
    """A fixed page that lists what the site puts together itself (the finder, the week programme).

    One per language tree, under the home page, with a short introduction above the list. Its
    address parameters mean the same in both languages, so the language switcher keeps them.
    """

    language_switch_keeps_query = True

    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        abstract = True
