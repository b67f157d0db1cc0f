"""The staff lifecycle page answers "as in force on D" too (`?on=YYYY-MM-DD`), over every signed
version the user may see (published or not), for those who may see the agreement only."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from agreements.services.lifecycle import agreement_terminate
from agreements.services.parties import agreement_grants_sync
from tests.factories import (
    AppointmentFactory,
    PersonFactory,
    UserFactory,
    agreement_into_force,
    amendment_signed,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def _url(agreement) -> str:
    return reverse("agreement_lifecycle:overview", args=(agreement.pk,))


def _as_of(html: str) -> str:
    return html.split('id="lifecycle-as-of"')[1].split("</section>")[0]


def _held_by(section: str) -> list[str]:
    rows = re.findall(r"<tbody>(.*?)</tbody>", section, flags=re.S)[0]
    cells = [
        re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)[-1] for row in rows.split("</tr>")[:-1]
    ]
    return [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells]


@pytest.fixture
def agreement(registrar):
    """In force from 2021-04-01 with one responsibility, whose position Anne Arsenault holds
    until 2022-06-30 and Bruno Cormier from 2022-09-01."""
    agreement = agreement_into_force(by=registrar, responsibilities=1)
    position = agreement.responsibilities.get().accountability_owner
    position.appointments.all().delete()
    for given, family, start, end in [
        ("Anne", "Arsenault", D(2015, 1, 1), D(2022, 6, 30)),
        ("Bruno", "Cormier", D(2022, 9, 1), None),
    ]:
        AppointmentFactory(
            position=position,
            person=PersonFactory(given_name=given, family_name=family),
            start_date=start,
            end_date=end,
        )
    return agreement


def test_version_and_that_days_holders_shown_when_day_asked(registrar_client, agreement):
    html = registrar_client.get(_url(agreement), {"on": "2022-01-15"}).content.decode()
    section = _as_of(html)
    assert 'data-as-of="in_force"' in section
    assert (
        "On 15 January 2022, version 1 of this agreement was in force (in effect from "
        "1 April 2021)." in section
    )
    version_url = reverse("agreement_lifecycle:version", args=(agreement.pk, 1))
    assert f'href="{version_url}"' in section
    assert _held_by(section) == ["Anne Arsenault"]
    assert _held_by(
        _as_of(registrar_client.get(_url(agreement), {"on": "2022-07-15"}).content.decode())
    ) == ["Vacant"]
    assert _held_by(
        _as_of(registrar_client.get(_url(agreement), {"on": "2023-01-01"}).content.decode())
    ) == ["Bruno Cormier"]


def test_not_yet_in_force_said_when_day_before_first_version(registrar_client, agreement):
    section = _as_of(registrar_client.get(_url(agreement), {"on": "2021-03-31"}).content.decode())
    assert 'data-as-of="not_yet"' in section
    assert "This agreement was not yet in force on 31 March 2021." in section
    assert "It took effect on 1 April 2021: read version 1." in section


def test_terminated_said_when_day_after_the_end(registrar_client, registrar, agreement):
    agreement_terminate(agreement=agreement, by=registrar, end_date=D(2024, 1, 31), reason="Done")
    section = _as_of(registrar_client.get(_url(agreement), {"on": "2024-02-01"}).content.decode())
    assert (
        "This agreement was no longer in force on 1 February 2024: it was terminated, and last "
        "applied on 31 January 2024." in section
    )


def test_clear_message_when_date_invalid(registrar_client, agreement):
    response = registrar_client.get(_url(agreement), {"on": "2022-13-01"})
    assert response.status_code == 200
    section = _as_of(response.content.decode())
    assert (
        "“2022-13-01” is not a date. Enter a date as YYYY-MM-DD, for example 2021-06-01." in section
    )
    assert 'aria-invalid="true"' in section
    assert "data-as-of" not in section


def test_nothing_answered_when_no_day_asked(registrar_client, agreement):
    section = _as_of(registrar_client.get(_url(agreement)).content.decode())
    assert 'name="on"' in section
    assert "data-as-of" not in section


def test_version_not_yet_public_counted_when_staff_ask(registrar_client, registrar, agreement):
    ahead = timezone.localdate() + datetime.timedelta(days=40)

    def reword(agreement):
        item = agreement.responsibilities.get()
        item.text_en = "Answer every letter within a week."
        item.save()

    amendment_signed(agreement, by=registrar, effective_date=ahead, change=reword)
    later = (ahead + datetime.timedelta(days=1)).isoformat()
    section = _as_of(registrar_client.get(_url(agreement), {"on": later}).content.decode())
    assert "version 2 of this agreement was in force" in section
    assert "Answer every letter within a week." in section


def test_french_labels_and_dates_when_admin_is_french(registrar_client, registrar, agreement):
    profile = UserProfile.get_for_user(registrar)
    profile.preferred_language = "fr"
    profile.save()
    response = registrar_client.get(_url(agreement), {"on": "2022-01-15"})
    section = _as_of(response.content.decode())
    assert "En vigueur à une date donnée" in section
    assert "Le 15 janvier 2022, la version 1 de cette entente était en vigueur" in section
    assert "Titulaire" in section


@pytest.fixture
def staff_without_access(db):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_login_asked_when_anonymous(client, agreement):
    response = client.get(_url(agreement), {"on": "2022-01-15"})
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_not_found_when_user_may_not_see_agreement(client, staff_without_access, agreement):
    client.force_login(staff_without_access)
    response = client.get(_url(agreement), {"on": "2022-01-15"}, follow=True)
    assert response.status_code == 404
    assert "Anne Arsenault" not in response.content.decode()


def test_party_liaison_sees_answer_and_other_liaison_gets_404(
    client, liaison_officer_of, registrar, agreement
):
    agreement_grants_sync(agreement=agreement)
    insider = liaison_officer_of(agreement.parties.first().organization, is_staff=True)
    other = agreement_into_force(by=registrar)
    outsider = liaison_officer_of(other.parties.first().organization, is_staff=True)
    for user in (insider, outsider):
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(insider)
    section = _as_of(client.get(_url(agreement), {"on": "2022-01-15"}).content.decode())
    assert _held_by(section) == ["Anne Arsenault"]
    client.force_login(outsider)
    response = client.get(_url(agreement), {"on": "2022-01-15"}, follow=True)
    assert response.status_code == 404
    assert "Anne Arsenault" not in response.content.decode()


@pytest.mark.parametrize("responsibilities", [1, 8])
def test_query_count_fixed_when_responsibilities_grow(
    registrar_client, registrar, django_assert_num_queries, responsibilities
):
    agreement = agreement_into_force(by=registrar, responsibilities=responsibilities)
    registrar_client.get(_url(agreement))  # warm the admin's caches
    with django_assert_num_queries(QUERIES_AS_OF):
        registrar_client.get(_url(agreement), {"on": "2022-01-15"})


# The overview with its answer, at any number of responsibilities: the version in force that day
# and the appointments of that day are one query each.
QUERIES_AS_OF = 21
