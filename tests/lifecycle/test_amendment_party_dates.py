"""Each party signs an amendment on its own day: the version records every party's date (with
who held its signatory office that day), a date after the last party's or after today is
refused, and in an agreement in force for the parties that signed a party may leave the
amendment unsigned and sign it later (UN-style)."""

import datetime

import pytest
from django.urls import reverse

from agreements.lifecycle import TransitionError
from agreements.models import Amendment, Signature
from agreements.services import amendments as services
from agreements.services.signatures import (
    AMENDMENT_LAST_NOT_A_PARTY_DATE,
    AMENDMENT_PARTY_AFTER_LAST,
    AMENDMENT_PARTY_MUST_SIGN,
    LATER_DATE_IN_FUTURE,
    signature_record_later,
    version_signature_status,
)
from tests.factories import AppointmentFactory, PersonFactory, agreement_into_force
from tests.lifecycle.test_partial_entry_into_force import multilateral

pytestmark = pytest.mark.django_db

D = datetime.date
EARLY, LAST, EFFECTIVE = D(2022, 12, 20), D(2023, 1, 10), D(2023, 2, 1)


def approved_amendment(agreement, *, by) -> Amendment:
    amendment = services.amendment_open(agreement=agreement, by=by, title_en="Weekend hours")
    amendment = services.amendment_start_negotiation(amendment=amendment, by=by)
    item = agreement.responsibilities.order_by("sort_order", "pk").first()
    item.text_en = "Open on Saturdays too."
    item.save()
    amendment = services.amendment_submit_for_review(amendment=amendment, by=by)
    return services.amendment_approve(amendment=amendment, by=by)


@pytest.fixture
def bilateral(registrar):
    """An agreement in force whose first party's signatory office changed hands on 2023-01-01:
    Anne Arsenault until 2022-12-31, Blaine Comeau from then."""
    agreement = agreement_into_force(by=registrar)
    first = agreement.parties.order_by("sort_order").first()
    held = first.signatory_position.appointments.get()
    held.person.given_name, held.person.family_name = "Anne", "Arsenault"
    held.person.save()
    held.end_date = D(2022, 12, 31)
    held.save()
    AppointmentFactory(
        position=first.signatory_position,
        person=PersonFactory(given_name="Blaine", family_name="Comeau"),
        start_date=D(2023, 1, 1),
    )
    return agreement


def _parties(agreement):
    return list(agreement.parties.select_related("organization").order_by("sort_order"))


def _signed_rows(version):
    return list(
        Signature.objects.filter(version=version)
        .order_by("sort_order")
        .values_list("organization__name_en", "signed_date", "holder_name")
    )


def test_each_party_signs_on_its_own_day_with_that_days_holder(bilateral, registrar):
    first, second = _parties(bilateral)
    amendment = approved_amendment(bilateral, by=registrar)

    version = services.amendment_sign(
        amendment=amendment,
        by=registrar,
        signed_date=LAST,
        effective_date=EFFECTIVE,
        party_dates={first.pk: EARLY},
    )

    by_party = {p["id"]: p["signatures"] for p in version.snapshot["parties"]}
    assert [s["signed_date"] for s in by_party[first.pk]] == ["2022-12-20"]
    assert [h["name"] for h in by_party[first.pk][0]["signatory"]["holders"]] == ["Anne Arsenault"]
    assert [s["signed_date"] for s in by_party[second.pk]] == ["2023-01-10"]
    rows = _signed_rows(version)
    assert rows[0] == (first.organization.name_en, EARLY, "Anne Arsenault")
    assert rows[1][:2] == (second.organization.name_en, LAST)
    assert version.amendment.signed_date == LAST
    # Version 1 keeps its own signatures, from the original signing.
    assert {row[1] for row in _signed_rows(bilateral.versions.get(number=1))} == {D(2021, 3, 15)}


def test_without_party_dates_every_party_signs_on_the_last_day(bilateral, registrar):
    amendment = approved_amendment(bilateral, by=registrar)
    version = services.amendment_sign(
        amendment=amendment, by=registrar, signed_date=LAST, effective_date=EFFECTIVE
    )
    rows = _signed_rows(version)
    assert [row[1] for row in rows] == [LAST, LAST]
    assert rows[0][2] == "Blaine Comeau"


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (
            lambda first, second: {first.pk: D(2023, 1, 11)},
            lambda first, second: AMENDMENT_PARTY_AFTER_LAST.format(
                party=first.organization, day="2023-01-11", last="2023-01-10"
            ),
        ),
        (
            lambda first, second: {first.pk: EARLY, second.pk: D(2023, 1, 5)},
            lambda first, second: AMENDMENT_LAST_NOT_A_PARTY_DATE.format(day="2023-01-05"),
        ),
        (
            lambda first, second: {second.pk: None},
            lambda first, second: AMENDMENT_PARTY_MUST_SIGN.format(party=second.organization),
        ),
    ],
    ids=["after-the-last", "last-matches-no-party", "bilateral-party-unsigned"],
)
def test_refused_party_dates_record_nothing(bilateral, registrar, dates, expected):
    first, second = _parties(bilateral)
    amendment = approved_amendment(bilateral, by=registrar)

    with pytest.raises(TransitionError) as refused:
        services.amendment_sign(
            amendment=amendment,
            by=registrar,
            signed_date=LAST,
            effective_date=EFFECTIVE,
            party_dates=dates(first, second),
        )

    assert refused.value.messages == [str(expected(first, second))]
    assert Amendment.objects.get(pk=amendment.pk).state == Amendment.State.APPROVED
    assert bilateral.versions.count() == 1


def test_a_party_date_after_today_is_refused(bilateral, registrar):
    first, _second = _parties(bilateral)
    amendment = approved_amendment(bilateral, by=registrar)
    with pytest.raises(TransitionError) as refused:
        services.amendment_sign(
            amendment=amendment,
            by=registrar,
            signed_date=D(2999, 1, 2),
            effective_date=D(2030, 1, 1),
            party_dates={first.pk: D(2999, 1, 1)},
        )
    assert str(LATER_DATE_IN_FUTURE) in refused.value.messages
    assert bilateral.versions.count() == 1


def test_multilateral_party_signs_the_amendment_later(registrar):
    agreement = agreement_into_force(multilateral(unsigned=0), by=registrar)
    one, two, three = _parties(agreement)
    amendment = approved_amendment(agreement, by=registrar)

    version = services.amendment_sign(
        amendment=amendment,
        by=registrar,
        signed_date=LAST,
        effective_date=EFFECTIVE,
        party_dates={one.pk: EARLY, three.pk: None},
    )

    status = version_signature_status(version)
    assert (status.signed_count, status.signing_count) == (2, 3)
    assert [p["organization"]["name"]["en"] for p in status.not_signed] == ["Province 3"]
    assert [row[:2] for row in _signed_rows(version)] == [
        ("Province 1", EARLY),
        ("Province 2", LAST),
    ]

    signature_record_later(party=three, by=registrar, signed_date=D(2023, 3, 1))

    status = version_signature_status(version)
    assert status.all_signed
    assert [line.signed_date for line in status.parties[2].lines] == [D(2023, 3, 1)]


# --- the admin's "Sign" form -------------------------------------------------------------------


def _sign_url(amendment):
    return reverse(
        "agreement_lifecycle:amendment_transition",
        args=(amendment.agreement_id, amendment.number, Amendment.State.SIGNED),
    )


def test_admin_records_each_partys_day(bilateral, registrar, registrar_client):
    first, second = _parties(bilateral)
    amendment = approved_amendment(bilateral, by=registrar)
    prefix = f"{Amendment.State.APPROVED}-{Amendment.State.SIGNED}"

    page = registrar_client.get(reverse("agreement_lifecycle:overview", args=(bilateral.pk,)))
    assert f"Signed by {first.organization} on" in page.content.decode()

    response = registrar_client.post(
        _sign_url(amendment),
        {
            f"{prefix}-signed_date": "2023-01-10",
            f"{prefix}-effective_date": "2023-02-01",
            f"{prefix}-party_{first.pk}_signed_date": "2022-12-20",
        },
    )

    assert response.status_code == 302
    version = bilateral.versions.get(number=2)
    assert [row[1] for row in _signed_rows(version)] == [EARLY, LAST]


def test_admin_keeps_the_typed_days_when_refused(bilateral, registrar, registrar_client):
    first, _second = _parties(bilateral)
    amendment = approved_amendment(bilateral, by=registrar)
    prefix = f"{Amendment.State.APPROVED}-{Amendment.State.SIGNED}"

    response = registrar_client.post(
        _sign_url(amendment),
        {
            f"{prefix}-signed_date": "2023-01-10",
            f"{prefix}-effective_date": "2023-02-01",
            f"{prefix}-party_{first.pk}_signed_date": "2023-01-11",
        },
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert f'name="{prefix}-party_{first.pk}_signed_date" value="2023-01-11"' in html
    assert f'name="{prefix}-signed_date" value="2023-01-10"' in html
    expected = AMENDMENT_PARTY_AFTER_LAST.format(
        party=first.organization, day="2023-01-11", last="2023-01-10"
    )
    form = next(
        item["form"]
        for item in response.context["amendment_options"]
        if item["option"].transition.target == Amendment.State.SIGNED
    )
    assert form.errors == {"__all__": [expected]}
    assert Amendment.objects.get(pk=amendment.pk).state == Amendment.State.APPROVED
    assert bilateral.versions.count() == 1


def test_admin_lets_a_multilateral_party_sign_later(registrar, registrar_client):
    agreement = agreement_into_force(multilateral(unsigned=0), by=registrar)
    one, _two, three = _parties(agreement)
    amendment = approved_amendment(agreement, by=registrar)
    prefix = f"{Amendment.State.APPROVED}-{Amendment.State.SIGNED}"
    base = {f"{prefix}-signed_date": "2023-01-10", f"{prefix}-effective_date": "2023-02-01"}

    refused = registrar_client.post(
        _sign_url(amendment),
        {
            **base,
            f"{prefix}-not_signed": [str(three.pk)],
            f"{prefix}-party_{three.pk}_signed_date": "2023-01-05",
        },
    )
    assert refused.status_code == 200
    assert "This party is marked as not signed yet: leave its date empty." in (
        refused.content.decode()
    )
    assert agreement.versions.count() == 1

    response = registrar_client.post(
        _sign_url(amendment),
        {
            **base,
            f"{prefix}-not_signed": [str(three.pk)],
            f"{prefix}-party_{one.pk}_signed_date": "2022-12-20",
        },
    )

    assert response.status_code == 302
    version = agreement.versions.get(number=2)
    assert [row[:2] for row in _signed_rows(version)] == [
        ("Province 1", EARLY),
        ("Province 2", LAST),
    ]
    page = " ".join(
        registrar_client.get(f"/en/agreements/{agreement.reference}/").content.decode().split()
    )
    assert "Signed by 2 of 3 parties." in page


def test_bilateral_sign_form_has_no_not_signed_choice(bilateral, registrar, registrar_client):
    approved_amendment(bilateral, by=registrar)
    page = registrar_client.get(reverse("agreement_lifecycle:overview", args=(bilateral.pk,)))
    form = next(
        item["form"]
        for item in page.context["amendment_options"]
        if item["option"].transition.target == Amendment.State.SIGNED
    )
    first, second = _parties(bilateral)
    assert list(form.fields) == [
        "comment",
        "signed_date",
        "effective_date",
        f"party_{first.pk}_signed_date",
        f"party_{second.pk}_signed_date",
    ]
