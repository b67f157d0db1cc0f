"""E-mail about review moves: when an agreement or an amendment is submitted for review, returned
to negotiation, or approved, the people who hold object permissions on it hear of it.

Recipients are the active members of the organisation role groups that hold an object permission
on the agreement: the parties' liaison officers and the ministers' offices of the parties and the
organisations above them (`agreements.services.parties` grants exactly those). The person who
made the move is not told about it. Nobody else is: a liaison officer of another organisation
gets nothing, and restricted agreements stay with their parties.

`transition_log` queues `send_transition_notifications` after the transaction commits (the one
small entry point, `transition_notifications_enqueue`); the task reads the committed transition
and sends one message per recipient, in the recipient's language (Wagtail's preferred language
for the admin, else the site's default), with an absolute link to the agreement in the admin.

The helpers `recipient_languages`, `admin_link` and `send_in_language` are shared with the
reminders (workspace.reminders).
"""

import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task
from wagtail.users.models import UserProfile

from agreements.models import AgreementTransition
from registry.bilingual import localized
from registry.dates import format_date_time

logger = logging.getLogger(__name__)

REVIEW = "review"
NEGOTIATION = "negotiation"
APPROVED = "approved"

# What each notified move is called in the subject line.
SUBMITTED = gettext_lazy("Submitted for review")
RETURNED = gettext_lazy("Returned to negotiation")
APPROVED_LABEL = gettext_lazy("Approved")


def notified_move(*, from_state: str, to_state: str) -> str | None:
    """The kind of move that is notified ("submitted", "returned", "approved"), or None for the
    moves nobody is e-mailed about (opening negotiation, entry into force, signing…)."""
    if to_state == REVIEW:
        return "submitted"
    if to_state == APPROVED:
        return "approved"
    if to_state == NEGOTIATION and from_state in (REVIEW, APPROVED):
        return "returned"
    return None


MOVE_LABELS = {"submitted": SUBMITTED, "returned": RETURNED, "approved": APPROVED_LABEL}


def site_base_url() -> str:
    """The registry's public address, as links in e-mail use it (never a request's Host)."""
    return (settings.SITE_URL or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def admin_link(agreement_id: int) -> str:
    """The absolute address of an agreement in the admin (its inspect page, which everyone who
    may view the agreement may open)."""
    return site_base_url() + reverse("agreements:inspect", args=(agreement_id,))


def recipient_languages(users: Iterable[AbstractBaseUser]) -> dict[int, str]:
    """User id → the language to write to them in: their preferred admin language when it is one
    of the site's languages, else settings.LANGUAGE_CODE. One query."""
    users = list(users)
    available = {code for code, _name in settings.LANGUAGES}
    preferred = dict(
        UserProfile.objects.filter(user__in=[user.pk for user in users]).values_list(
            "user_id", "preferred_language"
        )
    )
    return {
        user.pk: (
            preferred.get(user.pk)
            if preferred.get(user.pk) in available
            else settings.LANGUAGE_CODE
        )
        for user in users
    }


def send_in_language(
    messages: Iterable[tuple[AbstractBaseUser, str, Callable[[], tuple[str, str]]]],
) -> int:
    """Send `(recipient, language, render)` messages through one connection; `render()` returns
    (subject, body) and runs with `language` active. Returns the number sent. Recipients without
    an e-mail address are skipped."""
    built = []
    for user, language, render in messages:
        if not user.email:
            continue
        with translation.override(language):
            subject, body = render()
        built.append(EmailMessage(subject=subject, body=body, to=[user.email]))
    if not built:
        return 0
    with get_connection() as connection:
        return connection.send_messages(built) or 0


def transition_recipients(transition: AgreementTransition) -> list[AbstractBaseUser]:
    """The active members of the organisation role groups holding an object permission on the
    transition's agreement, less the person who made the move; ordered by username."""
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__organization_role__isnull=False,
            groups__agreementgroupobjectpermission__content_object_id=transition.agreement_id,
        )
        .exclude(pk=transition.actor_id)
        .distinct()
        .order_by("username")
    )


def _render(transition: AgreementTransition, move: str, language: str) -> tuple[str, str]:
    agreement = transition.agreement
    title = localized(agreement, "title", language)
    subject_item = agreement.reference
    if transition.amendment_id:
        subject_item = _("%(reference)s, amendment %(number)s") % {
            "reference": agreement.reference,
            "number": transition.amendment.number,
        }
    subject = _("[%(item)s] %(move)s: %(title)s") % {
        "item": subject_item,
        "move": MOVE_LABELS[move],
        "title": title,
    }
    actor = transition.actor.get_full_name() or transition.actor.get_username()
    if transition.amendment_id:
        opening = _(
            "Amendment %(number)s of agreement %(reference)s, “%(title)s”, was moved from "
            "“%(from)s” to “%(to)s” by %(actor)s on %(when)s."
        )
    else:
        opening = _(
            "Agreement %(reference)s, “%(title)s”, was moved from “%(from)s” to “%(to)s” by "
            "%(actor)s on %(when)s."
        )
    lines = [
        opening
        % {
            "number": transition.amendment.number if transition.amendment_id else "",
            "reference": agreement.reference,
            "title": title,
            "from": transition.from_label,
            "to": transition.to_label,
            "actor": actor,
            "when": format_date_time(transition.at, language),
        },
        "",
    ]
    if transition.comment:
        lines += [_("Comment:"), transition.comment, ""]
    lines += [
        _("Open the agreement: %(link)s") % {"link": admin_link(agreement.pk)},
        "",
        _(
            "You receive this message because your organisation’s group holds permissions on "
            "this agreement in the registry."
        ),
    ]
    return subject, "\n".join(lines)


def transition_notifications_send(*, transition_id: int) -> int:
    """E-mail the recipients of a notified move (see the module docstring). Returns the number of
    messages sent; 0 for a move nobody is told about, or a transition that no longer exists
    (its draft agreement was deleted before the task ran)."""
    transition = (
        AgreementTransition.objects.select_related("agreement", "amendment", "actor")
        .filter(pk=transition_id)
        .first()
    )
    if transition is None:
        return 0
    move = notified_move(from_state=transition.from_state, to_state=transition.to_state)
    if move is None:
        return 0
    recipients = transition_recipients(transition)
    languages = recipient_languages(recipients)
    return send_in_language(
        (
            user,
            languages[user.pk],
            lambda language=languages[user.pk]: _render(transition, move, language),
        )
        for user in recipients
    )


@task()
def send_transition_notifications(transition_id: int) -> int:
    """`transition_notifications_send` as background work. (Defined beside its service so that
    `transition_log` can queue it without importing agreements.tasks.)"""
    return transition_notifications_send(transition_id=transition_id)


def transition_notifications_enqueue(*, transition_id: int) -> None:
    """Queue the e-mail about a move. Call it through `transaction.on_commit`, so the worker
    finds the committed transition; a failure to queue is logged, never raised (the move itself
    has been made)."""
    try:
        send_transition_notifications.enqueue(transition_id=transition_id)
    except Exception:
        logger.exception("Could not send the notifications of transition %s", transition_id)
