"""Staff admin for an agreement's life over time: the moves it can make now (with a comment box),
the transition log, its signed versions with their change summaries, the version in force on a
given day with who held each accountable position that day, a side-by-side comparison of any two
versions, and its amendments (open, move, sign, withdraw).

Every view first loads the agreement through `guard_agreement`: 404 when the user may not see
it. Moves go through the services, which check permission and the lifecycle guards again; a
refused guard comes back as a message, a missing permission as 403. Views only prepare what the
templates show; they decide nothing the services do not decide again.
"""

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from agreements import as_of, lifecycle, permissions
from agreements.changes import compare_snapshots, describe_changes
from agreements.lifecycle import TransitionError
from agreements.models import (
    Agreement,
    AgreementTransition,
    AgreementVersion,
    Amendment,
    Party,
)
from agreements.permissions import Action
from agreements.services.amendments import amendment_open, amendment_transition
from agreements.services.lifecycle import agreement_transition
from agreements.services.parity import ONLY_REGISTRARS_EXEMPT
from agreements.services.signatures import signature_record_later
from jurisdictions.roles import is_registrar
from registry.bilingual import LocalizedText, active_language

from .guards import guard_agreement
from .lifecycle_forms import AmendmentOpenForm, CompareForm, TransitionForm
from .parity import (
    EXEMPTION_SAVED,
    ParityExemptionForm,
    parity_exemption_submit,
    parity_panel,
)
from .review_notice import review_standing
from .signatures import (
    LATER_SIGNATURE_SAVED,
    AmendmentSignForm,
    LaterSignatureForm,
    later_signature_panel,
    unsigned_parties,
)

LIFECYCLE_TITLE = _("Lifecycle")
MOVED = _("{agreement}: {label} done.")
AMENDMENT_MOVED = _("Amendment {number}: {label} done.")
AMENDMENT_OPENED = _("Amendment {number} opened. The agreement can now be edited.")
UNKNOWN_VERSION = _("Choose two versions of this agreement to compare.")
NOT_DONE = _("{label}: not done. Correct what is marked below; the values you typed are kept.")
OPEN_AMENDMENT = _("Open amendment")
RECORD_REASON = _("Record the reason")
RECORD_SIGNATURE = _("Record the signature")

State = Agreement.State
AmendmentState = Amendment.State


def lifecycle_url(agreement: Agreement) -> str:
    return reverse("agreement_lifecycle:overview", args=(quote(agreement.pk),))


def lifecycle_button(agreement: Agreement) -> HeaderButton:
    """A header button for the agreement's edit and inspect views, leading here."""
    return HeaderButton(
        _("Lifecycle, versions and amendments"),
        url=lifecycle_url(agreement),
        icon_name="history",
    )


def _amendment_form_class(transition) -> type[TransitionForm]:
    """Signing an amendment asks the day each party signed too."""
    return AmendmentSignForm if transition.target == AmendmentState.SIGNED else TransitionForm


def _agreement(request, pk: int) -> Agreement:
    agreement = get_object_or_404(Agreement, pk=pk)
    guard_agreement(request.user, Action.VIEW, agreement)
    return agreement


# --- pages -------------------------------------------------------------------------------------


class AgreementLifecycleMixin(WagtailAdminTemplateMixin):
    header_icon = "history"

    @cached_property
    def agreement(self) -> Agreement:
        return _agreement(self.request, self.kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.agreement)

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        try:
            items.append({"url": reverse("agreements:index"), "label": _("Agreements")})
            items.append(
                {
                    "url": reverse("agreements:edit", args=(quote(self.agreement.pk),)),
                    "label": self.agreement.reference,
                }
            )
        except NoReverseMatch:  # the agreement viewset is not registered
            pass
        items.append({"url": lifecycle_url(self.agreement), "label": LIFECYCLE_TITLE})
        return items


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
                        lambda option=option: _amendment_form_class(option.transition)(
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
            as_of_rows=_as_of_rows(standing, language),
            log=AgreementTransition.objects.filter(agreement=agreement)
            .select_related("actor", "amendment")
            .order_by("-at", "-pk"),
            **kwargs,
        )


class VersionView(AgreementLifecycleMixin, TemplateView):
    """One signed version: what it contains, its change summary and its SHA-256."""

    template_name = "agreements/lifecycle/version.html"

    @cached_property
    def version(self) -> AgreementVersion:
        return get_object_or_404(
            AgreementVersion.objects.select_related("created_by", "amendment"),
            agreement=self.agreement,
            number=self.kwargs["number"],
        )

    def get_page_title(self):
        return _("Version {number}").format(number=self.version.number)

    def get_context_data(self, **kwargs):
        language = active_language()
        version = self.version
        snapshot = version.snapshot
        return super().get_context_data(
            agreement=self.agreement,
            version=version,
            verified=version.verify(),
            changes=describe_changes(version.change_summary, language),
            rows=compare_snapshots(snapshot, snapshot, language),
            **kwargs,
        )


class CompareView(AgreementLifecycleMixin, TemplateView):
    """Two versions side by side, changed rows marked."""

    template_name = "agreements/lifecycle/compare.html"
    page_title = _("Compare versions")

    def get_context_data(self, **kwargs):
        versions = {v.number: v for v in self.agreement.versions.all()}
        form = CompareForm(self.request.GET, numbers=sorted(versions))
        if not form.is_valid():
            raise Http404(UNKNOWN_VERSION)
        before = versions[form.cleaned_data["before"]]
        after = versions[form.cleaned_data["after"]]
        return super().get_context_data(
            agreement=self.agreement,
            form=form,
            before=before,
            after=after,
            sections=compare_snapshots(before.snapshot, after.snapshot, active_language()),
            **kwargs,
        )


def _text(texts: dict, language: str) -> LocalizedText:
    """One language of a snapshot's {"en": ..., "fr": ...}, falling back to the other (and saying
    so, for the template's lang attribute)."""
    other = "fr" if language == "en" else "en"
    if texts.get(language):
        return LocalizedText(texts[language], language, False)
    return LocalizedText(texts.get(other) or "", other, bool(texts.get(other)))


def _as_of_rows(standing: as_of.Standing | None, language: str) -> list[dict]:
    """Each responsibility of the version in force that day, with who held its position."""
    if standing is None:
        return []
    return [
        {
            "clause": item.clause,
            "text": _text(item.text, language),
            "position": _text(item.position_title, language) if item.position_id else None,
            "organization": _text(item.organization_name, language),
            "holders": item.holders,
        }
        for item in standing.accountable
    ]


# --- actions (POST only) -----------------------------------------------------------------------


def _refused(request, error: TransitionError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _form_errors(request, form: forms.Form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


class LifecycleActionView(LifecycleOverviewView):
    """A POST from a form of the lifecycle page. When the form is invalid or the move refused,
    the page is shown again (not redirected to) with that form as typed and its errors."""

    http_method_names = ["post"]

    def show_again(self, key, form: forms.Form, *, label):
        self.bound_forms = {key: form}
        context = self.get_context_data()
        if key in self.shown_bound_forms:
            messages.error(self.request, NOT_DONE.format(label=label))
        else:  # the page no longer offers this form: say what was wrong above the page
            _form_errors(self.request, form)
        return self.render_to_response(context)


class TransitionView(LifecycleActionView):
    def post(self, request, pk: int, to: str):
        agreement = _agreement(request, pk)
        transition = lifecycle.find(agreement.state, to)
        if transition is None:
            _refused(request, _not_in_table(agreement, to))
            return redirect(lifecycle_url(agreement))
        form = TransitionForm(
            request.POST, transition=transition, agreement=agreement, user=request.user
        )
        key = ("agreement", transition.target)
        if not form.is_valid():
            return self.show_again(key, form, label=transition.label)
        try:
            moved = agreement_transition(
                agreement=agreement,
                by=request.user,
                to=to,
                comment=form.cleaned_data["comment"],
                **form.inputs(),
            )
        except TransitionError as error:
            form.add_refusal(error)
            return self.show_again(key, form, label=transition.label)
        messages.success(request, MOVED.format(agreement=moved.reference, label=transition.label))
        return redirect(lifecycle_url(agreement))


def _not_in_table(agreement: Agreement, to: str) -> TransitionError:
    try:
        lifecycle.check(agreement, to=to)
    except TransitionError as error:
        return error
    raise AssertionError("unreachable: the move is in the table")  # pragma: no cover


class AmendmentOpenView(LifecycleActionView):
    def post(self, request, pk: int):
        agreement = _agreement(request, pk)
        form = AmendmentOpenForm(request.POST)
        if not form.is_valid():
            return self.show_again("open", form, label=OPEN_AMENDMENT)
        try:
            amendment = amendment_open(agreement=agreement, by=request.user, **form.cleaned_data)
        except TransitionError as error:
            form.add_refusal(error)
            return self.show_again("open", form, label=OPEN_AMENDMENT)
        messages.success(request, AMENDMENT_OPENED.format(number=amendment.number))
        return redirect(lifecycle_url(agreement))


class AmendmentTransitionView(LifecycleActionView):
    def post(self, request, pk: int, number: int, to: str):
        agreement = _agreement(request, pk)
        amendment = get_object_or_404(Amendment, agreement=agreement, number=number)
        amendment.agreement = agreement
        transition = lifecycle.find_amendment(amendment.state, to)
        if transition is None:
            try:
                lifecycle.check_amendment(amendment, to=to)
            except TransitionError as error:
                _refused(request, error)
            return redirect(lifecycle_url(agreement))
        form = _amendment_form_class(transition)(
            request.POST, transition=transition, agreement=agreement, user=request.user
        )
        key = ("amendment", transition.target)
        if not form.is_valid():
            return self.show_again(key, form, label=transition.label)
        try:
            amendment_transition(
                amendment=amendment,
                by=request.user,
                to=to,
                comment=form.cleaned_data["comment"],
                **form.inputs(),
            )
        except TransitionError as error:
            form.add_refusal(error)
            return self.show_again(key, form, label=transition.label)
        messages.success(
            request, AMENDMENT_MOVED.format(number=amendment.number, label=transition.label)
        )
        return redirect(lifecycle_url(agreement))


class ParityExemptionView(LifecycleActionView):
    """POST: record the registrar's reason for publishing in one language (agreements/views/
    parity.py), on the agreement or its open amendment."""

    def post(self, request, pk: int):
        agreement = _agreement(request, pk)
        if not is_registrar(request.user):
            # Asked first, so the answer does not depend on the agreement's state.
            raise PermissionDenied(str(ONLY_REGISTRARS_EXEMPT))
        form = ParityExemptionForm(request.POST)
        if not form.is_valid():
            return self.show_again("parity", form, label=RECORD_REASON)
        try:
            parity_exemption_submit(
                agreement=agreement, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.show_again("parity", form, label=RECORD_REASON)
        messages.success(request, EXEMPTION_SAVED)
        return redirect(lifecycle_url(agreement))


class LaterSignatureView(LifecycleActionView):
    """POST: record that a party signed the current version later (agreements/views/
    signatures.py)."""

    def post(self, request, pk: int):
        agreement = _agreement(request, pk)
        version = lifecycle.latest_version(agreement)
        parties = unsigned_parties(agreement, version) if version else Party.objects.none()
        form = LaterSignatureForm(request.POST, parties=parties)
        if not form.is_valid():
            return self.show_again("later_signature", form, label=RECORD_SIGNATURE)
        party, day = form.cleaned_data["party"], form.cleaned_data["signed_date"]
        try:
            signature_record_later(party=party, by=request.user, signed_date=day)
        except TransitionError as error:
            form.add_refusal(error, version)
            return self.show_again("later_signature", form, label=RECORD_SIGNATURE)
        messages.success(
            request,
            LATER_SIGNATURE_SAVED.format(
                party=party.organization, number=version.number, day=day.isoformat()
            ),
        )
        return redirect(lifecycle_url(agreement))


urlpatterns = [
    path("", LifecycleOverviewView.as_view(), name="overview"),
    path("transition/<str:to>/", TransitionView.as_view(), name="transition"),
    path("versions/<int:number>/", VersionView.as_view(), name="version"),
    path("compare/", CompareView.as_view(), name="compare"),
    path("amendments/open/", AmendmentOpenView.as_view(), name="amendment_open"),
    path("parity-exemption/", ParityExemptionView.as_view(), name="parity_exemption"),
    path("later-signature/", LaterSignatureView.as_view(), name="later_signature"),
    path(
        "amendments/<int:number>/transition/<str:to>/",
        AmendmentTransitionView.as_view(),
        name="amendment_transition",
    ),
]


def admin_urls():
    """For the `register_admin_urls` hook: everything under /admin/agreement-lifecycle/<pk>/."""
    return [
        path(
            "agreement-lifecycle/<int:pk>/",
            include((urlpatterns, "agreement_lifecycle"), namespace="agreement_lifecycle"),
        )
    ]
