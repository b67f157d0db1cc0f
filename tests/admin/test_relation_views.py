"""Every view of one related-agreement row answers 404 unless the user may see both agreements it
links: relation ids are sequential, so a hidden target must not be reachable by counting."""

import pytest
from django.urls import reverse

from agreements.models import Agreement, AgreementRelation
from agreements.services.parties import agreement_grants_sync
from agreements.views.guards import AgreementRowPermissionPolicy
from registry.audit import acting_as
from tests.factories import AgreementFactory, OrganizationFactory, PartyFactory

pytestmark = pytest.mark.django_db

TARGET_REFERENCE = "HIDDEN-TGT-7"
TARGET_TITLE = "Confidential funding arrangement for border posts"
RELATION_VIEWS = ("inspect", "change_history", "edit", "delete")


@pytest.fixture
def organization():
    return OrganizationFactory()


def party_to(agreement, organization):
    PartyFactory(agreement=agreement, organization=organization)
    agreement_grants_sync(agreement=agreement)
    return agreement


@pytest.fixture
def source(organization):
    return party_to(AgreementFactory(state=Agreement.State.NEGOTIATION), organization)


def relation_to(source, target, registrar):
    with acting_as(registrar):
        return AgreementRelation.objects.create(
            source=source, kind=AgreementRelation.Kind.IMPLEMENTS, target=target
        )


@pytest.fixture(params=["restricted", "draft"])
def hidden_relation(request, source, registrar):
    """A relation from the officer's agreement to one they may not see: a restricted agreement in
    force, or a public draft, of other organisations."""
    if request.param == "restricted":
        target = AgreementFactory(
            in_force=True,
            restricted=True,
            reference=TARGET_REFERENCE,
            title_en=TARGET_TITLE,
        )
    else:
        target = AgreementFactory(reference=TARGET_REFERENCE, title_en=TARGET_TITLE)
    party_to(target, OrganizationFactory())
    return relation_to(source, target, registrar)


@pytest.mark.parametrize("view", RELATION_VIEWS)
def test_not_found_when_liaison_officer_may_see_source_only(
    client, liaison_officer_of, organization, hidden_relation, view
):
    client.force_login(liaison_officer_of(organization))

    response = client.get(reverse(f"agreement_relations:{view}", args=[hidden_relation.pk]))

    assert response.status_code == 404
    assert TARGET_REFERENCE not in response.content.decode()


@pytest.mark.parametrize("view", ("inspect", "change_history"))
def test_not_found_when_minister_office_may_see_source_only(
    client, minister_office_of, organization, hidden_relation, view
):
    client.force_login(minister_office_of(organization))

    response = client.get(reverse(f"agreement_relations:{view}", args=[hidden_relation.pk]))

    assert response.status_code == 404
    assert TARGET_TITLE not in response.content.decode()


@pytest.mark.parametrize("view", ("edit", "delete"))
def test_nothing_changed_when_posting_to_relation_with_hidden_target(
    client, liaison_officer_of, organization, hidden_relation, view
):
    client.force_login(liaison_officer_of(organization))

    response = client.post(
        reverse(f"agreement_relations:{view}", args=[hidden_relation.pk]),
        {"kind": AgreementRelation.Kind.AMENDS, "target": hidden_relation.target_id},
    )

    assert response.status_code == 404
    hidden_relation.refresh_from_db()
    assert hidden_relation.kind == AgreementRelation.Kind.IMPLEMENTS


def test_same_answer_as_missing_id_when_target_hidden(
    client, liaison_officer_of, organization, hidden_relation
):
    client.force_login(liaison_officer_of(organization))
    missing = AgreementRelation.objects.order_by("-pk").first().pk + 1

    hidden = client.get(reverse("agreement_relations:inspect", args=[hidden_relation.pk]))
    absent = client.get(reverse("agreement_relations:inspect", args=[missing]))

    assert (hidden.status_code, absent.status_code) == (404, 404)


@pytest.mark.parametrize("view", ("inspect", "change_history", "edit"))
def test_target_shown_when_officer_may_see_both_agreements(
    client, liaison_officer_of, organization, source, registrar, view
):
    target = party_to(
        AgreementFactory(reference=TARGET_REFERENCE, title_en=TARGET_TITLE), organization
    )
    relation = relation_to(source, target, registrar)
    client.force_login(liaison_officer_of(organization))

    response = client.get(reverse(f"agreement_relations:{view}", args=[relation.pk]))

    assert response.status_code == 200
    assert TARGET_REFERENCE in response.content.decode()


def test_relation_left_out_of_policy_instances_when_target_hidden(
    liaison_officer_of, organization, hidden_relation
):
    officer = liaison_officer_of(organization)
    policy = AgreementRowPermissionPolicy(AgreementRelation)

    instances = policy.instances_user_has_any_permission_for(officer, ["view", "change"])

    assert hidden_relation not in instances
    assert not policy.user_has_permission_for_instance(officer, "view", hidden_relation)
