"""Which positions the public may know of: those a current published version names.

A position is public when the current published version of a published agreement names it as an
accountability owner, a party's signatory, or the chair or a member of the governing body. A
position made for a draft or restricted agreement, or named only by a working copy, stays unknown
to the public (organisation pages, position pages, sitemap and API all use this one rule).

Owners and signatories of agreements whose working copy equals their current published version
("relational", see `cms.published`) are read from the relational tables. Everything else comes
from the published snapshots: the divergent agreements' whole snapshot, and the governing body
of every agreement that has one, because a governing body is editable reference data whose
members may change after publication without an amendment.
"""

import datetime
from typing import Any

from django.db.models import Q, QuerySet

from agreements.models import Party, Responsibility, Signature
from cms import published
from jurisdictions.models import Position


def snapshot_position_ids(snapshot: dict[str, Any]) -> set[int]:
    """Ids of the positions a snapshot names: owners, signatories, governing body chair and
    members."""
    raw = [item["owner"] for item in snapshot["responsibilities"]]
    raw += [party["signatory"] for party in snapshot["parties"]]
    body = snapshot["agreement"].get("governing_body")
    if body:
        raw += [body.get("chair"), *body.get("members", [])]
    return {item["id"] for item in raw if item}


def public_positions(*, today: datetime.date) -> QuerySet[Position]:
    """Positions named by a current published version. One query now (the snapshots of the
    divergent agreements and of the agreements with a governing body), one more when the
    returned queryset is evaluated."""
    agreements = published.published_agreements(on=today)
    relational = published.relational(agreements, on=today).values("pk")
    divergent = agreements.filter(published.divergent_condition(on=today)).values("pk")
    snapshots = published.current_versions(on=today).filter(
        Q(agreement__in=divergent) | Q(agreement__governing_body__isnull=False)
    )
    from_snapshots: set[int] = set()
    for snapshot in snapshots.values_list("snapshot", flat=True):
        from_snapshots |= snapshot_position_ids(snapshot)
    owners = Responsibility.objects.filter(agreement__in=relational).values("accountability_owner")
    signatories = Party.objects.filter(agreement__in=relational).values("signatory_position")
    # Every office that signed a current published version (a party's second minister, a
    # later signature): recorded per version, so nothing of a working copy leaks.
    signed = Signature.objects.filter(
        version__in=published.current_versions(on=today).values("pk")
    ).values("position")
    return Position.objects.filter(
        Q(pk__in=from_snapshots) | Q(pk__in=owners) | Q(pk__in=signatories) | Q(pk__in=signed)
    )
