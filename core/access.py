"""The one place that decides what a user may do to an object in the admin.

Every check of the site asks :func:`may` (one object) or :func:`visible` (a queryset): the admin
guard (:mod:`core.admin_guard`) for every admin URL, the choosers, the bulk actions, the admin
API actions, wagtail-localize's views and the reports. Each app registers the rules for its own
models (:func:`register`); a model without a rule is refused to everyone but administrators —
deny by default, so a model or an admin view added later (a Wagtail upgrade) shows nothing until
someone decides who may see it.

Actions are plain words: ``explore`` (see it in a listing on the way to one's own pages),
``view`` (see its content and history in the admin), ``choose`` (pick it in a chooser), ``edit``
(open and post Wagtail's editor, which enforces the page lock itself), ``change`` (change it by
any other path: refused while the page is locked for the user), ``delete``, ``publish``, ``unpublish``, ``move``, ``copy``, ``lock``, ``unlock``,
``add_child``, ``translate`` (start or edit the Swedish version), ``convert_alias`` (Wagtail's
own conversion of an alias, which bypasses the translation workflow), ``cancel_meeting``,
``record_visits`` (record how many came to a group's meeting),
``see_draft`` (read the unpublished title of a page). A rule answers ``False`` for an action it
does not know.
"""

import contextvars
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

__all__ = ["current_user", "may", "register", "rule_for", "using_user", "visible"]


@dataclass(frozen=True)
class Rule:
    """Who may do what to the objects of one model.

    ``allows(user, action, obj)`` answers for one object; ``narrow(user, action, queryset)``
    returns the part of a queryset the user may act on (``None`` means: ask ``allows`` of each).
    """

    allows: Callable[[Any, str, Any], bool]
    narrow: Callable[[Any, str, Any], Any] | None = None


_rules: dict[type, Rule] = {}


def register(model, allows, narrow=None):
    """Register the rule of ``model`` (and its subclasses, unless they have their own)."""
    _rules[model] = Rule(allows, narrow)


def rule_for(model):
    """The rule of ``model``: its own, or that of the nearest base class that has one."""
    for klass in getattr(model, "__mro__", ()):
        if klass in _rules:
            return _rules[klass]
    return None


def is_administrator(user):
    return bool(user is not None and user.is_active and user.is_superuser)


def may(user, action, obj):
    """True if ``user`` may do ``action`` to ``obj``. Deny by default."""
    if user is None or not user.is_active or not user.is_authenticated:
        return False
    if obj is None:
        return False
    rule = rule_for(type(obj))
    if rule is None:
        return is_administrator(user)
    return bool(rule.allows(user, action, obj))


def visible(user, action, queryset):
    """The objects of ``queryset`` that ``user`` may do ``action`` to (``view`` to see them)."""
    if user is None or not user.is_active or not user.is_authenticated:
        return queryset.none()
    rule = rule_for(queryset.model)
    if rule is None:
        return queryset if is_administrator(user) else queryset.none()
    if rule.narrow is not None:
        return rule.narrow(user, action, queryset)
    allowed = [obj.pk for obj in queryset if rule.allows(user, action, obj)]
    return queryset.filter(pk__in=allowed)


# --- The user of the current admin request ---------------------------------------------------
#
# A few things Wagtail renders have no request at hand, such as a page's title in a listing.
# The admin guard records the signed-in user here for the length of each admin request, so
# that those few places can ask the rules too (see ``BasePage.get_admin_display_title``).

_current_user = contextvars.ContextVar("ryhmahaku_current_user", default=None)


def current_user():
    """The signed-in user of the admin request being served, or None outside one."""
    return _current_user.get()


@contextmanager
def using_user(user):
    """Serve an admin request (or run a block) on behalf of ``user``."""
    token = _current_user.set(user)
    try:
        yield
    finally:
        _current_user.reset(token)


# --- Rules for Wagtail's bookkeeping objects: they follow the object they belong to -----------


def _content_object(obj):
    content = obj.content_object
    return content.specific_deferred if hasattr(content, "specific_deferred") else content


def _follows(get_object):
    """A rule that answers as the rule of the object the bookkeeping row belongs to."""

    def allows(user, action, obj):
        target = get_object(obj)
        return target is not None and may(user, "view" if action in ("view", "choose") else action, target)

    return allows


def _own_row(user, action, obj):
    """An uploaded file waiting for its details, an editing session: the user's own only."""
    owner_id = getattr(obj, "uploaded_by_user_id", None) or getattr(obj, "user_id", None)
    return owner_id is not None and owner_id == user.pk


def register_wagtail_rules():
    """Rules for Wagtail's revisions, workflow states and uploads (see :func:`register`)."""
    from wagtail.admin.models import EditingSession
    from wagtail.models import Revision, TaskState, UploadedFile, WorkflowState

    register(Revision, _follows(_content_object))
    register(WorkflowState, _follows(_content_object))
    register(TaskState, _follows(lambda state: _content_object(state.workflow_state)))
    register(UploadedFile, _own_row)
    register(EditingSession, _own_row)
