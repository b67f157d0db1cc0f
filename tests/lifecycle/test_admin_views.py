"""The staff admin's lifecycle pages: render, move, compare, amend; 404 for those who may not see.

404s are followed: LocaleMiddleware may redirect an unprefixed 404 to its /en/ twin, which is a
404 too; either way the user learns nothing about the agreement.
"""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from agreements import lifecycle
from agreements.models import Agreement, AgreementTransition, Amendment
from agreements.services.parties import agreement_grants_sync
from tests.factories import UserFactory, agreement_into_force, agreement_ready

pytestmark = pytest.mark.django_db

State = Agreement.State


def _url(name, agreement, *args):
    return reverse(f"agreement_lifecycle:{name}", args=(agreement.pk, *args))


@pytest.fixture
def staff_without_access(db):
    """Can open the Wagtail admin, but holds no permission on any agreement."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_overview_shows_state_moves_and_log(registrar_client, registrar):
    agreement = agreement_ready(state=State.NEGOTIATION)
    response = registrar_client.get(_url("overview", agreement))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-lifecycle-state="negotiation"' in html
    assert 'data-transition="review"' in html
    assert "Not signed yet" in html


def test_overview_shows_why_a_move_is_blocked(registrar_client):
    agreement = agreement_ready(parties=1, state=State.NEGOTIATION)
    response = registrar_client.get(_url("overview", agreement))
    html = response.content.decode()
    assert str(lifecycle.NEEDS_TWO_PARTIES) in html
    assert "disabled" in html


def test_post_moves_agreement_and_logs_comment(registrar_client, registrar):
    agreement = agreement_ready(state=State.NEGOTIATION)
    response = registrar_client.post(
        _url("transition", agreement, State.REVIEW),
        {"negotiation-review-comment": "Ready for the deputy minister."},
    )
    assert response.status_code == 302
    assert response["Location"] == _url("overview", agreement)
    assert Agreement.objects.get(pk=agreement.pk).state == State.REVIEW
    entry = AgreementTransition.objects.get(agreement=agreement)
    assert (entry.actor, entry.comment) == (registrar, "Ready for the deputy minister.")


def test_post_shows_guard_message_and_changes_nothing(registrar_client):
    agreement = agreement_ready(parties=1, state=State.NEGOTIATION)
    response = registrar_client.post(_url("transition", agreement, State.REVIEW), follow=True)
    assert str(lifecycle.NEEDS_TWO_PARTIES) in response.content.decode()
    assert Agreement.objects.get(pk=agreement.pk).state == State.NEGOTIATION


def test_post_terminates_with_date_and_reason(registrar_client, registrar):
    agreement = agreement_into_force(by=registrar)
    registrar_client.post(
        _url("transition", agreement, State.TERMINATED),
        {
            "in_force-terminated-comment": "Program cancelled",
            "in_force-terminated-end_date": "2024-01-31",
        },
    )
    agreement.refresh_from_db()
    assert (agreement.state, agreement.ended_on, agreement.end_reason) == (
        State.TERMINATED,
        datetime.date(2024, 1, 31),
        "Program cancelled",
    )


def test_post_refused_without_csrf_token(registrar):
    agreement = agreement_ready(state=State.DRAFT)
    client = Client(enforce_csrf_checks=True)
    client.force_login(registrar)
    response = client.post(_url("transition", agreement, State.NEGOTIATION))
    assert response.status_code == 403
    assert Agreement.objects.get(pk=agreement.pk).state == State.DRAFT


def test_transition_url_refuses_get(registrar_client):
    agreement = agreement_ready(state=State.DRAFT)
    assert registrar_client.get(_url("transition", agreement, State.NEGOTIATION)).status_code == 405


def test_versions_listed_with_change_summaries(registrar_client, amendment_chain):
    response = registrar_client.get(_url("overview", amendment_chain))
    html = response.content.decode()
    for number in (1, 2, 3):
        assert f'data-version="{number}"' in html
    assert "Responsibility 10.1 added." in html
    assert "Expires: 2031-03-31 → 2033-03-31" in html


def test_version_page_shows_hash_and_content(registrar_client, amendment_chain):
    version = amendment_chain.versions.get(number=2)
    response = registrar_client.get(_url("version", amendment_chain, 2))
    html = response.content.decode()
    assert response.status_code == 200
    assert version.snapshot_sha256 in html
    assert "matches the stored content" in html


def test_compare_marks_changed_rows_side_by_side(registrar_client, amendment_chain):
    response = registrar_client.get(_url("compare", amendment_chain), {"before": 1, "after": 3})
    assert response.status_code == 200
    sections = response.context["sections"]
    changed = {row.label for rows in sections.values() for row in rows if row.changed}
    assert "Expires" in changed
    assert "9.1" in changed and "10.1" in changed
    assert 'data-changed="true"' in response.content.decode()


def test_compare_404_when_version_unknown(registrar_client, amendment_chain):
    response = registrar_client.get(
        _url("compare", amendment_chain), {"before": 1, "after": 9}, follow=True
    )
    assert response.status_code == 404


def test_amendment_opened_and_signed_through_admin(registrar_client, registrar):
    agreement = agreement_into_force(by=registrar)
    registrar_client.post(
        _url("amendment_open", agreement), {"amendment-title_en": "Adds weekend hours"}
    )
    amendment = Amendment.objects.get(agreement=agreement)
    assert amendment.title_en == "Adds weekend hours"
    registrar_client.post(_url("amendment_transition", agreement, 1, "negotiation"))
    item = agreement.responsibilities.first()
    item.text_en = "Open on Saturdays."
    item.save()
    for source, target in (("negotiation", "review"), ("review", "approved")):
        registrar_client.post(_url("amendment_transition", agreement, 1, target))
        assert Amendment.objects.get(pk=amendment.pk).state == target, source
    registrar_client.post(
        _url("amendment_transition", agreement, 1, "signed"),
        {
            "approved-signed-signed_date": "2024-05-01",
            "approved-signed-effective_date": "2024-06-01",
        },
    )
    assert Amendment.objects.get(pk=amendment.pk).state == Amendment.State.SIGNED
    assert agreement.versions.get(number=2).effective_date == datetime.date(2024, 6, 1)


def test_overview_queries_do_not_grow_with_versions_or_log(
    registrar_client, registrar, amendment_chain, django_assert_max_num_queries
):
    small = agreement_into_force(by=registrar)
    with django_assert_max_num_queries(40) as small_queries:
        registrar_client.get(_url("overview", small))
    with django_assert_max_num_queries(len(small_queries.captured_queries)):
        registrar_client.get(_url("overview", amendment_chain))


@pytest.mark.parametrize("name", ["overview", "version", "compare"])
def test_pages_404_when_user_may_not_see_agreement(client, staff_without_access, registrar, name):
    agreement = agreement_into_force(by=registrar)
    client.force_login(staff_without_access)
    args = (1,) if name == "version" else ()
    response = client.get(_url(name, agreement, *args), {"before": 1, "after": 1}, follow=True)
    assert response.status_code == 404
    assert agreement.reference not in response.content.decode()


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("transition", (State.TERMINATED,)),
        ("amendment_open", ()),
        ("amendment_transition", (1, "withdrawn")),
    ],
)
def test_actions_404_when_user_may_not_see_agreement(
    client, staff_without_access, registrar, name, args
):
    agreement = agreement_into_force(by=registrar)
    Amendment.objects.create(agreement=agreement, number=1, title_en="x", opened_by=registrar)
    client.force_login(staff_without_access)
    response = client.post(
        _url(name, agreement, *args),
        {
            "in_force-terminated-comment": "x",
            "in_force-terminated-end_date": "2024-01-31",
            "amendment-title_en": "x",
        },
        follow=True,
    )
    assert response.status_code == 404
    agreement.refresh_from_db()
    assert agreement.state == State.IN_FORCE
    assert Amendment.objects.get(agreement=agreement).state == Amendment.State.DRAFT


def test_pages_redirect_to_login_when_anonymous(client, registrar):
    agreement = agreement_into_force(by=registrar)
    response = client.get(_url("overview", agreement))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_party_liaison_sees_page_and_other_liaison_gets_404(client, liaison_officer_of, registrar):
    agreement = agreement_ready(state=State.NEGOTIATION)
    agreement_grants_sync(agreement=agreement)
    party_organization = agreement.parties.first().organization
    insider = liaison_officer_of(party_organization, is_staff=True)
    outsider = liaison_officer_of(agreement_ready().parties.first().organization, is_staff=True)
    for user in (insider, outsider):
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(insider)
    assert client.get(_url("overview", agreement)).status_code == 200
    client.force_login(outsider)
    assert client.get(_url("overview", agreement), follow=True).status_code == 404
