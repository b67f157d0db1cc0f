"""Per-agreement access checks for every admin view that touches an agreement or its children.

Wagtail's generic views check model-level permissions only (wagtail#13314): a user allowed to
edit *some* agreement could open *any* agreement's edit URL. Every agreement view class in the
admin therefore mixes in one of the two classes below, and both ask `agreements.permissions`
(the permission seam) about the agreement itself:

- `AgreementObjectGuardMixin` for views that load one object (edit, delete, inspect, history,
  choosers' "chosen" step). It answers 404 when the user may not even see the agreement (so its
  existence does not leak) and 403 when they may see it but not perform the view's action. A row
  that links two agreements (a relation: source and target) shows both, so the user must be able
  to see both, or gets a 404 (ids are sequential: counting must not reveal a hidden target). The
  check runs in `dispatch`, before Wagtail's model-level check, so an invisible agreement is a
  404 whatever the user's model permissions.
- `VisibleAgreementsQuerysetMixin` for listings: rows are limited to `visible_agreements(user)`.

`permissions` is imported as a module (not its functions) so the access-control work can replace
the functions' bodies, and tests can patch them, without touching the views.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from wagtail.permission_policies.base import ModelPermissionPolicy

from agreements import permissions
from agreements.models import Agreement
from agreements.permissions import Action


def agreement_of(obj) -> Agreement | None:
    """The agreement whose permissions govern `obj` (itself, or the agreement it belongs to)."""
    if isinstance(obj, Agreement):
        return obj
    for attribute in ("agreement", "source"):
        if hasattr(obj, f"{attribute}_id"):
            return getattr(obj, attribute)
    raise TypeError(f"{type(obj).__name__} does not belong to an agreement")


def agreements_named(obj) -> list[Agreement]:
    """Every agreement `obj` shows, the one that governs it first (a relation: source, then
    target), following `permissions.AGREEMENT_ROW_PATHS`."""
    named = []
    for path in permissions.AGREEMENT_ROW_PATHS[type(obj)]:
        target = obj
        if path != "pk":
            for attribute in path.split("__"):
                target = getattr(target, attribute)
        named.append(target)
    return named


def row_access(user, action: Action | str, obj) -> tuple[bool, bool]:
    """(visible, allowed): whether `user` may see every agreement `obj` names, and whether they
    may also perform `action` on the agreement that governs it. One permission load."""
    governing, *also_shown = agreements_named(obj)
    access = permissions.AgreementAccess(user, [governing, *also_shown])
    visible = all(access.can(Action.VIEW, shown) for shown in (governing, *also_shown))
    return visible, visible and access.can(action, governing)


def guard_agreement(user, action: Action | str, agreement: Agreement) -> None:
    """404 unless `user` may see `agreement`; 403 unless they may also perform `action`."""
    guard_row(user, action, agreement)


def guard_row(user, action: Action | str, obj) -> None:
    """404 unless `user` may see every agreement `obj` (an agreement or a row of one) names;
    403 unless they may also perform `action` on the agreement that governs it."""
    visible, allowed = row_access(user, action, obj)
    if not visible:
        raise Http404
    if not allowed:
        raise PermissionDenied


def visible_to(user, queryset: QuerySet, *, agreement_lookup: str = "") -> QuerySet:
    """`queryset` limited to rows of agreements `user` may see (`agreement_lookup` is the path
    from the row to its agreement; empty for agreements themselves)."""
    visible = permissions.visible_agreements(user)
    if not agreement_lookup:
        return queryset & visible
    return queryset.filter(**{f"{agreement_lookup}__in": visible.values("pk")})


class AgreementObjectGuardMixin:
    """Loads the view's object once, through `guard_agreement`, before anything else runs.

    `guard_action` is what the view does to the agreement: "view" for read-only views,
    "change" for edit forms, "delete" for deletion.
    """

    guard_action: str = Action.CHANGE

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, *args, **kwargs):
        guarded = self.__dict__.get("_guarded_object")
        if guarded is not None:
            return guarded
        obj = super().get_object(*args, **kwargs)
        guard_row(self.request.user, self.guard_action, obj)
        self._guarded_object = obj
        return obj


class VisibleAgreementsQuerysetMixin:
    """Listing rows limited to the agreements the user may see."""

    agreement_lookup: str = ""

    def get_base_queryset(self):
        return visible_to(
            self.request.user, super().get_base_queryset(), agreement_lookup=self.agreement_lookup
        )


class AgreementRowPermissionPolicy(ModelPermissionPolicy):
    """Permissions for rows that belong to an agreement (parties, responsibilities, relations):
    whoever may change the agreement may add, change or remove its rows; whoever may see it may
    see them. Answers come from the agreement permission policy and `permissions.user_can`."""

    def user_has_permission(self, user, action):
        agreement_action = Action.VIEW if action == Action.VIEW else Action.CHANGE
        return permissions.agreement_permission_policy.user_has_permission(user, agreement_action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        agreement_action = Action.VIEW if action == Action.VIEW else Action.CHANGE
        _visible, allowed = row_access(user, agreement_action, instance)
        return allowed

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        # Every agreement a row names must be visible (a relation's source and target).
        return permissions.visible_rows(user, self.model._default_manager.all())
