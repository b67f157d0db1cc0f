"""The calendar feed's two screens: the feed itself at its secret address (no sign-in: the
token is the key), and the admin page where a user makes or resets their address."""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from registry.security_log import log_security_event
from workspace.calendar import (
    calendar_feed,
    calendar_feed_url,
    calendar_token_reset,
    calendar_token_user,
)
from workspace.models import CalendarToken

CALENDAR_TITLE = _("Calendar feed")
CALENDAR_HELP = _("Due dates, review, notice and expiry dates in your calendar program")


@require_safe
def calendar_feed_view(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar file of the user whose token this is; 404 for an unknown or reset token
    and for a deactivated user (the same answer, so a guess learns nothing)."""
    user = calendar_token_user(token)
    if user is None:
        raise Http404
    response = HttpResponse(calendar_feed(user=user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agreement-registry.ics"'
    # Personal and about today: never stored by a shared cache.
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    response["X-Robots-Tag"] = "noindex"
    return response


class CalendarFeedView(WagtailAdminTemplateMixin, TemplateView):
    """Shows whether the user has a feed address; POST makes a new one (the old one stops
    working) and shows it, once."""

    template_name = "workspace/calendar_feed.html"
    page_title = CALENDAR_TITLE
    header_icon = "date"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": CALENDAR_TITLE}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["existing"] = CalendarToken.objects.filter(user=self.request.user).first()
        return context

    def post(self, request, *args, **kwargs):
        token = calendar_token_reset(user=request.user)
        log_security_event("calendar_feed_reset", user=request.user, request=request)
        context = self.get_context_data(**kwargs)
        context["feed_url"] = calendar_feed_url(token)
        response = self.render_to_response(context)
        add_never_cache_headers(response)
        return response


class CalendarMenuItem:
    """The account page's link to the calendar feed page (Wagtail's account menu items are
    plain objects with a url, a label and a help text)."""

    def __init__(self, url: str):
        self.url = url
        self.label = CALENDAR_TITLE
        self.help_text = CALENDAR_HELP
