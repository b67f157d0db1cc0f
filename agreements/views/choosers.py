"""Chooser modals for foreign keys whose lists get long (organisations, positions, people,
jurisdictions, agreements), searched with the ORM.

Registering a chooser viewset makes Wagtail use its widget for every admin form field that is a
foreign key to the model. The agreement chooser only ever lists, and only ever returns, the
agreements the user may see (`agreements.views.guards`), so a relation cannot point at, or reveal
the title of, an agreement the user has no access to.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser

from agreements.models import Agreement
from agreements.permissions import Action

from .guards import guard_agreement, visible_to


def search_filter_form(search_fields: tuple[str, ...]) -> type[BaseFilterForm]:
    """A chooser filter form whose search box matches any of `search_fields` (icontains)."""

    class OrmSearchFilterForm(BaseFilterForm):
        q = forms.CharField(
            label=_("Search term"),
            widget=forms.TextInput(attrs={"placeholder": _("Search")}),
            required=False,
        )

        def filter(self, objects):
            objects = super().filter(objects)
            search_query = self.cleaned_data.get("q")
            if search_query:
                query = models.Q()
                for field_name in search_fields:
                    query |= models.Q(**{f"{field_name}__icontains": search_query})
                objects = objects.filter(query)
                self.search_query = search_query
                self.is_searching = True
            return objects

    return OrmSearchFilterForm


class RegistryChooserViewSet(ChooserViewSet):
    """A chooser with ORM search over `search_fields` and an optimised base queryset."""

    search_fields: tuple[str, ...] = ()
    select_related: tuple[str, ...] = ()
    per_page = 20

    def get_object_list(self):
        queryset = self.model._default_manager.all()
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        return queryset

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            filter_form_class=search_filter_form(self.search_fields), **kwargs
        )

    @property
    def base_widget_class(self):
        select_related = self.select_related

        class OptimisedChooser(BaseChooser):
            #: Objects the form already loaded (see RegistryAdminForm), by primary key.
            known_instances: dict = {}

            def get_instance(self, value):
                # The chosen item's title often names related rows (a position's organisation).
                if value is None or isinstance(value, self.model_class):
                    return value
                known = self.known_instances.get(str(value))
                if known is not None:
                    return known
                try:
                    return (
                        self.model_class._default_manager.select_related(*select_related)
                        .filter(pk=value)
                        .first()
                    )
                except (TypeError, ValueError, ValidationError):
                    # A malformed id re-shown with the form's error: nothing is chosen.
                    return None

        return OptimisedChooser


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
