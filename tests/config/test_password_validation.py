"""Every message of the password validators is in Finnish and Swedish (Django's Finnish lacks one)."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import get_default_password_validators, validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

USER = get_user_model()(username="kaisa.koordinaattori", email="kaisa@example.org")
# A password that each validator refuses (and the message code it gives).
REFUSED = [
    ("kaisa.koordinaattor", "password_too_similar"),
    ("Lyhyt-1!", "password_too_short"),
    ("1qaz2wsx3edc", "password_too_common"),
    ("93847561029384", "password_entirely_numeric"),
]


def messages(password, language):
    with translation.override(language), pytest.raises(ValidationError) as refusal:
        validate_password(password, user=USER)
    return {error.code: " ".join(error.messages) for error in refusal.value.error_list}


def help_texts(language):
    with translation.override(language):
        return [validator.get_help_text() for validator in get_default_password_validators()]


@pytest.mark.parametrize(("password", "code"), REFUSED)
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_password_refusal_is_in_the_users_language(password, code, language):
    translated = messages(password, language)[code]
    assert translated != messages(password, "en")[code]


def test_a_short_password_is_refused_in_finnish():
    assert messages("Lyhyt-1!", "fi")["password_too_short"] == (
        "Salasana on liian lyhyt. Siinä on oltava vähintään 12 merkkiä."
    )


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_password_rules_are_in_the_users_language(language):
    english = help_texts("en")
    assert len(english) == 4
    for translated, original in zip(help_texts(language), english, strict=True):
        assert translated != original
