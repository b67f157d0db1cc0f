"""Fixtures for the public site: agreements published through the lifecycle services."""

import datetime

import pytest
from django.utils import timezone

from agreements import search
from tests.factories import agreement_into_force, agreement_ready

LANGUAGES = ("en", "fr")


def _indexed(agreement):
    """Bring the search index up to date, as the on-commit hook does after a real commit."""
    search.index_agreement(agreement_id=agreement.pk)
    return agreement


@pytest.fixture
def publish(registrar, django_capture_on_commit_callbacks):
    """Publish an agreement: `publish(title_en="…")` takes a ready draft through the lifecycle
    services to in force, which records version 1 (effective 2021-04-01 unless given), and runs
    what the services schedule on commit (PDFs, search index)."""

    def make(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            agreement = agreement_into_force(by=registrar, **kwargs)
        return _indexed(agreement)

    return make


@pytest.fixture
def unpublished(registrar):
    """The three kinds of agreement the public must never see, each with a unique title and
    parties in their own jurisdictions: a draft, a restricted one in force, and one in force
    whose first version takes effect next month."""
    future = timezone.localdate() + datetime.timedelta(days=30)
    draft = agreement_ready(
        title_en="Zephyrine draft accord", title_fr="Accord brouillon Zéphyrine"
    )
    restricted = _indexed(
        agreement_into_force(
            by=registrar,
            title_en="Quillwort restricted accord",
            title_fr="Accord restreint Isoète",
            visibility="restricted",
        )
    )
    pending = _indexed(
        agreement_into_force(
            by=registrar,
            title_en="Marrowfat pending accord",
            title_fr="Accord en attente Marrowfat",
            effective_date=future,
            expiry_date=future + datetime.timedelta(days=3650),
        )
    )
    return {"draft": draft, "restricted": restricted, "pending": pending}
