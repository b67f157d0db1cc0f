"""Signatures per party, per version.

Writes:
- `amendment_signing_days` (a check): the day each party signed an amendment, when the parties
  signed on different days (or one has not signed yet, UN-style), for `amendment_sign`.
- `version_signatures_record`: when a version is recorded, one `Signature` row per signature
  its snapshot holds (called by `version_record`, inside the signing transaction).
- `signature_record_later`: a party signs an agreement already in force for the parties that
  had signed (a multilateral agreement with `in_force_for_signatories_only`). The signature is
  recorded against the current version without a new version (docs/decisions/0016).

Reads (pure, from a version's snapshot plus its later signatures):
- `snapshot_party_signatures`: a party's signatures as a version recorded them, reading
  snapshots written before signatures had their own key (schema 1) too.
- `signature_status`: who signed a version, "signed by N of M", and for whom it is in force.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements import lifecycle, permissions
from agreements.lifecycle import TransitionError
from agreements.models import Agreement, AgreementVersion, Party, Signatory, Signature
from agreements.models.signatures import MULTILATERAL_PARTIES, PARTIAL_MINIMUM_SIGNED
from agreements.permissions import Action
from agreements.published_read_model import read_model_refresh_one
from jurisdictions.models import Appointment
from registry.audit import acting_as, attribute

LATER_NOT_IN_FORCE = _("Only an agreement in force can receive a later signature.")
LATER_NOT_PARTIAL = _(
    "This agreement is not in force for the parties that signed only: every party signed it "
    "before it came into force."
)
LATER_NOT_SIGNING = _("{party} does not sign this agreement.")
LATER_ALREADY_SIGNED = _("{party} has already signed version {number}.")
LATER_NO_SIGNATORY = _("A signature needs the office that signs for {party}.")
LATER_DATE_IN_FUTURE = _("A signature cannot be dated after today.")
LATER_DATE_BEFORE_VERSION = _(
    "A later signature cannot be dated before version {number} took effect ({day})."
)
AMENDMENT_PARTY_AFTER_LAST = _(
    "{party} signed on {day}, after the date the last party signed ({last})."
)
AMENDMENT_LAST_NOT_A_PARTY_DATE = _(
    "The last party signed on {day}: the date the last party signed must be that day."
)
AMENDMENT_UNKNOWN_PARTY = _("A signature date names a party that is not in this agreement.")
AMENDMENT_PARTY_MUST_SIGN = _(
    "{party} must sign the amendment: only a multilateral agreement in force for the parties "
    "that signed lets a party sign later."
)


# --- Reading -------------------------------------------------------------------------------------


def snapshot_party_signatures(party: dict[str, Any]) -> list[dict[str, Any]]:
    """The signatures a version recorded for `party` (a snapshot's party entry): a list of
    `{"signatory": <position with holders>, "signed_date": "YYYY-MM-DD"}`.

    Snapshots of schema 1 have no "signatures" key: their party's one signatory and date stand
    for it (an empty list when the party had no signature date)."""
    if "signatures" in party:
        return list(party["signatures"])
    if not party.get("signs", True) or not party.get("signed_date"):
        return []
    return [{"signatory": party.get("signatory"), "signed_date": party["signed_date"]}]


def _holder_names(signatory: dict[str, Any] | None) -> list[str]:
    return [holder["name"] for holder in (signatory or {}).get("holders", [])]


def _holders(signatory: dict[str, Any] | None) -> list[dict[str, Any]]:
    return [
        {"name": holder["name"], "acting": bool(holder.get("acting"))}
        for holder in (signatory or {}).get("holders", [])
    ]


@dataclass(frozen=True)
class SignatureLine:
    """One signatory's signature, ready to display."""

    title: dict[str, str] | None
    holders: list[dict[str, Any]]  # {"name", "acting"}
    signed_date: datetime.date | None
    later: bool = False


@dataclass
class PartySignatures:
    party: dict[str, Any]
    lines: list[SignatureLine] = field(default_factory=list)

    @property
    def signed(self) -> bool:
        return bool(self.lines)


@dataclass
class SignatureStatus:
    """Who signed one version: each signing party with its signatures (those recorded with the
    version, then any given later), how many parties signed, and for whom it is in force."""

    parties: list[PartySignatures]
    partial: bool

    @property
    def signing_count(self) -> int:
        return len(self.parties)

    @property
    def signed_count(self) -> int:
        return sum(1 for entry in self.parties if entry.signed)

    @property
    def all_signed(self) -> bool:
        return self.signed_count == self.signing_count

    @property
    def in_force_for(self) -> list[dict[str, Any]]:
        """The parties the version applies to when it is in force for its signatories only."""
        return [entry.party for entry in self.parties if entry.signed]

    @property
    def not_signed(self) -> list[dict[str, Any]]:
        return [entry.party for entry in self.parties if not entry.signed]


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def signature_status(
    snapshot: dict[str, Any], later: list[Signature] | tuple = ()
) -> SignatureStatus:
    """The signatures of the version whose snapshot is `snapshot`, with `later` (its `Signature`
    rows marked later, positions loaded) added to their parties. No query."""
    later_by_organization: dict[int, list[Signature]] = {}
    for row in later:
        later_by_organization.setdefault(row.organization_id, []).append(row)
    entries = []
    for party in snapshot.get("parties", []):
        if not party.get("signs", True):
            continue
        lines = [
            SignatureLine(
                title=(item.get("signatory") or {}).get("title"),
                holders=_holders(item.get("signatory")),
                signed_date=_date(item.get("signed_date")),
            )
            for item in snapshot_party_signatures(party)
        ]
        for row in later_by_organization.get(party["organization"]["id"], []):
            title = None
            if row.position is not None:
                title = {"en": row.position.title_en, "fr": row.position.title_fr or ""}
            holders = [{"name": row.holder_name, "acting": False}] if row.holder_name else []
            lines.append(SignatureLine(title, holders, row.signed_date, later=True))
        entries.append(PartySignatures(party=party, lines=lines))
    partial = (
        bool(snapshot.get("agreement", {}).get("in_force_for_signatories_only"))
        and len(entries) >= MULTILATERAL_PARTIES
    )
    return SignatureStatus(parties=entries, partial=partial)


def may_have_later_signatures(snapshot: dict[str, Any]) -> bool:
    """Whether a signing party of this version had not signed it when it was recorded (only
    then can a later signature exist, so only then is it worth a query)."""
    status = signature_status(snapshot)
    return status.partial and not status.all_signed


def later_signatures(version: AgreementVersion) -> list[Signature]:
    """The signatures given on `version` after it was recorded (one query)."""
    return list(
        Signature.objects.filter(version=version, later=True)
        .select_related("position")
        .order_by("signed_date", "sort_order", "pk")
    )


def version_signature_status(version: AgreementVersion) -> SignatureStatus:
    """`signature_status` of `version`, with its later signatures (queried only when it can
    have any)."""
    snapshot = version.snapshot
    later = later_signatures(version) if may_have_later_signatures(snapshot) else []
    return signature_status(snapshot, later)


# --- Writing -------------------------------------------------------------------------------------


def version_signatures_record(
    *, version: AgreementVersion, by: AbstractBaseUser
) -> list[Signature]:
    """One `Signature` row per signature in the new version's snapshot. Runs inside the signing
    transaction, right after the version row is written."""
    party_ids = Party.objects.filter(agreement_id=version.agreement_id).values_list("pk", flat=True)
    rows = version_signature_rows(version=version, by=by, parties={pk: pk for pk in party_ids})
    with acting_as(by):
        for row in rows:
            attribute(row, user=by, reason=f"signed version {version.number}")
            row.save()
    return rows


def version_signature_rows(
    *, version: AgreementVersion, by: AbstractBaseUser, parties: Mapping[int, int]
) -> list[Signature]:
    """The `Signature` rows (unsaved) of the signatures in `version`'s snapshot; `parties` maps
    a snapshot party's id to the agreement's party row (a party it does not list is left
    empty: it was removed since). No query."""
    rows = []
    for party in version.snapshot.get("parties", []):
        for item in snapshot_party_signatures(party):
            signatory = item.get("signatory") or {}
            rows.append(
                Signature(
                    version=version,
                    party_id=parties.get(party["id"]),
                    organization_id=party["organization"]["id"],
                    position_id=signatory.get("id"),
                    holder_name=", ".join(_holder_names(signatory)),
                    signed_date=_date(item["signed_date"]),
                    sort_order=len(rows),
                    recorded_by=by,
                    recorded_at=version.created_at,
                )
            )
    return rows


def amendment_signing_days(
    *,
    agreement: Agreement,
    signed_date: datetime.date,
    party_dates: Mapping[int, datetime.date | None],
    today: datetime.date,
) -> dict[int, datetime.date | None]:
    """Check the day each party named in `party_dates` ({party id: day, or None when it has not
    signed yet}) signed an amendment of `agreement` whose last signature is `signed_date`, and
    return them. A party not named signs on `signed_date` (or, in an agreement in force for the
    parties that signed, stays unsigned if it never signed). Pure but for reading the parties.

    Raises TransitionError naming each problem: a party that does not sign this agreement, a day
    after `signed_date` or after today, `signed_date` matching no party's day when every party
    that signed has its own, a party left unsigned in an agreement that must be signed by all,
    or too few parties signing an agreement in force for the parties that signed. With no
    `party_dates` it checks nothing and returns {} (every party signs on `signed_date`)."""
    if not party_dates:
        return {}
    signing = [p for p in agreement.parties.select_related("organization") if p.signs]
    partial = lifecycle.partial_entry_allowed(agreement, len(signing))
    by_id = {party.pk: party for party in signing}
    problems = []
    strangers = Party.objects.filter(agreement=agreement, pk__in=set(party_dates) - set(by_id))
    for party in strangers.select_related("organization").order_by("pk"):
        problems.append(LATER_NOT_SIGNING.format(party=party.organization))
    if set(party_dates) - set(by_id) - {party.pk for party in strangers}:
        problems.append(AMENDMENT_UNKNOWN_PARTY)
    days = {}
    for party in signing:
        name = str(party.organization)
        if party.pk in party_dates:
            day = party_dates[party.pk]
        else:
            day = signed_date if (party.signed_date or not partial) else None
        days[party.pk] = day
        if day is None:
            if not partial:
                problems.append(AMENDMENT_PARTY_MUST_SIGN.format(party=name))
            continue
        if day > signed_date:
            problems.append(
                AMENDMENT_PARTY_AFTER_LAST.format(
                    party=name, day=day.isoformat(), last=signed_date.isoformat()
                )
            )
        if party.pk in party_dates and day > today:
            problems.append(str(LATER_DATE_IN_FUTURE))
    given = [day for pk, day in days.items() if day is not None]
    own = [party_dates[pk] for pk in days if party_dates.get(pk) is not None]
    if given and len(own) == len(given) and max(given) < signed_date:
        problems.append(AMENDMENT_LAST_NOT_A_PARTY_DATE.format(day=max(given).isoformat()))
    if partial and len(given) < PARTIAL_MINIMUM_SIGNED:
        problems.append(
            lifecycle.TOO_FEW_SIGNATURES.format(minimum=PARTIAL_MINIMUM_SIGNED, count=len(given))
        )
    if problems:
        raise TransitionError(list(dict.fromkeys(str(p) for p in problems)))
    return {pk: day for pk, day in days.items() if pk in party_dates}


def _holder_name(position_id: int, day: datetime.date) -> str:
    appointments = (
        Appointment.objects.current_on(day)
        .filter(position_id=position_id)
        .select_related("person")
        .order_by("start_date", "pk")
    )
    return ", ".join(str(appointment.person) for appointment in appointments)


@transaction.atomic
def signature_record_later(
    *,
    party: Party,
    by: AbstractBaseUser,
    signed_date: datetime.date,
    today: datetime.date | None = None,
) -> list[Signature]:
    """Record that `party` signed its agreement's current version after it came into force for
    the parties that had signed: one signature for its signatory position and one for each
    additional signatory, dated `signed_date`, holders as on that day. The party's working copy
    records the date too (so the next amendment counts it as a signatory). No new version.

    Raises PermissionDenied (needs the "sign" permission on the agreement) or TransitionError:
    the agreement is not in force, not in force for its signatories only, the party does not
    sign, has already signed this version, has no signatory position, or the date is after today
    or before the version took effect.
    """
    today = today or timezone.localdate()
    agreement = Agreement.objects.select_for_update().get(pk=party.agreement_id)
    permissions.require(by, Action.SIGN, agreement)
    party = (
        Party.objects.select_related("organization", "signatory_position")
        .prefetch_related("additional_signatories")
        .get(pk=party.pk)
    )
    version = lifecycle.latest_version(agreement)
    problems = []
    signing = [p for p in agreement.parties.all() if p.signs]
    if agreement.state != Agreement.State.IN_FORCE or version is None:
        raise TransitionError([LATER_NOT_IN_FORCE])
    if not lifecycle.partial_entry_allowed(agreement, len(signing)):
        raise TransitionError([LATER_NOT_PARTIAL])
    name = str(party.organization)
    if not party.signs:
        raise TransitionError([LATER_NOT_SIGNING.format(party=name)])
    if Signature.objects.filter(version=version, organization_id=party.organization_id).exists():
        raise TransitionError([LATER_ALREADY_SIGNED.format(party=name, number=version.number)])
    if party.signatory_position_id is None:
        problems.append(LATER_NO_SIGNATORY.format(party=name))
    if signed_date > today:
        problems.append(str(LATER_DATE_IN_FUTURE))
    if signed_date < version.effective_date:
        problems.append(
            LATER_DATE_BEFORE_VERSION.format(
                number=version.number, day=version.effective_date.isoformat()
            )
        )
    if problems:
        raise TransitionError(problems)

    positions = [party.signatory_position_id] + [
        row.position_id for row in party.additional_signatories.all()
    ]
    start = Signature.objects.filter(version=version).count()
    reason = f"signed version {version.number} later"
    rows = []
    with acting_as(by):
        for index, position_id in enumerate(positions):
            row = Signature(
                version=version,
                party=party,
                organization_id=party.organization_id,
                position_id=position_id,
                holder_name=_holder_name(position_id, signed_date),
                signed_date=signed_date,
                later=True,
                sort_order=start + index,
                recorded_by=by,
            )
            attribute(row, user=by, reason=reason)
            row.save()
            rows.append(row)
        if party.signed_date is None:
            party.signed_date = signed_date
            attribute(party, user=by, reason=reason)
            party.save(update_fields=["signed_date"])
    # The offices that signed are now public positions (the read model's PublishedPosition).
    transaction.on_commit(partial(read_model_refresh_one, agreement.pk))
    return rows


def party_additional_signatories_restore(
    *, party: Party, signed: dict[str, Any], by: AbstractBaseUser, reason: str
) -> None:
    """Put `party`'s additional signatories back as the snapshot entry `signed` recorded them
    (withdrawing an amendment). A snapshot from before additional signatories (no "signatures"
    key) had none; a party that had not signed recorded none, so its rows are left as they are.
    Only rows that differ are written, each with a history entry."""
    if "signatures" in signed and not signed["signatures"]:
        return
    wanted = [
        item["signatory"]["id"]
        for item in signed.get("signatures", [])
        if item.get("signatory") and item["signatory"]["id"] != party.signatory_position_id
    ]
    existing = {row.position_id: row for row in party.additional_signatories.all()}
    with acting_as(by):
        for position_id, row in existing.items():
            if position_id not in wanted:
                attribute(row, user=by, reason=reason)
                row.delete()
        for index, position_id in enumerate(wanted):
            row = existing.get(position_id) or Signatory(party=party, position_id=position_id)
            if row.pk is None or row.sort_order != index:
                row.sort_order = index
                attribute(row, user=by, reason=reason)
                row.save()
