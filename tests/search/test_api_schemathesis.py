"""Property-based run of schemathesis against /api/v1/openapi.json: every operation and every
documented parameter, with valid and with invalid values. No server error, and every answer as
documented (status code, content type, body schema); invalid values are refused. Bounded examples
keep the run short.

schemathesis' own pytest plugin does not run under pytest 9 yet, so the operations are driven
here with its Hypothesis strategies directly.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

pytestmark = pytest.mark.django_db

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = {GenerationMode.POSITIVE: 20, GenerationMode.NEGATIVE: 12}
# The same examples on every run, so CI is repeatable; API_FUZZ_RANDOM=1 explores new ones.
DERANDOMIZE = not os.environ.get("API_FUZZ_RANDOM")


@pytest.fixture
def api_schema(imported_example):
    # As Django's test client does: a request must not close the test's database connection
    # (inside the test's transaction), which the WSGI handler would do when a request finishes.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def operations(api_schema):
    found = [result.ok() for result in api_schema.get_all_operations()]
    assert found
    return found


#: Every operation of the document (checked below), each run as its own test: a few seconds each.
OPERATIONS = [
    "/api/v1/groups/",
    "/api/v1/groups/{identifier}/",
    "/api/v1/meetings/",
    "/api/v1/organisations/",
    "/api/v1/organisations/{identifier}/",
    "/api/v1/venues/",
    "/api/v1/venues/{identifier}/",
    "/api/v1/vocabularies/",
]


def test_every_operation_of_the_document_is_run(api_schema):
    assert sorted(operation.path for operation in operations(api_schema)) == sorted(OPERATIONS)


@pytest.mark.parametrize("path", OPERATIONS)
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_every_operation_answers_as_documented_and_never_fails(api_schema, mode, path):
    checks = [*CHECKS, negative_data_rejection] if mode == GenerationMode.NEGATIVE else CHECKS
    operation = next(operation for operation in operations(api_schema) if operation.path == path)

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=DERANDOMIZE,
    )
    def run(case):
        case.call_and_validate(checks=checks)

    run()
