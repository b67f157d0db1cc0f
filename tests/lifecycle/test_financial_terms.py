"""Financial terms: a sum per funder → recipient commitment, with its ISO 4217 currency and its
period, edited inline on the agreement, frozen in the signed version, shown on the agreement
page and in the PDF, and summed per currency on jurisdiction pages (published agreements only)."""

import io
from decimal import Decimal

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agreements.financial import commitment_total, format_amount
from agreements.models import Agreement, FinancialCommitment, Party
from agreements.models.financial import (
    COMMITMENT_PARTY_NOT_IN_AGREEMENT,
    CURRENCY_UNKNOWN,
    FUNDER_IS_RECIPIENT,
    PERIOD_NEEDS_YEARS,
    validate_currency,
)
from agreements.pdf import render_agreement_pdf
from cms.financial import CurrencySum
from jurisdictions.models import Jurisdiction
from tests.admin.conftest import agreement_form_data
from tests.factories import (
    FinancialCommitmentFactory,
    JurisdictionFactory,
    OrganizationFactory,
    agreement_into_force,
    agreement_ready,
)

pytestmark = pytest.mark.django_db

SUMMARY_FR = "Prestation de services au comptoir pour le compte du ministère."


# --- the model -----------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["CAD", "AUD", "EUR", "DKK"])
def test_currency_accepted_when_an_iso_4217_code(code):
    validate_currency(code)


@pytest.mark.parametrize("code", ["cad", "XYZ", "CA", "CADD", ""])
def test_currency_refused_when_not_an_iso_4217_code_in_capitals(code):
    with pytest.raises(ValidationError) as error:
        validate_currency(code)
    assert error.value.messages == [str(CURRENCY_UNKNOWN)]


def test_commitment_refused_when_funder_is_the_recipient():
    organization = OrganizationFactory()
    commitment = FinancialCommitment(
        agreement=agreement_ready(), funder=organization, recipient=organization, amount=1
    )
    with pytest.raises(ValidationError) as error:
        commitment.full_clean()
    assert error.value.message_dict["recipient"] == [str(FUNDER_IS_RECIPIENT)]


def test_yearly_commitment_refused_when_its_years_are_missing():
    commitment = FinancialCommitment(
        agreement=agreement_ready(),
        funder=OrganizationFactory(),
        recipient=OrganizationFactory(),
        amount=1,
        period=FinancialCommitment.Period.PER_YEAR,
        start_year=2024,
    )
    with pytest.raises(ValidationError) as error:
        commitment.full_clean()
    assert error.value.message_dict["start_year"] == [str(PERIOD_NEEDS_YEARS)]


def test_amount_formatted_in_each_language_when_shown():
    assert format_amount("12500000.00", "CAD", "en") == "CAD 12,500,000.00"
    assert format_amount("12500000.00", "CAD", "fr") == "12\u00a0500\u00a0000,00\u00a0CAD"
    assert format_amount("950.5", "AUD", "en") == "AUD 950.50"


def test_yearly_amount_counts_for_every_year_of_its_term_when_totalled():
    yearly = {
        "amount": "12500000.00",
        "period": {"code": "per_year"},
        "start_year": 2024,
        "end_year": 2028,
    }
    assert commitment_total(yearly) == Decimal("62500000.00")
    assert commitment_total({**yearly, "period": {"code": "total"}}) == Decimal("12500000.00")


# --- signed, shown, printed ----------------------------------------------------------------------


@pytest.fixture
def funded(registrar, django_capture_on_commit_callbacks):
    """An agreement in force in which Canada's department pays New Brunswick's CAD 12.5 million
    a year from 2024 to 2028, and CAD 250,000 once (published as a committed signature would:
    the public pages read the read model refreshed on commit)."""
    agreement = agreement_ready(parties=2, responsibilities=2, summary_fr=SUMMARY_FR)
    funder, recipient = (p.organization for p in agreement.parties.order_by("sort_order"))
    funder.name_en, funder.name_fr = "Infrastructure Canada", "Infrastructure Canada"
    funder.jurisdiction = JurisdictionFactory(
        name_en="Canada", name_fr="Canada", level=Jurisdiction.Level.NATIONAL, slug="canada"
    )
    funder.save()
    recipient.name_en = "Department of Environment and Local Government"
    recipient.name_fr = "Ministère de l’Environnement et des Gouvernements locaux"
    recipient.save()
    FinancialCommitmentFactory(
        agreement=agreement,
        funder=funder,
        recipient=recipient,
        amount="12500000.00",
        currency="CAD",
        period=FinancialCommitment.Period.PER_YEAR,
        start_year=2024,
        end_year=2028,
        description_en="Canada Community-Building Fund",
        description_fr="Fonds pour le développement des collectivités du Canada",
        sort_order=0,
    )
    FinancialCommitmentFactory(
        agreement=agreement,
        funder=funder,
        recipient=recipient,
        amount="250000.00",
        currency="CAD",
        period=FinancialCommitment.Period.ONE_OFF,
        start_year=2024,
        end_year=2024,
        description_en="Asset management plan",
        description_fr="Plan de gestion des actifs",
        sort_order=1,
    )
    with django_capture_on_commit_callbacks(execute=True):
        return agreement_into_force(agreement, by=registrar)


def test_snapshot_freezes_the_financial_terms_when_signed(funded):
    snapshot = funded.versions.get().snapshot
    first = snapshot["financial_commitments"][0]
    funder = funded.parties.order_by("sort_order").first().organization
    assert {key: value for key, value in first.items() if key != "id"} == {
        "funder": {
            "organization_id": funder.pk,
            "jurisdiction_id": funder.jurisdiction_id,
            "name": {"en": "Infrastructure Canada", "fr": "Infrastructure Canada"},
            "acronym": {"en": "", "fr": ""},
        },
        "recipient": first["recipient"],
        "amount": "12500000.00",
        "currency": "CAD",
        "period": {"code": "per_year", "label": {"en": "Per year", "fr": "Par année"}},
        "start_year": 2024,
        "end_year": 2028,
        "description": {
            "en": "Canada Community-Building Fund",
            "fr": "Fonds pour le développement des collectivités du Canada",
        },
        "sort_order": 0,
    }
    assert first["recipient"]["name"]["en"] == "Department of Environment and Local Government"
    assert [item["amount"] for item in snapshot["financial_commitments"]] == [
        "12500000.00",
        "250000.00",
    ]


def _section(body: str) -> str:
    return body.split('id="financial-heading"')[1].split("</section>")[0]


def test_agreement_page_shows_the_financial_terms_when_the_version_has_them(client, funded):
    section = _section(client.get(f"/en/agreements/{funded.reference}/").content.decode())
    assert "Infrastructure Canada" in section
    assert "Department of Environment and Local Government" in section
    assert "CAD 12,500,000.00" in section
    assert "Per year, 2024–2028" in section
    assert "Canada Community-Building Fund" in section
    assert "CAD 250,000.00" in section
    assert "One-off, 2024" in section


def test_agreement_page_shows_the_financial_terms_in_french_when_read_in_french(client, funded):
    section = _section(client.get(f"/fr/agreements/{funded.reference}/").content.decode())
    assert "Modalités financières" in section
    assert "12\u00a0500\u00a0000,00\u00a0CAD" in section
    assert "Par année, 2024-2028" in section
    assert "Fonds pour le développement des collectivités du Canada" in section


def test_agreement_page_has_no_financial_section_when_the_version_has_none(client, registrar):
    agreement = agreement_into_force(by=registrar, summary_fr=SUMMARY_FR)
    body = client.get(f"/en/agreements/{agreement.reference}/").content.decode()
    assert 'id="financial-heading"' not in body


def _pdf_text(content: bytes) -> str:
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages]
    return " ".join(" ".join(pages).split())


def test_pdf_prints_the_financial_terms_when_the_version_has_them(funded):
    version = funded.versions.get()
    english = _pdf_text(render_agreement_pdf(version, "en"))
    french = _pdf_text(render_agreement_pdf(version, "fr"))
    assert "Financial terms" in english
    assert "CAD 12,500,000.00" in english
    assert "Per year, 2024–2028" in english
    assert "Modalités financières" in french
    assert "Par année, 2024-2028" in french


def test_pdf_has_no_financial_terms_when_the_version_has_none(registrar):
    version = agreement_into_force(by=registrar, summary_fr=SUMMARY_FR).versions.get()
    assert "Financial terms" not in _pdf_text(render_agreement_pdf(version, "en"))


# --- summed on jurisdiction pages ----------------------------------------------------------------


def test_jurisdiction_page_sums_per_currency_when_agreements_are_published(
    client, funded, registrar, django_capture_on_commit_callbacks
):
    canada = funded.parties.order_by("sort_order").first().organization.jurisdiction
    # Another published agreement, in Australian dollars, from the same funder.
    other = agreement_ready(parties=2, responsibilities=2, summary_fr=SUMMARY_FR)
    other_funder = other.parties.order_by("sort_order").first()
    other_funder.organization.jurisdiction = canada
    other_funder.organization.save()
    FinancialCommitmentFactory(
        agreement=other,
        funder=other_funder.organization,
        recipient=other.parties.order_by("sort_order").last().organization,
        amount="1000000.00",
        currency="AUD",
    )
    with django_capture_on_commit_callbacks(execute=True):
        agreement_into_force(other, by=registrar)
    # Neither a draft's nor a restricted agreement's money is counted.
    for visibility, into_force in (("public", False), ("restricted", True)):
        hidden = agreement_ready(
            parties=2, responsibilities=2, summary_fr=SUMMARY_FR, visibility=visibility
        )
        payer = hidden.parties.order_by("sort_order").first().organization
        payer.jurisdiction = canada
        payer.save()
        FinancialCommitmentFactory(
            agreement=hidden,
            funder=payer,
            recipient=hidden.parties.order_by("sort_order").last().organization,
            amount="999.00",
            currency="CAD",
        )
        if into_force:
            with django_capture_on_commit_callbacks(execute=True):
                agreement_into_force(hidden, by=registrar)

    response = client.get("/en/jurisdictions/canada/")

    assert response.context["view"].financial == [
        CurrencySum("AUD", provided=Decimal("1000000.00"), received=Decimal(0)),
        CurrencySum("CAD", provided=Decimal("62750000.00"), received=Decimal(0)),
    ]
    section = _section(response.content.decode())
    assert "CAD 62,750,000.00" in section
    assert "AUD 1,000,000.00" in section


def test_recipient_jurisdiction_page_sums_what_it_receives_when_published(client, funded):
    recipient = funded.parties.order_by("sort_order").last().organization.jurisdiction
    response = client.get(f"/en/jurisdictions/{recipient.slug}/")
    assert response.context["view"].financial == [
        CurrencySum("CAD", provided=Decimal(0), received=Decimal("62750000.00"))
    ]


def test_jurisdiction_page_has_no_financial_section_when_nothing_is_committed(client, registrar):
    agreement = agreement_into_force(by=registrar, summary_fr=SUMMARY_FR)
    slug = agreement.parties.first().organization.jurisdiction.slug
    body = client.get(f"/en/jurisdictions/{slug}/").content.decode()
    assert 'id="financial-heading"' not in body


# --- edited inline on the agreement --------------------------------------------------------------


def test_commitment_created_inline_when_posted_with_the_agreement(registrar_client):
    canada, province = OrganizationFactory(), OrganizationFactory()
    data = agreement_form_data(
        parties=[
            {"organization": canada.pk, "role": Party.Role.FUNDER},
            {"organization": province.pk, "role": Party.Role.LEAD},
        ],
        financial_commitments=[
            {
                "funder": canada.pk,
                "recipient": province.pk,
                "amount": "500000.00",
                "currency": "CAD",
                "period": "per_year",
                "start_year": "2025",
                "end_year": "2027",
                "description_en": "Operating funding",
                "description_fr": "Financement de fonctionnement",
            }
        ],
    )

    response = registrar_client.post(reverse("agreements:add"), data)

    assert response.status_code == 302
    commitment = Agreement.objects.get(reference="SNB-2025-001").financial_commitments.get()
    assert (commitment.funder, commitment.recipient) == (canada, province)
    assert (commitment.amount, commitment.period, commitment.total) == (
        Decimal("500000.00"),
        "per_year",
        Decimal("1500000.00"),
    )
    assert commitment.history.get().history_user.username == "registrar"


def test_commitment_refused_inline_when_the_recipient_is_not_a_party(registrar_client):
    canada, province, outsider = OrganizationFactory(), OrganizationFactory(), OrganizationFactory()
    data = agreement_form_data(
        parties=[
            {"organization": canada.pk, "role": Party.Role.FUNDER},
            {"organization": province.pk, "role": Party.Role.LEAD},
        ],
        financial_commitments=[
            {
                "funder": canada.pk,
                "recipient": outsider.pk,
                "amount": "500000.00",
                "currency": "cad",
                "period": "total",
                "start_year": "",
                "end_year": "",
                "description_en": "",
                "description_fr": "",
            }
        ],
    )

    response = registrar_client.post(reverse("agreements:add"), data)

    assert response.status_code == 200
    assert not Agreement.objects.filter(reference="SNB-2025-001").exists()
    form = response.context["form"].formsets["financial_commitments"].forms[0]
    assert form.errors["recipient"] == [str(COMMITMENT_PARTY_NOT_IN_AGREEMENT)]
    assert form.errors["currency"] == [str(CURRENCY_UNKNOWN)]
    assert form["amount"].value() == "500000.00"
