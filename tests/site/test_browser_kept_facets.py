"""The browser's and home page's cheaper paths (issue 14): the stored counts read once with the
reference names, the facets of a page with nothing selected kept per process under the rows they
are built from, and the home page's latest versions read without their whole snapshots. Each
must still follow every publication, rename and language at once, and show nothing private."""

import datetime

import pytest

from jurisdictions.models import Jurisdiction, Organization
from tests.factories import JurisdictionFactory

pytestmark = pytest.mark.django_db

EARLIER, LATER = datetime.date(2021, 4, 1), datetime.date(2022, 5, 2)


def _options(response, facet: str) -> dict[str, tuple[str, int]]:
    found = next(f for f in response.context["facets"] if f.name == facet)
    return {option.value: (option.label.text, option.count) for option in found.options}


def _jurisdiction_of(agreement) -> Jurisdiction:
    return agreement.parties.order_by("sort_order").first().organization.jurisdiction


@pytest.fixture
def two(publish):
    """Two published agreements, the second taking effect later."""
    first = publish(title_en="Alder ferry accord", title_fr="Accord traversier Aulne")
    second = publish(
        title_en="Birch road accord",
        title_fr="Accord routier Bouleau",
        effective_date=LATER,
        expiry_date=LATER + datetime.timedelta(days=3650),
    )
    return first, second


def test_home_lists_latest_versions_newest_first_when_some_are_private(client, two, unpublished):
    first, second = two

    response = client.get("/en/")

    latest = [
        (v.reference, v.number, v.effective_date, v.title["en"]) for v in response.context["latest"]
    ]
    assert latest == [
        (second.reference, 1, LATER, "Birch road accord"),
        (first.reference, 1, EARLIER, "Alder ferry accord"),
    ]
    body = response.content.decode()
    assert f'href="/en/agreements/{second.reference}/">Birch road accord</a>' in body
    assert "Quillwort" not in body and "Marrowfat" not in body  # restricted, not yet in force


def test_home_shows_french_titles_when_page_is_french(client, two):
    body = client.get("/fr/").content.decode()

    assert "Accord routier Bouleau" in body
    assert "Birch road accord" not in body


def test_home_counts_match_registry_when_some_agreements_are_private(client, two, unpublished):
    counts = client.get("/en/").context["counts"]

    assert counts["agreements_published"] == 2
    assert counts["agreements_in_force"] == 2
    assert counts["jurisdictions"] == Jurisdiction.objects.count()
    assert counts["organizations"] == Organization.objects.count()


def test_kept_facets_show_new_name_at_once_when_jurisdiction_renamed(client, two):
    first, _second = two
    jurisdiction = _jurisdiction_of(first)
    before = client.get("/en/agreements/")  # kept from here on
    assert _options(before, "jurisdiction")[jurisdiction.slug] == (jurisdiction.name_en, 1)

    Jurisdiction.objects.filter(pk=jurisdiction.pk).update(name_en="Renamed Isle")
    after = client.get("/en/agreements/")
    home = client.get("/en/")

    assert _options(after, "jurisdiction")[jurisdiction.slug] == ("Renamed Isle", 1)
    assert "Renamed Isle" in after.content.decode()
    assert "Renamed Isle" in home.content.decode()


def test_kept_facets_count_new_agreement_at_once_when_one_is_published(client, two, publish):
    assert _options(client.get("/en/agreements/"), "state") == {"in_force": ("In force", 2)}
    client.get("/en/")

    publish(title_en="Cedar port accord")
    response = client.get("/en/agreements/")

    assert _options(response, "state") == {"in_force": ("In force", 3)}
    assert response.context["results"].total == 3
    assert client.get("/en/").context["counts"]["agreements_published"] == 3


def test_kept_facets_follow_language_when_same_rows_in_french(client, two):
    first, _second = two
    jurisdiction = _jurisdiction_of(first)
    english = client.get("/en/agreements/")
    french = client.get("/fr/agreements/")

    assert _options(english, "jurisdiction")[jurisdiction.slug][0] == jurisdiction.name_en
    assert _options(french, "jurisdiction")[jurisdiction.slug][0] == jurisdiction.name_fr
    assert 'for="f-state-1">En vigueur' in french.content.decode()


def test_selected_jurisdiction_named_with_zero_when_no_agreement_has_it(client, two):
    JurisdictionFactory(slug="atlantis", name_en="Atlantis", name_fr="Atlantide")

    response = client.get("/fr/agreements/", {"jurisdiction": "atlantis"})

    facet = next(f for f in response.context["facets"] if f.name == "jurisdiction")
    option = next(o for o in facet.options if o.value == "atlantis")
    assert (option.value, option.label.text, option.count) == ("atlantis", "Atlantide", 0)
    assert option.selected and not option.unknown
    assert response.context["results"].total == 0


def test_kept_filtered_facets_count_new_agreement_when_one_is_published(client, two, publish):
    asked = {"state": "in_force", "sort": "reference"}
    before = client.get("/en/agreements/", asked)
    assert _options(before, "year") == {"2022": ("2022", 1), "2021": ("2021", 1)}

    publish(title_en="Cedar port accord")  # in force since 2021
    after = client.get("/en/agreements/", asked)

    assert _options(after, "year") == {"2022": ("2022", 1), "2021": ("2021", 2)}
    assert after.context["results"].total == 3
    remove = next(f for f in after.context["facets"] if f.name == "state").options[0].remove_query
    assert remove == "?sort=reference"
