"""Agreement operations: the browser's list, an agreement, a version, and "as in force on D"."""

import datetime
from typing import Literal

from django.db.models import Q
from django.http import Http404
from django.urls import register_converter
from ninja import Path, Query, Router

from agreements.models import AgreementVersion
from cms import published
from cms.browser import results
from cms.browser_filters import filter_context
from cms.browser_query import MAX_QUERY_LENGTH, PAGE_SIZE, BrowserQuery
from cms.params import MAX_NUMBER
from opendata import shapes
from opendata.api import errors, queries
from opendata.api.schemas import AgreementDetail, AgreementPage, Error

# A reference number (capitals, digits, dots, slashes, hyphens; agreement.validate_reference):
# it may hold slashes but never a lowercase word such as "/versions/" or "/as-of/".
REFERENCE = r"[A-Z0-9][A-Z0-9./-]{2,39}"


class ReferenceConverter:
    regex = REFERENCE

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ReferenceConverter, "reference")

router = Router(tags=["agreements"])

NOT_FOUND = {404: Error}


@router.get(
    "/agreements",
    response={200: AgreementPage, 400: Error},
    summary="List published agreements",
    description=(
        "The agreement browser as data: full-text search (`q`), facets that combine (repeat a "
        "parameter to select several options; options of one facet are OR-ed, facets AND-ed), "
        f"sort and pages of {PAGE_SIZE}. A page past the last gives the last page."
    ),
)
def list_agreements(
    request,
    q: str = Query("", max_length=MAX_QUERY_LENGTH, description="Words to search for."),
    jurisdiction: tuple[str, ...] | None = Query(None, description="Jurisdiction ids (slugs)."),
    level: tuple[str, ...] | None = Query(
        None, description="Levels of government, e.g. provincial."
    ),
    organization: tuple[str, ...] | None = Query(None, description="Organisation ids (slugs)."),
    service_area: tuple[str, ...] | None = Query(None, description="Service area slugs."),
    type: tuple[str, ...] | None = Query(
        None, description="Agreement types, e.g. service_delivery."
    ),
    state: tuple[str, ...] | None = Query(None, description="States, e.g. in_force."),
    year: tuple[str, ...] | None = Query(
        None, description="Years the agreement first took effect."
    ),
    sort: Literal["relevance", "title", "reference", "newest", "oldest", "updated"] | None = Query(
        None, description="Order; best match when searching."
    ),
    language: Literal["en", "fr"] = Query("en", description="Language the title sort uses."),
    page: int = Query(1, ge=1, le=MAX_NUMBER),
):
    query = BrowserQuery.from_params(request.GET)
    context = filter_context(query, day=published.today())
    found = results(context, language=language)
    return {
        "count": found.total,
        "page": found.page,
        "pages": found.pages,
        "page_size": PAGE_SIZE,
        "results": [shapes.agreement_summary(version) for version in _page_versions(found)],
    }


def _page_versions(found) -> list[AgreementVersion]:
    """The page's current versions with their snapshots and agreements, in the page's order
    (one query): the browser's results carry only what its cards show."""
    wanted = [(item.agreement_id, item.number) for item in found.versions]
    if not wanted:
        return []
    matches = Q()
    for agreement_id, number in wanted:
        matches |= Q(agreement_id=agreement_id, number=number)
    versions = AgreementVersion.objects.filter(matches).select_related("agreement")
    by_key = {(version.agreement_id, version.number): version for version in versions}
    return [by_key[key] for key in wanted if key in by_key]


def _lookup(reference: str):
    today = published.today()
    try:
        agreement, versions = queries.agreement_versions(reference, today=today)
    except Http404 as error:
        raise errors.not_found(errors.AGREEMENT_NOT_FOUND) from error
    return today, agreement, versions


@router.get(
    "/agreements/{reference:reference}",
    response={200: AgreementDetail, **NOT_FOUND},
    summary="An agreement as it stands today",
    description=(
        "The current published version, with its parties, responsibilities and the people who "
        "hold their accountable posts today, its relations and every published version."
    ),
)
def get_agreement(request, reference: str = Path(..., pattern=f"^{REFERENCE}$")):
    today, _agreement, versions = _lookup(reference)
    return shapes.agreement_detail(versions[-1], on=today, versions=versions, today=today)


@router.get(
    "/agreements/{reference:reference}/versions/{number}",
    response={200: AgreementDetail, 400: Error, **NOT_FOUND},
    summary="One published version of an agreement",
    description=(
        "The version as signed. For the current version, accountable posts list who holds them "
        "today; for an earlier one, who held them when it took effect."
    ),
)
def get_version(
    request,
    reference: str = Path(..., pattern=f"^{REFERENCE}$"),
    number: int = Path(..., ge=1, le=MAX_NUMBER),
):
    today, _agreement, versions = _lookup(reference)
    version = next((v for v in versions if v.number == number), None)
    if version is None:
        raise errors.not_found(errors.VERSION_NOT_FOUND)
    on = today if version is versions[-1] else None
    return shapes.agreement_detail(version, on=on, versions=versions, today=today)


@router.get(
    "/agreements/{reference:reference}/as-of/{date}",
    response={200: AgreementDetail, 400: Error, **NOT_FOUND},
    summary="An agreement as in force on a date",
    description=(
        "The version that applied on the date (YYYY-MM-DD), with the people who held its "
        "accountable posts that day. 404 before the agreement took effect, after it ended, "
        "and for dates after today."
    ),
)
def get_as_of(
    request,
    date: datetime.date,
    reference: str = Path(..., pattern=f"^{REFERENCE}$"),
):
    today, agreement, versions = _lookup(reference)
    if date > today:
        raise errors.not_found(errors.FUTURE_DATE)
    version = queries.version_as_of(versions, day=date, agreement=agreement)
    if version is None:
        first = versions[0].effective_date
        message = errors.NOT_YET_IN_FORCE if date < first else errors.NO_LONGER_IN_FORCE
        raise errors.not_found(message)
    return shapes.agreement_detail(version, on=date, versions=versions, today=today)
