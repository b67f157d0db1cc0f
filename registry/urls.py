"""URL wiring: Wagtail admin for staff; the public site in English and French.

The public site lives under /en/ and /fr/ (i18n_patterns). A bare "/" (or any path without a
language prefix that matches nothing) is redirected by LocaleMiddleware to the language the
browser prefers. The admin, documents, sitemap.xml and robots.txt stay outside the prefixes; the
signed PDFs and the verification page (agreements.urls) are inside, so their pages speak the
visitor's language (a PDF's own language is part of its file name).
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib.sitemaps.views import index, sitemap
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import routing
from cms.feeds import LatestVersionsFeed
from cms.sitemaps import SITEMAPS
from cms.views import robots_txt
from registry.favicon import favicon_ico
from registry.health import healthz
from workspace.calendar_views import calendar_feed_view

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # An index of the sitemap's sections, each cut into pages (cms.sitemaps.URLS_PER_PAGE), so no
    # file grows with the registry: one file of every URL was 10 MB and took 5 s at 10,000
    # agreements.
    path("sitemap.xml", index, {"sitemaps": SITEMAPS}, name="django.contrib.sitemaps.views.index"),
    path(
        "sitemap-<section>.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("favicon.ico", favicon_ico, name="favicon-ico"),
    # The public read-only API: /api/v1/ (opendata.api).
    path("", include("opendata.api.urls")),
    path("healthz", healthz, name="healthz"),
    # A user's personal calendar feed; the secret token is the key (workspace.calendar).
    path("calendar/<str:token>.ics", calendar_feed_view, name="workspace_calendar_feed"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page-serving pattern, changed in two ways: it leaves the staff, file and calendar-feed
# paths and the sitemap's files alone (so LocaleMiddleware does not answer their 404s by
# redirecting to /en/admin/...), and it allows dots in path segments (reference numbers such as
# "NS-2024.1"). A second pattern
# serves the browser's downloads ("results.csv"), which end in a file name rather than a slash.
# Both route through cms.routing, which answers Wagtail's site and page lookups from the cache.
NOT_STAFF = r"(?!admin/|documents/|static/|media/|sitemap[\w\-]*\.xml/)"
serve_patterns = [
    re_path(rf"^{NOT_STAFF}((?:[\w\-.]+/)*)$", routing.serve, name="wagtail_serve"),
    re_path(
        rf"^{NOT_STAFF}((?:[\w\-.]+/)*[\w\-]+\.(?:csv|json))$",
        routing.serve,
        name="public_serve",
    ),
]
wagtail_utilities = [p for p in wagtail_urls.urlpatterns if p.name != "wagtail_serve"]

urlpatterns += i18n_patterns(
    path("feed/", LatestVersionsFeed(), name="feed"),
    # Signed PDFs (/en/pdf/<reference>/versions/<n>/<language>.pdf) and the verification page.
    path("", include("agreements.urls")),
    *wagtail_utilities,
    *serve_patterns,
    prefix_default_language=True,
)
