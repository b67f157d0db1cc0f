"""The same version and language always give the same bytes, so a published SHA-256 can be
checked by anyone; and the metadata says what the document is."""

import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from agreements.pdf import render_agreement_pdf
from tests.pdf import builders

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import hashlib, os, sys
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "registry.settings.test"
django.setup()
from agreements.pdf import render_agreement_pdf
from tests.pdf import builders
sys.stdout.write(hashlib.sha256(render_agreement_pdf(builders.document(responsibilities=20), "fr")).hexdigest())
"""


def test_two_renders_are_byte_identical_when_input_is_the_same():
    document = builders.document(responsibilities=20)
    assert render_agreement_pdf(document, "fr") == render_agreement_pdf(document, "fr")


def test_render_ignores_the_clock_and_source_date_epoch_when_set(monkeypatch):
    document = builders.document(responsibilities=2)
    before = render_agreement_pdf(document, "en")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert render_agreement_pdf(document, "en") == before


def test_render_is_identical_in_another_process_when_hash_seed_differs():
    document = builders.document(responsibilities=20)
    expected = hashlib.sha256(render_agreement_pdf(document, "fr")).hexdigest()
    environment = {**os.environ, "PYTHONHASHSEED": "4242", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(  # noqa: S603 (our own interpreter and a fixed script)
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert result.stdout == expected


def test_languages_give_different_files_when_rendered():
    document = builders.document()
    assert render_agreement_pdf(document, "en") != render_agreement_pdf(document, "fr")


@pytest.mark.parametrize(
    ("language", "subject", "creator", "producer"),
    [
        (
            "en",
            "Agreement SNB-2021-004, version 1, in effect from 1 April 2021",
            "Intergovernmental agreement registry",
            "Intergovernmental agreement registry (ReportLab)",
        ),
        (
            "fr",
            "Entente SNB-2021-004, version 1, en vigueur à compter du 1er avril 2021",
            "Registre des ententes intergouvernementales",
            "Registre des ententes intergouvernementales (ReportLab)",
        ),
    ],
)
def test_metadata_names_the_agreement_version_and_language_when_rendered(
    language, subject, creator, producer
):
    content = render_agreement_pdf(builders.document(), language)
    reader = pypdf.PdfReader(io.BytesIO(content))
    title = builders.snapshot()["agreement"]["title"][language]
    assert reader.metadata.title == f"SNB-2021-004 — {title}"
    assert reader.metadata.subject == subject
    assert reader.metadata.creator == creator
    assert reader.metadata.author == creator
    assert reader.metadata.producer == producer
    # Viewers show the title, not the file name, in their title bar.
    assert reader.trailer["/Root"]["/ViewerPreferences"] == {"/DisplayDocTitle": True}
    assert reader.metadata["/CreationDate"] == "D:20210401000000+00'00'"
    assert reader.trailer["/Root"]["/Lang"] == language
