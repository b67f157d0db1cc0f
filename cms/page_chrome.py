"""What every public page carries around its content (templates/base.html): the links in its
head, the language toggle's addresses and the footer.

Every page paid for them through the template engine: four `{% static %}` look-ups, three URL
reversals and eight `{% trans %}` per request, and `translate_url` (which resolves the whole path
again) for the language toggle. The fixed parts depend only on the language and the deployment,
so they are built once per process for each (language, URL configuration, script prefix, static
storage) and kept in memory; the other language's address of a page under a language prefix is
the same path under the other prefix (the public URL patterns are not translated).
"""

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import get_script_prefix, get_urlconf, reverse, translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

HEAD_LINKS = (
    '<link rel="icon" href="{}" sizes="32x32">\n'
    '  <link rel="icon" href="{}" type="image/svg+xml">\n'
    '  <link rel="apple-touch-icon" href="{}">\n'
    '  <link rel="stylesheet" href="{}">\n'
    '  <link rel="alternate" type="application/atom+xml" title="{}" href="{}">'
)
FOOTER = '<p>{}\n        <a href="{}">{}</a>\n        · <a href="{}">{}</a></p>'

_BUILT: dict[tuple, dict] = {}


def _key() -> tuple:
    # The static storage object changes when its settings do (Django resets it), so a test that
    # overrides STATIC_URL or STORAGES gets fresh links.
    return (
        get_language(),
        get_urlconf(),
        get_script_prefix(),
        settings.STATIC_URL,
        id(getattr(staticfiles_storage, "_wrapped", None)),
    )


def _build() -> dict:
    from cms.documents import NAMESPACE  # the verification page's URL namespace

    feed = reverse("feed")
    return {
        "site_name": _("Intergovernmental Agreement Registry"),
        "skip": _("Skip to main content"),
        "staff": _("Staff sign in"),
        "head_links": format_html(
            HEAD_LINKS,
            staticfiles_storage.url("favicon.ico"),
            staticfiles_storage.url("favicon.svg"),
            staticfiles_storage.url("apple-touch-icon.png"),
            staticfiles_storage.url("css/site.css"),
            _("Newly published agreement versions"),
            feed,
        ),
        "footer": format_html(
            FOOTER,
            _("Published agreements are open data."),
            feed,
            _("Atom feed of new versions"),
            reverse(f"{NAMESPACE}:verify"),
            _("Verify an agreement PDF"),
        ),
        "languages": {
            code: str(get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        },
    }


def page_chrome() -> dict:
    """The fixed parts of every public page in the active language."""
    key = _key()
    found = _BUILT.get(key)
    if found is None:
        if len(_BUILT) > 64:  # many URL configurations or storages (tests): start again
            _BUILT.clear()
        found = _BUILT[key] = _build()
    return found


def other_language_url(full_path: str, current: str, code: str) -> str:
    """This page's address in language `code`: the same path under the other language prefix,
    or, for a path outside the prefixes, what Django's `translate_url` says."""
    prefix = f"/{current}/"
    if full_path.startswith(prefix):
        return f"/{code}/{full_path[len(prefix) :]}"
    return translate_url(full_path, code)


def language_links(request, current: str) -> list[dict]:
    """The other languages of this very page (same path, same query string)."""
    names = page_chrome()["languages"]
    return [
        {
            "code": code,
            "name": names[code],
            "url": other_language_url(request.get_full_path(), current, code)
            if request
            else f"/{code}/",
        }
        for code, _name in settings.LANGUAGES
        if code != current
    ]
