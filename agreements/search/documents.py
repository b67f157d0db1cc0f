"""The searchable text of a signed version, taken from its snapshot (agreements.snapshots).

Pure functions of the snapshot: no queries. Older snapshots may lack newer keys, so every read
tolerates a missing one.
"""

from collections.abc import Iterable
from typing import Any

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
    values: list[str] = []
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


def _responsibilities(snapshot: dict[str, Any], language: str) -> str:
    values: list[str] = []
    for item in snapshot.get("responsibilities") or []:
        owner = item.get("owner") or {}
        values += [
            _text(item.get("text"), language),
            _text(item.get("service_standard"), language),
            _text(owner.get("title"), language),
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


def entry_text(snapshot: dict[str, Any]) -> dict[str, str]:
    """The text columns of a search entry (TEXT_FIELDS) for a version's snapshot.

    Person names are left out on purpose: accountability belongs to offices, and the public
    finds an obligation by the office that owns it ("Registrar General"), not by who held it.
    """
    agreement = snapshot.get("agreement") or {}
    fields = {"reference": (agreement.get("reference") or "").strip()}
    for language in LANGUAGES:
        fields[f"title_{language}"] = _text(agreement.get("title"), language)
        fields[f"summary_{language}"] = _summary(agreement, language)
        fields[f"parties_{language}"] = _parties(snapshot, language)
        fields[f"responsibilities_{language}"] = _responsibilities(snapshot, language)
    return fields
