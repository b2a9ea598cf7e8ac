"""The OpenAPI document covers the open data API only (not Wagtail's own admin API views)."""

PREFIX = "/api/v1/"


def only_open_data(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: keep the endpoints under /api/v1/."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PREFIX)]
