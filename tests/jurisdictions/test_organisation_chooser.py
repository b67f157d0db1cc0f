"""The organisation chooser names each organisation's jurisdiction, so that two provinces'
"Department of Health" can be told apart, in a number of queries that does not grow with rows."""

import re

import pytest
from django.urls import reverse

from tests.factories import JurisdictionFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def rows(html: str) -> list[list[str]]:
    """The text of each cell of each body row of the chooser's table."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    cells = []
    for row in re.findall(r"<tr.*?</tr>", body, flags=re.S):
        texts = [
            re.sub(r"<[^>]+>|\s+", " ", cell).strip()
            for cell in re.findall(r"<td.*?</td>", row, flags=re.S)
        ]
        cells.append([re.sub(r"\s+", " ", text) for text in texts])
    return cells


def health_departments():
    for province in ("New Brunswick", "Nova Scotia"):
        OrganizationFactory(
            name_en="Department of Health",
            jurisdiction=JurisdictionFactory(name_en=province),
        )


def test_jurisdiction_shown_next_to_name_when_names_are_the_same(registrar_client):
    health_departments()
    response = registrar_client.get(reverse("organisation_chooser:choose_results"), {"q": "Health"})
    assert response.status_code == 200
    assert sorted(rows(response.content.decode())) == [
        ["Department of Health", "New Brunswick"],
        ["Department of Health", "Nova Scotia"],
    ]


def test_jurisdiction_column_shown_in_the_chooser_modal(registrar_client):
    health_departments()
    response = registrar_client.get(reverse("organisation_chooser:choose"))
    content = response.json()["html"]
    assert "Jurisdiction" in content
    assert sorted(rows(content)) == [
        ["Department of Health", "New Brunswick"],
        ["Department of Health", "Nova Scotia"],
    ]


@pytest.mark.parametrize("count", [2, 12])
def test_chooser_queries_do_not_grow_with_organisations(
    registrar_client, django_assert_num_queries, count
):
    for _ in range(count):
        OrganizationFactory()
    registrar_client.get(reverse("organisation_chooser:choose_results"))  # session warm-up
    # Session, user, two-factor device, Wagtail's user profile, the count, and one page of
    # organisations with their jurisdictions (one join): 6 whatever the number of rows.
    with django_assert_num_queries(6):
        response = registrar_client.get(reverse("organisation_chooser:choose_results"))
    assert len(rows(response.content.decode())) == count
