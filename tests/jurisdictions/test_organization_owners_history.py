"""The owners of an intermunicipal body (TransAqua: Moncton, Dieppe, Riverview) are part of its
history: each change is recorded with who made it, the past owner sets stay readable, and the
change history page lists the change."""

import pytest
from django.urls import reverse

from jurisdictions.models import Jurisdiction, Organization
from registry.audit import acting_as
from tests.admin.conftest import edit_form_data
from tests.factories import JurisdictionFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def towns():
    return {
        name: JurisdictionFactory(name_en=name, level=Jurisdiction.Level.MUNICIPAL)
        for name in ("Moncton", "Dieppe", "Riverview")
    }


@pytest.fixture
def transaqua(towns):
    return OrganizationFactory(
        name_en="TransAqua",
        kind=Organization.Kind.INTERMUNICIPAL,
        jurisdiction=towns["Moncton"],
    )


def _owner_names(record) -> set[str]:
    return set(record.owners.values_list("jurisdiction__name_en", flat=True))


def test_each_owner_change_is_a_history_record_with_the_owners_then(transaqua, towns, registrar):
    with acting_as(registrar):
        transaqua.owners.set([towns["Moncton"], towns["Dieppe"], towns["Riverview"]])
        transaqua.owners.remove(towns["Riverview"])

    records = list(transaqua.history.order_by("history_date", "history_id"))
    assert [_owner_names(r) for r in records] == [
        set(),
        {"Moncton", "Dieppe", "Riverview"},
        {"Moncton", "Dieppe"},
    ]
    assert [r.history_user for r in records[1:]] == [registrar, registrar]
    assert set(transaqua.owners.values_list("name_en", flat=True)) == {"Moncton", "Dieppe"}


def test_owner_change_in_the_admin_is_listed_in_the_change_history(
    registrar_client, transaqua, towns
):
    transaqua.owners.set([towns["Moncton"]])
    url = reverse("organisations:edit", args=[transaqua.pk])
    data = edit_form_data(registrar_client, url)
    data["owners"] = [str(towns["Moncton"].pk), str(towns["Riverview"].pk)]

    assert registrar_client.post(url, data).status_code == 302

    response = registrar_client.get(reverse("organisations:change_history", args=[transaqua.pk]))
    newest = response.context["entries"][0]
    assert newest.user == "registrar"
    assert [(c.label, c.old, c.new) for c in newest.changes] == [
        ("Owners", "Moncton", "Moncton, Riverview")
    ]
    latest = transaqua.history.order_by("-history_date", "-history_id").first()
    assert _owner_names(latest) == {"Moncton", "Riverview"}
