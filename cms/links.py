"""URLs of the public site's singleton pages and of the things they serve.

The browser, jurisdiction index and network pages are looked up once per request (one query
for all three), so any page can link to an agreement or a jurisdiction without another query.
"""

from dataclasses import dataclass, field

from django.utils.translation import get_language
from wagtail.models import Page

from cms.models import AgreementIndexPage, EditorialPage, JurisdictionIndexPage, NetworkPage

KINDS = {
    "agreements": AgreementIndexPage,
    "jurisdictions": JurisdictionIndexPage,
    "network": NetworkPage,
}


@dataclass
class SiteLinks:
    """Base URLs (with the language prefix) of the singleton pages; empty when one is missing."""

    agreements: str = ""
    jurisdictions: str = ""
    network: str = ""
    editorial: list[dict] = field(default_factory=list)

    def agreement(self, reference: str) -> str:
        return self._sub(self.agreements, AgreementIndexPage, "agreement", reference=reference)

    def version(self, reference: str, number: int) -> str:
        return self._sub(
            self.agreements, AgreementIndexPage, "version", reference=reference, number=number
        )

    def changes(self, reference: str) -> str:
        return self._sub(self.agreements, AgreementIndexPage, "changes", reference=reference)

    def jurisdiction(self, slug: str) -> str:
        return self._sub(self.jurisdictions, JurisdictionIndexPage, "jurisdiction", slug=slug)

    @staticmethod
    def _sub(base: str, page_class, name: str, **kwargs) -> str:
        if not base:
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
    content_types = {
        page_class._meta.label_lower.replace(".", "_"): name for name, page_class in KINDS.items()
    }
    links = SiteLinks()
    pages = (
        Page.objects.live()
        .public()
        .filter(content_type__model__in=[c._meta.model_name for c in KINDS.values()])
        .filter(content_type__app_label="cms")
        .select_related("content_type")
        .order_by("path")
    )
    for page in pages:
        name = content_types.get(f"{page.content_type.app_label}_{page.content_type.model}")
        if name and not getattr(links, name):
            setattr(links, name, page.get_url(request) or "")
    editorial = EditorialPage.objects.live().public().filter(depth=3, show_in_menus=True)
    links.editorial = [
        {"url": page.get_url(request), "title": page.localized_title}
        for page in editorial.order_by("path")
    ]
    if request is not None:
        setattr(request, cache_key, links)
    return links
