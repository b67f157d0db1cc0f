"""A small valid import file to break in every way, and what the registry holds around it."""

import copy
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from jurisdictions.models import Jurisdiction, Organization
from tests.demo.conftest import row_counts
from tests.factories import agreement_into_force, agreement_ready

__all__ = ["row_counts"]

VALID = {
    "format": "agreement-registry-import/1",
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
            "slug": "pei-health",
            "jurisdiction": "prince-edward-island",
            "name_en": "Department of Health and Wellness",
            "name_fr": "Ministère de la Santé et du Mieux-être",
            "kind": "ministry",
        },
        {
            "slug": "pei-health-records",
            "jurisdiction": "ocd-division/country:ca/province:pe",
            "parent": "pei-health",
            "name_en": "Health Records Branch",
            "kind": "agency",
        },
        {
            "slug": "access-pei",
            "jurisdiction": "prince-edward-island",
            "name_en": "Access PEI",
            "name_fr": "Accès Î.-P.-É.",
            "kind": "service_delivery",
        },
    ],
    "people": [
        {"handle": "p.gallant", "given_name": "Marie", "family_name": "Gallant"},
        {"handle": "p.macdonald", "given_name": "Ian", "family_name": "MacDonald"},
    ],
    "positions": [
        {
            "handle": "health.dm",
            "organization": "pei-health",
            "title_en": "Deputy Minister of Health and Wellness",
            "title_fr": "Sous-ministre de la Santé et du Mieux-être",
            "holders": [{"person": "p.gallant", "start": "2020-01-06"}],
        },
        {
            "handle": "access.director",
            "organization": "access-pei",
            "title_en": "Director, Access PEI",
            "holders": [{"person": "p.macdonald", "start": "2019-05-01", "end": "2030-01-01"}],
        },
    ],
    "service_areas": [
        {"slug": "health-cards", "name_en": "Health cards", "name_fr": "Cartes santé"}
    ],
    "agreements": [
        {
            "reference": "PEI-2022-001",
            "agreement_type": "service_delivery",
            "state": "in_force",
            "title_en": "Health card services at Access PEI",
            "title_fr": "Services de cartes santé à Accès Î.-P.-É.",
            "summary_en": "Access PEI issues health cards for the Department.",
            "signed": "2021-12-01",
            "effective": "2022-01-01",
            "expiry": "2027-01-01",
            "service_areas": ["health-cards"],
            "parties": [
                {
                    "organization": "pei-health",
                    "role": "lead",
                    "signatory": "health.dm",
                    "signed": "2021-12-01",
                },
                {
                    "organization": "access-pei",
                    "role": "delivery_partner",
                    "signatory": "access.director",
                    "signed": "2021-11-20",
                },
            ],
            "responsibilities": [
                {
                    "clause": "3.1",
                    "party": "access-pei",
                    "owner": "access.director",
                    "kind": "service_delivery",
                    "text_en": "Issue health cards within 10 business days.",
                    "text_fr": "Délivrer les cartes santé en 10 jours ouvrables.",
                },
                {
                    "clause": "5.2",
                    "party": "pei-health",
                    "owner": "health.dm",
                    "kind": "reporting",
                    "text_en": "Publish a yearly report.",
                    "recurrence": "annual",
                    "anchor": "2023-03-31",
                },
            ],
        },
        {
            "reference": "PEI-2025-002",
            "agreement_type": "data_sharing",
            "state": "draft",
            "visibility": "restricted",
            "title_en": "Health records exchange (draft)",
            "parties": [
                {"organization": "pei-health-records", "role": "lead"},
                {"organization": "access-pei", "role": "party"},
            ],
            "responsibilities": [
                {
                    "clause": "2",
                    "party": "pei-health-records",
                    "owner": "health.dm",
                    "kind": "data_sharing",
                    "text_en": "Share updated addresses weekly.",
                }
            ],
            "relations": [{"kind": "implements", "target": "PEI-2022-001"}],
        },
    ],
}


def valid_document() -> dict:
    """A fresh copy of the valid file, to change in one place."""
    return copy.deepcopy(VALID)


def as_json(document) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


@pytest.fixture
def canada(db):
    """The registry already holds Canada (the file's province does not list its parent)."""
    return Jurisdiction.objects.create(
        slug="canada",
        name_en="Government of Canada",
        level="national",
        ocd_division_id="ocd-division/country:ca",
        iso_code="CA",
    )


@pytest.fixture
def stored_organization(canada):
    """An organisation the registry holds already, which files may name by slug."""
    return Organization.objects.create(
        slug="service-canada",
        jurisdiction=canada,
        name_en="Service Canada",
        kind="service_delivery",
    )


@pytest.fixture
def export_of_three(registrar, tmp_path, django_capture_on_commit_callbacks):
    """An export of three agreements in force, made in a savepoint rolled back after."""
    with transaction.atomic():
        with django_capture_on_commit_callbacks(execute=True):
            for _agreement in range(3):
                agreement_into_force(agreement_ready(), by=registrar)
        call_command("export_registry", str(tmp_path), stdout=StringIO())
        transaction.set_rollback(True)
    return tmp_path
