"""Who may do what with an agreement. The one place that answers permission questions.

Every view, service and public surface asks this module; nothing else imports guardian.

- Anonymous visitors may only view agreements in `Agreement.objects.published()` (public and
  with a version in force). Public surfaces use that queryset directly; they never need more.
- Inactive accounts may do nothing.
- Registrars (active superusers and members of the "Registrars" group) may do everything.
- Everybody else acts through object permissions that `agreements.services.parties` grants to
  the parties' organisation groups (liaison officers, minister's office). Model-level grants
  never open an agreement: every guardian call passes `accept_global_perms=False`.
- On top of the object permission, `RULES` says in which lifecycle stages each role may use it
  (a liaison officer holds "change" on an agreement in force, but may use it only while an
  amendment is open and not yet under review).
"""

from collections.abc import Iterable
from enum import StrEnum

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from guardian.core import ObjectPermissionChecker
from guardian.shortcuts import get_objects_for_user
from wagtail.permission_policies.base import ModelPermissionPolicy

from agreements.models import (
    Agreement,
    AgreementRelation,
    AgreementSearchEntry,
    AgreementTransition,
    AgreementVersion,
    AgreementVersionPDF,
    Amendment,
    FinancialCommitment,
    Party,
    PartyApproval,
    PartyApprovalStep,
    PublishedAgreement,
    PublishedFacet,
    PublishedPosition,
    Report,
    Responsibility,
    Signatory,
    Signature,
)
from jurisdictions.models import Organization, OrganizationRole
from jurisdictions.roles import REGISTRARS_GROUP, is_registrar

__all__ = [
    "AGREEMENT_ROW_PATHS",
    "REGISTRARS_GROUP",
    "Action",
    "AgreementAccess",
    "AgreementPermissionPolicy",
    "StaffRole",
    "agreement_permission_policy",
    "agreements_user_can",
    "can_create_agreement",
    "can_decide_report",
    "can_review_reports",
    "can_submit_report",
    "is_registrar",
    "require",
    "user_can",
    "visible_agreements",
    "visible_rows",
]

NOT_ALLOWED = "You do not have permission to {action} this agreement."


class Action(StrEnum):
    VIEW = "view"
    CHANGE = "change"
    DELETE = "delete"
    NEGOTIATE = "negotiate"
    APPROVE = "approve"
    SIGN = "sign"
    REPORT = "report"


class StaffRole(StrEnum):
    REGISTRAR = "registrar"
    LIAISON = OrganizationRole.Role.LIAISON.value
    MINISTER = OrganizationRole.Role.MINISTER.value


State = Agreement.State
AmendmentState = Amendment.State
ALL_STATES = frozenset(State)


def amendment_stage(state: str) -> str:
    """The stage of an agreement in force whose amendment is in `state`, e.g. "amendment:review"."""
    return f"amendment:{state}"


# Agreements that never took effect: no signed version, so deleting one erases no legal record.
NEVER_SIGNED = frozenset({State.DRAFT, State.NEGOTIATION, State.REVIEW, State.APPROVED})

# role × action → the stages in which the role may take the action. An agreement's stages are its
# state and, while it is in force with an open amendment, that amendment's stage (see `stages`).
# A role's actions are also the object permissions its groups receive on each agreement its
# organisation is party to (the minister's office of a parent organisation too: its portfolio).
RULES: dict[StaffRole, dict[Action, frozenset[str]]] = {
    StaffRole.REGISTRAR: {
        **dict.fromkeys(Action, ALL_STATES),
        Action.DELETE: NEVER_SIGNED,
    },
    StaffRole.LIAISON: {
        Action.VIEW: ALL_STATES,
        # Content is frozen from review on; an agreement in force changes through an amendment,
        # editable until that amendment goes to review (lifecycle.edit_refusal agrees).
        Action.CHANGE: frozenset(
            {
                State.DRAFT,
                State.NEGOTIATION,
                amendment_stage(AmendmentState.DRAFT),
                amendment_stage(AmendmentState.NEGOTIATION),
            }
        ),
        # Open negotiation and submit for review; in force: open, negotiate, withdraw amendments.
        Action.NEGOTIATE: frozenset({State.DRAFT, State.NEGOTIATION, State.IN_FORCE}),
        # Record signatures once approved; in force: sign amendments, record expiry or the end.
        Action.SIGN: frozenset({State.APPROVED, State.IN_FORCE}),
        # Reports fall due while in force, and the last period's report after expiry.
        Action.REPORT: frozenset({State.IN_FORCE, State.EXPIRED}),
    },
    StaffRole.MINISTER: {
        # Drafts included: the minister's office follows its portfolio from the start.
        Action.VIEW: ALL_STATES,
        # Approve, or return to negotiation, what is under review or approved (agreement or
        # amendment). Never change content.
        Action.APPROVE: frozenset(
            {
                State.REVIEW,
                State.APPROVED,
                amendment_stage(AmendmentState.REVIEW),
                amendment_stage(AmendmentState.APPROVED),
            }
        ),
    },
}

CODENAMES: dict[Action, str] = {action: f"{action.value}_agreement" for action in Action}


def _states_for_object_permission_holders() -> dict[Action, frozenset[str]]:
    """An object permission does not say which role granted it, so each action must have the
    same states in every role that grants it. Checked when the module loads."""
    states: dict[Action, frozenset[str]] = {}
    for role, actions in RULES.items():
        if role is StaffRole.REGISTRAR:
            continue
        for action, allowed in actions.items():
            if states.setdefault(action, allowed) != allowed:
                raise ImproperlyConfigured(f"RULES give {action} different states in two roles.")
    return states


OBJECT_PERMISSION_STATES = _states_for_object_permission_holders()


def role_codenames(role: StaffRole | str) -> frozenset[str]:
    """The object-permission codenames a role's groups hold on each agreement of theirs."""
    return frozenset(CODENAMES[action] for action in RULES[StaffRole(role)])


def _open_amendment_states(agreements: list[Agreement]) -> dict[int, str]:
    """Agreement id → state of its open amendment, for those in force (one query)."""
    in_force = [agreement.pk for agreement in agreements if agreement.state == State.IN_FORCE]
    if not in_force:
        return {}
    return dict(
        Amendment.objects.open()
        .filter(agreement_id__in=in_force)
        .values_list("agreement_id", "state")
    )


_UNKNOWN = object()


def stages(agreement: Agreement, open_amendment_state=_UNKNOWN) -> frozenset[str]:
    """The stages `RULES` are written in: the agreement's state, plus its open amendment's stage
    when it is in force. Pass the open amendment's state (None: there is none) when already
    known, to save the query."""
    if agreement.state != State.IN_FORCE:
        return frozenset({agreement.state})
    if open_amendment_state is _UNKNOWN:
        open_amendment_state = _open_amendment_states([agreement]).get(agreement.pk)
    if open_amendment_state is None:
        return frozenset({agreement.state})
    return frozenset({agreement.state, amendment_stage(open_amendment_state)})


def _in_stages(allowed: frozenset[str]) -> Q:
    """A filter for agreements with at least one stage in `allowed`."""
    plain = [stage for stage in allowed if stage in State.values]
    amendment_states = [
        state for state in AmendmentState.values if amendment_stage(state) in allowed
    ]
    query = Q(state__in=plain)
    if amendment_states:
        query |= Q(
            Exists(Amendment.objects.filter(agreement=OuterRef("pk"), state__in=amendment_states)),
            state=State.IN_FORCE,
        )
    return query


def _is_active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def staff_roles(user) -> frozenset[StaffRole]:
    """The roles `user` holds through groups (any organisation), in one query."""
    if not _is_active(user):
        return frozenset()
    if user.is_superuser:
        return frozenset({StaffRole.REGISTRAR})
    roles = set()
    for name, role in user.groups.values_list("name", "organization_role__role"):
        if name == REGISTRARS_GROUP:
            roles.add(StaffRole.REGISTRAR)
        if role:
            roles.add(StaffRole(role))
    return frozenset(roles)


def _allowed_stages(action: Action, *, registrar: bool) -> frozenset[str]:
    """The stages in which `action` is open: to registrars by role, to everybody else only
    through an object permission (and then in the stages its role allows)."""
    if registrar:
        return RULES[StaffRole.REGISTRAR][action]
    return OBJECT_PERMISSION_STATES.get(action, frozenset())


class AgreementAccess:
    """Permission answers for `user` on a batch of agreements, with a fixed number of queries
    however many agreements (guardian's `prefetch_perms`). Build one per request and list; never
    keep it across requests, or group changes would be missed.
    """

    def __init__(self, user, agreements: Iterable[Agreement]):
        agreements = [agreement for agreement in agreements if agreement.pk is not None]
        self.user = user
        self.registrar = is_registrar(user)
        self._agreements = agreements
        self._published: set[int] = set()
        self._checker: ObjectPermissionChecker | None = None
        self._amendment_states: dict[int, str] | None = None
        if user is None or not user.is_authenticated:
            if agreements:
                self._published = set(
                    Agreement.objects.published()
                    .filter(pk__in=[agreement.pk for agreement in agreements])
                    .values_list("pk", flat=True)
                )
        elif user.is_active and not self.registrar:
            self._checker = ObjectPermissionChecker(user)
            if agreements:
                self._checker.prefetch_perms(agreements)

    def can(self, action: Action | str, agreement: Agreement) -> bool:
        action = Action(action)
        if self.user is None or not self.user.is_authenticated:
            return action is Action.VIEW and agreement.pk in self._published
        if not self.registrar and self._checker is None:  # inactive
            return False
        allowed = _allowed_stages(action, registrar=self.registrar)
        if not allowed & self._stages(agreement):
            return False
        return self.registrar or CODENAMES[action] in self._checker.get_perms(agreement)

    def _stages(self, agreement: Agreement) -> frozenset[str]:
        if agreement.state != State.IN_FORCE:
            return stages(agreement)
        if self._amendment_states is None:  # once for the whole batch, when first needed
            self._amendment_states = _open_amendment_states(self._agreements)
        return stages(agreement, self._amendment_states.get(agreement.pk))

    def actions(self, agreement: Agreement) -> frozenset[Action]:
        return frozenset(action for action in Action if self.can(action, agreement))


def user_can(user, action: Action | str, agreement: Agreement) -> bool:
    """True when `user` may perform `action` on `agreement` now (in its current state)."""
    return AgreementAccess(user, [agreement]).can(action, agreement)


def require(user, action: Action | str, agreement: Agreement) -> None:
    """Raise PermissionDenied unless `user` may perform `action` on `agreement`."""
    if not user_can(user, action, agreement):
        raise PermissionDenied(NOT_ALLOWED.format(action=Action(action).value))


def can_create_agreement(user) -> bool:
    """Registrars and liaison officers of any organisation may start an agreement."""
    return bool(staff_roles(user) & {StaffRole.REGISTRAR, StaffRole.LIAISON})


def agreements_user_can(user, action: Action | str) -> QuerySet[Agreement]:
    """The agreements on which `user` may perform `action` now, as one query."""
    action = Action(action)
    if user is None or not user.is_authenticated:
        if action is Action.VIEW:
            return Agreement.objects.published()
        return Agreement.objects.none()
    if not user.is_active:
        return Agreement.objects.none()
    registrar = is_registrar(user)
    allowed = _allowed_stages(action, registrar=registrar)
    if not allowed:
        return Agreement.objects.none()
    candidates = Agreement.objects.all()
    if not allowed >= ALL_STATES:
        candidates = candidates.filter(_in_stages(allowed))
    if registrar:
        return candidates
    return get_objects_for_user(
        user,
        f"agreements.{CODENAMES[action]}",
        klass=candidates,
        use_groups=True,
        any_perm=False,
        with_superuser=False,
        accept_global_perms=False,
    )


def visible_agreements(user) -> QuerySet[Agreement]:
    """The agreements `user` may see: for staff, the working copies in the admin; for anonymous
    visitors, the published ones."""
    return agreements_user_can(user, Action.VIEW)


# Agreements and the rows that belong to them, with the path from a row to each agreement it names
# ("pk" for the agreement itself). A row says something about every agreement it names (a party
# names its agreement's draft; a relation names its source and its target), so it is visible only
# to those who may see all of them.
AGREEMENT_ROW_PATHS: dict[type[Model], tuple[str, ...]] = {
    Agreement: ("pk",),
    Party: ("agreement",),
    Responsibility: ("agreement",),
    AgreementRelation: ("source", "target"),
    Amendment: ("agreement",),
    AgreementVersion: ("agreement",),
    AgreementVersionPDF: ("version__agreement",),
    AgreementTransition: ("agreement",),
    AgreementSearchEntry: ("agreement",),
    PublishedAgreement: ("agreement",),
    PublishedFacet: ("agreement__agreement",),
    PublishedPosition: ("agreement__agreement",),
    Report: ("responsibility__agreement",),
    PartyApproval: ("agreement",),
    PartyApprovalStep: ("approval__agreement",),
    FinancialCommitment: ("agreement",),
    Signatory: ("party__agreement",),
    Signature: ("version__agreement",),
}


def visible_rows(user, queryset: QuerySet) -> QuerySet:
    """`queryset` (of a model in `AGREEMENT_ROW_PATHS`) limited to the rows whose every agreement
    `user` may see. Raises KeyError for a model that does not belong to agreements."""
    visible = visible_agreements(user).values("pk")
    for path in AGREEMENT_ROW_PATHS[queryset.model]:
        queryset = queryset.filter(**{f"{path}__in": visible})
    return queryset


def _policy_action(name: str) -> Action | None:
    """Wagtail's action names ("view", "change", "delete") are ours; anything else (lock,
    publish…) is not granted by object permissions and stays with registrars."""
    try:
        return Action(name)
    except ValueError:
        return None


class AgreementPermissionPolicy(ModelPermissionPolicy):
    """Wagtail's permission policy for agreements, answering from the functions above.

    Model-level questions ("may this user ever change an agreement?", used for menus and buttons)
    are answered from the roles the user holds; instance questions from `user_can`. Wagtail's
    generic views check model-level permissions only (wagtail#13314), so the agreement viewsets
    also filter their base queryset with `visible_agreements` and check each object.
    """

    def __init__(self):
        super().__init__(Agreement)

    def user_has_permission(self, user, action):
        if action == "add":
            return can_create_agreement(user)
        roles = staff_roles(user)
        if StaffRole.REGISTRAR in roles:
            return True
        policy_action = _policy_action(action)
        return policy_action is not None and any(policy_action in RULES[role] for role in roles)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        grants = Q(is_superuser=True) | Q(groups__name=REGISTRARS_GROUP)
        if "add" in actions:
            grants |= Q(groups__organization_role__role=StaffRole.LIAISON)
        for role, rules in RULES.items():
            if role is not StaffRole.REGISTRAR and any(_policy_action(a) in rules for a in actions):
                grants |= Q(groups__organization_role__role=role)
        return get_user_model().objects.filter(grants, is_active=True).distinct()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        access = AgreementAccess(user, [instance])
        for action in actions:
            if action == "add":
                if can_create_agreement(user):
                    return True
                continue
            policy_action = _policy_action(action)
            if policy_action is None:
                if access.registrar:
                    return True
            elif access.can(policy_action, instance):
                return True
        return False

    def instances_user_has_any_permission_for(self, user, actions):
        matching = Agreement.objects.none()
        for action in actions:
            policy_action = _policy_action(action)
            if policy_action is None:
                if is_registrar(user):
                    return Agreement.objects.all()
                continue
            allowed = agreements_user_can(user, policy_action)
            matching = matching | Agreement.objects.filter(pk__in=allowed.values("pk"))
        return matching

    def users_with_any_permission_for_instance(self, actions, instance):
        grants = Q(is_superuser=True) | Q(groups__name=REGISTRARS_GROUP)
        current = stages(instance)
        codenames = [
            CODENAMES[action]
            for action in filter(None, map(_policy_action, actions))
            if OBJECT_PERMISSION_STATES.get(action, frozenset()) & current
        ]
        if codenames:
            grants |= Q(
                groups__agreementgroupobjectpermission__content_object=instance,
                groups__agreementgroupobjectpermission__permission__codename__in=codenames,
            ) | Q(
                agreementuserobjectpermission__content_object=instance,
                agreementuserobjectpermission__permission__codename__in=codenames,
            )
        return get_user_model().objects.filter(grants, is_active=True).distinct()


agreement_permission_policy = AgreementPermissionPolicy()


# --- Reports against obligations ---------------------------------------------------------------
# A report is submitted by the responsible party's liaison officers and reviewed (accepted or
# returned) by the accountable position's organisation: its liaison officers or minister's office,
# or the minister's office of an organisation above it (its portfolio). Registrars do both. Both
# happen while reports fall due (the stages of Action.REPORT), and only on agreements the person
# may see. Nobody but a registrar reviews a report they submitted themselves.

REPORT_STAGES = RULES[StaffRole.LIAISON][Action.REPORT]


def _report_stage_open(access: AgreementAccess, agreement: Agreement) -> bool:
    return bool(REPORT_STAGES & access._stages(agreement))


def report_accountable_organization_id(responsibility: Responsibility) -> int:
    """The organisation that reviews reports on `responsibility`: its accountable position's,
    or the responsible party's when it has no accountable position."""
    if responsibility.accountability_owner_id:
        return responsibility.accountability_owner.organization_id
    return responsibility.responsible_party.organization_id


def can_submit_report(user, responsibility: Responsibility, access=None) -> bool:
    """True when `user` may submit (or resubmit) a report on `responsibility` now: a registrar,
    or a liaison officer of the responsible party's organisation holding the report permission
    on the agreement, while the agreement is in force or expired."""
    agreement = responsibility.agreement
    access = access or AgreementAccess(user, [agreement])
    if not access.can(Action.REPORT, agreement):
        return False
    if access.registrar:
        return True
    return user.groups.filter(
        organization_role__organization_id=responsibility.responsible_party.organization_id,
        organization_role__role=StaffRole.LIAISON,
    ).exists()


def can_review_reports(user, responsibility: Responsibility, access=None) -> bool:
    """True when `user` may accept or return reports on `responsibility` now (whoever submitted
    them; see `can_decide_report`)."""
    agreement = responsibility.agreement
    access = access or AgreementAccess(user, [agreement])
    if not access.can(Action.VIEW, agreement) or not _report_stage_open(access, agreement):
        return False
    if access.registrar:
        return True
    organization_id = report_accountable_organization_id(responsibility)
    portfolio = Organization.objects.with_ancestor_ids({organization_id})
    return user.groups.filter(
        Q(
            organization_role__organization_id=organization_id,
            organization_role__role__in=[StaffRole.LIAISON, StaffRole.MINISTER],
        )
        | Q(
            organization_role__organization_id__in=portfolio,
            organization_role__role=StaffRole.MINISTER,
        )
    ).exists()


def can_decide_report(user, report: Report, access=None) -> bool:
    """True when `user` may accept or return `report`: it awaits review, `user` may review
    reports on its obligation, and did not submit it (registrars excepted)."""
    if report.decision != Report.Decision.PENDING:
        return False
    responsibility = report.responsibility
    access = access or AgreementAccess(user, [responsibility.agreement])
    if not can_review_reports(user, responsibility, access):
        return False
    return access.registrar or report.submitted_by_id != user.pk


# --- Approval per signing party ----------------------------------------------------------------
# Each signing party approves under its own government's rules: the minister's office of the
# party's organisation, or of an organisation above it (its portfolio), decides for that party,
# never for another government's; registrars for any party. Both need the approve permission on
# the agreement in its current stage.


def party_decider_organization_ids(user) -> set[int] | None:
    """The organisations whose parties `user` may decide for: None for registrars (every one);
    otherwise the organisations of the user's ministers' offices and every one below them."""
    if is_registrar(user):
        return None
    if not _is_active(user):
        return set()
    offices = OrganizationRole.objects.filter(
        role=StaffRole.MINISTER, group__user=user
    ).values_list("organization_id", flat=True)
    return Organization.objects.with_descendant_ids(offices)


def can_decide_for_party(user, party: Party, access=None) -> bool:
    """True when `user` may approve or return the agreement (or its amendment) for `party` now."""
    agreement = party.agreement
    access = access or AgreementAccess(user, [agreement])
    if not access.can(Action.APPROVE, agreement):
        return False
    if access.registrar:
        return True
    return user.groups.filter(
        organization_role__role=StaffRole.MINISTER,
        organization_role__organization_id__in=party.organization.lineage_ids(),
    ).exists()
