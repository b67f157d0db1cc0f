"""Who is acting, for the audit trail (django-simple-history).

Web requests are attributed by `HistoryRequestMiddleware`. Management commands, tasks and
services that run outside a request wrap their writes in `acting_as(user)` so every history row
still names a person.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace

from simple_history.models import HistoricalRecords


@contextmanager
def acting_as(user) -> Iterator[None]:
    """Attribute every history row written inside the block to `user` (restores the previous)."""
    context = HistoricalRecords.context
    previous = getattr(context, "request", None)
    context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        if previous is None:
            del context.request
        else:
            context.request = previous


def attribute(instance, *, user, reason: str = "") -> None:
    """Mark one instance so its next save records `user` and `reason` in its history."""
    instance._history_user = user
    if reason:
        instance._change_reason = reason


class ClusterHistoricalRecords(HistoricalRecords):
    """History for models edited inline through Wagtail (modelcluster `ParentalKey`).

    The historical copy of a `ParentalKey` must be a plain foreign key: modelcluster forbids the
    `related_name="+"` that simple-history gives historical foreign keys.
    """

    def copy_fields(self, model):
        from django.db import models
        from modelcluster.fields import ParentalKey

        fields = super().copy_fields(model)
        for name, field in list(fields.items()):
            if isinstance(field, ParentalKey):
                field.swappable = False  # as simple-history does: no app registry lookup yet
                _name, _path, args, kwargs = field.deconstruct()
                plain = models.ForeignKey(*args, **kwargs)
                plain.name = field.name
                fields[name] = plain
        return fields
