"""How links preview and are found: meta description, Open Graph and Twitter card tags, robots.txt,
noindex and the sitemap for ended groups."""

from http import HTTPStatus

import pytest

from groups.models import GroupPage
from organisations.models import OrganisationPage

pytestmark = pytest.mark.django_db


def meta(html, **attrs):
    tag = html.find("meta", attrs=attrs)
    return tag["content"] if tag else None


def group(identifier, language="fi"):
    return GroupPage.objects.get(identifier=identifier, locale__language_code=language)


def public_urls():
    organisation = OrganisationPage.objects.live().filter(locale__language_code="sv").first()
    return ["/fi/", "/sv/", "/fi/ryhmat/", "/sv/grupper/", group("aamupala-kokkola").url, organisation.url]


def test_every_public_page_has_a_description_and_open_graph_tags(client, soup, imported_example):
    for url in public_urls():
        html = soup(client.get(url))
        assert meta(html, name="description"), url
        for name in ("og:title", "og:description", "og:url", "og:image", "og:locale", "og:site_name"):
            assert meta(html, property=name), (url, name)
        assert meta(html, name="twitter:card") in {"summary", "summary_large_image"}, url
        assert meta(html, property="og:image").startswith("http"), url


def test_group_page_previews_with_its_summary_language_and_alternate(client, soup, imported_example):
    page = group("aamupala-kokkola")
    html = soup(client.get(page.url))
    assert meta(html, name="description") == page.summary
    assert meta(html, property="og:description") == page.summary
    assert meta(html, property="og:title") == page.title
    assert meta(html, property="og:url") == "http://testserver" + page.url
    assert meta(html, property="og:locale") == "fi_FI"
    assert meta(html, property="og:locale:alternate") == "sv_FI"
    swedish = soup(client.get(group("aamupala-kokkola", "sv").url))
    assert meta(swedish, property="og:locale") == "sv_FI"
    assert meta(swedish, property="og:locale:alternate") == "fi_FI"


def test_default_share_image_is_served(client, soup, imported_example):
    html = soup(client.get("/fi/"))
    image = meta(html, property="og:image")
    assert image.endswith("share.png")
    response = client.get(image.replace("http://testserver", ""))
    assert response.status_code == HTTPStatus.OK
    assert meta(html, property="og:image:alt")


def test_ended_group_keeps_its_page_but_is_not_indexed_nor_in_the_sitemap(client, soup, imported_example):
    ended = GroupPage.objects.filter(status="ended", locale__language_code="fi").first()
    response = client.get(ended.url)
    assert response.status_code == HTTPStatus.OK
    assert meta(soup(response), name="robots") == "noindex"
    active = group("aamupala-kokkola")
    assert meta(soup(client.get(active.url)), name="robots") is None
    sitemap = client.get("/sitemap.xml").content.decode()
    assert active.url in sitemap
    assert ended.url not in sitemap


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text
