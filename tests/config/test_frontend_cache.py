"""Front-end cache purging: the settings built from the environment work with Wagtail's backends."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from django.test import override_settings

from wagtail.contrib.frontend_cache.backends import BaseBackend, CloudflareBackend, CloudfrontBackend, HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends, purge_page_from_cache

from config.env import frontend_cache_settings
from groups.models import GroupPage, WeekProgrammePage
from search.models import FinderPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def varnish():
    """A stand-in for Varnish on a loopback port that records the PURGE requests it gets."""
    purged = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):
            purged.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", purged
    server.shutdown()
    server.server_close()


def test_publishing_purges_the_page_from_every_varnish(varnish, imported_example, fi):
    location, purged = varnish
    backend_settings = frontend_cache_settings(
        {"FRONTEND_CACHE_BACKEND": "http", "FRONTEND_CACHE_LOCATION": f"{location},{location}"}
    )
    page = GroupPage.objects.get(identifier="aamupala-kokkola", locale=fi)
    with override_settings(WAGTAILFRONTENDCACHE_LANGUAGES=[]):
        purge_page_from_cache(page, backend_settings=backend_settings)
    expected = ("localhost", page.url)
    assert purged == [expected, expected]


def test_cdn_settings_are_accepted_by_wagtails_backends():
    cloudflare = get_backends(
        frontend_cache_settings(
            {"FRONTEND_CACHE_BACKEND": "cloudflare", "CLOUDFLARE_BEARER_TOKEN": "token", "CLOUDFLARE_ZONEID": "zone"}
        )
    )
    cloudfront = get_backends(
        frontend_cache_settings({"FRONTEND_CACHE_BACKEND": "cloudfront", "CLOUDFRONT_DISTRIBUTION_ID": "E2EXAMPLE"})
    )
    varnish = get_backends(
        frontend_cache_settings({"FRONTEND_CACHE_BACKEND": "http", "FRONTEND_CACHE_LOCATION": "http://10.0.0.5:6081"})
    )
    assert isinstance(cloudflare["cloudflare"], CloudflareBackend)
    assert isinstance(cloudfront["cloudfront"], CloudfrontBackend)
    assert isinstance(varnish["varnish1"], HTTPBackend)


class RecordingBackend(BaseBackend):
    """A frontend cache backend that only remembers the URLs it was asked to purge."""

    purged = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def recording_cache():
    RecordingBackend.purged = []
    with override_settings(
        WAGTAILFRONTENDCACHE={"recording": {"BACKEND": f"{__name__}.RecordingBackend"}},
        WAGTAILFRONTENDCACHE_LANGUAGES=[],
    ):
        yield RecordingBackend.purged


def test_publishing_a_finnish_group_purges_its_swedish_translation_and_the_listings(
    recording_cache, imported_example, fi, sv, django_capture_on_commit_callbacks
):
    finnish = GroupPage.objects.get(identifier="aamupala-kokkola", locale=fi)
    swedish = GroupPage.objects.get(translation_key=finnish.translation_key, locale=sv)
    assert swedish.live and not swedish.alias_of_id

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        finnish.save_revision().publish()
        assert recording_cache == []  # nothing before the commit

    assert callbacks
    listings = [*FinderPage.objects.live(), *WeekProgrammePage.objects.live()]
    assert {page.locale.language_code for page in listings} == {"fi", "sv"}
    assert set(recording_cache) == {swedish.full_url} | {page.full_url for page in listings}
