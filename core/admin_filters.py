"""The admin's filters offer only what the signed-in user may see.

Wagtail's listings and reports filter by person ("edited by", "owner", "locked by", "requested
by"), and the choices are everyone who ever did that anywhere: other organisations' staff by
name. Every filter set of the admin derives from ``WagtailFilterSet``; after one is built, each
of its filters that chooses from the user model chooses only from the people
:func:`core.access.visible` lets the user see (a partner: themselves, their organisations'
people, coordinators and administrators). A filter value outside that set is an invalid choice.
(The tag filter is narrowed in :mod:`core.wagtail_fixes`.)
"""

from django_filters.filters import QuerySetRequestMixin

from django.contrib.auth import get_user_model

from .access import visible


def _narrowed(queryset):
    def choices(request):
        found = queryset(request) if callable(queryset) else queryset
        if found is None or request is None or not issubclass(found.model, get_user_model()):
            return found
        return visible(request.user, "view", found)

    return choices


def _wrap_init(cls, after):
    """Run ``after(filter_set)`` at the end of ``cls.__init__`` (once, however often this is called)."""
    flag = f"_ryhmahaku_{after.__name__}"
    if cls.__dict__.get(flag):
        return
    build = cls.__init__

    def __init__(self, *args, **kwargs):
        build(self, *args, **kwargs)
        after(self)

    cls.__init__ = __init__
    setattr(cls, flag, True)


def _narrow_people(filter_set):
    for filter_ in filter_set.filters.values():
        if isinstance(filter_, QuerySetRequestMixin) and filter_.queryset is not None:
            filter_.queryset = _narrowed(filter_.queryset)


def narrow_filter_choices():
    """Narrow the choices of every admin filter set (called from ``CoreConfig.ready``)."""
    from wagtail.admin.filters import WagtailFilterSet

    _wrap_init(WagtailFilterSet, _narrow_people)
