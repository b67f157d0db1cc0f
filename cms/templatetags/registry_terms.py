"""Template helpers for a party's standing and an agreement's financial terms, read from
snapshots in the page's language (the wording is shared with the PDFs: jurisdictions.standing,
agreements.financial)."""

from django import template

from agreements.financial import format_amount, years_text
from cms.localizing import localize
from jurisdictions.standing import (
    OWN_STANDING_KINDS,
    has_own_standing,
    organization_standing,
    standing,
)
from registry.bilingual import active_language

register = template.Library()


@register.filter
def party_standing(organization) -> str:
    """ "Non-government organisation", "Municipal association · Province of Nova Scotia",
    "Intermunicipal body owned by Moncton, Dieppe and Riverview", or the jurisdiction and its
    order of government for a government's own body."""
    return standing(organization, active_language())


@register.filter
def own_standing(organization) -> bool:
    """True when the body is not a government's own (its standing is not its jurisdiction)."""
    return has_own_standing(organization)


@register.filter
def live_standing(organization) -> str:
    """A live organisation's standing (its owners are read only for an intermunicipal body)."""
    return organization_standing(organization, active_language())


@register.filter
def live_own_standing(organization) -> bool:
    return organization.kind in OWN_STANDING_KINDS


@register.filter
def money(item) -> str:
    """A snapshot commitment's amount with its currency: "CAD 12,500,000.00"."""
    return format_amount(item.get("amount"), item.get("currency", ""), active_language())


@register.filter
def money_in(amount, currency: str) -> str:
    """A sum in `currency`: {{ total|money_in:"CAD" }}."""
    return format_amount(amount, currency, active_language())


@register.filter
def commitment_period(item) -> str:
    """ "Per year, 2024–2028", "One-off, 2025" or "Total over the term"."""
    period = localize(item.get("period", {}).get("label") or {}).text
    years = years_text(item, active_language())
    return f"{period}, {years}" if years else period
