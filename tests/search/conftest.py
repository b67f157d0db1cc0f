import datetime

import pytest
from django.utils import timezone

from agreements import search
from tests.factories import agreement_into_force, agreement_ready


@pytest.fixture
def published(registrar):
    """Bring an agreement into force through the lifecycle services and index it, as the
    lifecycle does on commit: `published(title_en=..., responsibility_en=..., ...)`.

    `responsibility_en` / `responsibility_fr` reword every obligation; other keyword arguments
    go to the agreement (reference, titles, summaries, effective_date, visibility...)."""

    def make(*, responsibility_en=None, responsibility_fr=None, **fields):
        fields.setdefault("title_fr", "")
        fields.setdefault("summary_en", "")
        # English-only on purpose (the language fallback): a registrar's recorded reason lets
        # the parity gate (agreements/parity.py) publish it.
        fields.setdefault("parity_exemption_reason", "Published in English only by the test.")
        agreement = agreement_ready(**fields)
        for item in agreement.responsibilities.all():
            item.text_en = responsibility_en or item.text_en
            item.text_fr = responsibility_fr or item.text_fr
            item.save()
        agreement = agreement_into_force(agreement, by=registrar)
        search.index_agreement(agreement_id=agreement.pk)
        return agreement

    return make


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def future(today):
    """A day after today, for versions that take effect later."""
    return today + datetime.timedelta(days=30)


def ids(*agreements):
    return [agreement.pk for agreement in agreements]
