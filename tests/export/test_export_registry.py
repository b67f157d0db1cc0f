"""`export_registry`: the public registry as JSON and CSV files, public data only."""

import csv
import datetime
import json

import pytest
from django.core.management import call_command

from jurisdictions.models import Jurisdiction
from opendata.export import export_registry
from tests.factories import JurisdictionFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

FILES = {
    "agreements.json",
    "agreements.csv",
    "parties.csv",
    "responsibilities.csv",
    "versions.csv",
    "versions.json",
    "signatures.csv",
    "financial_commitments.csv",
    "jurisdictions.json",
    "jurisdictions.csv",
    "organizations.json",
    "organizations.csv",
    "posts.json",
    "posts.csv",
    "people.json",
    "people.csv",
    "memberships.json",
    "memberships.csv",
    "data-dictionary.md",
}


def _csv(directory, name):
    with (directory / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def small_registry(publish):
    canada = JurisdictionFactory(
        slug="canada",
        name_en="Government of Canada",
        name_fr="Gouvernement du Canada",
        level=Jurisdiction.Level.NATIONAL,
        ocd_division_id="ocd-division/country:ca",
        iso_code="CA",
    )
    nb = JurisdictionFactory(
        slug="new-brunswick",
        name_en="Province of New Brunswick",
        name_fr="Province du Nouveau-Brunswick",
        ocd_division_id="ocd-division/country:ca/province:nb",
        iso_code="CA-NB",
        parent=canada,
    )
    OrganizationFactory(
        slug="service-new-brunswick",
        name_en="Service New Brunswick",
        name_fr="Services Nouveau-Brunswick",
        acronym_en="SNB",
        jurisdiction=nb,
    )
    return publish(
        reference="SNB-2021-007",
        title_en="Counter services for motor vehicles",
        title_fr="Services au comptoir pour les véhicules",
    )


def test_every_file_written_when_command_runs(tmp_path, small_registry):
    call_command("export_registry", str(tmp_path / "out"))
    assert {path.name for path in (tmp_path / "out").iterdir()} == FILES
    dictionary = (tmp_path / "out" / "data-dictionary.md").read_text(encoding="utf-8")
    assert dictionary.startswith("# Data dictionary of the bulk export")


def test_agreement_rows_hold_the_published_version_when_exported(tmp_path, small_registry):
    counts = export_registry(directory=tmp_path)
    assert counts["agreements"] == 1 and counts["parties"] == 2
    assert counts["responsibilities"] == 2 and counts["versions"] == 1
    [row] = _csv(tmp_path, "agreements.csv")
    assert row["reference"] == "SNB-2021-007"
    assert row["title_en"] == "Counter services for motor vehicles"
    assert row["title_fr"] == "Services au comptoir pour les véhicules"
    assert row["type"] == "service_delivery"
    assert row["state"] == "in_force"
    assert row["version"] == "1"
    assert (row["effective_date"], row["expiry_date"]) == ("2021-04-01", "2031-03-31")
    assert row["url"] == "/api/v1/agreements/SNB-2021-007"
    [version] = _csv(tmp_path, "versions.csv")
    assert version["agreement_reference"] == "SNB-2021-007"
    assert version["pdf_en_url"] == "/en/pdf/SNB-2021-007/versions/1/en.pdf"
    assert version["pdf_fr_url"] == "/en/pdf/SNB-2021-007/versions/1/fr.pdf"
    assert len(version["pdf_en_sha256"]) == 64 and len(version["snapshot_sha256"]) == 64
    parties = _csv(tmp_path, "parties.csv")
    assert [party["role"] for party in parties] == ["lead", "party"]
    assert {party["signs"] for party in parties} == {"true"}
    [detail] = json.loads((tmp_path / "agreements.json").read_text(encoding="utf-8"))
    assert detail["reference"] == "SNB-2021-007"
    assert detail["title"] == {
        "en": "Counter services for motor vehicles",
        "fr": "Services au comptoir pour les véhicules",
    }
    assert [v["number"] for v in detail["versions"]] == [1]


def test_jurisdictions_carry_official_identifiers_when_exported(tmp_path, small_registry):
    export_registry(directory=tmp_path)
    rows = {row["id"]: row for row in _csv(tmp_path, "jurisdictions.csv")}
    assert rows["new-brunswick"] == {
        "id": "new-brunswick",
        "name_en": "Province of New Brunswick",
        "name_fr": "Province du Nouveau-Brunswick",
        "classification": "provincial",
        "ocd_division_id": "ocd-division/country:ca/province:nb",
        "iso_3166_2": "CA-NB",
        "parent_id": "canada",
    }
    assert rows["canada"]["parent_id"] == ""
    organizations = {row["id"]: row for row in _csv(tmp_path, "organizations.csv")}
    assert organizations["service-new-brunswick"]["acronym_en"] == "SNB"
    assert organizations["service-new-brunswick"]["jurisdiction_id"] == "new-brunswick"
    as_json = json.loads((tmp_path / "jurisdictions.json").read_text(encoding="utf-8"))
    nb = next(item for item in as_json if item["id"] == "new-brunswick")
    assert nb["iso_3166_2"] == "CA-NB" and nb["parent_id"] == "canada"


def test_posts_people_and_memberships_of_the_agreement_exported(tmp_path, small_registry):
    export_registry(directory=tmp_path)
    # Two signatory and two accountable positions, each held by one person since 2015.
    posts = _csv(tmp_path, "posts.csv")
    assert len(posts) == 4
    memberships = _csv(tmp_path, "memberships.csv")
    assert [m["start_date"] for m in memberships] == ["2015-01-01"] * 4
    assert {m["end_date"] for m in memberships} == {""}
    assert len(_csv(tmp_path, "people.csv")) == 4


def test_empty_registry_gives_empty_files_when_nothing_is_published(tmp_path, unpublished):
    export_registry(directory=tmp_path)
    assert json.loads((tmp_path / "agreements.json").read_text(encoding="utf-8")) == []
    for name in ("agreements", "parties", "responsibilities", "versions", "posts", "people"):
        assert _csv(tmp_path, f"{name}.csv") == [], name


def test_export_answers_for_the_day_given_when_today_is_passed(tmp_path, small_registry):
    export_registry(directory=tmp_path, today=datetime.date(2021, 3, 31))
    assert _csv(tmp_path, "agreements.csv") == []
