"""Amending an agreement in force: open, edit the working copy, sign a new version, withdraw."""

import datetime

import pytest

from agreements import lifecycle
from agreements.lifecycle import AMENDMENT_TRANSITIONS, TransitionError
from agreements.models import Agreement, AgreementTransition, AgreementVersion, Amendment
from agreements.services import amendments as services
from agreements.services.lifecycle import AgreementNotEditable, agreement_assert_editable
from tests.factories import (
    OrganizationFactory,
    PartyFactory,
    ResponsibilityFactory,
    agreement_into_force,
    amendment_signed,
    staffed_position,
)

pytestmark = pytest.mark.django_db

D = datetime.date
AmendmentState = Amendment.State


@pytest.fixture
def in_force(registrar):
    return agreement_into_force(by=registrar)


def _open(agreement, by, **kwargs):
    return services.amendment_open(
        agreement=agreement, by=by, title_en="Adds rural centres", **kwargs
    )


def _reword(agreement):
    item = agreement.responsibilities.order_by("sort_order").first()
    item.text_en = "Deliver the service within five business days."
    item.save()
    return item


def test_open_creates_numbered_draft_and_logs_it(in_force, registrar):
    amendment = _open(in_force, registrar)
    assert (amendment.number, amendment.state, amendment.opened_by) == (
        1,
        AmendmentState.DRAFT,
        registrar,
    )
    entry = AgreementTransition.objects.get(amendment=amendment)
    assert (entry.from_state, entry.to_state, entry.actor) == ("", AmendmentState.DRAFT, registrar)
    assert amendment.history.get().history_user == registrar


def test_open_refused_when_agreement_not_in_force(registrar):
    from tests.factories import agreement_ready

    agreement = agreement_ready(state=Agreement.State.NEGOTIATION)
    with pytest.raises(TransitionError) as error:
        _open(agreement, registrar)
    assert error.value.messages == [str(lifecycle.NOT_IN_FORCE)]


def test_open_refused_when_another_amendment_is_open(in_force, registrar):
    _open(in_force, registrar)
    with pytest.raises(TransitionError) as error:
        _open(in_force, registrar)
    assert error.value.messages == [lifecycle.AMENDMENT_IS_OPEN.format(number=1)]
    assert in_force.amendments.count() == 1


def test_working_copy_editable_only_while_amendment_drafted_or_negotiated(in_force, registrar):
    with pytest.raises(AgreementNotEditable) as error:
        agreement_assert_editable(in_force)
    assert error.value.message == str(lifecycle.NOT_EDITABLE_IN_FORCE)
    amendment = _open(in_force, registrar)
    agreement_assert_editable(in_force)
    amendment = services.amendment_start_negotiation(amendment=amendment, by=registrar)
    agreement_assert_editable(in_force)
    _reword(in_force)
    services.amendment_submit_for_review(amendment=amendment, by=registrar)
    with pytest.raises(AgreementNotEditable) as error:
        agreement_assert_editable(in_force)
    assert error.value.message == lifecycle.NOT_EDITABLE_AMENDMENT_UNDER_REVIEW.format(number=1)


def test_review_refused_when_working_copy_unchanged(in_force, registrar):
    amendment = services.amendment_start_negotiation(
        amendment=_open(in_force, registrar), by=registrar
    )
    with pytest.raises(TransitionError) as error:
        services.amendment_submit_for_review(amendment=amendment, by=registrar)
    assert error.value.messages == [str(lifecycle.AMENDMENT_CHANGES_NOTHING)]


def test_sign_records_next_version_and_leaves_the_first_untouched(in_force, registrar):
    original = in_force.versions.get()
    frozen = (original.snapshot, original.snapshot_sha256)
    item = in_force.responsibilities.order_by("sort_order").first()
    version = amendment_signed(in_force, by=registrar, effective_date=D(2023, 1, 1), change=_reword)
    assert (version.number, version.kind, version.effective_date) == (
        2,
        AgreementVersion.Kind.AMENDMENT,
        D(2023, 1, 1),
    )
    assert version.amendment.state == AmendmentState.SIGNED
    assert version.amendment.signed_date == D(2022, 12, 18)
    assert version.verify()
    original.refresh_from_db()
    assert (original.snapshot, original.snapshot_sha256) == frozen
    assert version.change_summary["responsibilities_reworded"] == [
        {
            "id": item.pk,
            "clause": item.clause,
            "before": {"en": item.text_en, "fr": item.text_fr},
            "after": {"en": "Deliver the service within five business days.", "fr": item.text_fr},
        }
    ]
    assert version.snapshot["version"]["amendment"]["number"] == 1
    entry = AgreementTransition.objects.filter(amendment=version.amendment).latest("at", "pk")
    assert (entry.to_state, entry.effective_date) == (AmendmentState.SIGNED, D(2023, 1, 1))


def test_working_copy_locked_again_when_amendment_signed(in_force, registrar):
    amendment_signed(in_force, by=registrar, effective_date=D(2023, 1, 1), change=_reword)
    with pytest.raises(AgreementNotEditable):
        agreement_assert_editable(in_force)


def test_sign_refused_without_dates(in_force, registrar):
    amendment = _approved(in_force, registrar)
    with pytest.raises(TransitionError) as error:
        services.amendment_sign(
            amendment=amendment, by=registrar, signed_date=None, effective_date=None
        )
    assert error.value.messages == [
        str(lifecycle.AMENDMENT_SIGNED_DATE_MISSING),
        str(lifecycle.AMENDMENT_EFFECTIVE_DATE_MISSING),
    ]


def test_sign_refused_when_effective_date_not_after_current_version(in_force, registrar):
    amendment = _approved(in_force, registrar)
    with pytest.raises(TransitionError) as error:
        services.amendment_sign(
            amendment=amendment,
            by=registrar,
            signed_date=D(2021, 3, 1),
            effective_date=D(2021, 4, 1),
        )
    assert error.value.messages == [
        lifecycle.AMENDMENT_EFFECTIVE_NOT_AFTER_CURRENT.format(effective_date="2021-04-01")
    ]
    assert in_force.versions.count() == 1


def test_sign_refused_when_effective_after_expiry(in_force, registrar):
    amendment = _approved(in_force, registrar)
    with pytest.raises(TransitionError) as error:
        services.amendment_sign(
            amendment=amendment,
            by=registrar,
            signed_date=D(2031, 3, 1),
            effective_date=D(2031, 4, 1),
        )
    assert error.value.messages == [
        lifecycle.AMENDMENT_EFFECTIVE_AFTER_EXPIRY.format(expiry_date="2031-03-31")
    ]


def test_sign_gives_joining_party_the_signature_date(in_force, registrar):
    def join(agreement):
        organization = OrganizationFactory()
        PartyFactory(
            agreement=agreement,
            organization=organization,
            signatory_position=staffed_position(organization=organization),
        )

    version = amendment_signed(
        in_force,
        by=registrar,
        effective_date=D(2023, 1, 1),
        signed_date=D(2022, 12, 1),
        change=join,
    )
    joined_id = version.change_summary["parties_joined"][0]["organization_id"]
    (joined,) = [p for p in version.snapshot["parties"] if p["organization"]["id"] == joined_id]
    assert joined["signed_date"] == "2022-12-01"


def _approved(agreement, by):
    amendment = services.amendment_start_negotiation(amendment=_open(agreement, by), by=by)
    _reword(agreement)
    amendment = services.amendment_submit_for_review(amendment=amendment, by=by)
    return services.amendment_approve(amendment=amendment, by=by)


def test_withdraw_restores_working_copy_as_last_signed(in_force, registrar):
    signed = in_force.versions.get()
    amendment = services.amendment_start_negotiation(
        amendment=_open(in_force, registrar), by=registrar
    )
    # Reword one responsibility, delete another, add a party with a new responsibility, move the
    # expiry date: everything the amendment might have done.
    reworded = _reword(in_force)
    removed = in_force.responsibilities.order_by("sort_order").last()
    removed_id = removed.pk
    removed.delete()
    organization = OrganizationFactory()
    newcomer = PartyFactory(agreement=in_force, organization=organization)
    added = ResponsibilityFactory(
        agreement=in_force,
        responsible_party=newcomer,
        accountability_owner=staffed_position(organization=organization),
    )
    in_force.expiry_date = D(2035, 3, 31)
    in_force.save()

    withdrawn = services.amendment_withdraw(
        amendment=amendment, by=registrar, comment="Parties could not agree"
    )

    assert withdrawn.state == AmendmentState.WITHDRAWN
    in_force.refresh_from_db()
    assert in_force.expiry_date == D(2031, 3, 31)
    assert set(in_force.responsibilities.values_list("pk", flat=True)) == {
        r["id"] for r in signed.snapshot["responsibilities"]
    }
    assert removed_id in set(in_force.responsibilities.values_list("pk", flat=True))
    assert not in_force.parties.filter(pk=newcomer.pk).exists()
    assert not in_force.responsibilities.filter(pk=added.pk).exists()
    reworded.refresh_from_db()
    assert reworded.text_en == signed.snapshot["responsibilities"][0]["text"]["en"]
    assert reworded.history.first().history_user == registrar
    from agreements.changes import has_changes, summarise_changes
    from agreements.snapshots import build_snapshot, load_agreement

    working = build_snapshot(load_agreement(in_force.pk), effective_date=signed.effective_date)
    assert not has_changes(summarise_changes(signed.snapshot, working))
    with pytest.raises(AgreementNotEditable):
        agreement_assert_editable(in_force)


def test_amendment_table_allows_withdrawal_from_every_open_state():
    withdrawals = {t.source for t in AMENDMENT_TRANSITIONS if t.target == AmendmentState.WITHDRAWN}
    assert withdrawals == set(Amendment.OPEN_STATES)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (AmendmentState.DRAFT, AmendmentState.REVIEW),
        (AmendmentState.DRAFT, AmendmentState.SIGNED),
        (AmendmentState.NEGOTIATION, AmendmentState.APPROVED),
        (AmendmentState.SIGNED, AmendmentState.WITHDRAWN),
        (AmendmentState.WITHDRAWN, AmendmentState.NEGOTIATION),
        (AmendmentState.SIGNED, AmendmentState.NEGOTIATION),
    ],
)
def test_amendment_move_refused_when_not_in_table(in_force, registrar, source, target):
    amendment = Amendment.objects.create(
        agreement=in_force, number=1, title_en="x", opened_by=registrar, state=source
    )
    with pytest.raises(TransitionError) as error:
        services.amendment_transition(amendment=amendment, by=registrar, to=target)
    assert error.value.messages == [
        lifecycle.AMENDMENT_TRANSITION_NOT_ALLOWED.format(
            source=AmendmentState(source).label, target=AmendmentState(target).label
        )
    ]
