"""Each party shows its real standing on the public page and in the PDF: a non-government
organisation, a municipal association and an intermunicipal body owned by several municipalities
no longer read as "Commonwealth of Australia · Federal / national"; a government's own body still
reads as its government and order of government."""

import datetime
import io

import pypdf
import pytest

from agreements.pdf import render_agreement_pdf
from jurisdictions.models import Jurisdiction, Organization
from jurisdictions.standing import organization_standing, standing
from tests.factories import JurisdictionFactory, agreement_into_force, agreement_ready

pytestmark = pytest.mark.django_db

SUMMARY_FR = "Prestation de services au comptoir pour le compte du ministère."


def _choice(code, en, fr):
    return {"code": code, "label": {"en": en, "fr": fr}}


AUSTRALIA = {
    "name": {"en": "Commonwealth of Australia", "fr": "Commonwealth d’Australie"},
    "level": _choice("national", "Federal / national", "Fédéral / national"),
}
NOVA_SCOTIA = {
    "name": {"en": "Province of Nova Scotia", "fr": "Province de la Nouvelle-Écosse"},
    "level": _choice("provincial", "Provincial", "Provincial"),
}


# --- the one function -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("organization", "language", "expected"),
    [
        (
            {
                "kind": _choice("ministry", "Ministry / department", "Ministère"),
                "jurisdiction": AUSTRALIA,
            },
            "en",
            "Commonwealth of Australia · Federal / national",
        ),
        (
            {
                "kind": _choice(
                    "non_government",
                    "Non-government organisation",
                    "Organisation non gouvernementale",
                ),
                "jurisdiction": AUSTRALIA,
                "owners": [],
            },
            "en",
            "Non-government organisation",
        ),
        (
            {
                "kind": _choice(
                    "non_government",
                    "Non-government organisation",
                    "Organisation non gouvernementale",
                ),
                "jurisdiction": AUSTRALIA,
            },
            "fr",
            "Organisation non gouvernementale",
        ),
        (
            {
                "kind": _choice(
                    "municipal_association", "Municipal association", "Association municipale"
                ),
                "jurisdiction": NOVA_SCOTIA,
            },
            "en",
            "Municipal association · Province of Nova Scotia",
        ),
        (
            {
                "kind": _choice(
                    "municipal_association", "Municipal association", "Association municipale"
                ),
                "jurisdiction": NOVA_SCOTIA,
            },
            "fr",
            "Association municipale · Province de la Nouvelle-Écosse",
        ),
        (
            {
                "kind": _choice(
                    "intermunicipal", "Intermunicipal body", "Organisme intermunicipal"
                ),
                "jurisdiction": NOVA_SCOTIA,
                "owners": [
                    {"name": {"en": "Moncton", "fr": "Moncton"}},
                    {"name": {"en": "Dieppe", "fr": ""}},
                    {"name": {"en": "Riverview", "fr": "Riverview"}},
                ],
            },
            "fr",
            "Organisme intermunicipal détenu par Moncton, Dieppe et Riverview",
        ),
        (
            # A snapshot made before owners were recorded: the kind and its jurisdiction.
            {
                "kind": _choice(
                    "intermunicipal", "Intermunicipal body", "Organisme intermunicipal"
                ),
                "jurisdiction": NOVA_SCOTIA,
            },
            "en",
            "Intermunicipal body · Province of Nova Scotia",
        ),
    ],
)
def test_standing_reads_the_kind_of_body_when_given_a_snapshot_organisation(
    organization, language, expected
):
    assert standing(organization, language) == expected


# --- on the public page and in the PDF -----------------------------------------------------------


@pytest.fixture
def multilateral(registrar):
    """An agreement in force between a federal department, the Coalition of Peaks, the Nova
    Scotia Federation of Municipalities and TransAqua (owned by Moncton, Dieppe and Riverview)."""
    australia = JurisdictionFactory(
        name_en="Commonwealth of Australia",
        name_fr="Commonwealth d’Australie",
        level=Jurisdiction.Level.NATIONAL,
    )
    nova_scotia = JurisdictionFactory(
        name_en="Province of Nova Scotia", name_fr="Province de la Nouvelle-Écosse"
    )
    new_brunswick = JurisdictionFactory(
        name_en="Province of New Brunswick", name_fr="Province du Nouveau-Brunswick"
    )
    owners = [
        JurisdictionFactory(
            name_en=name, name_fr=name, level=Jurisdiction.Level.MUNICIPAL, parent=new_brunswick
        )
        for name in ("Moncton", "Dieppe", "Riverview")
    ]
    agreement = agreement_ready(parties=4, responsibilities=4, summary_fr=SUMMARY_FR)
    parties = list(agreement.parties.order_by("sort_order"))
    shapes = [
        ("National Indigenous Australians Agency", Organization.Kind.AGENCY, australia),
        ("Coalition of Peaks", Organization.Kind.NON_GOVERNMENT, australia),
        (
            "Nova Scotia Federation of Municipalities",
            Organization.Kind.MUNICIPAL_ASSOCIATION,
            nova_scotia,
        ),
        ("TransAqua", Organization.Kind.INTERMUNICIPAL, new_brunswick),
    ]
    for party, (name, kind, jurisdiction) in zip(parties, shapes, strict=True):
        organization = party.organization
        organization.name_en = organization.name_fr = name
        organization.kind = kind
        organization.jurisdiction = jurisdiction
        organization.save()
    parties[3].organization.owners.set(owners)
    return agreement_into_force(agreement, by=registrar)


def _row(body: str, name: str) -> str:
    parties = body.split('id="parties-heading"')[1].split("</section>")[0]
    return next(row for row in parties.split("<tr>") if name in row)


def test_public_page_shows_each_party_s_standing_when_parties_are_not_all_governments(
    client, multilateral
):
    body = client.get(f"/en/agreements/{multilateral.reference}/").content.decode()

    coalition = _row(body, "Coalition of Peaks")
    assert "Non-government organisation" in coalition
    assert "Federal / national" not in coalition
    assert "Commonwealth of Australia" not in coalition
    association = _row(body, "Nova Scotia Federation of Municipalities")
    assert "Municipal association · Province of Nova Scotia" in association
    assert "Provincial" not in association
    assert "Intermunicipal body owned by Dieppe, Moncton and Riverview" in _row(body, "TransAqua")
    agency = _row(body, "National Indigenous Australians Agency")
    assert "Commonwealth of Australia" in agency
    assert "Federal / national" in agency


def test_public_page_shows_the_standing_in_french_when_read_in_french(client, multilateral):
    body = client.get(f"/fr/agreements/{multilateral.reference}/").content.decode()
    assert "Organisation non gouvernementale" in _row(body, "Coalition of Peaks")
    assert "Association municipale · Province de la Nouvelle-Écosse" in _row(
        body, "Nova Scotia Federation of Municipalities"
    )
    assert "Organisme intermunicipal détenu par Dieppe, Moncton et Riverview" in _row(
        body, "TransAqua"
    )


def _pdf_text(content: bytes) -> str:
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages]
    return " ".join(" ".join(pages).split())


def test_pdf_shows_each_party_s_standing_when_parties_are_not_all_governments(multilateral):
    version = multilateral.versions.get()
    english = _pdf_text(render_agreement_pdf(version, "en"))
    french = _pdf_text(render_agreement_pdf(version, "fr"))

    assert "Standing" in english
    assert "Non-government organisation" in english
    assert "Municipal association · Province of Nova Scotia" in english
    assert "Intermunicipal body owned by Dieppe, Moncton and Riverview" in english
    assert "Commonwealth of Australia · Federal / national" in english
    assert "Qualité" in french
    assert "Organisme intermunicipal détenu par Dieppe, Moncton et Riverview" in french


def test_pdf_keeps_the_jurisdiction_and_level_columns_when_every_party_is_a_government(
    registrar,
):
    version = agreement_into_force(by=registrar, summary_fr=SUMMARY_FR).versions.get()
    english = _pdf_text(render_agreement_pdf(version, "en"))
    assert "Level of government" in english
    assert "Standing" not in english


def test_snapshot_freezes_the_owners_when_the_agreement_is_signed(multilateral):
    snapshot = multilateral.versions.get().snapshot
    transaqua = next(
        p["organization"]
        for p in snapshot["parties"]
        if p["organization"]["name"]["en"] == "TransAqua"
    )
    assert [owner["name"] for owner in transaqua["owners"]] == [
        {"en": "Dieppe", "fr": "Dieppe"},
        {"en": "Moncton", "fr": "Moncton"},
        {"en": "Riverview", "fr": "Riverview"},
    ]
    assert transaqua["kind"] == {
        "code": "intermunicipal",
        "label": {"en": "Intermunicipal body", "fr": "Organisme intermunicipal"},
    }


def test_live_organisation_standing_matches_the_snapshot_when_read_from_the_database(
    multilateral,
):
    transaqua = Organization.objects.get(name_en="TransAqua")
    assert organization_standing(transaqua, "en") == (
        "Intermunicipal body owned by Dieppe, Moncton and Riverview"
    )


def test_organisation_page_shows_the_standing_and_end_when_recorded(client, multilateral):
    transaqua = Organization.objects.get(name_en="TransAqua")
    transaqua.end_date = datetime.date(2024, 12, 31)
    transaqua.save()
    body = client.get(f"/en/jurisdictions/organisations/{transaqua.slug}/").content.decode()
    facts = body.split('class="facts"')[1].split("</dl>")[0]
    assert (
        "<dt>Standing</dt><dd>Intermunicipal body owned by Dieppe, Moncton and Riverview</dd>"
        in (facts)
    )
    assert "<dt>Ended</dt><dd>31 December 2024</dd>" in facts
