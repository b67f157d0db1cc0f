"""The in-memory snapshots the big-document tests render have the shape of real ones, so what
those tests prove holds for snapshots made by `build_snapshot`."""

import pytest

from agreements.models import DeliveryChannel
from tests.factories import (
    GovernanceBodyFactory,
    OrganizationFactory,
    ServiceAreaFactory,
    agreement_ready,
    staffed_position,
)
from tests.pdf import builders

pytestmark = pytest.mark.django_db


def _shape(value, path="$"):
    """Every key path in a JSON value (lists: the union over their items)."""
    if isinstance(value, dict):
        paths = {path}
        for key, item in value.items():
            paths |= _shape(item, f"{path}.{key}")
        return paths
    if isinstance(value, list):
        paths = {path}
        for item in value:
            paths |= _shape(item, f"{path}[]")
        return paths
    return {path}


def test_builder_snapshot_has_real_snapshot_keys_when_compared(registrar):
    from agreements.snapshots import build_snapshot, load_agreement

    agreement = agreement_ready(responsibilities=2)
    body = GovernanceBodyFactory(chair=staffed_position(organization=OrganizationFactory()))
    body.members.add(staffed_position(organization=OrganizationFactory()))
    agreement.governing_body = body
    agreement.save()
    agreement.service_areas.add(ServiceAreaFactory())
    agreement.delivery_channels.add(DeliveryChannel.objects.get(slug="online"))
    real = build_snapshot(
        load_agreement(agreement.pk), effective_date=builders.EFFECTIVE, number=1, kind="original"
    )
    made = builders.snapshot(responsibilities=2)
    # Both ways: the renderer meets every real key in the tests, and no invented one.
    assert _shape(real) - _shape(made) == set()
    assert _shape(made) - _shape(real) == set()
