"""The searchable text of a signed version, taken from its snapshot (agreements.snapshots).

Pure functions of the snapshot (and of who holds its accountable positions today, which the
caller reads): no queries. Older snapshots may lack newer keys, so every read tolerates a missing
one.

Who is accountable is searchable: each accountable office's title, and the names of the people
who held it when the version took effect (frozen in the snapshot) and of those who hold it
today (given by the caller; agreements.search.indexing keeps them current), so `LeBlanc`
finds the agreements where a LeBlanc answers for an obligation, now or when it was signed.

A reference is searchable as written (`SNB-2019-001`) and without its separators
(`SNB2019001`): the entry's `reference` column holds it as written (results are ordered by it),
so the compact spelling rides in the parties columns, which carry the reference's weight on
both databases.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from agreements.search.terms import compact_reference

LANGUAGES = ("en", "fr")

# The AgreementSearchEntry columns this module fills, in the order the full-text indexes use.
TEXT_FIELDS = (
    "reference",
    "title_en",
    "title_fr",
    "summary_en",
    "summary_fr",
    "parties_en",
    "parties_fr",
    "responsibilities_en",
    "responsibilities_fr",
)


def _text(texts: dict[str, str] | None, language: str) -> str:
    return ((texts or {}).get(language) or "").strip()


def _lines(values: Iterable[str]) -> str:
    """Distinct non-empty values, first occurrence first, one per line."""
    return "\n".join(dict.fromkeys(value for value in values if value))


def _label(choice: dict[str, Any] | None, language: str) -> str:
    return _text((choice or {}).get("label"), language)


def _parties(snapshot: dict[str, Any], language: str) -> str:
    reference = ((snapshot.get("agreement") or {}).get("reference") or "").strip()
    compact = compact_reference(reference)
    values: list[str] = [compact] if compact != reference else []
    for party in snapshot.get("parties") or []:
        organization = party.get("organization") or {}
        values += [
            _text(organization.get("name"), language),
            _text(organization.get("acronym"), language),
            _text((organization.get("jurisdiction") or {}).get("name"), language),
        ]
    body = (snapshot.get("agreement") or {}).get("governing_body") or {}
    values.append(_text(body.get("name"), language))
    return _lines(values)


def _responsibilities(
    snapshot: dict[str, Any], language: str, holders: Mapping[int, Iterable[str]]
) -> str:
    values: list[str] = []
    for item in snapshot.get("responsibilities") or []:
        owner = item.get("owner") or {}
        values += [
            _text(item.get("text"), language),
            _text(item.get("service_standard"), language),
            _text(owner.get("title"), language),
            *((holder.get("name") or "").strip() for holder in owner.get("holders") or []),
            *(name.strip() for name in holders.get(owner.get("id"), ())),
        ]
    return _lines(values)


def _summary(agreement: dict[str, Any], language: str) -> str:
    return _lines(
        [
            _text(agreement.get("summary"), language),
            _label(agreement.get("type"), language),
            *(_text(area.get("name"), language) for area in agreement.get("service_areas") or []),
        ]
    )


def accountable_position_ids(snapshot: dict[str, Any]) -> set[int]:
    """The positions accountable for the snapshot's responsibilities."""
    return {
        (item.get("owner") or {}).get("id")
        for item in snapshot.get("responsibilities") or []
        if (item.get("owner") or {}).get("id") is not None
    }


def entry_text(
    snapshot: dict[str, Any], *, holders: Mapping[int, Iterable[str]] | None = None
) -> dict[str, str]:
    """The text columns of a search entry (TEXT_FIELDS) for a version's snapshot.

    `holders` maps an accountable position's id to the names of who holds it today; the names
    of who held it when the version took effect come from the snapshot itself.
    """
    agreement = snapshot.get("agreement") or {}
    fields = {"reference": (agreement.get("reference") or "").strip()}
    for language in LANGUAGES:
        fields[f"title_{language}"] = _text(agreement.get("title"), language)
        fields[f"summary_{language}"] = _summary(agreement, language)
        fields[f"parties_{language}"] = _parties(snapshot, language)
        fields[f"responsibilities_{language}"] = _responsibilities(
            snapshot, language, holders or {}
        )
    return fields
