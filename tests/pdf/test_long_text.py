"""A responsibility of 5,000 characters wraps within its column and may run across pages: every
word is printed and nothing is drawn outside the page."""

import io

import pypdf
import pytest

from agreements.pdf import render_agreement_pdf
from tests.pdf import builders

WORDS = [f"w{index:04d}" for index in range(834)]  # 834 × 6 characters ≈ 5,000
LONG = " ".join(WORDS)
UNBROKEN = "X" * 400  # a "word" wider than any column


@pytest.fixture(scope="module")
def reader():
    data = builders.snapshot(responsibilities=3)
    data["responsibilities"][1] = builders.responsibility(1, text_en=LONG + " " + UNBROKEN)
    content = render_agreement_pdf(builders.document(data), "en")
    return pypdf.PdfReader(io.BytesIO(content))


def test_long_text_is_5000_characters_when_built():
    assert 4990 <= len(LONG) <= 5010


def test_every_word_of_a_long_responsibility_is_printed_when_it_wraps(reader):
    words = " ".join(page.extract_text() for page in reader.pages).split()
    positions = [words.index(word) for word in WORDS]
    assert positions == sorted(positions)  # all there, in order
    # The unbroken run is cut into pieces that fit; together they are all its characters.
    assert "".join(word for word in words if set(word) == {"X"}) == UNBROKEN


def test_long_responsibility_wraps_onto_many_lines_when_rendered(reader):
    lines = [
        line
        for page in reader.pages
        for line in page.extract_text().splitlines()
        if line.startswith("w")
    ]
    assert len(lines) > 50
    assert all(len(line) < 60 for line in lines)


def test_no_text_starts_outside_the_page_when_wrapping(reader):
    """Where each run of text starts, in page coordinates (text matrix × current matrix)."""
    outside = []
    for page in reader.pages:
        width = float(page.mediabox.width)

        def visit(text, cm, tm, font_dict, font_size, width=width):
            if not text.strip():
                return
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            if not 0 <= x <= width:
                outside.append((text, x))

        page.extract_text(visitor_text=visit)
    assert outside == []
