"""A position's English title becomes unique within its organisation (the natural key imports
find a position by).

Existing duplicates would make adding the constraint fail, so they are renamed first, in a
deterministic way: in each organisation, the position with the lowest id keeps the title; the
others get " (2)", " (3)"… appended to their English title, and to their French title when it is
set. A number already used by another title of the organisation is skipped, and the title is
shortened when needed so that it fits the field. Each rename is logged and recorded in the
position's history. Reversing keeps the new titles.
"""

import logging

from django.db import migrations, models
from django.utils import timezone

logger = logging.getLogger(__name__)

TITLE_MAX_LENGTH = 250
CHANGE_REASON = "Renamed by migration 0004: another position of its organisation had this title."


def numbered_title(title: str, number: int, *, max_length: int = TITLE_MAX_LENGTH) -> str:
    """`title` followed by " (number)", shortened so that the whole fits in `max_length`."""
    suffix = f" ({number})"
    return title[: max_length - len(suffix)].rstrip() + suffix


def duplicate_renames(
    positions: list[tuple[int, str, str]],
    *,
    taken: set[str],
    max_length: int = TITLE_MAX_LENGTH,
) -> list[tuple[int, str, str]]:
    """New titles for the positions of one organisation that share an English title.

    `positions` are (id, title_en, title_fr) sharing the same title_en; `taken` holds every
    English title of the organisation (it is updated with the new ones). The lowest id keeps
    its title; each other gets the next free number from 2 up. Returns (id, new_title_en,
    new_title_fr) for the renamed ones, lowest id first; an empty French title stays empty.
    """
    renames = []
    number = 1
    for pk, title_en, title_fr in sorted(positions)[1:]:
        number += 1
        while (new_title_en := numbered_title(title_en, number, max_length=max_length)) in taken:
            number += 1
        taken.add(new_title_en)
        new_title_fr = numbered_title(title_fr, number, max_length=max_length) if title_fr else ""
        renames.append((pk, new_title_en, new_title_fr))
    return renames


def rename_duplicate_titles(apps, schema_editor):
    Position = apps.get_model("jurisdictions", "Position")
    HistoricalPosition = apps.get_model("jurisdictions", "HistoricalPosition")
    positions = Position.objects.using(schema_editor.connection.alias)
    duplicated = (
        positions.values("organization_id", "title_en")
        .annotate(count=models.Count("id"))
        .filter(count__gt=1)
        .order_by("organization_id", "title_en")
    )
    recorded = [
        field.attname
        for field in HistoricalPosition._meta.concrete_fields
        if not field.name.startswith("history_")
    ]
    for group in duplicated:
        organization_id = group["organization_id"]
        taken = set(
            positions.filter(organization_id=organization_id).values_list("title_en", flat=True)
        )
        rows = positions.filter(organization_id=organization_id, title_en=group["title_en"])
        same_title = list(rows.values_list("id", "title_en", "title_fr"))
        for pk, title_en, title_fr in duplicate_renames(same_title, taken=taken):
            position = positions.get(pk=pk)
            logger.warning(
                "Position %s of organisation %s: English title %r is also the title of "
                "position %s; renamed to %r (French %r -> %r).",
                pk,
                organization_id,
                position.title_en,
                min(row[0] for row in same_title),
                title_en,
                position.title_fr,
                title_fr,
            )
            position.title_en, position.title_fr = title_en, title_fr
            positions.filter(pk=pk).update(
                title_en=title_en,
                title_fr=title_fr,
                edit_revision=models.F("edit_revision") + 1,
            )
            HistoricalPosition.objects.using(schema_editor.connection.alias).create(
                **{name: getattr(position, name) for name in recorded},
                history_date=timezone.now(),
                history_type="~",
                history_change_reason=CHANGE_REASON,
                history_user=None,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("jurisdictions", "0003_add_edit_revisions"),
    ]

    operations = [
        migrations.RunPython(rename_duplicate_titles, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="position",
            constraint=models.UniqueConstraint(
                fields=("organization", "title_en"),
                name="unique_position_title_per_organization",
                violation_error_message="This organisation already has a position with this English title.",
            ),
        ),
    ]
