"""Errors of the API: always JSON, a 400 names the parameter it is about."""

from http import HTTPStatus

from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from django.utils.translation import gettext_lazy as _


class ParameterError(exceptions.APIException):
    """A query parameter the API does not understand: 400 with ``{"detail": ..., "parameter": ...}``."""

    status_code = HTTPStatus.BAD_REQUEST
    default_code = "invalid_parameter"

    def __init__(self, parameter, message):
        self.parameter = parameter
        super().__init__(detail=message)


def exception_handler(exc, context):
    """DRF's handler, with the parameter named on a :class:`ParameterError`."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, ParameterError):
        response.data = {"detail": str(exc.detail), "parameter": exc.parameter}
    response["Cache-Control"] = "no-store"
    return response


def not_found(request, *args, **kwargs):
    """JSON 404 for any address under /api/ that is not an endpoint (a plain Django view)."""
    from django.http import JsonResponse

    return JsonResponse({"detail": str(_("Not found."))}, status=HTTPStatus.NOT_FOUND)


__all__ = ["ParameterError", "Response", "exception_handler", "not_found"]
