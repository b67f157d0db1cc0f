"""A signed agreement version as a document to sign: the cover (parties, verification box with
its QR code, contents), then numbered sections, the schedule of responsibilities and a signature
block per party. Drawn from an `AgreementDocument` (plain data): no queries while drawing."""

from typing import Any

from agreements.documents import AgreementDocument
from agreements.pdf import sections
from agreements.pdf.cover import cover
from agreements.pdf.layout import LANGUAGES, build, section
from agreements.pdf.signatures import signatures
from agreements.pdf_text import format_date, label, plain

SECTIONS = ("purpose", "term", "services", "governance", "schedule", "history", "signatures")


def section_titles(language: str) -> list[tuple[str, str]]:
    """(key, "5. Schedule of responsibilities") for each section, numbered in order."""
    return [
        (key, label("numbered", language, number=index, title=label(key, language)))
        for index, key in enumerate(SECTIONS, start=1)
    ]


def render_agreement_pdf(document: AgreementDocument | Any, language: str) -> bytes:
    """The agreement as signed, in `language` ("en" or "fr"), as PDF bytes.

    `document` is an `AgreementDocument` (snapshot and history: no queries), or an
    `AgreementVersion`, whose document is gathered first (one query) before drawing.
    Raises ValueError for another language.
    """
    if language not in LANGUAGES:
        raise ValueError(f"Unsupported language: {language!r}")
    if not isinstance(document, AgreementDocument):
        from agreements.documents import agreement_document

        document = agreement_document(document)
    snapshot = document.snapshot
    reference, number = document.reference, document.number
    effective = format_date(document.effective_date, language)
    parts = {
        "purpose": lambda: sections.purpose(
            snapshot, language, schedule_number=SECTIONS.index("schedule") + 1
        ),
        "term": lambda: sections.term(snapshot, language),
        "services": lambda: sections.services(snapshot, language),
        "governance": lambda: sections.governance(snapshot, language, effective),
        "schedule": lambda: sections.schedule(snapshot, language, effective),
        "history": lambda: sections.history(document, language),
        "signatures": lambda: signatures(snapshot, language),
    }
    titles = section_titles(language)
    story = cover(snapshot, language, titles)
    for key, title in titles:
        story += [*section(key, title), *parts[key]()]
    title = plain(snapshot["agreement"].get("title"), language)
    return build(
        story,
        language=language,
        created=document.effective_date,
        footer=lambda page, pages: label(
            "footer", language, reference=reference, number=number, page=page, pages=pages
        ),
        title=f"{reference} — {title}",
        subject=label("subject", language, reference=reference, number=number, date=effective),
        keywords=f"{reference}, version {number}, {language}",
    )
