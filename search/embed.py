"""The embeddable listing (/fi/upotus/, /sv/inbaddning/): the finder's groups for partners' own
websites, in an ``<iframe>``.

The same parameters and the same groups as the finder (:func:`search.services.find_groups`), so it
updates by itself when a group changes or a meeting is cancelled. No JavaScript, a light page of
its own (no site header or menus), links that open the group's page in the whole window. It is
the one page other sites may frame: it is sent without ``X-Frame-Options`` and with the
site's policy except ``frame-ancestors`` (``EMBED_FRAME_ANCESTORS``, any site by default); every other page keeps
``frame-ancestors 'none'``. Search engines are asked not to index it (the finder is the page to
find).
"""

from csp.decorators import csp_replace

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from wagtail.models import Locale

from .models import FinderPage
from .services import find_groups, page_number

PATHS = {"fi": "search_embed_fi", "sv": "search_embed_sv"}
RESULTS_PER_PAGE = 10


def embed_url(language, query_string="", request=None):
    """The address of the embeddable listing in ``language`` (absolute when ``request`` is given)."""
    with translation.override(language):
        url = reverse(PATHS[language])
    if query_string:
        url = f"{url}?{query_string}"
    return request.build_absolute_uri(url) if request is not None else url


# The frontend cache purge knows page addresses, not this one: a shared cache keeps it a minute only.
EMBED_CACHE_SECONDS = 60


@require_safe
@cache_control(public=True, max_age=EMBED_CACHE_SECONDS, s_maxage=EMBED_CACHE_SECONDS)
@xframe_options_exempt
@csp_replace({"frame-ancestors": settings.EMBED_FRAME_ANCESTORS})
def embed(request, language):
    """The listing in ``language``; an address in the other language's tree goes to the right one."""
    current = translation.get_language()
    if current != language:
        return redirect(embed_url(current, request.GET.urlencode()))
    locale = Locale.objects.get(language_code=language)
    results = find_groups(locale, request.GET)
    paginator = Paginator(results.groups, RESULTS_PER_PAGE)
    page_obj = paginator.get_page(page_number(request.GET.get("page")))
    finder = FinderPage.objects.live().filter(locale=locale).first()
    params = request.GET.copy()
    params.pop("page", None)
    finder_url = finder.get_url(request) if finder else "/"
    organisations = [choice.title for identifier, choice in results_organisations(locale, results.selected).items()]
    return render(
        request,
        "search/embed.html",
        {
            "results": results,
            "page_obj": page_obj,
            "result_count": paginator.count,
            "organisations": organisations,
            "query_string": params.urlencode(),
            "finder_url": request.build_absolute_uri(finder_url) + (f"?{params.urlencode()}" if params else ""),
            "noindex": True,
        },
    )


def results_organisations(locale, selected):
    """The chosen organisations (for the heading), by id."""
    from .services import organisation_pages

    chosen = selected.get("organisation", [])
    return {identifier: page for identifier, page in organisation_pages(locale).items() if identifier in chosen}
