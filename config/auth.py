"""Authentication backends."""

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
