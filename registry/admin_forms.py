"""The base form of every registry admin form, whatever the app.

- The model's own validation (clean(), field validators and database constraints) runs on every
  save, and a rule reported both on a field and as a form-wide error is shown once, on the field.
- An edit form carries, hidden, the revision and time it was opened at (registry.concurrency);
  the edit view (registry/admin_views.py) refuses a save made from a stale form.
- A multiple choice refuses an id too large for a database integer with a form error.
- Choosers reuse the related objects the instance already loaded.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm

from registry.concurrency import OPENED_AT_FIELD, REVISION_FIELD, has_revision


class EditStampField(forms.CharField):
    """A hidden stamp of the moment an edit form was opened (its revision, its time): never a
    change made by the editor."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def clean(self, value):
        # Never a form error (it would be invisible on a hidden field): a malformed stamp is
        # read as no stamp, and the edit view refuses the save as stale, with its message.
        return value.strip() if isinstance(value, str) and "\x00" not in value else ""

    def has_changed(self, initial, data):
        return False


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of rows that refuses an id too large for a database integer with the
    field's own message (Django would send it to the database, which fails on `IN (...)`)."""

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else ():
            digits = str(pk).strip().removeprefix("-")
            if digits.isascii() and digits.isdigit() and len(digits.lstrip("0")) > 18:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class RegistryAdminForm(WagtailAdminModelForm):
    """Base admin form: the model's own validation (clean(), field validators and database
    constraints) runs on every save, and a rule reported both by `clean()` on a field and by its
    constraint as a form-wide error is shown once, on the field.

    The edit form of a record with an edit revision (registry.concurrency) carries, hidden, the
    revision and time it was opened at; the edit view refuses the save if the record was saved
    since. Forms of rows edited inline on their agreement do not: the agreement's form covers them.
    """

    #: False for the rows of an agreement's inline formsets.
    stamps_edit_revision = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if (
            self.stamps_edit_revision
            and self.instance.pk is not None
            and has_revision(type(self.instance))
        ):
            self.fields[REVISION_FIELD] = EditStampField(
                initial=getattr(self.instance, REVISION_FIELD)
            )
            self.fields[OPENED_AT_FIELD] = EditStampField(initial=timezone.now().isoformat())
        for field in self.fields.values():
            if type(field) is forms.ModelMultipleChoiceField:
                field.__class__ = BoundedModelMultipleChoiceField
        # A chooser shows the chosen object's title; hand it the related object the instance
        # already holds (loaded with select_related) so it does not fetch it once per row.
        for name, field in self.fields.items():
            related = self.instance._state.fields_cache.get(name)
            if related is not None and hasattr(field.widget, "known_instances"):
                field.widget.known_instances = {str(related.pk): related}

    def _post_clean(self):
        super()._post_clean()
        field_messages = {
            str(message)
            for name, errors in self.errors.items()
            if name != NON_FIELD_ERRORS
            for message in errors
        }
        if NON_FIELD_ERRORS in self._errors:
            remaining = [m for m in self._errors[NON_FIELD_ERRORS] if m not in field_messages]
            if remaining:
                self._errors[NON_FIELD_ERRORS] = self.error_class(remaining, error_class="nonfield")
            else:
                del self._errors[NON_FIELD_ERRORS]
