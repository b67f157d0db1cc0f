"""Every demo government's identifiers are in the official lists (the demo is data under
opendata/demo_data/, loaded through the importer)."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from jurisdictions.validators import is_known_iso_code, is_known_ocd_id

DEMO_DATA = Path(settings.BASE_DIR) / "opendata" / "demo_data"


def _demo_jurisdictions():
    found = []
    for path in sorted(DEMO_DATA.glob("*.json")):
        found += json.loads(path.read_text(encoding="utf-8")).get("jurisdictions", [])
    return found


JURISDICTIONS = _demo_jurisdictions()


def test_demo_has_jurisdictions_with_division_ids():
    with_ids = [j["slug"] for j in JURISDICTIONS if j.get("ocd_division_id")]
    assert len(JURISDICTIONS) == 30 and len(with_ids) == 22


@pytest.mark.parametrize(
    "jurisdiction", [j for j in JURISDICTIONS if j.get("ocd_division_id")], ids=lambda j: j["slug"]
)
def test_demo_division_id_official_when_given(jurisdiction):
    assert is_known_ocd_id(jurisdiction["ocd_division_id"]), jurisdiction["ocd_division_id"]


@pytest.mark.parametrize(
    "jurisdiction", [j for j in JURISDICTIONS if j.get("iso_code")], ids=lambda j: j["slug"]
)
def test_demo_iso_code_official_when_given(jurisdiction):
    assert is_known_iso_code(jurisdiction["iso_code"]), jurisdiction["iso_code"]


def test_uk_parts_use_the_official_part_ids():
    ids = {j["slug"]: j.get("ocd_division_id") for j in JURISDICTIONS}
    assert ids["england"] == "ocd-division/country:gb/part:eng"
    assert ids["scotland"] == "ocd-division/country:gb/part:sct"
    assert ids["capital-region-of-denmark"] == "ocd-division/country:dk/region:hovedstaden"
