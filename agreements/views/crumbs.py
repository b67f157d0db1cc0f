"""Breadcrumbs shared by the admin screens about one agreement."""

from django.contrib.admin.utils import quote
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


def agreement_breadcrumbs(agreement) -> list[dict[str, str]]:
    """The "Agreements" and agreement crumbs that lead back from a screen about one agreement
    (lifecycle, reviews, reports); none when the agreement viewset is not registered."""
    try:
        return [
            {"url": reverse("agreements:index"), "label": _("Agreements")},
            {
                "url": reverse("agreements:edit", args=(quote(agreement.pk),)),
                "label": agreement.reference,
            },
        ]
    except NoReverseMatch:
        return []
