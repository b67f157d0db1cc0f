"""Per-row permission checks on a listing cost a fixed number of queries (guardian's
prefetch_perms), however many rows."""

import pytest

from agreements.models import Agreement, Amendment
from agreements.permissions import Action, AgreementAccess
from tests.permissions.builders import agreement_in, cast

pytestmark = pytest.mark.django_db

# is_registrar, the user's object permissions, their groups' object permissions, and the open
# amendments of the agreements in force.
QUERIES_PER_LISTING = 4


def agreements(people, count: int) -> list[Agreement]:
    rows = []
    states = list(Agreement.State)
    for index in range(count):
        agreement = agreement_in(
            states[index % len(states)],
            Agreement.Visibility.PUBLIC,
            cast=people,
            reference=f"LQ-{index:03d}",
        )
        if agreement.state == Agreement.State.IN_FORCE and index % 2:
            Amendment.objects.create(
                agreement=agreement,
                number=1,
                title_en="A change",
                opened_by=people.users["registrar"],
            )
        rows.append(agreement)
    return list(Agreement.objects.filter(pk__in=[a.pk for a in rows]))


@pytest.mark.parametrize("count", [3, 24])
@pytest.mark.parametrize("role", ["liaison_party", "minister_portfolio", "liaison_other"])
def test_listing_checks_cost_fixed_queries_when_rows_grow(
    role, count, django_assert_max_num_queries
):
    people = cast()
    rows = agreements(people, count)
    with django_assert_max_num_queries(QUERIES_PER_LISTING):
        access = AgreementAccess(people.users[role], rows)
        answers = [access.actions(agreement) for agreement in rows]
    assert len(answers) == count
    if role == "liaison_other":
        assert all(not actions for actions in answers)
    else:
        assert all(Action.VIEW in actions for actions in answers)


def test_registrar_listing_costs_at_most_two_queries_when_rows_grow(
    django_assert_max_num_queries,
):
    people = cast()
    rows = agreements(people, 16)
    with django_assert_max_num_queries(2):
        access = AgreementAccess(people.users["registrar"], rows)
        assert all(access.can(Action.CHANGE, agreement) for agreement in rows)
