"""Hostile input on the public site answers with a clear 4xx or the page itself, never a 500:
null bytes in any parameter or in the path, huge page and version numbers, odd digits."""

import pytest

from cms.browser_query import FACETS
from cms.network import PARAMETERS as NETWORK_PARAMETERS
from registry.input_guard import NUL_REFUSED

pytestmark = pytest.mark.django_db

HUGE = "9223372036854775807"


@pytest.fixture
def agreement(publish):
    return publish(title_en="Passport intake")


def _refused(response) -> bool:
    return response.status_code == 400 and str(NUL_REFUSED) in response.content.decode()


@pytest.mark.parametrize("name", [*FACETS, "q", "sort", "page"])
def test_null_byte_refused_with_a_message_when_in_a_browser_parameter(client, agreement, name):
    assert _refused(client.get(f"/en/agreements/?{name}=a%00b"))


@pytest.mark.parametrize("name", NETWORK_PARAMETERS)
def test_null_byte_refused_with_a_message_when_in_a_network_filter(client, agreement, name):
    assert _refused(client.get(f"/en/network/?{name}=a%00b"))


@pytest.mark.parametrize(
    "path", ["/en/agreements/a%00b/", "/en/no%00such/", "/admin/agreements/%00/", "/en/feed/?x=%00"]
)
def test_null_byte_refused_with_a_message_when_in_the_path(client, agreement, path):
    assert _refused(client.get(path))


def test_last_page_shown_when_the_page_number_is_huge(client, agreement):
    response = client.get(f"/en/agreements/?page={HUGE}")
    assert response.status_code == 200
    results = response.context["results"]
    assert (results.page, results.pages) == (1, 1)
    assert [v.agreement_id for v in results.versions] == [agreement.pk]


def test_last_page_shown_when_a_search_asks_for_a_huge_page(client, agreement):
    response = client.get(f"/en/agreements/?q=passport&page={HUGE}")
    assert response.status_code == 200
    results = response.context["results"]
    assert results.page == 1
    assert [v.agreement_id for v in results.versions] == [agreement.pk]


def test_year_ignored_when_written_with_digits_that_are_not_ascii(client, agreement):
    response = client.get("/en/agreements/?year=%C2%B2%C2%B2%C2%B2%C2%B2")  # "²²²²"
    assert response.status_code == 200
    assert response.context["query"].selected == {}


@pytest.mark.parametrize(
    "path",
    [
        "/en/agreements/{reference}/versions/" + HUGE + "/",
        "/en/pdf/{reference}/versions/" + HUGE + "/en.pdf",
        "/en/agreements/{reference}/changes/?from=" + HUGE + "&to=1",
        "/en/agreements/{reference}/changes/?from=1e400&to=-0",
    ],
)
def test_not_found_when_a_version_number_is_huge(client, agreement, path):
    response = client.get(path.format(reference=agreement.reference), follow=True)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("path", ["/en/", "/en/agreements/", "/admin/login/"])
def test_session_cookie_ignored_when_it_carries_a_null_character(client, agreement, path):
    # An octal escape in a quoted cookie decodes to a real null character; the session store
    # would send it to the database (PostgreSQL refuses text holding one).
    response = client.get(path, HTTP_COOKIE='sessionid="\\000abcdefgh"')

    assert response.status_code == 200
    assert "sessionid" not in response.wsgi_request.COOKIES
