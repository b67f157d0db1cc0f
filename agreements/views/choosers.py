"""The agreement chooser modal, on the registry's chooser base (`registry.choosers`, whose
names are re-exported here).

The agreement chooser only ever lists, and only ever returns, the agreements the user may see
(`agreements.views.guards`), so a relation cannot point at, or reveal the title of, an agreement
the user has no access to.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import chooser as chooser_views

from agreements.models import Agreement
from agreements.permissions import Action
from registry.choosers import RegistryChooserViewSet, search_filter_form

from .guards import guard_agreement, visible_to

__all__ = ["AgreementChooserViewSet", "RegistryChooserViewSet", "search_filter_form"]


class VisibleAgreementsChooseMixin:
    def get_object_list(self):
        return visible_to(self.request.user, Agreement.objects.all())


class AgreementChooseView(VisibleAgreementsChooseMixin, chooser_views.ChooseView):
    pass


class AgreementChooseResultsView(VisibleAgreementsChooseMixin, chooser_views.ChooseResultsView):
    pass


class AgreementChosenView(chooser_views.ChosenView):
    def get_object(self, pk):
        agreement = get_object_or_404(Agreement, pk=pk)
        guard_agreement(self.request.user, Action.VIEW, agreement)
        return agreement


class AgreementChosenMultipleView(chooser_views.ChosenMultipleView):
    def get_objects(self, pks):
        return visible_to(self.request.user, Agreement.objects.filter(pk__in=pks))


class AgreementChooserViewSet(RegistryChooserViewSet):
    model = Agreement
    icon = "doc-full"
    choose_one_text = _("Choose an agreement")
    choose_another_text = _("Choose another agreement")
    search_fields = ("reference", "title_en", "title_fr")
    choose_view_class = AgreementChooseView
    choose_results_view_class = AgreementChooseResultsView
    chosen_view_class = AgreementChosenView
    chosen_multiple_view_class = AgreementChosenMultipleView

    # The choose views filter by the requesting user themselves (they have the request), so the
    # viewset's get_object_list is not injected into them.
    @property
    def choose_view(self):
        return self.construct_view(
            self.choose_view_class,
            icon=self.icon,
            page_title=self.page_title,
            search_tab_label=self.search_tab_label,
            creation_tab_label=self.creation_tab_label,
        )

    @property
    def choose_results_view(self):
        return self.construct_view(self.choose_results_view_class)
