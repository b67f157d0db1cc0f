"""The API serves only what the public site shows: no draft, restricted or not-yet-in-effect
agreement, and never the working copy of an agreement under amendment."""

import datetime

import pytest
from django.utils import timezone

from agreements.services import amendments
from tests.factories import (
    GovernanceBodyFactory,
    OrganizationFactory,
    PartyFactory,
    PositionFactory,
    ResponsibilityFactory,
    amendment_signed,
    staffed_position,
)

pytestmark = pytest.mark.django_db

LISTS = (
    "/api/v1/agreements",
    "/api/v1/jurisdictions",
    "/api/v1/organizations",
    "/api/v1/posts",
    "/api/v1/people",
    "/api/v1/memberships",
)
WORKING_COPY_SECRETS = (
    "Xylophage working title",
    "Titre de travail Xylophage",
    "Quokka clause never signed",
    "Pangolin Post Unsigned",
)


def _body(client, path):
    response = client.get(path)
    return response, response.content.decode()


def _hidden_strings(agreement):
    """Every JSON string value that would betray the agreement (quoted, so "Director 1" does
    not match "Director 12"): titles, reference, responsibilities, its positions' titles and
    their holders' names."""
    values = {agreement.title_en, agreement.title_fr, agreement.reference}
    positions = [party.signatory_position for party in agreement.parties.all()]
    for item in agreement.responsibilities.select_related("accountability_owner"):
        values.add(item.text_en)
        positions.append(item.accountability_owner)
    for position in positions:
        values.add(position.title_en)
        values |= {str(a.person) for a in position.appointments.select_related("person")}
    return {f'"{value}"' for value in values} | {f'/{agreement.reference}"'}


@pytest.fixture
def world(publish, unpublished):
    visible = publish(title_en="Heliotrope published accord", title_fr="Accord publié Héliotrope")
    return visible, unpublished


def test_unpublished_agreements_absent_when_listing(client, world):
    visible, hidden = world
    listing = client.get("/api/v1/agreements").json()
    assert [item["reference"] for item in listing["results"]] == [visible.reference]
    assert listing["count"] == 1
    for path in LISTS:
        response, body = _body(client, path)
        assert response.status_code == 200, path
        for kind, agreement in hidden.items():
            for secret in _hidden_strings(agreement):
                assert secret not in body, f"{path}: {kind} agreement leaked “{secret}”"


def test_unpublished_agreements_absent_when_searching(client, world):
    _visible, hidden = world
    for word in ("Zephyrine", "Quillwort", "Marrowfat"):
        found = client.get("/api/v1/agreements", {"q": word}).json()
        assert found["count"] == 0 and found["results"] == [], word
    assert client.get("/api/v1/agreements", {"q": "Heliotrope"}).json()["count"] == 1


@pytest.mark.parametrize("kind", ["draft", "restricted", "pending"])
def test_unpublished_agreement_is_404_when_asked_by_reference(client, world, kind):
    _visible, hidden = world
    reference = hidden[kind].reference
    today = timezone.localdate().isoformat()
    for path in (
        f"/api/v1/agreements/{reference}",
        f"/api/v1/agreements/{reference}/versions/1",
        f"/api/v1/agreements/{reference}/as-of/{today}",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"message": "No published agreement has this reference number."}


def test_hidden_posts_and_people_are_404_when_asked_by_id(client, world):
    _visible, hidden = world
    restricted = hidden["restricted"]
    item = restricted.responsibilities.select_related("accountability_owner").first()
    post_id = item.accountability_owner_id
    response = client.get(f"/api/v1/posts/{post_id}")
    assert response.status_code == 404
    assert response.json() == {"message": "No public post has this identifier."}
    person_id = item.accountability_owner.appointments.get().person_id
    assert client.get(f"/api/v1/people/{person_id}").json() == {
        "message": "No public person has this identifier."
    }
    assert client.get("/api/v1/memberships", {"post": post_id}).json()["count"] == 0


@pytest.fixture
def under_amendment(publish, registrar):
    """A published agreement whose working copy is being amended: new title, a new
    responsibility owned by a new position, and a new party (all unsigned)."""
    agreement = publish(title_en="Original signed title", title_fr="Titre signé original")
    amendment = amendments.amendment_open(agreement=agreement, by=registrar, title_en="Changes")
    amendments.amendment_start_negotiation(amendment=amendment, by=registrar)
    agreement.refresh_from_db()
    agreement.title_en, agreement.title_fr = WORKING_COPY_SECRETS[:2]
    agreement.save()
    organization = OrganizationFactory(name_en="Wombat Unsigned Agency")
    party = PartyFactory(agreement=agreement, organization=organization)
    ResponsibilityFactory(
        agreement=agreement,
        responsible_party=party,
        text_en=WORKING_COPY_SECRETS[2],
        accountability_owner=staffed_position(
            organization=organization, title_en=WORKING_COPY_SECRETS[3]
        ),
    )
    return agreement


def _assert_no_working_copy(client, agreement):
    today = timezone.localdate().isoformat()
    paths = (
        *LISTS,
        "/api/v1/agreements?q=Xylophage",
        "/api/v1/agreements?organization=" + "wombat",
        f"/api/v1/agreements/{agreement.reference}",
        f"/api/v1/agreements/{agreement.reference}/versions/1",
        f"/api/v1/agreements/{agreement.reference}/as-of/{today}",
    )
    for path in paths:
        _response, body = _body(client, path)
        for secret in (*WORKING_COPY_SECRETS, "Wombat Unsigned Agency"):
            if path == "/api/v1/organizations" and secret == "Wombat Unsigned Agency":
                continue  # organisations are public reference data, listed like on the site
            assert secret not in body, f"{path} leaked the working copy's “{secret}”"


def test_working_copy_never_served_when_amendment_open(client, under_amendment):
    _assert_no_working_copy(client, under_amendment)
    detail = client.get(f"/api/v1/agreements/{under_amendment.reference}").json()
    assert detail["title"] == {"en": "Original signed title", "fr": "Titre signé original"}
    assert len(detail["parties"]) == 2
    assert len(detail["responsibilities"]) == 2
    assert "Xylophage" not in client.get("/api/v1/agreements?q=Xylophage").content.decode()


def test_signed_amendment_not_served_before_it_takes_effect(client, publish, registrar):
    agreement = publish(title_en="Current signed title")
    later = timezone.localdate() + datetime.timedelta(days=20)

    def change(working_copy):
        working_copy.refresh_from_db()
        working_copy.title_en = "Xylophage working title"
        working_copy.save()

    amendment_signed(agreement, by=registrar, effective_date=later, change=change)
    detail = client.get(f"/api/v1/agreements/{agreement.reference}").json()
    assert detail["title"]["en"] == "Current signed title"
    assert [v["number"] for v in detail["versions"]] == [1]
    assert client.get(f"/api/v1/agreements/{agreement.reference}/versions/2").json() == {
        "message": "This agreement has no published version with this number."
    }
    listing = client.get("/api/v1/agreements").content.decode()
    assert "Xylophage" not in listing and "Current signed title" in listing


@pytest.mark.parametrize("kind", ["draft", "restricted", "pending"])
def test_posts_named_only_by_an_unpublished_agreement_are_404_when_asked_by_id(client, world, kind):
    _visible, hidden = world
    agreement = hidden[kind]
    positions = [party.signatory_position for party in agreement.parties.all()]
    positions += [item.accountability_owner for item in agreement.responsibilities.all()]
    assert len(positions) == 4
    listing = client.get("/api/v1/posts").content.decode()
    for position in positions:
        response = client.get(f"/api/v1/posts/{position.pk}")
        assert response.status_code == 404
        assert response.json() == {"message": "No public post has this identifier."}
        assert f'"{position.title_en}"' not in listing


def test_governing_body_seats_added_after_publication_absent_when_listing_posts(client, publish):
    body = GovernanceBodyFactory(name_en="Saffron Committee")
    signed_member = PositionFactory(title_en="Saffron Signed Member")
    body.members.add(signed_member)
    publish(title_en="Saffron accord", governing_body=body)
    later_member = PositionFactory(title_en="Saffron Later Member")
    later_chair = PositionFactory(title_en="Saffron Later Chair")
    body.members.add(later_member)
    body.chair = later_chair
    body.save()

    listing = client.get("/api/v1/posts").content.decode()
    assert "Saffron Signed Member" in listing
    assert "Saffron Later" not in listing
    assert client.get(f"/api/v1/posts/{signed_member.pk}").status_code == 200
    for position in (later_member, later_chair):
        response = client.get(f"/api/v1/posts/{position.pk}")
        assert response.status_code == 404
        assert response.json() == {"message": "No public post has this identifier."}
        assert client.get("/api/v1/memberships", {"post": position.pk}).json()["count"] == 0
