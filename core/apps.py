from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared floor of the site: what every other app may build on (see docs/architecture.md)."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import access, admin_filters, admin_guard_wagtail, signals, wagtail_fixes  # noqa: F401 (signals: handlers)

        access.register_wagtail_rules()
        admin_guard_wagtail.register_wagtail_urls()
        admin_filters.narrow_filter_choices()
        wagtail_fixes.apply()
