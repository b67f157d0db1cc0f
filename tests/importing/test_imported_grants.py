"""An import grants the parties' role groups exactly what `agreement_grants_sync` would, written
as plain rows (COPY on PostgreSQL from `bulk.COPY_FROM` rows)."""

import pytest

from agreements.models import Agreement, AgreementGroupObjectPermission
from agreements.services.parties import agreement_grants_sync
from opendata.importing import bulk, import_folder

pytestmark = pytest.mark.django_db


def _grants() -> set[tuple[str, str, str]]:
    """Grants by reference, group name and codename: the same on either side of an import."""
    return set(
        AgreementGroupObjectPermission.objects.values_list(
            "content_object__reference", "group__name", "permission__codename"
        )
    )


@pytest.mark.parametrize("copy_from", [1, 1000], ids=["copy", "insert"])
def test_grants_equal_those_of_the_one_by_one_sync_when_imported(
    registrar, export_of_three, monkeypatch, copy_from
):
    monkeypatch.setattr(bulk, "COPY_FROM", copy_from)
    import_folder(export_of_three, by=registrar)
    imported = _grants()
    assert imported, "the parties' role groups hold grants"
    AgreementGroupObjectPermission.objects.all().delete()
    for agreement in Agreement.objects.all():
        agreement_grants_sync(agreement=agreement)
    assert imported == _grants()
