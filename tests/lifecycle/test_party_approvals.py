"""Approval per signing party: an agreement (or amendment) under review is approved only when
every signing party has approved in the current round; a return by any party sends it back to
negotiation for all, with its comment; each party is decided for by its own minister's office."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied

from agreements import lifecycle
from agreements.lifecycle import TransitionError
from agreements.models import Agreement, AgreementTransition, Amendment, Party, PartyApproval
from agreements.models.approvals import parties_not_approved, review_round
from agreements.services import amendments as amendment_services
from agreements.services import lifecycle as services
from agreements.services.approvals import (
    ALREADY_DECIDED,
    NOT_A_SIGNING_PARTY,
    NOT_YOUR_PARTY,
    RETURN_COMMENT_REQUIRED,
    party_approve,
    party_return,
)
from agreements.services.parties import agreement_grants_sync
from tests.factories import (
    OrganizationFactory,
    PartyFactory,
    agreement_into_force,
    agreement_ready,
    agreement_under_review,
    staffed_position,
)

pytestmark = pytest.mark.django_db

State = Agreement.State
Decision = PartyApproval.Decision


@pytest.fixture
def two_governments(registrar, minister_office_of):
    """An agreement under review (round 1) between "Government of Québec" and "Service Canada",
    with a member of each one's minister's office."""
    agreement = agreement_ready()
    quebec, canada = agreement.parties.order_by("sort_order")
    quebec.organization.name_en = "Government of Québec"
    quebec.organization.save()
    canada.organization.name_en = "Service Canada"
    canada.organization.save()
    agreement = agreement_under_review(agreement, by=registrar)
    return {
        "agreement": agreement,
        "quebec": quebec,
        "canada": canada,
        "quebec_office": minister_office_of(quebec.organization),
        "canada_office": minister_office_of(canada.organization),
    }


def _state(agreement):
    return Agreement.objects.get(pk=agreement.pk).state


def _decisions(agreement, amendment=None):
    return sorted(
        (d.organization.name_en, d.decision, d.decided_by.username, d.round, d.comment)
        for d in PartyApproval.objects.of_subject(agreement, amendment).select_related(
            "organization", "decided_by"
        )
    )


def test_stays_in_review_when_one_of_two_parties_approved(two_governments):
    g = two_governments
    approval = party_approve(
        subject=g["agreement"], party=g["quebec"], by=g["quebec_office"], comment="OK for Québec"
    )
    assert (approval.decision, approval.round, approval.comment) == (
        Decision.APPROVED,
        1,
        "OK for Québec",
    )
    assert _state(g["agreement"]) == State.REVIEW
    assert [p.organization.name_en for p in parties_not_approved(g["agreement"])] == [
        "Service Canada"
    ]


def test_approved_when_every_signing_party_approved(two_governments):
    g = two_governments
    party_approve(subject=g["agreement"], party=g["quebec"], by=g["quebec_office"])
    party_approve(
        subject=g["agreement"], party=g["canada"], by=g["canada_office"], comment="Canada agrees"
    )
    assert _state(g["agreement"]) == State.APPROVED
    entry = AgreementTransition.objects.filter(agreement=g["agreement"]).latest("at", "pk")
    assert (entry.from_state, entry.to_state, entry.actor, entry.comment) == (
        State.REVIEW,
        State.APPROVED,
        g["canada_office"],
        "Canada agrees",
    )
    assert _decisions(g["agreement"]) == [
        ("Government of Québec", "approved", g["quebec_office"].username, 1, ""),
        ("Service Canada", "approved", g["canada_office"].username, 1, "Canada agrees"),
    ]


def test_observer_is_not_asked_to_approve(two_governments):
    g = two_governments
    observer = PartyFactory(agreement=g["agreement"], role=Party.Role.OBSERVER, sort_order=9)
    assert observer not in parties_not_approved(g["agreement"])
    party_approve(subject=g["agreement"], party=g["quebec"], by=g["quebec_office"])
    party_approve(subject=g["agreement"], party=g["canada"], by=g["canada_office"])
    assert _state(g["agreement"]) == State.APPROVED


def test_observer_cannot_decide(two_governments, registrar):
    g = two_governments
    observer = PartyFactory(agreement=g["agreement"], role=Party.Role.OBSERVER, sort_order=9)
    with pytest.raises(TransitionError) as refused:
        party_approve(subject=g["agreement"], party=observer, by=registrar)
    assert refused.value.messages == [
        NOT_A_SIGNING_PARTY.format(organization=observer.organization)
    ]


def test_return_by_one_party_sends_back_for_all_with_comment(two_governments):
    g = two_governments
    party_approve(subject=g["agreement"], party=g["quebec"], by=g["quebec_office"])
    returned = party_return(
        subject=g["agreement"],
        party=g["canada"],
        by=g["canada_office"],
        comment="Clause 4.2 needs the French text.",
    )
    assert returned.decision == Decision.RETURNED
    assert _state(g["agreement"]) == State.NEGOTIATION
    entry = AgreementTransition.objects.filter(agreement=g["agreement"]).latest("at", "pk")
    assert (entry.to_state, entry.actor, entry.comment) == (
        State.NEGOTIATION,
        g["canada_office"],
        "Clause 4.2 needs the French text.",
    )


def test_resubmission_asks_every_party_again(two_governments, registrar):
    g = two_governments
    party_approve(subject=g["agreement"], party=g["quebec"], by=g["quebec_office"])
    party_return(subject=g["agreement"], party=g["canada"], by=g["canada_office"], comment="No.")
    agreement = services.agreement_submit_for_review(agreement=g["agreement"], by=registrar)
    assert review_round(agreement) == 2
    assert [p.organization.name_en for p in parties_not_approved(agreement)] == [
        "Government of Québec",
        "Service Canada",
    ]
    party_approve(subject=agreement, party=g["canada"], by=g["canada_office"])
    assert _state(agreement) == State.REVIEW
    party_approve(subject=agreement, party=g["quebec"], by=g["quebec_office"])
    assert _state(agreement) == State.APPROVED


def test_office_of_party_a_cannot_decide_for_party_b(two_governments):
    g = two_governments
    with pytest.raises(PermissionDenied) as refused:
        party_approve(subject=g["agreement"], party=g["canada"], by=g["quebec_office"])
    assert str(refused.value) == NOT_YOUR_PARTY.format(organization="Service Canada")
    with pytest.raises(PermissionDenied):
        party_return(subject=g["agreement"], party=g["canada"], by=g["quebec_office"], comment="x")
    assert not PartyApproval.objects.exists()
    assert _state(g["agreement"]) == State.REVIEW


def test_liaison_officer_cannot_decide_for_own_party(two_governments, liaison_officer_of):
    g = two_governments
    officer = liaison_officer_of(g["quebec"].organization)
    with pytest.raises(PermissionDenied):
        party_approve(subject=g["agreement"], party=g["quebec"], by=officer)
    assert not PartyApproval.objects.exists()


def test_parent_organisations_office_decides_for_its_portfolio(registrar, minister_office_of):
    agreement = agreement_ready()
    party = agreement.parties.order_by("sort_order").first()
    portfolio = OrganizationFactory(
        name_en="Executive Council", jurisdiction=party.organization.jurisdiction
    )
    party.organization.parent = portfolio
    party.organization.save()
    agreement = agreement_under_review(agreement, by=registrar)
    office = minister_office_of(portfolio)
    approval = party_approve(subject=agreement, party=party, by=office)
    assert (approval.party, approval.decided_by) == (party, office)


def test_return_needs_a_comment(two_governments):
    g = two_governments
    with pytest.raises(TransitionError) as refused:
        party_return(subject=g["agreement"], party=g["quebec"], by=g["quebec_office"], comment=" ")
    assert refused.value.messages == [str(RETURN_COMMENT_REQUIRED)]
    assert _state(g["agreement"]) == State.REVIEW


def test_a_party_decides_once_per_round(two_governments):
    g = two_governments
    party_approve(subject=g["agreement"], party=g["quebec"], by=g["quebec_office"])
    with pytest.raises(TransitionError) as refused:
        party_approve(subject=g["agreement"], party=g["quebec"], by=g["quebec_office"])
    assert refused.value.messages == [
        ALREADY_DECIDED.format(organization="Government of Québec", decision="Approved")
    ]


def test_party_approval_refused_while_an_owner_is_missing(two_governments):
    g = two_governments
    item = g["agreement"].responsibilities.order_by("sort_order").first()
    item.accountability_owner = None
    item.save()
    with pytest.raises(TransitionError) as refused:
        party_approve(subject=g["agreement"], party=g["quebec"], by=g["quebec_office"])
    assert refused.value.messages == [
        lifecycle.OWNER_MISSING.format(items=item.clause),
    ]
    assert not PartyApproval.objects.exists()


def test_registrars_direct_approval_is_recorded_for_every_pending_party(two_governments, registrar):
    g = two_governments
    party_approve(subject=g["agreement"], party=g["quebec"], by=g["quebec_office"])
    services.agreement_approve(agreement=g["agreement"], by=registrar, comment="Entered")
    assert _state(g["agreement"]) == State.APPROVED
    assert _decisions(g["agreement"]) == [
        ("Government of Québec", "approved", g["quebec_office"].username, 1, ""),
        ("Service Canada", "approved", "registrar", 1, "Entered"),
    ]


def test_ministers_office_cannot_approve_for_all_directly(two_governments):
    g = two_governments
    with pytest.raises(TransitionError) as refused:
        services.agreement_approve(agreement=g["agreement"], by=g["quebec_office"])
    assert refused.value.messages == [
        lifecycle.PARTY_APPROVALS_MISSING.format(parties="Government of Québec, Service Canada")
    ]
    assert _state(g["agreement"]) == State.REVIEW


def test_lifecycle_page_offers_direct_approval_to_registrars_only(two_governments, registrar):
    g = two_governments
    [office_option] = [
        option
        for option in lifecycle.transition_options(g["agreement"], g["quebec_office"])
        if option.transition.target == State.APPROVED
    ]
    assert office_option.problems == (
        lifecycle.PARTY_APPROVALS_MISSING.format(parties="Government of Québec, Service Canada"),
    )
    [registrar_option] = [
        option
        for option in lifecycle.transition_options(g["agreement"], registrar)
        if option.transition.target == State.APPROVED
    ]
    assert registrar_option.available


# --- amendments --------------------------------------------------------------------------------


@pytest.fixture
def amendment_in_review(registrar, minister_office_of):
    agreement = agreement_into_force(by=registrar)
    agreement_grants_sync(agreement=agreement)
    amendment = amendment_services.amendment_open(
        agreement=agreement, by=registrar, title_en="Adds weekend hours"
    )
    amendment = amendment_services.amendment_start_negotiation(amendment=amendment, by=registrar)
    item = agreement.responsibilities.order_by("sort_order").first()
    item.text_en = "Open on Saturdays."
    item.save()
    amendment = amendment_services.amendment_submit_for_review(amendment=amendment, by=registrar)
    first, second = agreement.parties.order_by("sort_order")
    return {
        "amendment": amendment,
        "agreement": agreement,
        "first": first,
        "second": second,
        "first_office": minister_office_of(first.organization),
        "second_office": minister_office_of(second.organization),
    }


def test_amendment_approved_when_every_party_approved(amendment_in_review):
    a = amendment_in_review
    party_approve(subject=a["amendment"], party=a["first"], by=a["first_office"])
    assert Amendment.objects.get(pk=a["amendment"].pk).state == Amendment.State.REVIEW
    party_approve(subject=a["amendment"], party=a["second"], by=a["second_office"])
    assert Amendment.objects.get(pk=a["amendment"].pk).state == Amendment.State.APPROVED
    # The agreement's own round (approved when it came into force) is not this one.
    assert PartyApproval.objects.of_subject(a["agreement"], a["amendment"]).count() == 2


def test_amendment_returned_by_one_party(amendment_in_review):
    a = amendment_in_review
    party_return(
        subject=a["amendment"], party=a["second"], by=a["second_office"], comment="Not Sundays."
    )
    assert Amendment.objects.get(pk=a["amendment"].pk).state == Amendment.State.NEGOTIATION
    entry = AgreementTransition.objects.filter(amendment=a["amendment"]).latest("at", "pk")
    assert (entry.to_state, entry.comment) == ("negotiation", "Not Sundays.")


# --- the data migration ------------------------------------------------------------------------

migration = importlib.import_module("agreements.migrations.0012_party_approvals")


def test_migration_gives_each_signing_party_the_logged_approval(registrar, minister_office_of):
    agreement = agreement_ready(parties=3)
    observer = PartyFactory(agreement=agreement, role=Party.Role.OBSERVER, sort_order=9)
    agreement = agreement_under_review(agreement, by=registrar)
    services.agreement_return_to_negotiation(agreement=agreement, by=registrar, comment="Fix")
    services.agreement_submit_for_review(agreement=agreement, by=registrar)
    services.agreement_approve(agreement=agreement, by=registrar, comment="Cabinet agreed")
    PartyApproval.objects.all().delete()  # as before the migration

    migration.approvals_from_log(apps, None)

    approvals = PartyApproval.objects.filter(agreement=agreement).order_by("party__sort_order")
    assert [
        (a.party.sort_order, a.decision, a.decided_by, a.round, a.comment, a.amendment)
        for a in approvals
    ] == [
        (0, "approved", registrar, 2, "Cabinet agreed", None),
        (1, "approved", registrar, 2, "Cabinet agreed", None),
        (2, "approved", registrar, 2, "Cabinet agreed", None),
    ]
    assert not PartyApproval.objects.filter(party=observer).exists()
    # Every existing agreement stays valid: nothing pending in the round that was approved.
    assert parties_not_approved(agreement) == []


def test_migration_covers_amendments_and_leaves_out_later_parties(registrar):
    agreement = agreement_into_force(by=registrar)
    amendment = amendment_services.amendment_open(
        agreement=agreement, by=registrar, title_en="Adds a partner"
    )
    amendment = amendment_services.amendment_start_negotiation(amendment=amendment, by=registrar)
    organization = OrganizationFactory()
    joined = PartyFactory(
        agreement=agreement,
        organization=organization,
        signatory_position=staffed_position(organization=organization),
        sort_order=7,
    )
    amendment = amendment_services.amendment_submit_for_review(amendment=amendment, by=registrar)
    amendment_services.amendment_approve(amendment=amendment, by=registrar)
    PartyApproval.objects.all().delete()

    migration.approvals_from_log(apps, None)

    agreement_level = PartyApproval.objects.of_subject(agreement).values_list("party", flat=True)
    amendment_level = PartyApproval.objects.of_subject(agreement, amendment).values_list(
        "party", flat=True
    )
    assert joined.pk not in set(agreement_level)
    assert len(agreement_level) == 2
    assert joined.pk in set(amendment_level)
    assert len(amendment_level) == 3
    assert set(
        PartyApproval.objects.of_subject(agreement, amendment).values_list("round", flat=True)
    ) == {1}


def test_migration_is_idempotent_on_rows_it_already_made(registrar):
    agreement = agreement_into_force(by=registrar)
    PartyApproval.objects.all().delete()
    migration.approvals_from_log(apps, None)
    migration.approvals_from_log(apps, None)
    assert PartyApproval.objects.filter(agreement=agreement).count() == 2


def test_migration_dates_the_decision_at_the_logged_move(registrar):
    agreement = agreement_into_force(by=registrar)
    entry = AgreementTransition.objects.get(agreement=agreement, to_state="approved")
    PartyApproval.objects.all().delete()
    migration.approvals_from_log(apps, None)
    assert set(
        PartyApproval.objects.filter(agreement=agreement).values_list("decided_at", flat=True)
    ) == {entry.at}
