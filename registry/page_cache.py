"""The anonymous page cache: public pages served from Django's cache, invalidated by a data version.

A public page depends only on its address, the day (versions take effect on a date) and the
published data. So a page is kept under (host, path and query, today, data version), and the data
version is raised whenever a row of the published data changes: a version signed, an agreement
restricted or expired, a jurisdiction renamed, an editorial page published. Every process sharing
the cache (Redis through REDIS_URL; local memory otherwise, for one process) sees the new version
at once, so no cached page outlives the data it showed: there is no timeout to wait for.

Only the public site's own pages are kept: GET or HEAD under a language prefix, from a visitor
without a session, answered 200 with no cookie set and no `Vary: Cookie` (so a page holding a
CSRF token, such as the verification form, is never shared) and no other `Vary` than the
language or the encoding. Each kept page carries an ETag and a
Last-Modified date, and a browser that sends them back gets a 304.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from registry.cache_versions import CacheVersion

VERSION_KEY = "page-cache:data-version"
DATA_VERSION = CacheVersion(VERSION_KEY)
# Cache-Control of a kept page: any cache may keep it, but must ask again each time (a 304 when
# nothing changed), so a restricted agreement never lingers in a browser or a proxy.
REVALIDATE = "public, max-age=0, must-revalidate"
MAX_QUERY_LENGTH = 256


def data_version() -> int:
    return DATA_VERSION.current()


def published_data_changed() -> None:
    """Raise the data version, once the current transaction commits (so no request can keep a
    page of the old data under the new version)."""
    transaction.on_commit(DATA_VERSION.raise_now)


def _enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0


def _public_page_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    # Any query string makes a new entry: long ones (no page needs them) are not kept, so nobody
    # can fill the cache with them.
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
    return request.path.startswith(prefixes)


def _keepable(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # The key is the address: a page that differs by another request header (the feed answers
    # browsers and feed readers with different types, `Vary: Accept`) is not kept.
    varies = {header.strip().lower() for header in response.get("Vary", "").split(",")}
    if varies - {"", "accept-language", "accept-encoding"}:
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def _key(request) -> str:
    address = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"page-cache:{data_version()}:{timezone.localdate().isoformat()}:{digest}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _enabled() or not _public_page_request(request):
            return self.get_response(request)
        key = _key(request)  # read before the page is made: a change meanwhile moves the key on
        kept = cache.get(key)
        if kept is not None:
            return self._answer(request, kept, "hit")
        response = self.get_response(request)
        if not _keepable(response):
            return response
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()}"'
        response["Last-Modified"] = http_date()
        if "Cache-Control" not in response:
            response["Cache-Control"] = REVALIDATE
        cache.set(key, response, timeout=settings.PAGE_CACHE_SECONDS)
        return self._answer(request, response, "miss")

    @staticmethod
    def _answer(request, response, outcome):
        conditional = get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=None,  # the ETag is exact; a date would only be coarser
            response=response,
        )
        conditional["X-Page-Cache"] = outcome
        return conditional
