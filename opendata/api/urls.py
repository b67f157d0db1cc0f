"""The API's addresses, outside the language prefixes: /api/v1/ (operations and OpenAPI schema),
/api/v1/docs (documentation), and a JSON 404 for any other address under /api/."""

from django.urls import path, re_path

from opendata.api.docs import api_docs
from opendata.api.errors import NOT_FOUND, json_error
from opendata.api.main import api


def api_not_found(request, rest=""):
    return json_error(404, NOT_FOUND)


urlpatterns = [
    path("api/v1/docs", api_docs, name="api-docs"),
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", api_not_found),
]
