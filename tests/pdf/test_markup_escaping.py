"""User text is printed as written: markup in it is never obeyed."""

import io

import pypdf
import pytest

from agreements.pdf import render_agreement_pdf
from tests.pdf import builders

TITLE = 'Services <font color="red" size="40">BIG</font> & <a href="https://evil.example">link</a>'
TEXT = "Deliver <b>bold</b> claims & <br/> forms <para>x</para>"
SUMMARY = "Summary with <i>tags</i> & entities &amp; <img src='x.png'/> kept."


@pytest.fixture(scope="module")
def content():
    data = builders.snapshot(
        responsibilities=2,
        title=builders.texts(TITLE, TITLE),
        summary=builders.texts(SUMMARY, SUMMARY),
    )
    data["responsibilities"][0]["text"] = builders.texts(TEXT, TEXT)
    data["parties"][0]["organization"]["name"] = builders.texts("<u>Org</u>", "<u>Org</u>")
    return render_agreement_pdf(builders.document(data), "en")


@pytest.fixture(scope="module")
def text(content):
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_markup_in_title_is_printed_literally_when_rendered(text):
    assert '<font color="red" size="40">BIG</font>' in text
    assert '<a href="https://evil.example">link</a>' in text


def test_markup_in_summary_and_table_cells_is_printed_literally_when_rendered(text):
    assert SUMMARY in text
    assert TEXT in text
    assert "<u>Org</u>" in text


def test_markup_in_user_text_creates_no_link_when_rendered(content):
    reader = pypdf.PdfReader(io.BytesIO(content))
    uris = [
        annotation.get_object().get("/A", {}).get("/URI")
        for page in reader.pages
        for annotation in page.get("/Annots") or []
    ]
    assert not any(uris)


def test_title_metadata_is_the_literal_title_when_rendered(content):
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert reader.metadata.title == f"SNB-2021-004 — {TITLE}"
