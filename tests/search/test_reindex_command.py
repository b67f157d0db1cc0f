import pytest
from django.core.management import call_command

from agreements.models import AgreementSearchEntry

pytestmark = pytest.mark.django_db


def test_search_reindex_rebuilds_the_index_and_reports(published, capsys):
    agreement = published(title_en="Ferry schedules")
    AgreementSearchEntry.objects.all().delete()

    call_command("search_reindex")

    assert AgreementSearchEntry.objects.filter(agreement=agreement).exists()
    assert capsys.readouterr().out == "Search index: 1 agreements indexed, 0 entries removed.\n"


def test_search_reindex_stale_touches_only_what_changed(published, capsys):
    published(title_en="Ferry schedules")

    call_command("search_reindex", "--stale")

    assert capsys.readouterr().out == "Search index: 0 agreements indexed, 0 entries removed.\n"
