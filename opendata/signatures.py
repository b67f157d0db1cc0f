"""Signatures given on a published version after it was recorded, as the API and the export show
them: a party signing a multilateral agreement already in force for the parties that had signed
(`agreements.services.signatures.signature_record_later`). The version's snapshot does not hold
them (a signed version never changes), so they are read from their `Signature` rows, as the
public agreement page does (cms/templates/cms/includes/agreement_signatures.html).

Query cost: `later_signatures(versions)` reads nothing for versions whose snapshot shows every
signing party signed (the only ones that can have later signatures are checked from the snapshot,
`may_have_later_signatures`); otherwise one query for the signatures and one for who held their
posts on the day they signed, whatever the number of versions.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

from django.db.models import Q

from agreements.models import AgreementVersion, Signature
from agreements.services.signatures import may_have_later_signatures, signature_status
from agreements.snapshots import bilingual_texts
from jurisdictions.models import Appointment


def later_signatures(versions: Iterable[AgreementVersion]) -> dict[int, list[Signature]]:
    """{version id: its later signatures, oldest first} of `versions` that have any. Each row
    has its post and organisation loaded, and `holders`: who held the post on the day it signed
    (`{"person_id", "name", "acting"}`, as `signature_record_later` named them)."""
    candidates = [version.pk for version in versions if may_have_later_signatures(version.snapshot)]
    if not candidates:
        return {}
    rows = list(
        Signature.objects.filter(version_id__in=candidates, later=True)
        .select_related("organization", "position__organization")
        .order_by("version_id", "signed_date", "sort_order", "pk")
    )
    _holders_attach(rows)
    found: dict[int, list[Signature]] = defaultdict(list)
    for row in rows:
        found[row.version_id].append(row)
    return dict(found)


def _holders_attach(rows: list[Signature]) -> None:
    """Set each row's `holders` from the appointments current on its day (one query)."""
    dated = [row for row in rows if row.position_id is not None]
    for row in rows:
        row.holders = []
    if not dated:
        return
    first = min(row.signed_date for row in dated)
    last = max(row.signed_date for row in dated)
    appointments = (
        Appointment.objects.filter(
            position_id__in={row.position_id for row in dated}, start_date__lte=last
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
        .select_related("person")
        .order_by("start_date", "pk")
    )
    by_position: dict[int, list[Appointment]] = defaultdict(list)
    for appointment in appointments:
        by_position[appointment.position_id].append(appointment)
    for row in dated:
        row.holders = [
            {"person_id": a.person_id, "name": str(a.person), "acting": a.acting}
            for a in by_position[row.position_id]
            if _current_on(a, row.signed_date)
        ]


def _current_on(appointment: Appointment, day: datetime.date) -> bool:
    """As `Appointment.objects.current_on(day)`."""
    return appointment.start_date <= day and (
        appointment.end_date is None or appointment.end_date >= day
    )


def later_signature(row: Signature) -> dict[str, Any]:
    """A later signature in the API's party signature shape (`schemas.PartySignature`)."""
    position = row.position
    signatory = None
    if position is not None:
        signatory = {
            "id": position.pk,
            "label": bilingual_texts(position, "title"),
            "organization_id": position.organization.slug,
            "organization_name": bilingual_texts(position.organization, "name"),
            "holders_on": row.signed_date.isoformat(),
            "holders": row.holders,
        }
    return {"signatory": signatory, "signed_date": row.signed_date.isoformat(), "later": True}


def signing_status(snapshot: dict[str, Any], later: list[Signature]) -> dict[str, Any]:
    """Who signed the version: the page's "Signed by N of M parties" and, for an agreement in
    force for the parties that signed, those that have not signed yet (`schemas.SigningStatus`),
    counted by the page's own rule (`signature_status`)."""
    numbers = {
        party["organization"]["slug"]: party["organization"]["id"] for party in snapshot["parties"]
    }
    # The snapshot names organisations by the numbers of the registry that signed the version,
    # which an imported registry may number otherwise: each signature is matched by slug.
    matched = [
        SimpleNamespace(
            organization_id=numbers.get(row.organization.slug),
            position=row.position,
            holder_name=row.holder_name,
            signed_date=row.signed_date,
        )
        for row in later
    ]
    status = signature_status(snapshot, matched)
    return {
        "signed_count": status.signed_count,
        "signing_count": status.signing_count,
        "in_force_for_signatories_only": status.partial,
        "not_signed": [party["organization"]["slug"] for party in status.not_signed],
    }


def later_signature_record(row: Signature) -> dict[str, Any]:
    """A later signature as the export records it with its version (`versions.json`), for
    `import_agreements` to record it again: who signed, for whom, when, and when the registry
    recorded it."""
    return {
        "organization": row.organization.slug,
        "signatory": row.position_id,
        "holder_name": row.holder_name,
        "signed": row.signed_date.isoformat(),
        "recorded_at": row.recorded_at.isoformat(),
    }
