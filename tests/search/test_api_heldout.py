"""On the held-out data set (tests/search/data/heldout.json, paused and ended groups among them):
the API's groups for every held-out query, and for filters, are the finder page's, id for id and
in order, in both languages."""

from urllib.parse import urlencode, urlsplit

import pytest

from tests.search.test_heldout_quality import ENDED, FINNISH, SWEDISH, heldout_site  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

FINDER = {"fi": "/fi/ryhmat/", "sv": "/sv/grupper/"}
FILTERS = [
    "municipality=kannus",
    "municipality=veteli&municipality=perho",
    "activity=music",
    "target=older_people&free=1",
    "weekday=wed&time=evening",
    "language=sv",
    "online=1",
    "step_free=1&this_week=1",
]


def compare(client, soup, language, query_string):
    html = soup(client.get(f"{FINDER[language]}?{query_string}"))
    finder = [link["href"] for link in html.select("section.results article h3 a")]
    data = client.get(f"/api/v1/groups/?lang={language}&{query_string}").json()
    api = [urlsplit(group["url"]).path for group in data["results"]]
    assert api == finder, query_string
    assert not ENDED & {group["id"] for group in data["results"]}, query_string


@pytest.mark.parametrize(("language", "cases"), [("fi", FINNISH), ("sv", SWEDISH)], ids=["fi", "sv"])
@pytest.mark.usefixtures("heldout_site")
def test_api_gives_the_finders_groups_for_every_heldout_query(client, soup, language, cases):
    for query, _expected in cases:
        compare(client, soup, language, urlencode({"q": query}))


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.usefixtures("heldout_site")
def test_api_gives_the_finders_groups_for_filters(client, soup, language, filters):
    compare(client, soup, language, filters)
    compare(client, soup, language, f"q=kahvi&{filters}")
