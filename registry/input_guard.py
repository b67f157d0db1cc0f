"""Refuse requests whose address carries a null character, before any view reads it.

No page of the registry uses one, and PostgreSQL cannot store or compare text that holds one
(psycopg raises on the query), so a `%00` in a path or in any query parameter would otherwise
reach the database from whichever view reads that parameter. Refusing it here covers every
view, public and staff, present and future. A cookie carrying one (a forged session id, say)
is dropped, as if the browser had not sent it, so that the session store never queries with it.
Form fields are not checked here: Django's form fields already refuse null characters with a
message beside the field.
"""

from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

NUL = "\x00"
NUL_REFUSED = _(
    "This address contains a null character, which no page of the registry uses. "
    "Check the link and try again."
)


def _carries_nul(request) -> bool:
    if NUL in request.path_info:
        return True
    return any(
        NUL in key or any(NUL in value for value in values) for key, values in request.GET.lists()
    )


class NullCharacterMiddleware:
    """Answer 400 with a clear message when the path or the query string holds a null character."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.COOKIES = {
            name: value
            for name, value in request.COOKIES.items()
            if NUL not in name and NUL not in value
        }
        if _carries_nul(request):
            # Rendered without the request: the page's own address is what is broken.
            body = render_to_string("bad_request.html", {"message": NUL_REFUSED})
            return HttpResponseBadRequest(body)
        return self.get_response(request)
