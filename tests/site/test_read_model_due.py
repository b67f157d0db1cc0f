"""Versions signed with a later effective date reach the public on their day, while readers of the
read model (agreements.published_read_model) ask the database nothing until that day comes: the
earliest due day is kept in the shared cache and forgotten by every write, in any process."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from agreements import published_read_model as read_model
from agreements.models import PublishedAgreement
from tests.factories import amendment_signed

pytestmark = pytest.mark.django_db


def _renamed(agreement) -> None:
    agreement.title_en = "Echidna renamed accord"
    agreement.save()


def _freeze(monkeypatch, day: datetime.date) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def test_version_taking_effect_later_is_public_on_its_day_with_no_write_in_between(
    client,
    publish,
    registrar,
    monkeypatch,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    later = timezone.localdate() + datetime.timedelta(days=10)
    publish(title_en="Wombat pending accord", effective_date=later)
    amended = publish(title_en="Echidna amended accord")
    with django_capture_on_commit_callbacks(execute=True):
        amendment_signed(amended, by=registrar, effective_date=later, change=_renamed)

    page = client.get("/en/agreements/").content.decode()
    assert "Echidna amended accord" in page
    assert "Wombat pending accord" not in page
    assert "Echidna renamed accord" not in page

    # The day before: nothing is due, and finding that out costs no query.
    _freeze(monkeypatch, later - datetime.timedelta(days=1))
    with django_assert_num_queries(0):
        assert read_model.refresh_due() == 0
    assert "Wombat pending accord" not in client.get("/en/agreements/").content.decode()

    # On the day, with nothing written since: the first reader brings both rows up to date.
    _freeze(monkeypatch, later)
    page = client.get("/en/agreements/").content.decode()
    assert "Wombat pending accord" in page
    assert "Echidna renamed accord" in page
    assert "Echidna amended accord" not in page
    assert PublishedAgreement.objects.filter(public=True, due_on__isnull=False).count() == 0


@pytest.mark.parametrize("count", [2, 6])
def test_readers_ask_the_database_nothing_while_no_row_is_due(
    count, publish, django_assert_num_queries
):
    later = timezone.localdate() + datetime.timedelta(days=30)
    for _ in range(count - 1):
        publish()
    publish(effective_date=later)

    with django_assert_num_queries(1):  # the rows were written: the earliest due day is read
        assert read_model.next_due() == later
    with django_assert_num_queries(0):
        read_model.public_rows()
        assert read_model.refresh_due() == 0
        assert read_model.next_due() == later
    assert read_model.public_rows().count() == count - 1


def test_write_committed_after_another_process_read_the_rows_is_not_missed(
    publish, registrar, monkeypatch, django_capture_on_commit_callbacks
):
    agreement = publish(title_en="Echidna amended accord")
    assert read_model.next_due() is None
    later = timezone.localdate() + datetime.timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=False):  # the refresh is not run yet
        future = amendment_signed(agreement, by=registrar, effective_date=later, change=_renamed)

    with django_capture_on_commit_callbacks(execute=True):  # commits at the end of the block
        read_model.read_model_refresh([agreement.pk])
        # Another process read the rows before this commit (no row due), and kept that under
        # the version it read, in the cache both processes share.
        cache.set(
            read_model.NEXT_DUE_KEY,
            (cache.get(read_model.VERSION_KEY), None),
            timeout=read_model.NEXT_DUE_SECONDS,
        )

    assert read_model.next_due() == later
    _freeze(monkeypatch, later)
    assert read_model.public_rows().get(pk=agreement.pk).version_id == future.pk


def test_due_day_of_rows_gone_since_is_forgotten(publish, django_assert_num_queries):
    later = timezone.localdate() + datetime.timedelta(days=3)
    pending = publish(effective_date=later)
    assert read_model.next_due() == later
    PublishedAgreement.objects.filter(pk=pending.pk).delete()  # e.g. its agreement deleted

    with django_assert_num_queries(1):  # the due rows are looked for, and none found
        assert read_model.refresh_due(day=later) == 0
    with django_assert_num_queries(1):
        assert read_model.next_due() is None
    with django_assert_num_queries(0):
        assert read_model.refresh_due(day=later) == 0


def test_without_a_shared_cache_the_due_day_is_read_from_the_database_each_time(
    publish, settings, django_assert_num_queries
):
    # Production without Redis: each process has its own memory cache, which would not learn of
    # another process's writes, so nothing is kept there.
    settings.SITE_STRUCTURE_CACHE = False
    later = timezone.localdate() + datetime.timedelta(days=3)
    publish(title_en="Quokka pending accord", effective_date=later)
    for _ in range(2):
        with django_assert_num_queries(1):
            assert read_model.next_due() == later
    cache.clear()
    settings.SITE_STRUCTURE_CACHE = True
    with django_assert_num_queries(1):
        assert read_model.next_due() == later
    with django_assert_num_queries(0):
        assert read_model.next_due() == later
