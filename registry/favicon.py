"""`/favicon.ico`: the site's icon where browsers, feed readers and bookmark tools look for it
without reading the page (pages link static/favicon.svg and static/favicon.ico themselves).

It redirects to the static file, so the icon is stored once and served by whitenoise with the
rest of the static files. The redirect is temporary (cached for a day): the static file's name
carries a content hash in production, and a permanent redirect would pin an old icon.
"""

from django.http import HttpRequest, HttpResponseRedirect
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

ONE_DAY = 24 * 60 * 60


@require_safe
def favicon_ico(request: HttpRequest) -> HttpResponseRedirect:
    response = HttpResponseRedirect(static("favicon.ico"))
    patch_cache_control(response, public=True, max_age=ONE_DAY)
    return response
