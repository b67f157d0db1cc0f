"""The forms of the agreement's lifecycle page (agreements/views/lifecycle/): one per move
with its comment and the values the move needs, the form that opens an amendment, and the
choice of two versions to compare.

A move the lifecycle refuses (agreements.lifecycle.TransitionError) is shown on the form the
person filled in: a message about one value (a missing end date, reason, successor or signature
date) on that value's field, any other above the form; the page is shown again with every value
as typed (`TransitionForm.add_refusal`, `AmendmentOpenForm.add_refusal`).
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from agreements import lifecycle, permissions
from agreements.lifecycle import TransitionError
from agreements.models import Agreement

State = Agreement.State


def _add_refusal(form: forms.Form, error: TransitionError, fields: dict[str, str]) -> None:
    """Put each message of `error` on the field of `fields` (message → field name) it names, if
    the form has that field, and the others on the form as a whole."""
    for message in error.messages:
        name = fields.get(str(message))
        form.add_error(name if name in form.fields else None, str(message))


class TransitionForm(forms.Form):
    """The comment box of one move, with the values that move needs (end date, successor)."""

    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why, in your words; kept in the transition log."),
    )
    end_date = forms.DateField(
        label=_("Last day the agreement applies"),
        required=False,
        widget=AdminDateInput,
    )
    successor = forms.ModelChoiceField(
        label=_("Replacing agreement"),
        queryset=Agreement.objects.none(),
        required=False,
        help_text=_("Approved or in force, with an effective date."),
    )
    signed_date = forms.DateField(
        label=_("Signed on (last party)"), required=False, widget=AdminDateInput
    )
    effective_date = forms.DateField(
        label=_("Takes effect on"), required=False, widget=AdminDateInput
    )

    def __init__(self, *args, transition, agreement, user, **kwargs):
        kwargs.setdefault("prefix", f"{transition.source}-{transition.target}")
        super().__init__(*args, **kwargs)
        self.transition = transition
        self.agreement = agreement
        for name in ("end_date", "successor", "signed_date", "effective_date"):
            if name not in transition.inputs:
                del self.fields[name]
        if "successor" in self.fields:
            self.fields["successor"].queryset = (
                permissions.visible_agreements(user)
                .filter(state__in=[State.APPROVED, State.IN_FORCE], effective_date__isnull=False)
                .exclude(pk=agreement.pk)
                .order_by("reference")
            )
        if transition.target == State.TERMINATED:
            self.fields["comment"].label = _("Reason")
            self.fields["comment"].help_text = _("Required: why the agreement is terminated.")

    def inputs(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.transition.inputs}

    def add_refusal(self, error: TransitionError) -> None:
        """Show the lifecycle's refusal on this form: each message about one value on its
        field, the others above the form."""
        fields = {
            str(lifecycle.END_DATE_MISSING): "end_date",
            str(lifecycle.REASON_MISSING): "comment",
            str(lifecycle.SUCCESSOR_MISSING): "successor",
            str(lifecycle.SUCCESSOR_IS_SELF): "successor",
            str(lifecycle.SUCCESSOR_NOT_ADOPTED): "successor",
            str(lifecycle.AMENDMENT_SIGNED_DATE_MISSING): "signed_date",
            str(lifecycle.AMENDMENT_EFFECTIVE_DATE_MISSING): "effective_date",
        }
        if self.agreement.effective_date is not None:
            too_early = lifecycle.END_BEFORE_EFFECTIVE.format(
                effective_date=self.agreement.effective_date.isoformat()
            )
            fields[too_early] = "successor" if "successor" in self.fields else "end_date"
        _add_refusal(self, error, fields)


class AmendmentOpenForm(forms.Form):
    title_en = forms.CharField(
        label=_("Title (English)"),
        max_length=300,
        help_text=_("What the amendment does, e.g. “Adds passport-photo services”."),
    )
    title_fr = forms.CharField(label=_("Title (French)"), max_length=300, required=False)
    purpose_en = forms.CharField(
        label=_("Purpose (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    purpose_fr = forms.CharField(
        label=_("Purpose (French)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    effective_date = forms.DateField(
        label=_("Planned effective date"),
        required=False,
        widget=AdminDateInput,
        help_text=_("If known; accountable positions must be filled on that day."),
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    prefix = "amendment"

    def add_refusal(self, error: TransitionError) -> None:
        """Show the lifecycle's refusal (the agreement cannot be amended now) above the form."""
        _add_refusal(self, error, {})


class CompareForm(forms.Form):
    before = forms.TypedChoiceField(label=_("Compare version"), coerce=int)
    after = forms.TypedChoiceField(label=_("with version"), coerce=int)

    def __init__(self, *args, numbers, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, str(n)) for n in numbers]
        self.fields["before"].choices = self.fields["after"].choices = choices
