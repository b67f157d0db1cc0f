"""URLs of the public site's singleton pages and of the things they serve.

The browser, jurisdiction index and network pages are looked up once per request (one query
for all three), so any page can link to an agreement or a jurisdiction without another query.

This module does not import `cms.models`: the page models call the views, the views use these
links, and the links find the pages by their content type and the page classes through Django's
app registry when called, so imports go one way (models → views → links).
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.utils.translation import get_language
from wagtail.models import Page

APP_LABEL = "cms"
# The singleton pages by the model name of their content type.
KINDS = {
    "agreementindexpage": "agreements",
    "jurisdictionindexpage": "jurisdictions",
    "networkpage": "network",
}
EDITORIAL = "editorialpage"


@dataclass
class SiteLinks:
    """Base URLs (with the language prefix) of the singleton pages; empty when one is missing."""

    agreements: str = ""
    jurisdictions: str = ""
    network: str = ""
    editorial: list[dict] = field(default_factory=list)
    # The routable page class found for each of the singletons above, for its sub-routes.
    page_classes: dict[str, type] = field(default_factory=dict)

    def agreement(self, reference: str) -> str:
        return self._sub("agreements", "agreement", reference=reference)

    def version(self, reference: str, number: int) -> str:
        return self._sub("agreements", "version", reference=reference, number=number)

    def changes(self, reference: str) -> str:
        return self._sub("agreements", "changes", reference=reference)

    def jurisdiction(self, slug: str) -> str:
        return self._sub("jurisdictions", "jurisdiction", slug=slug)

    def organisation(self, slug: str) -> str:
        """An organisation's public page (cms.accountability), by the organisation's slug."""
        return self._sub("jurisdictions", "organisation", organization_slug=slug)

    def position(self, position_id: int) -> str:
        """A position's public page (what it answers for, who held it), by the position's id."""
        return self._sub("jurisdictions", "position", position_id=position_id)

    def _sub(self, kind: str, name: str, **kwargs) -> str:
        base = getattr(self, kind)
        page_class = self.page_classes.get(kind)
        if not base or page_class is None:
            return ""
        return (
            base.rstrip("/") + "/" + page_class.get_resolver().reverse(name, **kwargs).lstrip("/")
        )


def site_links(request=None) -> SiteLinks:
    """The singleton pages' URLs in the active language, cached on the request if any."""
    cache_key = f"_site_links_{get_language()}"
    cached = getattr(request, cache_key, None) if request is not None else None
    if cached is not None:
        return cached
    links = SiteLinks()
    pages = (
        Page.objects.live()
        .public()
        .filter(content_type__model__in=list(KINDS))
        .filter(content_type__app_label=APP_LABEL)
        .select_related("content_type")
        .order_by("path")
    )
    for page in pages:
        name = KINDS[page.content_type.model]
        if not getattr(links, name):
            setattr(links, name, page.get_url(request) or "")
            links.page_classes[name] = page.content_type.model_class()
    editorial = apps.get_model(APP_LABEL, EDITORIAL).objects.live().public()
    links.editorial = [
        {"url": page.get_url(request), "title": page.localized_title}
        for page in editorial.filter(depth=3, show_in_menus=True).order_by("path")
    ]
    if request is not None:
        setattr(request, cache_key, links)
    return links
