"""sitemap.xml: the public pages, published agreements and their versions, jurisdictions,
organisations and positions, in English and French (each entry lists its other-language
alternate).

/sitemap.xml is an index of the sections below (/sitemap-<section>.xml), each cut into pages of
URLS_PER_PAGE addresses (`?p=2`...), so that no file grows with the registry."""

from django.contrib.sitemaps import Sitemap
from django.utils.translation import get_language
from wagtail.models import Page

from agreements.models import Agreement, AgreementVersion
from cms.links import site_links
from cms.public_positions import public_positions
from cms.published import current_versions, today
from jurisdictions.models import Jurisdiction, Organization, Position

# Addresses per sitemap file, each language counted (search engines accept up to 50,000; a
# smaller page is built in a fraction of a second: each address costs about 0.1 ms with its
# alternates).
URLS_PER_PAGE = 2_000


class _Localized(Sitemap):
    limit = URLS_PER_PAGE
    i18n = True
    alternates = True
    x_default = True
    protocol = None

    def __init__(self):
        self._links = {}

    def links(self):
        """The singleton pages' URLs in the language being rendered, looked up once per language."""
        language = get_language()
        if language not in self._links:
            self._links[language] = site_links(None)
        return self._links[language]


class PageSitemap(_Localized):
    changefreq = "weekly"

    def items(self):
        return list(Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"))

    def location(self, item):
        return item.get_url(None) or "/"

    def lastmod(self, item):
        return item.last_published_at


class AgreementSitemap(_Localized):
    changefreq = "monthly"

    def items(self):
        # Plain values: 10,000 model instances took most of the index's time.
        published = Agreement.objects.published().order_by("reference")
        return list(published.values_list("reference", flat=True))

    def location(self, item):
        return self.links().agreement(item)


class VersionSitemap(_Localized):
    changefreq = "yearly"
    priority = 0.3

    def items(self):
        # The current version's address redirects to the agreement's page, listed above.
        return list(
            AgreementVersion.objects.published()
            .exclude(pk__in=current_versions().values("pk"))
            .order_by("agreement__reference", "number")
            .values_list("agreement__reference", "number")
        )

    def location(self, item):
        reference, number = item
        return self.links().version(reference, number)


class JurisdictionSitemap(_Localized):
    """Jurisdictions and who works in them: each jurisdiction, organisation and position page
    (one sitemap, so their URLs are looked up once per language)."""

    changefreq = "monthly"

    def items(self):
        kinds = (
            ("jurisdiction", Jurisdiction.objects.order_by("slug").values_list("slug", flat=True)),
            ("organisation", Organization.objects.order_by("slug").values_list("slug", flat=True)),
            ("position", self._public_positions()),
        )
        return [(kind, key) for kind, keys in kinds for key in keys]

    @staticmethod
    def _public_positions():
        """Only positions a current published version names (`cms.public_positions`)."""
        public = public_positions(today=today())
        return Position.objects.filter(pk__in=public).order_by("pk").values_list("pk", flat=True)

    def location(self, item):
        kind, key = item
        return getattr(self.links(), kind)(key)


SITEMAPS = {
    "pages": PageSitemap,
    "agreements": AgreementSitemap,
    "versions": VersionSitemap,
    "jurisdictions": JurisdictionSitemap,
}
