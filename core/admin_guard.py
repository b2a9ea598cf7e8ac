"""The admin guard: every admin URL asks :mod:`core.access` about the objects it names.

Wagtail checks permissions in each view, and each view does it a little differently: some show
an object's title before refusing, a chooser answers for any id, the admin API's actions skip
the page lock. So before any admin view runs, :class:`AdminGuardMiddleware` resolves the URL,
finds the objects it names — in the path (``page_id``, ``image_id``, ``pk`` of a snippet…), in
``?id=`` lists (bulk actions, choosers) and in an admin API action's JSON body — and asks
:func:`core.access.may` whether the signed-in user may do the URL's action to each of them.

The URLs are an allow list. A partner (anyone who is not a coordinator or an administrator)
reaches only the URL names registered here or by an app (:func:`register`); any other admin
URL — one a Wagtail upgrade adds, for instance — is refused until someone registers it with
its checks. Coordinators reach every URL, and the checks of a registered URL apply to them too
(a page locked by someone else stays locked). Administrators (superusers) are not checked.

``tests/organisations/test_admin_enumeration.py`` walks every URL pattern of the admin with
another organisation's ids, so a URL that leaks is found however it was added.
"""

import fnmatch
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.auth import permission_denied

from .access import is_administrator, may, using_user

__all__ = ["AdminGuardMiddleware", "arg", "body", "ids", "register", "snippet_urls"]

ADMIN_PREFIX = "/admin/"


def is_coordinator(user):
    """Coordinators act on every organisation's content (the permission is given by ``organisations``)."""
    return bool(user.is_active and (user.is_superuser or user.has_perm("organisations.coordinate")))


# --- Loading the objects a URL names ---------------------------------------------------------


def _wagtail(name):
    def get(match):
        from wagtail import models

        return getattr(models, name)

    return get


def _image_model(match):
    from wagtail.images import get_image_model

    return get_image_model()


def _document_model(match):
    from wagtail.documents import get_document_model

    return get_document_model()


def _model_in_path(match):
    """The model named by ``app_label``/``model_name`` (or ``content_type_…``) in the URL."""
    kwargs = match.kwargs
    app_label = kwargs.get("app_label") or kwargs.get("app_name") or kwargs.get("content_type_app_name")
    model_name = kwargs.get("model_name") or kwargs.get("content_type_model_name")
    try:
        return apps.get_model(app_label, model_name)
    except (LookupError, TypeError, ValueError):
        return None


#: The model of each kind of object a URL names (``in_path``: the model named in the URL itself).
MODELS = {
    "page": _wagtail("Page"),
    "revision": _wagtail("Revision"),
    "task_state": _wagtail("TaskState"),
    "workflow_state": _wagtail("WorkflowState"),
    "uploaded_file": _wagtail("UploadedFile"),
    "image": _image_model,
    "document": _document_model,
    "collection": _wagtail("Collection"),
    "user": lambda match: get_user_model(),
    "in_path": _model_in_path,
    "editing_session": lambda match: apps.get_model("wagtailadmin", "EditingSession"),
}


def load(kind, value, match):
    """The object ``value`` names, or None if there is none (the view then answers 404).

    An id that cannot be one (``abc`` for a number) raises :class:`~django.http.Http404` here:
    several of Wagtail's views would fail on it with a server error.
    """
    model = MODELS[kind](match)
    if model is None:
        return None
    try:
        pk = model._meta.pk.to_python(value)
        found = model._default_manager.filter(pk=pk).first()
    except (ValidationError, ValueError, TypeError, OverflowError) as error:
        raise Http404(_("No such object.")) from error
    if kind == "page" and found is not None:
        return found.specific_deferred
    return found


# --- Checks -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One object a URL names, and what the user must be allowed to do to it.

    ``source`` says where the id is: a URL keyword (``page_id``), a positional group (``0``),
    a ``?id=`` style list (``?id``) or a key of a JSON body (``json:destination_page_id``).
    ``on_get`` is the action for GET and HEAD, ``on_post`` for any other method.
    """

    source: str
    kind: str
    on_get: str
    on_post: str

    def values(self, request, match):
        if self.source.startswith("?"):
            name = self.source[1:]
            return [*request.GET.getlist(name), *(request.POST.getlist(name) if request.method == "POST" else [])]
        if self.source.startswith("json:"):
            value = request_data(request).get(self.source[5:])
            return [] if value in (None, "") else [value]
        if self.source.isdigit():
            position = int(self.source)
            return [match.args[position]] if position < len(match.args) else []
        value = match.kwargs.get(self.source)
        return [] if value is None else [value]

    def objects(self, request, match):
        """``(action, object)`` pairs to ask about; an id that names nothing is left to the view (404)."""
        action = self.on_get if request.method in ("GET", "HEAD") else self.on_post
        for value in self.values(request, match):
            if value == "all":
                # "Select all" of a listing: every object under a parent, not only the user's.
                yield "select_all", None
                continue
            obj = load(self.kind, value, match)
            if obj is not None:
                yield action, obj


def request_data(request):
    """The body of an admin API request as a dict, read as Wagtail's API reads it: JSON, or a form."""
    if not hasattr(request, "_guard_data"):
        if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            data = request.POST.dict()
        else:
            try:
                data = json.loads(request.body or b"{}")
            except (ValueError, UnicodeDecodeError):
                data = {}
        request._guard_data = data if isinstance(data, dict) else {}
    return request._guard_data


def is_false(value):
    """Whether the API would read ``value`` as false (JSON ``false`` or a form's ``false``/``0``)."""
    return value is False or (isinstance(value, str) and value.strip().lower() in {"false", "0", "off", "no"})


def arg(source, kind, on_get="view", on_post=None):
    """The object a URL names in its path (or ``?id=`` list, or JSON body): see :class:`Check`."""
    return Check(source, kind, on_get, on_post or on_get)


def ids(kind, action):
    """The objects of a ``?id=`` list (choosers' "chosen multiple", bulk actions)."""
    return Check("?id", kind, action, action)


def body(key, kind, action):
    """An object an admin API action names in its body (JSON or a form)."""
    return Check(f"json:{key}", kind, action, action)


# --- The allow list ----------------------------------------------------------------------------

#: URL name (a pattern for fnmatch) → the checks of its objects, or a callable giving them.
_urls: dict[str, tuple | Callable] = {}


def register(name, *checks):
    """Let partners reach the admin URL ``name``, with ``checks`` on the objects it names.

    ``checks`` are :class:`Check` objects, or one callable ``(request, match) -> checks``
    for URLs whose checks depend on the request (an admin API action, a bulk action).
    """
    _urls[name] = checks


def _checks_for(view_name):
    if view_name in _urls:
        return _urls[view_name]
    for pattern, checks in _urls.items():
        if any(char in pattern for char in "*?[") and fnmatch.fnmatchcase(view_name, pattern):
            return checks
    return None


def snippet_urls(model, *, partners_edit=True):
    """Register the admin URLs of a snippet model (its listing, editor, history and chooser).

    With ``partners_edit=False`` partners reach only its chooser (vocabularies: coordinators
    edit them, everyone picks from them).
    """
    label = f"{model._meta.app_label}_{model._meta.model_name}"
    choosers = f"wagtailsnippetchoosers_{label}"
    register(f"{choosers}:choose")
    register(f"{choosers}:choose_results")
    register(f"{choosers}:chosen", arg("pk", "in_snippet", "choose"))
    register(f"{choosers}:chosen_multiple", ids("in_snippet", "choose"))
    register(f"{choosers}:create")  # a new object is the user's own; the view checks "add"
    if not partners_edit:
        return
    views = f"wagtailsnippets_{label}"
    register(f"{views}:list")
    register(f"{views}:list_results")
    register(f"{views}:add")
    register(f"{views}:edit", arg("pk", "in_snippet", "view", "change"))
    register(f"{views}:delete", arg("pk", "in_snippet", "delete"))
    register(f"{views}:usage", arg("pk", "in_snippet", "view"))
    register(f"{views}:history", arg("pk", "in_snippet", "view"))
    register(f"{views}:history_results", arg("pk", "in_snippet", "view"))
    register(f"{views}:copy", arg("pk", "in_snippet", "copy"))
    register(f"{views}:revisions_revert", arg("pk", "in_snippet", "change"), arg("revision_id", "revision", "view"))
    register(f"{views}:revisions_compare", arg("pk", "in_snippet", "view"))
    register(f"{views}:revisions_view", arg("pk", "in_snippet", "view"), arg("revision_id", "revision", "view"))


def _snippet_model(match):
    """The snippet model of a ``wagtailsnippets_<app>_<model>`` or chooser namespace."""
    for namespace in match.namespaces:
        for prefix in ("wagtailsnippetchoosers_", "wagtailsnippets_"):
            if namespace.startswith(prefix):
                label = namespace[len(prefix) :]
                for model in apps.get_models():
                    if f"{model._meta.app_label}_{model._meta.model_name}" == label:
                        return model
    return None


MODELS["in_snippet"] = _snippet_model

#: Admin URLs that not even coordinators need: Wagtail's deliberate server error, for testing
#: how errors are reported.
ADMINISTRATORS_ONLY = {"wagtailadmin_error_test"}


#: What a refusal says when there is more to say than "you may not": the action → the plainer
#: action the user may still do to the object (only then is this said), and the message.
REFUSALS = {
    "replace_file": (
        "change",
        gettext_lazy(
            "This file is shown on a published page, so it cannot be replaced here. Add the new file "
            "and choose it on the page instead: the change then goes for approval."
        ),
    ),
    "delete_file": (
        "change",
        gettext_lazy(
            "This file is shown on a published page, so it cannot be deleted. Remove it from the page "
            "first: the change then goes for approval."
        ),
    ),
}


def refusal_message(user, action, obj):
    """The message of a refusal, if there is one for ``action`` and ``obj`` is the user's to act on."""
    plainer, message = REFUSALS.get(action, (None, None))
    if plainer is None:
        return None
    return message if may(user, plainer, obj) else None


# --- The middleware ------------------------------------------------------------------------------


class AdminGuardMiddleware:
    """Refuse an admin request whose URL the user may not reach or whose objects they may not touch.

    Also records the signed-in user for the request (:func:`core.access.current_user`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(ADMIN_PREFIX):
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        with using_user(user):
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith(ADMIN_PREFIX):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        match = request.resolver_match
        if match.view_name in ADMINISTRATORS_ONLY and not is_administrator(user):
            return self.refuse(request)
        checks = _checks_for(match.view_name)
        if checks is None:
            if is_administrator(user) or is_coordinator(user):
                return None
            return self.refuse(request)
        if len(checks) == 1 and callable(checks[0]) and not isinstance(checks[0], Check):
            checks = checks[0](request, match)
        # Loading the objects also answers 404 to an id that cannot be one, for every user.
        unlimited = is_administrator(user)
        for check in checks:
            for action, obj in check.objects(request, match):
                if unlimited:
                    continue
                if action == "select_all":
                    if is_coordinator(user):
                        continue
                    return self.refuse(request)
                if not may(user, action, obj):
                    return self.refuse(request, refusal_message(user, action, obj))
        return None

    def refuse(self, request, message=None):
        """Wagtail's own answer: back to the dashboard with a message (403 for scripts and the API).

        With a ``message`` that says what to do instead, back to the same page with it.
        """
        if request.path.startswith(f"{ADMIN_PREFIX}api/"):
            return JsonResponse({"message": message or _("You do not have permission to do this.")}, status=403)
        if message:
            messages.error(request, message)
            return redirect(request.get_full_path())
        return permission_denied(request)
