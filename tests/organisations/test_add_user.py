"""manage.py add_user: creates users with a role, idempotent, clear errors in the user's language."""

from io import StringIO

import pytest

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from wagtail.users.models import UserProfile

from organisations import roles
from organisations.models import PartnerAccess

pytestmark = pytest.mark.django_db


def run(*args, language="en"):
    out = StringIO()
    import os
    from unittest import mock

    with mock.patch.dict(os.environ, {"LANGUAGE": language}):
        call_command("add_user", *args, stdout=out)
    return out.getvalue()


def test_creates_an_editor_of_the_organisation(imported_example):
    output = run("liisa", "--email", "liisa@example.org", "--role", "editor", "--org", "soite")
    user = get_user_model().objects.get(username="liisa")
    access = PartnerAccess.objects.get(organisation__identifier="soite")
    assert list(user.groups.all()) == [access.editors]
    assert user.email == "liisa@example.org"
    assert "Created the user liisa" in output
    assert access.editors.name in output
    assert "/admin/password_reset/" in output
    assert "changepassword liisa" in output


def test_nobody_knows_the_new_users_password(imported_example):
    from unittest import mock

    with mock.patch("organisations.services.secrets.token_urlsafe", return_value="random-secret-value"):
        output = run("liisa", "--email", "liisa@example.org", "--role", "approver", "--org", "soite")
    user = get_user_model().objects.get(username="liisa")
    # A usable (random) password lets the user reset it by e-mail; it is never printed.
    assert user.check_password("random-secret-value")
    assert "random-secret-value" not in output


def test_running_it_again_changes_nothing(imported_example):
    run("liisa", "--email", "liisa@example.org", "--role", "editor", "--org", "soite")
    user_model = get_user_model()
    password = user_model.objects.get(username="liisa").password
    output = run("liisa", "--email", "liisa@example.org", "--role", "editor", "--org", "soite")
    assert "Nothing to do" in output
    assert user_model.objects.filter(username="liisa").count() == 1
    assert user_model.objects.get(username="liisa").password == password
    assert user_model.objects.get(username="liisa").groups.count() == 1


def test_an_existing_user_gets_a_second_role_and_a_new_address(imported_example):
    run("liisa", "--email", "liisa@example.org", "--role", "editor", "--org", "soite")
    output = run("liisa", "--email", "liisa@soite.example", "--role", "approver", "--org", "soite")
    user = get_user_model().objects.get(username="liisa")
    assert user.email == "liisa@soite.example"
    assert user.groups.count() == 2
    assert "Changed the e-mail address" in output
    assert "Created" not in output


def test_creates_a_coordinator(db):
    run("koordinaattori", "--email", "k@example.org", "--role", "coordinator")
    user = get_user_model().objects.get(username="koordinaattori")
    assert list(user.groups.values_list("name", flat=True)) == [roles.COORDINATORS]
    assert user.has_perm("organisations.coordinate")
    assert not user.is_superuser


def test_sets_the_admin_language(imported_example):
    run("lisa", "--email", "lisa@example.org", "--role", "editor", "--org", "soite", "--language", "sv")
    user = get_user_model().objects.get(username="lisa")
    assert UserProfile.get_for_user(user).preferred_language == "sv"


def test_provisions_an_organisation_that_was_not_provisioned(imported_example):
    PartnerAccess.objects.filter(organisation__identifier="soite").delete()
    run("liisa", "--email", "liisa@example.org", "--role", "editor", "--org", "soite")
    assert PartnerAccess.objects.filter(organisation__identifier="soite").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--role", "editor", "--org", "soitte"],
            "There is no organisation with the id “soitte”. Did you mean: soite?",
        ),
        (["--role", "chief", "--org", "soite"], "Unknown role “chief”"),
        (["--role", "editor"], "needs an organisation"),
        (["--role", "approver"], "needs an organisation"),
        (["--role", "coordinator", "--org", "soite"], "leave out --org"),
    ],
)
def test_wrong_arguments_give_a_clear_error_and_change_nothing(imported_example, args, message):
    with pytest.raises(CommandError, match=message):
        run("liisa", "--email", "liisa@example.org", *args)
    assert not get_user_model().objects.filter(username="liisa").exists()


def test_a_bad_email_address_is_refused(imported_example):
    with pytest.raises(CommandError, match="not a valid e-mail address"):
        run("liisa", "--email", "liisa-at-example", "--role", "editor", "--org", "soite")
    assert not get_user_model().objects.filter(username="liisa").exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fi", "Toimijaa tunnisteella ”soitte” ei ole. Tarkoititko: soite?"),
        ("sv", "Det finns ingen aktör med id:t ”soitte”. Menade du: soite?"),
    ],
)
def test_errors_are_in_the_users_language(imported_example, language, message):
    with pytest.raises(CommandError) as error:
        run("liisa", "--email", "liisa@example.org", "--role", "editor", "--org", "soitte", language=language)
    assert str(error.value).startswith(message)


def test_wrong_role_error_is_in_finnish(imported_example):
    with pytest.raises(CommandError, match="Tuntematon rooli ”chief”"):
        run("liisa", "--email", "liisa@example.org", "--role", "chief", language="fi")
