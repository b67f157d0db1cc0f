"""The staff admin's reviews: "Awaiting my review" (per user, nothing outside their parties and
permissions), the review page of an agreement or amendment (each party's decision, the gate
checklist, the last return's comment), approve / return from both, and the approval gates."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from agreements.models import Agreement, Amendment, ApprovalGate, PartyApproval
from agreements.services import amendments as amendment_services
from agreements.services.approvals import party_approve
from agreements.services.parties import agreement_grants_sync
from jurisdictions.models import Jurisdiction
from tests.factories import (
    ApprovalGateFactory,
    ApprovalStepFactory,
    JurisdictionFactory,
    OrganizationFactory,
    agreement_into_force,
    agreement_ready,
    agreement_under_review,
)

pytestmark = pytest.mark.django_db

State = Agreement.State
LIST_URL = "agreement_reviews:index"


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _named(agreement, first, second):
    a, b = agreement.parties.order_by("sort_order")
    for party, name in ((a, first), (b, second)):
        party.organization.name_en = name
        party.organization.save()
    return a, b


@pytest.fixture
def world(registrar, minister_office_of, liaison_officer_of):
    """REV-QC: under review between the Government of Québec (gate: Order in Council) and
    Service Canada. REV-OTHER: under review between two organisations nobody here works for."""
    quebec_jurisdiction = JurisdictionFactory(name_en="Québec")
    gate = ApprovalGateFactory(jurisdiction=quebec_jurisdiction)
    step = ApprovalStepFactory(gate=gate, label_en="Order in Council")
    agreement = agreement_ready(reference="REV-QC")
    quebec, canada = _named(agreement, "Government of Québec", "Service Canada")
    quebec.organization.jurisdiction = quebec_jurisdiction
    quebec.organization.save()
    canada.organization.jurisdiction = JurisdictionFactory(
        name_en="Canada", level=Jurisdiction.Level.NATIONAL
    )
    canada.organization.save()
    agreement = agreement_under_review(agreement, by=registrar)
    other = agreement_under_review(agreement_ready(reference="REV-OTHER"), by=registrar)
    return {
        "agreement": agreement,
        "other": other,
        "quebec": quebec,
        "canada": canada,
        "step": step,
        "quebec_office": minister_office_of(quebec.organization),
        "canada_office": minister_office_of(canada.organization),
        "canada_liaison": liaison_officer_of(canada.organization),
    }


def _listed(response):
    html = response.content.decode()
    return sorted(
        reference
        for reference in ("REV-QC", "REV-OTHER", "REV-AMEND")
        if f'data-agreement="{reference}"' in html
    )


def test_list_shows_what_awaits_each_office(world, registrar):
    quebec = _client(world["quebec_office"]).get(reverse(LIST_URL))
    assert quebec.status_code == 200
    assert _listed(quebec) == ["REV-QC"]
    html = quebec.content.decode()
    assert f'data-party="{world["quebec"].pk}"' in html
    assert f'data-party="{world["canada"].pk}"' not in html
    assert "Order in Council: number" in html
    assert _listed(_client(registrar).get(reverse(LIST_URL))) == ["REV-OTHER", "REV-QC"]


def test_list_drops_an_agreement_once_my_party_decided(world):
    party_approve(subject=world["agreement"], party=world["canada"], by=world["canada_office"])
    assert _listed(_client(world["canada_office"]).get(reverse(LIST_URL))) == []
    assert _listed(_client(world["quebec_office"]).get(reverse(LIST_URL))) == ["REV-QC"]


def test_list_is_empty_for_a_liaison_officer(world):
    response = _client(world["canada_liaison"]).get(reverse(LIST_URL))
    assert _listed(response) == []
    assert "Nothing awaits your review." in response.content.decode()


def _decide(client, world, party, data, **url):
    prefix = f"party-{party.pk}"
    return client.post(
        reverse("agreement_reviews:decide", args=(world["agreement"].pk, party.pk)),
        {f"{prefix}-{key}": value for key, value in data.items()},
        **url,
    )


def test_approve_from_the_list_with_the_gate_step(world):
    client = _client(world["quebec_office"])
    step = world["step"].pk
    response = _decide(
        client,
        world,
        world["quebec"],
        {
            "decision": "approved",
            "return_to": "list",
            "comment": "Cabinet agreed.",
            f"step-{step}-reference": "412-2024",
            f"step-{step}-date": "2024-04-24",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(LIST_URL)
    approval = PartyApproval.objects.get(party=world["quebec"])
    assert (approval.decision, approval.decided_by, approval.comment) == (
        "approved",
        world["quebec_office"],
        "Cabinet agreed.",
    )
    assert [(s.reference, s.date) for s in approval.steps.all()] == [
        ("412-2024", datetime.date(2024, 4, 24))
    ]


def test_approval_without_the_gate_step_is_refused_with_its_message(world):
    client = _client(world["quebec_office"])
    response = _decide(client, world, world["quebec"], {"decision": "approved"}, follow=True)
    assert (
        "Order in Council number and date are missing for Government of Québec."
        in response.content.decode()
    )
    assert not PartyApproval.objects.exists()


def test_return_needs_a_comment(world):
    client = _client(world["canada_office"])
    response = _decide(client, world, world["canada"], {"decision": "returned"}, follow=True)
    assert "A return needs a comment saying what must change." in response.content.decode()
    assert Agreement.objects.get(pk=world["agreement"].pk).state == State.REVIEW


def test_return_is_shown_to_the_parties_liaison_officers(world):
    client = _client(world["canada_office"])
    response = _decide(
        client,
        world,
        world["canada"],
        {"decision": "returned", "comment": "Clause 4.2 needs the French text."},
    )
    assert response["Location"] == reverse(
        "agreement_reviews:agreement", args=(world["agreement"].pk,)
    )
    assert Agreement.objects.get(pk=world["agreement"].pk).state == State.NEGOTIATION
    page = _client(world["canada_liaison"]).get(response["Location"])
    html = page.content.decode()
    assert "data-last-return" in html
    assert "Last returned to negotiation for Service Canada by" in html
    assert "Clause 4.2 needs the French text." in html
    assert 'data-decision="returned"' in html
    assert "review-decision" not in html  # no form: not under review, and not an office


def test_review_page_shows_each_party_and_only_my_checklist(world):
    party_approve(subject=world["agreement"], party=world["canada"], by=world["canada_office"])
    html = _client(world["quebec_office"]).get(
        reverse("agreement_reviews:agreement", args=(world["agreement"].pk,))
    )
    html = html.content.decode()
    assert f'data-party="{world["canada"].pk}" data-decision="approved"' in html
    assert f'data-party="{world["quebec"].pk}" data-decision="pending"' in html
    assert f"Approved by {world['canada_office'].username}" in html
    assert html.count('class="w-mb-6 review-decision"') == 1
    assert "Order in Council: date" in html


def test_office_of_another_party_cannot_decide_for_it(world):
    client = _client(world["quebec_office"])
    response = _decide(client, world, world["canada"], {"decision": "approved"})
    # PermissionDenied: Wagtail's answer is a redirect to the dashboard with an error.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not PartyApproval.objects.exists()


def test_review_page_is_not_found_for_someone_else(world, minister_office_of):
    outsider = minister_office_of(world["other"].parties.first().organization)
    response = _client(outsider).get(
        reverse("agreement_reviews:agreement", args=(world["agreement"].pk,)), follow=True
    )
    assert response.status_code == 404


def test_amendment_review_page_and_list(registrar, minister_office_of):
    agreement = agreement_into_force(
        by=registrar, reference="REV-AMEND", summary_fr="Prestation de services au comptoir."
    )
    agreement_grants_sync(agreement=agreement)
    amendment = amendment_services.amendment_open(
        agreement=agreement, by=registrar, title_en="Adds weekend hours"
    )
    amendment = amendment_services.amendment_start_negotiation(amendment=amendment, by=registrar)
    item = agreement.responsibilities.first()
    item.text_en = "Open on Saturdays."
    item.save()
    amendment_services.amendment_submit_for_review(amendment=amendment, by=registrar)
    first = agreement.parties.order_by("sort_order").first()
    office = minister_office_of(first.organization)
    client = _client(office)
    assert _listed(client.get(reverse(LIST_URL))) == ["REV-AMEND"]
    url = reverse("agreement_reviews:amendment", args=(agreement.pk, 1))
    assert "Review of amendment 1" in client.get(url).content.decode()
    client.post(
        reverse("agreement_reviews:amendment_decide", args=(agreement.pk, 1, first.pk)),
        {f"party-{first.pk}-decision": "approved"},
    )
    approval = PartyApproval.objects.get(party=first, amendment__isnull=False)
    assert (approval.amendment, approval.decided_by) == (amendment, office)
    assert Amendment.objects.get(pk=amendment.pk).state == Amendment.State.REVIEW


def _awaiting(registrar, organization, references):
    """Agreements under review with `organization` as their first party."""
    for reference in references:
        agreement = agreement_ready(reference=reference)
        party = agreement.parties.order_by("sort_order").first()
        party.organization = organization
        party.save()
        agreement_under_review(agreement, by=registrar)


def test_list_query_count_does_not_grow(
    registrar, minister_office_of, django_assert_max_num_queries, django_assert_num_queries
):
    organization = OrganizationFactory()
    client = _client(minister_office_of(organization))
    client.get(reverse(LIST_URL))  # session and two-factor set up
    _awaiting(registrar, organization, ["REV-N001", "REV-N002"])
    # The bound covers the admin's menus (each viewset asks its permission policy).
    with django_assert_max_num_queries(80) as small:
        response = client.get(reverse(LIST_URL))
    assert response.content.decode().count("data-agreement=") == 2
    _awaiting(registrar, organization, [f"REV-M{index:03d}" for index in range(5)])
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse(LIST_URL))
    assert response.content.decode().count("data-agreement=") == 7


def test_registrar_manages_approval_gates(registrar, minister_office_of):
    gate = ApprovalGateFactory(jurisdiction=JurisdictionFactory(name_en="New Brunswick"))
    ApprovalStepFactory(gate=gate, label_en="Order in Council")
    client = _client(registrar)
    index = client.get(reverse("approval_gates:index"))
    assert index.status_code == 200
    assert "New Brunswick" in index.content.decode()
    edit = client.get(reverse("approval_gates:edit", args=(gate.pk,)))
    assert "Order in Council" in edit.content.decode()
    office = minister_office_of(agreement_ready().parties.first().organization)
    refused = _client(office).get(reverse("approval_gates:index"))
    assert refused.status_code == 302
    assert refused["Location"] == reverse("wagtailadmin_home")


def test_registrar_creates_a_gate_with_its_steps(registrar):
    quebec = JurisdictionFactory(name_en="Québec")
    client = _client(registrar)
    assert client.get(reverse("approval_gates:add")).status_code == 200
    response = client.post(
        reverse("approval_gates:add"),
        {
            "jurisdiction": quebec.pk,
            "organization_kind": "",
            "applies_to_children": "on",
            "steps-TOTAL_FORMS": "2",
            "steps-INITIAL_FORMS": "0",
            "steps-MIN_NUM_FORMS": "0",
            "steps-MAX_NUM_FORMS": "1000",
            "steps-0-label_en": "Order in Council",
            "steps-0-label_fr": "Décret",
            "steps-0-reference_required": "on",
            "steps-0-date_required": "on",
            "steps-0-ORDER": "1",
            "steps-1-label_en": "Cabinet briefing",
            "steps-1-label_fr": "",
            "steps-1-ORDER": "2",
        },
    )
    assert response.status_code == 302
    gate = ApprovalGate.objects.get(jurisdiction=quebec)
    assert [
        (s.label_en, s.label_fr, s.reference_required, s.date_required) for s in gate.steps.all()
    ] == [("Order in Council", "Décret", True, True), ("Cabinet briefing", "", False, False)]
    history = client.get(reverse("approval_gates:change_history", args=(gate.pk,)))
    assert history.status_code == 200
    assert "registrar" in history.content.decode()


def test_awaiting_review_selector_follows_each_users_parties(world, registrar):
    from agreements.selectors import awaiting_review

    def references(user):
        return list(awaiting_review(user=user).values_list("reference", flat=True))

    assert references(world["quebec_office"]) == ["REV-QC"]
    assert references(world["canada_office"]) == ["REV-QC"]
    assert references(world["canada_liaison"]) == []
    assert references(registrar) == ["REV-OTHER", "REV-QC"]
    party_approve(subject=world["agreement"], party=world["canada"], by=world["canada_office"])
    assert references(world["canada_office"]) == []
    assert references(world["quebec_office"]) == ["REV-QC"]
    assert references(registrar) == ["REV-OTHER", "REV-QC"]
