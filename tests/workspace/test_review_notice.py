"""A review's return comment is shown on the agreement itself (its inspect, edit and lifecycle
pages) to whoever may see the agreement, its parties' liaison officers first, with a "Review"
header button while a review is under way or came back; and to no one else."""

import pytest
from django.urls import reverse

from agreements.models import Agreement
from agreements.services.approvals import party_approve, party_return
from agreements.services.lifecycle import agreement_submit_for_review
from tests.factories import (
    OrganizationFactory,
    ResponsibilityFactory,
    staffed_position,
)

pytestmark = pytest.mark.django_db

COMMENT = "Clause 2 must name the data steward."


@pytest.fixture
def returned(world, minister):
    """WS-REVIEW, returned to negotiation by the ministry's office for its branch."""
    agreement = world["in_review"]
    party = agreement.parties.get(organization=world["branch"])
    party_return(subject=agreement, party=party, by=minister, comment=COMMENT)
    agreement.refresh_from_db()
    assert agreement.state == Agreement.State.NEGOTIATION
    return agreement


def page(client, user, name, agreement):
    client.force_login(user)
    return client.get(reverse(name, args=(agreement.pk,)))


def review_href(agreement) -> str:
    return f'href="{reverse("agreement_reviews:agreement", args=(agreement.pk,))}"'


@pytest.mark.parametrize(
    "name", ["agreements:inspect", "agreements:edit", "agreement_lifecycle:overview"]
)
def test_party_liaison_reads_the_return_comment_on_the_agreement_when_returned(
    client, returned, party_liaison, name
):
    response = page(client, party_liaison, name, returned)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count(COMMENT) == 1 + (name == "agreement_lifecycle:overview")  # + the log
    assert "Last returned to negotiation for Service Branch by minister-office" in " ".join(
        html.split()
    )
    assert review_href(returned) in html


@pytest.mark.parametrize(
    "name", ["agreements:inspect", "agreements:edit", "agreement_lifecycle:overview"]
)
def test_non_party_liaison_gets_no_comment_when_returned(client, returned, outsider_liaison, name):
    response = page(client, outsider_liaison, name, returned)
    assert response.status_code == 404
    assert COMMENT not in response.content.decode()


def test_minister_office_reads_the_comment_in_french_when_the_admin_is_french(
    client, returned, minister
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(minister)
    profile.preferred_language = "fr"
    profile.save()
    html = " ".join(page(client, minister, "agreements:inspect", returned).content.decode().split())
    assert "Dernier renvoi en négociation pour Direction par minister-office" in html
    assert COMMENT in html


def test_review_button_without_a_comment_when_under_review(client, world, party_liaison):
    agreement = world["in_review"]
    html = page(client, party_liaison, "agreements:inspect", agreement).content.decode()
    assert review_href(agreement) in html
    assert "data-last-return" not in html


def test_no_review_button_nor_comment_when_in_force_without_amendment(client, world, registrar):
    agreement = world["in_force"]
    html = page(client, registrar, "agreements:inspect", agreement).content.decode()
    assert 'href="/admin/reviews/' not in html
    assert "data-last-return" not in html


def test_comment_stays_on_the_agreement_when_resubmitted_then_leaves_when_approved(
    client, returned, registrar, party_liaison
):
    branch_party = returned.parties.get(organization__name_en="Service Branch")
    ResponsibilityFactory(
        agreement=returned,
        responsible_party=branch_party,
        accountability_owner=staffed_position(organization=branch_party.organization),
        clause="2",
        text_en="Name a data steward.",
    )
    agreement = agreement_submit_for_review(agreement=returned, by=registrar)
    html = page(client, party_liaison, "agreements:inspect", agreement).content.decode()
    assert COMMENT in html  # the reviewers read what was asked last time
    for party in agreement.parties.all():
        party_approve(subject=agreement, party=party, by=registrar)
    agreement.refresh_from_db()
    assert agreement.state == Agreement.State.APPROVED
    html = page(client, party_liaison, "agreements:inspect", agreement).content.decode()
    assert COMMENT not in html
    assert review_href(agreement) not in html


def test_amendment_return_comment_shown_on_the_agreement_in_force(
    client, registrar, minister_office_of, liaison_officer_of
):
    from agreements.services import amendments as amendment_services
    from agreements.services.parties import agreement_grants_sync
    from tests.factories import agreement_into_force

    agreement = agreement_into_force(by=registrar)
    agreement_grants_sync(agreement=agreement)
    amendment = amendment_services.amendment_open(
        agreement=agreement, by=registrar, title_en="Adds weekend hours"
    )
    amendment = amendment_services.amendment_start_negotiation(amendment=amendment, by=registrar)
    item = agreement.responsibilities.order_by("sort_order").first()
    item.text_en = "Open on Saturdays."
    item.save()
    amendment = amendment_services.amendment_submit_for_review(amendment=amendment, by=registrar)
    first, second = agreement.parties.order_by("sort_order")
    liaison = liaison_officer_of(first.organization, username="first-liaison")
    outsider = liaison_officer_of(OrganizationFactory(), username="outsider")
    amendment_href = 'href="{}"'.format(
        reverse("agreement_reviews:amendment", args=(agreement.pk, amendment.number))
    )
    html = page(client, liaison, "agreements:inspect", agreement).content.decode()
    assert amendment_href in html  # under review: the button, no comment yet
    assert "data-last-return" not in html

    office = minister_office_of(second.organization, username="second-office")
    party_return(subject=amendment, party=second, by=office, comment="Not on Sundays either.")
    for name in ("agreements:inspect", "agreement_lifecycle:overview"):
        html = page(client, liaison, name, agreement).content.decode()
        assert "Not on Sundays either." in html
        assert amendment_href in html
    response = page(client, outsider, "agreements:inspect", agreement)
    assert response.status_code == 404
    assert "Not on Sundays either." not in response.content.decode()
