"""Bootstrapping the site: locales, vocabularies and the fixed pages of both language trees.

:func:`ensure_site_structure` is idempotent. It runs after every ``migrate`` (and after the test
database is flushed), and the importer and demo loader call it too, so a fresh database always
has ``/fi/``, ``/sv/``, the finder and the organisation list in both languages.

Also the site-wide rules about who must use two-factor authentication
(:func:`requires_two_factor`) and the health checks behind ``/healthz`` (:func:`health_report`).
"""

import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import Q

from wagtail.models import Locale, Page, Site

from core.translation import create_translation

# Fixed pages: (model path, Finnish title and slug, Swedish title and slug, intro in fi and sv)
HOME_TEXT = {
    "fi": {
        "title": "Ryhmähaku",
        "intro": (
            "<p>Täältä löydät ryhmiä Keski-Pohjanmaalta. Useimmat ovat maksuttomia, ja useimpiin voi mennä "
            "ilman ilmoittautumista. Lähetettä ei tarvita. Voit tulla yksin, eikä sinun tarvitse kertoa "
            "nimeäsi. Ryhmän tiedoissa lukee, jos se maksaa tai jos pitää ilmoittautua.</p>"
        ),
    },
    "sv": {
        "title": "Gruppsök",
        "intro": (
            "<p>Här hittar du grupper i Mellersta Österbotten. De flesta är gratis, och till de flesta "
            "kan du gå utan anmälan. Du behöver ingen remiss. Du kan komma ensam och behöver inte säga "
            "ditt namn. Det står vid gruppen om den kostar något eller om du måste anmäla dig.</p>"
        ),
    },
}

FIXED_PAGES = [
    {
        "model": "search.FinderPage",
        "fi": {
            "title": "Ryhmät",
            "slug": "ryhmat",
            "intro": "Hae ryhmää sanalla tai valitse kunta, päivä tai toiminta.",
        },
        "sv": {
            "title": "Grupper",
            "slug": "grupper",
            "intro": "Sök en grupp med ett ord eller välj kommun, dag eller verksamhet.",
        },
    },
    {
        "model": "groups.WeekProgrammePage",
        "fi": {
            "title": "Tämä viikko",
            "slug": "tama-viikko",
            "intro": "Kaikki tämän viikon ryhmät päivä päivältä. Voit myös tulostaa listan.",
        },
        "sv": {
            "title": "Den här veckan",
            "slug": "denna-vecka",
            "intro": "Alla grupper den här veckan dag för dag. Du kan också skriva ut listan.",
        },
    },
    {
        "model": "organisations.OrganisationIndexPage",
        "fi": {
            "title": "Toimijat",
            "slug": "toimijat",
            "intro": "Ryhmiä järjestävät hyvinvointialue, kunnat, seurakunnat ja järjestöt yhdessä. "
            "Jokainen toimija vastaa omista ryhmistään.",
        },
        "sv": {
            "title": "Aktörer",
            "slug": "aktorer",
            "intro": "Grupperna ordnas av välfärdsområdet, kommunerna, församlingarna och "
            "organisationerna tillsammans. Varje aktör ansvarar för sina egna grupper.",
        },
    },
]


def ensure_locales():
    """Create the Finnish and Swedish locales."""
    fi, _ = Locale.objects.get_or_create(language_code="fi")
    sv, _ = Locale.objects.get_or_create(language_code="sv")
    return fi, sv


def ensure_tree_synchronisation(fi, sv):
    """Keep the Swedish tree in step with the Finnish one: new Finnish pages appear in Swedish."""
    from wagtail_localize.models import LocaleSynchronization

    LocaleSynchronization.objects.get_or_create(locale=sv, defaults={"sync_from": fi})


def _publish(page):
    page.save_revision(log_action=False).publish(log_action=False)


def _ensure_translation(page, locale, texts):
    """Return the published translation of ``page`` in ``locale``, creating it from ``texts``."""
    translation = page.get_translation_or_none(locale)
    if translation is not None and not translation.alias_of_id:
        return translation.specific
    translation = create_translation(page, locale, texts)
    _publish(translation)
    return translation


@transaction.atomic
def ensure_site_structure():
    """Make sure locales, vocabularies, both home pages and the fixed pages exist and are live."""
    from django.apps import apps

    from groups.models import ActivityType, Language, Municipality, TargetGroup
    from groups.vocabularies import seed_concepts, seed_vocabularies

    from .models import HomePage

    fi, sv = ensure_locales()
    seed_vocabularies(Municipality, ActivityType, TargetGroup, Language)
    seed_concepts(ActivityType, TargetGroup)

    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root", locale=fi)

    home = HomePage.objects.filter(locale=fi, depth=2).first()
    if home is None:
        home = HomePage(title=HOME_TEXT["fi"]["title"], slug="etusivu", intro=HOME_TEXT["fi"]["intro"], locale=fi)
        root.add_child(instance=home)
        _publish(home)

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    if site.root_page_id != home.pk:
        old_root = site.root_page if site.root_page_id else None
        site.root_page = home
        site.site_name = "Ryhmähaku – Gruppsök"
        site.save()
        # Wagtail's own "Welcome" page from its initial migration has no use here.
        if old_root is not None and type(old_root.specific) is Page and not old_root.get_children().exists():
            old_root.delete()

    _ensure_translation(home, sv, {"title": HOME_TEXT["sv"]["title"], "slug": "hem", "intro": HOME_TEXT["sv"]["intro"]})

    for spec in FIXED_PAGES:
        model = apps.get_model(spec["model"])
        page = model.objects.child_of(home).filter(locale=fi).first()
        if page is None:
            page = model(locale=fi, **spec["fi"])
            home.add_child(instance=page)
            _publish(page)
        _ensure_translation(page, sv, spec["sv"])
    ensure_tree_synchronisation(fi, sv)
    return home


def requires_two_factor(user):
    """Whether the user must sign in with a second factor: superusers, coordinators and approvers.

    They can publish (or approve publishing) for everyone, so a stolen password alone must not be
    enough. The roles are the organisations app's groups: the coordinators group, and each
    organisation's approvers group (``PartnerAccess.approvers``). Editors may set up a second
    factor too, but are not made to.
    """
    from organisations.roles import COORDINATORS

    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(Q(name=COORDINATORS) | Q(approver_of__isnull=False)).exists()


def two_factor_step(user):
    """What a signed-in user who has not entered a code yet must do: ``"setup"``, ``"verify"`` or nothing.

    A user with a confirmed authenticator always enters a code; one who must use two factors but
    has no authenticator yet sets one up first.
    """
    from django_otp import user_has_device

    if user_has_device(user, confirmed=True):
        return "verify"
    if requires_two_factor(user):
        return "setup"
    return None


# Health checks for load balancers and monitoring (``/healthz``).
def check_database():
    """Run a trivial query; return ``True`` when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def check_cache():
    """Write and read back a value; return ``True`` when the cache keeps it.

    The production cache turns errors into misses, so a cache that is down reads back nothing.
    """
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    working = cache.get(key) == "ok"
    cache.delete(key)
    return working


def health_report():
    """The site's health: ``ok``; ``degraded`` (no cache, still serving); ``down`` (no database)."""
    database = check_database()
    cache_ok = check_cache()
    if not database:
        status = "down"
    elif not cache_ok:
        status = "degraded"
    else:
        status = "ok"
    return {
        "status": status,
        "checks": {"database": "ok" if database else "failing", "cache": "ok" if cache_ok else "failing"},
    }
