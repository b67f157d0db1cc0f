"""Reads for the public pages."""

import datetime

from django.utils import timezone

from agreements.models import Agreement
from jurisdictions.models import Jurisdiction, Organization


def home_counts(*, today: datetime.date | None = None) -> dict[str, int]:
    """Live counts for the home page. Agreements count only public ones in force."""
    today = today or timezone.localdate()
    return {
        "jurisdictions": Jurisdiction.objects.count(),
        "organizations": Organization.objects.count(),
        "agreements_in_force": Agreement.objects.public().in_force(on=today).count(),
    }
