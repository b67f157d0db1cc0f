"""The public API (django-ninja): read-only, at /api/v1/, with its OpenAPI schema at
/api/v1/openapi.json and a documentation page at /api/v1/docs (opendata.api.docs)."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import ValidationError

from opendata.api import agreements, errors, reference

api = NinjaAPI(
    title="Intergovernmental service agreement registry",
    version="1",
    description=(
        "Read-only open data: published versions of public agreements, and the jurisdictions, "
        "organisations, posts, people and memberships they name (Popolo, Open Civic Data). "
        "Bilingual text is given in English and French. Responses carry an ETag: send it back "
        "in If-None-Match to get 304 Not Modified when nothing changed. Every error is JSON with "
        "a message."
    ),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url=None,
)
api.add_router("", agreements.router)
api.add_router("", reference.router)


@api.get("/", include_in_schema=False)
def index(request):
    """Where each resource lives."""
    base = "/api/v1"
    return {
        "agreements": f"{base}/agreements",
        "jurisdictions": f"{base}/jurisdictions",
        "organizations": f"{base}/organizations",
        "posts": f"{base}/posts",
        "people": f"{base}/people",
        "memberships": f"{base}/memberships",
        "openapi": f"{base}/openapi.json",
        "docs": f"{base}/docs",
    }


def _invalid(request, exc: ValidationError):
    details = [
        {"location": [str(part) for part in error.get("loc", ())], "message": error.get("msg", "")}
        for error in exc.errors
    ]
    return errors.json_error(400, errors.INVALID_PARAMETERS, errors=details)


def _api_error(request, exc: errors.ApiError):
    return errors.json_error(exc.status, exc.message)


def _not_found(request, exc: Http404):
    return errors.json_error(404, errors.NOT_FOUND)


api.add_exception_handler(ValidationError, _invalid)
api.add_exception_handler(errors.ApiError, _api_error)
api.add_exception_handler(Http404, _not_found)
