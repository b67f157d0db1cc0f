"""Signed versions cannot be changed or deleted by any path, nor their agreements deleted."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from agreements.lifecycle import TransitionError
from agreements.models import Agreement, AgreementVersion
from agreements.models.agreement import AGREEMENT_HAS_VERSIONS
from agreements.models.versions import (
    VERSION_IMMUTABLE,
    VERSION_NOT_DELETABLE,
    VersionImmutable,
)
from agreements.services.lifecycle import agreement_delete
from tests.factories import AgreementFactory, agreement_into_force

pytestmark = pytest.mark.django_db

TABLE = AgreementVersion._meta.db_table


@pytest.fixture
def version(registrar):
    return agreement_into_force(by=registrar).versions.get()


def _unchanged(version):
    stored = AgreementVersion.objects.get(pk=version.pk)
    assert stored.snapshot == version.snapshot
    assert stored.snapshot_sha256 == version.snapshot_sha256
    assert stored.verify()


def test_save_refused_when_version_exists(version):
    version.snapshot["agreement"]["title"]["en"] = "Rewritten"
    with pytest.raises(VersionImmutable) as error:
        version.save()
    assert str(error.value) == str(VERSION_IMMUTABLE)
    version.refresh_from_db()
    _unchanged(version)


def test_delete_refused_when_called_on_instance(version):
    with pytest.raises(VersionImmutable) as error:
        version.delete()
    assert str(error.value) == str(VERSION_NOT_DELETABLE)
    _unchanged(version)


def test_queryset_update_refused(version):
    with pytest.raises(VersionImmutable) as error:
        AgreementVersion.objects.filter(pk=version.pk).update(snapshot_sha256="0" * 64)
    assert str(error.value) == str(VERSION_IMMUTABLE)
    _unchanged(version)


def test_queryset_bulk_update_refused(version):
    version.effective_date = version.effective_date.replace(year=2000)
    with pytest.raises(VersionImmutable):
        AgreementVersion.objects.bulk_update([version], ["effective_date"])
    assert AgreementVersion.objects.get(pk=version.pk).effective_date.year == 2021


def test_queryset_delete_refused(version):
    with pytest.raises(VersionImmutable) as error:
        AgreementVersion.objects.filter(pk=version.pk).delete()
    assert str(error.value) == str(VERSION_NOT_DELETABLE)
    _unchanged(version)


def test_database_refuses_raw_update(version):
    with (
        pytest.raises(IntegrityError) as error,
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            f"UPDATE {TABLE} SET snapshot_sha256 = %s WHERE id = %s",  # noqa: S608
            ["0" * 64, version.pk],
        )
    assert "agreement versions are immutable" in str(error.value)
    _unchanged(version)


def test_database_refuses_raw_delete(version):
    with (
        pytest.raises(IntegrityError) as error,
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [version.pk])  # noqa: S608
    assert "agreement versions are immutable" in str(error.value)
    _unchanged(version)


def test_agreement_delete_refused_when_it_has_versions(version):
    agreement = version.agreement
    with pytest.raises(ProtectedError) as error:
        agreement.delete()
    assert error.value.args[0] == str(AGREEMENT_HAS_VERSIONS)
    with pytest.raises(ProtectedError):
        Agreement.objects.filter(pk=agreement.pk).delete()
    assert Agreement.objects.filter(pk=agreement.pk).exists()


def test_delete_service_refused_when_agreement_has_versions(version, registrar):
    with pytest.raises(TransitionError) as error:
        agreement_delete(agreement=version.agreement, by=registrar)
    assert error.value.messages == [str(AGREEMENT_HAS_VERSIONS)]
    assert Agreement.objects.filter(pk=version.agreement_id).exists()


def test_delete_service_deletes_agreement_when_never_signed(registrar):
    draft = AgreementFactory()
    agreement_delete(agreement=draft, by=registrar)
    assert not Agreement.objects.filter(pk=draft.pk).exists()
    assert draft.history.filter(history_type="-").get().history_user == registrar


# No serialized_rollback: restoring the serialized database after a flush clashes with the
# groups that post_migrate recreates; transactional tests already start from a flushed database.
@pytest.mark.django_db(transaction=True)
def test_flush_empties_versions_and_keeps_the_guard(version):
    # Flushing (what transactional tests do between tests) is the one way to empty the table.
    # On SQLite it deletes row by row, so the command lifts the DELETE trigger for the flush;
    # on PostgreSQL it truncates, which row triggers do not see.
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    assert not AgreementVersion.objects.exists()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
            triggers = [row[0] for row in cursor.fetchall()]
        assert {"agreements_version_no_delete", "agreements_version_no_update"} <= set(triggers)
