"""The natural keys imports find rows by: a position is its organisation and English title."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from jurisdictions.models import Position
from opendata.importing import import_file
from tests.factories import PositionFactory

from .conftest import as_json, valid_document

pytestmark = pytest.mark.django_db


def test_second_position_with_same_title_refused_when_same_organisation():
    first = PositionFactory(title_en="Director, Access PEI")
    duplicate = Position(organization=first.organization, title_en="Director, Access PEI")

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert error.value.messages == [
        "This organisation already has a position with this English title."
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_same_title_allowed_when_other_organisation():
    first = PositionFactory(title_en="Director")

    PositionFactory(title_en="Director")

    assert Position.objects.filter(title_en="Director").exclude(pk=first.pk).count() == 1


def test_stored_position_reused_when_file_lists_it_under_another_handle(registrar):
    import_file(as_json(valid_document()), name="a.json", by=registrar)
    document = valid_document()
    document["positions"][1]["handle"] = "director"
    document["agreements"][0]["responsibilities"][0]["owner"] = "director"
    document["agreements"][0]["parties"][1]["signatory"] = "director"

    report = import_file(as_json(document), name="a.json", by=registrar)

    assert Position.objects.filter(title_en="Director, Access PEI").count() == 1
    assert (report.created, report.updated) == (0, 0)
