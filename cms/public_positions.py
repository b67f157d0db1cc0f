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

from django.db.models import Exists, OuterRef, Q, QuerySet

from agreements.models import (
    AgreementVersion,
    Amendment,
    GovernanceBody,
    Party,
    Responsibility,
    Signature,
)
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


def public_positions(
    *, today: datetime.date, among: QuerySet[Position] | None = None
) -> QuerySet[Position]:
    """Positions named by a current published version. One query now (the snapshots of the
    divergent agreements and of the agreements with a governing body), one more when the
    returned queryset is evaluated. With `among` (one organisation's positions,
    or one position), only those are looked for: the same rule, but the database starts from
    the candidates' few rows instead of from every published agreement's owners."""
    agreements = published.published_agreements(on=today)
    # The divergent few, found from the open amendments and the versions not in effect yet
    # (then `cms.published.divergent_condition` itself), rather than by testing every agreement;
    # with the agreements that have a governing body, as plain IN-subqueries, so the database
    # lists those few agreements once and reads only their current snapshots.
    few = Q(pk__in=Amendment.objects.open().values("agreement")) | Q(
        pk__in=AgreementVersion.objects.filter(effective_date__gt=today).values("agreement")
    )
    divergent = agreements.filter(few).filter(published.divergent_condition(on=today))
    # The governed ones are found from the governing bodies (a few rows, through the index on
    # the agreement's body) rather than by testing every agreement for a body.
    governed = agreements.filter(governing_body__in=GovernanceBody.objects.values("pk"))
    snapshots = published.current_versions(on=today).filter(
        Q(agreement_id__in=divergent.values("pk")) | Q(agreement_id__in=governed.values("pk"))
    )
    from_snapshots: set[int] = set()
    for snapshot in snapshots.values_list("snapshot", flat=True):
        from_snapshots |= snapshot_position_ids(snapshot)
    current = published.current_versions(on=today)
    if among is None:
        relational = published.relational(agreements, on=today).values("pk")
        owners = Responsibility.objects.filter(agreement__in=relational)
        signatories = Party.objects.filter(agreement__in=relational)
        # Every office that signed a current published version (a party's second minister, a
        # later signature): recorded per version, so nothing of a working copy leaks.
        signed = Signature.objects.filter(version__in=current.values("pk"))
        positions = Position.objects.all()
    else:
        # Each candidate is tested on its own rows, and the database stops at the first readable
        # one: a busy organisation's positions answer for thousands of responsibilities, and
        # listing them all (IN) checked every one against the rule.
        readable = Exists(
            published.relational(agreements, on=today).filter(pk=OuterRef("agreement"))
        )
        owns = Responsibility.objects.filter(accountability_owner=OuterRef("pk")).filter(readable)
        signs = Party.objects.filter(signatory_position=OuterRef("pk")).filter(readable)
        signed = Signature.objects.filter(position=OuterRef("pk")).filter(
            Exists(current.filter(pk=OuterRef("version")))
        )
        return Position.objects.filter(pk__in=among.values("pk")).filter(
            Q(pk__in=from_snapshots) | Exists(owns) | Exists(signs) | Exists(signed)
        )
    return positions.filter(
        Q(pk__in=from_snapshots)
        | Q(pk__in=owners.values("accountability_owner"))
        | Q(pk__in=signatories.values("signatory_position"))
        | Q(pk__in=signed.values("position"))
    )
