"""``manage.py warm_brochures``: render the brochures of the whole region into the cache."""

import time
from urllib.parse import urlsplit

from django.core.cache import cache
from django.core.management.base import CommandError
from django.test import RequestFactory
from django.utils.translation import gettext as _

from wagtail.models import Site

from home.commands import LocalisedCommand
from search.brochure import brochure_pdf, cache_key
from search.models import FinderPage


class Command(LocalisedCommand):
    help = (
        "Render the brochure of every group (the whole region, in each language) into the cache if it is not "
        "there, so that the first visitor to print it after a change does not wait. Run it every few minutes "
        "(see docs/brochure.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            help="The public address of the site, e.g. https://ryhmat.example.fi (default: the default Wagtail site).",
        )

    def handle(self, *args, base_url=None, **options):
        if not base_url:
            site = Site.objects.filter(is_default_site=True).first()
            if site is None:
                raise CommandError(_("There is no default site. Give the site's address with --base-url."))
            base_url = site.root_url
        address = urlsplit(base_url)
        if address.scheme not in ("http", "https") or not address.netloc:
            raise CommandError(
                _("The address must begin with http:// or https://, for example https://ryhmat.example.fi")
            )
        factory = RequestFactory()
        for finder in FinderPage.objects.live().select_related("locale").order_by("locale__language_code"):
            request = factory.get(
                finder.get_url() or "/", secure=address.scheme == "https", headers={"host": address.netloc}
            )
            started = time.monotonic()
            cached = cache.get(cache_key(finder, request, request.GET)) is not None
            brochure_pdf(finder, request)
            if cached:
                message = _("%(language)s: the brochure of every group was already in the cache.")
            else:
                message = _("%(language)s: the brochure of every group rendered in %(seconds).1f s.")
            self.stdout.write(
                message % {"language": finder.locale.language_code, "seconds": time.monotonic() - started}
            )
