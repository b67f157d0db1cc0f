"""The Wagtail user create and edit forms with a "Roles" field: the organisations' role groups
(jurisdictions/roles.py: "Service New Brunswick — liaison officers") chosen as rows of
organisation, jurisdiction and role, sorted by organisation then role, instead of being ticked
among every other group.

The plain "groups" field keeps the groups that are no organisation's role (e.g. Registrars),
sorted by name. On save the two make the user's groups: Wagtail's form writes them in one go,
and what a role group grants (agreements' object permissions) follows from the membership.

Only registrars (and superusers) see and change the roles field; for anyone else who may edit
users, the user's role groups are kept as they are.
"""

from django import forms
from django.contrib.auth.models import Group
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from jurisdictions.models import OrganizationRole
from jurisdictions.roles import is_registrar
from registry.bilingual import active_language

ROLES_LABEL = _("Roles")
ROLES_HELP = _(
    "The organisations this person works for, and in which role: liaison officers draft, "
    "negotiate and sign their organisation's agreements; the minister's office reviews and "
    "approves them. Each role gives access to that organisation's agreements."
)
OTHER_GROUPS_LABEL = _("Other groups")
OTHER_GROUPS_HELP = _("Groups that are not an organisation's role, e.g. Registrars.")
ROLE_CHOICE = _("{organization} — {role} ({jurisdiction})")


def organization_roles() -> QuerySet[OrganizationRole]:
    """Every organisation's roles, sorted by the organisation's name in the language shown
    (falling back to the other one, as the label does), then role, with what labels show."""
    language = active_language()
    other = "fr" if language == "en" else "en"
    shown_name = Coalesce(
        NullIf(F(f"organization__name_{language}"), Value("")), F(f"organization__name_{other}")
    )
    return (
        OrganizationRole.objects.select_related("organization__jurisdiction", "group")
        .annotate(shown_name=Lower(shown_name))
        .order_by("shown_name", "organization__pk", "role")
    )


def other_groups() -> QuerySet[Group]:
    """The groups that are not an organisation's role, by name."""
    return Group.objects.filter(organization_role__isnull=True).order_by("name")


def role_label(role: OrganizationRole) -> str:
    return str(ROLE_CHOICE).format(
        organization=role.organization,
        role=role.get_role_display(),
        jurisdiction=role.organization.jurisdiction,
    )


class RoleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return role_label(obj)


class RolesFormMixin:
    """Adds the roles field to a Wagtail user form (for registrars) and narrows its groups field
    to the other groups. Takes `for_user`, the person filling in the form."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        if "groups" in self.fields:
            groups = self.fields["groups"]
            groups.queryset = other_groups()
            groups.label, groups.help_text = OTHER_GROUPS_LABEL, OTHER_GROUPS_HELP
        if is_registrar(for_user):
            initial = []
            if self.instance.pk is not None:
                initial = list(
                    OrganizationRole.objects.filter(group__user=self.instance).values_list(
                        "pk", flat=True
                    )
                )
            self.fields["roles"] = RoleChoiceField(
                queryset=organization_roles(),
                required=False,
                label=ROLES_LABEL,
                help_text=ROLES_HELP,
                widget=forms.CheckboxSelectMultiple,
                initial=initial,
            )

    def _kept_role_groups(self) -> list[Group]:
        """The user's role groups, when this form does not change them."""
        if self.instance.pk is None:
            return []
        return list(Group.objects.filter(user=self.instance, organization_role__isnull=False))

    def clean(self):
        cleaned = super().clean()
        if "groups" in cleaned:
            if "roles" in self.fields:
                role_groups = [role.group for role in cleaned.get("roles") or ()]
            else:
                role_groups = self._kept_role_groups()
            # Wagtail's save writes the user's groups from this one list.
            cleaned["groups"] = [*cleaned["groups"], *role_groups]
        return cleaned


class RegistryUserCreationForm(RolesFormMixin, UserCreationForm):
    pass


class RegistryUserEditForm(RolesFormMixin, UserEditForm):
    pass
