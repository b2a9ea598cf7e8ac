"""Views outside the page tree: the health check, two-factor authentication and the login lockout."""

import base64
from http import HTTPStatus

from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.qr import qr_svg_data_uri

from .forms import TokenForm
from .services import health_report, requires_two_factor


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico by themselves; the site's icon is an SVG among the static files."""
    return redirect(static("favicon.svg"), permanent=True)


@never_cache
@require_safe
def healthz(request):
    """For load balancers and monitoring: 200 when the site can serve, 503 when the database is down.

    A cache that is down makes the site slower but not broken, so it answers 200 with status
    ``degraded``: taking every app server out of the load balancer because Redis stopped would turn
    a slowdown into an outage. Monitoring alerts on ``degraded``.
    """
    report = health_report()
    status = HTTPStatus.SERVICE_UNAVAILABLE if report["status"] == "down" else HTTPStatus.OK
    return JsonResponse(report, status=status)


def login_locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a login while the username or address is locked out."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "home/lockout.html", {"minutes": minutes}, status=HTTPStatus.TOO_MANY_REQUESTS)


def _next_url(request):
    """The admin page the user was going to before the code was asked, if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


@method_decorator(never_cache, name="dispatch")
class TwoFactorFormView(WagtailAdminTemplateMixin, FormView):
    """An admin page with the six-digit code form (never cached)."""

    form_class = TokenForm
    header_icon = "key"
    breadcrumbs_items = []


class TwoFactorSetupView(TwoFactorFormView):
    """Set up an authenticator app: scan the QR code (or type the key) and enter the code it shows."""

    template_name = "home/two_factor_setup.html"
    page_title = _("Two-factor authentication")

    def dispatch(self, request, *args, **kwargs):
        if user_has_device(request.user, confirmed=True) and not request.user.is_verified():
            return redirect(f"{reverse('home_two_factor_verify')}?{request.META.get('QUERY_STRING', '')}")
        return super().dispatch(request, *args, **kwargs)

    def get_device(self):
        """The user's authenticator waiting to be confirmed (one at a time)."""
        device = TOTPDevice.objects.filter(user=self.request.user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(
                user=self.request.user, name=str(_("Authenticator app")), confirmed=False
            )
        return device

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "check": self.get_device().verify_token}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        has_device = user_has_device(user, confirmed=True)
        context.update(
            {"has_device": has_device, "required": requires_two_factor(user), "next": _next_url(self.request)}
        )
        if not has_device:
            device = self.get_device()
            context["qr_code"] = qr_svg_data_uri(device.config_url)
            key = base64.b32encode(device.bin_key).decode("ascii")
            context["secret"] = " ".join(key[i : i + 4] for i in range(0, len(key), 4))
        return context

    def post(self, request, *args, **kwargs):
        if user_has_device(request.user, confirmed=True):
            return redirect(reverse("home_two_factor_setup"))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        device = self.get_device()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(self.request, device)
        messages.success(self.request, _("Two-factor authentication is on. From now on you sign in with a code too."))
        return redirect(_next_url(self.request))


class TwoFactorVerifyView(TwoFactorFormView):
    """Enter the code from the authenticator app after signing in with the password."""

    template_name = "home/two_factor_verify.html"
    page_title = _("Enter your sign-in code")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_verified():
            return redirect(_next_url(request))
        if not user_has_device(request.user, confirmed=True):
            return redirect(f"{reverse('home_two_factor_setup')}?{request.META.get('QUERY_STRING', '')}")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "check": self.check_token}

    def check_token(self, token):
        self.device = match_token(self.request.user, token)
        return self.device is not None

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next": _next_url(self.request)}

    def form_valid(self, form):
        otp_login(self.request, self.device)
        return redirect(_next_url(self.request))


@require_safe
def robots_txt(request):
    """``/robots.txt``: everything public may be crawled except the admin; where the sitemap is.

    Ended groups and the embeddable listing stay crawlable so that search engines see their
    ``noindex`` (a page that robots.txt forbids can still be listed from links, without it).
    """
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
