"""POSTs that move the agreement or its open amendment along the lifecycle, and the one that
opens an amendment. The services check permission and the lifecycle guards; a refusal is shown
on the form as typed."""

from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from agreements import lifecycle
from agreements.lifecycle import TransitionError
from agreements.models import Agreement, Amendment
from agreements.services.amendments import amendment_open, amendment_transition
from agreements.services.lifecycle import agreement_transition
from agreements.views.lifecycle_forms import AmendmentOpenForm, TransitionForm

from .actions import LifecycleActionView, refused
from .base import agreement_for
from .links import lifecycle_url
from .overview import amendment_form_class

MOVED = _("{agreement}: {label} done.")
AMENDMENT_MOVED = _("Amendment {number}: {label} done.")
AMENDMENT_OPENED = _("Amendment {number} opened. The agreement can now be edited.")
OPEN_AMENDMENT = _("Open amendment")


def _not_in_table(agreement: Agreement, to: str) -> TransitionError:
    try:
        lifecycle.check(agreement, to=to)
    except TransitionError as error:
        return error
    raise AssertionError("unreachable: the move is in the table")  # pragma: no cover


class TransitionView(LifecycleActionView):
    def post(self, request, pk: int, to: str):
        agreement = agreement_for(request, pk)
        transition = lifecycle.find(agreement.state, to)
        if transition is None:
            refused(request, _not_in_table(agreement, to))
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


class AmendmentOpenView(LifecycleActionView):
    def post(self, request, pk: int):
        agreement = agreement_for(request, pk)
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
        agreement = agreement_for(request, pk)
        amendment = get_object_or_404(Amendment, agreement=agreement, number=number)
        amendment.agreement = agreement
        transition = lifecycle.find_amendment(amendment.state, to)
        if transition is None:
            try:
                lifecycle.check_amendment(amendment, to=to)
            except TransitionError as error:
                refused(request, error)
            return redirect(lifecycle_url(agreement))
        form = amendment_form_class(transition)(
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
