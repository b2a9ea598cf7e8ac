"""URLs: the admin, documents and the sitemap outside the language prefix; pages under /fi/ and /sv/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home.sitemaps import PageSitemap
from home.translation_views import translate_page
from home.views import favicon, healthz, robots_txt
from search.api.errors import not_found as api_not_found
from search.embed import embed

# A database outage gives the 503 page wherever the error is raised (see config/views.py).
handler500 = "config.views.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("robots.txt", robots_txt, name="robots_txt"),
    # wagtail-localize's "Translate this page" leads to this site's own translation start screen.
    path("admin/localize/submit/page/<int:page_id>/", translate_page, name="home_translate_page"),
    # Wagtail's site history and page types reports, narrowed to what each user may see.
    path("admin/reports/", include("organisations.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The open data API (search/api/, docs/api.md): the same groups as the finder, as JSON.
    path("api/v1/", include("search.api.urls")),
    re_path(r"^api/", api_not_found),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PageSitemap}}, name="sitemap"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    # Wagtail's page addresses end in a slash and have no dots; calendar feeds and brochures are
    # files ("…/yhteinen-aamupala/kalenteri.ics", "…/ryhmat/esite.pdf"), served by the page's own
    # route (RoutablePageMixin). They are only read: anything but GET or HEAD is "405 Method Not
    # Allowed" before Wagtail or the CSRF check (which would answer a POST with 403) sees it.
    re_path(
        r"^((?:[\w\-]+/)+[\w\-]+\.(?:ics|pdf))$",
        csrf_exempt(require_safe(wagtail_views.serve)),
        name="page_calendar_feed",
    ),
    # The embeddable listing for partners' websites (search/embed.py), one address per language.
    path("upotus/", embed, {"language": "fi"}, name="search_embed_fi"),
    path("inbaddning/", embed, {"language": "sv"}, name="search_embed_sv"),
    # The anonymous feedback and wish forms (routes of the group page and the finder) take posts
    # without a CSRF token, which would set a cookie; groups/feedback.py guards them instead.
    re_path(
        r"^((?:[\w\-]+/)+(?:palaute|respons|toivo-ryhmaa|onska-grupp)/)$",
        csrf_exempt(wagtail_views.serve),
        name="page_public_form",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
