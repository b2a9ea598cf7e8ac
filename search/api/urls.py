"""Addresses of the API, under /api/v1/ (config/urls.py)."""

from drf_spectacular.views import SpectacularJSONAPIView

from django.urls import path, re_path

from . import views
from .errors import not_found
from .guide import api_guide

urlpatterns = [
    path("", api_guide, name="api_guide"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="api_schema"),
    path("groups/", views.GroupListView.as_view(), name="api_groups"),
    path("groups/<str:identifier>/", views.GroupDetailView.as_view(), name="api_group"),
    path("meetings/", views.MeetingListView.as_view(), name="api_meetings"),
    path("organisations/", views.OrganisationListView.as_view(), name="api_organisations"),
    path("organisations/<str:identifier>/", views.OrganisationDetailView.as_view(), name="api_organisation"),
    path("venues/", views.VenueListView.as_view(), name="api_venues"),
    path("venues/<str:identifier>/", views.VenueDetailView.as_view(), name="api_venue"),
    path("vocabularies/", views.VocabularyView.as_view(), name="api_vocabularies"),
    re_path(r"^.*$", not_found),
]
