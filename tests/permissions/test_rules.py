"""`user_can`, `visible_agreements` and `agreements_user_can` against the expected answers, for
every role × state × visibility × action. The expectations are written out here, independently
of `permissions.RULES`, so a change to the table that is not also made here fails."""

import pytest

from agreements import permissions
from agreements.models import Agreement, Amendment
from agreements.permissions import Action
from tests.factories import UserFactory
from tests.permissions.builders import SIGNED_STATES, agreement_in, cast

pytestmark = pytest.mark.django_db

S = Agreement.State
ALL = frozenset(S)
NONE = frozenset()
LIAISON_OF_PARTY = {
    Action.VIEW: ALL,
    Action.CHANGE: {S.DRAFT, S.NEGOTIATION},
    Action.NEGOTIATE: {S.DRAFT, S.NEGOTIATION, S.IN_FORCE},
    Action.SIGN: {S.APPROVED, S.IN_FORCE},
    Action.REPORT: {S.IN_FORCE, S.EXPIRED},
}
MINISTER_OF_PARTY = {Action.VIEW: ALL, Action.APPROVE: {S.REVIEW, S.APPROVED}}
NEVER_SIGNED = {S.DRAFT, S.NEGOTIATION, S.REVIEW, S.APPROVED}

# role → action → states in which it is allowed (absent: never). Anonymous is special-cased:
# view only, and only what is published.
EXPECTED = {
    "registrar": {**dict.fromkeys(Action, ALL), Action.DELETE: NEVER_SIGNED},
    "liaison_party": LIAISON_OF_PARTY,
    "minister_party": MINISTER_OF_PARTY,
    "minister_portfolio": MINISTER_OF_PARTY,
    "liaison_other": {},
    "minister_other": {},
    "inactive": {},
}


def expected(role: str, action: Action, state: str, visibility: str) -> bool:
    if role == "anonymous":
        return (
            action is Action.VIEW
            and visibility == Agreement.Visibility.PUBLIC
            and state in SIGNED_STATES
        )
    return state in EXPECTED[role].get(action, NONE)


@pytest.mark.parametrize("visibility", Agreement.Visibility.values)
@pytest.mark.parametrize("state", S.values)
def test_every_answer_matches_the_table_when_asked_per_agreement(state, visibility):
    people = cast()
    agreement = agreement_in(state, visibility, cast=people)
    wrong = []
    for role, user in people.users.items():
        for action in Action:
            want = expected(role, action, state, visibility)
            if permissions.user_can(user, action, agreement) != want:
                wrong.append(f"user_can {role} {action}: expected {want}")
            listed = permissions.agreements_user_can(user, action).filter(pk=agreement.pk).exists()
            if listed != want:
                wrong.append(f"agreements_user_can {role} {action}: expected {want}")
        visible = permissions.visible_agreements(user).filter(pk=agreement.pk).exists()
        if visible != expected(role, Action.VIEW, state, visibility):
            wrong.append(f"visible_agreements {role}: expected {not visible}")
    assert wrong == []


def test_require_raises_the_message_when_not_allowed():
    people = cast()
    agreement = agreement_in(S.IN_FORCE, Agreement.Visibility.PUBLIC, cast=people)
    with pytest.raises(permissions.PermissionDenied) as error:
        permissions.require(people.users["minister_party"], Action.CHANGE, agreement)
    assert str(error.value) == permissions.NOT_ALLOWED.format(action="change")


def test_only_registrars_and_liaison_officers_may_create_agreements():
    people = cast()
    allowed = {
        role for role, user in people.users.items() if permissions.can_create_agreement(user)
    }
    assert allowed == {"registrar", "liaison_party", "liaison_other"}


def test_model_level_view_permission_opens_no_agreement_when_user_holds_it():
    """Role groups hold "agreements.view_agreement" for the admin menus; it must not leak."""
    people = cast()
    agreement = agreement_in(S.DRAFT, Agreement.Visibility.RESTRICTED, cast=people)
    outsider = people.users["liaison_other"]
    assert outsider.has_perm("agreements.view_agreement")
    assert not permissions.user_can(outsider, Action.VIEW, agreement)
    assert not permissions.visible_agreements(outsider).exists()


def test_superuser_is_a_registrar_only_while_active():
    people = cast()
    agreement = agreement_in(S.DRAFT, Agreement.Visibility.RESTRICTED, cast=people)
    superuser = UserFactory(is_superuser=True, is_active=False)
    assert not permissions.user_can(superuser, Action.VIEW, agreement)
    assert not permissions.visible_agreements(superuser).exists()


A = Amendment.State
# An agreement in force with an open amendment: role → actions allowed per amendment state
# (beyond view, which every party role keeps).
AMENDMENT_EXPECTED = {
    A.DRAFT: {
        "liaison_party": {Action.CHANGE, Action.NEGOTIATE, Action.SIGN, Action.REPORT},
        "minister_party": set(),
    },
    A.NEGOTIATION: {
        "liaison_party": {Action.CHANGE, Action.NEGOTIATE, Action.SIGN, Action.REPORT},
        "minister_party": set(),
    },
    A.REVIEW: {
        "liaison_party": {Action.NEGOTIATE, Action.SIGN, Action.REPORT},
        "minister_party": {Action.APPROVE},
    },
    A.APPROVED: {
        "liaison_party": {Action.NEGOTIATE, Action.SIGN, Action.REPORT},
        "minister_party": {Action.APPROVE},
    },
}


@pytest.mark.parametrize("amendment_state", Amendment.OPEN_STATES)
def test_amendment_stage_decides_when_agreement_in_force_has_open_amendment(amendment_state):
    people = cast()
    agreement = agreement_in(S.IN_FORCE, Agreement.Visibility.RESTRICTED, cast=people)
    Amendment.objects.create(
        agreement=agreement,
        number=1,
        title_en="Adds passport photos",
        state=amendment_state,
        opened_by=people.users["registrar"],
    )
    wrong = []
    for role in ("liaison_party", "minister_party", "minister_portfolio"):
        user = people.users[role]
        want = {Action.VIEW} | AMENDMENT_EXPECTED[amendment_state][
            role.replace("portfolio", "party")
        ]
        got = {action for action in Action if permissions.user_can(user, action, agreement)}
        listed = {
            action
            for action in Action
            if permissions.agreements_user_can(user, action).filter(pk=agreement.pk).exists()
        }
        if got != want or listed != want:
            wrong.append((role, sorted(want), sorted(got), sorted(listed)))
    assert wrong == []


def test_closed_amendment_gives_no_edit_right_when_agreement_is_in_force():
    people = cast()
    agreement = agreement_in(S.IN_FORCE, Agreement.Visibility.PUBLIC, cast=people)
    Amendment.objects.create(
        agreement=agreement,
        number=1,
        title_en="Withdrawn change",
        state=A.WITHDRAWN,
        opened_by=people.users["registrar"],
    )
    officer = people.users["liaison_party"]
    assert not permissions.user_can(officer, Action.CHANGE, agreement)
    assert not permissions.agreements_user_can(officer, Action.CHANGE).exists()
