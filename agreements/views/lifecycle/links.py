"""Where the lifecycle page is, and the header button that leads there from the agreement's
edit and inspect views."""

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets.button import HeaderButton

from agreements.models import Agreement

LIFECYCLE_TITLE = _("Lifecycle")


def lifecycle_url(agreement: Agreement) -> str:
    return reverse("agreement_lifecycle:overview", args=(quote(agreement.pk),))


def lifecycle_button(agreement: Agreement) -> HeaderButton:
    """A header button for the agreement's edit and inspect views, leading here."""
    return HeaderButton(
        _("Lifecycle, versions and amendments"),
        url=lifecycle_url(agreement),
        icon_name="history",
    )
