"""The public agreement page answers "as in force on D" (`?on=YYYY-MM-DD`): the published
version in force that day with who held each accountable position that day; before the first
version or after the end it says so; an invalid or future date gets a clear message."""

import datetime
import re

import pytest
from django.utils import timezone

from agreements.services.lifecycle import agreement_expire, agreement_terminate
from tests.factories import (
    AppointmentFactory,
    PersonFactory,
    agreement_into_force,
    amendment_signed,
)

pytestmark = pytest.mark.django_db

D = datetime.date
AMENDED_ON = D(2023, 4, 1)
REWORDED = "Issue photo identity cards within five business days."


def _reword_first_obligation(agreement):
    item = agreement.responsibilities.order_by("sort_order", "pk").first()
    item.text_en = REWORDED
    item.text_fr = "Délivrer les cartes d’identité avec photo en cinq jours ouvrables."
    item.save()


@pytest.fixture
def amended(registrar, django_capture_on_commit_callbacks):
    """Version 1 in force from 2021-04-01, version 2 from 2023-04-01. The first obligation's
    position is held by Anne Arsenault until 2022-06-30, vacant until 2022-09-01, then held by
    Bruno Cormier; the second's by Chloé Doiron until 2023-12-31, vacant since."""
    with django_capture_on_commit_callbacks(execute=True):
        agreement = agreement_into_force(
            by=registrar, responsibilities=2, title_en="Identity card services agreement"
        )
    with django_capture_on_commit_callbacks(execute=True):
        amendment_signed(
            agreement, by=registrar, effective_date=AMENDED_ON, change=_reword_first_obligation
        )
    # The people change after the signatures (a signature needs every position filled today).
    first, second = agreement.responsibilities.order_by("sort_order", "pk")
    _hand_over(
        first.accountability_owner,
        [
            ("Anne", "Arsenault", D(2015, 1, 1), D(2022, 6, 30)),
            ("Bruno", "Cormier", D(2022, 9, 1), None),
        ],
    )
    _hand_over(second.accountability_owner, [("Chloé", "Doiron", D(2015, 1, 1), D(2023, 12, 31))])
    return agreement


def _hand_over(position, holders):
    """Replace the factory holder of `position` by `holders` (given, family, start, end)."""
    position.appointments.all().delete()
    for given, family, start, end in holders:
        AppointmentFactory(
            position=position,
            person=PersonFactory(given_name=given, family_name=family),
            start_date=start,
            end_date=end,
        )


def _get(client, agreement, on, language="en"):
    return client.get(f"/{language}/agreements/{agreement.reference}/", {"on": on})


def _section(html: str, heading_id: str) -> str:
    return html.split(f'id="{heading_id}"')[1].split("</section>")[0]


def _held_by(html: str) -> list[str]:
    """The "Held by" cell of each responsibility row, in order, as text."""
    cells = []
    section = _section(html, "responsibilities-heading")
    for body in re.findall(r"<tbody>(.*?)</tbody>", section, flags=re.S):
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S):
            cell = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)[-1]
            text = re.sub(r"<[^>]+>", " ", cell)
            cells.append(" ".join(text.split()))
    return cells


def test_not_yet_in_force_said_with_link_to_first_version_when_day_before_it(client, amended):
    response = _get(client, amended, "2020-01-15")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-as-of="not_yet"' in html
    assert "This agreement was not yet in force on 15 January 2020." in html
    assert f'href="/en/agreements/{amended.reference}/versions/1/"' in html
    assert "It took effect on 1 April 2021: read version 1." in html
    assert response.context["view"].version.number == 2  # the page below is the current one
    assert "Shown below: the current version (2)." in html


def test_earlier_version_with_that_days_holders_shown_when_day_between_versions(client, amended):
    response = _get(client, amended, "2022-01-15")
    html = response.content.decode()
    view = response.context["view"]
    assert view.version.number == 1
    assert 'data-as-of="in_force"' in html
    assert (
        "On 15 January 2022, version 1 of this agreement was in force (in effect from "
        "1 April 2021)." in html
    )
    responsibilities = _section(html, "responsibilities-heading")
    assert REWORDED not in responsibilities
    assert "who held that office on 15 January 2022" in responsibilities
    assert _held_by(html) == ["Anne Arsenault", "Chloé Doiron"]
    # The version shown is not the current one: no "In force" badge of the agreement.
    header = html.split('class="agreement__status"')[1].split("</p>")[0]
    assert "Superseded by version 2" in header
    assert "state--in_force" not in header


def test_vacant_that_day_shown_when_position_filled_today(client, amended):
    html = _get(client, amended, "2022-07-15").content.decode()
    assert _held_by(html) == ["Vacant", "Chloé Doiron"]
    today = client.get(f"/en/agreements/{amended.reference}/").content.decode()
    assert _held_by(today) == ["Bruno Cormier", "Vacant"]


def test_holder_of_that_day_shown_when_position_vacant_today(client, amended):
    html = _get(client, amended, "2023-06-01").content.decode()
    assert response_version(client, amended, "2023-06-01") == 2
    assert REWORDED in _section(html, "responsibilities-heading")
    assert _held_by(html) == ["Bruno Cormier", "Chloé Doiron"]


def response_version(client, agreement, on) -> int:
    return _get(client, agreement, on).context["view"].version.number


@pytest.mark.parametrize(
    ("day", "number"),
    [("2021-03-31", None), ("2021-04-01", 1), ("2023-03-31", 1), ("2023-04-01", 2)],
)
def test_version_changes_on_its_effective_date_when_days_around_it_asked(
    client, amended, day, number
):
    view = _get(client, amended, day).context["view"]
    assert view.standing.status == ("not_yet" if number is None else "in_force")
    assert (view.standing.version.number if view.standing.version else None) == number


def test_terminated_said_when_day_after_the_end(client, registrar):
    agreement = agreement_into_force(by=registrar)
    agreement_terminate(agreement=agreement, by=registrar, end_date=D(2022, 6, 30), reason="Done")
    html = _get(client, agreement, "2022-07-01").content.decode()
    assert 'data-as-of="ended"' in html
    assert (
        "This agreement was no longer in force on 1 July 2022: it was terminated, and last "
        "applied on 30 June 2022." in html
    )
    assert 'data-as-of="in_force"' in _get(client, agreement, "2022-06-30").content.decode()


def test_expired_said_when_day_after_expiry(client, registrar):
    agreement = agreement_into_force(by=registrar, expiry_date=D(2022, 3, 31))
    agreement_expire(agreement=agreement, by=registrar, today=D(2022, 4, 2))
    html = _get(client, agreement, "2022-05-01").content.decode()
    assert (
        "This agreement was no longer in force on 1 May 2022: it expired, and last applied on "
        "31 March 2022." in html
    )


@pytest.mark.parametrize("value", ["2021-02-30", "June 1st", "2021-6-1", "<script>"])
def test_clear_message_without_error_when_date_invalid(client, amended, value):
    response = _get(client, amended, value)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "is not a date. Enter a date as YYYY-MM-DD, for example 2021-06-01." in html
    assert 'aria-invalid="true"' in html
    assert "<script>" not in html.split('id="as-of-error"')[1].split("</p>")[0]
    assert response.context["view"].standing is None
    assert response.context["view"].version.number == 2


def test_future_date_refused_when_after_today(client, amended):
    response = _get(client, amended, "2999-01-01")
    html = response.content.decode()
    assert "1 January 2999 is after today." in html
    assert response.context["view"].standing is None


def test_unpublished_later_version_never_shown_when_day_asked(
    client, registrar, django_capture_on_commit_callbacks
):
    agreement = agreement_into_force(by=registrar)
    next_month = timezone.localdate() + datetime.timedelta(days=40)
    amendment_signed(
        agreement, by=registrar, effective_date=next_month, change=_reword_first_obligation
    )
    response = _get(client, agreement, timezone.localdate().isoformat())
    html = response.content.decode()
    assert response.context["view"].version.number == 1
    assert REWORDED not in html
    assert "version 2" not in html.lower()


def test_not_found_when_agreement_restricted_and_day_asked(client, registrar):
    agreement = agreement_into_force(by=registrar, visibility="restricted")
    assert _get(client, agreement, "2022-01-01").status_code == 404


def test_french_labels_and_dates_when_page_is_french(client, amended):
    html = _get(client, amended, "2020-01-01", language="fr").content.decode()
    assert "En vigueur à une date donnée" in html
    assert "Cette entente n’était pas encore en vigueur le 1er janvier 2020." in html
    assert "Elle a pris effet le 1er avril 2021 : lire la version 1." in html
    html = _get(client, amended, "2022-01-15", language="fr").content.decode()
    assert "Le 15 janvier 2022, la version 1 de cette entente était en vigueur" in html
    assert "Remplacée par la version 2" in html


def _responsibilities(agreement, count):
    from tests.factories import ResponsibilityFactory, staffed_position

    party = agreement.parties.order_by("sort_order").first()
    for index in range(count):
        ResponsibilityFactory(
            agreement=agreement,
            responsible_party=party,
            accountability_owner=staffed_position(organization=party.organization),
            sort_order=10 + index,
        )


@pytest.mark.parametrize("extra", [0, 12])
def test_query_count_fixed_when_responsibilities_grow(
    client, registrar, django_assert_num_queries, django_capture_on_commit_callbacks, extra
):
    from tests.factories import agreement_ready

    agreement = agreement_ready(responsibilities=2)
    _responsibilities(agreement, extra)
    with django_capture_on_commit_callbacks(execute=True):
        agreement_into_force(agreement, by=registrar)
    client.get(f"/en/agreements/{agreement.reference}/")  # warm the site's caches
    with django_assert_num_queries(QUERIES_AS_OF):
        response = _get(client, agreement, "2022-01-15")
    assert response.context["view"].standing.in_force


# The agreement page's own count (tests/site/test_query_counts.py; routing and navigation come
# from the cache, warmed first): the version in force that day and the appointments of that day
# take the place of the appointments of today (and of no more). Each obligation's last accepted
# report up to that day (issue 12) and the relations pointing here are read only when the version
# query says there are some (cms.selectors.PUBLISHED_VERSIONS_AND_FLAGS): none here.
QUERIES_AS_OF = 5
