"""Reading the API's query parameters: every unknown name or value is a 400 naming the parameter."""

import datetime

from django.utils.translation import gettext as _

from ..filters import FILTER_NAMES, FLAG_FILTERS, YES
from .errors import ParameterError

LANGUAGES = ("fi", "sv")
DEFAULT_PAGE_SIZE = 20  # as the finder
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000
MAX_DAYS = 366
COMMON = ("lang", "page", "page_size")
STATUS_CURRENT, STATUS_ENDED = "current", "ended"
FLAG_VALUES = (YES, "true", "on")


def reject_unknown(params, allowed):
    """Refuse a parameter the endpoint does not know (a mistyped filter would silently do nothing)."""
    for name in params:
        if name not in allowed:
            raise ParameterError(name, _("Unknown parameter “%(name)s”.") % {"name": name[:50]})


def single(params, name):
    """The one value of ``name`` (None if absent); given twice is an error."""
    values = params.getlist(name)
    if len(values) > 1:
        raise ParameterError(name, _("Give “%(name)s” only once.") % {"name": name})
    return values[0] if values else None


def language(params):
    value = single(params, "lang")
    if value is None:
        return "fi"
    if value not in LANGUAGES:
        raise ParameterError("lang", _("“lang” must be fi or sv."))
    return value


def positive_int(params, name, default, maximum):
    value = single(params, name)
    if value is None:
        return default
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= maximum:
        raise ParameterError(
            name, _("“%(name)s” must be a whole number from 1 to %(max)s.") % {"name": name, "max": maximum}
        )
    return int(value)


def paging(params):
    """(page, page size)."""
    return positive_int(params, "page", 1, MAX_PAGE), positive_int(
        params, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
    )


def status(params):
    value = single(params, "status")
    if value is None:
        return STATUS_CURRENT
    if value not in (STATUS_CURRENT, STATUS_ENDED):
        raise ParameterError("status", _("“status” must be current or ended."))
    return value


def date(params, name, default):
    value = single(params, name)
    if value is None:
        return default
    try:
        return datetime.date.fromisoformat(value) if len(value) == 10 else _bad_date(name)
    except ValueError:
        return _bad_date(name)


def _bad_date(name):
    raise ParameterError(name, _("“%(name)s” must be a date like 2026-12-31.") % {"name": name})


def finder_errors(params, dropped):
    """Raise for the first value the finder would have dropped, an empty filter, or a flag given twice.

    The finder page ignores an empty value (a form's untouched field); a client of the API that
    sends one has made a mistake, and is told so.
    """
    for name in FILTER_NAMES:
        if any(not value.strip() for value in params.getlist(name)):
            raise ParameterError(name, _("“%(name)s” has no value.") % {"name": name})
    for name in FLAG_FILTERS:
        if len(params.getlist(name)) > 1:
            raise ParameterError(name, _("Give “%(name)s” only once.") % {"name": name})
    for name, value in dropped:
        raise ParameterError(name, _("Unknown value “%(value)s” for “%(name)s”.") % {"value": value, "name": name})


FINDER_PARAMETERS = ("q", *FILTER_NAMES)  # passed to the finder as they are
GROUP_PARAMETERS = (*COMMON, "status", *FINDER_PARAMETERS)
