"""Optimistic edit check: a save made from a form opened before someone else's save is refused.

Models that staff edit in forms carry an `edit_revision` counter (`EditRevisionModel`). Every
save of the row adds one to it in the database (`F() + 1`, so concurrent writers never reuse a
number), whatever path saves it: admin forms, services, commands. Rows edited inline on a parent
(an agreement's parties, responsibilities and related agreements) also add one to their parent's
counter when saved or deleted (`ParentRevisionMixin`), so a form over the parent and its rows
becomes stale when any of them changes.

An edit form carries the revision it was opened at; the edit view locks the row (its parent
first), compares, and writes only when nothing was saved in between (`revision_check`). The
counter is not recorded in the history (it is not content), and the parent's counter is bumped
with `QuerySet.update()` on purpose: the row's own save writes its normal history row.

Shared by jurisdictions and agreements, hence here, below both apps.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

REVISION_FIELD = "edit_revision"
OPENED_AT_FIELD = "edit_opened_at"

STALE_EDIT = _(
    "Someone else saved this {model} after you opened this form, so your changes were not "
    "saved. What you typed is kept below: compare it with the changes listed here, then save "
    "again to apply it."
)
FIELD_CHANGED = _("{label}: “{old}” → “{new}” (by {user})")
ROW_FIELD_CHANGED = _("{row} — {label}: “{old}” → “{new}” (by {user})")
ROW_ADDED = _("{row} was added (by {user})")
ROW_REMOVED = _("{row} was removed (by {user})")
MORE_CHANGES = _("… and {count} more changes: see the change history.")
CHANGES_NOT_RECORDED = _("The change history does not say what changed; open it to compare.")
REVISION_HELP = _(
    "Counts the saves of this record; an edit form opened before the latest save is refused."
)


class StaleEdit(Exception):
    """The form was opened at `submitted`; the row is now at `current`."""

    def __init__(self, *, submitted, current):
        super().__init__(f"stale edit: opened at revision {submitted}, now {current}")
        self.submitted = submitted
        self.current = current


def has_revision(model) -> bool:
    return any(field.name == REVISION_FIELD for field in model._meta.concrete_fields)


def revision_bump(model, pk) -> None:
    """Add one to a row's counter in the database (no history row: the counter is not content)."""
    model._default_manager.filter(pk=pk).update(**{REVISION_FIELD: models.F(REVISION_FIELD) + 1})


def revision_lock(model, pk):
    """Lock the row (SELECT … FOR UPDATE) until the end of the transaction; its revision, or
    None when it has no counter. Raises `model.DoesNotExist` when the row was deleted meanwhile
    (saving would otherwise insert it again)."""
    queryset = model._default_manager.select_for_update().filter(pk=pk)
    field = REVISION_FIELD if has_revision(model) else "pk"
    found = list(queryset.values_list(field, flat=True))
    if not found:
        raise model.DoesNotExist(f"{model.__name__} {pk} was deleted")
    return found[0] if field == REVISION_FIELD else None


def revision_check(*, submitted, current) -> None:
    """Raise StaleEdit unless the form was opened at the row's current revision. A form
    without a (valid) revision is treated as stale: it cannot prove it saw the latest save."""
    if current is None:
        return
    if submitted is None or submitted != current:
        raise StaleEdit(submitted=submitted, current=current)


class EditRevisionModel(models.Model):
    """Abstract base: the `edit_revision` counter, raised by one on every save of the row."""

    edit_revision = models.PositiveBigIntegerField(
        default=0, editable=False, help_text=REVISION_HELP
    )

    class Meta:
        abstract = True

    def save_base(self, *args, update_fields=None, **kwargs):
        # save_base, not save: the agreement form saves with models.Model.save(instance), and
        # every path reaches save_base. Fixture loading (raw) keeps the stored value.
        bumped = not kwargs.get("raw") and not self._state.adding and self.pk is not None
        if bumped:
            self.edit_revision = models.F(REVISION_FIELD) + 1
            if update_fields is not None:
                update_fields = frozenset(update_fields) | {REVISION_FIELD}
        try:
            return super().save_base(*args, update_fields=update_fields, **kwargs)
        finally:
            if bumped:
                # Deferred: the next read fetches the number the database now holds.
                self.__dict__.pop(REVISION_FIELD, None)


class ParentRevisionMixin:
    """For rows edited inline on a parent: saving or deleting one raises the parent's counter.

    `revision_parent` names the foreign key to the parent (e.g. "agreement").
    """

    revision_parent = ""

    def revision_parent_key(self):
        field = self._meta.get_field(self.revision_parent)
        return field.related_model, getattr(self, field.attname)

    def _bump_parent(self) -> None:
        model, pk = self.revision_parent_key()
        if pk is not None:
            revision_bump(model, pk)

    def save_base(self, *args, **kwargs):
        # Parent first, then the row: the lock order of every other writer (the agreement form
        # and the services lock the agreement before writing its rows).
        if not kwargs.get("raw"):
            self._bump_parent()
        return super().save_base(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._bump_parent()
        return super().delete(*args, **kwargs)
