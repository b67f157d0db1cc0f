"""Atom feed of newly published agreement versions (entries into force and amendments)."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from agreements.models import AgreementVersion
from cms.links import site_links
from cms.templatetags.public_tags import localize

FEED_SIZE = 50


class LatestVersionsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Intergovernmental Agreement Registry: newly published versions")
    subtitle = _("Agreements entering into force and amendments taking effect.")

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return reverse("feed")

    def items(self):
        return (
            AgreementVersion.objects.published()
            .select_related("agreement")
            .order_by("-effective_date", "-number", "agreement__reference")[:FEED_SIZE]
        )

    def item_title(self, item):
        title = localize(item.snapshot["agreement"]["title"]).text
        return f"{item.agreement.reference} — {title} ({_('version')} {item.number})"

    def item_description(self, item):
        return localize(item.snapshot["agreement"]["summary"]).text

    def item_link(self, item):
        # A version's permanent address; the current one redirects to the agreement's page.
        return site_links(self.request).version(item.agreement.reference, item.number) or "/"

    def item_guid(self, item):
        return f"agreement-version:{item.agreement.reference}:{item.number}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return timezone.make_aware(
            datetime.datetime.combine(item.effective_date, datetime.time.min)
        )

    def item_updateddate(self, item):
        return self.item_pubdate(item)
