"""schemathesis fuzzes every operation of the API: no server error, and every response (status,
content type, body) matches the OpenAPI schema at /api/v1/openapi.json. A second test sends each
operation real identifiers, so successful responses are checked against the schema too."""

import datetime

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import checks

from tests.factories import OrganizationFactory

APP = get_wsgi_application()
SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP)
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def connection_kept_between_requests():
    """Django's WSGI handler closes the database connection when a request starts and ends,
    which would close the test's transaction; Django's test client keeps it open the same way."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def reference_data(db):
    """Rows for the reference lists to return (publishing agreements, with their PDFs, for
    each of the 13 operations would take minutes; the real-identifier test below covers
    agreements)."""
    for _ in range(3):
        OrganizationFactory(parent=OrganizationFactory())


@pytest.fixture
def world(publish, unpublished):
    return publish(title_en="Heliotrope published accord")


@SCHEMA.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_server_error_and_schema_kept_when_fuzzed(case, reference_data):
    case.call_and_validate(checks=CHECKS)


def _real_parameters(agreement) -> dict[str, dict]:
    party = agreement.parties.select_related("organization__jurisdiction").first()
    responsibility = agreement.responsibilities.select_related("accountability_owner").first()
    post = responsibility.accountability_owner
    person = post.appointments.first().person
    reference = {"reference": agreement.reference}
    return {
        "/api/v1/agreements": {"query": {"q": "Heliotrope", "sort": "reference"}},
        "/api/v1/agreements/{reference}": {"path_parameters": reference},
        "/api/v1/agreements/{reference}/versions/{number}": {
            "path_parameters": {**reference, "number": 1}
        },
        "/api/v1/agreements/{reference}/as-of/{date}": {
            "path_parameters": {**reference, "date": datetime.date(2022, 1, 1).isoformat()}
        },
        "/api/v1/jurisdictions": {"query": {"page": 1}},
        "/api/v1/jurisdictions/{slug}": {
            "path_parameters": {"slug": party.organization.jurisdiction.slug}
        },
        "/api/v1/organizations": {"query": {"jurisdiction": party.organization.jurisdiction.slug}},
        "/api/v1/organizations/{slug}": {"path_parameters": {"slug": party.organization.slug}},
        "/api/v1/posts": {"query": {"organization": party.organization.slug}},
        "/api/v1/posts/{post_id}": {"path_parameters": {"post_id": post.pk}},
        "/api/v1/people": {"query": {"page": 1}},
        "/api/v1/people/{person_id}": {"path_parameters": {"person_id": person.pk}},
        "/api/v1/memberships": {"query": {"person": person.pk}},
    }


def test_every_operation_matches_schema_when_given_real_identifiers(world):
    parameters = _real_parameters(world)
    operations = [result.ok() for result in SCHEMA.get_all_operations()]
    assert sorted(operation.path for operation in operations) == sorted(parameters)
    for operation in operations:
        case = operation.Case(**parameters[operation.path])
        response = case.call()
        assert response.status_code == 200, (operation.path, response.text)
        case.validate_response(response, checks=CHECKS)
