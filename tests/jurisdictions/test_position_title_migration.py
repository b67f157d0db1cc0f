"""Migration 0004 makes a position's English title unique in its organisation: duplicates that
exist before it are renamed (the oldest keeps its title), so the migration does not fail."""

import importlib
import logging

import pytest
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.text import slugify

from jurisdictions.models import Organization, Position
from tests.factories import JurisdictionFactory, PositionFactory

MIGRATION = importlib.import_module("jurisdictions.migrations.0004_add_position_natural_key")
BEFORE = [("jurisdictions", "0003_add_edit_revisions")]
REASON = "Renamed by migration 0004: another position of its organisation had this title."


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _organization_before(name):
    """An organisation written with the model as it stood at BEFORE (later migrations add
    columns that the current model would write), as the instance the factories take."""
    historical = MigrationExecutor(connection).loader.project_state(BEFORE).apps
    row = historical.get_model("jurisdictions", "Organization").objects.create(
        jurisdiction_id=JurisdictionFactory().pk, name_en=name, slug=slugify(name), kind="ministry"
    )
    return Organization(pk=row.pk, jurisdiction_id=row.jurisdiction_id, name_en=name)


def _titles(organization):
    return list(
        Position.objects.filter(organization=organization)
        .order_by("pk")
        .values_list("title_en", "title_fr", "edit_revision")
    )


@pytest.mark.django_db(transaction=True)
def test_duplicate_titles_renamed_when_migrating_to_the_unique_title(caplog):
    latest = _latest()
    _migrate(BEFORE)
    try:
        service = _organization_before("Service New Brunswick")
        other = _organization_before("Finance")
        directors = [
            PositionFactory(organization=service, title_en="Director", title_fr="Directeur"),
            PositionFactory(organization=service, title_en="Director", title_fr=""),
            PositionFactory(organization=service, title_en="Director (2)", title_fr="Autre"),
            PositionFactory(organization=service, title_en="Director", title_fr="Directrice"),
        ]
        elsewhere = PositionFactory(organization=other, title_en="Director", title_fr="Directeur")
        with caplog.at_level(logging.WARNING, logger=MIGRATION.__name__):
            _migrate(latest)
    finally:
        _migrate(latest)  # leave the database as every other test expects it

    assert _titles(service) == [
        ("Director", "Directeur", 0),
        ("Director (3)", "", 1),  # " (2)" is taken by another position of the organisation
        ("Director (2)", "Autre", 0),
        ("Director (4)", "Directrice (4)", 1),
    ]
    assert _titles(other) == [("Director", "Directeur", 0)]
    assert [record.getMessage() for record in caplog.records] == [
        f"Position {directors[1].pk} of organisation {service.pk}: English title 'Director' is "
        f"also the title of position {directors[0].pk}; renamed to 'Director (3)' "
        "(French '' -> '').",
        f"Position {directors[3].pk} of organisation {service.pk}: English title 'Director' is "
        f"also the title of position {directors[0].pk}; renamed to 'Director (4)' "
        "(French 'Directrice' -> 'Directrice (4)').",
    ]
    renamed = directors[3].history.filter(history_type="~").get()
    assert (renamed.title_en, renamed.title_fr, renamed.history_change_reason) == (
        "Director (4)",
        "Directrice (4)",
        REASON,
    )
    assert renamed.organization_id == service.pk
    assert not directors[0].history.filter(history_type="~").exists()
    assert not elsewhere.history.filter(history_type="~").exists()
    # The constraint is in place after the renaming.
    with pytest.raises(IntegrityError):
        Position.objects.create(organization=service, title_en="Director")


def test_oldest_keeps_its_title_whatever_the_order_given():
    renames = MIGRATION.duplicate_renames(
        [(9, "Clerk", "Greffier"), (3, "Clerk", "Greffière"), (5, "Clerk", "")],
        taken={"Clerk"},
    )
    assert renames == [(5, "Clerk (2)", ""), (9, "Clerk (3)", "Greffier (3)")]


def test_new_title_shortened_when_it_would_not_fit():
    taken = {"A" * 10}
    renames = MIGRATION.duplicate_renames(
        [(1, "A" * 10, "B" * 10), (2, "A" * 10, "B" * 10)], taken=taken, max_length=10
    )
    assert renames == [(2, "AAAAAA (2)", "BBBBBB (2)")]
    assert taken == {"AAAAAAAAAA", "AAAAAA (2)"}


def test_shortened_title_skips_a_number_already_taken():
    renames = MIGRATION.duplicate_renames(
        [(1, "Officer one", ""), (2, "Officer one", "")],
        taken={"Officer one", "Offi (2)"},
        max_length=8,
    )
    assert renames == [(2, "Offi (3)", "")]


def test_nothing_renamed_when_titles_are_unique():
    assert MIGRATION.duplicate_renames([(1, "Clerk", "Greffier")], taken={"Clerk"}) == []
