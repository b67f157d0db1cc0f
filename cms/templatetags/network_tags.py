"""The network page's lines and table rows, rendered in one pass each.

A registry of 10,000 agreements draws hundreds of links; written out with template variables,
each link costs a dozen lookups and filters (the names and the jurisdiction URLs of both ends,
again for every link). Here each jurisdiction's name and URL is worked out once, and every link
is one string format: the same markup, a small fraction of the time. Every text is escaped once,
per jurisdiction; the numbers are the layout's own floats and counts.

A network is kept and reused while its data is unchanged (cms.network), so each markup is kept
with it (`Network.rendered`), by the language and the link pattern it was written for: the same
page asked again costs a dictionary look-up here.
"""

from django import template
from django.utils import translation
from django.utils.formats import localize as localize_number
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from cms.templatetags.public_tags import bi, bi_text

register = template.Library()
# Stands for a jurisdiction's slug in the link pattern a kept markup was written with.
PLACEHOLDER = "network-placeholder"


def _kept(graph, key: tuple, write) -> str:
    """The markup `write()` gives for `graph`, written once per key while the graph is kept."""
    key = (*key, translation.get_language())
    markup = graph.rendered.get(key)
    if markup is None:
        markup = graph.rendered[key] = write()
    return markup


LINE = (
    '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke-width="{}">'
    "<title>{} — {}: {}</title></line>\n        "
)
NODE = (
    '<g><circle cx="{}" cy="{}" r="{}" class="level-{}"><title>{}</title></circle>'
    '<text x="{}" y="{}" text-anchor="{}">{}</text></g>\n        '
)
ROW = (
    '<tr><th scope="row"><a href="{}">{}</a></th>\n'
    '          <td><a href="{}">{}</a></td>\n'
    '          <td class="numeric">{}</td></tr>\n        '
)


@register.simple_tag
def network_lines(graph):
    """One SVG line per link, titled with both names and the number of agreements. Coordinates
    are written as plain numbers ("360.5"), whatever the page's language."""
    return _kept(graph, ("lines",), lambda: _lines(graph))


def _lines(graph):
    names = {id(node): conditional_escape(bi_text(node.jurisdiction)) for node in graph.nodes}
    return mark_safe(  # noqa: S308  # nosec B308 B703 # names escaped above; the rest are numbers
        "".join(
            LINE.format(
                float(link.source.x),
                float(link.source.y),
                float(link.target.x),
                float(link.target.y),
                float(link.width),
                names[id(link.source)],
                names[id(link.target)],
                int(link.agreements),
            )
            for link in graph.links
        )
    )


@register.simple_tag
def network_nodes(graph):
    """One SVG circle per jurisdiction, titled with its name, and its label beside it."""
    return _kept(graph, ("nodes",), lambda: _nodes(graph))


def _nodes(graph):
    return mark_safe(  # noqa: S308  # nosec B308 B703 # texts escaped here; the rest are numbers
        "".join(
            NODE.format(
                float(node.x),
                float(node.y),
                int(graph.node_radius),
                conditional_escape(node.jurisdiction.level),
                conditional_escape(bi_text(node.jurisdiction)),
                float(node.label_x),
                float(node.label_y),
                conditional_escape(node.anchor),
                conditional_escape(node.label),
            )
            for node in graph.nodes
        )
    )


@register.simple_tag
def network_rows(graph, links):
    """One table row per link: both jurisdictions, each linked to its page, and the count."""
    pattern = links.jurisdiction(PLACEHOLDER) if links else ""
    return _kept(graph, ("rows", pattern), lambda: _rows(graph, links))


def _rows(graph, links):
    ends = {
        id(node): (
            conditional_escape(links.jurisdiction(node.jurisdiction.slug) if links else ""),
            conditional_escape(bi(node.jurisdiction)),
        )
        for node in graph.nodes
    }
    # Few distinct counts among hundreds of links: each is formatted for the language once.
    counts = {
        n: conditional_escape(localize_number(n))
        for n in {int(link.agreements) for link in graph.links}
    }
    return mark_safe(  # noqa: S308  # nosec B308 B703 # URLs, names escaped above; count a number
        "".join(
            ROW.format(*ends[id(link.source)], *ends[id(link.target)], counts[int(link.agreements)])
            for link in graph.links
        )
    )
