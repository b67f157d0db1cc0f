"""Atom feed of newly published agreement versions (entries into force and amendments).

Times are written in the registry's time zone (settings.TIME_ZONE) with their offset, e.g.
"2021-04-01T00:00:00-03:00", never in UTC. A browser opening the feed shows it as a page: the
feed names an XSL stylesheet (a static file, cms/static/cms/feed.xsl, English and French) in an
<?xml-stylesheet?> processing instruction, which feed readers ignore.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.feedgenerator import Atom1Feed, Stylesheet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.xmlutils import SimplerXMLGenerator

from agreements.models import AgreementVersion
from cms.links import site_links
from cms.localizing import localize

FEED_SIZE = 50
STYLESHEET = "cms/feed.xsl"
BROWSER_CONTENT_TYPE = "application/xml; charset=utf-8"


def local_midnight(day: datetime.date) -> datetime.datetime:
    """The start of `day` in the registry's time zone, as an aware datetime."""
    naive = datetime.datetime.combine(day, datetime.time.min)
    return timezone.make_aware(naive, timezone.get_default_timezone())


def _names_html(request) -> bool:
    """Whether the client lists text/html itself (a browser), not merely through */*."""
    return any(str(media).split(";")[0].strip() == "text/html" for media in request.accepted_types)


class StyledAtomFeed(Atom1Feed):
    """Django's Atom feed with its stylesheets written as processing instructions (Django does
    so for RSS only), and its own "updated" in local time when it has no entries."""

    def write(self, outfile, encoding):
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        # A stylesheet must come after the XML declaration and before the first element.
        for stylesheet in self.feed.get("stylesheets") or []:
            handler.processingInstruction("xml-stylesheet", stylesheet)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def latest_post_date(self):
        latest = super().latest_post_date()
        return timezone.localtime(latest, timezone.get_default_timezone())


class LatestVersionsFeed(Feed):
    feed_type = StyledAtomFeed
    title = gettext_lazy("Intergovernmental Agreement Registry: newly published versions")
    subtitle = gettext_lazy("Agreements entering into force and amendments taking effect.")

    def __call__(self, request, *args, **kwargs):
        self.request = request
        response = super().__call__(request, *args, **kwargs)
        if _names_html(request):
            # A browser shows application/atom+xml as plain text and applies no stylesheet;
            # as application/xml it does. Feed readers do not ask for HTML and get Atom's type.
            response["Content-Type"] = BROWSER_CONTENT_TYPE
        patch_vary_headers(response, ["Accept"])
        return response

    def link(self):
        return reverse("feed")

    def stylesheets(self):
        return [Stylesheet(static(STYLESHEET), mimetype="text/xsl")]

    def items(self):
        return (
            AgreementVersion.objects.published()
            .select_related("agreement")
            .order_by("-effective_date", "-number", "agreement__reference")[:FEED_SIZE]
        )

    def item_title(self, item):
        return _("%(reference)s — %(title)s (version %(number)s)") % {
            "reference": item.agreement.reference,
            "title": localize(item.snapshot["agreement"]["title"]).text,
            "number": item.number,
        }

    def item_description(self, item):
        return localize(item.snapshot["agreement"]["summary"]).text

    def item_link(self, item):
        # A version's permanent address; the current one redirects to the agreement's page.
        return site_links(self.request).version(item.agreement.reference, item.number) or "/"

    def item_guid(self, item):
        return f"agreement-version:{item.agreement.reference}:{item.number}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return local_midnight(item.effective_date)

    def item_updateddate(self, item):
        return self.item_pubdate(item)
