""" "As in force on D": which version of an agreement applied on a day, and if none did, whether
the agreement had not yet taken effect or had already ended. Used by the public agreement page
(published versions only) and by the staff lifecycle page (every version).

The version comes from `AgreementVersion.objects.in_force_on` (the same rule as everywhere
else: a version applies from its effective date until the next one takes effect, and no longer
than its own expiry date or the day the agreement ended); the holders of that day from
`selectors.accountable_holders`.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, AgreementVersion
from agreements.selectors import Accountability, accountable_holders
from registry.dates import format_date

# The query parameter of the day: `?on=2021-06-01`.
PARAMETER = "on"

INVALID_DATE = _("“{value}” is not a date. Enter a date as YYYY-MM-DD, for example 2021-06-01.")
FUTURE_DATE = _(
    "{day} is after today. What applies in the future depends on amendments not yet in effect, "
    "so this page shows the agreement as it stands today."
)

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# How the agreement stood on the day.
IN_FORCE = "in_force"
NOT_YET = "not_yet"
ENDED = "ended"

_ENDED_STATES = {
    Agreement.State.EXPIRED,
    Agreement.State.TERMINATED,
    Agreement.State.SUPERSEDED,
}


@dataclass(frozen=True)
class DayRequest:
    """What the reader typed in the date field: empty, a day, or an error to show."""

    value: str = ""
    day: datetime.date | None = None
    error: str = ""

    @property
    def asked(self) -> bool:
        return self.day is not None


def read_day(params, *, latest: datetime.date | None = None) -> DayRequest:
    """The `on` parameter of a query string as a day. An empty or missing value asks nothing;
    anything but a real YYYY-MM-DD date gives INVALID_DATE; a day after `latest` (when given)
    gives FUTURE_DATE."""
    value = (params.get(PARAMETER) or "").strip()[:40]
    if not value:
        return DayRequest()
    day = None
    if _ISO_DAY.match(value):
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            day = None
    if day is None:
        return DayRequest(value=value, error=str(INVALID_DATE).format(value=value))
    if latest is not None and day > latest:
        return DayRequest(value=value, error=str(FUTURE_DATE).format(day=format_date(day)))
    return DayRequest(value=value, day=day)


@dataclass(frozen=True)
class Standing:
    """How an agreement stood on `day`: the version in force with who held each accountable
    position that day, or why no version applied (`NOT_YET` or `ENDED`)."""

    day: datetime.date
    status: str
    version: AgreementVersion | None = None
    first: AgreementVersion | None = None
    # For ENDED: the last day a version applied and how the agreement ended ("expired",
    # "terminated", "superseded").
    last_day: datetime.date | None = None
    ended_as: str = ""
    accountable: list[Accountability] = field(default_factory=list)

    @property
    def in_force(self) -> bool:
        return self.status == IN_FORCE

    @property
    def not_yet(self) -> bool:
        return self.status == NOT_YET

    @property
    def ended(self) -> bool:
        return self.status == ENDED

    @property
    def holders(self) -> dict[int, list]:
        """{responsibility id: holders that day}, as the agreement page reads them."""
        return {item.responsibility_id: item.holders for item in self.accountable}


def standing_on(
    agreement: Agreement,
    *,
    day: datetime.date,
    versions: list[AgreementVersion],
    readable: QuerySet[AgreementVersion],
) -> Standing:
    """How `agreement` stood on `day`, among the versions the reader may read.

    `versions` are those versions, oldest first (already loaded by the caller); `readable` is
    the same set as a queryset, asked once for the version in force. Two queries when a version
    applied (the version, then the appointments of that day unless it is the version's own
    effective date, which the snapshot answers), one otherwise.
    """
    version = readable.filter(agreement=agreement).in_force_on(day).order_by("-number").first()
    first = versions[0] if versions else None
    if version is not None:
        return Standing(
            day=day,
            status=IN_FORCE,
            version=version,
            first=first,
            accountable=accountable_holders(version, on=day),
        )
    if first is None or day < first.effective_date:
        return Standing(day=day, status=NOT_YET, first=first)
    before = [v for v in versions if v.effective_date <= day]
    last = before[-1]
    ended_on = agreement.ended_on if agreement.ended_on and agreement.ended_on < day else None
    if ended_on is not None and agreement.state in _ENDED_STATES:
        return Standing(
            day=day,
            status=ENDED,
            first=first,
            last_day=min(ended_on, last.expiry_date or ended_on),
            ended_as=agreement.state,
        )
    return Standing(
        day=day,
        status=ENDED,
        first=first,
        last_day=last.expiry_date or ended_on,
        ended_as=Agreement.State.EXPIRED,
    )
