"""Walk every admin URL as staff of an organisation that is party to none of the planted
agreements, and find none of their marker words anywhere: not in pages, site history, change
histories, choosers, searches, exports or PDFs.

Planted (tests/security/planted_secrets.py): a draft, a restricted agreement in force, the working
copy of a public agreement under amendment, and a restricted agreement that the crawler's own
agreement relates to. The URL table (admin_url_table.py) must name every admin URL the resolver
knows, so a new admin URL fails this test until the table says how to walk it.
"""

import io
import itertools
import re
import zipfile
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pypdf import PdfReader

from .admin_url_table import ADMIN_URLS, Ids, Skip, Walk
from .planted_secrets import MARKERS, plant

pytestmark = pytest.mark.django_db

PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")
LANGUAGE_PREFIX = re.compile(r"^/(?:en|fr)/")


def admin_routes() -> list[tuple[str, str]]:
    """(key, route) for every URL pattern under admin/: the key is the namespaced name, or the
    route when the pattern has no name."""

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                yield (f"{namespace}{pattern.name}" if pattern.name else route), route

    return [row for row in walk(get_resolver().url_patterns) if row[1].startswith("admin/")]


def fill(route: str, values: dict) -> str:
    return "/" + PARAMETER.sub(lambda match: str(values[match[1]]), route)


def urls_for(route: str, walk: Walk, ids: dict[str, list]) -> list[str]:
    if walk.paths:
        return [f"/admin/{path}" for path in walk.paths]
    needed = PARAMETER.findall(route)
    if walk.combos:
        return [fill(route, combo) for combo in walk.combos if set(needed) <= set(combo)]
    choices = [kind_ids(walk.params[name], ids) for name in needed]
    return [
        fill(route, dict(zip(needed, values, strict=True)))
        for values in itertools.product(*choices)
    ]


def query(values: dict, ids: dict[str, list]) -> dict:
    return {key: kind_ids(v.kind, ids) if isinstance(v, Ids) else v for key, v in values.items()}


def kind_ids(kind, ids: dict[str, list]) -> list:
    return list(kind) if isinstance(kind, tuple) else ids[kind]


def body_text(response) -> str:
    """Everything a reader of the response could see: HTML, JSON, CSV, the sheets of an XLSX
    file, the text of a PDF."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    texts = [raw.decode("utf-8", errors="replace")]
    if raw.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            texts += [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
    if raw.startswith(b"%PDF"):
        texts += [page.extract_text() or "" for page in PdfReader(io.BytesIO(raw)).pages]
    return "\n".join(texts).lower()


@dataclass
class Crawl:
    requests: int = 0
    urls: set = field(default_factory=set)
    leaks: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def visit(self, client, method: str, url: str, params: dict) -> None:
        response = getattr(client, method)(url, params)
        self.requests += 1
        self.urls.add(url)
        where = f"{method.upper()} {url} {params or ''}".strip()
        if response.status_code >= 500:
            self.errors.append(f"{response.status_code} {where}")
        # A public page may repeat the path asked for (in its language links, by reference):
        # that is the crawler's own input, not a leak.
        text = body_text(response).replace(LANGUAGE_PREFIX.sub("/", url.lower()), "")
        found = [marker for marker in MARKERS if marker.lower() in text]
        if found:
            self.leaks.append(f"{where} ({response.status_code}): {', '.join(found)}")


def public_urls(planted) -> list[tuple[str, dict]]:
    """The public site seen by signed-in staff (what a Wagtail userbar or preview could add)."""
    urls = [
        ("/en/", {}),
        ("/en/agreements/", {}),
        *(("/en/agreements/", {"q": marker[:7]}) for marker in MARKERS),
        ("/en/agreements/results.csv", {}),
        ("/en/agreements/results.json", {}),
        ("/en/network/", {}),
        ("/en/feed/", {}),
        ("/sitemap.xml", {}),
        ("/sitemap-agreements.xml", {}),
        ("/sitemap-versions.xml", {}),
    ]
    for reference in planted.references:
        urls += [
            (f"/en/agreements/{reference}/", {}),
            (f"/en/agreements/{reference}/changes/", {}),
            (f"/fr/agreements/{reference}/versions/1/", {}),
        ]
    return urls


def crawl(client, planted) -> Crawl:
    result = Crawl()
    for url, params in public_urls(planted):
        result.visit(client, "get", url, params)
    for key, route in admin_routes():
        walk = ADMIN_URLS[key]
        if isinstance(walk, Skip):
            continue
        for url in urls_for(route, walk, planted.ids):
            for values in walk.queries:
                result.visit(client, "get", url, query(values, planted.ids))
            if walk.post:
                result.visit(client, "post", url, {})
    return result


def report(label: str, result: Crawl, capsys) -> str:
    skipped = sum(isinstance(walk, Skip) for walk in ADMIN_URLS.values())
    figures = (
        f"admin crawl as {label}: {len(ADMIN_URLS) - skipped} of {len(ADMIN_URLS)} admin URL "
        f"names walked ({skipped} skipped), {len(result.urls)} distinct URLs, "
        f"{result.requests} requests, {len(MARKERS)} markers, {len(result.leaks)} leaks, "
        f"{len(result.errors)} responses >= 500"
    )
    with capsys.disabled():
        print(f"\n[{figures}]")  # noqa: T201 - the figures issue 9 asks for
    return figures


def test_every_admin_url_covered_by_the_crawl_table():
    known = {key for key, _route in admin_routes()}

    assert known == set(ADMIN_URLS), (
        f"admin URLs missing from the crawl table: {sorted(known - set(ADMIN_URLS))}; "
        f"table entries no longer in the resolver: {sorted(set(ADMIN_URLS) - known)}"
    )


def test_no_marker_found_when_crawling_admin_as_non_party_staff(
    client, registrar, liaison_officer_of, minister_office_of, capsys
):
    planted = plant(client, registrar)
    crawlers = {
        "liaison officer": liaison_officer_of(planted.organization),
        "minister's office": minister_office_of(planted.organization),
    }
    planted.ids["user"] += [crawler.pk for crawler in crawlers.values()]
    client.raise_request_exception = False  # count server errors instead of stopping

    results = {}
    for role, crawler in crawlers.items():
        client.force_login(crawler)
        results[role] = crawl(client, planted)
    # The control: the same detector finds every marker where a registrar may read them.
    client.force_login(registrar)
    control = Crawl()
    control.visit(client, "get", reverse("wagtailadmin_reports:site_history_results"), {})
    control.visit(client, "get", reverse("wagtailadmin_reports:site_history"), {"export": "xlsx"})

    for role, result in results.items():
        figures = report(f"a non-party {role}", result, capsys)
        assert not result.leaks, f"{figures}\n" + "\n".join(result.leaks[:40])
        assert not result.errors, f"{figures}\n" + "\n".join(result.errors[:40])
    assert [leak.rsplit(": ", 1)[1] for leak in control.leaks] == [", ".join(MARKERS)] * 2
