"""The agreement page leads to the organisation page of each party, in the page's language."""

import pytest

from tests.site.conftest import publish  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "fr"])
def test_each_party_links_to_its_organisation_page(client, publish, language):  # noqa: F811
    agreement = publish()
    html = client.get(f"/{language}/agreements/{agreement.reference}/").content.decode()
    slugs = list(agreement.parties.values_list("organization__slug", flat=True))
    assert len(slugs) == 2
    for slug in slugs:
        address = f"/{language}/jurisdictions/organisations/{slug}/"
        assert f'href="{address}"' in html
        assert client.get(address).status_code == 200
