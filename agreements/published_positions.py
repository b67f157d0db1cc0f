"""Which positions a public agreement's current published version names: the read model's
`PublishedPosition` rows (agreements.models.read_model), worked out for one batch of agreements
by `agreements.published_read_model`, their one writer.

A position is named by a current published version when that version makes it the
accountability owner of a responsibility, a party's signatory position, or the chair or a member
of the governing body, or when a `Signature` row on that version records it signing (a party's
second minister, a signature given later: versions never change, so those live in rows only).

The facts come from where they are cheapest and equal to the version: for an agreement whose
working copy equals its current published version (not "divergent", see
`published_read_model.divergent_condition`), owners and signatories from the relational tables
(indexed rows, no JSON); for a divergent one, from the version's snapshot. The governing body
always comes from the snapshot: a governing body is reference data whose members may change
after publication without an amendment.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from agreements.models import Party, PublishedPosition, Responsibility, Signature
from jurisdictions.models import Position

# {position id: accountable} for one agreement; accountable when it owns a responsibility.
Named = dict[int, bool]


def _name(named: Named, position_id: int | None, *, accountable: bool = False) -> None:
    if position_id is not None:
        named[position_id] = named.get(position_id, False) or accountable


def body_position_ids(body: Mapping[str, Any] | None) -> set[int]:
    """Ids of the positions a snapshot's governing body names: its chair and members."""
    if not body:
        return set()
    raw = [body.get("chair"), *body.get("members", [])]
    return {item["id"] for item in raw if item}


def snapshot_positions(snapshot: Mapping[str, Any]) -> Named:
    """The positions a whole snapshot names: owners (accountable), signatories, governing body
    chair and members."""
    named: Named = {}
    for item in snapshot["responsibilities"]:
        _name(named, (item.get("owner") or {}).get("id"), accountable=True)
    for party in snapshot["parties"]:
        _name(named, (party.get("signatory") or {}).get("id"))
    for position_id in body_position_ids(snapshot["agreement"].get("governing_body")):
        _name(named, position_id)
    return named


def batch_positions(
    *,
    versions: Mapping[int, int],
    relational: Iterable[int],
    snapshots: Mapping[int, Mapping[str, Any]],
    bodies: Mapping[int, Mapping[str, Any] | None],
) -> dict[int, Named]:
    """{agreement: {position: accountable}} for a batch of public agreements.

    `versions`: {agreement: its current published version}, every agreement of the batch;
    `relational`: those whose working copy equals that version; `snapshots`: the whole snapshot
    of each other one; `bodies`: the snapshot's governing body of the relational ones.
    Three queries (owners, signatories, signatures), and one more when a snapshot names a
    position: whether it still exists."""
    relational = set(relational)
    named: dict[int, Named] = defaultdict(dict)
    from_snapshots: set[int] = set()
    for agreement_id, snapshot in snapshots.items():
        named[agreement_id] = snapshot_positions(snapshot)
        from_snapshots |= set(named[agreement_id])
    for agreement_id in relational:
        for position_id in body_position_ids(bodies.get(agreement_id)):
            _name(named[agreement_id], position_id)
            from_snapshots.add(position_id)
    if relational:
        owners = Responsibility.objects.filter(
            agreement_id__in=relational, accountability_owner__isnull=False
        ).values_list("agreement_id", "accountability_owner_id")
        for agreement_id, position_id in owners:
            _name(named[agreement_id], position_id, accountable=True)
        signatories = Party.objects.filter(
            agreement_id__in=relational, signatory_position__isnull=False
        ).values_list("agreement_id", "signatory_position_id")
        for agreement_id, position_id in signatories:
            _name(named[agreement_id], position_id)
    by_version = {version_id: agreement_id for agreement_id, version_id in versions.items()}
    if by_version:
        signed = Signature.objects.filter(
            version_id__in=by_version, position__isnull=False
        ).values_list("version_id", "position_id")
        for version_id, position_id in signed:
            _name(named[by_version[version_id]], position_id)
    # A snapshot may name a position deleted since (the relational rows protect theirs).
    if from_snapshots:
        gone = from_snapshots - set(
            Position.objects.filter(pk__in=from_snapshots).values_list("pk", flat=True)
        )
        for positions in named.values():
            for position_id in gone & set(positions):
                del positions[position_id]
    return {agreement_id: named[agreement_id] for agreement_id in versions}


def position_rows(named: Mapping[int, Named]) -> list[PublishedPosition]:
    """The `PublishedPosition` rows (unsaved) of `batch_positions`'s answer, in a fixed order."""
    return [
        PublishedPosition(agreement_id=agreement_id, position_id=position_id, accountable=flag)
        for agreement_id in sorted(named)
        for position_id, flag in sorted(named[agreement_id].items())
    ]
