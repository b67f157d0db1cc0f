"""One formatter per language for dates and times (registry/dates.py), used by every template
through the `long_date` and `date_time` filters, never through Django's `|date`."""

import datetime
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = ("accounts", "agreements", "cms", "jurisdictions", "opendata", "templates")
UTC = datetime.UTC


def _render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template(source).render(Context(context))


@pytest.mark.parametrize("library", ["public_tags", "registry_dates"])
@pytest.mark.parametrize(
    ("value", "english", "french"),
    [
        (datetime.date(2019, 4, 1), "1 April 2019", "1er avril 2019"),
        (datetime.date(2023, 10, 1), "1 October 2023", "1er octobre 2023"),
        (datetime.date(2021, 8, 30), "30 August 2021", "30 août 2021"),
        ("2021-12-02", "2 December 2021", "2 décembre 2021"),
        # A moment's day is its day in the registry's time zone (America/Moncton).
        (datetime.datetime(2022, 1, 1, 2, 30, tzinfo=UTC), "31 December 2021", "31 décembre 2021"),
        (None, "—", "—"),
        ("not a date", "—", "—"),
    ],
)
def test_long_date_written_as_each_language_does(library, value, english, french):
    source = f"{{% load {library} %}}{{{{ value|long_date|default:'—' }}}}"

    assert _render(source, "en", value=value) == english
    assert _render(source, "fr", value=value) == french


@pytest.mark.parametrize("library", ["public_tags", "registry_dates"])
@pytest.mark.parametrize(
    ("value", "english", "french"),
    [
        (
            datetime.datetime(2019, 4, 1, 17, 5, tzinfo=UTC),
            "1 April 2019, 14:05 ADT",
            "1er avril 2019, 14 h 05 HAA",
        ),
        (
            datetime.datetime(2024, 1, 15, 13, 0, tzinfo=UTC),
            "15 January 2024, 09:00 AST",
            "15 janvier 2024, 9 h HNA",
        ),
        (datetime.date(2024, 1, 15), "15 January 2024", "15 janvier 2024"),
    ],
)
def test_date_time_in_local_time_with_the_zone_when_shown(library, value, english, french):
    source = f"{{% load {library} %}}{{{{ value|date_time }}}}"

    assert _render(source, "en", value=value) == english
    assert _render(source, "fr", value=value) == french


def test_zone_written_as_an_offset_in_french_when_it_has_no_french_abbreviation(settings):
    settings.TIME_ZONE = "Australia/Sydney"
    moment = datetime.datetime(2024, 1, 15, 13, 0, tzinfo=UTC)

    assert _render("{% load registry_dates %}{{ m|date_time }}", "en", m=moment) == (
        "16 January 2024, 00:00 AEDT"
    )
    assert _render("{% load registry_dates %}{{ m|date_time }}", "fr", m=moment) == (
        "16 janvier 2024, 0 h UTC+11"
    )


# `|date` is allowed only inside a machine-readable datetime="…" attribute.
DATE_FILTER = re.compile(r"\|\s*date\b(?!_)")
MACHINE_READABLE = re.compile(r'datetime="[^"]*"')


def _templates():
    for directory in TEMPLATE_DIRS:
        yield from (ROOT / directory).rglob("*.html")
        yield from (ROOT / directory).rglob("*.txt")
        yield from (ROOT / directory).rglob("*.xml")


def test_no_template_shows_a_date_with_django_date_filter_when_templates_are_read():
    offenders = []
    for path in _templates():
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if DATE_FILTER.search(MACHINE_READABLE.sub("", line)):
                offenders.append(f"{path.relative_to(ROOT)}:{number}")

    assert offenders == []


def test_date_filter_detected_when_a_template_line_uses_it():
    assert DATE_FILTER.search('{{ version.effective_date|date:"j F Y" }}')
    assert DATE_FILTER.search("{{ x|date }}")
    assert not DATE_FILTER.search("{{ x|date_time }}")
    assert not DATE_FILTER.search(MACHINE_READABLE.sub("", "<time datetime=\"{{ d|date:'c' }}\">"))
