"""English/French content: the active language's text, or the other language's as a fallback."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from registry.bilingual import (
    LocalizedText,
    active_language,
    localized,
    localized_with_fallback,
)
from tests.factories import JurisdictionFactory


def title(en: str = "", fr: str = "") -> SimpleNamespace:
    return SimpleNamespace(title_en=en, title_fr=fr)


@pytest.mark.parametrize(
    ("activated", "expected"),
    [("en", "en"), ("fr", "fr"), ("fr-ca", "fr"), ("en-gb", "en"), ("de", "en")],
)
def test_active_language_is_english_or_french_when_language_activated(activated, expected):
    with translation.override(activated):
        assert active_language() == expected


def test_active_language_is_english_when_translation_deactivated():
    with translation.override(None):
        assert active_language() == "en"


def test_french_text_returned_when_french_active():
    obj = title("Service delivery agreement", "Entente de prestation de services")
    with translation.override("fr"):
        assert localized_with_fallback(obj, "title") == LocalizedText(
            "Entente de prestation de services", "fr", False
        )
        assert localized(obj, "title") == "Entente de prestation de services"


def test_english_text_returned_when_english_active():
    obj = title("Service delivery agreement", "Entente de prestation de services")
    with translation.override("en"):
        assert localized_with_fallback(obj, "title") == LocalizedText(
            "Service delivery agreement", "en", False
        )


def test_english_fallback_flagged_when_french_text_missing():
    obj = title("Service delivery agreement", "")
    with translation.override("fr"):
        result = localized_with_fallback(obj, "title")
    assert result == LocalizedText("Service delivery agreement", "en", True)
    assert str(result) == "Service delivery agreement"


def test_french_fallback_flagged_when_english_text_missing():
    obj = title("", "Entente de prestation de services")
    with translation.override("en"):
        assert localized_with_fallback(obj, "title") == LocalizedText(
            "Entente de prestation de services", "fr", True
        )


def test_empty_text_not_flagged_as_fallback_when_both_languages_missing():
    with translation.override("fr"):
        assert localized_with_fallback(title(None, ""), "title") == LocalizedText("", "en", False)


def test_requested_language_used_when_given_explicitly():
    obj = title("Service delivery agreement", "Entente de prestation de services")
    with translation.override("en"):
        assert localized(obj, "title", "fr") == "Entente de prestation de services"


@pytest.mark.django_db
def test_model_name_follows_active_language_when_mixin_used():
    jurisdiction = JurisdictionFactory(
        name_en="Province of New Brunswick", name_fr="Province du Nouveau-Brunswick"
    )
    with translation.override("fr"):
        assert str(jurisdiction) == "Province du Nouveau-Brunswick"
    with translation.override("en"):
        assert jurisdiction.localized("name") == "Province of New Brunswick"
        assert jurisdiction.localized("name", "fr") == "Province du Nouveau-Brunswick"
