"""The open data API (/api/v1/): the finder's groups, the other lists, errors, caching, CORS, rate limit."""

from http import HTTPStatus

import pytest

from groups.models import GroupPage

pytestmark = pytest.mark.django_db


def test_each_text_says_its_language_and_untranslated_fields_are_marked(client, imported_example):
    data = client.get("/api/v1/groups/?lang=sv").json()
    assert data["results"]
    for group in data["results"]:
        assert group["title"]["language"] in {"fi", "sv"}
        for name in group["untranslated_fields"]:
            assert group[name]["language"] == "fi"
    fi = client.get("/api/v1/groups/").json()["results"][0]
    assert fi["summary"]["language"] == "fi"
    assert fi["id"] and fi["organiser"]["id"]


def test_no_drafts_no_ended_groups_unless_asked(client, imported_example):
    ids = [group["id"] for group in client.get("/api/v1/groups/").json()["results"]]
    ended = GroupPage.objects.filter(status="ended", locale__language_code="fi").values_list("identifier", flat=True)
    assert ended and not set(ended) & set(ids)
    asked = client.get("/api/v1/groups/?status=ended").json()
    assert {group["id"] for group in asked["results"]} == set(ended)
    group = GroupPage.objects.get(identifier=ids[0], locale__language_code="fi")
    group.unpublish()
    assert ids[0] not in [group["id"] for group in client.get("/api/v1/groups/").json()["results"]]
    assert client.get(f"/api/v1/groups/{ids[0]}/").status_code == HTTPStatus.NOT_FOUND


def test_group_detail_and_the_other_lists(client, imported_example):
    group = client.get("/api/v1/groups/").json()["results"][0]
    detail = client.get(f"/api/v1/groups/{group['id']}/?lang=sv").json()
    assert detail["id"] == group["id"]
    organisations = client.get("/api/v1/organisations/").json()
    assert group["organiser"]["id"] in [item["id"] for item in organisations["results"]]
    venues = client.get("/api/v1/venues/?lang=sv").json()
    assert group["venue"] in [item["id"] for item in venues["results"]]
    assert client.get(f"/api/v1/venues/{group['venue']}/").status_code == HTTPStatus.OK
    meetings = client.get(f"/api/v1/meetings/?group={group['id']}").json()
    assert meetings["count"] and all(item["group"] == group["id"] for item in meetings["results"])
    vocabularies = client.get("/api/v1/vocabularies/?lang=sv").json()
    exercise = next(item for item in vocabularies["activity_types"] if item["id"] == "exercise")
    assert exercise["yso"] == "http://www.yso.fi/onto/yso/p916"
    assert exercise["name"] == {"value": "Motion", "language": "sv"}


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("lang=en", "lang"),
        ("lang=fi&lang=sv", "lang"),
        ("municipality=atlantis", "municipality"),
        ("weekday=funday", "weekday"),
        ("free=maybe", "free"),
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=abc", "page"),
        ("page=1e9", "page"),
        ("page_size=1000", "page_size"),
        ("status=draft", "status"),
        ("status=ended&q=kahvi", "q"),
        ("mystery=1", "mystery"),
        ("q=%00%ff&q=x", "q"),
        ("page=%ef%bf%bd", "page"),
        ("format=xml", "format"),
        ("step_free=", "step_free"),
        ("municipality=kokkola&municipality=", "municipality"),
    ],
)
def test_bad_parameters_answer_400_naming_the_parameter(client, imported_example, query, parameter):
    response = client.get(f"/api/v1/groups/?{query}")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["parameter"] == parameter
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/meetings/?from=2026-13-01",
        "/api/v1/meetings/?from=2026-12-01&to=2026-11-01",
        "/api/v1/meetings/?to=9999-12-31",
        "/api/v1/meetings/?group=nobody",
        "/api/v1/venues/?page=x",
        "/api/v1/vocabularies/?page=2",
    ],
)
def test_bad_parameters_of_the_other_endpoints_answer_400(client, imported_example, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["parameter"]


def test_hostile_text_is_searched_not_an_error(client, imported_example):
    for text in ["%00", "a" * 5000, "%27%22%3C%3E", "laulu OR 1=1", "%F0%9F%98%80", "%E2%80%AE"]:
        assert client.get(f"/api/v1/groups/?q={text}").status_code == HTTPStatus.OK


def test_unknown_address_under_api_is_json_404(client, db):
    response = client.get("/api/v1/nothing/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response["Content-Type"].startswith("application/json")


def test_etag_and_conditional_get(client, imported_example):
    response = client.get("/api/v1/groups/")
    assert response["ETag"]
    assert "max-age" in response["Cache-Control"] and "public" in response["Cache-Control"]
    again = client.get("/api/v1/groups/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == HTTPStatus.NOT_MODIFIED
    other = client.get("/api/v1/groups/?lang=sv", HTTP_IF_NONE_MATCH=response["ETag"])
    assert other.status_code == HTTPStatus.OK


def test_cors_allows_get_from_any_site_on_the_api_only(client, imported_example):
    response = client.get("/api/v1/groups/", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/groups/", HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    page = client.get("/fi/ryhmat/", HTTP_ORIGIN="https://example.org")
    assert not page.has_header("Access-Control-Allow-Origin")


def test_writes_are_refused(client, imported_example):
    assert client.post("/api/v1/groups/", {}).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert client.delete("/api/v1/groups/").status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_too_many_requests_answer_429(client, imported_example, settings):
    settings.API_RATE_LIMIT = "3/minute"
    codes = [client.get("/api/v1/vocabularies/").status_code for _ in range(4)]
    assert codes == [HTTPStatus.OK] * 3 + [HTTPStatus.TOO_MANY_REQUESTS]
    response = client.get("/api/v1/vocabularies/")
    assert int(response["Retry-After"]) > 0
    assert response.json()["detail"]


def test_openapi_document_and_readable_page(client, db):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    names = {p["name"] for p in document["paths"]["/api/v1/groups/"]["get"]["parameters"]}
    assert {"q", "municipality", "weekday", "time", "activity", "target", "language", "organisation"} <= names
    page = client.get("/api/v1/")
    assert page.status_code == HTTPStatus.OK
    assert b"/api/v1/groups/" in page.content
    assert b'property="og:title"' in page.content and b'name="description"' in page.content


@pytest.mark.parametrize(
    "url", ["/api/v1/meetings/?page_size=100", "/api/v1/organisations/?page_size=100", "/api/v1/venues/?page_size=100"]
)
def test_other_lists_keep_a_small_number_of_queries(client, imported_example, django_assert_max_num_queries, url):
    client.get(url)
    with django_assert_max_num_queries(8):
        assert client.get(url).json()["count"]


def test_head_is_answered_like_get(client, imported_example):
    response = client.head("/api/v1/vocabularies/")
    assert response.status_code == HTTPStatus.OK
    assert response["ETag"] == client.get("/api/v1/vocabularies/")["ETag"]
