"""What the workspace tests share: the accountability world (tests.factories), the people who
look at it (a minister's office, a party's liaison officer and an outsider's), a frozen today,
and `grow`, which adds agreements so query counts can be compared at two data sizes.

`frozen_today` is not automatic: the modules that need it name it (test_matrix.py and
test_reports.py for all their tests, test_panels.py for the admin home's)."""

import datetime

import pytest
from django.utils import timezone

from agreements.recurrence import Recurrence
from agreements.services.parties import agreement_grants_sync
from tests.factories import (
    AgreementFactory,
    PartyFactory,
    PositionFactory,
    ResponsibilityFactory,
    accountability_world,
)

TODAY = datetime.date(2025, 1, 15)


@pytest.fixture
def frozen_today(monkeypatch):
    original = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else original(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY


@pytest.fixture
def world(registrar):
    return accountability_world(by=registrar)


@pytest.fixture
def minister(world, minister_office_of):
    return minister_office_of(world["ministry"], username="minister-office")


@pytest.fixture
def party_liaison(world, liaison_officer_of):
    return liaison_officer_of(world["department"], username="party-liaison")


@pytest.fixture
def outsider_liaison(world, liaison_officer_of):
    return liaison_officer_of(world["outsider"], username="outsider-liaison")


def grow(world, count, *, organization=None, prefix="WS-MORE"):
    """`count` more agreements in force of the branch (or of `organization`), each with a
    quarterly obligation overdue since 2024 and a one-off due on 2025-02-10 (within the next 30
    days), both owned by a vacant position and expiring on 2025-04-30; and `count // 10` more agreements under review with the
    branch as a signing party, awaiting the ministry's office. All visible to the ministry's
    office, so that every panel and report has more rows at 200 than at 10."""
    organization = organization or world["branch"]
    for number in range(count):
        agreement = AgreementFactory(
            in_force=True,
            reference=f"{prefix}-{number:03d}",
            expiry_date=datetime.date(2025, 4, 30),
        )
        party = PartyFactory(agreement=agreement, organization=organization)
        owner = PositionFactory(organization=organization)
        ResponsibilityFactory(
            agreement=agreement,
            responsible_party=party,
            accountability_owner=owner,
            recurrence=Recurrence.QUARTERLY,
            recurrence_anchor=datetime.date(2024, 3, 31),
        )
        ResponsibilityFactory(
            agreement=agreement,
            responsible_party=party,
            accountability_owner=owner,
            due_date=datetime.date(2025, 2, 10),
        )
        agreement_grants_sync(agreement=agreement)
    for number in range(count // 10):
        agreement = AgreementFactory(state="review", reference=f"WS-PENDING-{number:03d}")
        PartyFactory(agreement=agreement, organization=organization)
        agreement_grants_sync(agreement=agreement)
