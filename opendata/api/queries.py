"""The API's reads: what the public may see, each in a fixed number of queries.

Agreements come from the public site's own selectors (`cms.selectors`, `cms.browser`), so the
API and the site can never disagree. Jurisdictions and organisations are public reference data
(the site lists every one). Posts, and the people and memberships attached to them, are public
when a current published version names the post (accountable, signatory, governing body): a
position made for a draft or restricted agreement stays unknown to the public. That rule lives in
`cms.public_positions`, shared with the site's organisation and position pages and sitemap.
"""

import datetime

from django.db.models import Exists, OuterRef, QuerySet

from agreements.models import Agreement, AgreementVersion
from cms.public_positions import public_positions
from cms.selectors import published_agreement
from jurisdictions.models import Appointment, Person, Position

__all__ = [
    "public_positions",
    "public_people",
    "public_memberships",
    "agreement_versions",
    "version_as_of",
]


def public_people(*, positions: QuerySet[Position]) -> QuerySet[Person]:
    held = Appointment.objects.filter(person=OuterRef("pk"), position__in=positions)
    return Person.objects.filter(Exists(held))


def public_memberships(*, positions: QuerySet[Position]) -> QuerySet[Appointment]:
    return Appointment.objects.filter(position__in=positions)


def agreement_versions(reference: str, *, today: datetime.date):
    """(agreement, its published versions oldest first), or Http404. Two queries."""
    agreement, versions = published_agreement(reference, today=today)
    for version in versions:
        version.agreement = agreement
    return agreement, versions


def version_as_of(
    versions: list[AgreementVersion], *, day: datetime.date, agreement: Agreement
) -> AgreementVersion | None:
    """The published version that applied on `day` (no query: from the published versions).

    A version applies from its effective date until the next one takes effect, and no longer
    than its own expiry date or the day the agreement ended. Days after today are not answered
    (a version signed but not yet in effect is not public).
    """
    chosen = None
    for version in versions:
        if version.effective_date <= day:
            chosen = version
    if chosen is None:
        return None
    if chosen.expiry_date is not None and day > chosen.expiry_date:
        return None
    if agreement.ended_on is not None and day > agreement.ended_on:
        return None
    return chosen
