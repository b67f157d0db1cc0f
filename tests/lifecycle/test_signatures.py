"""Signatures per party, per version: a party may sign through several offices, every version
records its own signatures (holders as on its signing day), and approval checks signatories."""

import datetime

import pytest
from django.apps import apps

from agreements import lifecycle
from agreements.lifecycle import TransitionError
from agreements.models import AgreementVersion, Signature
from agreements.services import amendments as amendment_services
from agreements.services import lifecycle as services
from agreements.services.signatures import signature_status, snapshot_party_signatures
from tests.factories import (
    AppointmentFactory,
    OrganizationFactory,
    PartyFactory,
    PersonFactory,
    PositionFactory,
    SignatoryFactory,
    agreement_into_force,
    agreement_ready,
    amendment_signed,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def office(organization, title_en, title_fr, *holders):
    """A position with its holders: (given name, family name, start, end)."""
    position = PositionFactory(organization=organization, title_en=title_en, title_fr=title_fr)
    for given, family, start, end in holders:
        AppointmentFactory(
            position=position,
            person=PersonFactory(given_name=given, family_name=family),
            start_date=start,
            end_date=end,
        )
    return position


def reword(agreement, text):
    def change(agreement):
        item = agreement.responsibilities.order_by("sort_order", "pk").first()
        item.text_en, item.text_fr = text, f"{text} (fr)"
        item.save()

    return change


@pytest.fixture
def gas_tax(registrar):
    """New Brunswick signs through two ministers; the Minister of Finance changes on 1 January
    2023. Version 1 signed 15 March 2021, version 2 on 1 June 2023, version 3 on 3 June 2024."""
    agreement = agreement_ready(parties=2, responsibilities=2)
    nb = agreement.parties.order_by("sort_order").first()
    nb.signatory_position = office(
        nb.organization,
        "Minister of Finance",
        "Ministre des Finances",
        ("Claire", "Arsenault", D(2015, 1, 1), D(2022, 12, 31)),
        ("Marc", "Thériault", D(2023, 1, 1), None),
    )
    nb.save()
    SignatoryFactory(
        party=nb,
        position=office(
            nb.organization,
            "Minister of Environment",
            "Ministre de l’Environnement",
            ("Jeff", "Carr", D(2015, 1, 1), None),
        ),
    )
    agreement = agreement_into_force(agreement, by=registrar)
    amendment_signed(
        agreement,
        by=registrar,
        effective_date=D(2023, 7, 1),
        signed_date=D(2023, 6, 1),
        change=reword(agreement, "Report twice a year."),
    )
    amendment_signed(
        agreement,
        by=registrar,
        effective_date=D(2024, 7, 1),
        signed_date=D(2024, 6, 3),
        change=reword(agreement, "Report every quarter."),
    )
    return agreement, nb


def _rows(version, party):
    return [
        (row.position.title_en, row.holder_name, row.signed_date, row.later)
        for row in Signature.objects.filter(version=version, party=party).order_by("sort_order")
    ]


def test_party_signs_through_both_ministers_when_it_has_an_additional_signatory(gas_tax):
    agreement, nb = gas_tax
    version = agreement.versions.get(number=1)
    assert _rows(version, nb) == [
        ("Minister of Finance", "Claire Arsenault", D(2021, 3, 15), False),
        ("Minister of Environment", "Jeff Carr", D(2021, 3, 15), False),
    ]
    snapshot_party = next(p for p in version.snapshot["parties"] if p["id"] == nb.pk)
    assert [
        (item["signatory"]["title"]["fr"], item["signatory"]["holders"][0]["name"])
        for item in snapshot_party["signatures"]
    ] == [
        ("Ministre des Finances", "Claire Arsenault"),
        ("Ministre de l’Environnement", "Jeff Carr"),
    ]


def test_version_three_records_its_own_signatures_when_an_amendment_is_signed(gas_tax):
    agreement, nb = gas_tax
    assert _rows(agreement.versions.get(number=3), nb) == [
        ("Minister of Finance", "Marc Thériault", D(2024, 6, 3), False),
        ("Minister of Environment", "Jeff Carr", D(2024, 6, 3), False),
    ]
    assert _rows(agreement.versions.get(number=2), nb)[0] == (
        "Minister of Finance",
        "Marc Thériault",
        D(2023, 6, 1),
        False,
    )
    # Version 1 keeps the 2021 signatures.
    assert _rows(agreement.versions.get(number=1), nb)[0][1:3] == (
        "Claire Arsenault",
        D(2021, 3, 15),
    )


def test_every_signing_party_signs_each_version_when_amended(gas_tax):
    agreement, _nb = gas_tax
    counts = [
        Signature.objects.filter(version__agreement=agreement, version__number=n).count()
        for n in (1, 2, 3)
    ]
    assert counts == [3, 3, 3]
    status = signature_status(agreement.versions.get(number=3).snapshot)
    assert (status.signed_count, status.signing_count, status.partial) == (2, 2, False)


def test_page_shows_each_versions_own_signatures_when_versions_are_browsed(client, gas_tax):
    agreement, _nb = gas_tax
    current = client.get(f"/en/agreements/{agreement.reference}/").content.decode()
    first = client.get(f"/en/agreements/{agreement.reference}/versions/1/").content.decode()
    current_signatures = current.split('id="signatures-heading"')[1]
    first_signatures = first.split('id="signatures-heading"')[1]
    assert "Marc Thériault" in current_signatures
    assert "3 June 2024" in current_signatures
    assert "Claire Arsenault" not in current_signatures
    assert "Claire Arsenault" in first_signatures
    assert "15 March 2021" in first_signatures
    assert "Marc Thériault" not in first_signatures
    assert current_signatures.count("Jeff Carr") == 1
    assert "Signed by 2 of 2 parties." in current_signatures


def test_approval_refused_when_a_signing_party_has_no_signatory(registrar):
    agreement = agreement_ready(parties=2, responsibilities=1)
    party = agreement.parties.order_by("sort_order").last()
    party.signatory_position = None
    party.save()
    agreement = services.agreement_open_negotiation(agreement=agreement, by=registrar)
    agreement = services.agreement_submit_for_review(agreement=agreement, by=registrar)
    with pytest.raises(TransitionError) as refused:
        lifecycle.check(agreement, to=lifecycle.State.APPROVED)
    assert str(lifecycle.SIGNATORY_MISSING.format(parties=party.organization)) in (
        refused.value.messages
    )


def test_amendment_approval_refused_when_a_joining_party_has_no_signatory(registrar):
    agreement = agreement_into_force(by=registrar, responsibilities=1)
    amendment = amendment_services.amendment_open(agreement=agreement, by=registrar, title_en="A")
    amendment = amendment_services.amendment_start_negotiation(amendment=amendment, by=registrar)
    organization = OrganizationFactory(name_en="Town of Riverview")
    PartyFactory(agreement=agreement, organization=organization, sort_order=9)
    amendment = amendment_services.amendment_submit_for_review(amendment=amendment, by=registrar)
    with pytest.raises(TransitionError) as refused:
        lifecycle.check_amendment(amendment, to=lifecycle.AmendmentState.APPROVED)
    assert (
        "Every signing party needs a signatory position. Missing for: Town of Riverview."
        in refused.value.messages
    )


def test_schema_one_snapshot_reads_its_one_signatory_when_it_has_no_signatures_key():
    signatory = {"id": 4, "title": {"en": "Minister", "fr": "Ministre"}, "holders": []}
    old = {"signs": True, "signatory": signatory, "signed_date": "2018-05-02"}
    assert snapshot_party_signatures(old) == [{"signatory": signatory, "signed_date": "2018-05-02"}]
    assert snapshot_party_signatures({**old, "signed_date": None}) == []
    assert snapshot_party_signatures({**old, "signs": False}) == []


def test_data_migration_turns_each_versions_parties_into_signatures(registrar):
    from importlib import import_module

    migration = import_module("agreements.migrations.0013_version_signatures")
    agreement = agreement_into_force(by=registrar, responsibilities=1)
    version = agreement.versions.get()
    first, second = agreement.parties.order_by("sort_order")
    # A version signed before signatures had rows: its snapshot has no "signatures" key.
    old_snapshot = {
        **version.snapshot,
        "schema": 1,
        "parties": [
            {key: value for key, value in party.items() if key != "signatures"}
            for party in version.snapshot["parties"]
        ],
    }
    old = AgreementVersion(
        agreement=agreement,
        number=2,
        kind=AgreementVersion.Kind.ORIGINAL,
        effective_date=D(2022, 4, 1),
        created_by=registrar,
        snapshot=old_snapshot,
        snapshot_sha256="0" * 64,
    )
    old.save()
    Signature.objects.all().delete()

    migration.signatures_from_versions(apps, None)

    rows = [
        (row.version.number, row.party_id, row.position_id, row.signed_date, row.holder_name)
        for row in Signature.objects.order_by("version__number", "sort_order")
    ]
    holder = {
        party.pk: str(party.signatory_position.appointments.get().person)
        for party in (first, second)
    }
    assert rows == [
        (1, first.pk, first.signatory_position_id, D(2021, 3, 15), holder[first.pk]),
        (1, second.pk, second.signatory_position_id, D(2021, 3, 15), holder[second.pk]),
        (2, first.pk, first.signatory_position_id, D(2021, 3, 15), holder[first.pk]),
        (2, second.pk, second.signatory_position_id, D(2021, 3, 15), holder[second.pk]),
    ]
    history = apps.get_model("agreements", "HistoricalSignature").objects
    migrated = history.filter(history_change_reason="migrated from the version's snapshot")
    assert sorted(migrated.values_list("id", flat=True)) == sorted(
        Signature.objects.values_list("pk", flat=True)
    )
    assert old.snapshot == old_snapshot  # the version itself is untouched


def test_registrar_adds_a_second_signatory_on_the_party_page(registrar_client):
    from django.urls import reverse

    from tests.admin.conftest import edit_form_data

    agreement = agreement_ready(parties=2, responsibilities=1)
    party = agreement.parties.order_by("sort_order").first()
    second = office(
        party.organization,
        "Minister of Environment",
        "Ministre de l’Environnement",
        ("Jeff", "Carr", D(2015, 1, 1), None),
    )
    url = reverse("parties:edit", args=[party.pk])
    data = edit_form_data(registrar_client, url)
    assert data["additional_signatories-TOTAL_FORMS"] == "0"
    data.update(
        {
            "additional_signatories-TOTAL_FORMS": "1",
            "additional_signatories-0-id": "",
            "additional_signatories-0-position": str(second.pk),
            "additional_signatories-0-ORDER": "1",
            "additional_signatories-0-DELETE": "",
        }
    )

    response = registrar_client.post(url, data)

    assert response.status_code == 302
    assert [row.position.title_en for row in party.additional_signatories.all()] == [
        "Minister of Environment"
    ]
    assert party.additional_signatories.get().history.get().history_type == "+"


def test_registrar_sets_in_force_for_signatories_only_on_the_agreement_form(registrar_client):
    from django.urls import reverse

    from tests.admin.conftest import edit_form_data

    agreement = agreement_ready(parties=3, responsibilities=1)
    url = reverse("agreements:edit", args=[agreement.pk])
    data = edit_form_data(registrar_client, url)
    assert "in_force_for_signatories_only" not in data
    data["in_force_for_signatories_only"] = "on"

    assert registrar_client.post(url, data).status_code == 302
    agreement.refresh_from_db()
    assert agreement.in_force_for_signatories_only is True


def test_withdrawing_an_amendment_restores_the_additional_signatories(registrar):
    agreement = agreement_ready(parties=2, responsibilities=1)
    party = agreement.parties.order_by("sort_order").first()
    kept = SignatoryFactory(party=party)
    agreement = agreement_into_force(agreement, by=registrar)
    amendment = amendment_services.amendment_open(agreement=agreement, by=registrar, title_en="A")
    amendment = amendment_services.amendment_start_negotiation(amendment=amendment, by=registrar)
    position = kept.position
    kept.delete()
    SignatoryFactory(party=party)  # another office added under the amendment

    amendment_services.amendment_withdraw(amendment=amendment, by=registrar)

    assert list(party.additional_signatories.values_list("position_id", flat=True)) == [position.pk]


def test_additional_signatory_position_is_public_once_a_published_version_records_it(gas_tax):
    from agreements.published_read_model import read_model_refresh
    from cms.public_positions import public_positions

    agreement, nb = gas_tax
    read_model_refresh([agreement.pk])  # what the signing services schedule on commit
    environment = nb.additional_signatories.get().position
    unsigned = PositionFactory(organization=nb.organization, title_en="Deputy Minister")
    public = set(public_positions(today=D(2025, 1, 1)).values_list("title_en", flat=True))
    assert environment.title_en in public
    assert unsigned.title_en not in public
