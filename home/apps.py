from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and information pages")

    def ready(self):
        from core import admin_guard

        from . import signals  # noqa: F401

        admin_guard.register("home_two_factor_setup")
        admin_guard.register("home_two_factor_verify")
        admin_guard.register("home_start_translation", admin_guard.arg("page_id", "page", "translate"))
        admin_guard.register("home_translate_page", admin_guard.arg("page_id", "page", "view"))
