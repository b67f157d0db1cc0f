"""The site's icon: linked from every page (SVG for browsers that take it, ICO for the others,
a PNG for phones' home screens), and at /favicon.ico for clients that ask there unprompted."""

import pytest

pytestmark = pytest.mark.django_db

ICO_HEADER = b"\x00\x00\x01\x00"  # reserved 0, type 1 = icon
PNG_HEADER = b"\x89PNG\r\n\x1a\n"


def _content(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_favicon_ico_redirects_to_the_static_icon_when_asked_at_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.ico"
    assert "max-age=86400" in response["Cache-Control"]
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert _content(icon).startswith(ICO_HEADER)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_pages_link_the_icons_when_served(client, language):
    body = client.get(f"/{language}/").content.decode()
    assert '<link rel="icon" href="/static/favicon.ico" sizes="32x32">' in body
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in body
    assert '<link rel="apple-touch-icon" href="/static/apple-touch-icon.png">' in body
    svg = _content(client.get("/static/favicon.svg"))
    assert svg.startswith(b"<svg")
    touch = _content(client.get("/static/apple-touch-icon.png"))
    assert touch.startswith(PNG_HEADER)
    assert touch[16:24] == (180).to_bytes(4, "big") * 2  # IHDR width and height: 180 x 180
