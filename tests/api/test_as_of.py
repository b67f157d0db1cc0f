"""/api/v1/agreements/{reference}/as-of/{date}: the version in force that day, with that day's
holders of its accountable posts; 404 with a message before, after and in the future."""

import datetime

import pytest
from django.utils import timezone

from jurisdictions.models import Appointment
from tests.factories import AppointmentFactory, PersonFactory, amendment_signed

pytestmark = pytest.mark.django_db


@pytest.fixture
def amended(publish, registrar):
    """Version 1 from 2021-04-01 ("First wording"), version 2 from 2023-04-01 ("Second
    wording"); the first responsibility's post passes from its first holder to Bettina
    Newholder on 2022-07-01."""
    agreement = publish(title_en="First wording", title_fr="Premier libellé")
    owner = agreement.responsibilities.order_by("sort_order").first().accountability_owner
    first = Appointment.objects.get(position=owner)
    agreement.first_holder = str(first.person)  # as frozen in version 1's snapshot
    first.end_date = datetime.date(2022, 6, 30)
    first.save()
    AppointmentFactory(
        position=owner,
        start_date=datetime.date(2022, 7, 1),
        person=PersonFactory(given_name="Bettina", family_name="Newholder"),
    )

    def change(working_copy):
        working_copy.refresh_from_db()
        working_copy.title_en = "Second wording"
        working_copy.save()

    amendment_signed(
        agreement, by=registrar, effective_date=datetime.date(2023, 4, 1), change=change
    )
    return agreement


def _as_of(client, agreement, day: str):
    return client.get(f"/api/v1/agreements/{agreement.reference}/as-of/{day}")


def _first_holders(body) -> list[str]:
    return [h["name"] for h in body["responsibilities"][0]["accountable_post"]["holders"]]


def test_version_one_with_first_holder_when_date_between_start_and_handover(client, amended):
    body = _as_of(client, amended, "2022-01-15").json()
    assert (body["version"], body["title"]["en"]) == (1, "First wording")
    assert body["holders_on"] == "2022-01-15"
    assert _first_holders(body) == [amended.first_holder]
    assert body["responsibilities"][0]["accountable_post"]["holders_on"] == "2022-01-15"


def test_version_one_with_new_holder_when_date_after_handover(client, amended):
    body = _as_of(client, amended, "2023-03-31").json()
    assert (body["version"], body["title"]["en"]) == (1, "First wording")
    assert _first_holders(body) == ["Bettina Newholder"]


def test_version_two_when_date_after_amendment(client, amended):
    body = _as_of(client, amended, "2023-04-01").json()
    assert (body["version"], body["title"]["en"]) == (2, "Second wording")
    assert [v["number"] for v in body["versions"]] == [1, 2]


def test_404_with_message_when_date_before_first_version(client, amended):
    response = _as_of(client, amended, "2021-03-31")
    assert response.status_code == 404
    assert response.json() == {"message": "The agreement was not yet in force on this date."}


def test_404_with_message_when_date_after_expiry(client, publish):
    ended = publish(
        title_en="Short accord",
        effective_date=datetime.date(2021, 4, 1),
        expiry_date=datetime.date(2022, 3, 31),
    )
    assert _as_of(client, ended, "2022-03-31").json()["title"]["en"] == "Short accord"
    response = _as_of(client, ended, "2022-04-01")
    assert response.status_code == 404
    assert response.json() == {"message": "The agreement was no longer in force on this date."}


def test_404_with_message_when_date_in_future(client, amended):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = _as_of(client, amended, tomorrow.isoformat())
    assert response.status_code == 404
    assert response.json() == {"message": "Agreements are given as in force on dates up to today."}


def test_400_with_message_when_date_not_a_date(client, amended):
    response = _as_of(client, amended, "2022-13-45")
    assert response.status_code == 400
    body = response.json()
    assert body["message"] == "Some parameters are not valid."
    assert body["errors"][0]["location"] == ["path", "date"]


def test_version_by_number_shows_snapshot_holders_for_earlier_version(client, amended):
    body = client.get(f"/api/v1/agreements/{amended.reference}/versions/1").json()
    assert (body["version"], body["holders_on"]) == (1, "2021-04-01")
    assert _first_holders(body) == [amended.first_holder]
    current = client.get(f"/api/v1/agreements/{amended.reference}/versions/2").json()
    assert current["holders_on"] == timezone.localdate().isoformat()
    assert _first_holders(current) == ["Bettina Newholder"]
