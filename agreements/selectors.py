"""Reads about agreements over time: which version applied on a date, who was accountable, what
falls due, what is overdue or unowned, what expires soon.

Staff-facing selectors take the `user` and only look at agreements that user may see
(`permissions.visible_agreements`). Query counts do not grow with the number of rows.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from agreements import permissions, recurrence
from agreements.models import Agreement, AgreementVersion, Amendment, Report, Responsibility
from jurisdictions.models import Appointment

ONE_DAY = datetime.timedelta(days=1)


def version_in_force(agreement: Agreement, *, on: datetime.date) -> AgreementVersion | None:
    """The version of `agreement` that applied on `on`, or None (not yet in effect, or ended)."""
    return AgreementVersion.objects.filter(agreement=agreement).in_force_on(on).first()


@dataclass(frozen=True)
class Holder:
    person_id: int
    name: str
    acting: bool


@dataclass(frozen=True)
class Accountability:
    """Who answered for one responsibility of a version on a given day."""

    responsibility_id: int
    clause: str
    text: dict[str, str]
    position_id: int | None
    position_title: dict[str, str]
    organization_name: dict[str, str]
    holders: list[Holder] = field(default_factory=list)

    @property
    def vacant(self) -> bool:
        return not self.holders


def accountable_holders(
    version: AgreementVersion, *, on: datetime.date | None = None
) -> list[Accountability]:
    """For each responsibility of `version`, its accountable position and who held it on `on`.

    On the version's effective date (the default) the answer comes from the snapshot, with no
    query; on any other day from the appointments, in one query.
    """
    items = version.snapshot["responsibilities"]
    day = on or version.effective_date
    if day == version.effective_date:
        by_position = {
            item["owner"]["id"]: [
                Holder(holder["person_id"], holder["name"], holder["acting"])
                for holder in item["owner"]["holders"]
            ]
            for item in items
            if item["owner"]
        }
    else:
        by_position = defaultdict(list)
        position_ids = {item["owner"]["id"] for item in items if item["owner"]}
        appointments = (
            Appointment.objects.current_on(day)
            .filter(position_id__in=position_ids)
            .select_related("person")
            .order_by("start_date", "pk")
        )
        for appointment in appointments:
            by_position[appointment.position_id].append(
                Holder(appointment.person_id, str(appointment.person), appointment.acting)
            )
    return [
        Accountability(
            responsibility_id=item["id"],
            clause=item["clause"],
            text=item["text"],
            position_id=item["owner"]["id"] if item["owner"] else None,
            position_title=item["owner"]["title"] if item["owner"] else {"en": "", "fr": ""},
            organization_name=(
                item["owner"]["organization"]["name"] if item["owner"] else {"en": "", "fr": ""}
            ),
            holders=list(by_position.get(item["owner"]["id"], [])) if item["owner"] else [],
        )
        for item in items
    ]


def accountable_on(agreement: Agreement, *, on: datetime.date) -> list[Accountability]:
    """Who was accountable for each responsibility of `agreement` as it stood on `on`: the
    version in force that day, with the people holding its positions that day."""
    version = version_in_force(agreement, on=on)
    return accountable_holders(version, on=on) if version else []


@dataclass(frozen=True)
class Obligation:
    """One due date of one responsibility."""

    responsibility: Responsibility
    due_date: datetime.date

    @property
    def agreement(self) -> Agreement:
        return self.responsibility.agreement


def _tracked_responsibilities(user) -> list[Responsibility]:
    """Active responsibilities with due dates, of agreements in force that `user` may see.
    Responsibilities added under an open amendment are left out until it is signed."""
    visible = permissions.visible_agreements(user).values("pk")
    items = list(
        Responsibility.objects.filter(
            agreement__in=visible,
            agreement__state=Agreement.State.IN_FORCE,
            status=Responsibility.Status.ACTIVE,
        )
        .filter(Q(due_date__isnull=False) | ~Q(recurrence=recurrence.Recurrence.NONE))
        .select_related(
            "agreement", "responsible_party__organization", "accountability_owner__organization"
        )
        .order_by("agreement__reference", "sort_order", "pk")
    )
    amended = set(
        Amendment.objects.open()
        .filter(agreement_id__in={item.agreement_id for item in items})
        .values_list("agreement_id", flat=True)
    )
    if not amended:
        return items
    signed: dict[int, set[int]] = defaultdict(set)
    latest = AgreementVersion.objects.filter(agreement_id__in=amended).order_by(
        "agreement_id", "-number"
    )
    seen = set()
    for version in latest.only("agreement_id", "number", "snapshot"):
        if version.agreement_id in seen:
            continue
        seen.add(version.agreement_id)
        signed[version.agreement_id] = {r["id"] for r in version.snapshot["responsibilities"]}
    return [
        item
        for item in items
        if item.agreement_id not in amended or item.pk in signed[item.agreement_id]
    ]


def _due_dates(item: Responsibility, start: datetime.date, end: datetime.date):
    agreement = item.agreement
    start = max(start, agreement.effective_date) if agreement.effective_date else start
    if agreement.expiry_date:
        end = min(end, agreement.expiry_date)
    return recurrence.due_dates_between(
        recurrence=item.recurrence,
        anchor=item.recurrence_anchor,
        due_date=item.due_date,
        start=start,
        end=end,
    )


def _unreported(candidates: list[Obligation]) -> list[Obligation]:
    if not candidates:
        return []
    reported = set(
        Report.objects.filter(
            responsibility_id__in={o.responsibility.pk for o in candidates},
            due_date__gte=min(o.due_date for o in candidates),
            due_date__lte=max(o.due_date for o in candidates),
        ).values_list("responsibility_id", "due_date")
    )
    return [o for o in candidates if (o.responsibility.pk, o.due_date) not in reported]


def obligations_due(
    *, user, within_days: int = 30, today: datetime.date | None = None
) -> list[Obligation]:
    """Due dates from today to `within_days` ahead that have no report yet, soonest first."""
    today = today or timezone.localdate()
    end = today + datetime.timedelta(days=within_days)
    candidates = [
        Obligation(item, day)
        for item in _tracked_responsibilities(user)
        for day in _due_dates(item, today, end)
    ]
    return sorted(_unreported(candidates), key=lambda o: (o.due_date, o.responsibility.pk))


def obligations_overdue(*, user, today: datetime.date | None = None) -> list[Obligation]:
    """Due dates before today, since the agreement took effect, with no report: one entry per
    missed due date, oldest first."""
    today = today or timezone.localdate()
    candidates = []
    for item in _tracked_responsibilities(user):
        start = item.agreement.effective_date or item.recurrence_anchor or item.due_date
        candidates.extend(Obligation(item, day) for day in _due_dates(item, start, today - ONE_DAY))
    return sorted(_unreported(candidates), key=lambda o: (o.due_date, o.responsibility.pk))


def responsibilities_unowned(*, user, on: datetime.date | None = None) -> QuerySet[Responsibility]:
    """Active responsibilities of agreements not yet ended that have no accountable position, or
    whose position no one holds on `on` (today by default)."""
    day = on or timezone.localdate()
    held = Appointment.objects.current_on(day).filter(position=OuterRef("accountability_owner"))
    return (
        Responsibility.objects.filter(
            agreement__in=permissions.visible_agreements(user).values("pk"),
            status=Responsibility.Status.ACTIVE,
        )
        .exclude(
            agreement__state__in=[
                Agreement.State.EXPIRED,
                Agreement.State.TERMINATED,
                Agreement.State.SUPERSEDED,
            ]
        )
        .filter(Q(accountability_owner__isnull=True) | ~Exists(held))
        .select_related(
            "agreement", "responsible_party__organization", "accountability_owner__organization"
        )
        .order_by("agreement__reference", "sort_order", "pk")
    )


def notice_deadline(agreement: Agreement) -> datetime.date | None:
    """The last day a party can give notice not to renew: expiry date minus the notice period."""
    if agreement.expiry_date is None:
        return None
    return agreement.expiry_date - datetime.timedelta(days=agreement.notice_period_days)


def agreements_expiring(
    *, user, within_days: int = 90, today: datetime.date | None = None
) -> QuerySet[Agreement]:
    """Agreements in force, not yet expired, whose notice deadline (expiry date minus the notice
    period) falls within `within_days` from today, or has already passed: the parties must
    decide on renewal before then. Soonest expiry first; see `notice_deadline`.

    Date-minus-column arithmetic differs between SQLite and PostgreSQL, so the deadline is
    computed here over the few candidates that could qualify (two small queries), and the
    result is an ordinary queryset.
    """
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=within_days)
    in_force = permissions.visible_agreements(user).filter(
        state=Agreement.State.IN_FORCE, expiry_date__gte=today
    )
    longest = in_force.aggregate(longest=Max("notice_period_days"))["longest"] or 0
    candidates = in_force.filter(
        expiry_date__lte=horizon + datetime.timedelta(days=longest)
    ).values_list("pk", "expiry_date", "notice_period_days")
    chosen = [
        pk
        for pk, expiry_date, notice_days in candidates
        if expiry_date - datetime.timedelta(days=notice_days) <= horizon
    ]
    return Agreement.objects.filter(pk__in=chosen).order_by("expiry_date", "reference")
