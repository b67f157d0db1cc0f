"""The agreement page's table rows built in Python (cms.agreement_rows): the markup the template
wrote, every value escaped, the words in the page's language. The pages themselves are tested in
test_agreement_page.py; here the rows are given plain snapshot data, so each case is explicit."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import translation

from agreements.selectors import Holder
from agreements.services.signatures import PartySignatures, SignatureLine
from cms.agreement_rows import party_rows, responsibility_rows, signature_rows, version_rows
from cms.changes_text import ChangeSection
from cms.documents import VersionDocument

HOSTILE = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def _texts(en, fr=None):
    return {"en": en, "fr": fr if fr is not None else en}


def _responsibility(**extra):
    item = {
        "id": 7,
        "clause": "4.1",
        "text": _texts(HOSTILE),
        "kind": {"code": "service", "label": _texts("Service", "Service")},
        "status": {"code": "active", "label": _texts("Active", "Active")},
        "service_standard": _texts(""),
        "recurrence": {"code": "none"},
        "due_date": "2024-03-31",
        "owner": {
            "id": 3,
            "title": _texts("Chief Executive Officer", "Président-directeur général"),
            "organization": {"name": _texts("Service New Brunswick", "Services Nouveau-Brunswick")},
            "holders": [],
        },
    }
    item.update(extra)
    return item


def _view(**extra):
    fields = {
        "reports": {},
        "ended_positions": {},
        "holders_live": True,
        "holders": {7: [Holder(1, HOSTILE, True), Holder(2, "Jean Roy", False)]},
    }
    fields.update(extra)
    return SimpleNamespace(**fields)


def test_responsibility_row_escapes_the_texts_and_names_it_shows():
    with translation.override("en"):
        html = str(responsibility_rows(_view(), [_responsibility()]))
    assert HOSTILE not in html
    assert f"<td>{ESCAPED}\n" in html
    assert f"{ESCAPED} (acting)<br>Jean Roy</td>" in html
    assert '<td data-label="Due">31 March 2024</td>' in html


def test_responsibility_row_reads_the_report_and_the_ended_organisation_in_french():
    report = {
        "status": "met",
        "status_label": "Respecté",
        "period_start": datetime.date(2024, 1, 1),
        "period_end": datetime.date(2024, 3, 31),
    }
    view = _view(reports={7: report}, ended_positions={3: datetime.date(2025, 6, 30)})
    with translation.override("fr"):
        html = str(responsibility_rows(view, [_responsibility()]))
    assert 'data-report-status="met">Respecté<br><span class="muted">' in html
    assert "1er janvier 2024" in html and "31 mars 2024" in html
    assert 'data-flag="organisation-ended"' in html
    assert "30 juin 2025" in html
    assert "Président-directeur général" in html


def test_responsibility_row_says_vacant_and_no_position_when_there_is_none():
    unowned = _responsibility(id=8, owner=None)
    with translation.override("en"):
        html = str(responsibility_rows(_view(holders={}), [_responsibility(), unowned]))
    assert html.count("<tr>") == 2
    assert '<span class="warning">Vacant</span>' in html
    assert '<span class="warning">No accountable position</span>' in html
    assert '<span class="muted">None yet</span>' in html


def test_signature_rows_escape_names_and_mark_later_and_missing_signatures():
    party = {"id": 5, "organization": {"name": _texts(HOSTILE)}, "signatory": None}
    signed = PartySignatures(
        party=party,
        lines=[
            SignatureLine(
                title=_texts("Minister"),
                holders=[{"name": HOSTILE, "acting": False}],
                signed_date=datetime.date(2024, 5, 2),
                later=True,
            )
        ],
    )
    unsigned = PartySignatures(party={**party, "id": 6}, lines=[])
    with translation.override("en"):
        html = str(signature_rows(SimpleNamespace(parties=[signed, unsigned])))
    assert HOSTILE not in html
    assert '<tr data-party="5" data-later="true">' in html
    assert f'<th scope="row">{ESCAPED}</th>' in html
    assert '2 May 2024 <span class="muted">(signed after this version was recorded)</span>' in html
    assert '<tr data-party="6" data-signed="false">' in html
    assert '<span class="warning">Not signed</span>' in html


def test_party_rows_link_the_organisation_and_its_jurisdiction():
    party = {
        "id": 5,
        "role": _texts("Service provider", "Fournisseur de services"),
        "organization": {
            "slug": "snb",
            "name": _texts(HOSTILE),
            "acronym": _texts("SNB"),
            "jurisdiction": {
                "slug": "nb",
                "name": _texts("New Brunswick"),
                "level": _texts("Province"),
            },
        },
    }
    links = SimpleNamespace(
        organisation=lambda slug: f"/en/jurisdictions/organisations/{slug}/",
        jurisdiction=lambda slug: f"/en/jurisdictions/{slug}/",
    )
    view = SimpleNamespace(party_blocks=[SimpleNamespace(party=party)])
    with translation.override("en"):
        html = str(party_rows(view, links))
    assert (
        f'<th scope="row"><a href="/en/jurisdictions/organisations/snb/">{ESCAPED}</a> (SNB)</th>'
        in html
    )
    assert (
        '<td><a href="/en/jurisdictions/nb/">New Brunswick</a> <span class="muted">Province</span></td>'
        in html
    )


@pytest.mark.parametrize("language, shown", [("en", "Version 2"), ("fr", "Version 2")])
def test_version_rows_link_earlier_versions_and_list_the_changes(language, shown):
    agreement = SimpleNamespace(reference="SNB-2021-004")
    current = SimpleNamespace(pk=20, number=2, effective_date=datetime.date(2023, 4, 1))
    current.get_kind_display = lambda: "Amendment"
    first = SimpleNamespace(pk=10, number=1, effective_date=datetime.date(2021, 4, 1))
    first.get_kind_display = lambda: "Original agreement"
    document = VersionDocument("en", "/en/pdf/SNB-2021-004/versions/1/en.pdf", "", None, "/v/")
    rows = [
        {
            "version": current,
            "changes": [ChangeSection("Obligations", [HOSTILE, "b"])],
            "documents": [],
        },
        {"version": first, "changes": [], "documents": [document]},
    ]
    links = SimpleNamespace(
        agreement=lambda reference: f"/{language}/agreements/{reference}/",
        version=lambda reference, number: f"/{language}/agreements/{reference}/versions/{number}/",
    )
    view = SimpleNamespace(agreement=agreement, version=current)
    with translation.override(language):
        html = str(version_rows(view, rows, links, True))
    assert '<tr class="is-current-row">' in html
    assert f'<th scope="row">{shown} <span' in html
    assert f"<li><strong>Obligations:</strong> {ESCAPED}; b</li>" in html
    assert f'<a href="/{language}/agreements/SNB-2021-004/versions/1/">Version 1</a>' in html
    assert 'aria-describedby="pdf-accessibility"' in html
    assert HOSTILE not in html
