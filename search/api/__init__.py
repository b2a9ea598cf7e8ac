"""The open data API (``/api/v1/``): the public groups, meetings, organisations, venues and
vocabularies as JSON, read-only, in Finnish and Swedish. See docs/api.md.

It lives in the search app because its groups endpoint *is* the finder: it calls
:func:`search.services.find_groups` with the same parameters, so it gives the same groups in the
same order.
"""
