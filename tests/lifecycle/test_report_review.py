"""Reports against obligations are reviewed: the accountable organisation accepts a report or
returns it with a comment; a returned report is corrected and resubmitted; only an accepted report
takes its due date off the overdue list."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from agreements.models import Report
from agreements.selectors import obligations_due, obligations_overdue
from agreements.services import reports as services
from agreements.services.reports import report_accept, report_return, report_submit
from registry.private_storage import PrivateFileSystemStorage
from tests.reporting import D, clean_pdf, javascript_pdf, report_world, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(registrar):
    return report_world(by=registrar)


@pytest.fixture
def private_storage(monkeypatch, tmp_path):
    storage = PrivateFileSystemStorage(location=tmp_path)
    monkeypatch.setattr(Report._meta.get_field("attachment"), "storage", storage)
    return storage


def _submit(world, by=None, **kwargs):
    values = {
        "responsibility": world["quarterly"],
        "by": by or world["branch_liaison"],
        "due_date": D(2021, 9, 30),
        "status": Report.Status.PARTIALLY_MET,
        "evidence": "87% within standard.",
    }
    return report_submit(**{**values, **kwargs})


def _pairs(obligations):
    return [(o.responsibility.clause, o.due_date) for o in obligations]


def test_report_awaits_review_when_submitted_by_liaison_officer_of_responsible_party(world):
    report = _submit(world)
    assert (report.decision, report.decided_by, report.decided_at) == ("pending", None, None)
    assert (report.period_start, report.period_end) == (D(2021, 7, 1), D(2021, 9, 30))
    assert report.submitted_by == world["branch_liaison"]


@pytest.mark.parametrize("who", ["partner_liaison", "ministry_minister", "outsider"])
def test_submission_refused_when_not_liaison_officer_of_responsible_party(world, who):
    with pytest.raises(PermissionDenied):
        _submit(world, by=world[who])
    assert not Report.objects.exists()


def test_submission_refused_with_message_for_party_that_is_not_responsible(world):
    with pytest.raises(PermissionDenied) as error:
        _submit(world, by=world["partner_liaison"])
    assert str(error.value) == str(services.NOT_A_SUBMITTER)


def test_accepted_by_ministers_office_of_accountable_organisation(world):
    report = _submit(world)
    accepted = report_accept(report=report, by=world["ministry_minister"], comment="Thanks.")
    accepted.refresh_from_db()
    assert (accepted.decision, accepted.decided_by, accepted.decision_comment) == (
        "accepted",
        world["ministry_minister"],
        "Thanks.",
    )
    assert accepted.decided_at is not None
    assert accepted.history.first().history_user == world["ministry_minister"]
    assert accepted.history.first().history_change_reason == "report accepted"


@pytest.mark.parametrize(
    "who",
    [
        "branch_liaison_2",  # responsible party's, but the accountable position is the ministry's
        "ministry_liaison",  # the accountable organisation's, but cannot see the agreement
        "partner_liaison",
        "outsider",
    ],
)
def test_review_refused_outside_accountable_organisation(world, who):
    report = _submit(world)
    with pytest.raises(PermissionDenied) as error:
        report_accept(report=report, by=world[who])
    assert str(error.value) == str(services.NOT_A_REVIEWER)
    report.refresh_from_db()
    assert report.decision == "pending"


def test_liaison_officer_of_accountable_branch_reviews_a_colleagues_report(world):
    report = _submit(world, responsibility=world["branch_owned"], due_date=D(2021, 12, 31))
    with pytest.raises(PermissionDenied):
        report_accept(report=report, by=world["branch_liaison"])  # their own report
    report_accept(report=report, by=world["branch_liaison_2"])
    report.refresh_from_db()
    assert report.decision == "accepted"


def test_ministers_office_above_accountable_branch_reviews(world):
    report = _submit(world, responsibility=world["branch_owned"], due_date=D(2021, 12, 31))
    report_return(report=report, by=world["ministry_minister"], comment="Figures missing.")
    report.refresh_from_db()
    assert (report.decision, report.decision_comment) == ("returned", "Figures missing.")


def test_return_refused_without_comment(world):
    report = _submit(world)
    with pytest.raises(ValidationError) as error:
        report_return(report=report, by=world["ministry_minister"], comment="  ")
    assert error.value.messages == [str(services.RETURN_COMMENT_MISSING)]
    report.refresh_from_db()
    assert report.decision == "pending"


def test_decision_refused_when_already_decided(world):
    report = _submit(world)
    report_accept(report=report, by=world["ministry_minister"])
    with pytest.raises(ValidationError) as error:
        report_return(report=report, by=world["ministry_minister"], comment="Changed my mind.")
    assert error.value.messages == ["This report has already been accepted."]


def test_returned_report_resubmitted_in_place_keeping_history(world):
    report = _submit(world, evidence="First try.")
    report_return(report=report, by=world["ministry_minister"], comment="Add the figures.")
    again = _submit(
        world, by=world["branch_liaison_2"], status=Report.Status.MET, evidence="92% of cases."
    )
    assert again.pk == report.pk
    again.refresh_from_db()
    assert (again.decision, again.status, again.evidence, again.submitted_by) == (
        "pending",
        "met",
        "92% of cases.",
        world["branch_liaison_2"],
    )
    assert (again.decided_by, again.decided_at, again.decision_comment) == (None, None, "")
    reasons = list(
        again.history.order_by("history_date", "history_id").values_list(
            "history_change_reason", "decision", "evidence", "decision_comment"
        )
    )
    assert reasons == [
        ("report submitted", "pending", "First try.", ""),
        ("report returned", "returned", "First try.", "Add the figures."),
        ("report resubmitted", "pending", "92% of cases.", ""),
    ]
    assert Report.objects.count() == 1


@pytest.mark.parametrize("decision", ["pending", "accepted"])
def test_resubmission_refused_unless_returned(world, decision):
    report = _submit(world)
    if decision == "accepted":
        report_accept(report=report, by=world["ministry_minister"])
    with pytest.raises(ValidationError) as error:
        _submit(world, evidence="Again.")
    assert error.value.messages == [
        "A report for the due date 2021-09-30 has already been submitted."
    ]


def test_registrar_may_review_own_report(world, registrar):
    report = _submit(world, by=registrar)
    report_accept(report=report, by=registrar)
    report.refresh_from_db()
    assert report.decision == "accepted"


def test_overdue_until_report_accepted(world, registrar):
    today = D(2022, 1, 15)
    quarterly = [("4.1", D(2021, 6, 30)), ("4.1", D(2021, 9, 30)), ("4.1", D(2021, 12, 31))]
    assert _pairs(obligations_overdue(user=registrar, today=today)) == [
        *quarterly,
        ("4.2", D(2021, 12, 31)),
    ]
    report = _submit(world)
    # Submitted but not accepted: still overdue.
    assert ("4.1", D(2021, 9, 30)) in _pairs(obligations_overdue(user=registrar, today=today))
    report_return(report=report, by=world["ministry_minister"], comment="Incomplete.")
    assert ("4.1", D(2021, 9, 30)) in _pairs(obligations_overdue(user=registrar, today=today))
    _submit(world, evidence="Complete now.")
    report_accept(report=Report.objects.get(), by=world["ministry_minister"])
    assert _pairs(obligations_overdue(user=registrar, today=today)) == [
        quarterly[0],
        quarterly[2],
        ("4.2", D(2021, 12, 31)),
    ]


def test_due_soon_until_report_accepted(world, registrar):
    today = D(2022, 3, 15)
    report = _submit(world, due_date=D(2022, 3, 31), evidence="Early.")
    assert ("4.1", D(2022, 3, 31)) in _pairs(
        obligations_due(user=registrar, within_days=30, today=today)
    )
    report_accept(report=report, by=world["ministry_minister"])
    assert _pairs(obligations_due(user=registrar, within_days=30, today=today)) == []


def test_attachment_stored_in_private_storage(world, private_storage):
    report = _submit(world, attachment=upload(clean_pdf(), name="Q3 figures.pdf"))
    assert report.attachment.name.startswith(f"reports/{world['quarterly'].pk}/2021-09-30-")
    assert report.attachment.name.endswith(".pdf")
    assert "Q3" not in report.attachment.name
    with report.attachment.open("rb") as handle:
        assert handle.read() == clean_pdf()


def test_attachment_with_javascript_refused_by_service(world, private_storage):
    with pytest.raises(ValidationError) as error:
        _submit(world, attachment=upload(javascript_pdf()))
    assert error.value.messages == [
        "This PDF contains JavaScript, automatic actions or embedded files (/JS, /JavaScript), "
        "which are not accepted. Print it to a new PDF (or export it without scripts) and "
        "attach that file."
    ]
    assert not Report.objects.exists()
    assert private_storage.listdir("") == ([], [])


def test_resubmission_without_new_attachment_keeps_previous(world, private_storage):
    report = _submit(world, attachment=upload(clean_pdf()))
    first = report.attachment.name
    report_return(report=report, by=world["ministry_minister"], comment="Say more.")
    again = _submit(world, evidence="More said.")
    again.refresh_from_db()
    assert again.attachment.name == first
