"""The agreement page is the accessible equivalent of the (untagged) PDF: it has the signatures
section, says so beside the PDF links, marks English fallback text with lang="en", gives an
earlier version its own badge rather than the agreement's "In force", and a reference number
written another way redirects to the canonical address."""

import datetime

import pytest

from agreements.models import Party
from tests.factories import (
    OrganizationFactory,
    PartyFactory,
    agreement_into_force,
    agreement_ready,
    amendment_signed,
    staffed_position,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def _section(html: str, heading_id: str) -> str:
    return html.split(f'id="{heading_id}"')[1].split("</section>")[0]


def _rows(section: str) -> list[str]:
    """The body rows of a section's table, each as its cells' text joined by " | "."""
    rows = []
    for row in section.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")[:-1]:
        cells = []
        for cell in row.split("<t")[2:]:
            text = cell.split(">", 1)[1].split("</t")[0]
            text = text.replace("<br>", " ")
            while "<" in text:
                start = text.index("<")
                text = text[:start] + text[text.index(">", start) + 1 :]
            cells.append(" ".join(text.split()))
        rows.append(" | ".join(cells))
    return rows


@pytest.fixture
def signed(registrar, django_capture_on_commit_callbacks):
    """Two signing parties and an observer that does not sign, with known names."""
    agreement = agreement_ready(parties=0, responsibilities=0, reference="SNB-2019-001")
    for index, (org_en, org_fr, title_en, title_fr, role, signs) in enumerate(
        [
            (
                "Service New Brunswick",
                "Services Nouveau-Brunswick",
                "President and CEO",
                "Président-directeur général",
                Party.Role.LEAD,
                True,
            ),
            (
                "Department of Health",
                "Ministère de la Santé",
                "Deputy Minister of Health",
                "Sous-ministre de la Santé",
                Party.Role.PARTY,
                True,
            ),
            (
                "Auditor General",
                "Vérificateur général",
                "Auditor",
                "Vérificateur",
                Party.Role.OBSERVER,
                False,
            ),
        ]
    ):
        organization = OrganizationFactory(name_en=org_en, name_fr=org_fr)
        position = staffed_position(organization=organization, title_en=title_en, title_fr=title_fr)
        holder = position.appointments.get().person
        holder.given_name, holder.family_name = (
            ("Alain", "LeBlanc")
            if index == 0
            else (
                "Brigitte",
                "Savoie",
            )
        )
        holder.save()
        party = PartyFactory(
            agreement=agreement,
            organization=organization,
            role=role,
            signatory_position=position if signs else None,
            signed_date=D(2021, 3, 15) if index == 0 else (D(2021, 3, 18) if signs else None),
            sort_order=index,
        )
        if index == 0:
            from tests.factories import ResponsibilityFactory

            ResponsibilityFactory(
                agreement=agreement,
                responsible_party=party,
                accountability_owner=staffed_position(organization=organization),
            )
    with django_capture_on_commit_callbacks(execute=True):
        return agreement_into_force(agreement, by=registrar)


def test_signatures_section_lists_each_signing_party_when_page_shown(client, signed):
    html = client.get("/en/agreements/SNB-2019-001/").content.decode()
    section = _section(html, "signatures-heading")
    assert "Signatures of version 1" in section
    assert _rows(section) == [
        "Service New Brunswick | President and CEO | Alain LeBlanc | 15 March 2021",
        "Department of Health | Deputy Minister of Health | Brigitte Savoie | 18 March 2021",
    ]
    assert "Auditor General" not in section  # an observer does not sign


def test_signatures_section_in_french_when_page_is_french(client, signed):
    html = client.get("/fr/agreements/SNB-2019-001/").content.decode()
    section = _section(html, "signatures-heading")
    assert ">Signatures</h2>" in section
    for label in ("Au nom de", "Poste signataire", "Signataire", "Date de signature"):
        assert f">{label}</th>" in section
    assert _rows(section) == [
        "Services Nouveau-Brunswick | Président-directeur général | Alain LeBlanc | 15 mars 2021",
        "Ministère de la Santé | Sous-ministre de la Santé | Brigitte Savoie | 18 mars 2021",
    ]


def test_signatures_read_from_the_version_when_office_changed_hands(client, signed):
    position = signed.parties.get(sort_order=0).signatory_position
    appointment = position.appointments.get()
    appointment.end_date = D(2024, 1, 31)
    appointment.save()
    html = client.get("/en/agreements/SNB-2019-001/").content.decode()
    assert "Alain LeBlanc" in _rows(_section(html, "signatures-heading"))[0]


def test_pdf_links_say_the_page_is_the_accessible_version_when_shown(client, signed):
    html = client.get("/en/agreements/SNB-2019-001/").content.decode()
    note = (
        '<p id="pdf-accessibility" class="pdf-note">The PDF is not tagged for screen readers. '
        "This page has the same content, signatures included, and is the accessible version "
        "of the signed text.</p>"
    )
    assert note in html
    downloads = _section(html, "downloads-heading")
    versions = _section(html, "versions-heading")
    assert downloads.count('type="application/pdf" aria-describedby="pdf-accessibility"') == 2
    assert versions.count('type="application/pdf" aria-describedby="pdf-accessibility"') == 2
    french = client.get("/fr/agreements/SNB-2019-001/").content.decode()
    assert "Le PDF n’est pas balisé pour les lecteurs d’écran." in french


@pytest.fixture
def amended(registrar, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        agreement = agreement_into_force(by=registrar, reference="SNB-2020-007")
        amendment_signed(
            agreement, by=registrar, effective_date=D(2023, 4, 1), change=_longer_notice
        )
    return agreement


def _longer_notice(agreement):
    agreement.notice_period_days = 120
    agreement.save()


def _status(html: str) -> str:
    return html.split('class="agreement__status"')[1].split("</p>")[0]


def test_earlier_version_wears_superseded_badge_when_shown(client, amended):
    status = _status(client.get("/en/agreements/SNB-2020-007/versions/1/").content.decode())
    assert '<span class="state state--superseded">Superseded by version 2</span>' in status
    assert "In force" not in status
    current = _status(client.get("/en/agreements/SNB-2020-007/").content.decode())
    assert '<span class="state state--in_force">In force</span>' in current
    french = _status(client.get("/fr/agreements/SNB-2020-007/versions/1/").content.decode())
    assert "Remplacée par la version 2" in french


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/en/agreements/snb-2019-001/", "/en/agreements/SNB-2019-001/"),
        ("/fr/agreements/Snb-2019-001/", "/fr/agreements/SNB-2019-001/"),
        ("/en/agreements/SNB2019001/", "/en/agreements/SNB-2019-001/"),
        ("/en/agreements/snb2019001/", "/en/agreements/SNB-2019-001/"),
        ("/en/agreements/snb-2019-001/changes/", "/en/agreements/SNB-2019-001/changes/"),
        (
            "/en/agreements/snb-2019-001/?on=2022-01-01",
            "/en/agreements/SNB-2019-001/?on=2022-01-01",
        ),
    ],
)
def test_redirects_to_canonical_reference_when_written_another_way(client, signed, path, target):
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == target


def test_redirects_version_page_to_canonical_reference_when_lower_case(client, amended):
    response = client.get("/en/agreements/snb-2020-007/versions/1/")
    assert response.status_code == 301
    assert response["Location"] == "/en/agreements/SNB-2020-007/versions/1/"


@pytest.mark.parametrize(
    "path",
    ["/en/agreements/snb-2099-001/", "/en/agreements/SNB-2099-001/", "/en/agreements/snb-2019-00/"],
)
def test_not_found_when_reference_unknown_in_any_case(client, signed, path):
    assert client.get(path).status_code == 404


def test_not_found_when_lower_case_reference_is_restricted(client, registrar):
    agreement_into_force(by=registrar, reference="RST-2021-001", visibility="restricted")
    assert client.get("/en/agreements/rst-2021-001/").status_code == 404
    assert client.get("/en/agreements/RST-2021-001/").status_code == 404


def test_english_fallback_marked_lang_en_when_french_missing(client, registrar):
    agreement = agreement_ready(reference="NBX-2021-002")
    party = agreement.parties.get(sort_order=0)
    organization = party.organization
    organization.name_fr = ""
    organization.name_en = "Tidewater Regional Service Commission"
    organization.acronym_en, organization.acronym_fr = "TRSC", ""
    organization.save()
    agreement_into_force(agreement, by=registrar)
    html = client.get("/fr/agreements/NBX-2021-002/").content.decode()
    parties = _section(html, "parties-heading")
    assert '<span lang="en">Tidewater Regional Service Commission</span>' in parties
    assert '(<span lang="en">TRSC</span>' in parties
    signatures = _section(html, "signatures-heading")
    assert '<span lang="en">Tidewater Regional Service Commission</span>' in signatures
    responsibilities = _section(html, "responsibilities-heading")
    assert (
        'Responsabilités : <span lang="en">Tidewater Regional Service Commission</span>'
        in responsibilities
    )
