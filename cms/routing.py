"""Wagtail's page routing, read from a cached picture of the page tree.

Before a public page does any work of its own, Wagtail finds the Site that answers the host (one
query), walks the page tree one query per URL segment, turns the page found into its specific
class (one more) and reads the view restrictions of the page and its ancestors (two); the
navigation (`cms.links`) looks up the singleton and menu pages (four more). Those answers change
only when someone changes a page or a site, so they are kept in Django's cache under a
*site-structure version*, which `site_structure_changed()` raises whenever a page, a site, a view
restriction or a locale is saved, deleted, published, unpublished or moved (`cms.apps` connects
the signals). Every process sharing the cache sees the new version at once; nothing waits for a
timeout.

The picture (`SiteStructure`) holds, for every page, what routing needs: its place in the tree,
its slug, whether it is live, whether a view restriction applies to it, and its specific page
instance (kept under its own key, so a request unpickles only the page it serves). Routing on it
follows Wagtail's own rules (`Page.route`, `RoutablePageMixin.route`); a page class with a
routing of its own is handed back to Wagtail. A page with a view restriction is routed here but
its restrictions are checked by Wagtail as usual (`BilingualPage.get_view_restrictions`).

With settings.SITE_STRUCTURE_CACHE off (production without a shared cache: one process's change
could not reach another's memory), the picture is built for each request instead, which still
costs fewer queries than Wagtail's walk plus the navigation.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.http.request import split_domain_port
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from registry.cache_versions import CacheVersion

VERSION_KEY = "site-structure:version"
SITE_STRUCTURE_VERSION = CacheVersion(VERSION_KEY)
# Wagtail models whose rows make up the site's structure (besides the cms app's own pages).
STRUCTURE_MODELS = frozenset(
    {"page", "site", "pageviewrestriction", "pageviewrestriction_groups", "locale"}
)
STRUCTURE_APPS = frozenset({"cms"})


def enabled() -> bool:
    return bool(getattr(settings, "SITE_STRUCTURE_CACHE", False))


# --- The version ---------------------------------------------------------------------------------


def version(request=None) -> int:
    """The site-structure version, read once per request."""
    known = getattr(request, "_site_structure_version", None) if request is not None else None
    if known is not None:
        return known
    current = SITE_STRUCTURE_VERSION.current()
    if request is not None:
        request._site_structure_version = current
    return current


def raise_version() -> None:
    """Forget every cached route and navigation at once."""
    SITE_STRUCTURE_VERSION.raise_now()


def site_structure_changed() -> None:
    """Forget every cached route and navigation: now (so this transaction's own requests and
    tests see the change) and again once the transaction commits (so no other process keeps
    what it read before the commit under the new version)."""
    SITE_STRUCTURE_VERSION.raise_now_and_on_commit()


def structure_written(sender, **kwargs) -> None:
    """Receiver of save, delete and many-to-many signals: a write to a page, a site, a view
    restriction or a locale changes the site's structure (cms.apps)."""
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return
    if meta.app_label in STRUCTURE_APPS or (
        meta.app_label == "wagtailcore" and meta.model_name in STRUCTURE_MODELS
    ):
        site_structure_changed()


def page_changed(sender=None, **kwargs) -> None:
    """Receiver of Wagtail's page_published, page_unpublished and post_page_move."""
    site_structure_changed()


# --- The picture of the page tree ----------------------------------------------------------------


@dataclass(frozen=True)
class PageFacts:
    """What routing and the navigation need to know of one page."""

    id: int
    path: str
    depth: int
    slug: str
    live: bool
    show_in_menus: bool
    app_label: str
    model: str
    # A view restriction applies to the page or an ancestor (aliases read their source's).
    restricted: bool
    routable: bool
    # The page's class routes in its own way: Wagtail routes it.
    custom_route: bool


@dataclass
class SiteStructure:
    pages: dict[int, PageFacts] = field(default_factory=dict)
    # (parent's tree path, child's slug) -> child's id
    children: dict[tuple[str, str], int] = field(default_factory=dict)
    # Specific page instances, when the picture was built for one request (cache off).
    instances: dict[int, Page] = field(default_factory=dict)

    def in_order(self) -> list[PageFacts]:
        return sorted(self.pages.values(), key=lambda facts: facts.path)


def _custom_route(page_class: type) -> bool:
    route = getattr(page_class, "route", None)
    return route is not Page.route and route is not RoutablePageMixin.route


def _build() -> tuple[SiteStructure, dict[int, Page]]:
    """Every page of the tree, in one query per page type, and every view restriction."""
    instances = {page.pk: page for page in Page.objects.order_by("path").specific()}
    restricted_ids = set(PageViewRestriction.objects.values_list("page_id", flat=True))
    by_path = {page.path: page for page in instances.values()}

    def source(page: Page) -> Page:
        seen = set()
        while page.alias_of_id and page.alias_of_id in instances and page.pk not in seen:
            seen.add(page.pk)
            page = instances[page.alias_of_id]
        return page

    structure = SiteStructure()
    steplen = Page.steplen
    for page in instances.values():
        lineage = [
            by_path.get(page.path[:end]) for end in range(steplen, len(page.path) + 1, steplen)
        ]
        restricted = any(source(node).pk in restricted_ids for node in lineage if node is not None)
        page_class = type(page)
        structure.pages[page.pk] = PageFacts(
            id=page.pk,
            path=page.path,
            depth=page.depth,
            slug=page.slug,
            live=page.live,
            show_in_menus=page.show_in_menus,
            app_label=page_class._meta.app_label,
            model=page_class._meta.model_name,
            restricted=restricted,
            routable=isinstance(page, RoutablePageMixin),
            custom_route=_custom_route(page_class),
        )
        if page.depth > 1:
            structure.children[(page.path[:-steplen], page.slug)] = page.pk
    return structure, instances


def _key(current: int, *parts) -> str:
    return ":".join(["site-structure", str(current), *(str(part) for part in parts)])


def cache_key(request, *parts) -> str:
    """A cache key for something derived from the site's structure (e.g. cms.links)."""
    return _key(version(request), *parts)


def structure(request=None) -> SiteStructure:
    """The picture of the page tree for the current version (kept on the request)."""
    known = getattr(request, "_site_structure", None) if request is not None else None
    if known is not None:
        return known
    if enabled():
        current = version(request)
        found = cache.get(_key(current, "tree"))
        if found is None:
            found, instances = _build()
            cache.set_many(
                {_key(current, "page", pk): page for pk, page in instances.items()}, timeout=None
            )
            cache.set(_key(current, "tree"), found, timeout=None)
    else:
        found, instances = _build()
        found.instances = instances
    if request is not None:
        request._site_structure = found
    return found


def pages(ids: list[int], request=None) -> dict[int, Page]:
    """Specific page instances by id, each a fresh copy for this request."""
    tree = structure(request)
    if tree.instances or not enabled():
        return {pk: tree.instances[pk] for pk in ids if pk in tree.instances}
    current = version(request)
    keys = {_key(current, "page", pk): pk for pk in ids}
    found = {keys[key]: page for key, page in cache.get_many(list(keys)).items()}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        loaded = {page.pk: page for page in Page.objects.filter(pk__in=missing).specific()}
        cache.set_many(
            {_key(current, "page", pk): page for pk, page in loaded.items()}, timeout=None
        )
        found.update(loaded)
    return found


# --- Sites ---------------------------------------------------------------------------------------

_NO_SITE = "none"


def site_for(request) -> Site | None:
    """Wagtail's `Site.find_for_request`, its answer for this host and port kept in the cache."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    if not enabled():
        return Site.find_for_request(request)
    hostname = split_domain_port(request._get_raw_host())[0]
    key = _key(version(request), "site", hostname, request.get_port())
    found = cache.get(key)
    if found is None:
        site = Site._find_for_request(request)
        cache.set(key, site if site is not None else _NO_SITE, timeout=None)
    else:
        site = None if found == _NO_SITE else found
    request._wagtail_site = site
    return site


# --- Routing -------------------------------------------------------------------------------------


class _HandBack(Exception):
    """A page on the way routes in its own way: let Wagtail route the whole request."""


def _route(request, tree: SiteStructure, root_id: int, components: list[str]) -> RouteResult:
    """Wagtail's `Page.route` and `RoutablePageMixin.route`, walked on the picture. Raises
    Http404 where they would."""
    facts = tree.pages.get(root_id)
    if facts is None:
        raise Http404
    position = 0
    while True:
        if facts.custom_route:
            raise _HandBack
        remaining = components[position:]
        if facts.routable and facts.live:
            page = pages([facts.id], request)[facts.id]
            path = "/" + "".join(f"{component}/" for component in remaining)
            try:
                match = page.resolve_subpage(path)
            except Http404:
                pass
            else:
                request.routable_resolver_match = match
                view, args, kwargs = match
                return _result(page, facts, args=(view, args, kwargs))
        if not remaining:
            if not facts.live:
                raise Http404
            return _result(pages([facts.id], request)[facts.id], facts)
        child = tree.children.get((facts.path, remaining[0]))
        if child is None:
            raise Http404
        facts = tree.pages[child]
        position += 1


def _result(page: Page, facts: PageFacts, args=None) -> RouteResult:
    if not facts.restricted:
        # No view restriction applies: Wagtail's check needs no query (BilingualPage).
        page._no_view_restrictions = True
    return RouteResult(page, args=args)


def prime(request, path: str) -> None:
    """Answer Wagtail's site and route lookups for this request from the picture, as Wagtail
    would (`Page.route_for_request` reads `request._wagtail_route_for_request`)."""
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return  # localized root pages: Wagtail routes
    site = site_for(request)
    if site is None:
        request._wagtail_route_for_request = None
        return
    components = [component for component in path.split("/") if component]
    try:
        result = _route(request, structure(request), site.root_page_id, components)
    except Http404:
        result = None
    except _HandBack:
        return
    request._wagtail_route_for_request = result


def serve(request, path):
    """Wagtail's page-serving view, routed from the picture of the page tree."""
    prime(request, path)
    return wagtail_views.serve(request, path)
