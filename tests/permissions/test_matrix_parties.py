"""Permission matrix, the party viewset (rows edited inline on an agreement, also listed and edited on
their own): every role × agreement stage × visibility × URL answers as
tests/permissions/matrix.py says. 0 unexpected allows."""

import pytest

from agreements.models import Agreement
from tests.permissions.matrix import PARTY_URLS, ROLES
from tests.permissions.matrix_runner import matrix_differences

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_as_the_matrix_says_when_role_requests(role, world):
    wrong = matrix_differences(world=world, role=role, urls=PARTY_URLS)
    assert not wrong, f"{len(wrong)} cells differ:\n" + "\n".join(wrong)


def test_agreements_are_unchanged_when_every_role_has_requested(world):
    for (stage, _visibility), agreement in world.agreements.items():
        assert Agreement.objects.get(pk=agreement.pk).state == stage.partition("+")[0]
