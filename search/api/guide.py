"""The readable API page (/api/v1/): the endpoints and their parameters, from the OpenAPI document."""

from functools import cache

from drf_spectacular.generators import SchemaGenerator

from django.shortcuts import render
from django.views.decorators.http import require_safe


@cache
def schema():
    """The OpenAPI document, generated once per process from the code."""
    return SchemaGenerator().get_schema(request=None, public=True)


@require_safe
def api_guide(request):
    document = schema()
    endpoints = []
    for address, operations in document["paths"].items():
        for method, operation in operations.items():
            endpoints.append(
                {
                    "method": method.upper(),
                    "path": address,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": operation.get("parameters", []),
                }
            )
    context = {
        "endpoints": endpoints,
        "info": document["info"],
        "meta_description": document["info"]["description"],
        "share_title": document["info"]["title"],
    }
    return render(request, "search/api_guide.html", context)
