"""New reference rows (jurisdictions, organisations, people, positions, holders) are inserted
together (opendata.importing.bulk): the same rows, history, staff groups and refusals as one at a
time, in a number of queries that does not grow with the file."""

import datetime

import pytest
from django.contrib.auth.models import Group

from jurisdictions.models import Appointment, Jurisdiction, Organization, Person, Position
from jurisdictions.roles import role_model_permissions
from opendata.importing import ImportRefused, import_file

from .conftest import as_json, row_counts


def _document(size: int) -> dict:
    """A province with `size` organisations, each with one position held by one person."""
    return {
        "jurisdictions": [
            {
                "slug": "prince-edward-island",
                "name_en": "Province of Prince Edward Island",
                "name_fr": "Province de l’Île-du-Prince-Édouard",
                "level": "provincial",
                "ocd_division_id": "ocd-division/country:ca/province:pe",
                "iso_code": "CA-PE",
            }
        ],
        "organizations": [
            {
                "slug": f"office-{n}",
                "jurisdiction": "prince-edward-island",
                "name_en": f"Office {n}",
                "name_fr": f"Bureau {n}",
                "kind": "agency",
            }
            for n in range(size)
        ],
        "people": [
            {"handle": f"person-{n}", "given_name": "Ann", "family_name": f"Doe {n}"}
            for n in range(size)
        ],
        "positions": [
            {
                "handle": f"post-{n}",
                "organization": f"office-{n}",
                "title_en": "Director",
                "title_fr": "Directrice",
                "holders": [{"person": f"person-{n}", "start": "2020-01-06"}],
            }
            for n in range(size)
        ],
    }


@pytest.mark.parametrize("size", [3, 12])
def test_reference_rows_written_in_the_same_queries_whatever_their_number(
    registrar, django_assert_num_queries, size
):
    role_model_permissions()  # content types cached, as in any process that has run before
    with django_assert_num_queries(28):
        import_file(as_json(_document(size)), name="reference.json", by=registrar)

    assert Organization.objects.filter(slug__startswith="office-").count() == size
    assert Position.objects.filter(title_en="Director").count() == size
    assert Appointment.objects.filter(position__title_en="Director").count() == size
    for model in (Jurisdiction, Organization, Person, Position, Appointment):
        history = model.history.values_list("history_type", "history_user", "history_change_reason")
        assert set(history) == {("+", registrar.pk, "Import")}, model
        assert model.history.count() == model.objects.count(), model


def test_new_organisations_get_their_staff_groups_named_as_one_at_a_time(registrar):
    document = _document(2)
    document["organizations"][1]["name_en"] = "Office 0"  # two offices of the same name

    import_file(as_json(document), name="reference.json", by=registrar)

    names = sorted(
        Group.objects.filter(organization_role__isnull=False).values_list("name", flat=True)
    )
    assert names == [
        "Office 0 (office-1) — liaison officers",
        "Office 0 (office-1) — minister's office",
        "Office 0 — liaison officers",
        "Office 0 — minister's office",
    ]
    expected = {permission.pk for permission in role_model_permissions()}
    for group in Group.objects.filter(organization_role__isnull=False):
        assert set(group.permissions.values_list("pk", flat=True)) == expected


def test_refused_and_nothing_written_when_new_jurisdiction_takes_a_stored_code(registrar, canada):
    document = _document(1)
    document["jurisdictions"][0]["iso_code"] = "CA"
    before = row_counts()

    with pytest.raises(ImportRefused) as refused:
        import_file(as_json(document), name="reference.json", by=registrar)

    assert [(issue.path, issue.message) for issue in refused.value.issues] == [
        ("$.jurisdictions[0].iso_code", "Jurisdiction with this ISO 3166 code already exists.")
    ]
    assert row_counts() == before


def test_refused_and_nothing_written_when_holders_of_a_new_position_overlap(registrar):
    document = _document(2)
    document["positions"][0]["holders"].append({"person": "person-1", "start": "2021-03-01"})
    before = row_counts()

    with pytest.raises(ImportRefused) as refused:
        import_file(as_json(document), name="reference.json", by=registrar)

    assert [(issue.path, issue.message) for issue in refused.value.issues] == [
        (
            "$.positions[0].holders[1]",
            "This position has a single holder and is already held by Ann Doe 0 from "
            "2020-01-06 to today.",
        )
    ]
    assert row_counts() == before


def test_overlapping_holders_kept_when_new_position_has_several(registrar):
    document = _document(2)
    document["positions"][0]["single_holder"] = False
    document["positions"][0]["holders"].append({"person": "person-1", "start": "2021-03-01"})

    import_file(as_json(document), name="reference.json", by=registrar)

    holders = Appointment.objects.filter(position__organization__slug="office-0")
    assert sorted(holders.values_list("person__family_name", "start_date")) == [
        ("Doe 0", datetime.date(2020, 1, 6)),
        ("Doe 1", datetime.date(2021, 3, 1)),
    ]
