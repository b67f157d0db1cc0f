"""Reference data operations, shaped after Popolo: jurisdictions, organisations, posts, people
and memberships. Lists come in pages of PAGE_SIZE, ordered by id; a page past the last is empty."""

from collections.abc import Callable

from django.db.models import QuerySet
from ninja import Path, Query, Router

from cms import published
from cms.params import MAX_NUMBER
from jurisdictions.models import Jurisdiction, Organization
from opendata import shapes
from opendata.api import errors, queries
from opendata.api import schemas as s

PAGE_SIZE = 100

router = Router(tags=["reference data"])
MAX_ID = 2**31 - 1  # larger ids are no row (and would overflow a database integer)


def page_number():
    return Query(1, ge=1, le=MAX_NUMBER, description=f"Page number (pages of {PAGE_SIZE}).")


def _page(queryset: QuerySet, page: int, shape: Callable) -> dict:
    """One page of `queryset` (already ordered): two queries."""
    count = queryset.count()
    start = (page - 1) * PAGE_SIZE
    items = list(queryset[start : start + PAGE_SIZE]) if start < count else []
    return {
        "count": count,
        "page": page,
        "pages": max(1, -(-count // PAGE_SIZE)),
        "page_size": PAGE_SIZE,
        "results": [shape(item) for item in items],
    }


def _one(queryset: QuerySet, message, **lookups):
    item = queryset.filter(**lookups).first()
    if item is None:
        raise errors.not_found(message)
    return item


def _jurisdictions() -> QuerySet[Jurisdiction]:
    return Jurisdiction.objects.select_related("parent").order_by("slug")


def _organizations() -> QuerySet[Organization]:
    return Organization.objects.select_related("jurisdiction", "parent").order_by("slug")


@router.get(
    "/jurisdictions",
    response={200: s.JurisdictionPage, 400: s.Error},
    summary="List jurisdictions",
    description="Governments, with Open Civic Data division ids and ISO 3166 codes.",
)
def list_jurisdictions(
    request,
    parent: str | None = Query(None, max_length=200, description="Parent jurisdiction id."),
    page: int = page_number(),
):
    jurisdictions = _jurisdictions()
    if parent:
        jurisdictions = jurisdictions.filter(parent__slug=parent)
    return _page(jurisdictions, page, shapes.jurisdiction)


@router.get(
    "/jurisdictions/{slug}",
    response={200: s.Jurisdiction, 404: s.Error},
    summary="A jurisdiction",
)
def get_jurisdiction(request, slug: str):
    return shapes.jurisdiction(_one(_jurisdictions(), errors.JURISDICTION_NOT_FOUND, slug=slug))


@router.get(
    "/organizations",
    response={200: s.OrganizationPage, 400: s.Error},
    summary="List organisations",
    description="Bodies inside jurisdictions (Popolo organizations).",
)
def list_organizations(
    request,
    jurisdiction: str | None = Query(None, max_length=200, description="Jurisdiction id."),
    page: int = page_number(),
):
    organizations = _organizations()
    if jurisdiction:
        organizations = organizations.filter(jurisdiction__slug=jurisdiction)
    return _page(organizations, page, shapes.organization)


@router.get(
    "/organizations/{slug}",
    response={200: s.Organization, 404: s.Error},
    summary="An organisation",
)
def get_organization(request, slug: str):
    return shapes.organization(_one(_organizations(), errors.ORGANIZATION_NOT_FOUND, slug=slug))


def _posts():
    positions = queries.public_positions(today=published.today())
    return positions.select_related("organization").order_by("pk")


@router.get(
    "/posts",
    response={200: s.PostPage, 400: s.Error},
    summary="List posts",
    description=(
        "Positions (Popolo posts) that a published agreement names as accountable, signatory "
        "or member of its governing body."
    ),
)
def list_posts(
    request,
    organization: str | None = Query(None, max_length=200, description="Organisation id."),
    page: int = page_number(),
):
    posts = _posts()
    if organization:
        posts = posts.filter(organization__slug=organization)
    return _page(posts, page, shapes.post)


@router.get(
    "/posts/{int:post_id}",
    response={200: s.Post, 400: s.Error, 404: s.Error},
    summary="A post",
)
def get_post(request, post_id: int = Path(..., ge=1, le=MAX_ID)):
    return shapes.post(_one(_posts(), errors.POST_NOT_FOUND, pk=post_id))


def _people():
    positions = queries.public_positions(today=published.today())
    return queries.public_people(positions=positions).order_by("pk")


@router.get(
    "/people",
    response={200: s.PersonPage, 400: s.Error},
    summary="List people",
    description="People who hold or held a public post. Contact details are never published.",
)
def list_people(request, page: int = page_number()):
    return _page(_people(), page, shapes.person)


@router.get(
    "/people/{int:person_id}",
    response={200: s.Person, 400: s.Error, 404: s.Error},
    summary="A person",
)
def get_person(request, person_id: int = Path(..., ge=1, le=MAX_ID)):
    return shapes.person(_one(_people(), errors.PERSON_NOT_FOUND, pk=person_id))


@router.get(
    "/memberships",
    response={200: s.MembershipPage, 400: s.Error},
    summary="List memberships",
    description="Appointments of people to public posts, from a date to a date.",
)
def list_memberships(
    request,
    person: int | None = Query(None, ge=1, le=MAX_ID, description="Person id."),
    post: int | None = Query(None, ge=1, le=MAX_ID, description="Post id."),
    page: int = page_number(),
):
    positions = queries.public_positions(today=published.today())
    memberships = (
        queries.public_memberships(positions=positions)
        .select_related("position__organization")
        .order_by("pk")
    )
    if person is not None:
        memberships = memberships.filter(person_id=person)
    if post is not None:
        memberships = memberships.filter(position_id=post)
    return _page(memberships, page, shapes.membership)
