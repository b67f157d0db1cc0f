"""Every history row names who acted: web requests, commands and services alike."""

import pytest
from django.urls import reverse

from agreements.models import Agreement, GovernanceBody
from jurisdictions.models import Jurisdiction
from registry.audit import acting_as, attribute
from tests.factories import (
    AgreementFactory,
    GovernanceBodyFactory,
    JurisdictionFactory,
    PositionFactory,
    ServiceAreaFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return UserFactory(username="liaison-officer")


# --- Web requests (HistoryRequestMiddleware) ------------------------------------------------------


@pytest.mark.urls("tests.audit.urls")
def test_request_user_recorded_when_change_made_through_web_request(client, officer):
    jurisdiction = JurisdictionFactory(name_en="Province of New Brunswick")
    client.force_login(officer)

    response = client.post(
        reverse("rename-jurisdiction", args=[jurisdiction.pk]), {"name_en": "New Brunswick"}
    )

    assert response.status_code == 204
    latest = jurisdiction.history.latest()
    assert (latest.history_type, latest.name_en, latest.history_user) == (
        "~",
        "New Brunswick",
        officer,
    )


@pytest.mark.urls("tests.audit.urls")
def test_no_user_recorded_when_web_request_is_anonymous(client):
    jurisdiction = JurisdictionFactory()

    client.post(reverse("rename-jurisdiction", args=[jurisdiction.pk]), {"name_en": "Renamed"})

    latest = jurisdiction.history.latest()
    assert (latest.name_en, latest.history_user) == ("Renamed", None)


# --- Commands, tasks and services (acting_as) -----------------------------------------------------


def import_jurisdictions(names: list[str]) -> None:
    """Stands for a management command or task: writes outside any request."""
    for index, name in enumerate(names):
        JurisdictionFactory(name_en=name, slug=f"imported-{index}")


def test_acting_user_recorded_when_writes_run_inside_acting_as(officer):
    with acting_as(officer):
        import_jurisdictions(["Nova Scotia", "British Columbia"])

    records = Jurisdiction.history.filter(history_type="+")
    assert [(r.name_en, r.history_user) for r in records.order_by("name_en")] == [
        ("British Columbia", officer),
        ("Nova Scotia", officer),
    ]


def test_no_user_recorded_when_write_follows_acting_as_block(officer):
    with acting_as(officer):
        import_jurisdictions(["Nova Scotia"])
    after = JurisdictionFactory(name_en="Manitoba")

    assert after.history.get().history_user is None


def test_outer_user_restored_when_acting_as_blocks_nest(officer):
    batch_user = UserFactory(username="nightly-import")
    with acting_as(batch_user):
        with acting_as(officer):
            inner = JurisdictionFactory(name_en="Inner")
        outer = JurisdictionFactory(name_en="Outer")

    assert inner.history.get().history_user == officer
    assert outer.history.get().history_user == batch_user


def test_outer_user_restored_when_acting_as_block_raises(officer):
    batch_user = UserFactory(username="nightly-import")
    with acting_as(batch_user):
        with pytest.raises(RuntimeError), acting_as(officer):
            raise RuntimeError("import failed")
        after = JurisdictionFactory()

    assert after.history.get().history_user == batch_user


# --- One instance (attribute) ---------------------------------------------------------------------


def test_user_and_reason_recorded_when_instance_attributed(officer):
    agreement = AgreementFactory()
    agreement.title_en = "Medicare card services delivery agreement"
    attribute(agreement, user=officer, reason="title corrected after legal review")
    agreement.save()

    latest = agreement.history.latest()
    assert (latest.title_en, latest.history_user, latest.history_change_reason) == (
        "Medicare card services delivery agreement",
        officer,
        "title corrected after legal review",
    )


def test_no_reason_recorded_when_instance_attributed_without_one(officer):
    agreement = AgreementFactory.build()
    attribute(agreement, user=officer)
    agreement.save()

    record = agreement.history.get()
    assert (record.history_user, record.history_change_reason) == (officer, None)


def test_attributed_user_wins_when_inside_acting_as(officer):
    reviewer = UserFactory(username="minister-office")
    agreement = AgreementFactory()
    with acting_as(officer):
        attribute(agreement, user=reviewer, reason="approved")
        agreement.save()

    assert agreement.history.latest().history_user == reviewer


# --- Many-to-many changes -------------------------------------------------------------------------


def test_service_area_changes_recorded_when_added_and_removed(officer):
    agreement = AgreementFactory()
    vital_statistics = ServiceAreaFactory(slug="vital-statistics", name_en="Vital statistics")
    health_cards = ServiceAreaFactory(slug="health-cards", name_en="Health cards")

    with acting_as(officer):
        agreement.service_areas.add(vital_statistics, health_cards)
    added = agreement.history.latest()
    with acting_as(officer):
        agreement.service_areas.remove(vital_statistics)
    removed = agreement.history.latest()

    assert (added.history_type, added.history_user) == ("~", officer)
    assert set(added.service_areas.values_list("servicearea_id", flat=True)) == {
        vital_statistics.pk,
        health_cards.pk,
    }
    assert list(removed.service_areas.values_list("servicearea_id", flat=True)) == [health_cards.pk]
    assert Agreement.history.filter(id=agreement.pk).count() == 3


def test_member_changes_recorded_when_governance_body_membership_changes(officer):
    body = GovernanceBodyFactory()
    chair, member = PositionFactory(), PositionFactory()

    with acting_as(officer):
        body.members.set([chair, member])
        body.members.remove(member)

    records = GovernanceBody.history.filter(id=body.pk).order_by("history_date", "history_id")
    membership = [
        (r.history_type, r.history_user, sorted(r.members.values_list("position_id", flat=True)))
        for r in records
    ]
    assert membership == [
        ("+", None, []),
        ("~", officer, sorted([chair.pk, member.pk])),
        ("~", officer, [chair.pk]),
    ]
