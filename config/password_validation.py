"""Django's password validators, with the one message that Django's Finnish catalogue lacks.

Django's Finnish translation has no text for "This password is too short…", so a Finnish editor
got it in English. The message is repeated here, word for word, so that ``makemessages`` keeps it
in this project's catalogue (``locale/fi``, ``locale/sv``), which translates it. The other
validators' messages are translated by Django itself in both languages
(``tests/config/test_password_validation.py`` checks every one of them).
"""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum length, with its message in this project's catalogue."""

    def get_error_message(self):
        return (
            ngettext(
                "This password is too short. It must contain at least %d character.",
                "This password is too short. It must contain at least %d characters.",
                self.min_length,
            )
            % self.min_length
        )
