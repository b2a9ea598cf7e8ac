"""Authentication backends, and the visitor's address as login throttling sees it."""

import ipaddress

from axes.backends import AxesStandaloneBackend

from django.conf import settings


class LoginThrottlingBackend(AxesStandaloneBackend):
    """django-axes' lockout check, which stands aside when ``AXES_ENABLED`` is off.

    The test suite turns django-axes off so that the test client's ``login()`` (which passes no
    request) works; with it on, a login without a request is refused as django-axes intends.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not settings.AXES_ENABLED:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def _valid_address(value):
    """The address in an ``X-Forwarded-For`` entry (some load balancers add a port), or ``None``."""
    value = value.strip()
    if value.startswith("["):  # [2001:db8::1]:443
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:  # 192.0.2.1:443
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip_address(request):
    """The address a request came from, seen through ``TRUSTED_PROXY_COUNT`` proxies (``AXES_CLIENT_IP_CALLABLE``).

    Every proxy (the load balancer, nginx) appends the address it got the request from to
    ``X-Forwarded-For``, so with N trusted proxies the visitor's address is the N-th entry from the
    end. Entries further left were written by the visitor and are ignored: nobody can choose
    their own address, and nobody can lock others out by making every attempt come from the
    proxy's own address. With no trusted proxies (or no header) it is ``REMOTE_ADDR``.
    """
    remote_address = request.META.get("REMOTE_ADDR", "")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if count <= 0 or not forwarded:
        return remote_address
    # Fewer entries than proxies: the request skipped an outer proxy; every entry is a proxy's.
    chosen = forwarded[-count] if len(forwarded) >= count else forwarded[0]
    return _valid_address(chosen) or remote_address
