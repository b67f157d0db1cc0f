"""Template helpers for the public site: bilingual text with a marked fallback, dates from
snapshots, the language toggle and the site's navigation."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms import agreement_rows, page_chrome
from cms.bilingual_html import bi
from cms.localizing import fallback_note, localize
from registry import dates
from registry.bilingual import active_language, localized_with_fallback

register = template.Library()


# `bi` is cms.bilingual_html.bi, which Python code building HTML calls too.
register.filter("bi", bi)


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


register.filter("due_rule", agreement_rows.due_rule)


@register.simple_tag(takes_context=True)
def language_links(context):
    """The other languages of this very page (same path, same query string)."""
    return page_chrome.language_links(context.get("request"), active_language())


@register.simple_tag(name="page_chrome")
def page_chrome_tag():
    """The fixed parts of every public page (links in its head, footer), built once per
    language (cms.page_chrome)."""
    return page_chrome.page_chrome()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


NAV_ITEM = '<li><a href="{}"{}>{}</a></li>'
CURRENT = format_html(' aria-current="{}"', "page")


@register.simple_tag(takes_context=True)
def site_nav(context):
    """The site's main navigation: home, the singleton pages and the editorial pages in menus,
    the one being read marked with `aria-current`. Built here rather than by an included
    template, as every public page shows it."""
    from cms.links import site_links

    request = context.get("request")
    links = site_links(request) if request else None
    current = request.path if request else ""
    home = f"/{get_language()}/"
    items = [(home, CURRENT if current == home else "", _("Home"))]
    for name, label in (
        ("agreements", _("Agreements")),
        ("jurisdictions", _("Jurisdictions")),
        ("network", _("Network")),
    ):
        url = getattr(links, name, "")
        if url:
            items.append((url, CURRENT if url in current else "", label))
    for page in links.editorial if links else []:
        url = page["url"]
        items.append((url, CURRENT if url == current else "", bi(page["title"])))
    return format_html(
        '<nav class="site-nav" aria-label="{}">\n  <ul class="wrap">\n{}\n  </ul>\n</nav>',
        _("Main"),
        format_html_join("\n", NAV_ITEM, items),
    )


@register.simple_tag
def responsibility_rows(view, responsibilities):
    """The rows of one party's responsibilities table on the agreement page (cms.agreement_rows)."""
    return agreement_rows.responsibility_rows(view, responsibilities)


@register.simple_tag
def party_rows(view, links):
    """The rows of the agreement page's parties table (cms.agreement_rows)."""
    return agreement_rows.party_rows(view, links)


@register.simple_tag
def version_rows(view, rows, links, documents):
    """The rows of the agreement page's versions table (cms.agreement_rows); `documents`: the
    version shown has PDFs, so the page carries the PDF note their links point to."""
    return agreement_rows.version_rows(view, rows, links, bool(documents))


@register.simple_tag
def signature_rows(status, version=None):
    """The rows of the agreement page's signatures table (cms.agreement_rows), kept per
    `version` when given."""
    return agreement_rows.signature_rows(status, version)


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


class KeptForVersionNode(template.Node):
    def __init__(self, nodelist, name, version, vary_on):
        self.nodelist, self.name, self.version, self.vary_on = nodelist, name, version, vary_on

    def render(self, context):
        version = self.version.resolve(context)
        sha256 = getattr(version, "snapshot_sha256", None)
        if not sha256:
            return self.nodelist.render(context)
        key = (
            "fragment",
            self.name,
            version.pk,
            sha256,
            get_language(),
            *(str(value.resolve(context)) for value in self.vary_on),
        )
        return agreement_rows.kept(key, lambda: self.nodelist.render(context))


@register.tag
def kept_for_version(parser, token):
    """`{% kept_for_version "name" version value… %}…{% endkept_for_version %}`: the enclosed
    HTML built once per version (its id and the SHA-256 of its snapshot: versions never change),
    language and listed values, then kept in this process (cms.agreement_rows.kept). Only for
    HTML made of the version's snapshot and the listed values."""
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name and a version")
    nodelist = parser.parse(("endkept_for_version",))
    parser.delete_first_token()
    return KeptForVersionNode(
        nodelist,
        bits[1].strip("\"'"),
        parser.compile_filter(bits[2]),
        [parser.compile_filter(bit) for bit in bits[3:]],
    )
