"""The public agreement page shows, per obligation, the status and period of its last ACCEPTED
report: never a report awaiting review or returned, never the evidence or the attachment; and the
page's query count does not grow with the number of reports."""

import re

import pytest
from django.utils import timezone

from agreements.models import Report
from agreements.services.reports import report_accept, report_return, report_submit
from registry.private_storage import PrivateFileSystemStorage
from tests.reporting import TODAY, D, clean_pdf, report_world, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(registrar, monkeypatch, tmp_path):
    original = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else original(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    storage = PrivateFileSystemStorage(location=tmp_path)
    monkeypatch.setattr(Report._meta.get_field("attachment"), "storage", storage)
    return report_world(by=registrar)


def _submit(world, day, *, status=Report.Status.MET, evidence="Confidential figures.", **kwargs):
    return report_submit(
        responsibility=kwargs.pop("responsibility", world["quarterly"]),
        by=world["branch_liaison"],
        due_date=day,
        status=status,
        evidence=evidence,
        **kwargs,
    )


def _cell(html: str, clause: str) -> str:
    row = html.split(f'<th scope="row">{clause}</th>', 1)[1].split("</tr>", 1)[0]
    match = re.search(r'data-label="Last accepted report"[^>]*>(.*?)</td>', row, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip()


def _page(client, world, language="en") -> str:
    response = client.get(f"/{language}/agreements/{world['agreement'].reference}/")
    assert response.status_code == 200
    return response.content.decode()


def test_last_accepted_report_status_and_period_shown(client, world):
    report_accept(report=_submit(world, D(2021, 6, 30)), by=world["ministry_minister"])
    report_accept(
        report=_submit(world, D(2021, 9, 30), status=Report.Status.PARTIALLY_MET),
        by=world["ministry_minister"],
    )
    html = _page(client, world)
    assert _cell(html, "4.1") == "Partially met Period 1 July 2021 to 30 September 2021"
    assert _cell(html, "4.2") == "None yet"


def test_report_awaiting_review_or_returned_not_shown(client, world):
    report_accept(report=_submit(world, D(2021, 6, 30)), by=world["ministry_minister"])
    _submit(world, D(2021, 9, 30), status=Report.Status.NOT_MET)
    report_return(
        report=_submit(world, D(2021, 12, 31), status=Report.Status.NOT_MET),
        by=world["ministry_minister"],
        comment="Wrong period.",
    )
    html = _page(client, world)
    assert _cell(html, "4.1") == "Met Period 1 April 2021 to 30 June 2021"
    assert "Not met" not in html


def test_evidence_and_attachment_never_shown(client, world):
    report = _submit(
        world,
        D(2021, 6, 30),
        evidence="Internal memo: staffing shortfall at Bathurst.",
        attachment=upload(clean_pdf()),
    )
    report_accept(report=report, by=world["ministry_minister"], comment="Reviewer's private note")
    html = _page(client, world)
    assert "Internal memo" not in html
    assert "Bathurst" not in html
    assert "private note" not in html
    assert "attachment" not in html.lower()
    assert report.attachment.name not in html


def test_status_shown_in_french(client, world):
    report_accept(
        report=_submit(world, D(2021, 9, 30), status=Report.Status.NOT_MET),
        by=world["ministry_minister"],
    )
    html = _page(client, world, "fr")
    row = html.split('<th scope="row">4.1</th>', 1)[1].split("</tr>", 1)[0]
    assert "Non respectée" in row
    assert "1er juillet 2021" in row
    assert "30 septembre 2021" in row


def test_restricted_agreement_page_not_public_even_with_accepted_report(client, world):
    report_accept(report=_submit(world, D(2021, 6, 30)), by=world["ministry_minister"])
    agreement = world["agreement"]
    agreement.visibility = "restricted"
    agreement.save(update_fields=["visibility", "updated_at"])
    assert client.get(f"/en/agreements/{agreement.reference}/").status_code == 404


# From one accepted report on (without any, the page does not ask for them:
# tests/cms/test_page_reads.py).
@pytest.mark.parametrize("accepted", [1, 3])
def test_agreement_page_queries_do_not_grow_with_reports(
    client, world, accepted, django_assert_num_queries
):
    days = [D(2021, 6, 30), D(2021, 9, 30), D(2021, 12, 31)][:accepted]
    for day in days:
        report_accept(report=_submit(world, day), by=world["ministry_minister"])
    if accepted:
        report_accept(
            report=_submit(world, D(2021, 12, 31), responsibility=world["branch_owned"]),
            by=world["ministry_minister"],
        )
    url = f"/en/agreements/{world['agreement'].reference}/"
    client.get(url)
    with django_assert_num_queries(PUBLIC_PAGE_QUERIES):
        assert client.get(url).status_code == 200


# The agreement page's own queries (routing and navigation come from the cache, warmed above):
# the version (and whether reports or relations pointing here exist), holders, ended owners,
# the accepted reports, the PDFs.
PUBLIC_PAGE_QUERIES = 5
