from django import forms
from django.utils.translation import gettext_lazy as _

WRONG_CODE = _(
    "That code is not valid. Enter the current 6-digit code from your authenticator app, or an "
    "unused recovery code. After several wrong codes, wait a few seconds between tries."
)
WRONG_ENROLMENT_CODE = _(
    "That code does not match. Check that your authenticator app shows the account you just "
    "added and that your device's clock is right, then enter the current 6-digit code."
)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


class EnrolmentForm(forms.Form):
    token = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        max_length=8,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
