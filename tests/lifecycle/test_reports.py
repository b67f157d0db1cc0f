"""Submitting reports against an obligation's due dates."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from agreements.models import Report
from agreements.models.reports import PERIOD_ENDS_BEFORE_START
from agreements.services import reports as services
from agreements.services.reports import report_submit
from tests.factories import ResponsibilityFactory, UserFactory, agreement_into_force

pytestmark = pytest.mark.django_db

D = datetime.date


def _quarterly_agreement(registrar):
    from tests.factories import agreement_ready

    agreement = agreement_ready(responsibilities=1)
    item = agreement.responsibilities.get()
    item.recurrence, item.recurrence_anchor = "quarterly", D(2021, 6, 30)
    item.save()
    agreement_into_force(agreement, by=registrar)
    return item


def _submit(item, by, **kwargs):
    values = {
        "due_date": D(2021, 9, 30),
        "status": Report.Status.PARTIALLY_MET,
        "evidence": "87% within standard.",
    }
    return report_submit(responsibility=item, by=by, **{**values, **kwargs})


def test_report_recorded_with_period_closing_on_due_date(registrar):
    item = _quarterly_agreement(registrar)
    report = _submit(item, registrar)
    assert (report.period_start, report.period_end) == (D(2021, 7, 1), D(2021, 9, 30))
    assert (report.status, report.submitted_by) == (Report.Status.PARTIALLY_MET, registrar)
    assert report.history.get().history_user == registrar


def test_one_off_report_period_starts_when_agreement_took_effect(registrar):
    from tests.factories import agreement_ready

    agreement = agreement_ready(responsibilities=1)
    item = agreement.responsibilities.get()
    item.due_date = D(2022, 3, 31)
    item.save()
    agreement_into_force(agreement, by=registrar)
    report = _submit(item, registrar, due_date=D(2022, 3, 31))
    assert (report.period_start, report.period_end) == (D(2021, 4, 1), D(2022, 3, 31))


def test_report_refused_when_date_is_not_a_due_date(registrar):
    item = _quarterly_agreement(registrar)
    with pytest.raises(ValidationError) as error:
        _submit(item, registrar, due_date=D(2021, 9, 29))
    assert error.value.messages == [services.NOT_A_DUE_DATE.format(day="2021-09-29")]


def test_report_refused_when_already_submitted_for_due_date(registrar):
    item = _quarterly_agreement(registrar)
    _submit(item, registrar)
    with pytest.raises(ValidationError) as error:
        _submit(item, registrar, status=Report.Status.MET)
    assert error.value.messages == [services.ALREADY_REPORTED.format(day="2021-09-30")]
    assert item.reports.count() == 1


def test_report_refused_when_evidence_empty(registrar):
    item = _quarterly_agreement(registrar)
    with pytest.raises(ValidationError) as error:
        _submit(item, registrar, evidence="   ")
    assert error.value.messages == [str(services.EVIDENCE_MISSING)]


def test_report_refused_when_status_unknown(registrar):
    item = _quarterly_agreement(registrar)
    with pytest.raises(ValidationError) as error:
        _submit(item, registrar, status="excellent")
    assert error.value.messages == [str(services.UNKNOWN_STATUS)]


def test_report_refused_when_period_inverted(registrar):
    item = _quarterly_agreement(registrar)
    with pytest.raises(ValidationError) as error:
        _submit(item, registrar, period_start=D(2021, 9, 30), period_end=D(2021, 7, 1))
    assert error.value.messages == [str(PERIOD_ENDS_BEFORE_START)]


def test_report_refused_when_obligation_not_signed_yet(registrar):
    item = _quarterly_agreement(registrar)
    unsigned = ResponsibilityFactory(
        agreement=item.agreement,
        responsible_party=item.responsible_party,
        recurrence="quarterly",
        recurrence_anchor=D(2021, 6, 30),
    )
    with pytest.raises(ValidationError) as error:
        _submit(unsigned, registrar)
    assert error.value.messages == [str(services.NOT_SIGNED)]


def test_report_refused_when_user_may_not_report(registrar):
    item = _quarterly_agreement(registrar)
    with pytest.raises(PermissionDenied):
        _submit(item, UserFactory())
    assert not Report.objects.exists()
