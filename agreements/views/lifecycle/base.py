"""What every lifecycle view starts from: the agreement, loaded only for those who may see it,
and the admin page frame (subtitle, breadcrumbs back to the agreement)."""

from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from agreements.models import Agreement
from agreements.permissions import Action
from agreements.views.crumbs import agreement_breadcrumbs
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
        items += agreement_breadcrumbs(self.agreement)
        items.append({"url": lifecycle_url(self.agreement), "label": LIFECYCLE_TITLE})
        return items
