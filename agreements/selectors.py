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
from jurisdictions.models import Appointment, Person
from registry.compiled_query import CompiledQuery

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


_PERSON_NAMES = [f.name for f in Person._meta.concrete_fields]
_PERSON_ATTNAMES = [f.attname for f in Person._meta.concrete_fields]
# Who held some positions on a day, compiled once (registry.compiled_query): the public agreement
# page asks it on every request.
_HOLDERS = CompiledQuery(
    "holders-on-day",
    lambda position_ids, day: (
        Appointment.objects.current_on(day)
        .filter(position_id__in=position_ids)
        .order_by("start_date", "pk")
        .values_list("position_id", "acting", *(f"person__{name}" for name in _PERSON_NAMES))
    ),
)


def holders_by_position(version: AgreementVersion, *, on: datetime.date) -> dict[int, list[Holder]]:
    """Accountable position id → who held it on `on`, for the responsibilities of `version`: on
    the version's effective date from its snapshot (no query), on any other day from the
    appointments (one query)."""
    items = version.snapshot["responsibilities"]
    if on == version.effective_date:
        return {
            item["owner"]["id"]: [
                Holder(holder["person_id"], holder["name"], holder["acting"])
                for holder in item["owner"]["holders"]
            ]
            for item in items
            if item["owner"]
        }
    by_position = defaultdict(list)
    position_ids = sorted({item["owner"]["id"] for item in items if item["owner"]})
    if position_ids:
        for row in _HOLDERS.rows(position_ids=position_ids, day=on):
            person = Person.from_db("default", _PERSON_ATTNAMES, row[2:])
            by_position[row[0]].append(Holder(person.pk, str(person), row[1]))
    return by_position


def accountable_holders(
    version: AgreementVersion, *, on: datetime.date | None = None
) -> list[Accountability]:
    """For each responsibility of `version`, its accountable position and who held it on `on`.

    On the version's effective date (the default) the answer comes from the snapshot, with no
    query; on any other day from the appointments, in one query.
    """
    items = version.snapshot["responsibilities"]
    by_position = holders_by_position(version, on=on or version.effective_date)
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
    """The candidates without an ACCEPTED report: a report awaiting review or returned does not
    discharge its due date (overdue = a due occurrence without an accepted report)."""
    if not candidates:
        return []
    reported = set(
        Report.objects.filter(
            decision=Report.Decision.ACCEPTED,
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


def _under_review(*, user) -> QuerySet[Agreement]:
    """Agreements `user` may approve or return now that are under review: the agreement itself
    (state "review") or, in force, its open amendment. Oldest reference first."""
    amendment_in_review = Amendment.objects.filter(
        agreement=OuterRef("pk"), state=Amendment.State.REVIEW
    )
    return (
        permissions.agreements_user_can(user, permissions.Action.APPROVE)
        .filter(
            Q(state=Agreement.State.REVIEW)
            | Q(Exists(amendment_in_review), state=Agreement.State.IN_FORCE)
        )
        .order_by("reference")
    )


def awaiting_review(*, user) -> QuerySet[Agreement]:
    """Agreements under review (the agreement itself or, in force, its open amendment) on which
    a signing party `user` decides for has not decided in the current round (see
    `review_items`). Oldest reference first."""
    pending = {item.agreement.pk for item in review_items(user=user, with_steps=False)}
    return Agreement.objects.filter(pk__in=pending).order_by("reference")


@dataclass(frozen=True)
class Change:
    """One recorded edit of an agreement or of a row edited on it (party, responsibility)."""

    agreement_id: int
    reference: str
    what: str
    kind: str
    when: datetime.datetime
    who: str
    reason: str


def recent_changes(*, user, limit: int = 10) -> list[Change]:
    """The latest `limit` recorded edits (simple-history) of the agreements `user` may see and of
    their parties and responsibilities, newest first. Four queries, whatever the history size."""
    from agreements.models import Party

    visible = permissions.visible_agreements(user).values("pk")
    kinds = {"+": "created", "~": "changed", "-": "deleted"}
    sources = (
        (Agreement.history.filter(id__in=visible), "id", "agreement"),
        (Party.history.filter(agreement_id__in=visible), "agreement_id", "party"),
        (Responsibility.history.filter(agreement_id__in=visible), "agreement_id", "responsibility"),
    )
    rows = []
    for queryset, agreement_field, what in sources:
        for record in queryset.select_related("history_user").order_by(
            "-history_date", "-history_id"
        )[:limit]:
            rows.append((record, getattr(record, agreement_field), what))
    rows.sort(key=lambda row: row[0].history_date, reverse=True)
    rows = rows[:limit]
    references = dict(
        Agreement.objects.filter(pk__in={row[1] for row in rows}).values_list("pk", "reference")
    )
    return [
        Change(
            agreement_id=agreement_id,
            reference=references.get(agreement_id, ""),
            what=what,
            kind=kinds.get(record.history_type, record.history_type),
            when=record.history_date,
            who=str(record.history_user) if record.history_user else "",
            reason=record.history_change_reason or "",
        )
        for record, agreement_id, what in rows
    ]


def responsibilities_owned_by_dissolved(
    *, user, on: datetime.date | None = None
) -> QuerySet[Responsibility]:
    """Active obligations of agreements still running (not expired, terminated or superseded)
    that `user` may see, still owned by an organisation that no longer existed on `on` (today by
    default): their accountable position's organisation, or their responsible party's, has
    ended (dissolved, or ended without its positions moving to a successor). They need a new
    owner. Ordered by agreement reference and clause; one query when iterated."""
    day = on or timezone.localdate()
    ended = (Agreement.State.EXPIRED, Agreement.State.TERMINATED, Agreement.State.SUPERSEDED)
    return (
        Responsibility.objects.filter(
            agreement__in=permissions.visible_agreements(user).values("pk"),
            status=Responsibility.Status.ACTIVE,
        )
        .exclude(agreement__state__in=ended)
        .filter(
            Q(accountability_owner__organization__end_date__lt=day)
            | Q(responsible_party__organization__end_date__lt=day)
        )
        .select_related(
            "agreement",
            "accountability_owner__organization",
            "responsible_party__organization",
        )
        .order_by("agreement__reference", "clause", "pk")
    )


# --- Reviews: approval per signing party -------------------------------------------------------


@dataclass(frozen=True)
class ReviewItem:
    """An agreement (or its amendment) under review, with the signing parties `user` decides
    for that have not decided in the current round, and the gate steps each must complete."""

    agreement: Agreement
    amendment: Amendment | None
    round: int
    parties: list
    steps: dict[int, list]


def review_items(*, user, with_steps: bool = True) -> list[ReviewItem]:
    """What awaits `user`'s review: for each agreement under review that `user` may approve,
    the signing parties of the organisations whose minister's office `user` belongs to (or of
    the organisations under them; every party for registrars) that have not decided in this
    round. Oldest reference first. A fixed number of queries, whatever the number of rows
    (three fewer without the gate steps: `with_steps=False`)."""
    from agreements.models import AgreementTransition, Party, PartyApproval
    from agreements.services.approval_records import gate_steps

    deciders = permissions.party_decider_organization_ids(user)
    if deciders is not None and not deciders:
        return []
    agreements = list(_under_review(user=user))
    if not agreements:
        return []
    ids = [agreement.pk for agreement in agreements]
    amendments = {
        amendment.agreement_id: amendment
        for amendment in Amendment.objects.filter(
            agreement_id__in=ids, state=Amendment.State.REVIEW
        )
    }
    rounds = defaultdict(int)
    for agreement_id, amendment_id in AgreementTransition.objects.filter(
        agreement_id__in=ids, to_state=Agreement.State.REVIEW
    ).values_list("agreement_id", "amendment_id"):
        rounds[(agreement_id, amendment_id)] += 1
    decided = set(
        PartyApproval.objects.filter(agreement_id__in=ids, party__isnull=False).values_list(
            "party_id", "amendment_id", "round"
        )
    )
    parties = defaultdict(list)
    for party in (
        Party.objects.filter(agreement_id__in=ids)
        .exclude(role__in=Party.NON_SIGNING_ROLES)
        .select_related("organization__jurisdiction")
        .order_by("sort_order", "pk")
    ):
        if deciders is None or party.organization_id in deciders:
            parties[party.agreement_id].append(party)
    items = []
    for agreement in agreements:
        amendment = amendments.get(agreement.pk)
        amendment_id = amendment.pk if amendment else None
        current = rounds[(agreement.pk, amendment_id)]
        pending = [
            party
            for party in parties[agreement.pk]
            if (party.pk, amendment_id, current) not in decided
        ]
        if pending:
            items.append(ReviewItem(agreement, amendment, current, pending, {}))
    if not with_steps:
        return items
    steps = gate_steps(party for item in items for party in item.parties)
    for item in items:
        item.steps.update({party.pk: steps[party.pk] for party in item.parties})
    return items


@dataclass(frozen=True)
class PartyStatus:
    """One signing party's standing in the current round: its decision, if any."""

    party: object
    decision: object  # PartyApproval or None


def review_status(agreement: Agreement, amendment: Amendment | None = None) -> list[PartyStatus]:
    """Each signing party of `agreement` with its decision in the current review round of the
    agreement (or of `amendment`), including a return that ended the round."""
    from agreements.models import PartyApproval
    from agreements.models.approvals import review_round, signing_parties

    current = review_round(agreement, amendment)
    decisions = {
        decision.party_id: decision
        for decision in PartyApproval.objects.of_subject(agreement, amendment)
        .filter(round=current, party__isnull=False)
        .select_related("decided_by")
        .prefetch_related("steps")
    }
    return [PartyStatus(party, decisions.get(party.pk)) for party in signing_parties(agreement)]


@dataclass(frozen=True)
class LastReturn:
    """The latest return to negotiation of an agreement (or amendment), with its comment and,
    when a party returned it, that party's organisation."""

    comment: str
    actor: object
    at: datetime.datetime
    organization: object  # Organization or None


def last_return(agreement: Agreement, amendment: Amendment | None = None) -> LastReturn | None:
    """The latest return to negotiation from review or approval, or None. Two queries."""
    from agreements.models import AgreementTransition, PartyApproval

    entries = AgreementTransition.objects.filter(
        agreement=agreement,
        to_state=Agreement.State.NEGOTIATION,
        from_state__in=[Agreement.State.REVIEW, Agreement.State.APPROVED],
    )
    if amendment is None:
        entries = entries.filter(amendment__isnull=True)
    else:
        entries = entries.filter(amendment=amendment)
    entry = entries.select_related("actor").order_by("-at", "-pk").first()
    if entry is None:
        return None
    returned = (
        PartyApproval.objects.of_subject(agreement, amendment)
        .filter(
            decision=PartyApproval.Decision.RETURNED,
            decided_by=entry.actor,
            comment=entry.comment,
        )
        .select_related("organization")
        .order_by("-decided_at", "-pk")
        .first()
    )
    return LastReturn(
        comment=entry.comment,
        actor=entry.actor,
        at=entry.at,
        organization=returned.organization if returned else None,
    )
