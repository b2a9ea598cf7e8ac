"""Two-factor authentication: coordinators, approvers and superusers must set it up and use it."""

from http import HTTPStatus

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth.models import Group, Permission
from django.test import override_settings

from home.services import requires_two_factor, two_factor_step
from organisations.roles import COORDINATORS

pytestmark = pytest.mark.django_db

SETUP_URL = "/admin/two-factor/setup/"
VERIFY_URL = "/admin/two-factor/verify/"


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def make_user(django_user_model):
    access_admin = Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")

    def make(username, *group_names, superuser=False):
        if superuser:
            return django_user_model.objects.create_superuser(username, f"{username}@example.org", "pw-not-used-here")
        user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw-not-used-here")
        for name in group_names:
            group, _created = Group.objects.get_or_create(name=name)
            group.permissions.add(access_admin)
            user.groups.add(group)
        return user

    return make


@pytest.fixture
def approver(partners):
    """An approver of Soite, given the role by ``add_user`` as in production."""
    return partners.approver


@pytest.fixture
def require_2fa():
    with override_settings(REQUIRE_2FA=True):
        yield


@pytest.mark.parametrize(
    ("groups", "superuser", "required"),
    [
        ([COORDINATORS], False, True),
        ([], True, True),
        (["Soite editors"], False, False),
        # Only the real role groups count, not a name that looks like one.
        (["Coordinators", "Soite approvers"], False, False),
        ([], False, False),
    ],
    ids=["coordinator", "superuser", "editor", "look-alike-names", "no-groups"],
)
def test_who_requires_two_factor(make_user, groups, superuser, required):
    user = make_user("person", *groups, superuser=superuser)
    assert requires_two_factor(user) is required


def test_the_roles_given_by_add_user_require_two_factor_for_approvers_and_coordinators(partners):
    assert requires_two_factor(partners.coordinator) is True
    assert requires_two_factor(partners.approver) is True
    assert requires_two_factor(partners.other_approver) is True
    assert requires_two_factor(partners.editor) is False
    assert requires_two_factor(partners.other_editor) is False


def test_an_inactive_user_never_requires_two_factor(make_user):
    user = make_user("former", COORDINATORS)
    user.is_active = False
    assert requires_two_factor(user) is False


@pytest.mark.parametrize("role", ["coordinator", "approver"])
def test_coordinators_and_approvers_are_sent_to_set_up_two_factor(client, partners, require_2fa, role):
    client.force_login(getattr(partners, role))
    response = client.get("/admin/pages/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"{SETUP_URL}?next=%2Fadmin%2Fpages%2F"


def test_superusers_are_sent_to_set_up_two_factor(client, make_user, require_2fa):
    client.force_login(make_user("root", superuser=True))
    response = client.get("/admin/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(SETUP_URL)


def test_editors_are_not_asked_for_two_factor(client, make_user, require_2fa):
    client.force_login(make_user("editor", "Soite editors"))
    assert client.get("/admin/").status_code == HTTPStatus.OK


def test_nobody_is_asked_when_two_factor_is_not_required(client, make_user):
    client.force_login(make_user("coordinator", COORDINATORS))
    assert client.get("/admin/").status_code == HTTPStatus.OK


def test_public_pages_are_not_guarded(client, make_user, require_2fa):
    client.force_login(make_user("coordinator", COORDINATORS))
    assert client.get("/fi/").status_code == HTTPStatus.OK


@pytest.fixture
def no_throttling():
    """Let a right code in straight after a wrong one (django-otp otherwise makes the user wait)."""
    with override_settings(OTP_TOTP_THROTTLE_FACTOR=0):
        yield


def test_setting_up_an_authenticator_app(client, soup, make_user, require_2fa, no_throttling):
    user = make_user("coordinator", COORDINATORS)
    client.force_login(user)

    page = client.get(f"{SETUP_URL}?next=/admin/pages/")
    assert page.status_code == HTTPStatus.OK
    html = soup(page)
    qr_code = html.find("img", src=lambda src: src and src.startswith("data:image/svg+xml;base64,"))
    assert qr_code is not None and qr_code["alt"]
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert device.config_url.startswith("otpauth://totp/Ryhmahaku%3Acoordinator?")

    wrong = client.post(SETUP_URL, {"token": "000000" if current_code(device) != "000000" else "111111"})
    assert wrong.status_code == HTTPStatus.OK
    assert wrong.context["form"].errors["token"]
    assert client.get("/admin/").status_code == HTTPStatus.FOUND

    done = client.post(SETUP_URL, {"token": current_code(device), "next": "/admin/pages/"})
    assert done.status_code == HTTPStatus.FOUND
    assert done["Location"] == "/admin/pages/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == HTTPStatus.OK


def test_setup_does_not_redirect_to_another_site(client, make_user, require_2fa):
    user = make_user("coordinator", COORDINATORS)
    client.force_login(user)
    client.get(SETUP_URL)
    device = TOTPDevice.objects.get(user=user)
    response = client.post(SETUP_URL, {"token": current_code(device), "next": "https://evil.example.com/"})
    assert response["Location"] == "/admin/"


def test_setup_page_asks_for_digits(client, make_user, require_2fa):
    client.force_login(make_user("coordinator", COORDINATORS))
    response = client.post(SETUP_URL, {"token": "abc"})
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["token"] == ["Kirjoita sovelluksen näyttämät kuusi numeroa."]


def test_signing_in_again_asks_for_the_code(client, approver, require_2fa, no_throttling):
    user = approver
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)

    response = client.get("/admin/pages/")
    assert response["Location"] == f"{VERIFY_URL}?next=%2Fadmin%2Fpages%2F"
    assert client.get(SETUP_URL)["Location"].startswith(VERIFY_URL)

    wrong = client.post(VERIFY_URL, {"token": "000000" if current_code(device) != "000000" else "111111"})
    assert wrong.status_code == HTTPStatus.OK
    assert wrong.context["form"].errors["token"]

    right = client.post(VERIFY_URL, {"token": current_code(device), "next": "/admin/pages/"})
    assert right["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == HTTPStatus.OK


def test_after_a_wrong_code_even_the_right_one_waits_a_moment(client, approver, require_2fa):
    user = approver
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    client.post(VERIFY_URL, {"token": "000000" if current_code(device) != "000000" else "111111"})
    throttled = client.post(VERIFY_URL, {"token": current_code(device)})
    assert throttled.status_code == HTTPStatus.OK
    assert throttled.context["form"].errors["token"]
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_a_used_code_cannot_be_used_again(client, approver, require_2fa):
    user = approver
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    code = current_code(device)
    client.force_login(user)
    assert client.post(VERIFY_URL, {"token": code}).status_code == HTTPStatus.FOUND

    client.logout()
    client.force_login(user)
    reused = client.post(VERIFY_URL, {"token": code})
    assert reused.status_code == HTTPStatus.OK
    assert reused.context["form"].errors["token"]


def test_an_editor_who_set_up_an_app_is_asked_for_the_code_too(client, make_user, require_2fa):
    user = make_user("careful-editor", "Soite editors")
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    assert two_factor_step(user) == "verify"
    client.force_login(user)
    assert client.get("/admin/")["Location"].startswith(VERIFY_URL)


def test_the_account_page_links_to_two_factor_setup(client, soup, make_user):
    client.force_login(make_user("editor", "Soite editors"))
    html = soup(client.get("/admin/account/"))
    assert html.find("a", href=SETUP_URL) is not None


def test_reset_two_factor_command_removes_the_authenticators(make_user):
    from django.core.management import call_command

    user = make_user("lost-phone", COORDINATORS)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    call_command("reset_two_factor", "lost-phone")
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert two_factor_step(user) == "setup"


def test_reset_two_factor_command_names_an_unknown_user():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="nobody"):
        call_command("reset_two_factor", "nobody")
