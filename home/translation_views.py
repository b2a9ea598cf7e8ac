"""Admin views of translating a page into Swedish (see docs/translation.md).

wagtail-localize's own translation editor publishes translations directly and does not take part
in Wagtail's approval workflows. Here a translation is an ordinary draft of the Swedish page,
edited in Wagtail's page editor (which shows the Finnish text with every translated field) and
submitted for approval from that editor like any change:

* opening an untranslated (alias) Swedish page shows :func:`start_screen` instead of
  wagtail-localize's, with a button to start the translation, from a machine translation too
  when one is configured;
* :class:`StartTranslationView` makes the draft;
* :func:`translate_page` answers wagtail-localize's "Translate this page" buttons the same way;
* :func:`editor_notices` tells the translator what state the translation is in.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.admin import messages
from wagtail.admin.auth import require_admin_access
from wagtail.models import Locale, Page

from core.machine_translation import get_translator
from core.models import BasePage
from core.translation import changed_source_fields, source_page_of, start_translation


def is_translation(page):
    """True for a page of the site in another language than the source language (Finnish)."""
    return isinstance(page, BasePage) and page.locale_id != Locale.get_default().pk


def start_screen(request, page):
    """The editor of an untranslated Swedish page: what it shows now, and a button to translate it."""
    translator = get_translator()
    return TemplateResponse(
        request,
        "home/admin/start_translation.html",
        {
            "page_title": _("Translate into Swedish"),
            "page_subtitle": page.title,
            "header_icon": "doc-empty-inverse",
            "page": page,
            "source": page.alias_of.specific,
            "can_translate": page.permissions_for_user(request.user).can_edit(),
            "translator_name": translator.name if translator is not None else "",
            "start_url": reverse("home_start_translation", args=[page.pk]),
        },
    )


@require_admin_access
@require_POST
def start_translation_view(request, page_id):
    """Start translating an untranslated Swedish page: make a draft and open it in the editor."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not is_translation(page) or not page.alias_of_id:
        return redirect("wagtailadmin_pages:edit", page.pk)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    translator = get_translator() if request.POST.get("machine") else None
    translation, error = start_translation(page, request.user, translator=translator)
    if error is not None:
        messages.warning(
            request,
            _("The machine translation did not work this time, so the draft starts from the Finnish text."),
        )
    elif translator is not None:
        messages.success(
            request,
            _("The draft is a machine translation by %(translator)s. Read it through and correct it.")
            % {"translator": translator.name},
        )
    return redirect("wagtailadmin_pages:edit", translation.pk)


@require_admin_access
def translate_page(request, page_id):
    """wagtail-localize's "Translate this page": open the Swedish version, which offers the translation."""
    page = get_object_or_404(Page, pk=page_id)
    if page.alias_of_id:
        page = page.alias_of
    source = source_page_of(page) or page
    swedish = Locale.objects.exclude(pk=source.locale_id).order_by("pk").first()
    translation = source.get_translation_or_none(swedish) if swedish is not None else None
    if translation is None:
        messages.error(request, _("This page has no Swedish version yet. Publish the Finnish page first."))
        return redirect("wagtailadmin_pages:edit", source.pk)
    return redirect("wagtailadmin_pages:edit", translation.pk)


def editor_notices(request, page):
    """Messages at the top of the editor of a Swedish page about the state of its translation."""
    if request.method != "GET" or page.alias_of_id:
        return
    if page.awaiting_translation:
        messages.info(
            request,
            _(
                "This translation is a draft. Readers see the Finnish text until the translation has been "
                "approved. When it is ready, send it for approval from the menu of the button at the bottom "
                "of the page."
            ),
        )
        return
    changed = changed_source_fields(page)
    if changed:
        labels = ", ".join(str(page._meta.get_field(name).verbose_name) for name in changed)
        messages.warning(
            request,
            _("The Finnish page has changed since this translation was published. Check these: %(fields)s.")
            % {"fields": labels},
        )
