"""Error views of the project (``handler500`` in ``config/urls.py``)."""

import sys

from django.views import defaults

from .middleware import database_unavailable_response, is_database_error


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """Django's 500 page, or the 503 "try again in a moment" page when the database is away.

    Django calls this while it handles an uncaught exception (``sys.exc_info()`` is that
    exception), wherever it was raised: also in a middleware's ``process_view`` or
    ``process_response``, which :class:`config.middleware.DatabaseUnavailableMiddleware` cannot see.
    """
    exception = sys.exc_info()[1]
    if is_database_error(exception):
        return database_unavailable_response(request, exception)
    return defaults.server_error(request, template_name)
