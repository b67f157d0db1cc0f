"""Financial terms on the public jurisdiction pages: what a jurisdiction's organisations commit
to pay and to receive under published agreements, summed per currency.

Read as `cms.published` reads everything else: from the relational working copy for the
agreements whose working copy is what the public sees, and from the current published snapshot
for the divergent few. A per-year amount counts for every year of its term
(`agreements.financial.commitment_total`). Two queries at most, whatever the data size.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

from agreements.financial import commitment_total
from agreements.models import FinancialCommitment
from cms import published


@dataclass(frozen=True)
class CurrencySum:
    """One currency's sums for a jurisdiction: committed by its organisations (provided) and to
    them (received)."""

    currency: str
    provided: Decimal
    received: Decimal


def _relational_items(jurisdiction_id: int, agreement_ids: QuerySet) -> list[dict]:
    rows = (
        FinancialCommitment.objects.filter(agreement__in=agreement_ids)
        .filter(
            Q(funder__jurisdiction_id=jurisdiction_id)
            | Q(recipient__jurisdiction_id=jurisdiction_id)
        )
        .values_list(
            "amount",
            "currency",
            "period",
            "start_year",
            "end_year",
            "funder__jurisdiction_id",
            "recipient__jurisdiction_id",
        )
    )
    return [
        {
            "amount": amount,
            "currency": currency,
            "period": {"code": period},
            "start_year": start_year,
            "end_year": end_year,
            "funder": {"jurisdiction_id": funder},
            "recipient": {"jurisdiction_id": recipient},
        }
        for amount, currency, period, start_year, end_year, funder, recipient in rows
    ]


def _snapshot_items(agreement_ids: list[int], *, on: datetime.date) -> list[dict]:
    if not agreement_ids:
        return []
    snapshots = (
        published.current_versions(on=on)
        .filter(agreement_id__in=agreement_ids)
        .values_list("snapshot", flat=True)
    )
    return [item for snapshot in snapshots for item in snapshot.get("financial_commitments") or []]


def jurisdiction_commitment_sums(
    jurisdiction_id: int,
    *,
    relational_ids: QuerySet,
    divergent_ids: list[int],
    on: datetime.date,
) -> list[CurrencySum]:
    """Per currency (sorted by code), the totals committed by and to the organisations of the
    jurisdiction under the published agreements given: `relational_ids` (a queryset of
    agreement ids read from the working copy) and `divergent_ids` (read from their current
    published snapshots)."""
    items = _relational_items(jurisdiction_id, relational_ids)
    items += _snapshot_items(divergent_ids, on=on)
    provided: dict[str, Decimal] = {}
    received: dict[str, Decimal] = {}
    for item in items:
        currency = item.get("currency") or ""
        total = commitment_total(item)
        if (item.get("funder") or {}).get("jurisdiction_id") == jurisdiction_id:
            provided[currency] = provided.get(currency, Decimal(0)) + total
        if (item.get("recipient") or {}).get("jurisdiction_id") == jurisdiction_id:
            received[currency] = received.get(currency, Decimal(0)) + total
    return [
        CurrencySum(
            currency=currency,
            provided=provided.get(currency, Decimal(0)),
            received=received.get(currency, Decimal(0)),
        )
        for currency in sorted(provided.keys() | received.keys())
    ]
