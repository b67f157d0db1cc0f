"""The accountability brief for a minister's office: what its organisations answer for.

For one organisation and the organisations under it (its portfolio): every responsibility of an
agreement in force whose accountable position sits in one of them, grouped by position, with the
position's holders today, each responsibility's status and next due date and its missed due
dates; the overdue due dates; the agreements expiring (or reaching their notice deadline) within
180 days; and the responsibilities with no accountable holder. Built as plain data, like a
version snapshot, then drawn by `agreements.pdf.render_accountability_brief_pdf`.

Reads go through `agreements.selectors` and `agreements.permissions.visible_agreements`, so a
brief never shows an agreement its reader may not see.
"""

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from agreements import permissions, selectors
from agreements.models import Agreement, Responsibility
from agreements.snapshots import bilingual_choice, bilingual_texts
from jurisdictions.models import Appointment, Organization, OrganizationRole, Position

WINDOW_DAYS = 180
ONE_DAY = datetime.timedelta(days=1)


def brief_organizations(user) -> QuerySet[Organization]:
    """The organisations whose accountability brief `user` may read: every one for registrars;
    for members of a minister's office, its organisation and the organisations under it."""
    if permissions.is_registrar(user):
        return Organization.objects.all()
    if not (user and user.is_authenticated and user.is_active):
        return Organization.objects.none()
    offices = OrganizationRole.objects.filter(
        role=OrganizationRole.Role.MINISTER, group__user=user
    ).values_list("organization_id", flat=True)
    return Organization.objects.filter(pk__in=Organization.objects.with_descendant_ids(offices))


def can_read_accountability_brief(user, organization: Organization) -> bool:
    """True for registrars and for the minister's office of `organization` or of an
    organisation above it."""
    return brief_organizations(user).filter(pk=organization.pk).exists()


def _position(position: Position | None, holders: dict[int, list]) -> dict[str, Any] | None:
    if position is None:
        return None
    return {
        "id": position.pk,
        "title": bilingual_texts(position, "title"),
        "organization": {
            "id": position.organization_id,
            "name": bilingual_texts(position.organization, "name"),
            "acronym": bilingual_texts(position.organization, "acronym"),
        },
        "holders": holders.get(position.pk, []),
    }


def holders_on(position_ids: set[int], day: datetime.date) -> dict[int, list[dict]]:
    """Position id → who held it on `day` ({"name", "acting"}), earliest appointment first. One
    query."""
    holders: dict[int, list[dict]] = defaultdict(list)
    appointments = (
        Appointment.objects.current_on(day)
        .filter(position_id__in=position_ids)
        .select_related("person")
        .order_by("start_date", "pk")
    )
    for appointment in appointments:
        holders[appointment.position_id].append(
            {"name": str(appointment.person), "acting": appointment.acting}
        )
    return holders


def _next_due(item: Responsibility, today: datetime.date) -> datetime.date | None:
    """The next due date from today on, within the agreement's term."""
    day = item.next_due(after=today - ONE_DAY)
    expiry = item.agreement.expiry_date
    return None if day is None or (expiry and day > expiry) else day


def accountability_brief(
    *, user, organization: Organization, today: datetime.date | None = None
) -> dict[str, Any]:
    """The brief for `organization` and the organisations under it, as `user` may see it.
    The caller checks `can_read_accountability_brief` first."""
    today = today or timezone.localdate()
    scope = Organization.objects.with_descendant_ids([organization.pk])
    visible = permissions.visible_agreements(user).values("pk")
    items = list(
        Responsibility.objects.filter(
            agreement__in=visible,
            agreement__state=Agreement.State.IN_FORCE,
            accountability_owner__organization_id__in=scope,
        )
        .select_related("agreement", "accountability_owner__organization")
        .order_by("agreement__reference", "sort_order", "pk")
    )
    in_scope = Q(accountability_owner__organization_id__in=scope) | Q(
        responsible_party__organization_id__in=scope
    )
    unowned = list(selectors.responsibilities_unowned(user=user, on=today).filter(in_scope))
    overdue = [
        obligation
        for obligation in selectors.obligations_overdue(user=user, today=today)
        if obligation.responsibility.accountability_owner_id
        and obligation.responsibility.accountability_owner.organization_id in scope
    ]
    expiring = (
        selectors.agreements_expiring(user=user, within_days=WINDOW_DAYS, today=today)
        .filter(parties__organization_id__in=scope)
        .distinct()
    )
    positions = {item.accountability_owner_id for item in items}
    positions |= {o.responsibility.accountability_owner_id for o in overdue}
    positions |= {item.accountability_owner_id for item in unowned if item.accountability_owner_id}
    holders = holders_on(positions, today)

    missed: dict[int, list[str]] = defaultdict(list)
    for obligation in overdue:
        missed[obligation.responsibility.pk].append(obligation.due_date.isoformat())
    grouped: dict[int, dict[str, Any]] = {}
    for item in items:
        owner = item.accountability_owner
        group = grouped.setdefault(owner.pk, {**_position(owner, holders), "responsibilities": []})
        next_due = _next_due(item, today)
        group["responsibilities"].append(
            {
                "reference": item.agreement.reference,
                "clause": item.clause,
                "text": bilingual_texts(item, "text"),
                "status": bilingual_choice(Responsibility.Status, item.status),
                "next_due": next_due.isoformat() if next_due else None,
                "overdue": missed.get(item.pk, []),
            }
        )
    scope_organizations = Organization.objects.filter(pk__in=scope).order_by("name_en")
    return {
        "as_of": today.isoformat(),
        "window_days": WINDOW_DAYS,
        "organizations": [
            {
                "id": organization.pk,
                **{f: bilingual_texts(organization, f) for f in ("name", "acronym")},
            }
        ],
        "scope": [
            {
                "id": org.pk,
                "name": bilingual_texts(org, "name"),
                "acronym": bilingual_texts(org, "acronym"),
            }
            for org in scope_organizations
        ],
        "positions": sorted(
            grouped.values(),
            key=lambda p: (p["organization"]["name"]["en"], p["title"]["en"], p["id"]),
        ),
        "overdue": [
            {
                "reference": o.agreement.reference,
                "clause": o.responsibility.clause,
                "text": bilingual_texts(o.responsibility, "text"),
                "position": _position(o.responsibility.accountability_owner, holders),
                "due_date": o.due_date.isoformat(),
            }
            for o in overdue
        ],
        "expiring": [
            {
                "reference": agreement.reference,
                "title": bilingual_texts(agreement, "title"),
                "expiry_date": agreement.expiry_date.isoformat(),
                "notice_deadline": selectors.notice_deadline(agreement).isoformat(),
            }
            for agreement in expiring
        ],
        "unowned": [
            {
                "reference": item.agreement.reference,
                "clause": item.clause,
                "text": bilingual_texts(item, "text"),
                "responsible_party": {
                    "name": bilingual_texts(item.responsible_party.organization, "name"),
                    "acronym": bilingual_texts(item.responsible_party.organization, "acronym"),
                },
                "position": _position(item.accountability_owner, holders),
            }
            for item in unowned
        ],
    }
