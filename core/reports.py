"""The URLs of an admin report: Wagtail's report views answer at two addresses."""

from django.urls import path


def report_urls(address, view, name, decorate=None):
    """The report's page at ``address`` and its results (what its filters fetch) below it.

    ``view`` is a Wagtail ``ReportView`` class; ``decorate`` wraps both views (``None``: as they are).
    """
    decorate = decorate or (lambda function: function)
    return [
        path(address, decorate(view.as_view()), name=name),
        path(f"{address}results/", decorate(view.as_view(results_only=True)), name=f"{name}_results"),
    ]
