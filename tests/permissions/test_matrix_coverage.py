"""Every agreement URL is in the permission matrix: the URL resolver is walked, and a URL that
shows or acts on agreements but has no row in tests/permissions/matrix.py fails the build."""

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.contrib.routable_page.models import RoutablePageMixin

from agreements.models import Agreement
from tests.permissions.matrix import LEFT_OUT, MATRIX, ROLES


def _patterns(entries, prefix="", namespace=""):
    for entry in entries:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name or prefix + str(entry.pattern), entry


def _agreement_models() -> set:
    """Agreement and every model with a foreign key to it (parties, versions, amendments…)."""
    return {Agreement} | {
        model
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if getattr(field, "many_to_one", False) and field.related_model is Agreement
    }


def _view_model(pattern: URLPattern):
    callback = pattern.callback
    initkwargs = getattr(callback, "view_initkwargs", None) or {}
    view_class = getattr(callback, "view_class", None)
    return initkwargs.get("model") or getattr(view_class, "model", None)


def _page_routes():
    """The sub-routes of routable pages (served under a page's URL, which Django's resolver
    does not know), named "page:<page model>:<route name>"."""
    for model in apps.get_models():
        if issubclass(model, RoutablePageMixin):
            for route, name, pattern in _patterns(model.get_resolver().url_patterns):
                yield model, route, f"page:{model.__name__}:{name}", pattern


def _all_url_names() -> set[str]:
    names = {name for _route, name, _pattern in _patterns(get_resolver().url_patterns)}
    return names | {name for _model, _route, name, _pattern in _page_routes()}


def agreement_url_names() -> set[str]:
    """URLs that show or act on agreements: by the model their view serves, by a route or name
    that mentions agreements, or, on the public site, every route of an agreement page model
    and every route that takes a reference number."""
    models = _agreement_models()
    names = set()
    for route, name, pattern in _patterns(get_resolver().url_patterns):
        mentions = "agreement" in route.lower() or "agreement" in name.lower()
        if mentions or _view_model(pattern) in models:
            names.add(name)
    for model, route, name, _pattern in _page_routes():
        if "agreement" in model.__name__.lower() or "reference" in route:
            names.add(name)
    return names


def test_every_agreement_url_is_in_the_matrix_when_urls_are_enumerated():
    missing = agreement_url_names() - MATRIX.keys() - LEFT_OUT.keys()
    assert missing == set(), "Add these URLs to tests/permissions/matrix.py"


def test_every_matrix_url_exists_when_urls_are_enumerated():
    assert set(MATRIX) - _all_url_names() == set()


def test_every_role_has_an_answer_when_matrix_is_read():
    incomplete = [name for name, url in MATRIX.items() if set(url.expected) != set(ROLES)]
    assert incomplete == []


def test_agreement_urls_are_found_when_enumerated_by_model_or_page():
    """The enumeration finds agreement URLs by their model, not only by their wording, and the
    public agreement pages' sub-routes."""
    names = agreement_url_names()
    assert {
        "parties:edit",
        "responsibilities:inspect",
        "page:AgreementIndexPage:agreement",
    } <= names
