"""The base of every chooser modal in the registry's admin (organisations, positions, people,
jurisdictions, agreements): ORM search over `search_fields`, an optimised base queryset, and a
widget that reuses the related objects the form already loaded.

Registering a chooser viewset makes Wagtail use its widget for every admin form field that is a
foreign key to the model. Nothing here knows an app above `registry`.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser


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


class ExtraColumnsMixin:
    """Chooser listings with columns after the title (`extra_columns`: (attribute, label))."""

    extra_columns: tuple[tuple[str, str], ...] = ()

    @property
    def columns(self) -> list[Column]:
        return [
            *super().columns,
            *(Column(name, label=label, accessor=name) for name, label in self.extra_columns),
        ]


class RegistryChooseView(ExtraColumnsMixin, chooser_views.ChooseView):
    pass


class RegistryChooseResultsView(ExtraColumnsMixin, chooser_views.ChooseResultsView):
    pass


class RegistryChooserViewSet(ChooserViewSet):
    """A chooser with ORM search over `search_fields`, an optimised base queryset and
    `extra_columns` shown after each item's title (load what they read with `select_related`)."""

    search_fields: tuple[str, ...] = ()
    select_related: tuple[str, ...] = ()
    #: (attribute, column label) pairs, e.g. an organisation's jurisdiction.
    extra_columns: tuple[tuple[str, str], ...] = ()
    per_page = 20
    choose_view_class = RegistryChooseView
    choose_results_view_class = RegistryChooseResultsView

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
    def choose_view(self):
        return self.construct_view(
            self.inject_view_methods(self.choose_view_class, ["get_object_list"]),
            icon=self.icon,
            page_title=self.page_title,
            search_tab_label=self.search_tab_label,
            creation_tab_label=self.creation_tab_label,
            **self._columns_kwargs(self.choose_view_class),
        )

    @property
    def choose_results_view(self):
        return self.construct_view(
            self.inject_view_methods(self.choose_results_view_class, ["get_object_list"]),
            **self._columns_kwargs(self.choose_results_view_class),
        )

    def _columns_kwargs(self, view_class) -> dict:
        if issubclass(view_class, ExtraColumnsMixin):
            return {"extra_columns": self.extra_columns}
        return {}

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
