"""Project middleware: request ids, the Content Security Policy per area, two-factor authentication
for the admin, and cache headers for a CDN or Varnish in front of the public pages."""

import logging
from functools import cache
from http import HTTPStatus
from urllib.parse import urlencode

from csp.middleware import CSPMiddleware
from csp.utils import default_config

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control

from .log import REQUEST_ID_HEADER, current_request_id, request_id_from

logger = logging.getLogger("config.middleware")


@cache
def admin_prefix():
    """The path of the Wagtail admin, e.g. ``/admin/``."""
    return reverse("wagtailadmin_home")


def is_admin_path(request):
    """Whether the request is for the Wagtail admin."""
    return request.path_info.startswith(admin_prefix())


class RequestIdMiddleware:
    """Give each request an id: on its log records and in the ``X-Request-ID`` response header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with three policies: the public site's, the admin's, and the admin sign-in pages'.

    ``CONTENT_SECURITY_POLICY`` applies to the public pages (no inline scripts or styles).
    Wagtail's admin still writes a few inline scripts (inline panels, date pickers) and inline
    styles, so paths under the admin get ``CONTENT_SECURITY_POLICY_ADMIN`` instead. The pages a
    visitor sees before signing in (:data:`SIGN_IN_URL_NAMES`) have no inline script, so they get
    ``CONTENT_SECURITY_POLICY_ADMIN_SIGN_IN``, which allows scripts from this site only.
    """

    SIGN_IN_URL_NAMES = frozenset(
        {
            "wagtailadmin_login",
            "wagtailadmin_password_reset",
            "wagtailadmin_password_reset_done",
            "wagtailadmin_password_reset_confirm",
            "wagtailadmin_password_reset_complete",
            "home_two_factor_setup",
            "home_two_factor_verify",
        }
    )

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_path(request):
            match = getattr(request, "resolver_match", None)
            setting = "CONTENT_SECURITY_POLICY_ADMIN"
            if match is not None and match.url_name in self.SIGN_IN_URL_NAMES:
                setting = "CONTENT_SECURITY_POLICY_ADMIN_SIGN_IN"
            policy = getattr(settings, setting, None)
            if policy:
                parts.config = default_config(policy["DIRECTIVES"])
        return parts


class TwoFactorMiddleware:
    """Send admin users who must use two-factor authentication to set it up or to enter a code.

    Runs after django-otp's ``OTPMiddleware``. Only the admin is guarded, and only when the
    ``REQUIRE_2FA`` setting is on; who must use it is :func:`home.services.two_factor_step`'s rule.
    """

    exempt_url_names = {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
        "home_two_factor_setup",
        "home_two_factor_verify",
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(settings, "REQUIRE_2FA", False) or not is_admin_path(request):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.url_name in self.exempt_url_names:
            return None

        from home.services import two_factor_step

        step = two_factor_step(user)
        if step is None:
            return None
        target = reverse(f"home_two_factor_{step}")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


class PublicCacheControlMiddleware:
    """Let a CDN or Varnish keep anonymous public pages for ``PUBLIC_CACHE_SECONDS``.

    Only successful GET/HEAD responses outside the admin, to visitors without a session cookie,
    that set no cookie and say nothing about caching themselves. Browsers keep a page for at most
    a minute; Wagtail's frontend cache app purges the CDN when a page is published.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        seconds = getattr(settings, "PUBLIC_CACHE_SECONDS", 0)
        if (
            seconds > 0
            and request.method in ("GET", "HEAD")
            and response.status_code == 200
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not response.cookies
            and not response.has_header("Cache-Control")
            and not is_admin_path(request)
        ):
            patch_cache_control(response, public=True, max_age=min(seconds, 60), s_maxage=seconds)
        return response


DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def is_database_error(exception):
    """Whether ``exception`` (or an exception it was raised from) means the database is away."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        if isinstance(exception, DATABASE_ERRORS):
            return True
        seen.add(id(exception))
        exception = exception.__cause__ or exception.__context__
    return False


def database_unavailable_response(request, exception):
    """The "try again in a moment" page (HTTP 503 with ``Retry-After``), which needs no database."""
    logger.error("database unavailable", extra={"event": "database_unavailable", "error": repr(exception)})
    response = HttpResponse(render_to_string("503.html", request=request), status=HTTPStatus.SERVICE_UNAVAILABLE)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answer "503, try again in a moment" instead of a server error while the database is away.

    While PostgreSQL restarts or fails over, requests fail to connect; visitors get a short page
    that needs no database, and load balancers and CDNs see a 503 they may retry or serve stale.

    This catches the errors of views. Errors raised outside a view (reading the signed-in user
    in a middleware's ``process_view``, saving the session in ``process_response``) never reach
    ``process_exception``, nor any middleware's ``__call__``: Django turns them into a response
    where they happen. Those go to Django's 500 handler, which is :func:`config.views.server_error`:
    it gives the same 503 page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_error(exception):
            return None
        return database_unavailable_response(request, exception)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that the API's answers are left alone.

    For a 404 outside the language prefixes Django redirects to the same address under /fi/, which
    Wagtail's catch-all route always "has"; an API client asking for a group that is not there
    must get the API's JSON 404, not a redirect to an HTML page.
    """

    def process_response(self, request, response):
        if request.path_info.startswith("/api/"):
            return response
        return super().process_response(request, response)
