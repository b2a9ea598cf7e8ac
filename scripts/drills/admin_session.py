"""Print the session cookie of a signed-in editor of the drill's scratch site (``sessionid=…``).

Run by scripts/lib.sh after the scratch site is prepared (DJANGO_SETTINGS_MODULE and DATABASE_URL
are set): the drills' probe also asks for an admin page as this editor, the way a partner's staff
use the site. The editor may use the admin and has no other permission, no password and no
two-factor requirement, so the page is the admin's dashboard; reading it loads the session and
the user from the database, which is what must give the 503 page (not a 500) during an outage.
"""

import os
import sys

import django

# Run from the project's folder, as the drills do: its packages (config, home...) are there.
sys.path.insert(0, os.getcwd())
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: E402
from django.contrib.auth.models import Permission  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402

USERNAME = "drill-editor"


def main():
    user, created = get_user_model().objects.get_or_create(username=USERNAME, defaults={"email": ""})
    if created:
        user.set_unusable_password()
        user.save()
        user.user_permissions.add(
            Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
        )
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    print(f"{settings.SESSION_COOKIE_NAME}={session.session_key}")


if __name__ == "__main__":
    main()
