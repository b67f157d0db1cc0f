"""Reading the whole sitemap as a crawler does: the index at /sitemap.xml, then every file it
lists (cms.sitemaps)."""

import re
from urllib.parse import urlsplit

LOC = re.compile(r"<loc>(.*?)</loc>")


def sitemap_files(client) -> list[str]:
    """The paths (with their query string) of the files the sitemap index lists."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    paths = []
    for url in LOC.findall(response.content.decode()):
        parts = urlsplit(url.replace("&amp;", "&"))
        paths.append(f"{parts.path}?{parts.query}" if parts.query else parts.path)
    return paths


def whole_sitemap(client) -> str:
    """Every file of the sitemap, one after the other."""
    bodies = []
    for path in sitemap_files(client):
        response = client.get(path)
        assert response.status_code == 200, path
        bodies.append(response.content.decode())
    return "\n".join(bodies)
