"""Who is accountable is searchable: the people who held an agreement's accountable positions
when its version took effect, those who hold them today (kept current by the daily reindex),
and the positions' titles; and a reference typed without its dashes finds the agreement."""

import datetime
import io

import pytest
from django.core.management import call_command

from agreements import search
from agreements.models import AgreementSearchEntry
from tests.factories import PersonFactory, agreement_into_force, agreement_ready

pytestmark = pytest.mark.django_db

# Far ahead, so the tests read the same whatever day they run.
HANDOVER = datetime.date(2089, 12, 31)
NEW_TERM = datetime.date(2090, 1, 1)


@pytest.fixture
def signed(registrar):
    """`signed(holder="Thibodeau", ...)`: an agreement brought into force whose first
    obligation's accountable position is titled as given and held by `holder` since 2015."""

    def make(*, holder, title_en="Director", title_fr="Directeur", **fields):
        agreement = agreement_ready(**fields)
        item = agreement.responsibilities.select_related("accountability_owner").first()
        position = item.accountability_owner
        position.title_en, position.title_fr = title_en, title_fr
        position.save()
        appointment = position.appointments.get()
        appointment.person = PersonFactory(given_name="Josée", family_name=holder)
        appointment.save()
        agreement = agreement_into_force(agreement, by=registrar)
        search.index_agreement(agreement_id=agreement.pk)
        return agreement

    return make


@pytest.fixture
def registry(signed):
    accountable = signed(
        holder="Thibodeau",
        title_en="Registrar General",
        title_fr="Registraire général",
        reference="SNB-2019-001",
    )
    other = signed(holder="Cormier", reference="SNB-2019-010")
    hidden = signed(holder="Thibodeau", reference="SNB-2019-002", visibility="restricted")
    return accountable, other, hidden


def _ids(query, language="en"):
    return search.search(query, language=language).ids


def _position(agreement):
    return (
        agreement.responsibilities.filter(accountability_owner__appointments__isnull=False)
        .first()
        .accountability_owner
    )


def _hand_over(agreement, *, to: str, on: datetime.date):
    """The first obligation's accountable position changes hands: its holder leaves the day
    before `on` and `to` takes over on `on` (recorded now, with history)."""
    position = agreement.responsibilities.select_related("accountability_owner").first()
    position = position.accountability_owner
    leaving = position.appointments.get(end_date__isnull=True)
    leaving.end_date = on - datetime.timedelta(days=1)
    leaving.save()
    position.appointments.create(
        person=PersonFactory(given_name="Luc", family_name=to), start_date=on
    )


def test_holder_surname_finds_the_agreements_where_they_are_accountable(registry):
    accountable, _other, _hidden = registry

    assert _ids("Thibodeau") == [accountable.pk]
    assert _ids("thibodeau", language="fr") == [accountable.pk]
    assert _ids("Josée Thibodeau") == [accountable.pk]


def test_position_title_finds_the_agreements_it_is_accountable_in(registry):
    accountable, _other, _hidden = registry

    assert _ids("Registrar General") == [accountable.pk]
    assert _ids("registraire général", language="fr") == [accountable.pk]


def test_new_holder_found_after_the_daily_reindex_when_appointed_after_signing(registry):
    accountable, _other, _hidden = registry
    _hand_over(accountable, to="Arsenault", on=datetime.date(2024, 7, 1))
    assert _ids("Arsenault") == []

    run = search.reindex_stale(today=datetime.date(2025, 1, 1))

    assert run.indexed == 1
    assert _ids("Arsenault") == [accountable.pk]
    # Held the position when the version took effect: still found.
    assert _ids("Thibodeau") == [accountable.pk]


def test_holder_taking_office_by_the_calendar_found_after_the_daily_reindex(registry):
    accountable, _other, _hidden = registry
    _hand_over(accountable, to="Boudreau", on=NEW_TERM)
    search.reindex_all()
    assert _ids("Boudreau") == []

    assert search.reindex_stale(today=HANDOVER).indexed == 0
    assert search.reindex_stale(today=NEW_TERM).indexed == 1
    assert _ids("Boudreau") == [accountable.pk]


def test_reindex_command_rewrites_entries_written_before_names_were_indexed(registry):
    accountable, _other, _hidden = registry
    AgreementSearchEntry.objects.update(responsibilities_en="", responsibilities_fr="")
    assert _ids("Thibodeau") == []

    call_command("search_reindex", stdout=io.StringIO())

    assert _ids("Thibodeau") == [accountable.pk]


def test_stale_reindex_command_picks_up_a_new_holder(registry):
    accountable, _other, _hidden = registry
    _hand_over(accountable, to="Arsenault", on=datetime.date(2024, 7, 1))
    out = io.StringIO()

    call_command("search_reindex", "--stale", "--today", "2025-01-01", stdout=out)

    assert out.getvalue() == "Search index: 1 agreements indexed, 0 entries removed.\n"
    assert _ids("Arsenault") == [accountable.pk]


@pytest.mark.parametrize("query", ["SNB2019001", "snb2019001", " Snb2019001 "])
def test_reference_without_dashes_finds_the_agreement_when_typed_in_any_case(registry, query):
    accountable, _other, _hidden = registry

    assert _ids(query) == [accountable.pk]


def test_partial_reference_without_dashes_lists_references_starting_with_it(registry):
    accountable, other, _hidden = registry

    assert _ids("SNB2019") == [accountable.pk, other.pk]
    assert _ids("SNB-2019-001") == [accountable.pk]
