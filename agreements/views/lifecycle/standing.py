"""The rows of the lifecycle page's "in force on a day" table: each responsibility of the
version in force that day, with who held its position then."""

from agreements import as_of
from registry.bilingual import LocalizedText


def _text(texts: dict, language: str) -> LocalizedText:
    """One language of a snapshot's {"en": ..., "fr": ...}, falling back to the other (and saying
    so, for the template's lang attribute)."""
    other = "fr" if language == "en" else "en"
    if texts.get(language):
        return LocalizedText(texts[language], language, False)
    return LocalizedText(texts.get(other) or "", other, bool(texts.get(other)))


def as_of_rows(standing: as_of.Standing | None, language: str) -> list[dict]:
    """Each responsibility of the version in force that day, with who held its position."""
    if standing is None:
        return []
    return [
        {
            "clause": item.clause,
            "text": _text(item.text, language),
            "position": _text(item.position_title, language) if item.position_id else None,
            "organization": _text(item.organization_name, language),
            "holders": item.holders,
        }
        for item in standing.accountable
    ]
