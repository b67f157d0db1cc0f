"""The admin import: registrars upload, preview, confirm; nobody else may."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements.models import Agreement
from tests.factories import OrganizationFactory, UserFactory

from .conftest import as_json, row_counts, valid_document

pytestmark = pytest.mark.django_db
URL = "/admin/registry-import/"


def _upload(client, content=None, name="agreements.json"):
    content = as_json(valid_document()) if content is None else content
    return client.post(URL, {"file": SimpleUploadedFile(name, content)})


def _cells(html, marker):
    table = html.split(marker, 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)
    cells = [re.findall(r"<td>(?:<code>)?(.*?)(?:</code>)?</td>", row, flags=re.S) for row in rows]
    return [row for row in cells if row]


def test_address_is_the_registry_import_when_reversed():
    assert reverse("opendata_import") == URL


def test_preview_lists_changes_and_writes_nothing_when_registrar_uploads(registrar_client):
    before = row_counts()

    response = _upload(registrar_client)

    html = response.content.decode()
    assert "What importing agreements.json would change" in html
    assert _cells(html, "data-import-report")[:3] == [
        ["Jurisdictions", "1", "0", "0"],
        ["Organisations", "3", "0", "0"],
        ["People", "2", "0", "0"],
    ]
    assert 'name="token"' in html
    assert row_counts() == before


def test_confirm_imports_file_as_registrar_when_preview_confirmed(registrar_client, registrar):
    preview = _upload(registrar_client).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', preview).group(1)

    response = registrar_client.post(URL, {"token": token})

    assert "agreements.json was imported" in response.content.decode()
    agreement = Agreement.objects.get(reference="PEI-2022-001")
    assert agreement.history.latest().history_user == registrar
    again = registrar_client.post(URL, {"token": token}).content.decode()
    assert "This upload has expired or was imported already: upload the file again." in again


def test_problems_listed_and_nothing_written_when_registrar_uploads_bad_file(registrar_client):
    document = valid_document()
    document["agreements"][0]["state"] = "active"
    document["agreements"][0]["responsibilities"][0]["owner"] = "health.dm"
    before = row_counts()

    html = _upload(registrar_client, as_json(document)).content.decode()

    assert "Nothing was imported: agreements.json has problems" in html
    assert _cells(html, "data-import-issues") == [
        [
            "$.agreements[0].state",
            "“active” is not one of: draft, negotiation, review, approved, in_force, expired, "
            "terminated, superseded.",
        ]
    ]
    assert 'name="token"' not in html
    assert row_counts() == before


def test_other_users_token_finds_nothing_when_confirmed(registrar_client, client):
    preview = _upload(registrar_client).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', preview).group(1)
    other = UserFactory(username="registrar2", is_staff=True, is_superuser=True)
    client.force_login(other)

    html = client.post(URL, {"token": token}).content.decode()

    assert "This upload has expired or was imported already" in html
    assert not Agreement.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_refused_when_staff_member_is_not_a_registrar(client, liaison_officer_of, method):
    officer = liaison_officer_of(OrganizationFactory())
    client.force_login(officer)
    before = row_counts()

    response = client.get(URL) if method == "get" else _upload(client)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert row_counts() == before


def test_sent_to_login_when_anonymous(client):
    response = _upload(client)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert not Agreement.objects.exists()


def test_menu_shows_import_only_when_user_is_registrar(
    registrar_client, client, liaison_officer_of
):
    # The admin menu is drawn from JSON in the page, so the address appears as a JSON string.
    assert "/admin/registry-import/" in registrar_client.get("/admin/").content.decode()
    client.force_login(liaison_officer_of(OrganizationFactory()))
    assert "/admin/registry-import/" not in client.get("/admin/").content.decode()
