"""What every lifecycle view starts from: the agreement, loaded only for those who may see it,
and the admin page frame (subtitle, breadcrumbs back to the agreement)."""

from django.contrib.admin.utils import quote
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from agreements.models import Agreement
from agreements.permissions import Action
from agreements.views.guards import guard_agreement

from .links import LIFECYCLE_TITLE, lifecycle_url


def agreement_for(request, pk: int) -> Agreement:
    """The agreement `pk`; 404 when it does not exist or the user may not see it."""
    agreement = get_object_or_404(Agreement, pk=pk)
    guard_agreement(request.user, Action.VIEW, agreement)
    return agreement


class AgreementLifecycleMixin(WagtailAdminTemplateMixin):
    header_icon = "history"

    @cached_property
    def agreement(self) -> Agreement:
        return agreement_for(self.request, self.kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.agreement)

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        try:
            items.append({"url": reverse("agreements:index"), "label": _("Agreements")})
            items.append(
                {
                    "url": reverse("agreements:edit", args=(quote(self.agreement.pk),)),
                    "label": self.agreement.reference,
                }
            )
        except NoReverseMatch:  # the agreement viewset is not registered
            pass
        items.append({"url": lifecycle_url(self.agreement), "label": LIFECYCLE_TITLE})
        return items
