"""Thin views behind the routable pages: read through cms selectors, render a template."""

import json

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements import as_of
from agreements.changes import summarise_changes
from cms import browser, selectors
from cms import network as network_module
from cms import params as read
from cms.changes_text import describe_changes
from cms.documents import version_documents
from cms.links import site_links
from cms.localizing import localize
from registry.bilingual import active_language
from registry.csv_safety import safe_writer


def _context(request, page, **extra):
    context = page.get_context(request)
    context.update(extra)
    context["links"] = site_links(request)
    return context


# --- Home ----------------------------------------------------------------------------------------


def home_context(request) -> dict:
    today = timezone.localdate()
    # One context: the facets and the figures share the stored counts it reads once.
    context = browser.filter_context(browser.BrowserQuery())
    options = browser.facets_only(
        context, ("jurisdiction", "service_area"), language=active_language()
    )
    return {
        "counts": browser.home_counts(context),
        "latest": browser.latest_versions(today=today),
        "browse_jurisdictions": options["jurisdiction"][:12],
        "browse_service_areas": options["service_area"],
        "links": site_links(request),
    }


# --- Agreement browser ---------------------------------------------------------------------------


def agreement_browser(request, *, page):
    query = browser.BrowserQuery.from_params(request.GET)
    facets, results = browser.browse(query, language=active_language())
    return TemplateResponse(
        request,
        "cms/agreement_browser.html",
        _context(request, page, query=query, facets=facets, results=results, sorts=browser.SORTS),
    )


EXPORT_COLUMNS = (
    "reference",
    "title_en",
    "title_fr",
    "type",
    "state",
    "parties",
    "jurisdictions",
    "service_areas",
    "first_in_force",
    "current_version",
    "current_version_effective",
    "expiry_date",
    "url",
)


def _export_rows(request, *, page):
    query = browser.BrowserQuery.from_params(request.GET)
    links = site_links(request)
    for version in browser.all_results(query, language=active_language()):
        snapshot = version.snapshot
        agreement = snapshot["agreement"]
        parties = [p["organization"] for p in snapshot["parties"]]
        yield {
            "reference": version.agreement.reference,
            "title_en": agreement["title"]["en"],
            "title_fr": agreement["title"]["fr"],
            "type": agreement["type"]["code"],
            "state": version.agreement.state,
            "parties": [localize(p["name"]).text for p in parties],
            "jurisdictions": sorted({localize(p["jurisdiction"]["name"]).text for p in parties}),
            "service_areas": [area["slug"] for area in agreement["service_areas"]],
            "first_in_force": version.first_effective.isoformat()
            if version.first_effective
            else None,
            "current_version": version.number,
            "current_version_effective": version.effective_date.isoformat(),
            "expiry_date": version.expiry_date.isoformat() if version.expiry_date else None,
            "url": request.build_absolute_uri(links.agreement(version.agreement.reference)),
        }


class _Echo:
    def write(self, value):
        return value


def agreement_results_csv(request, *, page):
    writer = safe_writer(_Echo())  # cells starting like a formula are neutralised

    def lines():
        yield writer.writerow(EXPORT_COLUMNS)
        for row in _export_rows(request, page=page):
            yield writer.writerow(
                [
                    "; ".join(value)
                    if isinstance(value, list)
                    else ("" if value is None else value)
                    for value in (row[column] for column in EXPORT_COLUMNS)
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="agreements.csv"'
    return response


def agreement_results_json(request, *, page):
    rows = list(_export_rows(request, page=page))
    body = json.dumps({"count": len(rows), "results": rows}, ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="agreements.json"'
    return response


# The query parameters of the page comparing two versions.
CHANGES_PARAMETERS = ("from", "to")


# --- Agreement page ------------------------------------------------------------------------------


def agreement_detail(request, *, page, reference: str, number: int | None):
    today = timezone.localdate()
    # "As in force on D" (`?on=`) is asked of the agreement's own page, not of a version's.
    asked = as_of.read_day(request.GET, latest=today) if number is None else as_of.DayRequest()
    try:
        view = selectors.agreement_view(reference, number=number, today=today, on=asked.day)
    except Http404:
        return agreement_redirect(request, page=page, reference=reference, number=number)
    if number is not None and view.is_current:
        return redirect(site_links(request).agreement(reference))
    documents = version_documents(view.versions)
    versions = [
        {
            "version": version,
            "changes": describe_changes(version.change_summary),
            "documents": documents.get(version.pk, []),
        }
        for version in reversed(view.versions)
    ]
    return TemplateResponse(
        request,
        "cms/agreement_page.html",
        _context(
            request,
            page,
            view=view,
            snapshot=view.snapshot,
            version_rows=versions,
            documents=documents.get(view.version.pk, []),
            as_of_request=asked,
        ),
    )


def agreement_redirect(
    request, *, page, reference: str, number: int | None = None, changes: bool = False
):
    """A reference number written another way ("snb-2019-001", "SNB2019001") leads, for good,
    to the agreement's canonical address (query string kept); anything else is not found."""
    canonical = selectors.canonical_reference(reference)
    if canonical is None:
        raise Http404
    links = site_links(request)
    if changes:
        url = links.changes(canonical)
    elif number is not None:
        url = links.version(canonical, number)
    else:
        url = links.agreement(canonical)
    query = request.META.get("QUERY_STRING", "")
    return redirect(f"{url}?{query}" if query else url, permanent=True)


def agreement_changes(request, *, page, reference: str):
    try:
        agreement, versions = selectors.published_agreement(reference)
    except Http404:
        return agreement_redirect(request, page=page, reference=reference, changes=True)
    by_number = {version.number: version for version in versions}
    before_number = read.number(
        request.GET, "from", default=versions[-2].number if len(versions) > 1 else 1
    )
    after_number = read.number(request.GET, "to", default=versions[-1].number)
    before, after = by_number.get(before_number), by_number.get(after_number)
    if before is None or after is None:
        raise Http404
    changes = describe_changes(summarise_changes(before.snapshot, after.snapshot))
    return TemplateResponse(
        request,
        "cms/agreement_changes.html",
        _context(
            request,
            page,
            agreement=agreement,
            snapshot=versions[-1].snapshot,
            versions=versions,
            before=before,
            after=after,
            changes=changes,
        ),
    )


# --- Jurisdictions -------------------------------------------------------------------------------


def jurisdiction_tree(request, *, page):
    return TemplateResponse(
        request,
        "cms/jurisdiction_index.html",
        _context(request, page, roots=selectors.jurisdiction_tree()),
    )


def jurisdiction_detail(request, *, page, slug: str):
    view = selectors.jurisdiction_view(slug)
    return TemplateResponse(
        request, "cms/jurisdiction_page.html", _context(request, page, view=view)
    )


# --- Network -------------------------------------------------------------------------------------


def network(request, *, page):
    country, service_area = (read.text(request.GET, name) for name in network_module.PARAMETERS)
    graph = network_module.network(country=country, service_area=service_area)
    return TemplateResponse(
        request,
        "cms/network_page.html",
        _context(
            request,
            page,
            graph=graph,
            country=country,
            service_area=service_area,
            service_area_choices=graph.service_areas,
            no_links_message=_("No published agreements match these filters."),
        ),
    )


# --- Robots --------------------------------------------------------------------------------------


def robots_txt(request):
    """Crawlers may read everything public but the downloads and the staff side."""
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/results.csv",
        "Disallow: /*/results.json",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
