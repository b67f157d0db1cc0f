"""What every response under /api/ carries: CORS open for reading, an ETag with 304 answers
to conditional requests, and a JSON body with a message for every 4xx.

Django answers some requests before an API operation runs (an address that matches no operation:
404; a method the operation does not offer: 405; a null character: 400); those bodies are
replaced with JSON here, so a client never has to parse HTML.
"""

import hashlib

from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import quote_etag

from opendata.api import errors

PREFIX = "/api/"
MESSAGES = {
    400: errors.BAD_REQUEST,
    404: errors.NOT_FOUND,
    405: errors.METHOD_NOT_ALLOWED,
}
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Accept-Language, If-None-Match",
    "Access-Control-Expose-Headers": "ETag",
    "Access-Control-Max-Age": "86400",
}


def _is_json(response) -> bool:
    return response.get("Content-Type", "").startswith("application/json")


class ApiResponseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":  # a CORS preflight: nothing to run
            response = HttpResponse(status=204)
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
        return response

    def _conditional(self, request, response):
        if response.streaming:
            return response
        etag = quote_etag(hashlib.sha256(response.content).hexdigest())
        response["ETag"] = etag
        response["Cache-Control"] = "no-cache"
        return get_conditional_response(request, etag=etag, response=response)
