"""Request wiring that Django's defaults get wrong for this site."""

from django.middleware.locale import LocaleMiddleware


class PublicLocaleMiddleware(LocaleMiddleware):
    """LocaleMiddleware that leaves the staff admin and documents alone.

    The public site's catch-all page pattern sits inside `i18n_patterns`, so Django's
    LocaleMiddleware would turn every 404 under /admin/ into a redirect to /en/admin/... (a
    "valid" public path) — hiding the 404 that tells a user an agreement does not exist for them.
    Paths outside the language prefixes answer for themselves.
    """

    UNPREFIXED_PATHS = ("/admin/", "/documents/")

    def process_response(self, request, response):
        if request.path_info.startswith(self.UNPREFIXED_PATHS):
            return response
        return super().process_response(request, response)
