"""Admin forms: model validation shown on the right fields, and the agreement's inline editing.

The agreement form edits the agreement with its parties, responsibilities and related agreements
in one submission (modelcluster formsets through Wagtail's InlinePanel). Two things need more
than modelcluster gives:

- A responsibility names its responsible party by the party's *organisation* (unique within an
  agreement), so a new agreement can be created with its parties and their responsibilities in a
  single save: the choice resolves to the party row of the same submission, saved or not.
- Saving happens in an order the PROTECT foreign keys accept (parties added, then
  responsibilities written, then parties removed), instead of modelcluster's one-relation-after-
  another order, which would try to delete a party before its responsibilities move away. Only
  rows that changed are written, so the history records real changes only.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseModelFormSet
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import InlinePanel

from agreements import permissions
from agreements.models import Agreement, Party, Responsibility
from agreements.models.agreement import RELATION_TO_ITSELF
from agreements.models.parties import DUPLICATE_PARTY
from agreements.models.responsibilities import OWNER_OUTSIDE_PARTY, PARTY_OF_OTHER_AGREEMENT
from jurisdictions.models import Organization
from registry.admin_forms import RegistryAdminForm

UNREADABLE_ROW = _(
    "A row of this list could not be read: the form was changed outside this page. Reload the "
    "page and make your changes again."
)
DUPLICATE_REFERENCE = _("Another agreement already uses this reference number.")
PARTY_STILL_RESPONSIBLE = _(
    "{party} cannot be removed while responsibilities are assigned to it. Reassign or remove "
    "those responsibilities first."
)
PARTY_BEING_REMOVED = _("This party is being removed from the agreement; choose another party.")
RESPONSIBLE_PARTY_HELP = _(
    "The party that must carry out the obligation: one of the parties on the previous tab, "
    "including parties added there before this save."
)


class FormsetInlinePanel(InlinePanel):
    """An InlinePanel whose child form and formset classes can be chosen, and whose child forms
    receive the requesting user (`for_user`) like the parent form does."""

    def __init__(self, relation_name, *args, form_class=None, formset_class=None, **kwargs):
        super().__init__(relation_name, *args, **kwargs)
        self.form_class = form_class
        self.formset_class = formset_class

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.update(form_class=self.form_class, formset_class=self.formset_class)
        return kwargs

    def get_form_options(self):
        options = super().get_form_options()
        formset_options = options["formsets"][self.relation_name]
        formset_options["inherit_kwargs"] = ["for_user"]
        if self.form_class is not None:
            formset_options["form"] = self.form_class
        if self.formset_class is not None:
            formset_options["formset"] = self.formset_class
        return options


class OptimisedChildFormSet(BaseChildFormSet):
    """Loads an existing agreement's rows with the related rows their forms display.

    A row whose hidden id is not an id at all (a form altered outside the page) is refused with
    UNREADABLE_ROW instead of modelcluster's unchecked conversion raising a server error."""

    select_related: tuple[str, ...] = ()

    def _construct_form(self, i, **kwargs):
        if self.is_bound and i < self.initial_form_count():
            pk = self.model._meta.pk
            raw = self.data.get(f"{self.add_prefix(i)}-{pk.name}")
            try:
                if raw != "":  # "" is modelcluster's row not saved yet
                    pk.to_python(raw)
            except ValidationError:
                self.unreadable_rows = True
                kwargs["instance"] = self.model()
                # Django's own construction, which tolerates the bad id (the row is invalid).
                return BaseModelFormSet._construct_form(self, i, **kwargs)
        return super()._construct_form(i, **kwargs)

    def clean(self):
        super().clean()
        if getattr(self, "unreadable_rows", False):
            raise ValidationError(UNREADABLE_ROW)

    def __init__(self, data=None, files=None, instance=None, queryset=None, **kwargs):
        if queryset is None and instance is not None and instance.pk is not None:
            manager = getattr(instance, self.fk.remote_field.related_name)
            queryset = manager.all()
            if isinstance(queryset, models.QuerySet):
                queryset = queryset.select_related(*self.select_related)
        super().__init__(data, files, instance=instance, queryset=queryset, **kwargs)


class PartyFormSet(OptimisedChildFormSet):
    select_related = ("organization", "signatory_position__organization")

    def validate_unique(self):
        # One party per organisation is checked by AgreementAdminForm, which puts the model's
        # own message on the organisation field instead of a generic "duplicate data" error.
        return


class ResponsibilityFormSet(OptimisedChildFormSet):
    select_related = ("accountability_owner__organization",)


class RelationFormSet(OptimisedChildFormSet):
    select_related = ("target",)


class PartyInlineForm(RegistryAdminForm):
    stamps_edit_revision = False


class ResponsiblePartyField(forms.TypedChoiceField):
    """Choice of the responsible party by its organisation's id. Any organisation is accepted
    here; the agreement form then checks it is one of this agreement's parties and reports the
    model's own message otherwise."""

    def valid_value(self, value):
        return True


class ResponsibilityInlineForm(RegistryAdminForm):
    stamps_edit_revision = False
    responsible_organization = ResponsiblePartyField(
        label=_("Responsible party"),
        coerce=int,
        empty_value=None,
        help_text=RESPONSIBLE_PARTY_HELP,
    )

    class Media:
        js = ["agreements/admin/responsible-party.js"]

    def __init__(self, *args, party_choices=(), party_organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["responsible_organization"]
        field.choices = [("", "---------"), *party_choices]
        party_id = self.instance.responsible_party_id
        if party_id is not None and party_organizations:
            self.initial.setdefault("responsible_organization", party_organizations.get(party_id))


class RelationInlineForm(RegistryAdminForm):
    stamps_edit_revision = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "target" in self.fields:
            self.fields["target"].queryset = permissions.visible_agreements(self.for_user)
            # A saved target this editor may not see is neither shown nor changeable here.
            target = self.instance.target if self.instance.target_id else None
            if target is not None and not permissions.user_can(self.for_user, "view", target):
                del self.fields["target"]


class AgreementAdminForm(RegistryAdminForm):
    """The agreement with its parties, responsibilities and related agreements."""

    class Meta:
        error_messages = {"reference": {"unique": DUPLICATE_REFERENCE}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "responsibilities" in self.formsets:
            choices, party_organizations = self._party_choices()
            self.formsets["responsibilities"].form_kwargs.update(
                party_choices=choices, party_organizations=party_organizations
            )

    # --- the responsible-party choices -------------------------------------------------------

    def _party_choices(self):
        """Organisations of this agreement's parties: the saved ones and, on submission, those
        entered in the parties formset (so a new party can be chosen in the same save)."""
        saved = []
        if self.instance.pk is not None:
            saved = list(
                Party.objects.filter(agreement=self.instance).values_list("pk", "organization_id")
            )
        party_organizations = dict(saved)
        organization_ids = [org_id for _pk, org_id in saved]
        if self.is_bound and "parties" in self.formsets:
            organization_ids += self._submitted_party_organizations()
        names = Organization.objects.in_bulk(set(organization_ids))
        choices, seen = [], set()
        for org_id in organization_ids:
            if org_id in names and org_id not in seen:
                seen.add(org_id)
                choices.append((org_id, str(names[org_id])))
        return choices, party_organizations

    def _submitted_party_organizations(self) -> list[int]:
        formset = self.formsets["parties"]
        prefix, ids = formset.prefix, []
        try:
            total = int(self.data.get(f"{prefix}-TOTAL_FORMS", 0))
        except (TypeError, ValueError):
            return ids
        for index in range(min(total, formset.absolute_max)):
            if self.data.get(f"{prefix}-{index}-DELETE"):
                continue
            value = self.data.get(f"{prefix}-{index}-organization")
            if value and str(value).isdigit():
                ids.append(int(value))
        return ids

    # --- validation across the formsets -------------------------------------------------------

    def is_valid(self):
        valid = super().is_valid()
        # modelcluster stops validating at the first invalid formset (all() short-circuits), but
        # the checks below read every row: validate every formset, so each row's errors show.
        formsets_valid = [formset.is_valid() for formset in self.formsets.values()]
        valid = valid and all(formsets_valid)
        if {"parties", "responsibilities"} <= set(self.formsets):
            self._check_parties_and_responsibilities()
        if "relations" in self.formsets:
            self._check_relations()
        if {"parties", "financial_commitments"} <= set(self.formsets):
            from agreements.views.financial import check_financial_commitments

            check_financial_commitments(self)
        return valid and not self._has_any_errors()

    def _has_any_errors(self) -> bool:
        if self.errors:
            return True
        return any(
            form.errors or formset.non_form_errors()
            for formset in self.formsets.values()
            for form in formset.forms
        )

    def _kept_forms(self, formset):
        return [
            form
            for form in formset.forms
            if not getattr(form, "cleaned_data", {}).get(forms.formsets.DELETION_FIELD_NAME)
        ]

    def _check_parties_and_responsibilities(self) -> None:
        parties = self.formsets["parties"]
        party_by_organization: dict[int, Party] = {}
        for form in self._kept_forms(parties):
            organization = getattr(form, "cleaned_data", {}).get("organization")
            if organization is None:
                continue
            if organization.pk in party_by_organization:
                form.add_error("organization", DUPLICATE_PARTY)
                continue
            party_by_organization[organization.pk] = form.instance
            if self.instance.pk is not None:
                form.instance.agreement_id = self.instance.pk

        departing = {
            form.instance.organization_id: form.instance
            for form in parties.deleted_forms
            if form.instance.pk is not None
        }
        departing = {k: v for k, v in departing.items() if k not in party_by_organization}
        for form in self._kept_forms(self.formsets["responsibilities"]):
            self._link_responsible_party(form, party_by_organization, departing)

    def _link_responsible_party(self, form, party_by_organization, departing) -> None:
        cleaned = getattr(form, "cleaned_data", None)
        if cleaned is None or "responsible_organization" not in cleaned:
            return
        organization_id = cleaned["responsible_organization"]
        if organization_id in departing:
            form.add_error("responsible_organization", PARTY_BEING_REMOVED)
            self.add_error(
                None, str(PARTY_STILL_RESPONSIBLE).format(party=departing[organization_id])
            )
            return
        party = party_by_organization.get(organization_id)
        if party is None:
            form.add_error("responsible_organization", PARTY_OF_OTHER_AGREEMENT)
            return
        form.instance.responsible_party = party
        if self.instance.pk is not None:
            form.instance.agreement_id = self.instance.pk
        owner = cleaned.get("accountability_owner")
        # Responsibility.clean() skips its lineage rule for a party without an id (one added in
        # this same submission), so apply the same rule, with its message, here.
        if (
            party.pk is None
            and owner is not None
            and party.organization_id is not None
            and owner.organization_id not in party.organization.lineage_ids()
        ):
            form.add_error("accountability_owner", OWNER_OUTSIDE_PARTY)
            return
        try:
            # The model's rules that depend on the party (accountable position within the
            # party's organisation) could not run before the party was known.
            form.instance.clean()
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                target = (
                    "responsible_organization" if field_name == "responsible_party" else field_name
                )
                if target not in form.fields:
                    target = None
                for message in messages:
                    form.add_error(target, message)

    def _check_relations(self) -> None:
        for form in self._kept_forms(self.formsets["relations"]):
            target = getattr(form, "cleaned_data", {}).get("target")
            if (
                target is not None
                and self.instance.pk is not None
                and target.pk == self.instance.pk
            ):
                form.add_error("target", RELATION_TO_ITSELF)

    # --- saving in an order the PROTECT foreign keys accept -----------------------------------

    def save(self, commit=True):
        instance = super().save(commit=False)
        if commit:
            self.commit(instance)
        return instance

    def commit(self, instance: Agreement) -> None:
        """Write the agreement and its changed rows. Run inside the view's transaction."""
        reason = getattr(instance, "_change_reason", None)
        # Save the agreement row only: modelcluster's save() would also commit every relation,
        # re-saving unchanged rows and removing parties before their responsibilities move.
        models.Model.save(instance)
        parties = self.formsets.get("parties")
        responsibilities = self.formsets.get("responsibilities")
        relations = self.formsets.get("relations")
        if parties is not None:
            self._write(parties, instance, "agreement", reason, deletions=False)
        if responsibilities is not None:
            self._write(responsibilities, instance, "agreement", reason, deletions=True)
        if parties is not None:
            self._delete(parties, reason)
        if relations is not None:
            self._write(relations, instance, "source", reason, deletions=True)
        financial = self.formsets.get("financial_commitments")
        if financial is not None:
            self._write(financial, instance, "agreement", reason, deletions=True)
        self._save_m2m()
        # The in-memory relation state is spent; read the rows back from the database from now.
        getattr(instance, "_cluster_related_objects", {}).clear()

    @staticmethod
    def _delete(formset, reason) -> None:
        for obj in formset.deleted_objects:
            if obj.pk is not None:
                obj._change_reason = reason
                obj.delete()

    def _write(self, formset, instance, parent_field, reason, *, deletions: bool) -> None:
        if deletions:
            self._delete(formset, reason)
        changed = [obj for obj, _fields in formset.changed_objects]
        for obj in [*changed, *formset.new_objects]:
            setattr(obj, parent_field, instance)
            if isinstance(obj, Responsibility):
                # Re-assign so the key picks up the party's id if it was saved just now.
                obj.responsible_party = obj.responsible_party
            obj._change_reason = reason
            obj.save()
