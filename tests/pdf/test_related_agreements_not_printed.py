"""The public PDF never names related agreements: they may be restricted or unpublished."""

import io

import pypdf

from agreements.pdf import render_agreement_pdf
from tests.pdf import builders


def test_related_agreement_absent_when_target_in_snapshot():
    data = builders.snapshot(responsibilities=1)
    data["agreement"]["relations"] = [
        {
            "kind": {"code": "amends", "label": builders.texts("amends", "modifie")},
            "reference": "SECRET-2025-001",
            "title": builders.texts("Restricted cabinet arrangement", ""),
        }
    ]

    content = render_agreement_pdf(builders.document(data), "en")

    reader = pypdf.PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "SECRET-2025-001" not in text
    assert "Restricted cabinet arrangement" not in text
