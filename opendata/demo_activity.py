"""The demo's activity: what happened to the demo agreements after they were written down,
replayed through the registry's services so the workspace has something to show (reports
accepted, returned and awaiting review; an agreement awaiting a minister's office; one approved
by one of two governments; a multilateral agreement signed by some of its parties; a department
succeeded by another), as data: `opendata/demo_data/activity/*.json`
(docs/import-formats.md, "The demo's activity").

Each file has an `import` document, in the import format, for the rows the story needs; it is
imported after the demo files, never refreshed (the steps move those rows on afterwards, and
refreshing would undo them). Dates written "today-N" / "today+N" are N days before or after
the day of the load, so due, overdue and expiring items stay current whatever day the demo is
loaded.

Then each of its `steps` runs through the service a person would use, as the loading registrar
or as a demo staff login (agreements.demo.accounts), unless what it does is already done: a
second load on any day replays nothing. A step that cannot be done raises ActivityError (the
caller's transaction then writes nothing).
"""

import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from agreements import lifecycle, recurrence
from agreements.demo.accounts import demo_staff_ensure
from agreements.lifecycle import AgreementNotEditable, TransitionError
from agreements.models import Agreement, Party, Report, Responsibility, Signature
from agreements.models.approvals import round_decisions
from agreements.services.approvals import party_approve
from agreements.services.editability import agreement_assert_editable
from agreements.services.lifecycle import (
    agreement_approve,
    agreement_bring_into_force,
    agreement_submit_for_review,
)
from agreements.services.reports import report_accept, report_return, report_submit
from agreements.services.signatures import signature_record_later
from agreements.services.succession import organization_succeed
from jurisdictions.models import Organization, OrganizationSuccession
from registry.audit import attribute

from .importing import ImportData, ImportReport, import_rows
from .importing.parsing import parse_document
from .importing.rows import Tally

ACTIVITY = Path(__file__).resolve().parent / "demo_data" / "activity"
FORMAT = "agreement-registry-demo-activity/1"
RELATIVE_DAY = re.compile(r"^today(?:([+-])(\d+))?$")
PARTIAL_ENTRY_REASON = "in force for the parties that signed"


class ActivityError(Exception):
    """A step of the demo's activity could not be replayed; the message names the step."""


@dataclass
class ActivityReport:
    imported: ImportReport
    replayed: list[str] = field(default_factory=list)
    already_done: int = 0


def merge_tallies(into: dict, report: ImportReport) -> None:
    """Add `report`'s counts per model to `into` (model → Tally)."""
    for model, tally in report.tallies.items():
        merged = into.setdefault(model, Tally())
        for outcome in ("created", "updated", "present"):
            setattr(merged, outcome, getattr(merged, outcome) + getattr(tally, outcome))


def resolve_days(value: Any, today: datetime.date) -> Any:
    """`value` with every "today", "today-N" and "today+N" string replaced by that day's ISO date,
    in nested lists and objects too."""
    if isinstance(value, dict):
        return {key: resolve_days(item, today) for key, item in value.items()}
    if isinstance(value, list):
        return [resolve_days(item, today) for item in value]
    if isinstance(value, str) and (match := RELATIVE_DAY.match(value)):
        sign, days = match.groups()
        offset = int(days or 0) * (-1 if sign == "-" else 1)
        return (today + datetime.timedelta(days=offset)).isoformat()
    return value


def activity_files(folder: Path = ACTIVITY) -> list[tuple[str, dict]]:
    """(name, document) of every activity file, in name order."""
    found = []
    for path in sorted(folder.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("format") != FORMAT:
            raise ActivityError(f"{path.name}: expected format “{FORMAT}”.")
        found.append((path.name, document))
    return found


# --- lookups -------------------------------------------------------------------------------------


def _agreement(step: dict) -> Agreement:
    agreement = Agreement.objects.filter(reference=step["agreement"]).first()
    if agreement is None:
        raise ActivityError(f"No agreement “{step['agreement']}”.")
    return agreement


def _party(agreement: Agreement, slug: str) -> Party:
    party = (
        Party.objects.select_related("organization", "agreement")
        .filter(agreement=agreement, organization__slug=slug)
        .first()
    )
    if party is None:
        raise ActivityError(f"“{slug}” is not a party to {agreement.reference}.")
    return party


def _organization(slug: str) -> Organization:
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise ActivityError(f"No organisation “{slug}”.")
    return organization


def _day(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


# --- steps: each returns False when what it does is already done -------------------------------


@dataclass(frozen=True)
class Context:
    by: AbstractBaseUser
    today: datetime.date


def _succeed(step: dict, context: Context) -> bool:
    predecessor = _organization(step["organization"])
    if predecessor.end_date or OrganizationSuccession.objects.filter(predecessor=predecessor):
        return False
    organization_succeed(
        predecessor=predecessor,
        kind=step["kind"],
        date=_day(step["date"]),
        by=context.by,
        successor=_organization(step["successor"]) if step.get("successor") else None,
    )
    return True


def _allow_partial_entry_into_force(step: dict, context: Context) -> bool:
    """The registrar ticks "in force for the parties that signed" on the agreement's form."""
    agreement = Agreement.objects.select_for_update().get(pk=_agreement(step).pk)
    if agreement.in_force_for_signatories_only or agreement.versions.exists():
        return False
    agreement_assert_editable(agreement)
    agreement.in_force_for_signatories_only = True
    attribute(agreement, user=context.by, reason=PARTIAL_ENTRY_REASON)
    agreement.save(update_fields=["in_force_for_signatories_only", "updated_at"])
    return True


def _move(service: Callable, from_state: str) -> Callable[[dict, Context], bool]:
    def run(step: dict, context: Context) -> bool:
        agreement = _agreement(step)
        if agreement.state != from_state:
            return False
        service(agreement=agreement, by=context.by, comment=step.get("comment", ""))
        return True

    return run


def _sign_later(step: dict, context: Context) -> bool:
    agreement = _agreement(step)
    party = _party(agreement, step["party"])
    version = lifecycle.latest_version(agreement)
    if version is None:
        raise ActivityError(f"{agreement.reference} has no signed version to sign later.")
    if Signature.objects.filter(version=version, organization_id=party.organization_id).exists():
        return False
    signature_record_later(
        party=party, by=context.by, signed_date=_day(step["date"]), today=context.today
    )
    return True


def _party_approve(step: dict, context: Context) -> bool:
    agreement = _agreement(step)
    party = _party(agreement, step["party"])
    if agreement.state != Agreement.State.REVIEW or party.pk in round_decisions(agreement, None):
        return False
    party_approve(subject=agreement, party=party, by=context.by, comment=step.get("comment", ""))
    return True


def _last_due_date(responsibility: Responsibility, today: datetime.date) -> datetime.date:
    """The obligation's last due date before today, since its agreement took effect."""
    agreement = responsibility.agreement
    start = agreement.effective_date or responsibility.recurrence_anchor or today
    days = list(
        recurrence.due_dates_between(
            recurrence=responsibility.recurrence,
            anchor=responsibility.recurrence_anchor,
            due_date=responsibility.due_date,
            start=start,
            end=today - datetime.timedelta(days=1),
        )
    )
    if not days:
        raise ActivityError(
            f"{agreement.reference} {responsibility.clause} has not fallen due yet."
        )
    return days[-1]


def _report(step: dict, context: Context) -> bool:
    """A liaison officer reports on the obligation's last due date; the reviewer, when the step
    names one, accepts the report or returns it with the step's comment."""
    agreement = _agreement(step)
    responsibility = (
        Responsibility.objects.select_related("agreement")
        .filter(agreement=agreement, clause=step["clause"])
        .first()
    )
    if responsibility is None:
        raise ActivityError(f"{agreement.reference} has no clause {step['clause']}.")
    if Report.objects.filter(responsibility=responsibility).exists():
        return False
    submitter, _created = demo_staff_ensure(step["as"])
    report = report_submit(
        responsibility=responsibility,
        by=submitter,
        due_date=_last_due_date(responsibility, context.today),
        status=step["status"],
        evidence=step["evidence"],
    )
    decision = step.get("decision")
    if decision is None:
        return True
    reviewer, _created = demo_staff_ensure(step["decided_by"])
    if decision == Report.Decision.ACCEPTED:
        report_accept(report=report, by=reviewer, comment=step.get("comment", ""))
    elif decision == Report.Decision.RETURNED:
        report_return(report=report, by=reviewer, comment=step["comment"])
    else:
        raise ActivityError(f"Unknown report decision “{decision}”.")
    return True


STEPS: dict[str, Callable[[dict, Context], bool]] = {
    "succeed": _succeed,
    "allow_partial_entry_into_force": _allow_partial_entry_into_force,
    "submit_for_review": _move(agreement_submit_for_review, Agreement.State.NEGOTIATION),
    "approve": _move(agreement_approve, Agreement.State.REVIEW),
    "bring_into_force": _move(agreement_bring_into_force, Agreement.State.APPROVED),
    "sign_later": _sign_later,
    "party_approve": _party_approve,
    "report": _report,
}


def describe(step: dict) -> str:
    subject = step.get("agreement") or step.get("organization", "")
    detail = step.get("party") or step.get("clause") or ""
    return " ".join(part for part in (step["do"], subject, detail) if part)


def _rows_to_import(rows: ImportData, known: ImportData | None) -> ImportData:
    """What to import of an activity file's `rows`: the agreements not yet in the registry (an
    existing one is never rewritten: its story has moved it on), and the positions of
    organisations that still exist (a succession moved the others to their successor; imported
    again they would come back under a body that ended). The people and positions of `known`
    (the demo files) go in front, only checked: an import file names positions by the handles it
    defines, so the activity's agreements can name the demo's positions."""
    existing = set(
        Agreement.objects.filter(reference__in=[a.reference for a in rows.agreements]).values_list(
            "reference", flat=True
        )
    )
    ended = set(
        Organization.objects.filter(
            slug__in={p.organization for p in rows.positions}, end_date__isnull=False
        ).values_list("slug", flat=True)
    )
    return replace(
        rows,
        agreements=tuple(a for a in rows.agreements if a.reference not in existing),
        people=(known.people if known else ()) + rows.people,
        positions=(known.positions if known else ())
        + tuple(p for p in rows.positions if p.organization not in ended),
    )


def demo_activity_replay(
    *,
    by: AbstractBaseUser,
    reason: str,
    today: datetime.date | None = None,
    known: ImportData | None = None,
    folder: Path = ACTIVITY,
) -> ActivityReport:
    """Import each activity file's rows (creating what is missing, never refreshing) and replay
    its steps not yet done. `known`: the demo files' rows, whose people and positions the
    activity names. Call inside a transaction: raises ActivityError (or ImportRefused) naming
    the file and step that failed."""
    today = today or timezone.localdate()
    context = Context(by=by, today=today)
    report = ActivityReport(imported=ImportReport())
    for name, document in activity_files(folder):
        rows = parse_document(resolve_days(document.get("import", {}), today), root=f"{name}:$")
        rows = _rows_to_import(rows, known)
        imported = import_rows(rows, by=by, refresh=False, reason=reason)
        merge_tallies(report.imported.tallies, imported)
        report.imported.warnings.extend(imported.warnings)
        for index, step in enumerate(document.get("steps", [])):
            where = f"{name}: steps[{index}] ({describe(step)})"
            run = STEPS.get(step.get("do"))
            if run is None:
                raise ActivityError(f"{where}: unknown step “{step.get('do')}”.")
            try:
                done = run(step, context)
            except (TransitionError, ValidationError, PermissionDenied) as error:
                messages = getattr(error, "messages", None) or [str(error)]
                raise ActivityError(f"{where}: {' '.join(map(str, messages))}") from error
            except AgreementNotEditable as error:
                raise ActivityError(f"{where}: {error.message}") from error
            except ActivityError as error:
                raise ActivityError(f"{where}: {error}") from error
            except KeyError as error:
                raise ActivityError(f"{where}: the step needs “{error.args[0]}”.") from error
            if done:
                report.replayed.append(describe(step))
            else:
                report.already_done += 1
    return report
