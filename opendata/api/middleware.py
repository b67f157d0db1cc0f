"""What every response under /api/ carries: CORS open for reading, an ETag and a Last-Modified
with 304 answers to conditional requests (If-None-Match, If-Modified-Since), HEAD answered as
GET without the body, and a JSON body with a message for every 4xx.

Django answers some requests before an API operation runs (an address that matches no operation:
404; a method the operation does not offer: 405; a null character: 400); those bodies are
replaced with JSON here, so a client never has to parse HTML.
"""

import hashlib

from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag

from cms import published
from opendata.api import errors
from opendata.api.last_modified import public_data_changed_at

PREFIX = "/api/"
MESSAGES = {
    400: errors.BAD_REQUEST,
    404: errors.NOT_FOUND,
    405: errors.METHOD_NOT_ALLOWED,
}
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Accept-Language, If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified",
    "Access-Control-Max-Age": "86400",
}
# Answers that describe the API itself, not its data: no Last-Modified.
NOT_DATA = ("/api/v1/openapi.json", "/api/v1/docs")


def _is_json(response) -> bool:
    return response.get("Content-Type", "").startswith("application/json")


class ApiResponseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        head = request.method == "HEAD"
        if request.method == "OPTIONS":  # a CORS preflight: nothing to run
            response = HttpResponse(status=204)
        elif head:  # the GET operation's answer, headers only
            request.method = "GET"
            try:
                response = self.get_response(request)
            finally:
                request.method = "HEAD"
        else:
            response = self.get_response(request)
        if 400 <= response.status_code < 500 and not _is_json(response):
            allow = response.get("Allow")
            message = MESSAGES.get(response.status_code, response.reason_phrase)
            response = errors.json_error(response.status_code, message)
            if allow:
                response["Allow"] = allow
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response = self._conditional(request, response)
        for header, value in CORS_HEADERS.items():
            response[header] = value
        patch_vary_headers(response, ("Accept-Language",))
        if head and not response.streaming and response.content:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)  # what the GET would send
        return response

    def _conditional(self, request, response):
        if response.streaming:
            return response
        etag = quote_etag(hashlib.sha256(response.content).hexdigest())
        response["ETag"] = etag
        response["Cache-Control"] = "no-cache"
        last_modified = None
        if request.path_info not in NOT_DATA:
            changed = public_data_changed_at(today=published.today())
            last_modified = int(changed.timestamp())
            response["Last-Modified"] = http_date(last_modified)
        return get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )
