"""Template tags of the agreement browser (cms/templates/cms/agreement_browser.html)."""

from django import template

from cms.result_html import result_items

register = template.Library()


@register.simple_tag
def browser_results(results, links):
    """The results' list items (built by cms.result_html: see there why)."""
    return result_items(results, links)
