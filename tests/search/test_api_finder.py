"""The API's groups are the finder's: same ids, same order, both languages; paging; query counts."""

from http import HTTPStatus
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.django_db

FINDER = {"fi": "/fi/ryhmat/", "sv": "/sv/grupper/"}
QUERIES = [
    "",
    "q=aamupala",
    "q=laulu",
    "q=frukost",
    "q=kokkolassa",
    "municipality=kokkola",
    "weekday=tue&weekday=thu",
    "time=morning",
    "activity=music",
    "target=older_people",
    "free=1&step_free=1",
    "q=kahvi&municipality=kokkola",
    "language=sv",
    "online=1",
]


def finder_paths(client, soup, language, query):
    html = soup(client.get(f"{FINDER[language]}?{query}"))
    return [link["href"] for link in html.select("section.results article h3 a")]


def api_paths(client, language, query):
    response = client.get(f"/api/v1/groups/?lang={language}&{query}")
    assert response.status_code == HTTPStatus.OK, response.content
    return [urlsplit(group["url"]).path for group in response.json()["results"]], response.json()


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("query", QUERIES)
def test_groups_are_the_finders_in_the_same_order(client, soup, imported_demo, language, query):
    paths, data = api_paths(client, language, query)
    assert paths == finder_paths(client, soup, language, query)
    assert data["count"] >= len(paths)


def test_paging(client, imported_demo):
    first = client.get("/api/v1/groups/?page_size=5").json()
    second = client.get(first["next"]).json()
    assert len(first["results"]) == 5 and second["previous"]
    assert not {g["id"] for g in first["results"]} & {g["id"] for g in second["results"]}
    last = -(-first["count"] // 5)
    assert client.get(f"/api/v1/groups/?page_size=5&page={last + 1}").status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("url", ["/api/v1/groups/?page_size=100", "/api/v1/groups/?q=kahvi&page_size=100"])
def test_groups_keep_a_constant_number_of_queries(client, imported_demo, django_assert_max_num_queries, url):
    client.get(url)  # warm the finder's caches, as any earlier request would
    assert len(client.get(url).json()["results"]) > 20
    with django_assert_max_num_queries(20):
        client.get(url)
