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


def localized_with_fallback(obj, field: str, language: str | None = None) -> LocalizedText:
    wanted = language or active_language()
    other = "fr" if wanted == "en" else "en"
    text = getattr(obj, f"{field}_{wanted}", "") or ""
    if text:
        return LocalizedText(text, wanted, False)
    fallback = getattr(obj, f"{field}_{other}", "") or ""
    return LocalizedText(fallback, other, bool(fallback))


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
