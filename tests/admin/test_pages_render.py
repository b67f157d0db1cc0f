"""Every admin listing, form, history and inspect page renders for a registrar with data present."""

import pytest
from django.urls import NoReverseMatch, reverse

pytestmark = pytest.mark.django_db

VIEWSETS = [
    "agreements",
    "parties",
    "responsibilities",
    "agreement_relations",
    "jurisdictions",
    "organisations",
    "positions",
    "people",
    "appointments",
    "service_areas",
    "delivery_channels",
    "governance_bodies",
]
# Rows that only exist on their agreement are created inline on its form.
CREATED_INLINE = {"parties", "responsibilities", "agreement_relations"}
WITH_INSPECT = {"agreements", "parties", "responsibilities", "agreement_relations"}
CHOOSERS = [
    "agreement_chooser",
    "jurisdiction_chooser",
    "organisation_chooser",
    "position_chooser",
    "person_chooser",
]


@pytest.mark.parametrize("name", VIEWSETS)
def test_listing_renders_rows_when_registrar_signed_in(registrar_client, registry_rows, name):
    response = registrar_client.get(reverse(f"{name}:index"))

    assert response.status_code == 200
    assert registry_rows[name] in response.context["object_list"]


@pytest.mark.parametrize("name", VIEWSETS)
def test_search_and_filter_results_render_when_registrar_signed_in(
    registrar_client, registry_rows, name
):
    response = registrar_client.get(reverse(f"{name}:index_results"), {"q": "a"})

    assert response.status_code == 200


@pytest.mark.parametrize("name", sorted(set(VIEWSETS) - CREATED_INLINE))
def test_create_form_renders_when_registrar_signed_in(registrar_client, registry_rows, name):
    assert registrar_client.get(reverse(f"{name}:add")).status_code == 200


@pytest.mark.parametrize("name", sorted(CREATED_INLINE))
def test_no_standalone_create_form_when_rows_are_created_inline(name):
    with pytest.raises(NoReverseMatch):
        reverse(f"{name}:add")


@pytest.mark.parametrize("view", ["edit", "change_history", "delete"])
@pytest.mark.parametrize("name", VIEWSETS)
def test_object_page_renders_when_registrar_signed_in(registrar_client, registry_rows, name, view):
    obj = registry_rows[name]

    response = registrar_client.get(reverse(f"{name}:{view}", args=[obj.pk]))

    assert response.status_code == 200
    assert str(obj) in response.content.decode()


@pytest.mark.parametrize("name", sorted(WITH_INSPECT))
def test_inspect_page_renders_when_registrar_signed_in(registrar_client, registry_rows, name):
    obj = registry_rows[name]

    assert registrar_client.get(reverse(f"{name}:inspect", args=[obj.pk])).status_code == 200


@pytest.mark.parametrize("name", CHOOSERS)
def test_chooser_modal_renders_when_registrar_searches(registrar_client, registry_rows, name):
    response = registrar_client.get(reverse(f"{name}:choose"), {"q": "a"})

    assert response.status_code == 200
