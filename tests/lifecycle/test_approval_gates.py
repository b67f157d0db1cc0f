"""Approval gates per jurisdiction: the steps a government's parties complete before approving
(Québec: an Order in Council under Act M-30, with its number and date; its municipal bodies: a
ministerial authorisation; Canada: a Treasury Board authority), inherited by the jurisdictions
under it, and the guard messages naming what is missing."""

import datetime

import pytest
from django.utils import translation

from agreements.lifecycle import TransitionError
from agreements.models import Agreement, PartyApproval
from agreements.services import lifecycle as services
from agreements.services.approvals import StepEntry, gate_steps, party_approve
from jurisdictions.models import Jurisdiction, Organization
from tests.factories import (
    ApprovalGateFactory,
    ApprovalStepFactory,
    JurisdictionFactory,
    OrganizationFactory,
    PartyFactory,
    agreement_ready,
    agreement_under_review,
    staffed_position,
)

pytestmark = pytest.mark.django_db

State = Agreement.State
OIC_DATE = datetime.date(2024, 4, 24)


@pytest.fixture
def governments(db):
    canada = JurisdictionFactory(name_en="Canada", level=Jurisdiction.Level.NATIONAL)
    quebec = JurisdictionFactory(name_en="Québec", parent=canada)
    laval = JurisdictionFactory(name_en="Laval", parent=quebec, level=Jurisdiction.Level.MUNICIPAL)
    return {"canada": canada, "quebec": quebec, "laval": laval}


def _party(agreement, jurisdiction, name, kind=Organization.Kind.MINISTRY, sort_order=5):
    organization = OrganizationFactory(jurisdiction=jurisdiction, name_en=name, kind=kind)
    return PartyFactory(
        agreement=agreement,
        organization=organization,
        signatory_position=staffed_position(organization=organization),
        sort_order=sort_order,
    )


def _labels(steps):
    return [step.label_en for step in steps]


def test_child_jurisdiction_inherits_parent_gate(governments):
    gate = ApprovalGateFactory(jurisdiction=governments["quebec"])
    ApprovalStepFactory(gate=gate, label_en="Order in Council")
    agreement = agreement_ready()
    city = _party(agreement, governments["laval"], "City of Laval")
    province = _party(agreement, governments["quebec"], "Government of Québec", sort_order=6)
    federal = _party(agreement, governments["canada"], "Service Canada", sort_order=7)
    steps = gate_steps([city, province, federal])
    assert _labels(steps[city.pk]) == ["Order in Council"]
    assert _labels(steps[province.pk]) == ["Order in Council"]
    assert _labels(steps[federal.pk]) == []


def test_gate_kept_to_its_own_jurisdiction_when_not_inherited(governments):
    gate = ApprovalGateFactory(jurisdiction=governments["canada"], applies_to_children=False)
    ApprovalStepFactory(gate=gate, label_en="Treasury Board authority")
    agreement = agreement_ready()
    federal = _party(agreement, governments["canada"], "Service Canada")
    province = _party(agreement, governments["quebec"], "Government of Québec", sort_order=6)
    steps = gate_steps([federal, province])
    assert _labels(steps[federal.pk]) == ["Treasury Board authority"]
    assert _labels(steps[province.pk]) == []


def test_gate_limited_to_a_kind_of_organisation_and_parent_steps_first(governments):
    province_gate = ApprovalGateFactory(jurisdiction=governments["quebec"])
    ApprovalStepFactory(gate=province_gate, label_en="Order in Council")
    municipal_gate = ApprovalGateFactory(
        jurisdiction=governments["quebec"],
        organization_kind=Organization.Kind.MUNICIPAL_GOVERNMENT,
    )
    ApprovalStepFactory(gate=municipal_gate, label_en="Ministerial authorisation")
    local_gate = ApprovalGateFactory(jurisdiction=governments["laval"])
    ApprovalStepFactory(gate=local_gate, label_en="Council resolution")
    agreement = agreement_ready()
    city = _party(
        agreement, governments["laval"], "City of Laval", Organization.Kind.MUNICIPAL_GOVERNMENT
    )
    agency = _party(agreement, governments["laval"], "Laval transit agency", sort_order=6)
    steps = gate_steps([city, agency])
    assert _labels(steps[city.pk]) == [
        "Order in Council",
        "Ministerial authorisation",
        "Council resolution",
    ]
    assert _labels(steps[agency.pk]) == ["Order in Council", "Council resolution"]


@pytest.fixture
def quebec_in_review(governments, registrar, minister_office_of):
    """An agreement under review between the Government of Québec, whose gate requires an Order
    in Council (number and date), and Service Canada (no gate)."""
    gate = ApprovalGateFactory(jurisdiction=governments["quebec"])
    step = ApprovalStepFactory(gate=gate, label_en="Order in Council", label_fr="Décret")
    agreement = agreement_ready()
    quebec, canada = agreement.parties.order_by("sort_order")
    for party, jurisdiction, name, name_fr in (
        (quebec, governments["quebec"], "Government of Québec", "Gouvernement du Québec"),
        (canada, governments["canada"], "Service Canada", "Service Canada"),
    ):
        party.organization.jurisdiction = jurisdiction
        party.organization.name_en = name
        party.organization.name_fr = name_fr
        party.organization.save()
    agreement = agreement_under_review(agreement, by=registrar)
    return {
        "agreement": agreement,
        "quebec": quebec,
        "canada": canada,
        "step": step,
        "office": minister_office_of(quebec.organization),
    }


def _refusal(q, steps):
    with pytest.raises(TransitionError) as refused:
        party_approve(subject=q["agreement"], party=q["quebec"], by=q["office"], steps=steps)
    return refused.value.messages


def test_approval_refused_naming_missing_number_and_date(quebec_in_review):
    q = quebec_in_review
    assert _refusal(q, {}) == [
        "Order in Council number and date are missing for Government of Québec."
    ]
    assert not PartyApproval.objects.exists()


def test_approval_refused_naming_missing_number_or_date(quebec_in_review):
    q = quebec_in_review
    step = q["step"].pk
    assert _refusal(q, {step: StepEntry(date=OIC_DATE)}) == [
        "Order in Council number is missing for Government of Québec."
    ]
    assert _refusal(q, {step: StepEntry(reference="412-2024")}) == [
        "Order in Council date is missing for Government of Québec."
    ]


def test_guard_message_in_french(quebec_in_review):
    q = quebec_in_review
    with translation.override("fr"):
        assert _refusal(q, {}) == [
            "Décret : le numéro et la date manquent pour Gouvernement du Québec."
        ]


def test_confirmation_step_must_be_confirmed(quebec_in_review):
    q = quebec_in_review
    confirm = ApprovalStepFactory(
        gate=q["step"].gate,
        label_en="Cabinet briefing",
        reference_required=False,
        date_required=False,
        sort_order=2,
    )
    entries = {q["step"].pk: StepEntry(reference="412-2024", date=OIC_DATE)}
    assert _refusal(q, entries) == ["Cabinet briefing is not confirmed for Government of Québec."]
    approval = party_approve(
        subject=q["agreement"],
        party=q["quebec"],
        by=q["office"],
        steps={**entries, confirm.pk: StepEntry()},
    )
    assert [(s.label_en, s.reference, s.date) for s in approval.steps.all()] == [
        ("Order in Council", "412-2024", OIC_DATE),
        ("Cabinet briefing", "", None),
    ]


def test_approval_with_the_steps_records_their_references(quebec_in_review):
    q = quebec_in_review
    approval = party_approve(
        subject=q["agreement"],
        party=q["quebec"],
        by=q["office"],
        steps={q["step"].pk: StepEntry(reference=" 412-2024 ", date=OIC_DATE)},
    )
    [recorded] = approval.steps.all()
    assert (recorded.step, recorded.label_en, recorded.label_fr) == (
        q["step"],
        "Order in Council",
        "Décret",
    )
    assert (recorded.reference, recorded.date) == ("412-2024", OIC_DATE)


def test_party_without_a_gate_approves_without_steps(quebec_in_review, minister_office_of):
    q = quebec_in_review
    office = minister_office_of(q["canada"].organization)
    approval = party_approve(subject=q["agreement"], party=q["canada"], by=office)
    assert list(approval.steps.all()) == []


def test_registrar_cannot_skip_a_gate(quebec_in_review, registrar):
    q = quebec_in_review
    with pytest.raises(TransitionError) as refused:
        services.agreement_approve(agreement=q["agreement"], by=registrar)
    assert refused.value.messages == [
        "Order in Council number and date are missing for Government of Québec."
    ]
    assert not PartyApproval.objects.exists()
    assert Agreement.objects.get(pk=q["agreement"].pk).state == State.REVIEW
