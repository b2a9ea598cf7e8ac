"""WSGI entry point."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# Load the Finnish and Swedish dictionaries of the finder now, not on the first visitor's search.
from search.analysis import warm_up  # noqa: E402

warm_up()
