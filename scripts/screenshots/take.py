"""``make screenshots``: pictures of the main public pages at phone and desktop widths.

Builds a fresh SQLite database with the demo data (``manage.py load_demo``) in tmp/screenshots/,
serves the site from a thread of this process and photographs it with Debian's Chromium into
docs/screenshots/. The clock is set to the Monday of the demo term that the tests use too, so the
week programme and the "next time" dates are the same every time the pictures are made.
"""

import datetime
import io
import os
import shutil
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "docs" / "screenshots"
DATABASE = ROOT / "tmp" / "screenshots" / "db.sqlite3"
# The demo data's schedules are for the autumn 2026 term; tests/conftest.py uses the same day.
DEMO_DAY = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Europe/Helsinki"))
SCREENS = {"phone": {"width": 360, "height": 800}, "desktop": {"width": 1280, "height": 900}}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pages():
    """(file name, address) of each page to photograph."""
    from groups.models import GroupPage

    group = GroupPage.objects.get(identifier="lauluryhma-kokkola", locale__language_code="fi")
    swedish_group = group.get_translation(_locale("sv"))
    return [
        ("home-fi", "/fi/"),
        ("home-sv", "/sv/"),
        ("finder-results-fi", "/fi/ryhmat/?q=laulu"),
        ("finder-results-sv", "/sv/grupper/?q=s%C3%A5ng"),
        ("group-fi", group.get_url()),
        ("group-sv", swedish_group.get_url()),
        ("week-programme-fi", "/fi/tama-viikko/"),
    ]


def _locale(language):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=language)


def build_site():
    """A fresh database with the demo data, at the demo day."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", no_admin=True, stdout=io.StringIO())


def photograph(base_url, chromium):
    """Take every picture; return the files written."""
    from playwright.sync_api import sync_playwright

    OUTPUT.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        for screen, viewport in SCREENS.items():
            context = browser.new_context(
                base_url=base_url, viewport=viewport, locale="fi-FI", timezone_id="Europe/Helsinki"
            )
            page = context.new_page()
            for name, url in pages():
                response = page.goto(url)
                if response is None or not response.ok:
                    raise SystemExit(f"{url} answered {response.status if response else 'nothing'}")
                path = OUTPUT / f"{name}-{screen}.png"
                page.screenshot(path=path)
                written.append(path)
            context.close()
        browser.close()
    return written


def main():
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).is_file():
        raise SystemExit("Chromium was not found. Install Debian's package: apt-get install chromium")

    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    DATABASE.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    # Playwright's synchronous API keeps an event loop in this thread; Django's queries here are
    # not run inside it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    sys.path.insert(0, str(ROOT))

    import time_machine

    import django

    django.setup()
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread

    with time_machine.travel(DEMO_DAY, tick=True):
        build_site()
        server = LiveServerThread("127.0.0.1", static_handler=StaticFilesHandler)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        try:
            written = photograph(f"http://{server.host}:{server.port}", chromium)
        finally:
            server.terminate()
    for path in written:
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
