"""Permission matrix, the public site (agreement pages, browser and exports, jurisdiction page,
feed, sitemap): every role × agreement stage × visibility × URL answers as
tests/permissions/matrix.py says. Only published agreements exist there, whoever asks."""

import pytest

from agreements.models import Agreement
from agreements.services.pdfs import version_pdf_get_or_create
from tests.permissions.matrix import PUBLIC_URLS, ROLES
from tests.permissions.matrix_runner import matrix_differences

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def stored_pdfs(world, django_db_blocker):
    """Each signed version's English PDF, rendered once for the module as the on-commit task
    does, so that every role downloads the stored file rather than rendering it again."""
    with django_db_blocker.unblock():
        for agreement in world.agreements.values():
            for version in agreement.versions.all():
                version_pdf_get_or_create(version=version, language="en")


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_as_the_matrix_says_when_role_requests(role, world):
    wrong = matrix_differences(world=world, role=role, urls=PUBLIC_URLS)
    assert not wrong, f"{len(wrong)} cells differ:\n" + "\n".join(wrong)


def test_agreements_are_unchanged_when_every_role_has_requested(world):
    for (stage, _visibility), agreement in world.agreements.items():
        assert Agreement.objects.get(pk=agreement.pk).state == stage.partition("+")[0]
