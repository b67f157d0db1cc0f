"""English and French content stored side by side as `<field>_en` / `<field>_fr`.

`localized(obj, "title")` returns the text in the active language, falling back to the other
language when it is empty; `localized_with_fallback` also says whether the fallback was used so
templates can mark it (lang attribute, "(English only)").
"""

from dataclasses import dataclass

from django.utils import translation

LANGUAGE_CODES = ("en", "fr")


@dataclass(frozen=True)
class LocalizedText:
    text: str
    language: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text


def active_language() -> str:
    code = (translation.get_language() or "en")[:2]
    return code if code in LANGUAGE_CODES else "en"


def in_language(english: str | None, french: str | None, language: str) -> LocalizedText:
    """The text in `language`, or in the other one (marked as a fallback) when it is empty."""
    wanted, other = (french, english) if language == "fr" else (english, french)
    if wanted:
        return LocalizedText(wanted, language, False)
    return LocalizedText(other or "", "en" if language == "fr" else "fr", bool(other))


def localized_with_fallback(obj, field: str, language: str | None = None) -> LocalizedText:
    return in_language(
        getattr(obj, f"{field}_en", ""),
        getattr(obj, f"{field}_fr", ""),
        language or active_language(),
    )


def localized(obj, field: str, language: str | None = None) -> str:
    return localized_with_fallback(obj, field, language).text


def pick(texts, language: str) -> str:
    """One language out of stored data such as a version snapshot's `{"en": ..., "fr": ...}`,
    falling back to the other language when it is empty, as `localized` does for model fields.
    A plain value (no language) is given as text; None as ""."""
    if not isinstance(texts, dict):
        return "" if texts is None else str(texts)
    other = "fr" if language == "en" else "en"
    return texts.get(language) or texts.get(other) or ""


class BilingualMixin:
    """Adds `obj.localized("title")` to a model with `title_en` / `title_fr` fields."""

    def localized(self, field: str, language: str | None = None) -> str:
        return localized(self, field, language)
