"""Partner organisations in the admin: provisioning and user roles.

The admin, the importer (through a signal), ``manage.py add_user`` and the tests all call these.
"""

import secrets
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.models import Collection, Locale, Workflow, WorkflowPage

from . import roles
from .models import OrganisationPage, PartnerAccess

ROLE_LABELS = {
    "editors": "muokkaajat – redigerare",
    "approvers": "hyväksyjät – godkännare",
}
TITLE_LENGTH_IN_GROUP_NAME = 40


# --- Provisioning ---------------------------------------------------------------------------


def source_organisation(page):
    """The organisation's page in the source language (Finnish), or ``page`` if it has none."""
    page = page.specific if not isinstance(page, OrganisationPage) else page
    default_locale = Locale.get_default()
    if page.locale_id == default_locale.pk:
        return page
    return OrganisationPage.objects.filter(translation_key=page.translation_key, locale=default_locale).first() or page


def role_group_name(organisation, role):
    """``"Soite [soite]: muokkaajat – redigerare"``: unique through the organisation's identifier."""
    title = organisation.title
    if len(title) > TITLE_LENGTH_IN_GROUP_NAME:
        title = title[: TITLE_LENGTH_IN_GROUP_NAME - 1].rstrip() + "…"
    identifier = organisation.identifier or f"id-{organisation.pk}"
    return f"{title} [{identifier}]: {ROLE_LABELS[role]}"


def _ensure_group(group, name):
    if group is None:
        group, _created = Group.objects.get_or_create(name=name)
    elif group.name != name and not Group.objects.filter(name=name).exists():
        group.name = name
        group.save(update_fields=["name"])
    group.permissions.add(*roles.get_permissions(roles.PARTNER_PERMISSIONS))
    return group


def default_workflow():
    """The site's approval workflow (created by a data migration; re-created if it was removed)."""
    return Workflow.objects.filter(name=roles.WORKFLOW_NAME, active=True).first() or roles.ensure_default_workflow()


@transaction.atomic
def provision_organisation(page):
    """Give an organisation everything it needs in the admin. Idempotent: safe to call again.

    For the organisation of ``page`` (in either language) this makes sure that there are
    its editors and approvers groups, named after its Finnish title and identifier; their
    permissions to add and change pages on every language version of its page (not to publish:
    that goes through approval); a collection for its images and documents, which they may add,
    change and choose; and an approval workflow on every language version of its page (inherited
    from the root page unless someone removed it). A language version that appears later (an
    alias or a translation) gets its permissions when this runs again: the ``post_save`` signal
    on :class:`OrganisationPage` does that.
    """
    source = source_organisation(page)
    access = (
        PartnerAccess.objects.select_related("editors", "approvers", "collection")
        .filter(organisation__translation_key=source.translation_key)
        .first()
    )
    editors = _ensure_group(access.editors if access else None, role_group_name(source, "editors"))
    approvers = _ensure_group(access.approvers if access else None, role_group_name(source, "approvers"))
    collection_name = source.title[:255]
    if access is None:
        # The root collection comes from Wagtail's migrations; a flushed database (tests) lacks it.
        root = Collection.get_first_root_node() or Collection.add_root(name="Root")
        collection = root.add_child(name=collection_name)
        access = PartnerAccess.objects.create(
            organisation=source, editors=editors, approvers=approvers, collection=collection
        )
    elif access.collection.name != collection_name:
        access.collection.name = collection_name
        access.collection.save(update_fields=["name"])

    for group in (editors, approvers):
        roles.grant_collection_permissions(group, access.collection, roles.PARTNER_COLLECTION_PERMISSIONS)
        for version in OrganisationPage.objects.filter(translation_key=source.translation_key):
            roles.grant_page_permissions(group, version, roles.PARTNER_PAGE_PERMISSIONS)
    for version in OrganisationPage.objects.filter(translation_key=source.translation_key):
        if version.get_workflow() is None:
            WorkflowPage.objects.update_or_create(page=version, defaults={"workflow": default_workflow()})
    return access


# --- Copies ---------------------------------------------------------------------------------


def synchronise_copy(page):
    """Give a page copied in the admin (and its copied subpages) their aliases in the other trees.

    wagtail-localize keeps the Swedish tree in step with the Finnish one by aliasing every page
    *created* in the admin; a copy is a new page too, but it would otherwise exist in Finnish only.
    The alias shares the copy's identifier, as the Swedish version of any page does.
    """
    from wagtail_localize.synctree import create_aliases_for_new_page

    if page.locale_id != Locale.get_default().pk:
        return
    for new_page in page.get_descendants(inclusive=True).order_by("path").specific():
        if not new_page.alias_of_id:  # an alias made in the copy view stays Wagtail's business
            create_aliases_for_new_page(new_page)


# --- Users and roles ------------------------------------------------------------------------

ROLES = ("editor", "approver", "coordinator")


class RoleError(ValueError):
    """A user could not be given a role; the message says why in the user's language."""


@dataclass
class AddUserReport:
    """What :func:`add_user` did, one sentence per change, in the active language."""

    user: object = None
    created: bool = False
    done: list = field(default_factory=list)


def find_organisation(identifier):
    """The Finnish organisation page with the import-format ``identifier``, or :class:`RoleError`."""
    organisation = OrganisationPage.objects.filter(identifier=identifier, locale=Locale.get_default()).first()
    if organisation is None:
        import difflib

        known = OrganisationPage.objects.filter(locale=Locale.get_default()).values_list("identifier", flat=True)
        close = difflib.get_close_matches(identifier, list(known), n=3)
        message = _("There is no organisation with the id “%(id)s”.") % {"id": identifier}
        if close:
            message += " " + _("Did you mean: %(ids)s?") % {"ids": ", ".join(close)}
        raise RoleError(message)
    return organisation


@transaction.atomic
def add_user(username, *, email, role, organisation_id=None, language=None):
    """Create or update a user and give them a role. Idempotent: running it again changes nothing.

    A new user gets a long random password that is never shown: nobody, not even the person
    running the command, knows it. The user sets their own through the login page's "Forgot
    password?" link, which Django offers only to users with a usable password.
    """
    if role not in ROLES:
        raise RoleError(
            _("Unknown role “%(role)s”. Choose one of: %(roles)s.") % {"role": role, "roles": ", ".join(ROLES)}
        )
    if role in {"editor", "approver"} and not organisation_id:
        raise RoleError(_("An editor or an approver needs an organisation: give --org ORG_ID."))
    if role == "coordinator" and organisation_id:
        raise RoleError(_("A coordinator works for every organisation: leave out --org."))
    if not username.strip():
        raise RoleError(_("The username must not be empty."))
    try:
        from django.core.validators import validate_email

        validate_email(email)
    except ValidationError as error:
        raise RoleError(_("“%(email)s” is not a valid e-mail address.") % {"email": email}) from error

    report = AddUserReport()
    if role == "coordinator":
        group = roles.ensure_coordinators()
    else:
        organisation = find_organisation(organisation_id)
        access = provision_organisation(organisation)
        group = access.editors if role == "editor" else access.approvers

    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        user = user_model(username=username, email=email)
        user.set_password(secrets.token_urlsafe(32))
        user.full_clean(exclude=["password"])
        user.save()
        report.created = True
        report.done.append(_("Created the user %(user)s <%(email)s>.") % {"user": username, "email": email})
    elif user.email != email:
        old = user.email
        user.email = email
        user.save(update_fields=["email"])
        report.done.append(
            _("Changed the e-mail address of %(user)s from <%(old)s> to <%(new)s>.")
            % {"user": username, "old": old, "new": email}
        )
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        report.done.append(_("Reactivated the user %(user)s.") % {"user": username})

    if not user.groups.filter(pk=group.pk).exists():
        user.groups.add(group)
        report.done.append(_("Added %(user)s to the group “%(group)s”.") % {"user": username, "group": group.name})

    if language:
        from wagtail.users.models import UserProfile

        profile = UserProfile.get_for_user(user)
        if profile.preferred_language != language:
            profile.preferred_language = language
            profile.save(update_fields=["preferred_language"])
            report.done.append(
                _("Set the admin language of %(user)s to %(language)s.") % {"user": username, "language": language}
            )
    report.user = user
    return report
