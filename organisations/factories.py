"""Test data for organisations and the people who work for them (factory_boy, wagtail-factories).

Each factory makes what the admin or the importer would: a published Finnish page, its Swedish
version (an alias until it is translated) and, through the ``post_save`` signal, the organisation's
roles, collection and approval workflow. Used by the tests and the benchmark; not imported by the
site itself.
"""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from django.contrib.auth import get_user_model

from wagtail.models import Locale

from . import roles
from .models import OrganisationIndexPage, OrganisationKind, OrganisationPage
from .services import provision_organisation

#: The password of every user the factories make (the test settings hash it with fast MD5).
PASSWORD = "testi-salasana"  # noqa: S105 (test data only: the factories are never used by the site)


def locale(language_code):
    return Locale.objects.get(language_code=language_code)


def publish_page(page, user=None):
    """Save a revision of ``page`` and publish it, as the admin's "Publish" does."""
    page.save_revision(user=user, log_action=True).publish(user=user)
    return type(page).objects.get(pk=page.pk)


def add_swedish_version(page, swedish):
    """Give the published Finnish ``page`` its Swedish version: a published translation with the
    ``swedish`` field values, or an alias of the Finnish page when ``swedish`` is empty."""
    from wagtail.actions.convert_alias import ConvertAliasPageAction

    sv = locale("sv")
    existing = page.get_translation_or_none(sv)
    if not swedish:
        if existing is None:
            page.copy_for_translation(sv, copy_parents=True, alias=True)
        return page.get_translation(sv).specific
    if existing is None:
        translation = page.copy_for_translation(sv, copy_parents=True)
    else:
        if existing.alias_of_id:
            ConvertAliasPageAction(existing, log_action=None).execute(skip_permission_checks=True)
        translation = existing.specific_class.objects.get(pk=existing.pk)
    for name, value in swedish.items():
        setattr(translation, name, value)
    return publish_page(translation)


class LocalisedPageFactory(wagtail_factories.PageFactory):
    """A page published in the Finnish tree; ``swedish={"title": ...}`` translates it, else the
    Swedish tree gets an alias. ``publish=False`` leaves a Finnish draft with no Swedish version."""

    class Meta:
        abstract = True

    locale = factory.LazyFunction(lambda: locale("fi"))

    @classmethod
    def _create(cls, model_class, *args, swedish=None, publish=True, **kwargs):
        page = super()._create(model_class, *args, **({"live": False} if not publish else {}) | kwargs)
        if not publish:
            page.save_revision(log_action=True)
            return page
        page = publish_page(page)
        add_swedish_version(page, swedish)
        return page


class OrganisationPageFactory(LocalisedPageFactory):
    class Meta:
        model = OrganisationPage

    title = factory.Sequence(lambda n: f"Yhdistys {n} ry")
    identifier = factory.Sequence(lambda n: f"yhdistys-{n}")
    slug = factory.LazyAttribute(lambda page: page.identifier)
    kind = OrganisationKind.ASSOCIATION
    parent = factory.LazyFunction(lambda: OrganisationIndexPage.objects.get(locale__language_code="fi"))


class UserFactory(DjangoModelFactory):
    """A user with no role; ``UserFactory(superuser=True)`` an administrator."""

    class Meta:
        model = get_user_model()

    class Params:
        superuser = factory.Trait(is_staff=True, is_superuser=True)

    username = factory.Sequence(lambda n: f"kayttaja-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)


class PartnerFactory(UserFactory):
    """Partner staff: an "editor" (the default) or an "approver" of ``organisation``."""

    organisation = factory.SubFactory(OrganisationPageFactory)
    role = "editor"

    @classmethod
    def _create(cls, model_class, *args, organisation, role, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        access = provision_organisation(organisation)
        user.groups.add({"editor": access.editors, "approver": access.approvers}[role])
        return user


class CoordinatorFactory(UserFactory):
    """A coordinator of the region: approves every organisation's changes."""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        user.groups.add(roles.ensure_coordinators())
        return user
