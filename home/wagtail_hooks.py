"""Admin registrations of the home app: the two-factor authentication pages."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from .views import TwoFactorSetupView, TwoFactorVerifyView


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/setup/", TwoFactorSetupView.as_view(), name="home_two_factor_setup"),
        path("two-factor/verify/", TwoFactorVerifyView.as_view(), name="home_two_factor_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_menu_item(request):
    return {
        "url": reverse("home_two_factor_setup"),
        "label": _("Two-factor authentication"),
        "help_text": _("Sign in with a code from an authenticator app as well as your password."),
    }
