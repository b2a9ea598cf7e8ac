"""The embeddable listing: the finder's groups, framable by other sites, and the only page that is;
the partner dashboard's copy-paste code and preview."""

import datetime
from http import HTTPStatus

import pytest

from groups.factories import CancellationFactory
from groups.models import GroupPage

pytestmark = pytest.mark.django_db


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.split()}


def titles(html, selector):
    return [link.get_text(strip=True) for link in html.select(selector)]


@pytest.mark.parametrize(("embed", "finder"), [("/fi/upotus/", "/fi/ryhmat/"), ("/sv/inbaddning/", "/sv/grupper/")])
@pytest.mark.parametrize("query", ["", "organisation=soite", "municipality=kokkola", "q=laulu", "weekday=tue"])
def test_embed_lists_the_finders_groups(client, soup, imported_example, embed, finder, query):
    response = client.get(f"{embed}?{query}")
    assert response.status_code == HTTPStatus.OK
    listed = titles(soup(response), "article h2 a")
    assert listed == titles(soup(client.get(f"{finder}?{query}")), "section.results article h3 a")


def test_embed_can_be_framed_by_another_site(client, imported_example):
    response = client.get("/fi/upotus/?organisation=soite")
    assert not response.has_header("X-Frame-Options")
    policy = directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["*"]
    assert policy["script-src"] == ["'self'"]


def test_nothing_else_can_be_framed(client, imported_example):
    group = GroupPage.objects.live().filter(locale__language_code="fi").first()
    for url in ["/fi/", "/fi/ryhmat/", group.url, "/api/v1/", "/robots.txt"]:
        response = client.get(url)
        assert response["X-Frame-Options"] == "DENY", url
        assert directives(response["Content-Security-Policy"])["frame-ancestors"] == ["'none'"], url


def test_embed_has_no_script_links_open_the_whole_window_and_is_not_indexed(client, soup, imported_example):
    html = soup(client.get("/fi/upotus/"))
    assert not html.find("script")
    assert not html.select("[style]")
    assert all(link["target"] == "_top" for link in html.select("article a"))
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert html.find("html")["lang"] == "fi"
    assert html.find("h1")


def test_embed_in_the_other_languages_address_goes_to_its_own(client, imported_example):
    response = client.get("/sv/upotus/?organisation=soite")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/sv/inbaddning/?organisation=soite"


def test_embed_shows_a_cancelled_meeting_at_once(client, soup, imported_example):
    group = GroupPage.objects.get(identifier="aamupala-kokkola", locale__language_code="fi")
    before = soup(client.get("/fi/upotus/?q=aamupala")).select_one("article time")["datetime"]
    CancellationFactory(group=group, date=datetime.date(2026, 11, 24))
    after = soup(client.get("/fi/upotus/?q=aamupala")).select_one("article time")["datetime"]
    assert before.startswith("2026-11-24") and not after.startswith("2026-11-24")


def test_partner_dashboard_shows_the_code_in_both_languages_and_a_preview(client, soup, partners):
    client.force_login(partners.editor)
    html = soup(client.get("/admin/"))
    panel = html.find(id="embed-code-section")
    assert panel is not None
    codes = [area.decode_contents() for area in panel.find_all("textarea")]
    assert any("/fi/upotus/?organisation=soite" in code for code in codes)
    assert any("/sv/inbaddning/?organisation=soite" in code for code in codes)
    assert all("<iframe" in code and 'title="' in code for code in codes)
    assert panel.find("details").find("iframe")["src"] == "/fi/upotus/?organisation=soite"


def test_coordinators_without_an_organisation_get_no_embed_panel(client, soup, partners):
    client.force_login(partners.coordinator)
    assert soup(client.get("/admin/")).find(id="embed-code-section") is None


def test_embed_is_kept_by_shared_caches_for_a_minute_only(client, imported_example):
    response = client.get("/fi/upotus/")
    assert "s-maxage=60" in response["Cache-Control"]
