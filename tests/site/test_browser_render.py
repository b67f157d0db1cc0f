"""What the agreement browser shows, now that its results and facets are built in Python
(cms.result_html, cms.facet_html, cms.result_cards): the same text and markup the template
gave, in both languages, with text in the other language marked."""

import re

import pytest

from agreements.models import Agreement
from jurisdictions.models import Organization

pytestmark = pytest.mark.django_db

FORTY_FOUR_WORDS = " ".join(f"mot{index}" for index in range(1, 45))


def _html(response) -> str:
    return response.content.decode()


def _result_item(html: str, reference: str) -> str:
    """The <li> of the result whose reference is `reference`."""
    items = re.findall(r'<li class="result">.*?</li>', html, flags=re.S)
    return next(item for item in items if f'<span class="reference">{reference}</span>' in item)


def _party_names(agreement: Agreement, language: str) -> list[str]:
    return [
        getattr(party.organization, f"name_{language}")
        for party in agreement.parties.select_related("organization")
    ]


def test_result_in_french_shows_its_french_texts_and_cuts_the_summary_when_page_is_fr(
    client, publish
):
    agreement = publish(
        title_en="Ferry crossing accord",
        title_fr="Accord sur la traversée en traversier",
        summary_fr=FORTY_FOUR_WORDS,
    )
    item = _result_item(_html(client.get("/fr/agreements/")), agreement.reference)

    assert f'<a href="/fr/agreements/{agreement.reference}/">' in item
    assert ">Accord sur la traversée en traversier</a></h3>" in item
    assert "· Entente de prestation de services\n" in item
    assert '<span class="state state--in_force">En vigueur</span>' in item
    assert "version 1, en vigueur depuis le 1er avril 2021" in item
    parties = re.search(r'<p class="result__parties">(.*?)</p>', item).group(1)
    assert sorted(parties.split("; ")) == sorted(_party_names(agreement, "fr"))
    summary = re.search(r'<p class="result__summary">(.*?)</p>', item).group(1)
    assert summary == " ".join(f"mot{index}" for index in range(1, 41)) + " …"


def test_result_in_english_links_to_the_agreement_and_escapes_its_title_when_page_is_en(
    client, publish
):
    agreement = publish(title_en="Roads & <bridges> accord", summary_en="", summary_fr="")
    response = client.get("/en/agreements/")
    item = _result_item(_html(response), agreement.reference)

    assert f'<a href="/en/agreements/{agreement.reference}/">' in item
    assert "Roads &amp; &lt;bridges&gt; accord</a></h3>" in item
    assert "version 1, in effect from 1 April 2021" in item
    assert "result__summary" not in item  # no summary in either language: no paragraph
    assert [r.agreement.reference for r in response.context["results"].versions] == [
        agreement.reference
    ]


def test_facet_lists_the_first_eight_options_and_the_rest_in_a_disclosure_when_there_are_ten(
    client, publish
):
    for _ in range(5):  # two parties each: ten organisations
        publish()
    html = _html(client.get("/fr/agreements/"))

    fieldset = re.search(
        r'<fieldset class="facet">\s*<legend>Organisation</legend>.*?</fieldset>', html, re.S
    ).group(0)
    assert fieldset.count('type="checkbox"') == 10
    assert fieldset.count('id="f-organization-') == 10
    assert "<summary>2 de plus</summary>" in fieldset
    assert 'id="f-organization-more-2"' in fieldset
    assert 'id="f-organization-9"' not in fieldset


def test_selected_option_is_checked_and_counted_in_the_legend_when_page_is_filtered(
    client, publish
):
    agreement = publish()
    organization = agreement.parties.first().organization
    Organization.objects.filter(pk=organization.pk).update(name_fr="")
    html = _html(client.get("/fr/agreements/", {"organization": organization.slug}))

    option = re.search(
        rf'<li><input type="checkbox" id="f-organization-\d+" name="organization" '
        rf'value="{organization.slug}" checked>\s*<label for="f-organization-\d+">(.*?)</label>',
        html,
    )
    assert option is not None
    assert option.group(1) == (
        f'<span lang="en">{organization.name_en}</span> '
        '<span class="fallback">(en anglais seulement)</span> <span class="count">1</span>'
    )
    assert '<legend>Organisation <span class="visually-hidden">(1 choisi)</span></legend>' in html


def test_search_counts_are_the_unfiltered_ones_when_every_agreement_matches(client, publish):
    publish(title_en="Ferry crossing accord")
    publish(title_en="Ferry pier accord")
    publish(title_en="Ferry terminal lease", agreement_type=Agreement.Type.DATA_SHARING)

    every = client.get("/en/agreements/", {"q": "ferry"})
    some = client.get("/en/agreements/", {"q": "accord"})

    assert every.context["results"].total == 3
    types = {
        option.value: option.count
        for facet in every.context["facets"]
        if facet.name == "type"
        for option in facet.options
    }
    assert types == {Agreement.Type.SERVICE_DELIVERY: 2, Agreement.Type.DATA_SHARING: 1}
    some_types = {
        option.value: option.count
        for facet in some.context["facets"]
        if facet.name == "type"
        for option in facet.options
    }
    assert some_types == {Agreement.Type.SERVICE_DELIVERY: 2}


def test_organisations_with_equal_counts_are_listed_in_slug_order(client, publish):
    publish()
    publish()
    html = _html(client.get("/en/agreements/"))
    slugs = re.findall(r'name="organization" value="([^"]+)"', html)
    assert slugs == sorted(slugs)
    assert len(slugs) == 4
