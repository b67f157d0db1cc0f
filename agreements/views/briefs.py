"""Staff admin: the accountability brief PDF for a minister's office (agreements.briefs).

Members of an organisation's minister's office may download the brief of that organisation and
of the organisations under it; registrars of any organisation. Anyone else is refused
(PermissionDenied, which the Wagtail admin turns into a redirect to its dashboard).
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from agreements.briefs import accountability_brief, brief_organizations
from agreements.pdf import render_accountability_brief_pdf
from jurisdictions.models import Organization, Position

BRIEFS_TITLE = _("Accountability briefs")
LANGUAGES = ("en", "fr")


class AccountabilityBriefIndexView(WagtailAdminTemplateMixin, TemplateView):
    """The organisations whose brief the user may download, each in English and French."""

    template_name = "agreements/admin/accountability_briefs.html"
    page_title = BRIEFS_TITLE
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": BRIEFS_TITLE}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organizations = brief_organizations(self.request.user).select_related("jurisdiction")
        context["organizations"] = [
            {
                "organization": organization,
                "links": [
                    (
                        language,
                        reverse("agreements_accountability_brief", args=(organization.pk,))
                        + f"?language={language}",
                    )
                    for language in LANGUAGES
                ],
            }
            for organization in organizations.order_by("name_en")
        ]
        return context


def _as_of(request: HttpRequest) -> datetime.date:
    """The brief's day: `?as_of=YYYY-MM-DD` (e.g. from the accountability matrix), else today."""
    value = request.GET.get("as_of")
    if not value:
        return timezone.localdate()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise Http404 from None


def _for_position(brief: dict, *, organization, position_id: str) -> dict:
    """The brief limited to one accountable position of the organisation or its portfolio."""
    if not position_id.isdigit():
        raise Http404
    scope = Organization.objects.with_descendant_ids([organization.pk])
    position = Position.objects.filter(pk=position_id, organization_id__in=scope).first()
    if position is None:
        raise Http404

    def held(entry):
        return entry["position"] is not None and entry["position"]["id"] == position.pk

    return {
        **brief,
        "positions": [group for group in brief["positions"] if group["id"] == position.pk],
        "overdue": [entry for entry in brief["overdue"] if held(entry)],
        "unowned": [entry for entry in brief["unowned"] if held(entry)],
    }


@require_safe
def accountability_brief_pdf(request: HttpRequest, organization_id: int) -> HttpResponse:
    organization = brief_organizations(request.user).filter(pk=organization_id).first()
    if organization is None:
        # Organisations are public reference data: refusing says nothing secret.
        raise PermissionDenied
    language = request.GET.get("language", "en")
    if language not in LANGUAGES:
        raise Http404
    today = _as_of(request)
    brief = accountability_brief(user=request.user, organization=organization, today=today)
    if request.GET.get("position"):
        brief = _for_position(brief, organization=organization, position_id=request.GET["position"])
    content = render_accountability_brief_pdf(brief, language)
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"accountability-brief-{organization.slug}-{today.isoformat()}-{language}.pdf"
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=filename
    )
    # Staff-only and about today: never cached.
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    return response


class BriefsMenuItem(MenuItem):
    """Shown to registrars and members of a minister's office only."""

    def is_shown(self, request):
        return brief_organizations(request.user).exists()
