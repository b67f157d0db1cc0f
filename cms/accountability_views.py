"""Thin views behind the organisation and position pages (routes on JurisdictionIndexPage):
read through cms.accountability, render a template."""

from django.template.response import TemplateResponse

from cms import accountability
from cms.links import site_links


def _context(request, page, **extra):
    context = page.get_context(request)
    context.update(extra)
    context["links"] = site_links(request)
    return context


def organisation_detail(request, *, page, slug: str):
    view = accountability.organisation_view(slug)
    return TemplateResponse(
        request, "cms/organisation_page.html", _context(request, page, view=view)
    )


def position_detail(request, *, page, position_id: int):
    view = accountability.position_view(position_id)
    return TemplateResponse(request, "cms/position_page.html", _context(request, page, view=view))
