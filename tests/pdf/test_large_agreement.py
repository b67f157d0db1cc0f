"""A 200-responsibility agreement: right page count, "page X of Y" on every page, the schedule's
header repeated on every page it spans, and every responsibility printed. Rendered once."""

import io

import pypdf
import pytest

from agreements.pdf import render_agreement_pdf
from tests.pdf import builders

COUNT = 200


@pytest.fixture(scope="module")
def reader():
    content = render_agreement_pdf(builders.document(responsibilities=COUNT), "en")
    return pypdf.PdfReader(io.BytesIO(content))


@pytest.fixture(scope="module")
def pages(reader):
    return [page.extract_text() for page in reader.pages]


def test_every_page_says_page_x_of_y_when_rendered(pages):
    total = len(pages)
    assert total > 10
    for number, text in enumerate(pages, start=1):
        assert text.splitlines()[-1] == f"SNB-2021-004 · version 1 · page {number} of {total}"


def test_page_count_is_the_last_page_number_when_rendered(reader, pages):
    assert len(reader.pages) == len(pages)
    assert f"page {len(pages)} of {len(pages)}" in pages[-1]
    assert f"page {len(pages) + 1} of" not in "".join(pages)


def test_schedule_header_repeats_on_every_page_it_spans_when_long(pages):
    spanned = [text for text in pages if "Obligation number" in text]
    assert len(spanned) > 5
    for text in spanned:
        assert "Accountable position (holder on 1 April 2021)" in " ".join(text.split())
        assert "Clause" in text


def test_every_responsibility_appears_once_when_rendered(pages):
    text = " ".join(" ".join(pages).split())
    for index in range(COUNT):
        assert text.count(f"Obligation number {index}: deliver the service.") == 1
        assert f"Accountable Director {index}" in text
        assert f"Holder Person{index}" in text


def test_every_page_is_letter_size_when_rendered(reader):
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)
