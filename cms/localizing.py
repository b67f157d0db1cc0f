"""Bilingual values of the public site as text in the page's language, with where it came from.

A plain module (not a template tag library) so that views, feeds and the change sentences can
use it; the template filters in `cms.templatetags.public_tags` are built on it.
"""

from django.utils.translation import gettext as _

from registry.bilingual import LocalizedText, active_language, localized_with_fallback


class _Texts:
    """Adapts a snapshot's {"en": ..., "fr": ...} to `registry.bilingual`'s `<field>_<lang>`."""

    def __init__(self, texts: dict):
        self.text_en = texts.get("en", "") or ""
        self.text_fr = texts.get("fr", "") or ""


def localize(value) -> LocalizedText:
    """The text of `value` in the active language, with where it came from. `value` may be a
    snapshot text dict, a choice dict ({"code", "label"}), a LocalizedText, an object with
    `name_en` / `name_fr`, or anything else (shown as it is)."""
    if isinstance(value, LocalizedText):
        return value
    if isinstance(value, dict):
        if "label" in value and isinstance(value["label"], dict):
            value = value["label"]
        if "en" in value or "fr" in value:
            return localized_with_fallback(_Texts(value), "text")
    if hasattr(value, "name_en"):
        return localized_with_fallback(value, "name")
    if hasattr(value, "title_en"):
        return localized_with_fallback(value, "title")
    text = "" if value is None else str(value)
    return LocalizedText(text, active_language(), False)


def fallback_note(language: str) -> str:
    """What follows text shown in the other language: "(English only)" / "(French only)"."""
    return _("(English only)") if language == "en" else _("(French only)")
