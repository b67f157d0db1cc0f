"""What an agreement PDF is drawn from: one version's snapshot plus the amendment history up to
it, as plain data. Gathering it is the only step that queries; `agreements.pdf` draws from it
and never touches the database.

Everything here is frozen: snapshots and change summaries of signed versions never change, and a
version's PDF only lists versions up to itself, so the same version always gives the same
document (and, through `agreements.pdf`, the same bytes).
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from agreements.models import AgreementVersion


@dataclass(frozen=True)
class HistoryEntry:
    """One signed version in the amendment history, e.g. version 2, amendment 1, from 2023-04-01."""

    number: int
    kind: str
    effective_date: str
    amendment: dict[str, Any] | None = None
    change_summary: dict[str, list] = field(default_factory=dict)


@dataclass(frozen=True)
class AgreementDocument:
    """A version's snapshot and the history of every version up to and including it."""

    snapshot: dict[str, Any]
    history: tuple[HistoryEntry, ...] = ()

    @property
    def reference(self) -> str:
        return self.snapshot["agreement"]["reference"]

    @property
    def number(self) -> int:
        return self.snapshot["version"]["number"]

    @property
    def effective_date(self) -> datetime.date:
        return datetime.date.fromisoformat(self.snapshot["version"]["effective_date"])


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def agreement_document(version: AgreementVersion) -> AgreementDocument:
    """The document for `version`, in one query for the history (earlier snapshots are not
    loaded: only their amendment part, their numbers, dates and change summaries)."""
    rows = (
        AgreementVersion.objects.filter(
            agreement_id=version.agreement_id, number__lt=version.number
        )
        .order_by("number")
        .values(
            "number", "kind", "effective_date", "change_summary", "snapshot__version__amendment"
        )
    )
    history = [
        HistoryEntry(
            number=row["number"],
            kind=row["kind"],
            effective_date=_iso(row["effective_date"]),
            amendment=row["snapshot__version__amendment"],
            change_summary=row["change_summary"] or {},
        )
        for row in rows
    ]
    history.append(
        HistoryEntry(
            number=version.number,
            kind=version.kind,
            effective_date=_iso(version.effective_date),
            amendment=version.snapshot["version"].get("amendment"),
            change_summary=version.change_summary or {},
        )
    )
    return AgreementDocument(snapshot=version.snapshot, history=tuple(history))
