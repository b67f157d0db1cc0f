"""Edit views refuse a save made from a stale form (registry.concurrency), and say why.

Used by every registry edit view (registry/admin_views.py), whatever the app.

Inside the view's save transaction the record is locked (its agreement first, for rows edited
inline on one: the order every writer takes, so two saves never wait on each other in a
circle), the revision the form was opened at is compared with the record's, and only a current
form is written; the history records that save as usual. A stale form is shown again with what
the editor typed, the changes saved since it was opened (from the change history, as the change
history view shows them to this user) and the current revision, so saving it again is a
deliberate choice.
"""

import datetime
from dataclasses import replace

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from registry.admin_history import HISTORY_TYPES, HistorySource, history_page, own_history
from registry.concurrency import (
    CHANGES_NOT_RECORDED,
    FIELD_CHANGED,
    MORE_CHANGES,
    OPENED_AT_FIELD,
    REVISION_FIELD,
    ROW_ADDED,
    ROW_FIELD_CHANGED,
    ROW_REMOVED,
    STALE_EDIT,
    ParentRevisionMixin,
    StaleEdit,
    revision_check,
    revision_lock,
)

#: The most changes listed in the refusal; the change history has the rest.
LISTED_CHANGES = 20


def submitted_revision(form) -> int | None:
    value = str(form.cleaned_data.get(REVISION_FIELD) or "")
    return int(value) if value.isdigit() and len(value) <= 19 else None


def submitted_opened_at(form) -> datetime.datetime | None:
    try:
        opened_at = parse_datetime(str(form.cleaned_data.get(OPENED_AT_FIELD) or ""))
    except ValueError:
        return None
    if opened_at is not None and timezone.is_naive(opened_at):
        opened_at = timezone.make_aware(opened_at, datetime.UTC)
    return opened_at


def edit_lock_and_check(form) -> None:
    """Lock the form's record (its parent first) and raise StaleEdit unless the form was opened
    at the record's current revision. Call inside the save's transaction, before writing."""
    instance = form.instance
    try:
        if isinstance(instance, ParentRevisionMixin):
            parent_model, parent_pk = instance.revision_parent_key()
            if parent_pk is not None:
                revision_lock(parent_model, parent_pk)
        current = revision_lock(type(instance), instance.pk)
    except ObjectDoesNotExist as deleted:
        # Deleted by someone else since the form was opened: nothing to save into.
        raise Http404(str(deleted)) from deleted
    if REVISION_FIELD in form.fields:
        revision_check(submitted=submitted_revision(form), current=current)


def changes_since(
    sources: list[HistorySource], *, since: datetime.datetime | None, user
) -> list[str]:
    """One line per change saved after `since`, oldest first, as the change history shows it."""
    if since is None:
        return [str(CHANGES_NOT_RECORDED)]
    recent = [replace(s, queryset=s.queryset.filter(history_date__gt=since)) for s in sources]
    page, entries = history_page(recent, user=user, page_number=1, per_page=LISTED_CHANGES)
    added, removed = str(HISTORY_TYPES["+"]), str(HISTORY_TYPES["-"])
    lines = []
    for entry in reversed(entries):
        if entry.subject and entry.action == added:
            lines.append(str(ROW_ADDED).format(row=entry.subject, user=entry.user))
            continue
        if entry.subject and entry.action == removed:
            lines.append(str(ROW_REMOVED).format(row=entry.subject, user=entry.user))
            continue
        template = ROW_FIELD_CHANGED if entry.subject else FIELD_CHANGED
        lines.extend(
            str(template).format(
                row=entry.subject, label=c.label, old=c.old, new=c.new, user=entry.user
            )
            for c in entry.changes
        )
    hidden = page.paginator.count - len(entries)
    if hidden > 0:
        lines.append(str(MORE_CHANGES).format(count=hidden))
    return lines or [str(CHANGES_NOT_RECORDED)]


class StaleEditCheckMixin:
    """For edit views: the revision check inside the save, and the refusal shown on the form."""

    #: Called with the object; the history sources whose changes a refusal lists.
    history_sources = None

    def save_instance(self):
        edit_lock_and_check(self.form)
        return super().save_instance()

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except StaleEdit as stale:
            return self.stale_edit_refused(form, stale)

    def stale_edit_refused(self, form, stale: StaleEdit):
        sources = (self.history_sources or own_history)(self.object)
        lines = changes_since(sources, since=submitted_opened_at(form), user=self.request.user)
        form.add_error(None, str(STALE_EDIT).format(model=self.model._meta.verbose_name))
        for line in lines:
            form.add_error(None, line)
        # Shown again at the current revision: saving it now overrides the changes listed.
        data = form.data.copy()
        data[form.add_prefix(REVISION_FIELD)] = str(stale.current)
        data[form.add_prefix(OPENED_AT_FIELD)] = timezone.now().isoformat()
        form.data = data
        self.produced_error_message = self.get_error_message()
        return self.form_invalid(form)
