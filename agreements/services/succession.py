"""Machinery-of-government changes, as the agreements see them: an organisation renamed, merged
into another, split, or dissolved, in one step.

`organization_succeed` records the succession and, when there is a successor, moves to it what
the predecessor carried: its positions (their appointments stay with them, so who held an
office is unchanged), its sub-units, its parties in open agreements (with the obligations those
parties are responsible for) and its financial commitments in those agreements. Every moved row
is recorded in history with the reason "inherited from <predecessor>", and the agreements'
object-permission grants are recomputed in the same transaction, so the successor's staff gain
access and the predecessor's lose it.

Signed versions are never touched: their snapshots keep the names as signed. Agreements that
ended (expired, terminated, superseded) keep the predecessor as their party: that is who they
bound.

Lives in agreements because jurisdictions must not import agreements (docs/decisions/0015).
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.utils.translation import gettext_lazy as _

from agreements.models import (
    Agreement,
    AgreementVersion,
    FinancialCommitment,
    Party,
    Responsibility,
)
from agreements.services.parties import agreement_grants_sync, organization_grants_sync
from jurisdictions.machinery import ONE_DAY, organization_parent_change
from jurisdictions.models import Organization, OrganizationSuccession, Position
from jurisdictions.roles import is_registrar
from registry.audit import attribute

Kind = OrganizationSuccession.Kind

# Agreements still binding their parties: a succession moves their parties to the successor.
ENDED_STATES = frozenset(
    {Agreement.State.EXPIRED, Agreement.State.TERMINATED, Agreement.State.SUPERSEDED}
)

ONLY_REGISTRARS = _("Only registrars record machinery-of-government changes.")
ALREADY_ENDED = _("{organization} already ended on {date}; it cannot be succeeded again.")
SUCCESSOR_ENDED = _("{organization} ended on {date}; choose a successor that still exists.")
BEFORE_START = _("{organization} was only established on {date}.")
ONE_SUCCESSOR = _("A renamed or merged organisation has exactly one successor.")
SPLIT_NEEDS_TWO = _("A split needs at least two successors.")
DISSOLVED_NO_SUCCESSOR = _("A dissolved organisation has no successor.")
SUCCESSOR_NEEDED = _("Choose the organisation that takes over.")
SAME_ORGANIZATION = _("An organisation cannot succeed itself.")
TITLE_CLASH = _(
    "{successor} already has positions with these titles: {titles}. Rename one of each pair "
    "before recording the succession."
)

INHERITED = "inherited from {name}"


@dataclass(frozen=True)
class SuccessionResult:
    """What `organization_succeed` recorded and moved."""

    successions: list[OrganizationSuccession]
    positions: int
    parties: int
    responsibilities: int
    commitments: int
    agreements: int
    sub_units: int


def _check(
    *,
    predecessor: Organization,
    successors: list[Organization],
    kind: str,
    date: datetime.date,
) -> None:
    if predecessor.end_date is not None:
        raise ValidationError(
            ALREADY_ENDED.format(organization=predecessor, date=predecessor.end_date.isoformat())
        )
    if predecessor.start_date is not None and date <= predecessor.start_date:
        raise ValidationError(
            BEFORE_START.format(organization=predecessor, date=predecessor.start_date.isoformat())
        )
    if kind == Kind.DISSOLVED:
        if successors:
            raise ValidationError(DISSOLVED_NO_SUCCESSOR)
        return
    if not successors:
        raise ValidationError(SUCCESSOR_NEEDED)
    if kind in (Kind.RENAMED, Kind.MERGED_INTO) and len(successors) != 1:
        raise ValidationError(ONE_SUCCESSOR)
    if kind == Kind.SPLIT_INTO and len({s.pk for s in successors}) < 2:
        raise ValidationError(SPLIT_NEEDS_TWO)
    for successor in successors:
        if successor.pk == predecessor.pk:
            raise ValidationError(SAME_ORGANIZATION)
        if successor.end_date is not None and successor.end_date < date:
            raise ValidationError(
                SUCCESSOR_ENDED.format(organization=successor, date=successor.end_date.isoformat())
            )


def _move_positions(predecessor: Organization, successor: Organization, by, reason: str) -> int:
    positions = list(Position.objects.select_for_update().filter(organization=predecessor))
    taken = set(
        Position.objects.filter(
            organization=successor, title_en__in=[p.title_en for p in positions]
        ).values_list("title_en", flat=True)
    )
    if taken:
        raise ValidationError(
            TITLE_CLASH.format(
                successor=successor, titles=", ".join(f"“{t}”" for t in sorted(taken))
            )
        )
    for position in positions:
        position.organization = successor
        attribute(position, user=by, reason=reason)
        position.save()
    return len(positions)


def _move_sub_units(
    predecessor: Organization, successor: Organization, date: datetime.date, by
) -> int:
    children = list(Organization.objects.filter(parent=predecessor).order_by("pk"))
    for child in children:
        organization_parent_change(organization=child, parent=successor, on=date, by=by)
    return len(children)


def _move_party(party: Party, successor: Organization, by, reason: str) -> tuple[int, int]:
    """Hand `party` to `successor`: (parties moved, obligations moved)."""
    obligations = list(Responsibility.objects.filter(responsible_party=party))
    existing = (
        Party.objects.filter(agreement_id=party.agreement_id, organization=successor)
        .exclude(pk=party.pk)
        .first()
    )
    if existing is None:
        party.organization = successor
        attribute(party, user=by, reason=reason)
        party.save()
        return 1, len(obligations)
    # The successor is already a party (a merger): its party takes over the obligations. The
    # predecessor's party leaves an agreement never signed; one that signed stays, since its
    # signatures and approvals are part of the signed record (an amendment may remove it).
    for item in obligations:
        item.responsible_party = existing
        attribute(item, user=by, reason=reason)
        item.save()
    if not AgreementVersion.objects.filter(agreement_id=party.agreement_id).exists():
        try:
            with transaction.atomic():
                attribute(party, user=by, reason=reason)
                party.delete()
        except ProtectedError:
            pass  # something still refers to it: it stays, without obligations
    return 1, len(obligations)


@transaction.atomic
def organization_succeed(
    *,
    predecessor: Organization,
    kind: str,
    date: datetime.date,
    by: AbstractBaseUser,
    successor: Organization | None = None,
    other_successors: Sequence[Organization] = (),
) -> SuccessionResult:
    """Record that `predecessor` ended the day before `date` because it was renamed, merged into
    `successor`, split (into `successor` and `other_successors`) or dissolved (no successor),
    and move what it carried to `successor` in this one transaction (see the module docstring).

    In a split, `successor` is the body that continues the predecessor's work and receives what
    moves; the others are recorded as successors too, and a registrar reassigns to them
    afterwards whatever they took over.

    Raises PermissionDenied unless `by` is a registrar; ValidationError when the predecessor
    already ended, the successors do not fit the kind, a successor no longer exists, or the
    successor already has a position with the title of one being moved.
    """
    if not is_registrar(by):
        raise PermissionDenied(ONLY_REGISTRARS)
    predecessor = Organization.objects.select_for_update().get(pk=predecessor.pk)
    successors = [s for s in [successor, *other_successors] if s is not None]
    _check(predecessor=predecessor, successors=successors, kind=kind, date=date)

    successions = []
    for each in successors or [None]:
        succession = OrganizationSuccession(
            predecessor=predecessor, successor=each, kind=kind, date=date
        )
        succession.full_clean()
        attribute(succession, user=by, reason="succession recorded")
        succession.save()
        successions.append(succession)

    predecessor.end_date = date - ONE_DAY
    predecessor.full_clean()
    attribute(predecessor, user=by, reason=str(Kind(kind).label).lower())
    predecessor.save()

    if successor is None:
        return SuccessionResult(successions, 0, 0, 0, 0, 0, 0)

    if successor.start_date is None and kind == Kind.RENAMED:
        successor.start_date = date
        attribute(successor, user=by, reason=f"renamed from {predecessor.name_en}")
        successor.save()

    reason = INHERITED.format(name=predecessor.name_en)
    positions = _move_positions(predecessor, successor, by, reason)
    sub_units = _move_sub_units(predecessor, successor, date, by)

    open_agreements = Agreement.objects.filter(
        Q(parties__organization=predecessor)
        | Q(financial_commitments__funder=predecessor)
        | Q(financial_commitments__recipient=predecessor)
    ).exclude(state__in=ENDED_STATES)
    agreement_ids = sorted(set(open_agreements.values_list("pk", flat=True)))
    # Lock the agreements (in a fixed order) so no edit form saves over the move.
    list(Agreement.objects.select_for_update().filter(pk__in=agreement_ids).order_by("pk"))

    parties = responsibilities = 0
    for party in Party.objects.filter(agreement_id__in=agreement_ids, organization=predecessor):
        moved_parties, moved_items = _move_party(party, successor, by, reason)
        parties += moved_parties
        responsibilities += moved_items

    commitments = 0
    for item in FinancialCommitment.objects.filter(agreement_id__in=agreement_ids).filter(
        Q(funder=predecessor) | Q(recipient=predecessor)
    ):
        if item.funder_id == predecessor.pk:
            item.funder = successor
        if item.recipient_id == predecessor.pk:
            item.recipient = successor
        attribute(item, user=by, reason=reason)
        item.save()
        commitments += 1

    for agreement in Agreement.objects.filter(pk__in=agreement_ids).order_by("pk"):
        agreement_grants_sync(agreement=agreement)
    if sub_units:
        # The sub-units' agreements now sit in the successor's portfolio.
        organization_grants_sync(organization=successor)

    return SuccessionResult(
        successions=successions,
        positions=positions,
        parties=parties,
        responsibilities=responsibilities,
        commitments=commitments,
        agreements=len(agreement_ids),
        sub_units=sub_units,
    )


@transaction.atomic
def organization_move(
    *,
    organization: Organization,
    parent: Organization | None,
    on: datetime.date,
    by: AbstractBaseUser,
) -> Organization:
    """Move `organization` under `parent` from `on` (keeping the former parent's period for
    as-of views) and recompute the grants of the agreements whose portfolio changed. Raises
    PermissionDenied unless `by` is a registrar; ValidationError as
    `jurisdictions.machinery.organization_parent_change`."""
    if not is_registrar(by):
        raise PermissionDenied(ONLY_REGISTRARS)
    organization = organization_parent_change(
        organization=organization, parent=parent, on=on, by=by
    )
    organization_grants_sync(organization=organization)
    return organization
