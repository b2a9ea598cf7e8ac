"""Every page's title tells where the reader is; the home page does not say the site's name twice."""

from http import HTTPStatus

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/fi/", "Ryhmähaku – Matalan kynnyksen ryhmät Keski-Pohjanmaalla"),
        ("/sv/", "Gruppsök – Lågtröskelgrupper i Mellersta Österbotten"),
        ("/fi/ryhmat/", "Ryhmät – Ryhmähaku"),
        ("/sv/grupper/", "Grupper – Gruppsök"),
    ],
)
def test_page_titles(client, soup, url, title):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert soup(response).title.get_text() == title
