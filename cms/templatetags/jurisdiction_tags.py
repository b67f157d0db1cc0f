"""The jurisdiction tree of the jurisdictions index, rendered in one pass.

Written as a template that included itself once per level, each of the tree's jurisdictions cost
a route reversed for its link, a choice label and a pluralised count translated, and a dozen
variable look-ups: most of the page's time. Here the link is reversed once (`_LinkMaker`), the
labels translated once, and each jurisdiction is one string format: the same markup.
"""

from django import template
from django.utils.formats import localize as localize_number
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import npgettext

from cms.templatetags.listing_tags import SLUG, _labels, _maker
from cms.templatetags.public_tags import bi
from jurisdictions.models import Jurisdiction

register = template.Library()

ITEM = '\n  <li>\n    <a href="{}">{}</a>\n    <span class="muted">{}</span>\n    {}\n    {}\n  </li>\n  '
COUNT = '<span class="count">{}</span>'


@register.simple_tag
def jurisdiction_tree(roots, links):
    """Nested lists of the tree (cms.selectors.JurisdictionNode): each jurisdiction linked, its
    level, its published agreements when it has some, and the jurisdictions within it."""
    url = _maker(links, "jurisdiction", SLUG)
    levels = _labels(Jurisdiction, "level")

    def agreements(n: int) -> str:
        if not n:
            return ""
        # Its own context: the plain "%(counter)s agreement" is the singular of another message
        # (the browser's "%(first)s–%(last)s of %(counter)s agreements").
        text = npgettext("jurisdiction tree", "%(counter)s agreement", "%(counter)s agreements", n)
        return COUNT.format(conditional_escape(text % {"counter": localize_number(int(n))}))

    def items(nodes) -> str:
        return "".join(
            ITEM.format(
                conditional_escape(url(node.jurisdiction.slug)),
                conditional_escape(bi(node.jurisdiction)),
                levels.get(node.jurisdiction.level, conditional_escape(node.jurisdiction.level)),
                agreements(node.agreements),
                tree(node.children) if node.children else "",
            )
            for node in nodes
        )

    def tree(nodes) -> str:
        return f'<ul class="tree">\n  {items(nodes)}\n</ul>\n'

    return mark_safe(tree(roots))  # noqa: S308  # nosec B308 B703 # every text escaped above
