"""The lifecycle page: the moves the agreement and its open amendment can make now (each with its
form), opening an amendment, the parity and later-signature panels, the review standing, the
signed versions, the version in force on a chosen day, and the transition log."""

from django.contrib.admin.utils import quote
from django.urls import NoReverseMatch, reverse
from django.views.generic import TemplateView

from agreements import as_of, lifecycle, permissions
from agreements.changes import describe_changes
from agreements.models import Agreement, AgreementTransition, AgreementVersion, Amendment
from agreements.permissions import Action
from agreements.views.lifecycle_forms import AmendmentOpenForm, CompareForm, TransitionForm
from agreements.views.parity import parity_panel
from agreements.views.review_notice import review_standing
from agreements.views.signatures import AmendmentSignForm, later_signature_panel
from registry.bilingual import active_language

from .base import AgreementLifecycleMixin
from .links import LIFECYCLE_TITLE
from .standing import as_of_rows

State = Agreement.State
AmendmentState = Amendment.State


def amendment_form_class(transition) -> type[TransitionForm]:
    """Signing an amendment asks the day each party signed too."""
    return AmendmentSignForm if transition.target == AmendmentState.SIGNED else TransitionForm


class LifecycleOverviewView(AgreementLifecycleMixin, TemplateView):
    template_name = "agreements/lifecycle/overview.html"
    page_title = LIFECYCLE_TITLE
    #: Forms a refused POST shows again as typed, with their errors, instead of empty ones:
    #: ("agreement", target) and ("amendment", target) for moves, "open" for a new amendment.
    bound_forms: dict = {}

    def _form(self, key, option, make):
        """The form shown for `key`: the refused one as typed, or a new one from `make()`."""
        form = self.bound_forms.get(key)
        if form is None:
            return make()
        if option is None or option.available:
            self.shown_bound_forms.add(key)
        return form

    def _panel(self, key: str, panel: dict | None) -> dict | None:
        """A panel of the page (parity, later signature) with its form as typed when a POST of
        that form was refused (key "parity" or "later_signature")."""
        if panel is not None and panel.get("form") is not None:
            panel["form"] = self._form(key, None, lambda: panel["form"])
        return panel

    def get_context_data(self, **kwargs):
        agreement, user = self.agreement, self.request.user
        language = active_language()
        self.shown_bound_forms = set()
        options = [
            {
                "option": option,
                "form": self._form(
                    ("agreement", option.transition.target),
                    option,
                    lambda option=option: TransitionForm(
                        transition=option.transition, agreement=agreement, user=user
                    ),
                ),
                "url": reverse(
                    "agreement_lifecycle:transition",
                    args=(agreement.pk, option.transition.target),
                ),
            }
            for option in lifecycle.transition_options(agreement, user)
        ]
        amendments = list(agreement.amendments.select_related("opened_by").order_by("-number"))
        current = next((a for a in amendments if a.is_open), None)
        amendment_options = []
        if current is not None:
            amendment_options = [
                {
                    "option": option,
                    "form": self._form(
                        ("amendment", option.transition.target),
                        option,
                        lambda option=option: amendment_form_class(option.transition)(
                            transition=option.transition, agreement=agreement, user=user
                        ),
                    ),
                    "url": reverse(
                        "agreement_lifecycle:amendment_transition",
                        args=(agreement.pk, current.number, option.transition.target),
                    ),
                }
                for option in lifecycle.amendment_transition_options(current, user)
            ]
        versions = list(
            agreement.versions.select_related("created_by", "amendment").order_by("-number")
        )
        can_amend = (
            agreement.state == State.IN_FORCE
            and current is None
            and permissions.user_can(user, Action.NEGOTIATE, agreement)
        )
        numbers = [v.number for v in reversed(versions)]
        asked = as_of.read_day(self.request.GET)
        standing = None
        if asked.day is not None:
            standing = as_of.standing_on(
                agreement,
                day=asked.day,
                versions=list(reversed(versions)),
                readable=AgreementVersion.objects.all(),
            )
        compare_form = None
        if len(numbers) >= 2:
            compare_form = CompareForm(
                numbers=numbers, initial={"before": numbers[-2], "after": numbers[-1]}
            )
        try:
            edit_url = reverse("agreements:edit", args=(quote(agreement.pk),))
        except NoReverseMatch:
            edit_url = None
        return super().get_context_data(
            agreement=agreement,
            edit_url=edit_url,
            edit_refusal=lifecycle.edit_refusal(agreement),
            options=options,
            current_amendment=current,
            amendment_options=amendment_options,
            amendments=amendments,
            can_amend=can_amend,
            open_form=self._form("open", None, AmendmentOpenForm) if can_amend else None,
            parity=self._panel("parity", parity_panel(agreement, current, user)),
            later_signature=self._panel("later_signature", later_signature_panel(agreement, user)),
            review=review_standing(agreement, open_amendment=current),
            versions=[
                {"version": v, "changes": describe_changes(v.change_summary, language)}
                for v in versions
            ],
            compare_form=compare_form,
            as_of_request=asked,
            standing=standing,
            as_of_rows=as_of_rows(standing, language),
            log=AgreementTransition.objects.filter(agreement=agreement)
            .select_related("actor", "amendment")
            .order_by("-at", "-pk"),
            **kwargs,
        )
