"""What a visitor asks the agreement browser, as read from (and written back to) the URL.

Filters, sort and page live in the query string of a GET form, so every state of the browser
is a link that can be shared, bookmarked and used without JavaScript.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from cms import params as read

PAGE_SIZE = 20
# Downloads hold every match up to this many (the whole registry today, with room to grow).
EXPORT_LIMIT = 50_000
VISIBLE_OPTIONS = 8
MAX_QUERY_LENGTH = 200
SERVICE_AREA_LINK = Agreement.service_areas.through

FACETS = ("jurisdiction", "level", "organization", "service_area", "type", "state", "year")
FACET_LABELS = {
    "jurisdiction": _("Jurisdiction"),
    "level": _("Level of government"),
    "organization": _("Organisation"),
    "service_area": _("Service area"),
    "type": _("Agreement type"),
    "state": _("State"),
    "year": _("Year in force"),
}
# Facets about the agreement's content, which the working copy may be ahead on (see
# cms.published); state and year in force are read from rows that are always current.
CONTENT_FACETS = ("jurisdiction", "level", "organization", "service_area", "type")

SORTS = {
    "relevance": _("Best match"),
    "title": _("Title (A to Z)"),
    "reference": _("Reference number"),
    "newest": _("Newest in force first"),
    "oldest": _("Oldest in force first"),
    "updated": _("Most recently amended first"),
}
# Every query parameter the browser reads (tests/security/test_fuzz_public.py sends each one
# hostile values).
PARAMETERS = ("q", *FACETS, "sort", "page")


@dataclass(frozen=True)
class BrowserQuery:
    """What the visitor asked for, read from the URL's query string (a GET form)."""

    text: str = ""
    selected: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = ""
    page: int = 1

    @classmethod
    def from_params(cls, params: QueryDict) -> "BrowserQuery":
        text = read.text(params, "q", max_length=MAX_QUERY_LENGTH)
        selected = {}
        for name in FACETS:
            values = read.choices(params, name)
            if name == "year":
                values = tuple(v for v in values if v.isascii() and v.isdigit() and len(v) == 4)
            if values:
                selected[name] = values
        sort = params.get("sort", "")
        if sort not in SORTS or (sort == "relevance" and not text):
            sort = ""
        page = read.number(params, "page", default=1) or 1
        return cls(text=text, selected=selected, sort=sort, page=page)

    @property
    def effective_sort(self) -> str:
        return self.sort or ("relevance" if self.text else "title")

    def params(self, **changes) -> list[tuple[str, str]]:
        values = {"q": self.text, "sort": self.sort, "page": str(self.page), **changes}
        pairs = [("q", values["q"])] if values["q"] else []
        for name in FACETS:
            pairs.extend((name, v) for v in self.selected.get(name, ()))
        if values["sort"]:
            pairs.append(("sort", values["sort"]))
        if values["page"] and values["page"] != "1":
            pairs.append(("page", values["page"]))
        return pairs

    def querystring(self, **changes) -> str:
        pairs = self.params(**changes)
        return "?" + urlencode(pairs) if pairs else ""

    def is_selected(self, facet: str, value: str) -> bool:
        return value in self.selected.get(facet, ())

    def without(self, facet: str, value: str) -> str:
        """The query string with one selected option removed (for the "remove filter" links)."""
        kept = BrowserQuery(
            text=self.text,
            selected={
                name: tuple(v for v in values if not (name == facet and v == value))
                for name, values in self.selected.items()
            },
            sort=self.sort,
        )
        return kept.querystring(page="1")

    @property
    def querystring_without_page(self) -> str:
        return self.querystring(page="1")

    def page_querystring(self, page: int) -> str:
        return self.querystring(page=str(page))

    @property
    def is_empty(self) -> bool:
        return not self.text and not self.selected
