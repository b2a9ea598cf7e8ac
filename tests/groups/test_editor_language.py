"""The group editor speaks each editor's own language, whoever opened an editor first."""

import pytest

from django.utils import translation

from wagtail.users.models import UserProfile

from groups.models import GroupPage

pytestmark = pytest.mark.django_db


def editor_html(client, user, page, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client.get(f"/admin/pages/{page.pk}/edit/").content.decode()


def test_chooser_buttons_are_in_the_editors_language_whoever_opened_an_editor_first(client, partners, pages):
    # Wagtail builds the editor form once per process; build it in English, as an English admin would.
    with translation.override("en"):
        GroupPage.get_edit_handler().get_form_class()

    # The group has a venue already, so its chooser offers to choose another. (The buttons are in
    # JSON in the page, where "ä" is written "\u00e4".)
    finnish = editor_html(client, partners.editor, pages.own_group, "fi")
    assert "Valitse toinen paikka" in finnish
    assert "Choose another venue" not in finnish

    swedish = editor_html(client, partners.editor, pages.own_group, "sv")
    assert "annan plats" in swedish
    assert "Valitse toinen paikka" not in swedish
