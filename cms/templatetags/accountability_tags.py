"""Links to the organisation and position pages, for any public template:
`{% load accountability_tags %}{% organisation_url links slug %}`,
`{% position_url links position_id %}` (`links` is cms.links.site_links; a snapshot's
position gives its id as `owner.id` / `signatory.id`)."""

from django import template

register = template.Library()


@register.simple_tag
def organisation_url(links, slug: str) -> str:
    return links.organisation(slug) if links and slug else ""


@register.simple_tag
def position_url(links, position_id: int) -> str:
    return links.position(position_id) if links and position_id else ""
