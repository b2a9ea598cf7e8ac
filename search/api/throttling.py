"""The API's rate limit: ``API_RATE_LIMIT`` requests per client address, counted in the cache."""

from rest_framework.throttling import AnonRateThrottle

from django.conf import settings


class ApiRateThrottle(AnonRateThrottle):
    """Like DRF's anonymous throttle, with the rate read from the settings on each request.

    DRF reads ``DEFAULT_THROTTLE_RATES`` once at import; reading ``API_RATE_LIMIT`` here lets an
    operator (and a test) change it without a restart of the class. Over the limit the answer is
    429 with ``Retry-After``. The address is the visitor's behind ``TRUSTED_PROXY_COUNT``
    proxies (DRF's ``NUM_PROXIES``).
    """

    scope = "api"

    def get_rate(self):
        return settings.API_RATE_LIMIT

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)
