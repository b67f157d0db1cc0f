"""The public positions recorded in the read model (PublishedPosition, written by
agreements.published_read_model) equal what the rule says, worked out here without the read
model: the positions the current published version of each public agreement names (owners,
signatories, governing body chair and members in its snapshot, and the offices its Signature
rows record), over agreements in every situation, kept by the services' own on-commit hooks."""

import datetime

import pytest
from django.utils import timezone

from agreements import published_read_model as read_model
from agreements.models import Agreement, PublishedPosition, Signature
from agreements.services.amendments import amendment_open, amendment_start_negotiation
from agreements.services.lifecycle import agreement_expire
from agreements.services.signatures import signature_record_later
from cms.public_positions import public_positions
from jurisdictions.models import Position
from tests.factories import (
    GovernanceBodyFactory,
    PositionFactory,
    SignatoryFactory,
    agreement_into_force,
    agreement_ready,
    amendment_signed,
    staffed_position,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def _expected() -> dict[int, dict[int, bool]]:
    """{agreement: {position: accountable}} from the versions themselves: for every public
    agreement with a version in effect, its latest such version's snapshot and signatures."""
    today = timezone.localdate()
    expected = {}
    for agreement in Agreement.objects.filter(visibility=Agreement.Visibility.PUBLIC):
        version = agreement.versions.filter(effective_date__lte=today).order_by("-number").first()
        if version is None:
            continue
        snapshot = version.snapshot
        named: dict[int, bool] = {}
        for item in snapshot["responsibilities"]:
            if item.get("owner"):
                named[item["owner"]["id"]] = True
        body = snapshot["agreement"].get("governing_body") or {}
        offices = [party.get("signatory") for party in snapshot["parties"]]
        offices += [body.get("chair"), *body.get("members", [])]
        for office in offices:
            if office:
                named.setdefault(office["id"], False)
        for position_id in Signature.objects.filter(version=version).values_list(
            "position_id", flat=True
        ):
            if position_id:
                named.setdefault(position_id, False)
        expected[agreement.pk] = named
    existing = set(Position.objects.values_list("pk", flat=True))  # a snapshot outlives a post
    return {
        pk: {position: flag for position, flag in named.items() if position in existing}
        for pk, named in expected.items()
    }


def _stored() -> dict[int, dict[int, bool]]:
    stored: dict[int, dict[int, bool]] = {}
    for agreement_id, position_id, accountable in PublishedPosition.objects.values_list(
        "agreement_id", "position_id", "accountable"
    ):
        stored.setdefault(agreement_id, {})[position_id] = accountable
    return stored


def assert_positions_equal_the_rule() -> set[int]:
    expected = _expected()
    assert _stored() == {pk: named for pk, named in expected.items() if named}
    public = set(public_positions(today=timezone.localdate()).values_list("pk", flat=True))
    assert public == set().union(*expected.values())
    return public


def _owner(agreement, index=0):
    return agreement.responsibilities.order_by("sort_order", "pk")[index].accountability_owner


def _reassign(agreement, position):
    item = agreement.responsibilities.order_by("sort_order", "pk").first()
    item.accountability_owner = position
    item.save()


@pytest.fixture
def world(registrar, django_capture_on_commit_callbacks):
    """Agreements in every situation the rule distinguishes, each brought there through the
    services, each step's on-commit hooks run as after its commit (they keep the read model)."""

    def committed():
        return django_capture_on_commit_callbacks(execute=True)

    today = timezone.localdate()
    ahead = today + datetime.timedelta(days=30)
    made = {}
    # Published, with a governing body (a chair and a member) and a second minister.
    governed = agreement_ready()
    lead = governed.parties.order_by("sort_order").first()
    chair = PositionFactory(organization=lead.organization, title_en="Committee chair")
    member = staffed_position(organization=lead.organization, title_en="Committee member")
    body = GovernanceBodyFactory(chair=chair)
    body.members.add(member)
    governed.governing_body = body
    governed.save()
    second = SignatoryFactory(party=lead).position
    with committed():
        made["governed"] = agreement_into_force(governed, by=registrar)
    made.update(chair=chair, member=member, second_minister=second)

    # Not public: a draft, a restricted agreement, one whose first version is still ahead.
    made["draft"] = agreement_ready()
    with committed():
        made["restricted"] = agreement_into_force(by=registrar, visibility="restricted")
    with committed():
        made["pending"] = agreement_into_force(
            by=registrar, effective_date=ahead, expiry_date=ahead + datetime.timedelta(days=900)
        )

    # Divergent: an amendment being negotiated reassigns an obligation in the working copy.
    with committed():
        amended = agreement_into_force(by=registrar)
    made["amended_owner"] = _owner(amended)
    with committed():
        amendment = amendment_open(agreement=amended, by=registrar, title_en="Reassign")
        amendment_start_negotiation(amendment=amendment, by=registrar)
    newcomer = PositionFactory(
        organization=made["amended_owner"].organization, title_en="Working copy only"
    )
    _reassign(amended, newcomer)
    made.update(amended=amended, working_copy_only=newcomer)

    # Amended and signed: version 2 names a new owner; version 1's owner is named no more.
    with committed():
        signed = agreement_into_force(by=registrar)
    made["replaced_owner"] = _owner(signed)
    successor = staffed_position(
        organization=made["replaced_owner"].organization, title_en="Successor owner"
    )
    with committed():
        amendment_signed(
            signed,
            by=registrar,
            effective_date=D(2022, 4, 1),
            change=lambda agreement: _reassign(agreement, successor),
        )
    made["successor_owner"] = successor

    # A version signed to take effect later: its owner is not public yet.
    with committed():
        later = agreement_into_force(by=registrar)
    future_owner = staffed_position(
        organization=_owner(later).organization, title_en="Future owner"
    )
    with committed():
        amendment_signed(
            later,
            by=registrar,
            effective_date=ahead,
            change=lambda agreement: _reassign(agreement, future_owner),
        )
    made["future_owner"] = future_owner

    # Expired: still public.
    with committed():
        expiring = agreement_into_force(by=registrar, expiry_date=D(2022, 3, 31))
    with committed():
        made["expired"] = agreement_expire(agreement=expiring, by=registrar)

    # In force for the two parties that signed; the third signs later, with a second minister
    # named only by that later signature.
    partial = agreement_ready(parties=3, in_force_for_signatories_only=True)
    late = partial.parties.order_by("sort_order").last()
    late.signed_date = None
    late.save()
    made["late_second"] = SignatoryFactory(party=late).position
    with committed():
        made["partial"] = agreement_into_force(partial, by=registrar)
    made["late"] = late
    return made


def test_read_model_positions_equal_the_rule_in_every_situation(world, registrar):
    public = assert_positions_equal_the_rule()
    names = set(Position.objects.filter(pk__in=public).values_list("title_en", flat=True))
    for kept in ("Committee chair", "Committee member", "Successor owner"):
        assert kept in names
    assert world["second_minister"].pk in public
    assert world["amended_owner"].pk in public  # the signed version still names it
    assert world["expired"].state == Agreement.State.EXPIRED
    assert _owner(world["expired"]).pk in public
    for hidden in ("draft", "restricted", "pending"):
        assert not set(public) & {_owner(world[hidden]).pk, _owner(world[hidden], 1).pk}
    for absent in ("working_copy_only", "future_owner", "replaced_owner", "late_second"):
        assert world[absent].pk not in public, absent
    # The version makes the owners accountable, and nobody else.
    stored = _stored()
    assert stored[world["governed"].pk][_owner(world["governed"]).pk] is True
    assert stored[world["governed"].pk][world["chair"].pk] is False


def test_later_signature_makes_its_offices_public_once_committed(
    world, registrar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signature_record_later(party=world["late"], by=registrar, signed_date=D(2021, 9, 1))

    public = assert_positions_equal_the_rule()
    assert world["late_second"].pk in public


def test_refresh_during_an_amendment_keeps_the_signed_positions(world):
    read_model.read_model_refresh(Agreement.objects.values_list("pk", flat=True))

    public = assert_positions_equal_the_rule()
    assert world["amended_owner"].pk in public
    assert world["working_copy_only"].pk not in public


def test_governing_body_members_added_after_publication_stay_unknown(world):
    body = world["governed"].governing_body
    body.members.add(staffed_position(organization=world["chair"].organization))
    read_model.read_model_refresh([world["governed"].pk])

    assert_positions_equal_the_rule()


def test_rebuild_gives_the_same_positions_as_the_refreshes(world):
    before = _stored()
    PublishedPosition.objects.all().delete()

    read_model.read_model_rebuild()

    assert _stored() == before
    assert_positions_equal_the_rule()


def test_position_named_only_by_a_version_leaves_with_the_position(world):
    chair = world["chair"]
    chair.delete()  # the governing body keeps no chair; version 1's snapshot still names it
    read_model.read_model_refresh([world["governed"].pk])  # the snapshot still names it

    assert not PublishedPosition.objects.filter(position_id=chair.pk).exists()
    assert_positions_equal_the_rule()
