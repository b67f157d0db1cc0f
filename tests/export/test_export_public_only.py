"""The export holds only what the public may see: no draft, restricted, not-yet-in-effect
agreement, no working copy under amendment; and every CSV neutralises formula cells."""

import csv

import pytest

from opendata.export import export_registry
from tests.api.test_public_only import WORKING_COPY_SECRETS, _hidden_strings
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _all_text(directory):
    return {path.name: path.read_text(encoding="utf-8") for path in directory.iterdir()}


def test_unpublished_agreements_absent_from_every_file_when_exported(
    tmp_path, publish, unpublished
):
    publish(title_en="Heliotrope published accord", title_fr="Accord publié Héliotrope")
    export_registry(directory=tmp_path)
    files = _all_text(tmp_path)
    assert "Heliotrope published accord" in files["agreements.csv"]
    for kind, agreement in unpublished.items():
        for secret in _hidden_strings(agreement):
            for name, text in files.items():
                assert secret not in text, f"{name}: {kind} agreement leaked “{secret}”"


def test_working_copy_absent_from_every_file_when_amendment_open(tmp_path, under_amendment):
    export_registry(directory=tmp_path)
    files = _all_text(tmp_path)
    assert "Original signed title" in files["agreements.csv"]
    for secret in (*WORKING_COPY_SECRETS, "Wombat Unsigned Agency"):
        for name, text in files.items():
            if name.startswith("organizations.") and secret == "Wombat Unsigned Agency":
                continue  # organisations are public reference data, listed like on the site
            assert secret not in text, f"{name} leaked the working copy's “{secret}”"


def test_formula_cells_neutralised_in_every_csv_when_data_starts_like_formulas(tmp_path, publish):
    agreement = publish(
        reference="CSV-2021-002",
        title_en='=HYPERLINK("http://evil.example","x")',
        title_fr="+cmd|' /C calc'!A0",
    )
    party = agreement.parties.select_related("organization__jurisdiction").first()
    jurisdiction = party.organization.jurisdiction
    jurisdiction.name_en = "@SUM(1+1)"
    jurisdiction.save()
    party.organization.name_en = "-2+3"
    party.organization.save()
    owner = agreement.responsibilities.first().accountability_owner
    owner.title_en = "\t=1+1"
    owner.save()
    appointment = owner.appointments.get()
    appointment.person = PersonFactory(given_name="=Evil", family_name="Formula")
    appointment.save()
    export_registry(directory=tmp_path)

    cells = {}
    for path in sorted(tmp_path.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for column, value in row.items():
                    assert not value.startswith(FORMULA_STARTS), (path.name, column, value)
                    cells[(path.name, column, row.get("id") or row.get("reference"))] = value
    assert cells[("agreements.csv", "title_en", "CSV-2021-002")] == (
        '\'=HYPERLINK("http://evil.example","x")'
    )
    assert cells[("agreements.csv", "title_fr", "CSV-2021-002")] == "'+cmd|' /C calc'!A0"
    assert cells[("jurisdictions.csv", "name_en", jurisdiction.slug)] == "'@SUM(1+1)"
    assert cells[("organizations.csv", "name_en", party.organization.slug)] == "'-2+3"
    assert cells[("posts.csv", "label_en", str(owner.pk))] == "'\t=1+1"
    people = {value for (name, column, _), value in cells.items() if name == "people.csv"}
    assert "'=Evil" in people
