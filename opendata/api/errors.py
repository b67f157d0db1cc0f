"""The API's error messages (constants, so tests assert them) and its JSON error responses.

Every 4xx the API answers is JSON with a `message`: the views' own 404s and 400s, and, through
`opendata.api.middleware`, the 404 of an address that matches no operation and the 405 of a
method the API does not offer.
"""

from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _

NOT_FOUND = _("Nothing public is found at this address.")
AGREEMENT_NOT_FOUND = _("No published agreement has this reference number.")
VERSION_NOT_FOUND = _("This agreement has no published version with this number.")
NOT_YET_IN_FORCE = _("The agreement was not yet in force on this date.")
NO_LONGER_IN_FORCE = _("The agreement was no longer in force on this date.")
FUTURE_DATE = _("Agreements are given as in force on dates up to today.")
JURISDICTION_NOT_FOUND = _("No jurisdiction has this identifier.")
ORGANIZATION_NOT_FOUND = _("No organisation has this identifier.")
POST_NOT_FOUND = _("No public post has this identifier.")
PERSON_NOT_FOUND = _("No public person has this identifier.")
INVALID_PARAMETERS = _("Some parameters are not valid.")
METHOD_NOT_ALLOWED = _("The API is read-only: only GET is allowed.")
BAD_REQUEST = _("The request is not valid.")


class ApiError(Exception):
    """Raised by an operation to answer with `status` and `message` (JSON)."""

    def __init__(self, status: int, message):
        super().__init__(str(message))
        self.status = status
        self.message = message


def not_found(message) -> ApiError:
    return ApiError(404, message)


def json_error(status: int, message, **extra) -> JsonResponse:
    return JsonResponse({"message": str(message), **extra}, status=status)
