"""Amending an agreement in force.

`amendment_open` starts an amendment; from then until it goes to review, the agreement's working
copy (fields, parties, responsibilities) may be edited (`agreement_assert_editable` agrees). The
signed versions are never touched. `amendment_sign` records the next version, effective on the
date given, with a change summary against the previous version. `amendment_withdraw` puts the
working copy back exactly as last signed.

Services raise PermissionDenied or TransitionError (agreements.lifecycle); nothing is written
then. The transitions are `agreements.lifecycle.AMENDMENT_TRANSITIONS`.
"""

import datetime
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from agreements import lifecycle, permissions
from agreements.lifecycle import TransitionError
from agreements.models import (
    Agreement,
    AgreementVersion,
    Amendment,
    DeliveryChannel,
    GovernanceBody,
    Party,
    Responsibility,
    ServiceArea,
)
from agreements.permissions import Action
from agreements.services.approval_records import approvals_record_for_pending
from agreements.services.parties import agreement_grants_sync
from agreements.services.signatures import (
    amendment_signing_days,
    party_additional_signatories_restore,
)
from agreements.services.transition_log import transition_log
from agreements.services.versions import version_record
from registry.audit import acting_as, attribute

AmendmentState = Amendment.State


@transaction.atomic
def amendment_open(
    *,
    agreement: Agreement,
    by: AbstractBaseUser,
    title_en: str,
    title_fr: str = "",
    purpose_en: str = "",
    purpose_fr: str = "",
    effective_date: datetime.date | None = None,
    comment: str = "",
) -> Amendment:
    """Open the next amendment of an agreement in force, in draft. `effective_date` is the
    planned date, if known. Raises TransitionError when the agreement is not in force or already
    has an open amendment."""
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    permissions.require(by, Action.NEGOTIATE, locked)
    facts = lifecycle.Facts(today=timezone.localdate())
    problems = lifecycle.in_force(locked, facts) + lifecycle.no_open_amendment(locked, facts)
    if problems:
        raise TransitionError(problems)
    number = (locked.amendments.aggregate(last=Max("number"))["last"] or 0) + 1
    amendment = Amendment(
        agreement=locked,
        number=number,
        title_en=title_en,
        title_fr=title_fr,
        purpose_en=purpose_en,
        purpose_fr=purpose_fr,
        effective_date=effective_date,
        opened_by=by,
    )
    attribute(amendment, user=by, reason=comment or "amendment opened")
    amendment.save()
    transition_log(
        agreement=locked,
        amendment=amendment,
        by=by,
        from_state="",
        to_state=amendment.state,
        comment=comment,
    )
    return amendment


def _move(
    *,
    amendment: Amendment,
    by: AbstractBaseUser,
    to: str,
    comment: str,
    fields: dict[str, Any] | None = None,
    log_date: datetime.date | None = None,
    **facts,
) -> Amendment:
    agreement = Agreement.objects.select_for_update().get(pk=amendment.agreement_id)
    locked = Amendment.objects.select_for_update().get(pk=amendment.pk)
    locked.agreement = agreement
    row = lifecycle.find_amendment(locked.state, to)
    if row is not None:
        permissions.require(by, row.action, agreement)
    row = lifecycle.check_amendment(locked, to=to, **facts)
    source = locked.state
    locked.state = to
    for name, value in (fields or {}).items():
        setattr(locked, name, value)
    attribute(locked, user=by, reason=comment or str(row.label))
    locked.save(update_fields=["state", *(fields or {})])
    transition_log(
        agreement=agreement,
        amendment=locked,
        by=by,
        from_state=source,
        to_state=to,
        comment=comment,
        effective_date=log_date,
    )
    return locked


@transaction.atomic
def amendment_start_negotiation(
    *, amendment: Amendment, by: AbstractBaseUser, comment: str = ""
) -> Amendment:
    """Draft → negotiation."""
    return _move(amendment=amendment, by=by, to=AmendmentState.NEGOTIATION, comment=comment)


@transaction.atomic
def amendment_submit_for_review(
    *, amendment: Amendment, by: AbstractBaseUser, comment: str = ""
) -> Amendment:
    """Negotiation → review: the working copy freezes. Needs two parties, a responsibility, and
    at least one change from the signed version."""
    return _move(amendment=amendment, by=by, to=AmendmentState.REVIEW, comment=comment)


@transaction.atomic
def amendment_return_to_negotiation(
    *, amendment: Amendment, by: AbstractBaseUser, comment: str = ""
) -> Amendment:
    """Review or approved → negotiation: the working copy may be edited again."""
    return _move(amendment=amendment, by=by, to=AmendmentState.NEGOTIATION, comment=comment)


@transaction.atomic
def amendment_approve(
    *, amendment: Amendment, by: AbstractBaseUser, comment: str = ""
) -> Amendment:
    """Review → approved. Needs an accountable position on every responsibility, each held by
    someone on the amendment's planned effective date (today when not set), and every signing
    party's approval in this review round (agreements.services.approvals): a registrar's
    approval here is recorded for the parties still pending."""
    agreement = Agreement.objects.select_for_update().get(pk=amendment.agreement_id)
    locked = Amendment.objects.select_for_update().get(pk=amendment.pk)
    approvals_record_for_pending(agreement=agreement, amendment=locked, by=by, comment=comment)
    return _move(amendment=locked, by=by, to=AmendmentState.APPROVED, comment=comment)


@transaction.atomic
def amendment_sign(
    *,
    amendment: Amendment,
    by: AbstractBaseUser,
    signed_date: datetime.date | None,
    effective_date: datetime.date | None,
    comment: str = "",
    party_dates: Mapping[int, datetime.date | None] | None = None,
) -> AgreementVersion:
    """Approved → signed, recording the agreement's next version effective on `effective_date`
    (after the current version's, not after the agreement's expiry). `signed_date` is the day
    the last party signed; `party_dates` ({party id: day}) the day a party signed when it was
    earlier, or None when it has not signed yet (only in an agreement in force for the parties
    that signed: it may sign later), checked by
    `agreements.services.signatures.amendment_signing_days`. Signing parties that had no
    signature date (they joined through this amendment) get the day they signed."""
    signed = _move(
        amendment=amendment,
        by=by,
        to=AmendmentState.SIGNED,
        comment=comment,
        fields={"signed_date": signed_date, "effective_date": effective_date},
        log_date=effective_date,
        effective_date=effective_date,
        signed_date=signed_date,
    )
    agreement = signed.agreement
    days = amendment_signing_days(
        agreement=agreement,
        signed_date=signed_date,
        party_dates=party_dates or {},
        today=timezone.localdate(),
    )
    # In an agreement in force for the parties that signed, a party that has not signed does not
    # sign the amendment either: it may sign later (agreements.services.signatures).
    signing_count = sum(1 for party in agreement.parties.all() if party.signs)
    unsigned_stay_unsigned = lifecycle.partial_entry_allowed(agreement, signing_count)
    with acting_as(by):
        for party in agreement.parties.filter(signed_date__isnull=True):
            if not party.signs:
                continue
            day = days.get(party.pk, None if unsigned_stay_unsigned else signed_date)
            if day is not None:
                party.signed_date = day
                attribute(party, user=by, reason=f"signed amendment {signed.number}")
                party.save(update_fields=["signed_date"])
    return version_record(
        agreement=agreement,
        by=by,
        effective_date=effective_date,
        amendment=signed,
        signing_days=days,
    )


@transaction.atomic
def amendment_withdraw(
    *, amendment: Amendment, by: AbstractBaseUser, comment: str = ""
) -> Amendment:
    """Any open state → withdrawn. The working copy is put back as in the latest version: the
    edits made under the amendment are undone (each undo is in the history)."""
    withdrawn = _move(amendment=amendment, by=by, to=AmendmentState.WITHDRAWN, comment=comment)
    latest = lifecycle.latest_version(withdrawn.agreement)
    if latest is not None:
        working_copy_restore(agreement=withdrawn.agreement, snapshot=latest.snapshot, by=by)
    return withdrawn


def amendment_transition(
    *, amendment: Amendment, by: AbstractBaseUser, to: str, comment: str = "", **inputs
) -> Amendment:
    """Make the move to `to` with the matching service (for the admin's buttons). `inputs`:
    signed_date, effective_date and party_dates (signature)."""
    if to == AmendmentState.SIGNED:
        amendment_sign(
            amendment=amendment,
            by=by,
            signed_date=inputs.get("signed_date"),
            effective_date=inputs.get("effective_date"),
            comment=comment,
            party_dates=inputs.get("party_dates"),
        )
        return Amendment.objects.get(pk=amendment.pk)
    services = {
        AmendmentState.NEGOTIATION: (
            amendment_start_negotiation
            if amendment.state == AmendmentState.DRAFT
            else amendment_return_to_negotiation
        ),
        AmendmentState.REVIEW: amendment_submit_for_review,
        AmendmentState.APPROVED: amendment_approve,
        AmendmentState.WITHDRAWN: amendment_withdraw,
    }
    service = services.get(to)
    if service is None:
        lifecycle.check_amendment(amendment, to=to)  # raises: no such move
    return service(amendment=amendment, by=by, comment=comment)


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _assign(obj, values: dict[str, Any]) -> bool:
    """Set `values` on `obj`; True when anything differed (or the row is new)."""
    changed = obj._state.adding
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _texts(prefix: str, texts: dict[str, str]) -> dict[str, str]:
    return {f"{prefix}_{language}": texts[language] for language in ("en", "fr")}


def working_copy_restore(*, agreement: Agreement, snapshot: dict, by: AbstractBaseUser) -> None:
    """Make the working copy (fields, parties, responsibilities) match `snapshot` again.

    Responsibilities removed since are recreated with their original ids, so reports and change
    summaries keep pointing at them; rows added since are deleted (they never had reports:
    reports go against signed responsibilities only). Parties are matched by organisation.
    Visibility is not part of the signed content and is left as it is. Only rows that differ are
    written, each with a history entry. Runs inside the caller's transaction, with the agreement
    row locked.
    """
    data = snapshot["agreement"]
    reason = "amendment withdrawn: restored as signed"

    def save(obj, values):
        if _assign(obj, values):
            attribute(obj, user=by, reason=reason)
            obj.save()

    with acting_as(by):
        signed_item_ids = [item["id"] for item in snapshot["responsibilities"]]
        for item in agreement.responsibilities.exclude(pk__in=signed_item_ids):
            attribute(item, user=by, reason=reason)
            item.delete()

        agreement = Agreement.objects.get(pk=agreement.pk)
        body = data["governing_body"]
        save(
            agreement,
            {
                **_texts("title", data["title"]),
                **_texts("summary", data["summary"]),
                **_texts("renewal_terms", data["renewal_terms"]),
                "agreement_type": data["type"]["code"],
                "signed_date": _day(data["signed_date"]),
                "effective_date": _day(data["effective_date"]),
                "expiry_date": _day(data["expiry_date"]),
                "next_review_date": _day(data["next_review_date"]),
                "notice_period_days": data["notice_period_days"],
                "governing_body_id": (
                    body["id"]
                    if body and GovernanceBody.objects.filter(pk=body["id"]).exists()
                    else None
                ),
            },
        )
        agreement.service_areas.set(
            ServiceArea.objects.filter(slug__in=[a["slug"] for a in data["service_areas"]])
        )
        agreement.delivery_channels.set(
            DeliveryChannel.objects.filter(slug__in=[c["slug"] for c in data["delivery_channels"]])
        )

        by_organization = {party.organization_id: party for party in agreement.parties.all()}
        party_ids = {}
        for signed in snapshot["parties"]:
            organization_id = signed["organization"]["id"]
            party = by_organization.pop(organization_id, None) or Party(
                pk=signed["id"], agreement=agreement, organization_id=organization_id
            )
            save(
                party,
                {
                    "role": signed["role"]["code"],
                    "signatory_position_id": (signed["signatory"] or {}).get("id"),
                    "signed_date": _day(signed["signed_date"]),
                    "sort_order": signed["sort_order"],
                },
            )
            party_additional_signatories_restore(party=party, signed=signed, by=by, reason=reason)
            party_ids[signed["id"]] = party.pk

        existing = {item.pk: item for item in agreement.responsibilities.all()}
        for signed in snapshot["responsibilities"]:
            item = existing.get(signed["id"]) or Responsibility(
                pk=signed["id"], agreement=agreement
            )
            save(
                item,
                {
                    **_texts("text", signed["text"]),
                    **_texts("service_standard", signed["service_standard"]),
                    "clause": signed["clause"],
                    "kind": signed["kind"]["code"],
                    "status": signed["status"]["code"],
                    "due_date": _day(signed["due_date"]),
                    "recurrence": signed["recurrence"]["code"],
                    "recurrence_anchor": _day(signed["recurrence_anchor"]),
                    "responsible_party_id": party_ids[signed["responsible_party"]["party_id"]],
                    "accountability_owner_id": (signed["owner"] or {}).get("id"),
                    "sort_order": signed["sort_order"],
                },
            )

        # Parties that joined under the amendment go last: nothing points at them any more.
        for party in by_organization.values():
            attribute(party, user=by, reason=reason)
            party.delete()

    agreement_grants_sync(agreement=agreement)
