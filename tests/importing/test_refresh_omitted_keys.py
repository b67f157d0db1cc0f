"""Re-importing a row of reference data that leaves out an optional key keeps the registry's
value for it (a refresh changes only the keys a row gives), as agreements already do; a key
given with another value still changes it."""

import datetime

import pytest

from agreements.models import GovernanceBody
from jurisdictions.models import Appointment, Jurisdiction, Organization, Person, Position
from opendata.importing import import_file

from .conftest import as_json

pytestmark = pytest.mark.django_db

FULL = {
    "jurisdictions": [
        {
            "slug": "nunavut",
            "name_en": "Government of Nunavut",
            "name_fr": "Gouvernement du Nunavut",
            "level": "territorial",
            "ocd_division_id": "ocd-division/country:ca/territory:nu",
            "iso_code": "CA-NU",
        }
    ],
    "organizations": [
        {
            "slug": "nu-health",
            "jurisdiction": "nunavut",
            "name_en": "Department of Health",
            "name_fr": "Ministère de la Santé",
            "kind": "ministry",
            "acronym_en": "DH",
            "acronym_fr": "MS",
            "website": "https://www.gov.nu.ca/health",
        }
    ],
    "people": [
        {"handle": "p.k", "given_name": "Aput", "family_name": "Kilabuk", "honorific": "Dr."}
    ],
    "positions": [
        {
            "handle": "dm",
            "organization": "nu-health",
            "title_en": "Deputy Minister of Health",
            "title_fr": "Sous-ministre de la Santé",
            "single_holder": False,
            "holders": [
                {"person": "p.k", "start": "2020-04-01", "end": "2024-03-31", "acting": True}
            ],
        }
    ],
    "governance_bodies": [
        {
            "handle": "board",
            "name_en": "Nunavut Health Board",
            "name_fr": "Conseil de la santé du Nunavut",
            "mandate_en": "Oversees shared services.",
            "chair": "dm",
            "members": ["dm"],
            "meeting_frequency": "quarterly",
        }
    ],
}

BARE = {
    "jurisdictions": [
        {"slug": "nunavut", "name_en": "Government of Nunavut", "level": "territorial"}
    ],
    "organizations": [
        {
            "slug": "nu-health",
            "jurisdiction": "nunavut",
            "name_en": "Department of Health",
            "kind": "ministry",
        }
    ],
    "people": [{"handle": "p.k", "given_name": "Aput", "family_name": "Kilabuk"}],
    "positions": [
        {
            "handle": "dm",
            "organization": "nu-health",
            "title_en": "Deputy Minister of Health",
            "holders": [{"person": "p.k", "start": "2020-04-01"}],
        }
    ],
    "governance_bodies": [{"handle": "board", "name_en": "Nunavut Health Board"}],
}


def _import(document, by):
    return import_file(as_json(document), name="reference.json", by=by)


def _stored():
    jurisdiction = Jurisdiction.objects.get(slug="nunavut")
    organization = Organization.objects.get(slug="nu-health")
    person = Person.objects.get(family_name="Kilabuk")
    position = Position.objects.get(title_en="Deputy Minister of Health")
    appointment = Appointment.objects.get(position=position)
    body = GovernanceBody.objects.get(name_en="Nunavut Health Board")
    return {
        "jurisdiction": (
            jurisdiction.name_fr,
            jurisdiction.ocd_division_id,
            jurisdiction.iso_code,
        ),
        "organization": (
            organization.name_fr,
            organization.acronym_en,
            organization.acronym_fr,
            organization.website,
        ),
        "person": person.honorific,
        "position": (position.title_fr, position.single_holder),
        "appointment": (appointment.end_date, appointment.acting),
        "body": (
            body.name_fr,
            body.mandate_en,
            body.chair_id == position.pk,
            list(body.members.values_list("title_en", flat=True)),
            body.meeting_frequency,
        ),
    }


EXPECTED_FULL = {
    "jurisdiction": (
        "Gouvernement du Nunavut",
        "ocd-division/country:ca/territory:nu",
        "CA-NU",
    ),
    "organization": (
        "Ministère de la Santé",
        "DH",
        "MS",
        "https://www.gov.nu.ca/health",
    ),
    "person": "Dr.",
    "position": ("Sous-ministre de la Santé", False),
    "appointment": (datetime.date(2024, 3, 31), True),
    "body": (
        "Conseil de la santé du Nunavut",
        "Oversees shared services.",
        True,
        ["Deputy Minister of Health"],
        "quarterly",
    ),
}


def test_values_kept_when_reimported_row_omits_optional_keys(registrar):
    _import(FULL, registrar)
    report = _import(BARE, registrar)
    assert _stored() == EXPECTED_FULL
    assert (report.created, report.updated) == (0, 0)


def test_no_history_row_when_reimported_row_omits_optional_keys(registrar):
    _import(FULL, registrar)
    before = (
        Jurisdiction.history.count(),
        Organization.history.count(),
        Appointment.history.count(),
    )
    _import(BARE, registrar)
    after = (
        Jurisdiction.history.count(),
        Organization.history.count(),
        Appointment.history.count(),
    )
    assert after == before


def test_value_changed_when_reimported_row_gives_key(registrar):
    _import(FULL, registrar)
    changed = {
        **BARE,
        "jurisdictions": [{**BARE["jurisdictions"][0], "name_fr": "Nunavut (gouvernement)"}],
        "organizations": [{**BARE["organizations"][0], "website": ""}],
        "people": [{**BARE["people"][0], "honorific": ""}],
        "positions": [
            {
                **BARE["positions"][0],
                "single_holder": True,
                "holders": [{"person": "p.k", "start": "2020-04-01", "end": None}],
            }
        ],
    }
    report = _import(changed, registrar)
    stored = _stored()
    assert stored["jurisdiction"][0] == "Nunavut (gouvernement)"
    assert stored["organization"] == ("Ministère de la Santé", "DH", "MS", "")
    assert stored["person"] == ""
    assert stored["position"] == ("Sous-ministre de la Santé", True)
    assert stored["appointment"] == (None, True)
    assert report.updated == 5
