"""Reading the public site's query parameters: one place that bounds what a visitor can send.

Every public view reads its query string through these functions, so a value is never longer
than MAX_VALUE_LENGTH and a number never outside [minimum, maximum] by the time a query sees
it: a 10,000-character "facet", a page number of 2**63 or "1e400" is clamped or refused, not a
database error. (Null characters never get this far: registry.input_guard refuses them.)
"""

from django.http import QueryDict

MAX_VALUE_LENGTH = 200
MAX_VALUES = 50
# Larger than any page or version number the registry will reach, small enough for any
# database integer once multiplied by a page size.
MAX_NUMBER = 1_000_000


def text(params: QueryDict, name: str, *, max_length: int = MAX_VALUE_LENGTH) -> str:
    """The parameter with runs of white space collapsed, cut to `max_length` characters."""
    return " ".join(params.get(name, "").split())[:max_length]


def choices(params: QueryDict, name: str) -> tuple[str, ...]:
    """Every distinct non-empty value of a repeated parameter (a facet), in order; values too
    long to be an option are dropped, and at most MAX_VALUES are kept."""
    values = (value.strip() for value in params.getlist(name))
    kept = (value for value in values if value and len(value) <= MAX_VALUE_LENGTH)
    return tuple(dict.fromkeys(kept))[:MAX_VALUES]


def number(
    params: QueryDict, name: str, *, default: int, minimum: int = 1, maximum: int = MAX_NUMBER
) -> int | None:
    """A whole number written in ASCII digits, held within [minimum, maximum]; `default` when
    the parameter is absent or empty, None when it is not such a number ("1e400", "-0", "²")."""
    raw = params.get(name, "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()):
        return None
    digits = raw.lstrip("0") or "0"
    if len(digits) > len(str(maximum)):  # never int() a 10,000-digit string
        return maximum
    return min(max(minimum, int(digits)), maximum)
