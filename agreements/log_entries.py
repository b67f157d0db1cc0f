"""Wagtail's log entries about agreements, shown only to staff who may see those agreements.

Wagtail's generic views log every create, edit and delete (`ModelLogEntry`) with the object's
label: an agreement's reference and title, a party's organisation, a responsibility's text. Every
Wagtail surface that lists such entries (the site history report, its results and exports, its
"type", "user" and "action" filters) asks `ModelLogEntryManager.viewable_by_user(user)`, which
keeps the entries of any content type the user holds a *model* permission on. Our staff hold the
model-level "view agreement" only to enter the admin: which agreements they may see comes from
object permissions (`agreements.permissions`).

`install()` (called once from `AgreementsConfig.ready`) narrows `viewable_by_user` for model log
entries: an entry about an agreement, or about a row that belongs to agreements
(`permissions.AGREEMENT_ROW_PATHS`: parties, responsibilities, relations on both ends,
amendments, versions…), is kept only when the user may see every agreement the row names. Entries
about rows that no longer exist are kept for registrars only. Entries about other models are
left as Wagtail decides.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.models.audit_log import ModelLogEntryManager

from agreements import permissions


def visible_log_entries(user, entries: QuerySet) -> QuerySet:
    """`entries` (model log entries) without those about agreements, or their rows, that `user`
    may not see."""
    if permissions.is_registrar(user):
        return entries
    # Asked several times per page (the entries, then each filter's choices): built once per user
    # object, i.e. per request, as Wagtail caches its content types on the user.
    keep = getattr(user, "_visible_log_entries", None)
    if keep is None:
        keep = _visible_filter(user)
        if user is not None:
            user._visible_log_entries = keep
    return entries.filter(keep)


def _visible_filter(user) -> Q:
    content_types = ContentType.objects.get_for_models(*permissions.AGREEMENT_ROW_PATHS)
    keep = Q(content_type_id__isnull=True) | ~Q(
        content_type_id__in=[content_type.pk for content_type in content_types.values()]
    )
    for model, content_type in content_types.items():
        object_ids = (
            permissions.visible_rows(user, model._default_manager.all())
            .annotate(log_object_id=Cast("pk", output_field=CharField()))
            .values("log_object_id")
        )
        keep |= Q(content_type_id=content_type.pk, object_id__in=object_ids)
    return keep


def _viewable_by_user(self, user):
    return visible_log_entries(user, _wagtail_viewable_by_user(self, user))


_wagtail_viewable_by_user = ModelLogEntryManager.viewable_by_user


def install() -> None:
    """Make `ModelLogEntry.objects.viewable_by_user` apply `visible_log_entries`. Idempotent."""
    ModelLogEntryManager.viewable_by_user = _viewable_by_user
