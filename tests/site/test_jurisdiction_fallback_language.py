"""A French jurisdiction page shows organisations' French acronyms, and marks with lang="en" the
English text it falls back to when French is missing (assistive technology then reads it as
English)."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def party_organisations(publish):
    agreement = publish()
    one, other = (p.organization for p in agreement.parties.select_related("organization"))
    return one, other


def _organisation_item(body: str, name: str) -> str:
    return re.search(rf"<li><a [^>]*>{re.escape(name)}</a>.*?</li>", body).group(0)


def test_french_acronym_shown_when_the_organisation_has_one(client, party_organisations):
    one, _other = party_organisations
    one.acronym_en, one.acronym_fr = "ESDC", "EDSC"
    one.save()
    body = client.get(f"/fr/jurisdictions/{one.jurisdiction.slug}/").content.decode()
    assert _organisation_item(body, one.name_fr).endswith('<span class="muted">(EDSC)</span></li>')
    assert "ESDC" not in body


def test_english_acronym_marked_english_when_french_has_none(client, party_organisations):
    one, _other = party_organisations
    one.acronym_en, one.acronym_fr = "KL", ""
    one.save()
    body = client.get(f"/fr/jurisdictions/{one.jurisdiction.slug}/").content.decode()
    assert _organisation_item(body, one.name_fr).endswith(
        '<span class="muted">(<span lang="en">KL</span>)</span></li>'
    )


def test_no_acronym_shown_when_the_organisation_has_none(client, party_organisations):
    one, _other = party_organisations
    one.acronym_en, one.acronym_fr = "", ""
    one.save()
    body = client.get(f"/fr/jurisdictions/{one.jurisdiction.slug}/").content.decode()
    assert _organisation_item(body, one.name_fr).endswith(f"{one.name_fr}</a></li>")


def test_partner_caption_marks_an_english_only_name_when_shown_in_french(
    client, party_organisations
):
    one, _other = party_organisations
    jurisdiction = one.jurisdiction
    jurisdiction.name_en, jurisdiction.name_fr = "Province of Anglophonia", ""
    jurisdiction.save()
    body = client.get(f"/fr/jurisdictions/{jurisdiction.slug}/").content.decode()
    caption = re.search(r'<caption id="partners-caption">(.*?)</caption>', body).group(1)
    assert '<span lang="en">Province of Anglophonia</span>' in caption
