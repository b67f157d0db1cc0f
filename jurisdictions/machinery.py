"""Machinery of government: organisations that begin, end, succeed one another and move between
parents, with the past structure kept for as-of views.

`Organization.parent` is the current parent; `OrganizationParentPeriod` rows keep the earlier
ones. `parent_on` answers "whom did this organisation report to on day D";
`organization_parent_change` moves an organisation and keeps the period it leaves. What the
agreements must do when an organisation changes (permission grants, successions) is orchestrated
from the agreements app (agreements.services.succession), which knows this one.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registry.audit import attribute

from .models import Organization, OrganizationParentPeriod, OrganizationSuccession

ONE_DAY = datetime.timedelta(days=1)
PARENT_UNCHANGED = _("{organization} already reports to this parent.")
PARENT_CHANGE_BEFORE_LAST = _(
    "{organization} last changed parent on {date}; a new change must come after it."
)


def parent_on(organization: Organization, day: datetime.date) -> Organization | None:
    """The organisation `organization` reported to on `day`: the parent of the recorded period
    covering that day, or its current parent when no past period covers it. One query (two when
    the current parent is not loaded)."""
    period = (
        OrganizationParentPeriod.objects.filter(organization=organization, end_date__gte=day)
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=day))
        .select_related("parent")
        .order_by("end_date")
        .first()
    )
    if period is not None:
        return period.parent
    return organization.parent


def lineage_on(organization: Organization, day: datetime.date) -> list[Organization]:
    """The organisation and the parents above it as they stood on `day`, nearest first."""
    chain, node = [], organization
    while node is not None and node.pk not in {o.pk for o in chain}:
        chain.append(node)
        node = parent_on(node, day)
    return chain


def _last_change(organization: Organization) -> datetime.date | None:
    """The day after the latest recorded period ended (when the current parent took over)."""
    last = (
        OrganizationParentPeriod.objects.filter(organization=organization)
        .order_by("-end_date")
        .values_list("end_date", flat=True)
        .first()
    )
    return last + ONE_DAY if last else None


@transaction.atomic
def organization_parent_change(
    *,
    organization: Organization,
    parent: Organization | None,
    on: datetime.date,
    by: AbstractBaseUser,
) -> Organization:
    """Move `organization` under `parent` from `on`, keeping the period under its former parent
    (which ends the day before) for as-of views. Raises ValidationError when the parent is the
    same, when the move would make a cycle, or when `on` is not after the last recorded change.

    The caller re-syncs agreement permission grants (the portfolio above the organisation
    changed): agreements.services.succession.organization_move does both."""
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    if organization.parent_id == (parent.pk if parent else None):
        raise ValidationError(PARENT_UNCHANGED.format(organization=organization))
    since = _last_change(organization)
    if since is not None and on <= since:
        raise ValidationError(
            PARENT_CHANGE_BEFORE_LAST.format(organization=organization, date=since.isoformat())
        )
    period = OrganizationParentPeriod(
        organization=organization,
        parent=organization.parent,
        start_date=since or organization.start_date,
        end_date=on - ONE_DAY,
    )
    period.full_clean()
    attribute(period, user=by, reason="parent changed")
    period.save()
    organization.parent = parent
    organization.full_clean()
    attribute(organization, user=by, reason="parent changed")
    organization.save()
    return organization


def successors_of(organization: Organization) -> list[OrganizationSuccession]:
    """What became of `organization`: its succession rows (with the successors), oldest first."""
    return list(
        OrganizationSuccession.objects.filter(predecessor=organization)
        .select_related("successor")
        .order_by("date", "pk")
    )


def predecessors_of(organization: Organization) -> list[OrganizationSuccession]:
    """The organisations `organization` took over from, oldest first."""
    return list(
        OrganizationSuccession.objects.filter(successor=organization)
        .select_related("predecessor")
        .order_by("date", "pk")
    )
