"""Review moves e-mail the parties' liaison officers and the ministers' offices holding
permissions on the agreement, in each recipient's language, with a link; nobody else."""

import datetime

import pytest
from django.core import mail
from django.test import override_settings
from wagtail.users.models import UserProfile

from agreements.models import Agreement, Amendment
from agreements.services import lifecycle
from agreements.services.notifications import (
    transition_notifications_enqueue,
    transition_notifications_send,
)
from agreements.services.parties import agreement_grants_sync
from agreements.services.transition_log import transition_log
from tests.factories import AmendmentFactory, OrganizationFactory, agreement_ready

SITE = "https://registry.example.gc.ca"


@pytest.fixture
def cast(registrar, liaison_officer_of, minister_office_of):
    """An agreement in negotiation between Service Org A (under Parent Ministry) and Org B, and
    staff of each organisation, of the parent and of an outsider organisation."""
    parent = OrganizationFactory(name_en="Parent Ministry")
    agreement = agreement_ready(reference="NB-2026-001", title_en="Counter services accord")
    party_a, party_b = agreement.parties.order_by("sort_order")
    org_a, org_b = party_a.organization, party_b.organization
    org_a.parent = parent
    org_a.save()
    agreement_grants_sync(agreement=agreement)
    outsider = OrganizationFactory(name_en="Outsider Department")
    people = {
        "liaison_a": liaison_officer_of(org_a, username="liaison-a"),
        "liaison_b": liaison_officer_of(org_b, username="liaison-b"),
        "minister_a": minister_office_of(org_a, username="minister-a"),
        "minister_parent": minister_office_of(parent, username="minister-parent"),
        "liaison_outsider": liaison_officer_of(outsider, username="liaison-outsider"),
        "minister_outsider": minister_office_of(outsider, username="minister-outsider"),
    }
    agreement = lifecycle.agreement_open_negotiation(agreement=agreement, by=registrar)
    return agreement, people


def _to(messages):
    return sorted(address for message in messages for address in message.to)


@override_settings(SITE_URL=SITE)
def test_parties_and_portfolio_offices_are_told_when_submitted_for_review(
    cast, django_capture_on_commit_callbacks
):
    agreement, people = cast
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.agreement_submit_for_review(
            agreement=agreement, by=people["liaison_a"], comment="Ready for the minister."
        )
    # The mover (liaison-a) is not told; outsiders never are.
    assert _to(mail.outbox) == [
        "liaison-b@example.gc.ca",
        "minister-a@example.gc.ca",
        "minister-parent@example.gc.ca",
    ]
    message = next(m for m in mail.outbox if m.to == ["liaison-b@example.gc.ca"])
    assert message.subject == "[NB-2026-001] Submitted for review: Counter services accord"
    assert "“In negotiation” to “Under review” by " in message.body
    assert "Comment:\nReady for the minister." in message.body
    assert f"Open the agreement: {SITE}/admin/agreements/inspect/{agreement.pk}/" in message.body


def test_return_and_approval_are_told_to_everyone_but_the_mover(
    cast, registrar, django_capture_on_commit_callbacks
):
    agreement, people = cast
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.agreement_submit_for_review(agreement=agreement, by=registrar)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.agreement_return_to_negotiation(
            agreement=agreement, by=people["minister_a"], comment="Clause 4 needs an owner."
        )
    assert [m.subject for m in mail.outbox] == [
        "[NB-2026-001] Returned to negotiation: Counter services accord"
    ] * 3
    assert _to(mail.outbox) == [
        "liaison-a@example.gc.ca",
        "liaison-b@example.gc.ca",
        "minister-parent@example.gc.ca",
    ]
    assert "Comment:\nClause 4 needs an owner." in mail.outbox[0].body
    mail.outbox.clear()
    # Approval is recorded by the lifecycle (per-party approvals decide when): the log entry is
    # the hook, whichever service writes it.
    with django_capture_on_commit_callbacks(execute=True):
        transition_log(
            agreement=agreement,
            by=people["minister_parent"],
            from_state=Agreement.State.REVIEW,
            to_state=Agreement.State.APPROVED,
        )
    assert {m.subject for m in mail.outbox} == {"[NB-2026-001] Approved: Counter services accord"}
    assert _to(mail.outbox) == [
        "liaison-a@example.gc.ca",
        "liaison-b@example.gc.ca",
        "minister-a@example.gc.ca",
    ]
    assert "“Under review” to “Approved” by " in mail.outbox[0].body


@pytest.mark.parametrize(
    ("from_state", "to_state"),
    [
        ("draft", "negotiation"),
        ("approved", "in_force"),
        ("in_force", "expired"),
        ("in_force", "terminated"),
    ],
)
def test_nothing_is_sent_when_the_move_is_not_a_review_move(
    cast, registrar, django_capture_on_commit_callbacks, from_state, to_state
):
    agreement, _people = cast
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        transition_log(agreement=agreement, by=registrar, from_state=from_state, to_state=to_state)
    assert mail.outbox == []
    queued = [getattr(callback, "func", None) for callback in callbacks]
    assert transition_notifications_enqueue not in queued


def test_message_is_in_the_recipients_language_when_they_prefer_french(
    cast, registrar, django_capture_on_commit_callbacks
):
    agreement, people = cast
    agreement.title_fr = "Entente sur les services au comptoir"
    agreement.save()
    UserProfile.objects.create(user=people["liaison_b"], preferred_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.agreement_submit_for_review(agreement=agreement, by=registrar)
    french = next(m for m in mail.outbox if m.to == ["liaison-b@example.gc.ca"])
    english = next(m for m in mail.outbox if m.to == ["liaison-a@example.gc.ca"])
    assert french.subject == (
        "[NB-2026-001] Soumise à l’examen : Entente sur les services au comptoir"
    )
    assert "Ouvrir l’entente : " in french.body
    assert english.subject == "[NB-2026-001] Submitted for review: Counter services accord"


def test_inactive_members_and_members_without_address_get_nothing(
    cast, registrar, django_capture_on_commit_callbacks
):
    agreement, people = cast
    people["liaison_b"].is_active = False
    people["liaison_b"].save()
    people["minister_a"].email = ""
    people["minister_a"].save()
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.agreement_submit_for_review(agreement=agreement, by=registrar)
    assert _to(mail.outbox) == ["liaison-a@example.gc.ca", "minister-parent@example.gc.ca"]


def test_nothing_is_sent_before_the_transaction_commits(
    cast, registrar, django_capture_on_commit_callbacks
):
    agreement, _people = cast
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        lifecycle.agreement_submit_for_review(agreement=agreement, by=registrar)
    # Queued for after the commit, not sent inside the transaction.
    assert mail.outbox == []
    queued = [getattr(callback, "func", None) for callback in callbacks]
    assert transition_notifications_enqueue in queued


def test_amendment_review_moves_are_told_with_the_amendment_number(
    cast, registrar, django_capture_on_commit_callbacks
):
    agreement, people = cast
    amendment = AmendmentFactory(agreement=agreement, number=2, state=Amendment.State.REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        transition_log(
            agreement=agreement,
            amendment=amendment,
            by=people["liaison_a"],
            from_state=Amendment.State.NEGOTIATION,
            to_state=Amendment.State.REVIEW,
        )
    assert {m.subject for m in mail.outbox} == {
        "[NB-2026-001, amendment 2] Submitted for review: Counter services accord"
    }
    assert _to(mail.outbox) == [
        "liaison-b@example.gc.ca",
        "minister-a@example.gc.ca",
        "minister-parent@example.gc.ca",
    ]
    assert (
        "Amendment 2 of agreement NB-2026-001, “Counter services accord”, was moved from "
        "“In negotiation” to “Under review” by "
    ) in mail.outbox[0].body


def test_send_returns_zero_when_the_transition_is_gone(db):
    assert transition_notifications_send(transition_id=987654) == 0


def test_restricted_agreement_reaches_its_parties_only(
    registrar, liaison_officer_of, django_capture_on_commit_callbacks
):
    agreement = agreement_ready(restricted=True, effective_date=datetime.date(2026, 1, 1))
    agreement_grants_sync(agreement=agreement)
    inside = liaison_officer_of(agreement.parties.first().organization, username="inside")
    liaison_officer_of(OrganizationFactory(), username="outside")
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.agreement_open_negotiation(agreement=agreement, by=registrar)
        lifecycle.agreement_submit_for_review(agreement=agreement, by=registrar)
    assert _to(mail.outbox) == [inside.email]
