"""CSV cells that start like a formula are written with a leading single quote (OWASP)."""

import csv
import io
from decimal import Decimal

import pytest

from registry.csv_safety import neutralise_cell, safe_writer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+33 1 23 45 67 89", "'+33 1 23 45 67 89"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Service New Brunswick", "Service New Brunswick"),
        ("a=b", "a=b"),
        ("'=already quoted", "'=already quoted"),
        ("", ""),
    ],
)
def test_text_neutralised_when_it_starts_like_a_formula(value, written):
    assert neutralise_cell(value) == written


@pytest.mark.parametrize("value", [7, -3, 2.5, Decimal("-1.25"), True, None])
def test_number_kept_when_not_text(value):
    assert neutralise_cell(value) is value


def test_safe_writer_quotes_every_formula_cell_when_writing_rows():
    stream = io.StringIO()
    writer = safe_writer(stream, lineterminator="\n")
    writer.writerows([["=cmd|' /C calc'!A0", "ok", -4], ["@x", "+y", "-z"]])
    assert stream.getvalue() == "'=cmd|' /C calc'!A0,ok,-4\n'@x,'+y,'-z\n"


def test_results_csv_neutralises_formula_cells_when_titles_start_like_formulas(client, publish):
    publish(
        reference="CSV-2021-001",
        title_en='=HYPERLINK("http://evil.example","Click")',
        title_fr="@SUM(1+1)*cmd",
    )
    response = client.get("/en/agreements/results.csv")
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [row["reference"] for row in rows] == ["CSV-2021-001"]
    assert rows[0]["title_en"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert rows[0]["title_fr"] == "'@SUM(1+1)*cmd"
    assert "\n=" not in body and ",=" not in body and ",@" not in body
