"""Registrars adding a jurisdiction in the admin get the official-list check, field by field."""

import pytest
from django.urls import reverse

from jurisdictions.models import Jurisdiction

pytestmark = pytest.mark.django_db


def _form(**identifiers):
    return {
        "name_en": "England",
        "name_fr": "Angleterre",
        "slug": "england",
        "level": "regional",
        "parent": "",
        **identifiers,
    }


def test_unknown_division_id_refused_with_its_message_when_added_in_admin(registrar_client):
    response = registrar_client.post(
        reverse("jurisdictions:add"),
        _form(ocd_division_id="ocd-division/country:gb/country:gb-eng", iso_code="GB-ENG"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "ocd_division_id": [
            "“ocd-division/country:gb/country:gb-eng” is not in the official Open Civic Data "
            "list of division ids (opencivicdata/ocd-division-ids). Check its spelling, or "
            "leave it empty."
        ]
    }
    assert not Jurisdiction.objects.exists()


def test_official_division_id_saved_when_added_in_admin(registrar_client):
    response = registrar_client.post(
        reverse("jurisdictions:add"),
        _form(ocd_division_id="ocd-division/country:gb/part:eng", iso_code="GB-ENG"),
    )
    assert response.status_code == 302
    saved = Jurisdiction.objects.get()
    assert (saved.ocd_division_id, saved.iso_code) == ("ocd-division/country:gb/part:eng", "GB-ENG")


def test_american_division_id_saved_when_added_in_admin(registrar_client):
    response = registrar_client.post(
        reverse("jurisdictions:add"),
        {
            **_form(ocd_division_id="ocd-division/country:us", iso_code="US"),
            "name_en": "United States",
            "name_fr": "États-Unis",
            "slug": "united-states",
            "level": "national",
        },
    )
    assert response.status_code == 302
    saved = Jurisdiction.objects.get()
    assert (saved.name_en, saved.ocd_division_id, saved.iso_code) == (
        "United States",
        "ocd-division/country:us",
        "US",
    )
