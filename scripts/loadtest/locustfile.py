"""Load test of the public site: the finder (words and filters) and group pages.

Run by ``make loadtest`` (scripts/loadtest/run.sh) against a local gunicorn; by hand:
``locust -f scripts/loadtest/locustfile.py --headless --host http://127.0.0.1:8102 -u 20 -t 60s``.
The filters are read from the finder's own form and the group pages from the sitemap, so the
test follows the site as it changes.
"""

import os
import random
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from locust import HttpUser, between, events, task

# What people type: whole words, inflected forms, compounds, no diacritics, both languages.
FINNISH_WORDS = [
    "aamupala",
    "aamupalalle",
    "laulu",
    "lauluryhmä",
    "kävely",
    "kavely",
    "kahvi",
    "liikunta",
    "käsityö",
    "yksinäisyys",
    "vertaistuki",
    "kokkola",
    "kaustisella",
    "nuoret",
    "perhe",
]
SWEDISH_WORDS = ["frukost", "frukosten", "sång", "promenad", "promenadgrupp", "kaffe", "karleby", "familj"]
# Only addresses on this machine are ever targets.
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}

site = {"group_pages": [], "filters": {"fi": [], "sv": []}}


def finder_filters(html):
    """(name, value) pairs a visitor can pick in the finder's form: selects, checkboxes, radios."""
    form = BeautifulSoup(html, "html.parser").find("form", attrs={"method": "get"})
    choices = []
    if form is None:
        return choices
    for select in form.find_all("select"):
        for option in select.find_all("option"):
            if option.get("value"):
                choices.append((select["name"], option["value"]))
    for field in form.find_all("input", attrs={"type": ["checkbox", "radio"]}):
        if field.get("name") and field.get("value"):
            choices.append((field["name"], field["value"]))
    return choices


@events.test_start.add_listener
def discover_site(environment, **kwargs):
    """Read the group pages from the sitemap and the finder's filters from its form."""
    host = environment.host or ""
    if urlsplit(host).hostname not in LOOPBACK_HOSTS:
        raise SystemExit(f"Refusing to load-test {host}: only loopback addresses are allowed.")
    import requests

    headers = {"X-Forwarded-Proto": "https"}
    sitemap = requests.get(f"{host}/sitemap.xml", headers=headers, timeout=30)
    sitemap.raise_for_status()
    paths = [urlsplit(loc.get_text()).path for loc in BeautifulSoup(sitemap.text, "html.parser").find_all("loc")]
    # /fi/toimijat/<organisation>/<group>/ : four segments deep.
    site["group_pages"] = [path for path in paths if len([part for part in path.split("/") if part]) == 4]
    for language, finder in (("fi", "/fi/ryhmat/"), ("sv", "/sv/grupper/")):
        response = requests.get(f"{host}{finder}", headers=headers, timeout=30)
        response.raise_for_status()
        site["filters"][language] = finder_filters(response.text)
    print(
        f"Load test: {len(site['group_pages'])} group pages, "
        f"{len(site['filters']['fi'])} Finnish and {len(site['filters']['sv'])} Swedish filter choices."
    )
    if not site["group_pages"]:
        raise SystemExit("No group pages in the sitemap: load the demo data first.")


class Visitor(HttpUser):
    """Someone looking for a group: searches, filters, opens groups."""

    wait_time = between(0, float(os.environ.get("LOADTEST_WAIT_MAX", "0.5")))

    def on_start(self):
        # The load balancer in front of production sets this; without it the site redirects to HTTPS.
        self.client.headers["X-Forwarded-Proto"] = "https"

    def pick_filters(self, language, most):
        choices = site["filters"][language]
        return random.sample(choices, k=min(len(choices), random.randint(0, most)))

    @task(4)
    def search_in_finnish(self):
        params = [("q", random.choice(FINNISH_WORDS)), *self.pick_filters("fi", 2)]
        self.client.get("/fi/ryhmat/", params=params, name="/fi/ryhmat/?q=…")

    @task(1)
    def search_in_swedish(self):
        params = [("q", random.choice(SWEDISH_WORDS)), *self.pick_filters("sv", 2)]
        self.client.get("/sv/grupper/", params=params, name="/sv/grupper/?q=…")

    @task(2)
    def filter_without_words(self):
        params = self.pick_filters("fi", 3) or [("page", "1")]
        self.client.get("/fi/ryhmat/", params=params, name="/fi/ryhmat/?filters")

    @task(4)
    def open_a_group(self):
        self.client.get(random.choice(site["group_pages"]), name="group page")

    @task(1)
    def front_page(self):
        self.client.get(random.choice(["/fi/", "/sv/"]), name="front page")
