"""Admin screens for reports against obligations: the agreement's obligations with their counts,
one obligation's due dates with their reports, submitting (typed input kept on error), accepting
and returning, for each role; and their query counts, independent of the data size."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.models import Report
from agreements.services.reports import report_accept, report_return, report_submit
from registry.private_storage import PrivateFileSystemStorage
from tests.factories import ResponsibilityFactory
from tests.reporting import TODAY, D, javascript_pdf, report_world, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen_today(monkeypatch):
    original = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else original(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY


@pytest.fixture
def world(registrar, frozen_today, monkeypatch, tmp_path):
    storage = PrivateFileSystemStorage(location=tmp_path)
    monkeypatch.setattr(Report._meta.get_field("attachment"), "storage", storage)
    return report_world(by=registrar)


def _agreement_url(world):
    return reverse("agreement_reports:agreement", args=(world["agreement"].pk,))


def _obligation_url(item):
    return reverse("agreement_reports:responsibility", args=(item.pk,))


def _submit_url(item, day):
    return reverse("agreement_reports:submit", args=(item.pk, day.isoformat()))


def _report_url(report):
    return reverse("agreement_reports:report", args=(report.pk,))


def _rows(html: str) -> list[tuple[str, str]]:
    return re.findall(r'data-due-date="([\d-]+)" data-state="(\w+)"', html)


def _counts(html: str, responsibility) -> dict[str, str]:
    row = html.split(f'data-responsibility="{responsibility.pk}"', 1)[1].split("</tr>", 1)[0]
    return dict(re.findall(r'data-count="(\w+)">(\d+)<', row))


def _submit(world, day=None, by="branch_liaison", **kwargs):
    return report_submit(
        responsibility=world["quarterly"],
        by=world[by],
        due_date=day or D(2021, 9, 30),
        status=Report.Status.MET,
        evidence=kwargs.pop("evidence", "92% within standard."),
        **kwargs,
    )


# --- the agreement's obligations ---------------------------------------------------------------


def test_agreement_page_lists_obligations_with_counts(client, world):
    _submit(world)
    report_return(
        report=_submit(world, day=D(2021, 6, 30)), by=world["ministry_minister"], comment="No."
    )
    client.force_login(world["branch_liaison"])
    html = client.get(_agreement_url(world)).content.decode()
    assert "Report quarterly on counter wait times." in html
    assert "Publish the yearly counter statistics." in html
    assert _counts(html, world["quarterly"]) == {
        "overdue": "3",
        "awaiting_review": "1",
        "returned": "1",
    }
    assert _counts(html, world["branch_owned"]) == {
        "overdue": "1",
        "awaiting_review": "0",
        "returned": "0",
    }
    assert f'href="{_obligation_url(world["quarterly"])}"' in html
    assert "31 March 2022" in html  # next due date of the quarterly obligation


def test_edit_page_links_to_reports(client, world):
    client.force_login(world["branch_liaison"])
    html = client.get(reverse("agreements:inspect", args=(world["agreement"].pk,))).content.decode()
    assert f'href="{_agreement_url(world)}"' in html


def test_responsibility_page_links_to_its_reports(client, world):
    client.force_login(world["branch_liaison"])
    url = reverse("responsibilities:inspect", args=(world["quarterly"].pk,))
    html = client.get(url).content.decode()
    assert f'href="{_obligation_url(world["quarterly"])}"' in html


def test_obligation_added_under_open_amendment_marked_unsigned(client, world, registrar):
    from agreements.services.amendments import amendment_open, amendment_start_negotiation

    amendment = amendment_open(agreement=world["agreement"], by=registrar, title_en="More")
    amendment_start_negotiation(amendment=amendment, by=registrar)
    added = ResponsibilityFactory(
        agreement=world["agreement"],
        responsible_party=world["quarterly"].responsible_party,
        text_en="A new obligation.",
    )
    client.force_login(world["branch_liaison"])
    html = client.get(_agreement_url(world)).content.decode()
    row = html.split(f'data-responsibility="{added.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "Not in a signed version yet" in row
    html = client.get(_obligation_url(added)).content.decode()
    assert "not part of a signed version" in html
    assert "/submit/" not in html


# --- one obligation's due dates ----------------------------------------------------------------


def test_obligation_page_lists_due_dates_with_report_states(client, world):
    _submit(world)
    client.force_login(world["branch_liaison"])
    html = client.get(_obligation_url(world["quarterly"])).content.decode()
    assert _rows(html) == [
        ("2022-03-31", "not_due"),
        ("2021-12-31", "overdue"),
        ("2021-09-30", "pending"),
        ("2021-06-30", "overdue"),
    ]
    # The liaison officer may submit the missing ones (and the next), not the pending one.
    assert _submit_url(world["quarterly"], D(2021, 12, 31)) in html
    assert _submit_url(world["quarterly"], D(2022, 3, 31)) in html
    assert _submit_url(world["quarterly"], D(2021, 9, 30)) not in html
    assert _report_url(Report.objects.get()) in html


def test_obligation_page_keeps_older_overdue_dates_beyond_two_years(client, world, monkeypatch):
    later = D(2024, 1, 15)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda value=None, timezone=None: later)
    report_accept(report=_submit(world), by=world["ministry_minister"])
    client.force_login(world["branch_liaison"])
    days = [
        day
        for day, _state in _rows(client.get(_obligation_url(world["quarterly"])).content.decode())
    ]
    # Two years back from 2024-01-15 is 2022-01-15: 2021-06-30 and 2021-12-31 are older but
    # still overdue; 2021-09-30 is older and accepted, so it is left out.
    assert days[0] == "2024-03-31"
    assert days[-3:] == ["2022-03-31", "2021-12-31", "2021-06-30"]
    assert "2021-09-30" not in days


def test_reviewer_sees_review_action_not_submit(client, world):
    report = _submit(world)
    client.force_login(world["ministry_minister"])
    html = client.get(_obligation_url(world["quarterly"])).content.decode()
    assert "/submit/" not in html
    row = html.split('data-due-date="2021-09-30"', 1)[1].split("</tr>", 1)[0]
    assert f'href="{_report_url(report)}"' in row
    assert ">Review<" in row


def test_party_not_responsible_sees_dates_without_actions(client, world):
    _submit(world)
    client.force_login(world["partner_liaison"])
    html = client.get(_obligation_url(world["quarterly"])).content.decode()
    assert len(_rows(html)) == 4
    assert "/submit/" not in html
    assert ">Review<" not in html
    assert ">View report<" in html


@pytest.mark.parametrize("who", ["outsider", "ministry_liaison"])
def test_pages_not_found_for_users_who_cannot_see_agreement(client, world, who):
    report = _submit(world)
    client.force_login(world[who])
    for url in (
        _agreement_url(world),
        _obligation_url(world["quarterly"]),
        _submit_url(world["quarterly"], D(2021, 12, 31)),
        _report_url(report),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(_report_url(report), {"decision": "accept"}).status_code == 404
    report.refresh_from_db()
    assert report.decision == "pending"


def test_pages_ask_anonymous_visitors_to_sign_in(client, world):
    response = client.get(_obligation_url(world["quarterly"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


# --- submitting ----------------------------------------------------------------------------------


def test_submit_form_defaults_to_period_closed_by_due_date(client, world):
    client.force_login(world["branch_liaison"])
    html = client.get(_submit_url(world["quarterly"], D(2021, 12, 31))).content.decode()
    assert 'value="2021-10-01"' in html
    assert 'value="2021-12-31"' in html
    assert 'name="attachment"' in html
    assert "at most 10 MB" in html


def test_submit_creates_report_awaiting_review(client, world):
    client.force_login(world["branch_liaison"])
    response = client.post(
        _submit_url(world["quarterly"], D(2021, 12, 31)),
        {
            "period_start": "2021-10-01",
            "period_end": "2021-12-31",
            "status": "not_met",
            "evidence": "Backlog after the storm.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _obligation_url(world["quarterly"])
    report = Report.objects.get()
    assert (report.due_date, report.status, report.evidence, report.decision) == (
        D(2021, 12, 31),
        "not_met",
        "Backlog after the storm.",
        "pending",
    )
    assert report.submitted_by == world["branch_liaison"]


def test_submit_form_keeps_typed_input_when_evidence_missing(client, world):
    client.force_login(world["branch_liaison"])
    response = client.post(
        _submit_url(world["quarterly"], D(2021, 12, 31)),
        {"period_start": "2021-11-01", "period_end": "2021-12-31", "status": "partially_met"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="2021-11-01"' in html
    assert re.search(r'value="partially_met"[^>]*checked', html)
    assert "This field is required." in html
    assert not Report.objects.exists()


def test_submit_form_keeps_typed_input_when_attachment_refused(client, world):
    client.force_login(world["branch_liaison"])
    response = client.post(
        _submit_url(world["quarterly"], D(2021, 12, 31)),
        {
            "period_start": "2021-10-01",
            "period_end": "2021-12-31",
            "status": "met",
            "evidence": "All counters met the standard.",
            "attachment": upload(javascript_pdf()),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This PDF contains JavaScript, automatic actions or embedded files" in html
    assert "All counters met the standard." in html
    assert not Report.objects.exists()


def _refused(response) -> bool:
    """Wagtail answers PermissionDenied in its admin with a redirect to the admin home."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_submit_refused_for_party_that_is_not_responsible(client, world):
    client.force_login(world["partner_liaison"])
    url = _submit_url(world["quarterly"], D(2021, 12, 31))
    assert _refused(client.get(url))
    response = client.post(
        url,
        {
            "period_start": "2021-10-01",
            "period_end": "2021-12-31",
            "status": "met",
            "evidence": "x",
        },
    )
    assert _refused(response)
    assert not Report.objects.exists()


@pytest.mark.parametrize("day", ["2021-12-30", "not-a-date"])
def test_submit_not_found_for_a_day_that_is_not_due(client, world, day):
    client.force_login(world["branch_liaison"])
    url = reverse("agreement_reports:submit", args=(world["quarterly"].pk, day))
    assert client.get(url).status_code == 404


def test_submit_redirects_when_report_awaits_review(client, world):
    _submit(world)
    client.force_login(world["branch_liaison"])
    response = client.get(_submit_url(world["quarterly"], D(2021, 9, 30)), follow=True)
    assert response.redirect_chain[-1][0] == _obligation_url(world["quarterly"])
    assert "awaits review or was accepted" in response.content.decode()


# --- reviewing -----------------------------------------------------------------------------------


def test_report_page_shows_content_and_review_form_to_reviewer(client, world):
    report = _submit(world, evidence="Wait times averaged 8 minutes.")
    client.force_login(world["ministry_minister"])
    html = client.get(_report_url(report)).content.decode()
    assert "Wait times averaged 8 minutes." in html
    assert 'data-decision="pending"' in html
    assert 'name="decision" value="accept"' in html
    assert 'name="decision" value="return"' in html


def test_submitter_sees_report_without_review_form(client, world):
    report = _submit(world)
    client.force_login(world["branch_liaison"])
    html = client.get(_report_url(report)).content.decode()
    assert "92% within standard." in html
    assert 'name="decision"' not in html
    assert _refused(client.post(_report_url(report), {"decision": "accept"}))
    report.refresh_from_db()
    assert report.decision == "pending"


def test_accept_from_report_page(client, world):
    report = _submit(world)
    client.force_login(world["ministry_minister"])
    response = client.post(_report_url(report), {"decision": "accept", "comment": ""})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.decision, report.decided_by) == ("accepted", world["ministry_minister"])


def test_return_without_comment_refused_and_form_shown_again(client, world):
    report = _submit(world)
    client.force_login(world["ministry_minister"])
    response = client.post(_report_url(report), {"decision": "return", "comment": " "})
    assert response.status_code == 200
    assert "Say what must be corrected: a returned report needs a comment." in (
        response.content.decode()
    )
    report.refresh_from_db()
    assert report.decision == "pending"


def test_returned_report_prefilled_for_correction_with_comment_shown(client, world):
    report = _submit(world, evidence="Partial figures.")
    client.force_login(world["ministry_minister"])
    client.post(_report_url(report), {"decision": "return", "comment": "Add October."})
    client.force_login(world["branch_liaison"])
    html = client.get(_obligation_url(world["quarterly"])).content.decode()
    assert ("2021-09-30", "returned") in _rows(html)
    assert ">Correct and resubmit<" in html
    html = client.get(_submit_url(world["quarterly"], D(2021, 9, 30))).content.decode()
    assert "Add October." in html
    assert "Partial figures." in html
    response = client.post(
        _submit_url(world["quarterly"], D(2021, 9, 30)),
        {
            "period_start": "2021-07-01",
            "period_end": "2021-09-30",
            "status": "met",
            "evidence": "Full figures, October included.",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.decision, report.evidence) == ("pending", "Full figures, October included.")
    client.force_login(world["ministry_minister"])
    html = client.get(_report_url(report)).content.decode()
    assert "Earlier returns" in html
    assert "Add October." in html


# --- query counts --------------------------------------------------------------------------------


def _more_reports(world, registrar, count):
    days = [D(2021, 6, 30), D(2021, 9, 30), D(2021, 12, 31)][:count]
    for day in days:
        report_accept(report=_submit(world, day=day), by=world["ministry_minister"])


@pytest.mark.parametrize("reports", [0, 3])
def test_obligation_page_queries_do_not_grow_with_reports(
    client, world, registrar, reports, django_assert_num_queries
):
    _more_reports(world, registrar, reports)
    client.force_login(world["branch_liaison"])
    url = _obligation_url(world["quarterly"])
    client.get(url)
    with django_assert_num_queries(OBLIGATION_PAGE_QUERIES):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("extra", [0, 5])
def test_agreement_page_queries_do_not_grow_with_obligations(
    client, world, registrar, extra, django_assert_num_queries
):
    _more_reports(world, registrar, 3)
    for _ in range(extra):
        ResponsibilityFactory(
            agreement=world["agreement"],
            responsible_party=world["quarterly"].responsible_party,
            recurrence="monthly",
            recurrence_anchor=D(2021, 4, 30),
        )
    client.force_login(world["branch_liaison"])
    url = _agreement_url(world)
    client.get(url)
    with django_assert_num_queries(AGREEMENT_PAGE_QUERIES):
        assert client.get(url).status_code == 200


OBLIGATION_PAGE_QUERIES = 33
AGREEMENT_PAGE_QUERIES = 31


# --- hostile input -------------------------------------------------------------------------------


def test_hostile_values_never_break_the_forms_nor_write(client, world):
    from tests.security.fuzz_values import HOSTILE, SCRIPT, Tally

    tally = Tally()
    report = _submit(world)
    client.raise_request_exception = False
    submit_url = _submit_url(world["quarterly"], D(2021, 12, 31))
    fields = {
        "period_start": "2021-10-01",
        "period_end": "2021-12-31",
        "status": "met",
        "evidence": "Figures.",
    }
    for hostile in HOSTILE:
        client.force_login(world["branch_liaison"])
        # No hostile value is a date or a status: every one of these posts is refused.
        for name in ("period_start", "period_end", "status"):
            response = client.post(submit_url, {**fields, name: hostile.text})
            tally.check(response, f"submit {name}={hostile.name}")
        client.force_login(world["ministry_minister"])
        response = client.post(_report_url(report), {"decision": hostile.text, "comment": "x"})
        tally.check(response, f"review decision={hostile.name}")
    assert tally.failures == []
    assert list(Report.objects.values_list("due_date", "decision")) == [(D(2021, 9, 30), "pending")]
    # Markup typed as evidence is kept as text and shown escaped.
    client.force_login(world["branch_liaison"])
    client.post(submit_url, {**fields, "evidence": SCRIPT})
    assert Report.objects.get(due_date=D(2021, 12, 31)).evidence == SCRIPT
    tally.check(client.get(_report_url(Report.objects.get(due_date=D(2021, 12, 31)))), "report")
    assert tally.failures == []
