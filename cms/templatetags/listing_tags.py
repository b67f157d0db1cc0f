"""The long lists of the jurisdiction and organisation pages, each rendered in one pass.

A busy organisation lists fifty agreements and over a hundred partners. Written out with template
tags, every row reversed its links through Wagtail's routes and ran a dozen lookups and filters.
Here each kind of link is reversed once per list and completed per row (`_LinkMaker`), choice
labels are translated once per list, and every row is one string format: the same markup as the
template loops it replaces. Texts are escaped here (`html.escape`, what Django's `escape` does
underneath); names are shown as the `bi` filter shows them (cms.bilingual_html.label_html) and
counts formatted for the language, each number once per list.
"""

import re
from collections.abc import Callable
from html import escape

from django import template
from django.utils.formats import localize as localize_number
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from agreements.models import Agreement
from cms.bilingual_html import fallback_notes, label_html
from cms.models import REFERENCE
from jurisdictions.models import Jurisdiction
from registry.bilingual import active_language, in_language

register = template.Library()

CARD = (
    '\n    <li class="card"><p class="card__meta"><span class="reference">{}</span> · '
    '<span class="state state--{}">{}</span></p>\n'
    '      <h3 class="card__title"><a href="{}">{}</a></h3></li>\n    '
)
JURISDICTION_PARTNER = (
    '\n      <tr><th scope="row"><a href="{}">{}</a></th><td>{}</td>'
    '<td class="numeric">{}</td></tr>\n      '
)
ORGANISATION_PARTNER = (
    '\n      <tr><th scope="row"><a href="{}">{}</a></th><td><a href="{}">{}</a></td>'
    '<td class="numeric">{}</td></tr>\n      '
)
# What the routes accept (cms.models): Django's slug converter and an agreement reference.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
REFERENCE_PATTERN = re.compile(REFERENCE)
PLACEHOLDER = "PLACEHOLDER0"


class _LinkMaker:
    """`links.<kind>(value)` for many values, reversed once: the URL of a placeholder, with each
    value put in its place. Only values the route accepts as they are (no character that URL
    quoting would change) are put in; anything else goes through the route as before."""

    def __init__(self, method: Callable[[str], str], accepted: re.Pattern):
        self.method = method
        self.accepted = accepted
        self.pattern = method(PLACEHOLDER)

    def __call__(self, value: str) -> str:
        if self.pattern and self.accepted.fullmatch(value):
            return self.pattern.replace(PLACEHOLDER, value)
        return self.method(value)


def _no_link(value: str) -> str:
    return ""


def _maker(links, kind: str, accepted: re.Pattern) -> Callable[[str], str]:
    return _LinkMaker(getattr(links, kind), accepted) if links else _no_link


def _labels(model, field: str) -> dict[str, str]:
    """A choice field's labels in the page's language, escaped, by value."""
    return {
        value: conditional_escape(str(label))
        for value, label in model._meta.get_field(field).flatchoices
    }


def _count(n: int) -> str:
    return conditional_escape(localize_number(int(n)))


class _Names:
    """`names(obj)`: an object's bilingual name (`name_en` / `name_fr`) as the `bi` filter shows
    it, escaped (cms.bilingual_html.label_html), with the page's language and the fallback notes
    looked up once per list rather than once per row."""

    def __init__(self):
        self.language = active_language()
        self.notes = fallback_notes()

    def __call__(self, obj) -> str:
        return self.texts(obj.name_en, obj.name_fr)

    def texts(self, english: str | None, french: str | None) -> str:
        return label_html(in_language(english, french, self.language), self.notes)


class _Counts(dict):
    """Counts formatted for the language (`_count`), each number formatted once per list."""

    def __missing__(self, n: int) -> str:
        text = self[n] = _count(n)
        return text


@register.simple_tag
def agreement_card_list(cards, links):
    """The agreement cards (cms.selectors.AgreementCard): reference, state, linked title."""
    url = _maker(links, "agreement", REFERENCE_PATTERN)
    states = _labels(Agreement, "state")
    names = _Names()
    items = "".join(
        CARD.format(
            escape(card.reference),
            escape(card.state),
            states.get(card.state, escape(card.state)),
            escape(url(card.reference)),
            names.texts(card.title.get("en") or "", card.title.get("fr") or ""),
        )
        for card in cards
    )
    return mark_safe(  # noqa: S308  # nosec B308 B703 # every text escaped above
        f'<ul class="card-list">\n    {items}\n  </ul>\n'
    )


@register.simple_tag
def jurisdiction_partner_rows(partners, links):
    """One row per (jurisdiction, shared agreements): linked name, level, count."""
    url = _maker(links, "jurisdiction", SLUG)
    levels = _labels(Jurisdiction, "level")
    names = _Names()
    counts = _Counts()
    return mark_safe(  # noqa: S308  # nosec B308 B703 # every text escaped here
        "".join(
            JURISDICTION_PARTNER.format(
                escape(url(partner.slug)),
                names(partner),
                levels.get(partner.level, escape(partner.level)),
                counts[count],
            )
            for partner, count in partners
        )
    )


@register.simple_tag
def organisation_partner_rows(partners, links):
    """One row per (organisation, shared agreements): linked name, linked jurisdiction, count.
    A partner is anything with `slug`, `name_en`, `name_fr` and a `jurisdiction` with `pk`,
    `slug`, `name_en`, `name_fr` (cms.accountability.Partner). Each jurisdiction's link and name
    is worked out once."""
    organisation_url = _maker(links, "organisation", SLUG)
    jurisdiction_url = _maker(links, "jurisdiction", SLUG)
    names = _Names()
    counts = _Counts()
    jurisdictions: dict[int, tuple[str, str]] = {}
    rows = []
    for partner, count in partners:
        jurisdiction = partner.jurisdiction
        if jurisdiction.pk not in jurisdictions:
            jurisdictions[jurisdiction.pk] = (
                escape(jurisdiction_url(jurisdiction.slug)),
                names(jurisdiction),
            )
        rows.append(
            ORGANISATION_PARTNER.format(
                escape(organisation_url(partner.slug)),
                names(partner),
                *jurisdictions[jurisdiction.pk],
                counts[count],
            )
        )
    return mark_safe("".join(rows))  # noqa: S308  # nosec B308 B703 # every text escaped above
