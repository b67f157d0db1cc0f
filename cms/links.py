"""URLs of the public site's singleton pages and of the things they serve.

The browser, jurisdiction index and network pages are found in the cached picture of the page
tree (`cms.routing`), and the links of each site and language are kept in the cache under the
site-structure version, so any page can link to an agreement or a jurisdiction without a query.

This module does not import `cms.models`: the page models call the views, the views use these
links, and the links find the pages by their content type's model name and their classes from
the page instances, so imports go one way (models → views → links).
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.translation import get_language

from cms import routing

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
    """The singleton pages' URLs in the active language, cached on the request if any, and in
    Django's cache under the site-structure version (`cms.routing`) when that cache is on."""
    language = get_language()
    cache_key = f"_site_links_{language}"
    cached = getattr(request, cache_key, None) if request is not None else None
    if cached is not None:
        return cached
    if routing.enabled():
        site = routing.site_for(request) if request is not None else None
        key = routing.cache_key(request, "links", site.pk if site else "-", language)
        links = cache.get(key)
        if links is None:
            links = _links(request)
            cache.set(key, links, timeout=None)
    else:
        links = _links(request)
    if request is not None:
        setattr(request, cache_key, links)
    return links


def _links(request) -> SiteLinks:
    """Read from the picture of the page tree: live pages without a view restriction (on them or
    an ancestor), the first of each singleton kind in tree order, and the editorial pages right
    below the home page that are shown in menus."""
    links = SiteLinks()
    singletons: dict[str, int] = {}
    editorial: list[int] = []
    for facts in routing.structure(request).in_order():
        if not facts.live or facts.restricted or facts.app_label != APP_LABEL:
            continue
        name = KINDS.get(facts.model)
        if name:
            singletons.setdefault(name, facts.id)
        elif facts.model == EDITORIAL and facts.depth == 3 and facts.show_in_menus:
            editorial.append(facts.id)
    pages = routing.pages([*singletons.values(), *editorial], request)
    for name, pk in singletons.items():
        setattr(links, name, pages[pk].get_url(request) or "")
        links.page_classes[name] = type(pages[pk])
    links.editorial = [
        {"url": pages[pk].get_url(request), "title": pages[pk].localized_title}
        for pk in editorial
        if pk in pages
    ]
    return links
