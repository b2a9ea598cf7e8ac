"""``manage.py warm_brochures``: render the brochures people print most into the cache."""

import time
from urllib.parse import urlencode, urlsplit

from django.core.management.base import CommandError
from django.test import RequestFactory
from django.utils.translation import gettext as _

from wagtail.models import Site

from core.commands import LocalisedCommand
from core.i18n import localized
from groups.models import Municipality
from search.brochure import prepare_brochure
from search.models import FinderPage


class Command(LocalisedCommand):
    help = (
        "Render the brochures of the whole region and of each municipality, in each language, into the cache "
        "if a brochure of the same content is not there, so that the first visitor to print one after a change "
        "does not wait. Run it every few minutes (see docs/brochure.md)."
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
        municipalities = list(Municipality.objects.all())
        for finder in FinderPage.objects.live().select_related("locale").order_by("locale__language_code"):
            language = finder.locale.language_code
            # The whole region first: the biggest, and the one most often printed.
            selections = [(_("all groups"), {})] + [
                (localized(municipality, "name", language), {"municipality": municipality.code})
                for municipality in municipalities
            ]
            for label, params in selections:
                request = factory.get(
                    f"{finder.get_url() or '/'}?{urlencode(params)}",
                    secure=address.scheme == "https",
                    headers={"host": address.netloc},
                )
                started = time.monotonic()
                # refresh: the HTML is made again even when the selection is cached, so that its
                # cache entry never runs out and the PDF is laid out again only if its content changed.
                prepared = prepare_brochure(finder, request, refresh=True)
                if prepared.rendered:
                    message = _("%(language)s, %(selection)s: the brochure was rendered in %(seconds).1f s.")
                else:
                    message = _("%(language)s, %(selection)s: a brochure of the same content was in the cache.")
                self.stdout.write(
                    message % {"language": language, "selection": label, "seconds": time.monotonic() - started}
                )
