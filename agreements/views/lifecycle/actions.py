"""What every POST of the lifecycle page shares: when its form is invalid or the move refused,
the page is shown again (not redirected to) with that form as typed and its errors."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from agreements.lifecycle import TransitionError

from .overview import LifecycleOverviewView

NOT_DONE = _("{label}: not done. Correct what is marked below; the values you typed are kept.")


def refused(request, error: TransitionError) -> None:
    """Each message of a refusal that no form can show, above the page."""
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
