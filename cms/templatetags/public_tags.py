"""Template helpers for the public site: bilingual text with a marked fallback, dates from
snapshots, the language toggle and the site's navigation."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language_info

from agreements import recurrence
from cms.localizing import fallback_note, localize
from registry import dates
from registry.bilingual import active_language, localized_with_fallback

register = template.Library()


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
def bi_field(obj, field: str):
    """A short bilingual field (`<field>_en` / `<field>_fr`, e.g. an acronym) as HTML in the
    page's language; the other language's text when it has none, marked with its `lang` only
    (an "(English only)" note would drown an acronym). Empty when neither language has it."""
    text = localized_with_fallback(obj, field)
    if not text.is_fallback:
        return text.text
    return format_html('<span lang="{}">{}</span>', text.language, text.text)


@register.filter
def fallback_label(value) -> str:
    return fallback_note(localize(value).language)


@register.filter
def isodate(value):
    """A snapshot's ISO date string as a date; None (or a string that is no date) gives None."""
    return dates.as_date(value)


# "1 April 2019" / "1er avril 2019" (dates, datetimes and snapshots' ISO strings) and
# "1 April 2019, 14:05 ADT" / "1er avril 2019, 14 h 05 HAA": one formatter per language.
register.filter("long_date", dates.long_date)
register.filter("date_time", dates.date_time)


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
