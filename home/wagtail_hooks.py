"""Admin registrations of the home app: the two-factor authentication pages and translating."""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from . import translation_views
from .views import TwoFactorSetupView, TwoFactorVerifyView


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/setup/", TwoFactorSetupView.as_view(), name="home_two_factor_setup"),
        path("two-factor/verify/", TwoFactorVerifyView.as_view(), name="home_two_factor_verify"),
        path(
            "translations/<int:page_id>/start/",
            translation_views.start_translation_view,
            name="home_start_translation",
        ),
    ]


# Before wagtail-localize's own hook, which would show its translation editor instead.
@hooks.register("before_edit_page", order=-10)
def translation_editor(request, page):
    if not translation_views.is_translation(page):
        return None
    if page.alias_of_id:
        return translation_views.start_screen(request, page)
    translation_views.editor_notices(request, page)
    return None


@hooks.register("before_convert_alias_page")
def convert_alias_starts_a_translation(request, page):
    """Converting a Swedish alias is translating it: a draft that goes through approval.

    Wagtail's own conversion would make the alias an ordinary live page at once, still with the
    Finnish text but no longer marked untranslated nor following the Finnish page.
    """
    if not translation_views.is_translation(page):
        return None
    if request.method == "POST":
        return translation_views.start_translation_view(request, page.pk)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("construct_reports_menu")
def hide_wagtail_localize_report(request, menu_items):
    """wagtail-localize's report lists its own translation jobs, which this site does not use."""
    from wagtail_localize.wagtail_hooks import TranslationsReportMenuItem

    menu_items[:] = [item for item in menu_items if not isinstance(item, TranslationsReportMenuItem)]


@hooks.register("register_account_menu_item")
def two_factor_account_menu_item(request):
    return {
        "url": reverse("home_two_factor_setup"),
        "label": _("Two-factor authentication"),
        "help_text": _("Sign in with a code from an authenticator app as well as your password."),
    }
