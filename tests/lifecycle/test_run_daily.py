"""`run_daily`: the scheduler's one command runs expiry and search indexing, idempotently, and two
machines running it at once do the work once between them."""

import datetime
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections

from agreements.models import Agreement, AgreementSearchEntry, AgreementTransition
from tests.factories import agreement_into_force

D = datetime.date
State = Agreement.State


@pytest.fixture
def registry(registrar):
    agreements = {
        "past": agreement_into_force(by=registrar, expiry_date=D(2023, 3, 31)),
        "future": agreement_into_force(by=registrar, expiry_date=D(2031, 3, 31)),
    }
    AgreementSearchEntry.objects.all().delete()  # as if indexing had not run yet
    return agreements


def _run(today="2024-01-16") -> str:
    out = StringIO()
    call_command("run_daily", "--today", today, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_expires_and_indexes_then_finds_nothing_left(registry):
    first = _run()
    assert "Expiry: 1 agreement(s) expired, 0 could not be." in first
    # An expired agreement stays public (and searchable) as the record of what applied.
    assert "Search: 2 entr(y/ies) indexed, 0 removed." in first
    assert Agreement.objects.get(pk=registry["past"].pk).state == State.EXPIRED
    assert sorted(AgreementSearchEntry.objects.values_list("agreement_id", flat=True)) == sorted(
        [registry["past"].pk, registry["future"].pk]
    )

    second = _run()
    assert "Expiry: 0 agreement(s) expired, 0 could not be." in second
    assert "Search: 0 entr(y/ies) indexed, 0 removed." in second
    assert AgreementTransition.objects.filter(to_state=State.EXPIRED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_machines_at_once_expire_each_agreement_once(registry):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer and no shared lock to test; PostgreSQL runs this")
    outputs, errors = [], []

    def machine():
        try:
            outputs.append(_run())
        except Exception as error:  # reported below, with the other machine's output
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=machine) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(line.splitlines()[0] for line in outputs) == [
        "Expiry: 0 agreement(s) expired, 0 could not be.",
        "Expiry: 1 agreement(s) expired, 0 could not be.",
    ]
    assert AgreementTransition.objects.filter(to_state=State.EXPIRED).count() == 1
