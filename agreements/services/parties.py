"""Parties to an agreement, and the object permissions that follow them.

Grants follow the data: an organisation's groups hold object permissions on an agreement exactly
while the organisation is a party to it. `agreement_grants_sync` recomputes those permissions
from the parties; every write that changes parties calls it in the same transaction:

- `party_add` / `party_remove` here;
- the admin's create and edit views, whose inline party forms save parties directly
  (`agreement_grants_sync(agreement=agreement, creator=request.user)` after creating,
  `agreement_grants_sync(agreement=agreement)` after editing);
- `organization_grants_sync` when an organisation moves to another parent (portfolios change).

What each role's groups receive is the role's row of `permissions.RULES`:
- liaison officers of each party: view, change, negotiate, sign, report;
- the minister's office of each party and of every organisation above it (its portfolio): view,
  approve. Never change.

Only groups that are organisation roles are managed; permissions given to other groups are left
alone.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from agreements import permissions
from agreements.models import Agreement, AgreementGroupObjectPermission, Party
from agreements.permissions import Action, StaffRole
from agreements.services.editability import agreement_assert_editable
from jurisdictions.models import Organization, OrganizationRole, Position
from jurisdictions.roles import organization_groups_ensure
from registry.audit import attribute

PARTY_HAS_RESPONSIBILITIES = _(
    "{organization} is still responsible for obligations in this agreement; assign them to "
    "another party before removing it."
)


@dataclass(frozen=True)
class GrantChanges:
    """What `agreement_grants_sync` changed: object-permission rows added and removed."""

    granted: int
    revoked: int


def _role_groups(organization_ids: set[int]) -> dict[tuple[int, str], int]:
    """(organisation id, role) → group id, creating the groups of organisations that lack them
    (organisations loaded or created without `organization_create`)."""
    rows = OrganizationRole.objects.filter(organization_id__in=organization_ids).values_list(
        "organization_id", "role", "group_id"
    )
    groups = {(organization_id, role): group_id for organization_id, role, group_id in rows}
    incomplete = {
        organization_id
        for organization_id in organization_ids
        for role in OrganizationRole.Role
        if (organization_id, role) not in groups
    }
    for organization in Organization.objects.filter(pk__in=incomplete):
        for role, group in organization_groups_ensure(organization=organization).items():
            groups[(organization.pk, role)] = group.pk
    return groups


def _agreement_permission_ids() -> dict[str, int]:
    content_type = ContentType.objects.get_for_model(Agreement)
    return dict(Permission.objects.filter(content_type=content_type).values_list("codename", "pk"))


def _desired_grants(agreement: Agreement) -> set[tuple[int, int]]:
    """(group id, permission id) pairs the parties' groups should hold on `agreement`."""
    party_ids = set(agreement.parties.values_list("organization_id", flat=True))
    portfolio_ids = Organization.objects.with_ancestor_ids(party_ids)
    groups = _role_groups(portfolio_ids)
    permission_ids = _agreement_permission_ids()
    grants = set()
    for role, organization_ids in (
        (StaffRole.LIAISON, party_ids),
        (StaffRole.MINISTER, portfolio_ids),
    ):
        codenames = permissions.role_codenames(role)
        for organization_id in organization_ids:
            group_id = groups[(organization_id, role)]
            grants.update((group_id, permission_ids[codename]) for codename in codenames)
    return grants


def _creator_party_ensure(*, agreement: Agreement, creator: AbstractBaseUser) -> Party | None:
    """A liaison officer who creates an agreement must be able to open it next: when none of
    their organisations is a party yet, add one (the lead if the agreement has none). With
    several organisations, the first by name is added; they can change it in the form."""
    if permissions.is_registrar(creator) or not creator.is_active:
        return None
    organizations = Organization.objects.filter(
        roles__role=OrganizationRole.Role.LIAISON, roles__group__user=creator
    ).order_by("name_en", "pk")
    if not organizations.exists():
        return None
    if agreement.parties.filter(organization__in=organizations).exists():
        return None
    has_lead = agreement.parties.filter(role=Party.Role.LEAD).exists()
    return _party_create(
        agreement=agreement,
        organization=organizations.first(),
        role=Party.Role.PARTY if has_lead else Party.Role.LEAD,
        by=creator,
        reason="creator's organisation added as a party",
    )


def _party_create(
    *,
    agreement: Agreement,
    organization: Organization,
    role: str,
    by: AbstractBaseUser,
    signatory_position: Position | None = None,
    reason: str = "party added",
) -> Party:
    last = agreement.parties.aggregate(last=Max("sort_order"))["last"]
    party = Party(
        agreement=agreement,
        organization=organization,
        role=role,
        signatory_position=signatory_position,
        sort_order=0 if last is None else last + 1,
    )
    party.full_clean()
    attribute(party, user=by, reason=reason)
    party.save()
    return party


@transaction.atomic
def agreement_grants_sync(
    *, agreement: Agreement, creator: AbstractBaseUser | None = None
) -> GrantChanges:
    """Recompute the object permissions of the parties' organisation groups on `agreement`:
    grant what the parties call for, revoke what they no longer do. Idempotent.

    Pass `creator` right after creating an agreement: a liaison officer's organisation is added
    as a party when none of theirs is one, so the creator can open what they made.

    Locks the agreement row, so concurrent calls for one agreement apply one after the other.
    """
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if creator is not None:
        _creator_party_ensure(agreement=agreement, creator=creator)
    desired = _desired_grants(agreement)
    managed = AgreementGroupObjectPermission.objects.filter(
        content_object=agreement, group__organization_role__isnull=False
    )
    existing = {
        (group_id, permission_id): pk
        for pk, group_id, permission_id in managed.values_list("pk", "group_id", "permission_id")
    }
    stale = [pk for pair, pk in existing.items() if pair not in desired]
    missing = desired - existing.keys()
    if stale:
        AgreementGroupObjectPermission.objects.filter(pk__in=stale).delete()
    AgreementGroupObjectPermission.objects.bulk_create(
        AgreementGroupObjectPermission(
            content_object=agreement, group_id=group_id, permission_id=permission_id
        )
        for group_id, permission_id in sorted(missing)
    )
    return GrantChanges(granted=len(missing), revoked=len(stale))


def agreements_grants_sync() -> int:
    """Recompute the grants of every agreement (repair, e.g. after a role group was deleted and
    recreated). Returns the number of agreements."""
    count = 0
    for agreement in Agreement.objects.order_by("pk").only("pk").iterator():
        agreement_grants_sync(agreement=agreement)
        count += 1
    return count


def _ancestors(organization_ids: set[int]) -> dict[int, set[int]]:
    """Each organisation → itself and every organisation above it, from one read of the tree."""
    parents = dict(
        Organization.objects.filter(
            pk__in=Organization.objects.with_ancestor_ids(organization_ids)
        ).values_list("pk", "parent_id")
    )
    chains = {}
    for organization_id in organization_ids:
        chain, current = set(), organization_id
        while current is not None and current not in chain:
            chain.add(current)
            current = parents.get(current)
        chains[organization_id] = chain
    return chains


def agreements_grant_rows(*, agreement_ids: list[int]) -> list[tuple[int, int, int]]:
    """(agreement id, group id, permission id) of every grant the parties' role groups should
    hold on these agreements, sorted: the rule of `agreement_grants_sync`, for many agreements
    at once (their role groups are created when missing)."""
    parties = list(
        Party.objects.filter(agreement_id__in=agreement_ids).values_list(
            "agreement_id", "organization_id"
        )
    )
    party_ids = {organization_id for _agreement, organization_id in parties}
    chains = _ancestors(party_ids)
    groups = _role_groups(set().union(*chains.values()) if chains else set())
    permission_ids = _agreement_permission_ids()
    liaison = [permission_ids[c] for c in sorted(permissions.role_codenames(StaffRole.LIAISON))]
    minister = [permission_ids[c] for c in sorted(permissions.role_codenames(StaffRole.MINISTER))]
    wanted = set()
    for agreement_id, organization_id in parties:
        liaison_group = groups[(organization_id, StaffRole.LIAISON)]
        wanted.update((agreement_id, liaison_group, p) for p in liaison)
        for portfolio_id in chains[organization_id]:
            minister_group = groups[(portfolio_id, StaffRole.MINISTER)]
            wanted.update((agreement_id, minister_group, p) for p in minister)
    return sorted(wanted)


def agreements_grants_bulk(*, agreement_ids: list[int]) -> int:
    """Grant the parties' role groups their permissions on many agreements that have none yet,
    in a few queries whatever their number (bulk loads, scale data): the same grants as
    `agreement_grants_sync`, which stays the one to call when parties change. Returns the number
    of permission rows written."""
    written = AgreementGroupObjectPermission.objects.bulk_create(
        [
            AgreementGroupObjectPermission(
                content_object_id=agreement_id, group_id=group_id, permission_id=permission_id
            )
            for agreement_id, group_id, permission_id in agreements_grant_rows(
                agreement_ids=agreement_ids
            )
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
    return len(written)


def organization_grants_sync(*, organization: Organization) -> int:
    """Recompute the grants of every agreement that a change to `organization`'s parent can
    affect: those with a party at or below it (the portfolio of the minister's offices above it
    changed). Call after moving an organisation. Returns the number of agreements."""
    subtree = Organization.objects.with_descendant_ids({organization.pk})
    count = 0
    for agreement in (
        Agreement.objects.filter(parties__organization_id__in=subtree)
        .distinct()
        .order_by("pk")
        .only("pk")
    ):
        agreement_grants_sync(agreement=agreement)
        count += 1
    return count


@transaction.atomic
def party_add(
    *,
    agreement: Agreement,
    organization: Organization,
    by: AbstractBaseUser,
    role: str = Party.Role.PARTY,
    signatory_position: Position | None = None,
) -> Party:
    """Make `organization` a party to `agreement` and grant its groups their permissions on it,
    in one transaction. Raises PermissionDenied unless `by` may change the agreement now;
    AgreementNotEditable when its content is frozen (under review, in force without an open
    amendment, ended); ValidationError when the organisation is already a party or the
    signatory is not one of its positions."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    permissions.require(by, Action.CHANGE, agreement)
    agreement_assert_editable(agreement)
    party = _party_create(
        agreement=agreement,
        organization=organization,
        role=role,
        by=by,
        signatory_position=signatory_position,
    )
    agreement_grants_sync(agreement=agreement)
    return party


@transaction.atomic
def party_remove(*, party: Party, by: AbstractBaseUser) -> None:
    """Remove a party and revoke its groups' permissions on the agreement, in one transaction.
    Raises PermissionDenied unless `by` may change the agreement now; AgreementNotEditable when
    its content is frozen; ValidationError while the party is still responsible for
    obligations."""
    agreement = Agreement.objects.select_for_update().get(pk=party.agreement_id)
    permissions.require(by, Action.CHANGE, agreement)
    agreement_assert_editable(agreement)
    party = Party.objects.select_related("organization").get(pk=party.pk)
    if party.responsibilities.exists():
        raise ValidationError(PARTY_HAS_RESPONSIBILITIES.format(organization=party.organization))
    attribute(party, user=by, reason="party removed")
    party.delete()
    agreement_grants_sync(agreement=agreement)
