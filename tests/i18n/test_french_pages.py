"""French public pages speak French: no English interface label appears on them, except in
content shown as an English fallback, which is marked `lang="en"`.

The agreement below has every kind of label the pages show: its type, its state, a lead party, a
delivery partner and a funder, funding and reporting obligations that recur quarterly and every
year, an amendment, and an earlier agreement it supersedes.
"""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.utils import translation

from agreements import search
from agreements.models import (
    Agreement,
    AgreementRelation,
    AgreementVersion,
    AgreementVersionPDF,
    Party,
    Responsibility,
)
from agreements.recurrence import Recurrence
from tests.factories import agreement_into_force, agreement_ready, amendment_signed

pytestmark = pytest.mark.django_db

# Labels the issue saw in English on French pages.
SEEN_IN_ENGLISH = (
    "In force",
    "Service delivery agreement",
    "Lead party",
    "Delivery partner",
    "Funding",
    "Reporting",
    "Quarterly",
    "Amendment",
    "supersedes",
    "Every year",
    "Every quarter",
    "from",
)
# Every choice whose label the public pages show.
CHOICES = (
    Agreement.State,
    Agreement.Type,
    Party.Role,
    Responsibility.Kind,
    Recurrence,
    AgreementRelation.Kind,
    AgreementVersion.Kind,
)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
SHOWN_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")


class _FrenchText(HTMLParser):
    """Text a reader sees or hears, except inside elements marked as another language (and
    inside scripts and styles)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.parts: list[str] = []

    def _language(self) -> str | None:
        return next((lang for _tag, lang in reversed(self.stack) if lang), None)

    def _keep(self, text: str, language: str | None) -> None:
        if not (language or "").startswith("en") and text.strip():
            self.parts.append(" ".join(text.split()))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        language = attrs.get("lang") or self._language()
        if tag in ("script", "style"):
            language = "en"  # not read by anyone: left out
        for name in SHOWN_ATTRIBUTES:
            self._keep(attrs.get(name) or "", language)
        if tag == "input" and attrs.get("type") in ("submit", "button"):
            self._keep(attrs.get("value") or "", language)
        if tag not in VOID:
            self.stack.append((tag, attrs.get("lang") or ("en" if language == "en" else None)))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        self._keep(data, self._language())


def french_text(html: str) -> str:
    parser = _FrenchText()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.parts)


def english_labels() -> set[str]:
    labels = set(SEEN_IN_ENGLISH)
    for choices in CHOICES:
        for value in choices.values:
            with translation.override("en"):
                english = str(choices(value).label)
            with translation.override("fr"):
                french = str(choices(value).label)
            if english != french:
                labels.add(english)
    return labels


def english_found(html: str) -> list[str]:
    text = french_text(html)
    return sorted(
        label for label in english_labels() if re.search(rf"\b{re.escape(label)}\b", text)
    )


@pytest.fixture
def agreement(registrar, publish, django_capture_on_commit_callbacks):
    earlier = publish(title_en="Counter services agreement", title_fr="Entente sur les comptoirs")
    ready = agreement_ready(
        parties=3,
        responsibilities=3,
        title_en="Vital statistics service agreement",
        title_fr="Entente de services de l’état civil",
        summary_fr="Prestation des services de l’état civil au nom du ministère.",
    )
    _lead, partner, funder = ready.parties.order_by("sort_order")
    for party, role in ((partner, Party.Role.DELIVERY_PARTNER), (funder, Party.Role.FUNDER)):
        party.role = role
        party.save()
    rules = (
        (Responsibility.Kind.REPORTING, Recurrence.QUARTERLY, datetime.date(2021, 6, 30)),
        (Responsibility.Kind.FUNDING, Recurrence.ANNUAL, datetime.date(2022, 4, 30)),
        (Responsibility.Kind.SERVICE_DELIVERY, Recurrence.MONTHLY, datetime.date(2021, 4, 15)),
    )
    for item, (kind, rule, anchor) in zip(
        ready.responsibilities.order_by("sort_order"), rules, strict=True
    ):
        item.kind, item.recurrence, item.recurrence_anchor = kind, rule, anchor
        item.save()
    AgreementRelation.objects.create(
        source=ready, kind=AgreementRelation.Kind.SUPERSEDES, target=earlier
    )
    with django_capture_on_commit_callbacks(execute=True):
        agreement = agreement_into_force(ready, by=registrar)

    def postpone_review(target):
        target.next_review_date = datetime.date(2024, 4, 1)
        target.save()

    with django_capture_on_commit_callbacks(execute=True):
        amendment_signed(
            agreement,
            by=registrar,
            effective_date=datetime.date(2023, 4, 1),
            change=postpone_review,
            title="Extended review",
        )
    search.index_agreement(agreement_id=agreement.pk)
    return agreement


def _pages(agreement) -> dict[str, str]:
    jurisdiction = agreement.parties.order_by("sort_order").first().organization.jurisdiction
    return {
        "home": "/fr/",
        "browser": "/fr/agreements/",
        "agreement": f"/fr/agreements/{agreement.reference}/",
        "earlier version": f"/fr/agreements/{agreement.reference}/versions/1/",
        "changes": f"/fr/agreements/{agreement.reference}/changes/?from=1&to=2",
        "jurisdiction": f"/fr/jurisdictions/{jurisdiction.slug}/",
        "verify": "/fr/verify/",
    }


def test_no_english_label_on_french_pages_when_agreement_has_every_kind_of_label(client, agreement):
    found = {}
    for name, path in _pages(agreement).items():
        response = client.get(path)
        assert response.status_code == 200, name
        html = response.content.decode()
        assert '<html lang="fr">' in html, name
        if english := english_found(html):
            found[name] = english
    assert not found


def test_no_english_label_on_verification_result_when_french_pdf_checked(client, agreement):
    pdf = AgreementVersionPDF.objects.filter(version__agreement=agreement, language="fr").first()
    assert pdf is not None, "signing renders the PDFs on commit"
    response = client.post("/fr/verify/", {"sha256": pdf.sha256})
    html = response.content.decode()
    assert "Authentique." in html
    assert english_found(html) == []


def test_recurrences_read_in_french_when_agreement_page_is_french(client, agreement):
    text = french_text(client.get(f"/fr/agreements/{agreement.reference}/").content.decode())
    assert "Chaque trimestre, à compter du 30 juin 2021" in text
    assert "Chaque année le 30 avril, à compter de 2022" in text
    assert "Chaque mois le 15, à compter du 15 avril 2021" in text
    assert "Partie principale" in text
    assert "Partenaire de prestation" in text
    assert "Bailleur de fonds" in text
    assert "Entente de prestation de services" in text
    assert "En vigueur" in text


def test_english_labels_found_when_a_french_page_shows_them_unmarked():
    html = (
        '<html lang="fr"><body><p>État : In force</p><p lang="en">Lead party</p>'
        '<span title="Every year">x</span><br><script>var a = "Funding";</script></body></html>'
    )
    assert english_found(html) == ["Every year", "In force"]
