"""The agreement page reads the published versions: the current one by reference, an earlier
one by number, responsibilities grouped by party with their accountable position and holder,
the versions with their change summaries, the PDFs with their SHA-256, and what changed."""

import datetime

import pytest
from django.utils import timezone

from agreements.models import AgreementVersionPDF
from tests.factories import amendment_signed

pytestmark = pytest.mark.django_db

AMENDED_ON = datetime.date(2023, 4, 1)


def _reword_first_obligation(agreement):
    item = agreement.responsibilities.order_by("sort_order", "pk").first()
    item.text_en = "Issue photo identity cards within five business days."
    item.text_fr = "Délivrer les cartes d’identité avec photo en cinq jours ouvrables."
    item.save()


@pytest.fixture
def amended(publish, registrar, django_capture_on_commit_callbacks):
    agreement = publish(title_en="Identity card services agreement")
    with django_capture_on_commit_callbacks(execute=True):
        amendment_signed(
            agreement,
            by=registrar,
            effective_date=AMENDED_ON,
            change=_reword_first_obligation,
        )
    return agreement


def test_current_version_shown_when_asked_by_reference(client, amended):
    response = client.get(f"/en/agreements/{amended.reference}/")
    view = response.context["view"]
    assert view.is_current and view.version.number == 2
    body = response.content.decode()
    assert "Issue photo identity cards within five business days." in body
    assert "Version 2, in effect from 1 April 2023" in body


def test_earlier_version_shown_when_asked_by_number(client, amended):
    response = client.get(f"/en/agreements/{amended.reference}/versions/1/")
    assert response.context["view"].version.number == 1
    body = response.content.decode()
    assert "which is not the current version" in body
    responsibilities = body.split('id="responsibilities-heading"')[1].split("</section>")[0]
    assert "Issue photo identity cards within five business days." not in responsibilities
    first = response.context["view"].version.snapshot["responsibilities"][0]["text"]["en"]
    assert first in responsibilities


def test_current_version_number_redirects_to_the_agreement_when_asked_by_number(client, amended):
    response = client.get(f"/en/agreements/{amended.reference}/versions/2/")
    assert response.status_code == 302
    assert response["Location"] == f"/en/agreements/{amended.reference}/"


def test_unknown_version_not_found_when_asked_by_number(client, amended):
    assert client.get(f"/en/agreements/{amended.reference}/versions/9/").status_code == 404


def test_responsibilities_grouped_by_party_with_owner_and_holder_when_shown(client, amended):
    response = client.get(f"/fr/agreements/{amended.reference}/")
    view = response.context["view"]
    snapshot = view.version.snapshot
    blocks = {block.party["id"]: block for block in view.party_blocks}
    for item in snapshot["responsibilities"]:
        block = blocks[item["responsible_party"]["party_id"]]
        assert item["id"] in [r["id"] for r in block.responsibilities]
        holders = view.holders[item["id"]]
        assert holders, "each factory position is staffed"
        assert holders[0].name in response.content.decode()
        assert item["owner"]["title"]["fr"] in response.content.decode()


def test_change_summary_listed_when_a_version_amends_the_agreement(client, amended):
    body = client.get(f"/en/agreements/{amended.reference}/").content.decode()
    assert "Responsibilities reworded" in body
    assert "Original agreement" in body


def test_what_changed_lists_the_rewording_when_comparing_two_versions(client, amended):
    response = client.get(f"/fr/agreements/{amended.reference}/changes/", {"from": "1", "to": "2"})
    assert response.status_code == 200
    headings = [section.heading for section in response.context["changes"]]
    assert headings == ["Responsabilités reformulées"]
    assert "cinq jours ouvrables" in response.content.decode()


def test_pdfs_linked_with_their_sha256_when_the_version_has_them(client, amended):
    response = client.get(f"/en/agreements/{amended.reference}/")
    body = response.content.decode()
    current = amended.versions.get(number=2)
    pdfs = list(AgreementVersionPDF.objects.filter(version=current))
    assert {pdf.language for pdf in pdfs} == {"en", "fr"}
    for pdf in pdfs:
        assert pdf.sha256 in body
        url = f"/en/pdf/{amended.reference}/versions/2/{pdf.language}.pdf"
        assert f'href="{url}"' in body
        download = client.get(url)
        assert download.status_code == 200
        assert download["X-Content-SHA256"] == pdf.sha256


def test_holders_of_today_shown_when_reading_the_current_version(client, amended):
    response = client.get(f"/en/agreements/{amended.reference}/")
    assert response.context["view"].holders_on == timezone.localdate()
