"""Staff admin: reviews by each signing party.

- "Awaiting my review": the agreements (and amendments) under review on which a party the user
  decides for has not decided in this round (`selectors.review_items`), each with its approve /
  return form.
- The review page of an agreement (or of one of its amendments): each signing party's decision
  in the current round (approved by whom and when, with its gate steps; returned with its
  comment; pending), the last return's comment, and the decision form of each party the user
  decides for (with its jurisdiction's gate checklist).
- The approval gates (registrars): per jurisdiction, the steps its parties complete before
  approving (`ApprovalGateViewSet`).

The views load the agreement through `guard_agreement` (404 when the user may not see it) and
leave every decision to `agreements.services.approvals`, which checks again who may decide.
"""

from django import forms
from django.shortcuts import get_object_or_404, redirect
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput

from agreements import permissions, selectors
from agreements.lifecycle import TransitionError
from agreements.models import Agreement, Amendment, ApprovalGate, Party, PartyApproval
from agreements.models.approvals import review_round
from agreements.permissions import Action
from agreements.services.approval_records import StepEntry, gate_steps
from agreements.services.approvals import party_approve, party_return

from .base import RegistryModelViewSet
from .crumbs import agreement_breadcrumbs
from .forms import FormsetInlinePanel, OptimisedChildFormSet
from .guards import guard_agreement

REVIEWS_TITLE = _("Awaiting my review")
REVIEW_TITLE = _("Review")
APPROVED_FOR = _("{organization}: approval recorded.")
RETURNED_FOR = _("{organization}: returned to negotiation.")
APPROVE = _("Approve")
RETURN = _("Return to negotiation")

State = Agreement.State
AmendmentState = Amendment.State
Decision = PartyApproval.Decision


class PartyDecisionForm(forms.Form):
    """One party's decision: a comment (required to return; the service says so) and, for an
    approval, what the party gives for each of its gate steps."""

    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to return: say what must change. Shown to every party."),
    )
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.HiddenInput
    )
    return_to = forms.ChoiceField(
        choices=[("review", "review"), ("list", "list")],
        widget=forms.HiddenInput,
        required=False,
    )

    def __init__(self, *args, steps=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.steps = list(steps)
        for step in self.steps:
            label = step.localized("label")
            if step.reference_required:
                self.fields[f"step-{step.pk}-reference"] = forms.CharField(
                    label=_("{step}: number").format(step=label), required=False, max_length=100
                )
            if step.date_required:
                self.fields[f"step-{step.pk}-date"] = forms.DateField(
                    label=_("{step}: date").format(step=label),
                    required=False,
                    widget=AdminDateInput,
                )
            if not (step.reference_required or step.date_required):
                self.fields[f"step-{step.pk}-done"] = forms.BooleanField(
                    label=_("{step}: done").format(step=label), required=False
                )

    def entries(self) -> dict[int, StepEntry]:
        """Gate step id → what was given (steps left entirely blank are left out)."""
        found = {}
        for step in self.steps:
            reference = self.cleaned_data.get(f"step-{step.pk}-reference") or ""
            date = self.cleaned_data.get(f"step-{step.pk}-date")
            done = self.cleaned_data.get(f"step-{step.pk}-done")
            if reference or date or done:
                found[step.pk] = StepEntry(reference=reference, date=date)
        return found


def _prefix(party: Party) -> str:
    return f"party-{party.pk}"


def review_url(agreement: Agreement, amendment: Amendment | None = None) -> str:
    if amendment is not None:
        return reverse("agreement_reviews:amendment", args=(agreement.pk, amendment.number))
    return reverse("agreement_reviews:agreement", args=(agreement.pk,))


def decide_url(agreement: Agreement, amendment: Amendment | None, party: Party) -> str:
    if amendment is not None:
        return reverse(
            "agreement_reviews:amendment_decide", args=(agreement.pk, amendment.number, party.pk)
        )
    return reverse("agreement_reviews:decide", args=(agreement.pk, party.pk))


def _decision_forms(agreement, amendment, parties, steps, return_to):
    return [
        {
            "party": party,
            "url": decide_url(agreement, amendment, party),
            "form": PartyDecisionForm(
                steps=steps.get(party.pk, ()),
                prefix=_prefix(party),
                initial={"return_to": return_to},
            ),
        }
        for party in parties
    ]


class ReviewListView(WagtailAdminTemplateMixin, TemplateView):
    """What awaits the user's review, each party's decision form inline."""

    template_name = "agreements/admin/reviews.html"
    page_title = REVIEWS_TITLE
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": REVIEWS_TITLE}]

    def get_context_data(self, **kwargs):
        items = selectors.review_items(user=self.request.user)
        rows = [
            {
                "item": item,
                "review_url": review_url(item.agreement, item.amendment),
                "decisions": _decision_forms(
                    item.agreement, item.amendment, item.parties, item.steps, "list"
                ),
            }
            for item in items
        ]
        return super().get_context_data(rows=rows, **kwargs)


class ReviewView(WagtailAdminTemplateMixin, TemplateView):
    """The review of one agreement, or of one of its amendments."""

    template_name = "agreements/admin/review.html"
    header_icon = "tasks"

    @cached_property
    def agreement(self) -> Agreement:
        agreement = get_object_or_404(Agreement, pk=self.kwargs["pk"])
        guard_agreement(self.request.user, Action.VIEW, agreement)
        return agreement

    @cached_property
    def amendment(self) -> Amendment | None:
        number = self.kwargs.get("number")
        if number is None:
            return None
        amendment = get_object_or_404(Amendment, agreement=self.agreement, number=number)
        amendment.agreement = self.agreement
        return amendment

    def get_page_title(self):
        if self.amendment is not None:
            return _("Review of amendment {number}").format(number=self.amendment.number)
        return REVIEW_TITLE

    def get_page_subtitle(self):
        return str(self.agreement)

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        items += agreement_breadcrumbs(self.agreement)
        items.append({"url": "", "label": self.get_page_title()})
        return items

    def _under_review(self) -> bool:
        if self.amendment is not None:
            return (
                self.agreement.state == State.IN_FORCE
                and self.amendment.state == AmendmentState.REVIEW
            )
        return self.agreement.state == State.REVIEW

    def get_context_data(self, **kwargs):
        user, agreement, amendment = self.request.user, self.agreement, self.amendment
        statuses = selectors.review_status(agreement, amendment)
        access = permissions.AgreementAccess(user, [agreement])
        deciding = []
        if self._under_review():
            deciding = [
                status.party
                for status in statuses
                if status.decision is None
                and permissions.can_decide_for_party(user, status.party, access)
            ]
        steps = gate_steps(deciding)
        open_amendment = None
        if amendment is None and agreement.state == State.IN_FORCE:
            open_amendment = agreement.amendments.open().order_by("-number").first()
        return super().get_context_data(
            agreement=agreement,
            amendment=amendment,
            subject_state=(amendment or agreement).get_state_display(),
            under_review=self._under_review(),
            round=review_round(agreement, amendment),
            statuses=statuses,
            last_return=selectors.last_return(agreement, amendment),
            decisions=_decision_forms(agreement, amendment, deciding, steps, "review"),
            open_amendment_url=(
                review_url(agreement, open_amendment) if open_amendment is not None else None
            ),
            lifecycle_url=reverse("agreement_lifecycle:overview", args=(agreement.pk,)),
            **kwargs,
        )


class DecideView(View):
    """POST only: record one party's approval or return, then go back where the form was."""

    http_method_names = ["post"]

    def post(self, request, pk: int, party_id: int, number: int | None = None):
        agreement = get_object_or_404(Agreement, pk=pk)
        guard_agreement(request.user, Action.VIEW, agreement)
        subject = agreement
        amendment = None
        if number is not None:
            amendment = get_object_or_404(Amendment, agreement=agreement, number=number)
            subject = amendment
        party = get_object_or_404(
            Party.objects.select_related("organization"), pk=party_id, agreement=agreement
        )
        form = PartyDecisionForm(
            request.POST, steps=gate_steps([party])[party.pk], prefix=_prefix(party)
        )
        back = review_url(agreement, amendment)
        if not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                for error in errors:
                    messages.error(request, f"{label}: {error}" if label else error)
            return redirect(back)
        if form.cleaned_data.get("return_to") == "list":
            back = reverse("agreement_reviews:index")
        try:
            if form.cleaned_data["decision"] == Decision.RETURNED:
                party_return(
                    subject=subject,
                    party=party,
                    by=request.user,
                    comment=form.cleaned_data["comment"],
                )
                messages.success(request, RETURNED_FOR.format(organization=party.organization))
            else:
                party_approve(
                    subject=subject,
                    party=party,
                    by=request.user,
                    comment=form.cleaned_data["comment"],
                    steps=form.entries(),
                )
                messages.success(request, APPROVED_FOR.format(organization=party.organization))
        except TransitionError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect(back)


class ReviewsMenuItem(MenuItem):
    """Shown to registrars and members of a minister's office."""

    def is_shown(self, request):
        return permissions.party_decider_organization_ids(request.user) != set()


urlpatterns = [
    path("", ReviewListView.as_view(), name="index"),
    path("<int:pk>/", ReviewView.as_view(), name="agreement"),
    path("<int:pk>/parties/<int:party_id>/decide/", DecideView.as_view(), name="decide"),
    path("<int:pk>/amendments/<int:number>/", ReviewView.as_view(), name="amendment"),
    path(
        "<int:pk>/amendments/<int:number>/parties/<int:party_id>/decide/",
        DecideView.as_view(),
        name="amendment_decide",
    ),
]


def admin_urls():
    """For the `register_admin_urls` hook: everything under /admin/reviews/."""
    return [path("reviews/", include((urlpatterns, "agreement_reviews")))]


# --- Approval gates (registrars) -------------------------------------------------------------


class ApprovalGateViewSet(RegistryModelViewSet):
    model = ApprovalGate
    name = "approval_gates"
    url_prefix = "approval-gates"
    icon = "tasks"
    menu_label = _("Approval gates")
    add_to_admin_menu = True
    menu_order = 215
    list_display = ["jurisdiction", "organization_kind", "applies_to_children"]
    list_select_related = ("jurisdiction",)
    search_fields = ["jurisdiction__name_en", "jurisdiction__name_fr", "steps__label_en"]
    search_distinct = True
    ordering = ["jurisdiction__name_en", "organization_kind"]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("jurisdiction"),
                FieldRowPanel([FieldPanel("organization_kind"), FieldPanel("applies_to_children")]),
            ],
            heading=_("Whose parties"),
        ),
        # A hostile row id is refused with a message, not a server error.
        FormsetInlinePanel(
            "steps",
            formset_class=OptimisedChildFormSet,
            heading=_("Steps before approving"),
            label=_("Step"),
            panels=[
                FieldRowPanel([FieldPanel("label_en"), FieldPanel("label_fr")]),
                FieldRowPanel([FieldPanel("reference_required"), FieldPanel("date_required")]),
            ],
        ),
    ]
