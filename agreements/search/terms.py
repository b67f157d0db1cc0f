"""What someone typed, turned into search terms the same way for every database.

User input never reaches a full-text query language: a query is cut into words made of letters
and digits only (any script, accents kept), so quotes, stars, `NEAR(`, `AND`/`OR`, brackets and
colons are separators, never syntax. The databases' own query builders then quote each word.
"""

import re
import unicodedata
from dataclasses import dataclass

from agreements.search.stopwords import ENGLISH_STOPWORDS, FRENCH_STOPWORDS

# Enough for any real question; bounds the work a pasted paragraph can cause.
MAX_TERMS = 12
# Longer "words" are pasted junk; cut so they cannot bloat a query.
MAX_TERM_LENGTH = 40
# A one-letter prefix matches most of the index and says nothing.
MIN_PREFIX_LENGTH = 2

_WORD = re.compile(r"[^\W_]+")
_REFERENCE = re.compile(r"[A-Z0-9][A-Z0-9./-]{1,39}")
# What separates the parts of a reference number ("SNB-2019-001", "NB.2020/7").
REFERENCE_SEPARATORS = "./-"
_SEPARATORS = re.compile(r"[./\s-]+")


def compact_reference(reference: str) -> str:
    """A reference without its separators, "SNB-2019-001" → "SNB2019001": the spelling
    someone may type, which the index also holds (agreements.search.documents)."""
    return _SEPARATORS.sub("", reference or "")


def compact_reference_sql(column: str) -> str:
    """SQL for `column` (a reference) without separators, the same on SQLite and PostgreSQL,
    so both order "SNB2019001" and "SNB-2019-001" as the same reference."""
    sql = column
    for separator in REFERENCE_SEPARATORS:
        sql = f"replace({sql}, '{separator}', '')"
    return sql


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


_STOPWORDS = frozenset(_fold(word) for word in ENGLISH_STOPWORDS | FRENCH_STOPWORDS)


@dataclass(frozen=True)
class ParsedQuery:
    """A query as terms: every term must occur in an agreement for it to match."""

    terms: tuple[str, ...] = ()
    # The last term also matches longer words that start with it ("passp" finds "passport").
    prefix: bool = False
    # The query upper-cased when it looks like a reference number ("snb-2021" → "SNB-2021"),
    # so agreements whose reference starts with it come first; empty otherwise.
    reference: str = ""

    def __bool__(self) -> bool:
        return bool(self.terms)

    @property
    def compact_reference(self) -> str:
        """`reference` without separators, to compare with references spelled either way."""
        return compact_reference(self.reference)


def parse(query: str) -> ParsedQuery:
    """Cut `query` into at most MAX_TERMS distinct lower-case words, without English and French
    stop words (PostgreSQL does not index them, so no database searches them). A query of stop
    words only has no terms. Never raises on any string."""
    text = unicodedata.normalize("NFKC", query or "")
    words = (word.casefold()[:MAX_TERM_LENGTH] for word in _WORD.findall(text))
    terms = tuple(dict.fromkeys(word for word in words if _fold(word) not in _STOPWORDS))
    terms = terms[:MAX_TERMS]
    if not terms:
        return ParsedQuery()
    return ParsedQuery(
        terms=terms,
        prefix=len(terms[-1]) >= MIN_PREFIX_LENGTH,
        reference=_reference(text),
    )


def _reference(text: str) -> str:
    candidate = text.strip().upper()
    if not _REFERENCE.fullmatch(candidate) or not any(char.isdigit() for char in candidate):
        return ""
    if not any(char.isalpha() or char in "./-" for char in candidate):
        return ""  # a bare number is a year or an amount, not a reference
    return candidate
