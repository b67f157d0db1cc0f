"""Financial terms as people read them, from snapshot data: amounts with their currency, the
period they cover, and sums per currency. Pure functions (no database, no gettext), shared by
the public pages and the PDFs, so a PDF's wording does not depend on the site's catalogues
(see agreements/pdf_text.py)."""

from decimal import Decimal, InvalidOperation

PER_YEAR = "per_year"

# French groups digits with a no-break space and uses a decimal comma; the code follows.
_GROUP = {"en": ",", "fr": "\u00a0"}
_DECIMAL = {"en": ".", "fr": ","}
YEARS = {"en": "{start}–{end}", "fr": "{start}-{end}"}
FROM_YEAR = {"en": "from {start}", "fr": "à partir de {start}"}
UNTIL_YEAR = {"en": "until {end}", "fr": "jusqu’en {end}"}


def as_decimal(value) -> Decimal:
    """A snapshot amount (a string such as "12500000.00") as a Decimal; 0 when unreadable."""
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal(0)


def format_amount(amount, currency: str, language: str) -> str:
    """ "CAD 12,500,000.00" in English, "12 500 000,00 CAD" in French."""
    language = language if language in _GROUP else "en"
    value = as_decimal(amount).quantize(Decimal("0.01"))
    sign = "-" if value < 0 else ""
    whole, cents = f"{abs(value):.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    number = f"{sign}{_GROUP[language].join(groups)}{_DECIMAL[language]}{cents}"
    return f"{currency} {number}" if language == "en" else f"{number}\u00a0{currency}"


def years_text(item: dict, language: str) -> str:
    """ "2024–2028", "from 2024", "until 2028" or nothing."""
    start, end = item.get("start_year"), item.get("end_year")
    if start and end:
        return YEARS[language].format(start=start, end=end) if start != end else str(start)
    if start:
        return FROM_YEAR[language].format(start=start)
    if end:
        return UNTIL_YEAR[language].format(end=end)
    return ""


def commitment_total(item: dict) -> Decimal:
    """The whole sum over the term: a per-year amount times its years (both ends included)."""
    amount = as_decimal(item.get("amount"))
    if (item.get("period") or {}).get("code") != PER_YEAR:
        return amount
    start, end = item.get("start_year"), item.get("end_year")
    if not (start and end) or end < start:
        return amount
    return amount * (end - start + 1)
