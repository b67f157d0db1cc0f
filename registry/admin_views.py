"""What every registry viewset in the Wagtail admin shares, whatever the app (jurisdictions,
agreements). Nothing here knows an app above `registry`.

- Search uses the ORM (`search_fields` with `icontains`), not Wagtail's search backend: the
  database backend is far too slow at the registry's scale and our models are not indexed.
- Each object has one history: the "Change history" view built on django-simple-history
  (`change_history` URL). Wagtail's own log-based history and usage views are not registered;
  Wagtail's "History" links (the status side panel) lead to the change history instead, so staff
  see every change, including those made by commands and services outside the admin.
- Deleting an object that others still depend on (PROTECT foreign keys) shows a message naming
  the blockers instead of a server error.
- Saves made through the admin carry a change reason in the history.
- An edit form opened before someone else saved the record is refused, with what changed since
  and what the editor typed kept (`registry.admin_edit_check`).
"""

from django.contrib.admin.utils import quote
from django.db import models
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from registry.admin_edit_check import StaleEditCheckMixin
from registry.admin_forms import RegistryAdminForm
from registry.admin_history import ChangeHistoryView, own_history
from registry.concurrency import REVISION_FIELD

CREATED_IN_ADMIN = _("Created in the staff admin")
EDITED_IN_ADMIN = _("Edited in the staff admin")
DELETED_IN_ADMIN = _("Deleted in the staff admin")
DELETE_BLOCKED = _(
    "{object} cannot be deleted because other records still refer to it: {blockers}. "
    "Remove or reassign those first."
)
CHANGE_HISTORY_LABEL = _("Change history")

# Wagtail URLs replaced by the change history (history) or not useful here (usage: our models
# are not referenced by Wagtail content; PROTECT foreign keys guard deletion instead).
UNREGISTERED_URL_NAMES = {"history", "history_results", "usage"}


def blocked_deletion_message(obj, error: ProtectedError | RestrictedError) -> str:
    blockers = sorted({str(blocker) for blocker in list(error.args[1])[:5]})
    return str(DELETE_BLOCKED).format(object=obj, blockers="; ".join(blockers))


class ChangeHistoryLinkMixin:
    change_history_url_name = None

    def get_change_history_url(self, instance):
        if self.change_history_url_name:
            return reverse(self.change_history_url_name, args=(quote(instance.pk),))
        return None


class RegistryIndexView(ChangeHistoryLinkMixin, generic.IndexView):
    """Listing with a "Change history" item in each row's menu and cached model permissions.

    `list_select_related` / `list_prefetch_related` load what the columns display, so the number
    of queries does not grow with the rows shown; `search_distinct` makes searches that go
    through to-many joins (a party's organisation) return each row once.
    """

    list_select_related: tuple[str, ...] = ()
    list_prefetch_related: tuple = ()
    search_distinct = False

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.list_select_related:
            queryset = queryset.select_related(*self.list_select_related)
        if self.list_prefetch_related:
            queryset = queryset.prefetch_related(*self.list_prefetch_related)
        return queryset

    def search_queryset(self, queryset):
        if self.search_distinct:
            return distinct_search(self, queryset)
        return super().search_queryset(queryset)

    def user_has_permission(self, permission):
        # Asked once per row and button by Wagtail; the answer does not change within a request.
        cache = self.__dict__.setdefault("_permission_answers", {})
        if permission not in cache:
            cache[permission] = super().user_has_permission(permission)
        return cache[permission]

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if history_url := self.get_change_history_url(instance):
            buttons.append(
                MenuItem(CHANGE_HISTORY_LABEL, url=history_url, icon_name="history", priority=40)
            )
        return buttons


class RegistryCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance._change_reason = str(CREATED_IN_ADMIN)
        return super().save_instance()


class RegistryEditView(StaleEditCheckMixin, ChangeHistoryLinkMixin, generic.EditView):
    def save_instance(self):
        self.form.instance._change_reason = str(EDITED_IN_ADMIN)
        return super().save_instance()

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if history_url := self.get_change_history_url(self.object):
            buttons.append(
                Button(CHANGE_HISTORY_LABEL, url=history_url, icon_name="history", priority=40)
            )
        return buttons


class RegistryInspectView(ChangeHistoryLinkMixin, generic.InspectView):
    def get_fields(self):
        # The save counter is bookkeeping for the edit check, not something to read.
        return [name for name in super().get_fields() if name != REVISION_FIELD]

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if history_url := self.get_change_history_url(self.object):
            buttons.append(
                Button(CHANGE_HISTORY_LABEL, url=history_url, icon_name="history", priority=40)
            )
        return buttons


class ProtectedDeleteView(generic.DeleteView):
    """Deletion that explains, rather than crashes, when PROTECT foreign keys forbid it."""

    def delete_action(self):
        self.object._change_reason = str(DELETED_IN_ADMIN)
        super().delete_action()

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (ProtectedError, RestrictedError) as error:
            messages.error(self.request, blocked_deletion_message(self.object, error))
            return redirect(self.get_delete_url())


class RegistryModelViewSet(ModelViewSet):
    """A ModelViewSet for registry data: ORM search, change history, explained deletions."""

    search_backend_name = None
    add_to_reference_index = False
    copy_view_enabled = False
    list_per_page = 50
    index_view_class = RegistryIndexView
    add_view_class = RegistryCreateView
    edit_view_class = RegistryEditView
    delete_view_class = ProtectedDeleteView
    inspect_view_class = RegistryInspectView
    change_history_view_class = ChangeHistoryView
    #: Called with the object; returns the history sources its change history shows.
    history_sources = staticmethod(own_history)
    #: False for rows created only inline on their agreement (no standalone "add" view).
    creatable = True
    list_select_related: tuple[str, ...] = ()
    list_prefetch_related: tuple = ()
    search_distinct = False
    #: The form class panels build on (validation shown on the right fields).
    base_form_class = RegistryAdminForm

    def get_edit_handler(self):
        if hasattr(self, "edit_handler"):
            return super().get_edit_handler()
        return ObjectList(self.panels, base_form_class=self.base_form_class).bind_to_model(
            self.model
        )

    def get_edit_view_kwargs(self, **kwargs):
        # A refused stale save lists the changes from the same sources as the change history.
        return super().get_edit_view_kwargs(history_sources=self.history_sources, **kwargs)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            list_select_related=self.list_select_related,
            list_prefetch_related=self.list_prefetch_related,
            search_distinct=self.search_distinct,
            **kwargs,
        )

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(
            change_history_url_name=self.get_url_name("change_history"), **kwargs
        )
        view_kwargs["history_url_name"] = view_kwargs["change_history_url_name"]
        view_kwargs["usage_url_name"] = None
        if not self.creatable:
            view_kwargs["add_url_name"] = None
        return view_kwargs

    @property
    def change_history_view(self):
        return self.construct_view(
            self.change_history_view_class, history_sources=self.history_sources
        )

    def get_urlpatterns(self):
        hidden = set(UNREGISTERED_URL_NAMES)
        if not self.creatable:
            hidden.add("add")
        patterns = [p for p in super().get_urlpatterns() if p.name not in hidden]
        conv = self.pk_path_converter
        patterns.append(
            path(f"change-history/<{conv}:pk>/", self.change_history_view, name="change_history")
        )
        return patterns


def distinct_search(view, queryset):
    """ORM search across joined rows (e.g. parties' organisations) without duplicate rows."""
    if not view.is_searching:
        return queryset
    query = models.Q()
    for field_name in view.search_fields or []:
        query |= models.Q(**{f"{field_name}__icontains": view.search_query})
    return queryset.filter(pk__in=queryset.model._default_manager.filter(query).values("pk"))
