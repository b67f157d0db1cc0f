"""The verification form ties its help text and its errors to the fields they describe: every id
an input's aria-describedby names exists on the page, and holds that text."""

from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db

FILE_HELP = "The agreement PDF you want to check (20 MB at most)."
SHA_HELP = "64 characters, as shown next to each PDF download."
NOT_A_SHA = (
    "A SHA-256 fingerprint is 64 characters, digits 0–9 and letters a–f, e.g. as shown next to "
    "each PDF download."
)
ONE_OF_BOTH = "Upload a PDF file or paste its SHA-256 fingerprint (one of the two)."


class _Page(HTMLParser):
    """The text inside each element that has an id, and each input's aria-describedby."""

    def __init__(self):
        super().__init__()
        self.text_by_id: dict[str, str] = {}
        self.described_by: dict[str, list[str]] = {}
        self._open: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") in {"file", "sha256"}:
            self.described_by[attrs["name"]] = (attrs.get("aria-describedby") or "").split()
        if tag in {"input", "br", "meta", "link", "img"}:
            return
        self._open.append((tag, attrs.get("id")))
        if attrs.get("id"):
            self.text_by_id[attrs["id"]] = ""

    def handle_endtag(self, tag):
        while self._open:
            open_tag, _id = self._open.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        for _tag, element_id in self._open:
            if element_id:
                self.text_by_id[element_id] += data


def _parsed(response) -> _Page:
    page = _Page()
    page.feed(response.content.decode())
    return page


def _described(page: _Page, field: str) -> list[str]:
    """The whitespace-normalised text of each element the field's aria-describedby names."""
    return [" ".join(page.text_by_id[i].split()) for i in page.described_by[field]]


def test_help_text_is_tied_to_each_field_when_the_form_is_first_shown(client):
    page = _parsed(client.get("/en/verify/"))
    assert page.described_by == {"file": ["id_file_helptext"], "sha256": ["id_sha256_helptext"]}
    assert _described(page, "file") == [FILE_HELP]
    assert _described(page, "sha256") == [SHA_HELP]


def test_field_error_is_tied_to_its_field_when_the_fingerprint_is_malformed(client):
    page = _parsed(client.post("/en/verify/", {"sha256": "not-a-fingerprint"}))
    assert page.described_by["sha256"] == ["id_sha256_helptext", "id_sha256_error"]
    assert _described(page, "sha256") == [SHA_HELP, NOT_A_SHA]
    assert page.described_by["file"] == ["id_file_helptext"]


def test_form_error_is_tied_to_both_fields_when_neither_is_given(client):
    page = _parsed(client.post("/en/verify/", {}))
    assert page.described_by == {
        "file": ["id_file_helptext", "verify-errors"],
        "sha256": ["id_sha256_helptext", "verify-errors"],
    }
    assert _described(page, "file") == [FILE_HELP, ONE_OF_BOTH]
    assert _described(page, "sha256") == [SHA_HELP, ONE_OF_BOTH]


def test_every_described_by_id_exists_when_the_french_form_shows_an_error(client):
    page = _parsed(client.post("/fr/verify/", {"sha256": "zz"}))
    named = page.described_by["file"] + page.described_by["sha256"]
    assert named == ["id_file_helptext", "id_sha256_helptext", "id_sha256_error"]
    assert all(page.text_by_id[i].strip() for i in named)
