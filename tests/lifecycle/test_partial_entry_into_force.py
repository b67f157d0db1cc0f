"""A multilateral agreement may come into force for the parties that signed (the registrar's
flag), a party may sign later without a new version, and the page says "signed by N of M"."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from agreements.lifecycle import TransitionError
from agreements.models import Party, Signature
from agreements.services.signatures import signature_record_later, version_signature_status
from tests.factories import (
    OrganizationFactory,
    UserFactory,
    agreement_into_force,
    agreement_ready,
    amendment_signed,
)

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2022, 1, 10)


def multilateral(*, parties=3, unsigned=1, flagged=True):
    """An agreement ready for entry into force whose last `unsigned` parties have not signed;
    parties are named "Province 1", "Province 2", ..."""
    agreement = agreement_ready(
        parties=parties, responsibilities=2, in_force_for_signatories_only=flagged
    )
    for index, party in enumerate(agreement.parties.order_by("sort_order")):
        organization = party.organization
        organization.name_en, organization.name_fr = (
            f"Province {index + 1}",
            f"Province {index + 1}",
        )
        organization.save()
        if index >= parties - unsigned:
            party.signed_date = None
            party.save()
    return agreement


def _signatures_section(client, agreement) -> str:
    html = client.get(f"/en/agreements/{agreement.reference}/").content.decode()
    return html.split('id="signatures-heading"')[1].split("</section>")[0]


def test_multilateral_comes_into_force_for_the_parties_that_signed_when_flagged(client, registrar):
    agreement = agreement_into_force(multilateral(), by=registrar)
    version = agreement.versions.get()
    assert agreement.state == agreement.State.IN_FORCE
    assert sorted(
        Signature.objects.filter(version=version).values_list("organization__name_en", flat=True)
    ) == ["Province 1", "Province 2"]
    section = _signatures_section(client, agreement)
    assert "Signed by 2 of 3 parties." in section
    in_force_for = section.split('id="in-force-for">')[1].split("</p>")[0]
    assert " ".join(in_force_for.split()) == (
        "In force for the parties that signed: Province 1; Province 2. Not signed yet: Province 3."
    )
    assert 'data-signed="false"' in section


def test_entry_into_force_refused_when_a_party_has_not_signed_and_the_flag_is_off(registrar):
    agreement = multilateral(flagged=False)
    with pytest.raises(TransitionError) as refused:
        agreement_into_force(agreement, by=registrar)
    assert refused.value.messages == [
        "Every signing party needs a signature date. Missing for: Province 3."
    ]


def test_entry_into_force_refused_when_fewer_than_two_parties_signed(registrar):
    agreement = multilateral(unsigned=2)
    with pytest.raises(TransitionError) as refused:
        agreement_into_force(agreement, by=registrar)
    assert refused.value.messages == [
        "An agreement in force for the parties that signed needs the signatures of at least 2 "
        "parties. Signed so far: 1."
    ]


def test_flag_does_not_apply_when_only_two_parties_sign(registrar):
    agreement = multilateral(parties=2, unsigned=1)
    with pytest.raises(TransitionError) as refused:
        agreement_into_force(agreement, by=registrar)
    assert refused.value.messages == [
        "Every signing party needs a signature date. Missing for: Province 2."
    ]


def test_observer_is_not_counted_when_signatures_are_counted(client, registrar):
    agreement = multilateral()
    Party.objects.create(
        agreement=agreement,
        organization=OrganizationFactory(name_en="Observer Org"),
        role=Party.Role.OBSERVER,
        sort_order=9,
    )
    agreement = agreement_into_force(agreement, by=registrar)
    assert "Signed by 2 of 3 parties." in _signatures_section(client, agreement)


def test_later_signature_is_recorded_and_shown_without_a_new_version(client, registrar):
    agreement = agreement_into_force(multilateral(), by=registrar)
    late = agreement.parties.get(organization__name_en="Province 3")
    holder = str(late.signatory_position.appointments.get().person)

    rows = signature_record_later(party=late, by=registrar, signed_date=D(2021, 9, 1), today=TODAY)

    assert agreement.versions.count() == 1
    assert [(r.party_id, r.position_id, r.holder_name, r.signed_date, r.later) for r in rows] == [
        (late.pk, late.signatory_position_id, holder, D(2021, 9, 1), True)
    ]
    late.refresh_from_db()
    assert late.signed_date == D(2021, 9, 1)
    section = _signatures_section(client, agreement)
    assert "Signed by 3 of 3 parties." in section
    assert 'id="in-force-for"' not in section
    assert 'data-later="true"' in section
    assert holder in section
    assert "1 September 2021" in section
    assert "(signed after this version was recorded)" in section


def test_later_signature_refused_when_the_party_already_signed(registrar):
    agreement = agreement_into_force(multilateral(), by=registrar)
    signed = agreement.parties.get(organization__name_en="Province 1")
    with pytest.raises(TransitionError) as refused:
        signature_record_later(party=signed, by=registrar, signed_date=D(2021, 9, 1), today=TODAY)
    assert refused.value.messages == ["Province 1 has already signed version 1."]


def test_later_signature_refused_when_dated_before_the_version_or_after_today(registrar):
    agreement = agreement_into_force(multilateral(), by=registrar)
    late = agreement.parties.get(organization__name_en="Province 3")
    with pytest.raises(TransitionError) as early:
        signature_record_later(party=late, by=registrar, signed_date=D(2021, 3, 1), today=TODAY)
    assert early.value.messages == [
        "A later signature cannot be dated before version 1 took effect (2021-04-01)."
    ]
    with pytest.raises(TransitionError) as ahead:
        signature_record_later(party=late, by=registrar, signed_date=D(2022, 1, 11), today=TODAY)
    assert ahead.value.messages == ["A signature cannot be dated after today."]
    assert not Signature.objects.filter(later=True).exists()


def test_later_signature_refused_when_the_agreement_is_not_flagged(registrar):
    agreement = agreement_into_force(by=registrar, parties=3, responsibilities=1)
    party = agreement.parties.order_by("sort_order").last()
    with pytest.raises(TransitionError) as refused:
        signature_record_later(party=party, by=registrar, signed_date=D(2021, 9, 1), today=TODAY)
    assert refused.value.messages == [
        "This agreement is not in force for the parties that signed only: every party signed it "
        "before it came into force."
    ]


def test_later_signature_refused_when_the_user_may_not_sign(registrar):
    agreement = agreement_into_force(multilateral(), by=registrar)
    late = agreement.parties.get(organization__name_en="Province 3")
    with pytest.raises(PermissionDenied):
        signature_record_later(party=late, by=UserFactory(), signed_date=D(2021, 9, 1), today=TODAY)
    assert not Signature.objects.filter(later=True).exists()


def test_amendment_does_not_sign_for_a_party_that_has_not_signed(registrar):
    agreement = agreement_into_force(multilateral(), by=registrar)

    def reword(agreement):
        item = agreement.responsibilities.order_by("sort_order").first()
        item.text_en, item.text_fr = "Report every quarter.", "Rendre compte chaque trimestre."
        item.save()

    version = amendment_signed(agreement, by=registrar, effective_date=D(2023, 1, 1), change=reword)
    status = version_signature_status(version)
    assert (status.signed_count, status.signing_count) == (2, 3)
    assert [p["organization"]["name"]["en"] for p in status.not_signed] == ["Province 3"]
    assert agreement.parties.get(organization__name_en="Province 3").signed_date is None


@pytest.mark.parametrize("late_parties", [1, 2])
def test_later_signatures_are_read_in_one_query_whatever_their_number(
    registrar, django_assert_num_queries, late_parties
):
    agreement = agreement_into_force(multilateral(parties=4, unsigned=2), by=registrar)
    version = agreement.versions.get()
    unsigned = agreement.parties.filter(signed_date__isnull=True).order_by("sort_order")
    for party in unsigned[:late_parties]:
        signature_record_later(party=party, by=registrar, signed_date=D(2021, 9, 1), today=TODAY)
    with django_assert_num_queries(1):
        status = version_signature_status(version)
    assert status.signed_count == 2 + late_parties


def test_registrar_records_a_later_signature_on_the_lifecycle_page(registrar, registrar_client):
    from django.urls import reverse

    agreement = agreement_into_force(multilateral(), by=registrar)
    late = agreement.parties.get(organization__name_en="Province 3")
    overview = reverse("agreement_lifecycle:overview", args=[agreement.pk])
    page = " ".join(registrar_client.get(overview).content.decode().split())
    assert "Version 1 is signed by 2 of 3 parties." in page
    assert "Record the signature" in page

    url = reverse("agreement_lifecycle:later_signature", args=[agreement.pk])
    response = registrar_client.post(url, {"party": late.pk, "signed_date": "2021-09-01"})

    assert response.status_code == 302
    assert list(Signature.objects.filter(later=True).values_list("party_id", "signed_date")) == [
        (late.pk, D(2021, 9, 1))
    ]
    page = " ".join(registrar_client.get(overview).content.decode().split())
    assert "Version 1 is signed by 3 of 3 parties." in page
    assert "Record the signature" not in page


def test_later_signature_form_refuses_a_party_that_already_signed(registrar, registrar_client):
    from django.urls import reverse

    agreement = agreement_into_force(multilateral(), by=registrar)
    signed = agreement.parties.get(organization__name_en="Province 1")
    url = reverse("agreement_lifecycle:later_signature", args=[agreement.pk])

    response = registrar_client.post(
        url, {"party": signed.pk, "signed_date": "2021-09-01"}, follow=True
    )

    assert "Select a valid choice." in response.content.decode()
    assert not Signature.objects.filter(later=True).exists()
