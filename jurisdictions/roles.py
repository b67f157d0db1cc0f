"""Staff roles as groups: the registrars, and for each organisation its liaison officers and its
minister's office ("Service New Brunswick — liaison officers").

People get access by joining a group; agreements grant object permissions to groups
(agreements/services/parties.py), never to people. This module only creates, names and deletes
the groups and gives them their model-level permissions.

Groups are made by explicit calls, not signals: `organization_create` (and any service that
renames or creates an organisation) calls `organization_groups_ensure`; `roles_sync` repairs all
organisations at once and runs after every `migrate` and from `manage.py access_sync`, so
organisations loaded by fixtures or created outside the services still get their groups.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Organization, OrganizationRole

REGISTRARS_GROUP = "Registrars"
ROLE_GROUP_SUFFIXES = {
    OrganizationRole.Role.LIAISON: "liaison officers",
    OrganizationRole.Role.MINISTER: "minister's office",
}
GROUP_NAME_TAKEN = _(
    "Cannot name the {role} group of {organization}: “{name}” belongs to another group."
)

# Enough to enter the admin, see its menus and read reference data. What a role may do with an
# agreement comes only from object permissions: agreements/permissions.py ignores model-level
# grants (accept_global_perms=False), so "view agreement" here opens no agreement.
ROLE_MODEL_PERMISSIONS = (
    "wagtailadmin.access_admin",
    "agreements.view_agreement",
    "jurisdictions.view_jurisdiction",
    "jurisdictions.view_organization",
    "jurisdictions.view_position",
    "jurisdictions.view_person",
    "jurisdictions.view_appointment",
)
# Registrars hold every model permission but this one: staff accounts are deactivated, never
# deleted, so that history keeps its authors (see jurisdictions/staff.py).
REGISTRAR_WITHHELD_PERMISSIONS = ("auth.delete_user",)

GROUP_NAME_MAX_LENGTH = Group._meta.get_field("name").max_length


def is_registrar(user) -> bool:
    """True for an active superuser or an active member of the Registrars group (one query)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=REGISTRARS_GROUP).exists()


def _permission_filter(names) -> Q:
    query = Q(pk__in=[])
    for name in names:
        app_label, codename = name.split(".", 1)
        query |= Q(content_type__app_label=app_label, codename=codename)
    return query


def role_model_permissions() -> list[Permission]:
    """The model-level permissions every organisation role group holds. Raises LookupError when
    one does not exist (permissions are created by `migrate`)."""
    found = list(
        Permission.objects.filter(_permission_filter(ROLE_MODEL_PERMISSIONS)).select_related(
            "content_type"
        )
    )
    missing = set(ROLE_MODEL_PERMISSIONS) - {
        f"{p.content_type.app_label}.{p.codename}" for p in found
    }
    if missing:
        raise LookupError(f"Missing permissions (run migrate): {', '.join(sorted(missing))}")
    return found


@transaction.atomic
def registrars_group_ensure() -> Group:
    """Create the Registrars group if missing and give it every model permission except deleting
    user accounts, plus access to the admin. Idempotent."""
    group, _created = Group.objects.get_or_create(name=REGISTRARS_GROUP)
    group.permissions.set(
        Permission.objects.exclude(_permission_filter(REGISTRAR_WITHHELD_PERMISSIONS))
    )
    return group


def _fit(label: str, suffix: str) -> str:
    room = GROUP_NAME_MAX_LENGTH - len(suffix)
    return (label if len(label) <= room else label[: room - 1] + "…") + suffix


def role_group_name(*, organization: Organization, role: str, group_id: int | None = None) -> str:
    """The group's name: "<organisation> — <role>", or "<organisation> (<slug>) — <role>" when
    another organisation of the same name already holds the plain one (e.g. two provinces'
    "Department of Health"). Raises ValueError when both names belong to other groups."""
    suffix = f" — {ROLE_GROUP_SUFFIXES[role]}"
    slug_suffix = f" ({organization.slug}){suffix}"
    candidates = (_fit(organization.name_en, suffix), _fit(organization.name_en, slug_suffix))
    taken = set(
        Group.objects.filter(name__in=candidates)
        .exclude(pk=group_id)
        .values_list("name", flat=True)
    )
    for name in candidates:
        if name not in taken:
            return name
    raise ValueError(
        str(GROUP_NAME_TAKEN).format(
            role=ROLE_GROUP_SUFFIXES[role], organization=organization.slug, name=candidates[-1]
        )
    )


@transaction.atomic
def organization_groups_ensure(
    *, organization: Organization, permissions: list[Permission] | None = None
) -> dict[str, Group]:
    """Make sure `organization` has its liaison officers' and minister's office's groups, named
    after it, with their model-level permissions. Idempotent: call it after creating an
    organisation and after renaming one (the groups are renamed). Returns the groups by role.

    Locks the organisation row so that two concurrent calls cannot both create the groups.
    """
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    permissions = permissions if permissions is not None else role_model_permissions()
    existing = {record.role: record.group for record in organization.roles.select_related("group")}
    groups = {}
    for role in OrganizationRole.Role:
        group = existing.get(role)
        if group is None:
            group = Group.objects.create(name=role_group_name(organization=organization, role=role))
            OrganizationRole.objects.create(organization=organization, role=role, group=group)
        else:
            name = role_group_name(organization=organization, role=role, group_id=group.pk)
            if group.name != name:
                group.name = name
                group.save(update_fields=["name"])
        group.permissions.set(permissions)
        groups[role] = group
    return groups


@transaction.atomic
def organizations_groups_create(
    *, organizations: list[Organization], permissions: list[Permission] | None = None
) -> None:
    """`organization_groups_ensure` for many organisations just created (none has groups yet),
    in a few queries whatever their number (a bulk import): the same groups, names and
    permissions. Raises ValueError as `role_group_name` does when both names are taken."""
    if not organizations:
        return
    permissions = permissions if permissions is not None else role_model_permissions()
    wanted = []
    for organization in organizations:
        for role in OrganizationRole.Role:
            suffix = f" — {ROLE_GROUP_SUFFIXES[role]}"
            slug_suffix = f" ({organization.slug}){suffix}"
            candidates = (
                _fit(organization.name_en, suffix),
                _fit(organization.name_en, slug_suffix),
            )
            wanted.append((organization, role, candidates))
    names = {name for _organization, _role, candidates in wanted for name in candidates}
    taken = set(Group.objects.filter(name__in=names).values_list("name", flat=True))
    groups, roles = [], []
    for organization, role, candidates in wanted:
        name = next((name for name in candidates if name not in taken), None)
        if name is None:
            raise ValueError(
                str(GROUP_NAME_TAKEN).format(
                    role=ROLE_GROUP_SUFFIXES[role],
                    organization=organization.slug,
                    name=candidates[-1],
                )
            )
        taken.add(name)
        group = Group(name=name)
        groups.append(group)
        roles.append(OrganizationRole(organization=organization, role=role, group=group))
    Group.objects.bulk_create(groups)
    for record in roles:
        record.group_id = record.group.pk
    OrganizationRole.objects.bulk_create(roles)
    through = Group.permissions.through
    through.objects.bulk_create(
        [through(group_id=group.pk, permission_id=p.pk) for group in groups for p in permissions]
    )


@transaction.atomic
def organization_groups_delete(*, organization: Organization) -> None:
    """Delete the organisation's role groups, and with them (by cascade) their memberships and
    every object permission they held. Call before deleting an organisation."""
    Group.objects.filter(organization_role__organization=organization).delete()


def roles_sync() -> int:
    """Create or rename the groups of every organisation and refresh the Registrars group.
    Idempotent. Returns the number of organisations checked."""
    registrars_group_ensure()
    permissions = role_model_permissions()
    count = 0
    for organization in Organization.objects.order_by("pk").iterator():
        organization_groups_ensure(organization=organization, permissions=permissions)
        count += 1
    return count


def roles_sync_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """post_migrate receiver (connected in JurisdictionsConfig.ready).

    The jurisdictions app migrates first, before the other apps' permissions exist, so create
    them now (Django's own idempotent step). Skips when migrating backwards left no role table.
    """
    connection = connections[using]
    if OrganizationRole._meta.db_table not in connection.introspection.table_names():
        return
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    roles_sync()
