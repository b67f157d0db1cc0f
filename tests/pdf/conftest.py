import io

import pypdf
import pytest

from tests.factories import agreement_into_force


def pdf_text(content: bytes) -> list[str]:
    """The text of each page."""
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages]


@pytest.fixture
def version_in_force(registrar):
    """A public agreement in force with its version 1 (two parties, three responsibilities)."""
    agreement = agreement_into_force(by=registrar, responsibilities=3)
    return agreement.versions.get()
