"""Which positions the public may know of: those a current published version names.

A position is public when the current published version of a published agreement names it as an
accountability owner, a party's signatory, or the chair or a member of the governing body, or
records it signing that version (a second minister, a later signature). A position made for a
draft or restricted agreement, or named only by a working copy, stays unknown to the public
(organisation pages, position pages, sitemap and API all use this one rule).

The answer is recorded per agreement in the published read model (`PublishedPosition` rows,
written by `agreements.published_read_model` whenever what the public sees of an agreement
changes; `agreements.published_positions` says where each fact is read from), so asking is one
indexed query.
"""

import datetime

from django.db.models import Exists, OuterRef, QuerySet

from agreements.models import PublishedPosition
from agreements.published_read_model import refresh_due
from jurisdictions.models import Position


def public_positions(
    *, today: datetime.date, among: QuerySet[Position] | None = None
) -> QuerySet[Position]:
    """Positions named by a current published version (of `among` only, when given: one
    organisation's positions, or one position). No query until the returned queryset is
    evaluated, then one (the read model's due rows are refreshed first, which asks nothing
    until a row's day comes)."""
    refresh_due(day=today)
    return named_positions(Position.objects.all() if among is None else among)


def named_positions(positions: QuerySet[Position]) -> QuerySet[Position]:
    """Of `positions`, those a current published version names: the rule itself, for a caller
    that has refreshed the read model's due rows already (`refresh_due`) or compiles the
    queryset once (cms.accountability). No query until evaluated."""
    return positions.filter(Exists(PublishedPosition.objects.filter(position=OuterRef("pk"))))


def accountable_agreements(*, position: Position | int) -> QuerySet[PublishedPosition]:
    """The read model's rows of the public agreements whose current published version makes
    `position` accountable for at least one responsibility (call after `refresh_due`)."""
    return PublishedPosition.objects.filter(position=position, accountable=True)
