"""The "Change history" admin view: django-simple-history records as a field-by-field audit trail.

Shared by every registry viewset (jurisdictions and agreements). For one object it lists who
changed what and when, newest first: the user, the date, the change reason and each changed field
as old → new, including many-to-many fields. A viewset's `history_sources` may interleave other
streams (an agreement's history shows its parties, responsibilities and related agreements).

The apps above this one say how the objects that foreign keys point to are named
(`history_names_register`): which related rows to load with them, and which of them a reader may
not see (named neutrally). The agreements app registers the agreement rule; jurisdictions the
position's organisation. This module imports neither.

Queries are bounded per page, whatever the length of the history: one page of (source, id) pairs
across the historical tables, then per source one query for the records (with their users),
one for the records they are compared with, one per many-to-many field for each of those two
sets, and one per referenced model to name the objects that foreign keys point to.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.admin.utils import quote
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Value
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from simple_history import utils as history_utils
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import HeaderButton

NO_USER = _("System (no user recorded)")
EMPTY = "—"
DELETED_OBJECT = _("#{pk} (deleted)")
HISTORY_TYPES = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


@dataclass(frozen=True)
class HistoryNames:
    """How the objects of one model are named in change histories.

    `select_related`: the related rows their `__str__` reads (a position's organisation).
    `hidden`: called with (user, pks); returns the pks the user may not see.
    `hidden_label`: what such an object is called instead.
    """

    select_related: tuple[str, ...] = ()
    hidden: Callable[[object, set], set] | None = None
    hidden_label: str = ""


_NAMES: dict[type[models.Model], HistoryNames] = {}


def history_names_register(model: type[models.Model], names: HistoryNames) -> None:
    """Say how `model`'s objects are named in every change history. Call from an AppConfig's
    `ready()`; registering the same model again replaces its rule."""
    _NAMES[model] = names


@dataclass(frozen=True)
class HistorySource:
    """One stream of historical records shown in an object's change history.

    `label` names the kind of object for rows that are not the object itself (e.g. "Party");
    `title_fields` are the fields that identify such a row (the first non-empty one is shown);
    `hidden_fields` are not listed as changes (e.g. a party's key to the agreement being shown).
    """

    queryset: models.QuerySet
    label: str = ""
    title_fields: tuple[str, ...] = ()
    hidden_fields: tuple[str, ...] = ()


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    date: object
    user: str
    action: str
    subject: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


def own_history(obj) -> list[HistorySource]:
    """The default: the object's own historical records."""
    return [HistorySource(queryset=type(obj).history.filter(id=obj.pk))]


def _tracked_fields(history_model) -> list[models.Field]:
    """Editable fields recorded in history, excluding the primary key and many-to-many fields
    (handled separately)."""
    m2m_names = {f.name for f in history_model._history_m2m_fields}
    return [
        f
        for f in history_model.tracked_fields
        if f.editable and not f.primary_key and f.name not in m2m_names
    ]


def _m2m_accessors(history_model) -> dict[str, tuple[str, str]]:
    """For each many-to-many field: (reverse accessor on the historical record to its
    historical through rows, attname of the through rows' key to the related object)."""
    accessors = {}
    for m2m_field in history_model._history_m2m_fields:
        target_name = history_utils.get_m2m_reverse_field_name(m2m_field)
        for rel in history_model._meta.related_objects:
            through = rel.related_model
            if rel.field.name != "history":
                continue
            try:
                target = through._meta.get_field(target_name)
            except FieldDoesNotExist:
                continue
            if target.related_model is m2m_field.related_model:
                accessors[m2m_field.name] = (rel.get_accessor_name(), target.attname)
    return accessors


def _previous_record_id(history_model):
    """Subquery: the id of the record just before OuterRef's record for the same object."""
    return Subquery(
        history_model._default_manager.filter(id=OuterRef("id"))
        .filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
        )
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )


class _Names:
    """Names of the objects that foreign keys and many-to-many fields point to, fetched in bulk."""

    def __init__(self, user):
        self.user = user
        self.wanted: dict[type[models.Model], set] = defaultdict(set)
        self.found: dict[type[models.Model], dict] = {}
        self.hidden: dict[type[models.Model], set] = {}

    def want(self, model, pks) -> None:
        self.wanted[model].update(pk for pk in pks if pk is not None)

    def fetch(self) -> None:
        for model, pks in self.wanted.items():
            queryset = model._default_manager.all()
            rule = _NAMES.get(model)
            if rule is not None and rule.select_related:
                queryset = queryset.select_related(*rule.select_related)
            if rule is not None and rule.hidden is not None and pks:
                # A relation may point at a row this reader may not see: name it neutrally.
                self.hidden[model] = set(rule.hidden(self.user, set(pks)))
            self.found[model] = queryset.in_bulk(pks) if pks else {}

    def name(self, model, pk) -> str:
        if pk is None:
            return EMPTY
        if pk in self.hidden.get(model, ()):
            return str(_NAMES[model].hidden_label)
        obj = self.found.get(model, {}).get(pk)
        return str(obj) if obj is not None else str(DELETED_OBJECT).format(pk=pk)


def _display(model_field, value, names: _Names) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(model_field, models.ForeignKey):
        return names.name(model_field.related_model, value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return str(_("Yes") if value else _("No"))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _raw_value(record, model_field):
    return getattr(record, model_field.attname)


def _m2m_ids(record, accessor: tuple[str, str]) -> set:
    related_name, target_attname = accessor
    return {getattr(row, target_attname) for row in getattr(record, related_name).all()}


@dataclass
class _RawEntry:
    record: object
    source: HistorySource
    field_changes: list = field(default_factory=list)  # (model_field, old, new)
    m2m_changes: list = field(default_factory=list)  # (m2m_field, old_ids, new_ids)


def _raw_entries(source: HistorySource, history_ids: list[int], names: _Names) -> dict:
    history_model = source.queryset.model
    accessors = _m2m_accessors(history_model)
    prefetch = [related_name for related_name, _attname in accessors.values()]
    records = list(
        history_model._default_manager.filter(history_id__in=history_ids)
        .select_related("history_user")
        .annotate(previous_id=_previous_record_id(history_model))
        .prefetch_related(*prefetch)
    )
    previous_ids = [r.previous_id for r in records if r.previous_id is not None]
    previous = (
        history_model._default_manager.filter(history_id__in=previous_ids)
        .prefetch_related(*prefetch)
        .in_bulk()
        if previous_ids
        else {}
    )
    fields = [f for f in _tracked_fields(history_model) if f.name not in source.hidden_fields]
    m2m_fields = {f.name: f for f in history_model._history_m2m_fields}
    by_id = {}
    for record in records:
        entry = _RawEntry(record=record, source=source)
        before = previous.get(record.previous_id)
        for title_field in source.title_fields:
            model_field = history_model._meta.get_field(title_field)
            if isinstance(model_field, models.ForeignKey):
                names.want(model_field.related_model, [_raw_value(record, model_field)])
        if record.history_type != "-":
            if before is None:
                changed = [f for f in fields if _raw_value(record, f) not in (None, "")]
                entry.field_changes = [(f, None, _raw_value(record, f)) for f in changed]
            else:
                excluded = list(m2m_fields)
                delta = record.diff_against(before, excluded_fields=excluded)
                by_name = {f.name: f for f in fields}
                entry.field_changes = [
                    (by_name[c.field], c.old, c.new) for c in delta.changes if c.field in by_name
                ]
            for name, accessor in accessors.items():
                new_ids = _m2m_ids(record, accessor)
                old_ids = _m2m_ids(before, accessor) if before is not None else set()
                if new_ids != old_ids:
                    entry.m2m_changes.append((m2m_fields[name], old_ids, new_ids))
                    names.want(m2m_fields[name].related_model, old_ids | new_ids)
        for model_field, old, new in entry.field_changes:
            if isinstance(model_field, models.ForeignKey):
                names.want(model_field.related_model, [old, new])
        by_id[record.history_id] = entry
    return by_id


def _user_display(user) -> str:
    if user is None:
        return str(NO_USER)
    return user.get_full_name() or user.get_username()


def _subject(raw: _RawEntry, names: _Names) -> str:
    if not raw.source.label:
        return ""
    history_model = raw.source.queryset.model
    for title_field in raw.source.title_fields:
        model_field = history_model._meta.get_field(title_field)
        value = _raw_value(raw.record, model_field)
        if value not in (None, ""):
            text = _display(model_field, value, names)
            return f"{raw.source.label}: {text[:100]}"
    return f"{raw.source.label} #{raw.record.id}"


def _entry(raw: _RawEntry, names: _Names) -> HistoryEntry:
    record = raw.record
    changes = [
        FieldChange(
            label=capfirst(model_field.verbose_name),
            old=_display(model_field, old, names),
            new=_display(model_field, new, names),
        )
        for model_field, old, new in sorted(raw.field_changes, key=lambda c: c[0].creation_counter)
    ]
    for m2m_field, old_ids, new_ids in raw.m2m_changes:
        old = sorted(names.name(m2m_field.related_model, pk) for pk in old_ids)
        new = sorted(names.name(m2m_field.related_model, pk) for pk in new_ids)
        changes.append(
            FieldChange(
                label=capfirst(m2m_field.verbose_name),
                old=", ".join(old) or EMPTY,
                new=", ".join(new) or EMPTY,
            )
        )
    return HistoryEntry(
        date=record.history_date,
        user=_user_display(record.history_user),
        action=str(HISTORY_TYPES.get(record.history_type, record.history_type)),
        subject=_subject(raw, names),
        reason=record.history_change_reason or "",
        changes=changes,
    )


def history_page(sources: list[HistorySource], *, user, page_number, per_page: int = 25):
    """One page of the merged, newest-first history of `sources`: (page, entries)."""
    keyed = [
        source.queryset.order_by()
        .values("history_id", "history_date")
        .annotate(source_index=Value(index, output_field=models.IntegerField()))
        for index, source in enumerate(sources)
    ]
    merged = keyed[0].union(*keyed[1:], all=True) if len(keyed) > 1 else keyed[0]
    merged = merged.order_by("-history_date", "-history_id")
    page = Paginator(merged, per_page).get_page(page_number)
    rows = list(page.object_list)

    ids_by_source = defaultdict(list)
    for row in rows:
        ids_by_source[row["source_index"]].append(row["history_id"])
    names = _Names(user)
    raw_by_source = {
        index: _raw_entries(sources[index], ids, names) for index, ids in ids_by_source.items()
    }
    names.fetch()
    entries = [_entry(raw_by_source[row["source_index"]][row["history_id"]], names) for row in rows]
    return page, entries


class ChangeHistoryView(
    PermissionCheckedMixin, BaseObjectMixin, WagtailAdminTemplateMixin, TemplateView
):
    """An object's change history, newest first, with field-by-field differences."""

    any_permission_required = ["add", "change", "delete", "view"]
    template_name = "registry/admin/change_history.html"
    page_title = _("Change history")
    header_icon = "history"
    index_url_name = None
    edit_url_name = None
    inspect_url_name = None
    change_history_url_name = None
    history_sources = staticmethod(own_history)
    per_page = 25

    def get_page_subtitle(self):
        return str(self.object)

    def get_edit_url(self):
        if self.edit_url_name and self.user_has_permission("change"):
            return reverse(self.edit_url_name, args=(quote(self.object.pk),))
        if self.inspect_url_name:
            return reverse(self.inspect_url_name, args=(quote(self.object.pk),))
        return None

    def get_breadcrumbs_items(self):
        items = []
        if self.index_url_name:
            items.append(
                {
                    "url": reverse(self.index_url_name),
                    "label": capfirst(self.model._meta.verbose_name_plural),
                }
            )
        items.append({"url": self.get_edit_url() or "", "label": str(self.object)})
        items.append({"url": "", "label": self.page_title, "sublabel": str(self.object)})
        return self.breadcrumbs_items + items

    @cached_property
    def header_buttons(self):
        edit_url = self.get_edit_url()
        if not edit_url:
            return []
        return [HeaderButton(label=_("Edit"), url=edit_url, icon_name="edit")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page, entries = history_page(
            self.history_sources(self.object),
            user=self.request.user,
            page_number=self.request.GET.get("p"),
            per_page=self.per_page,
        )
        context.update(object=self.object, page_obj=page, entries=entries)
        return context
