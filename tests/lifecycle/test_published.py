"""What the public may read: versions of public agreements that have taken effect."""

import datetime

import pytest

from agreements.models import Agreement, AgreementVersion
from tests.factories import AgreementFactory, agreement_into_force, amendment_signed

pytestmark = pytest.mark.django_db

D = datetime.date


def _reword(agreement):
    item = agreement.responsibilities.first()
    item.text_en = "Reworded."
    item.save()


def test_published_versions_include_public_versions_in_effect(registrar):
    agreement = agreement_into_force(by=registrar)
    assert list(AgreementVersion.objects.published(on=D(2024, 1, 1))) == list(
        agreement.versions.all()
    )
    assert list(Agreement.objects.published(on=D(2024, 1, 1))) == [agreement]


def test_published_excludes_restricted_agreements(registrar):
    agreement_into_force(by=registrar, visibility=Agreement.Visibility.RESTRICTED)
    assert not AgreementVersion.objects.published(on=D(2024, 1, 1)).exists()
    assert not Agreement.objects.published(on=D(2024, 1, 1)).exists()


def test_published_excludes_versions_not_yet_in_effect(registrar):
    agreement = agreement_into_force(by=registrar, effective_date=D(2030, 1, 1), expiry_date=None)
    assert not AgreementVersion.objects.published(on=D(2029, 12, 31)).exists()
    assert not Agreement.objects.published(on=D(2029, 12, 31)).exists()
    assert list(Agreement.objects.published(on=D(2030, 1, 1))) == [agreement]


def test_published_shows_amendment_only_from_its_effective_date(registrar):
    agreement = agreement_into_force(by=registrar)
    amendment_signed(agreement, by=registrar, effective_date=D(2026, 1, 1), change=_reword)
    numbers = lambda day: list(  # noqa: E731
        AgreementVersion.objects.published(on=day)
        .filter(agreement=agreement)
        .values_list("number", flat=True)
    )
    assert numbers(D(2025, 12, 31)) == [1]
    assert numbers(D(2026, 1, 1)) == [1, 2]


def test_published_agreements_exclude_working_copies_never_signed():
    AgreementFactory(in_force=True)  # state says in force, but no signed version exists
    assert not Agreement.objects.published().exists()


def test_published_defaults_to_today(registrar):
    agreement_into_force(by=registrar)
    assert AgreementVersion.objects.published().count() == 1
