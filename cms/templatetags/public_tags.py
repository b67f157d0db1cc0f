"""Template helpers for the public site: bilingual text with a marked fallback, dates from
snapshots, the language toggle and the site's navigation."""

import datetime

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from agreements import recurrence
from registry.bilingual import LocalizedText, active_language, localized_with_fallback

register = template.Library()


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
    return _("(English only)") if language == "en" else _("(French only)")


@register.filter
def bi(value):
    """Bilingual text as HTML: marked with its language and "(English only)" when it is not in
    the page's language."""
    text = localize(value)
    if not text.is_fallback:
        return text.text
    return format_html(
        '<span lang="{}">{}</span> <span class="fallback">{}</span>',
        text.language,
        text.text,
        fallback_note(text.language),
    )


@register.filter
def bi_text(value) -> str:
    """Bilingual text as plain text (for attributes and titles); no fallback marking."""
    return localize(value).text


@register.filter
def fallback_label(value) -> str:
    return fallback_note(localize(value).language)


@register.filter
def isodate(value):
    """A snapshot's ISO date string as a date (for the `date` filter); None stays None."""
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


@register.filter
def due_rule(item) -> str:
    """When a snapshot's responsibility falls due, read from its rule in the page's language:
    "Every quarter, from 30 June 2021" / "Chaque trimestre, à compter du 30 juin 2021"."""
    rule = item.get("recurrence") or {}
    return recurrence.describe(
        recurrence=rule.get("code") if isinstance(rule, dict) else rule,
        anchor=isodate(item.get("recurrence_anchor")),
        due_date=isodate(item.get("due_date")),
    )


@register.simple_tag(takes_context=True)
def language_links(context):
    """The other languages of this very page (same path, same query string)."""
    request = context.get("request")
    current = active_language()
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        info = get_language_info(code)
        url = translate_url(request.get_full_path(), code) if request else f"/{code}/"
        links.append({"code": code, "name": info["name_local"], "url": url})
    return links


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.inclusion_tag("cms/includes/site_nav.html", takes_context=True)
def site_nav(context):
    from cms.links import site_links

    request = context.get("request")
    links = site_links(request) if request else None
    return {"links": links, "current": request.path if request else ""}


@register.simple_tag
def agreement_url(links, reference: str) -> str:
    return links.agreement(reference) if links else ""


@register.simple_tag
def version_url(links, reference: str, number: int) -> str:
    return links.version(reference, number) if links else ""


@register.simple_tag
def changes_url(links, reference: str) -> str:
    return links.changes(reference) if links else ""


@register.simple_tag
def jurisdiction_url(links, slug: str) -> str:
    return links.jurisdiction(slug) if links else ""


@register.filter
def page_link(query, page: int) -> str:
    """The browser's query string for another page of the same results."""
    return query.page_querystring(page)


@register.simple_tag
def verify_url() -> str:
    """The public verification page (agreements.urls), in the page's language."""
    from django.urls import reverse

    from cms.documents import NAMESPACE

    return reverse(f"{NAMESPACE}:verify")
