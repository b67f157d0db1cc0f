"""The Atom feed writes its times in the registry's time zone with their offset, never in UTC,
and names the XSL stylesheet (a static file) that lets a browser show it as a page."""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from tests.site import conftest as site

pytestmark = pytest.mark.django_db

publish = site.publish  # the public site's fixture: publish(title_en=…) signs version 1

PI = '<?xml-stylesheet href="/static/cms/feed.xsl" media="screen" type="text/xsl"?>'


def _feed(client, language="en") -> str:
    response = client.get(f"/{language}/feed/")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return response.content.decode()


def test_times_have_the_local_offset_when_versions_take_effect_in_summer_and_winter(
    client, publish
):
    publish(title_en="Summer accord", effective_date=datetime.date(2021, 7, 1))
    publish(title_en="Winter accord", effective_date=datetime.date(2022, 1, 15))

    feed = _feed(client)

    assert re.findall(r"<published>([^<]+)</published>", feed) == [
        "2022-01-15T00:00:00-04:00",
        "2021-07-01T00:00:00-03:00",
    ]
    assert "<updated>2022-01-15T00:00:00-04:00</updated>" in feed
    assert "+00:00" not in feed and "Z<" not in feed


def test_feed_updated_in_local_time_when_nothing_is_published(client, settings):
    settings.TIME_ZONE = "America/Moncton"

    feed = _feed(client)

    updated = re.search(r"<updated>([^<]+)</updated>", feed).group(1)
    assert updated[-6:] in ("-03:00", "-04:00")


def test_stylesheet_named_before_the_feed_element_when_the_feed_is_read(client, publish):
    publish(title_en="Passport intake")

    for language in ("en", "fr"):
        feed = _feed(client, language)
        assert feed.startswith('<?xml version="1.0" encoding="utf-8"?>\n' + PI + "<feed ")
        assert f'<feed xml:lang="{language}"' in feed


def test_entry_title_is_one_sentence_when_the_feed_is_french(client, publish):
    agreement = publish(title_en="Passport intake", title_fr="Réception des passeports")

    feed = _feed(client, "fr")

    assert f"<title>{agreement.reference} — Réception des passeports (version 1)</title>" in feed


def test_stylesheet_is_a_bilingual_xsl_when_served_as_a_static_file():
    path = Path(finders.find("cms/feed.xsl"))
    xsl = path.read_text()

    assert xsl.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert 'xmlns:xsl="http://www.w3.org/1999/XSL/Transform"' in xsl
    assert "This is a web feed (Atom)." in xsl
    assert "Ceci est un fil de syndication (Atom)." in xsl
    assert "<script" not in xsl


BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        (BROWSER_ACCEPT, "application/xml; charset=utf-8"),
        ("application/atom+xml", "application/atom+xml; charset=utf-8"),
        ("*/*", "application/atom+xml; charset=utf-8"),
    ],
)
def test_browser_gets_xml_it_can_style_when_it_asks_for_html(client, accept, content_type):
    response = client.get("/en/feed/", headers={"accept": accept})

    assert response["Content-Type"] == content_type
    assert "Accept" in [name.strip() for name in response["Vary"].split(",")]
    assert PI in response.content.decode()
