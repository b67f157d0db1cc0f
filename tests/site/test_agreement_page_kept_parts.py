"""What the agreement page and every public page no longer rebuild on each request: the fixed
parts of the page (cms.page_chrome) and the rows of a version kept by what they are made of
(cms.agreement_rows). Kept parts never show stale data: a new holder, an accepted report or a
later signature changes what is shown at once, and the other language gets its own words."""

import datetime

import pytest
from django.templatetags.static import static
from django.utils import timezone

from agreements.models import Report
from jurisdictions.models import Appointment
from tests.factories import AppointmentFactory, PersonFactory, ReportFactory

pytestmark = pytest.mark.django_db


def _responsibilities(body: str) -> str:
    return body.split('id="responsibilities-heading"')[1].split("</section>")[0]


def test_each_page_links_its_static_files_feed_and_verification_in_its_language(client, publish):
    agreement = publish()
    for language, feed, words in (
        ("en", "/en/feed/", "Verify an agreement PDF"),
        ("fr", "/fr/feed/", "Vérifier le PDF d’une entente"),
    ):
        body = client.get(f"/{language}/agreements/{agreement.reference}/").content.decode()
        assert f'<link rel="stylesheet" href="{static("css/site.css")}">' in body
        assert f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">' in body
        assert 'type="application/atom+xml"' in body and f'href="{feed}"' in body
        assert f'<a href="/{language}/verify/">' in body
        assert words in body


def test_language_links_keep_the_path_and_query_under_the_other_prefix(client, publish):
    agreement = publish()
    body = client.get(f"/fr/agreements/{agreement.reference}/?on=2022-01-01&x=%C3%A9").content
    expected = (
        f'hreflang="en" href="/en/agreements/{agreement.reference}/?on=2022-01-01&amp;x=%C3%A9"'
    )
    assert expected in body.decode()


def test_holder_change_shown_at_once_when_rows_are_kept(client, publish):
    agreement = publish()
    url = f"/en/agreements/{agreement.reference}/"
    before = _responsibilities(client.get(url).content.decode())
    position = agreement.responsibilities.order_by("sort_order", "pk").first().accountability_owner
    Appointment.objects.filter(position=position).update(end_date=datetime.date(2020, 12, 31))
    newcomer = PersonFactory(given_name="Zéphirine", family_name="Newholder")
    AppointmentFactory(position=position, person=newcomer, start_date=datetime.date(2021, 1, 1))
    after = _responsibilities(client.get(url).content.decode())
    assert "Zéphirine Newholder" not in before
    assert "Zéphirine Newholder" in after


def test_accepted_report_shown_at_once_when_rows_are_kept(client, publish, registrar):
    agreement = publish()
    url = f"/en/agreements/{agreement.reference}/"
    responsibility = agreement.responsibilities.order_by("sort_order", "pk").first()
    before = _responsibilities(client.get(url).content.decode())
    ReportFactory(
        responsibility=responsibility,
        due_date=timezone.localdate() - datetime.timedelta(days=1),
        decision=Report.Decision.ACCEPTED,
        status="met",
    )
    after = _responsibilities(client.get(url).content.decode())
    assert 'data-report-status="met"' not in before
    assert 'data-report-status="met"' in after


def test_kept_rows_follow_the_language_of_the_page(client, publish):
    agreement = publish()
    english = _responsibilities(
        client.get(f"/en/agreements/{agreement.reference}/").content.decode()
    )
    french = _responsibilities(
        client.get(f"/fr/agreements/{agreement.reference}/").content.decode()
    )
    assert 'data-label="Held by"' in english and 'data-label="Held by"' not in french
    assert 'data-label="Titulaire"' in french


def test_rows_of_a_version_built_once_per_language_and_values(client, publish):
    from cms import agreement_rows, selectors
    from cms.page_chrome import page_chrome

    agreement = publish()
    view = selectors.agreement_view(agreement.reference)
    block = next(block for block in view.party_blocks if block.responsibilities)
    first = agreement_rows.responsibility_rows(view, block.responsibilities)
    kept = dict(agreement_rows._BUILT)
    again = agreement_rows.responsibility_rows(view, block.responsibilities)
    assert again == first and dict(agreement_rows._BUILT) == kept
    assert all(kept[key] is value for key, value in agreement_rows._BUILT.items())
    assert page_chrome() is page_chrome()


def test_kept_dates_section_shows_the_end_once_the_agreement_ended(client, publish):
    from agreements.models import Agreement

    agreement = publish()
    url = f"/en/agreements/{agreement.reference}/"
    before = client.get(url).content.decode()
    Agreement.objects.filter(pk=agreement.pk).update(ended_on=datetime.date(2024, 6, 30))
    after = client.get(url).content.decode()
    assert "<dt>Ended</dt>" not in before
    assert "<dt>Ended</dt><dd>30 June 2024</dd>" in after
