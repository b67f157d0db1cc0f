"""Permission matrix, the lifecycle pages (moves, versions, comparison, amendments) and the
accountability briefs: every role × agreement stage × visibility × URL (× move) answers as
tests/permissions/matrix.py says. 0 unexpected allows."""

import pytest

from agreements.lifecycle import AGREEMENT_TRANSITIONS, AMENDMENT_TRANSITIONS
from agreements.models import Agreement
from tests.permissions.matrix import (
    AGREEMENT_MOVES,
    AMENDMENT_MOVES,
    LIFECYCLE_URLS,
    ROLES,
    TRANSITION_TARGETS,
)
from tests.permissions.matrix_runner import matrix_differences

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_as_the_matrix_says_when_role_requests(role, world):
    wrong = matrix_differences(world=world, role=role, urls=LIFECYCLE_URLS)
    assert not wrong, f"{len(wrong)} cells differ:\n" + "\n".join(wrong)


def test_agreements_are_unchanged_when_every_role_has_requested(world):
    for (stage, _visibility), agreement in world.agreements.items():
        assert Agreement.objects.get(pk=agreement.pk).state == stage.partition("+")[0]


def test_matrix_knows_every_move_when_lifecycle_table_is_read():
    """A move added to the lifecycle must be added to the matrix (and requested by it)."""
    assert {(t.source, t.target) for t in AGREEMENT_TRANSITIONS} == AGREEMENT_MOVES
    assert {(t.source, t.target) for t in AMENDMENT_TRANSITIONS} == AMENDMENT_MOVES
    requested = {
        (source, target) for source, targets in TRANSITION_TARGETS.items() for target in targets
    }
    assert requested >= AGREEMENT_MOVES
