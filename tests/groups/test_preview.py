"""Editors can preview a group page, also before its first save (it has no address or feed yet)."""

from http import HTTPStatus

import pytest

from django.urls import reverse

from wagtail.test.utils.form_data import querydict_from_html

from groups.models import ActivityType, GroupPage
from organisations.models import OrganisationPage

pytestmark = pytest.mark.django_db


def preview(client, preview_url, data):
    response = client.post(preview_url, data)
    assert response.json() == {"is_valid": True, "is_available": True}
    response = client.get(preview_url)
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_existing_group_can_be_previewed(admin_client, imported_example):
    page = GroupPage.objects.get(identifier="aamupala-kokkola", locale__language_code="fi")
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = querydict_from_html(admin_client.get(edit_url).content.decode(), form_id="page-edit-form")
    data["title"] = "Yhteinen aamupala ja kahvi"
    html = preview(admin_client, reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]), data)
    assert "Yhteinen aamupala ja kahvi" in html
    assert "kalenteri.ics" in html


def test_new_group_can_be_previewed_before_it_is_saved(admin_client, imported_example):
    organisation = OrganisationPage.objects.get(identifier="soite", locale__language_code="fi")
    args = ["groups", "grouppage", organisation.pk]
    add_page = admin_client.get(reverse("wagtailadmin_pages:add", args=args)).content.decode()
    data = querydict_from_html(add_page, form_id="page-edit-form")
    data["title"] = "Uusi lukupiiri"
    data["slug"] = "uusi-lukupiiri"
    data["summary"] = "Luetaan ja jutellaan kirjoista."
    data.setlist("activity_types", [str(ActivityType.objects.first().pk)])
    html = preview(admin_client, reverse("wagtailadmin_pages:preview_on_add", args=args), data)
    assert "Uusi lukupiiri" in html
