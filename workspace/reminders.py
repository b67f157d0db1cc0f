"""Reminders by e-mail: obligations falling due, obligations overdue, notice dates coming.

Once a day (`manage.py send_reminders`, run by `manage.py run_daily`, or the `send_reminders`
task) each person receives at most one message listing:

- each due date of an obligation 30, 7 and 1 days ahead (one reminder per stage: a stage opens
  30, 7 and 1 days before and covers the days up to the next one, so a day the job did not run
  is caught up the next day, never twice);
- each due date passed without an accepted report, once a week (Monday to Sunday) while overdue;
- each agreement in force whose notice date (the last day to give notice not to renew) is 30, 7
  and 1 days ahead, by the same stages.

Obligations and notice dates come from agreements.selectors (`obligations_due`,
`obligations_overdue`, `agreements_expiring`, `notice_deadline`), read as the registry's system
account. Who is told: the liaison officers of the responsible party and of the accountable
position's organisation (people in the registry are not linked to user accounts, so a
position's holder is reached through their organisation's liaison officers); for a notice date,
the liaison officers of every party. Only members whose group holds "view" on the agreement are
told, so nothing reaches anyone who may not see it.

Idempotent: every reminder sent is recorded (`SentReminder`, unique per recipient, item,
occurrence and period) in the transaction that sends it; what is recorded is not sent again.
"""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from agreements.models import Agreement, AgreementGroupObjectPermission, Party
from agreements.selectors import (
    Obligation,
    agreements_expiring,
    notice_deadline,
    obligations_due,
    obligations_overdue,
)
from agreements.services.lifecycle import registry_system_user
from agreements.services.notifications import admin_link, recipient_languages, send_in_language
from jurisdictions.models import OrganizationRole
from registry.bilingual import localized
from registry.dates import format_date
from workspace.models import SentReminder

logger = logging.getLogger(__name__)

Kind = SentReminder.Kind
STAGES = (1, 7, 30)  # days ahead; each stage lasts until the next smaller one opens
DUE_KINDS = {30: Kind.DUE_30, 7: Kind.DUE_7, 1: Kind.DUE_1}
NOTICE_KINDS = {30: Kind.NOTICE_30, 7: Kind.NOTICE_7, 1: Kind.NOTICE_1}
HORIZON_DAYS = max(STAGES)


@dataclass(frozen=True)
class Reminder:
    """One item to remind people of, and who (user ids)."""

    kind: str
    object_key: str
    occurrence_date: datetime.date
    window_start: datetime.date
    agreement: Agreement
    obligation: Obligation | None = None
    recipient_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def key(self) -> tuple:
        return (self.kind, self.object_key, self.occurrence_date, self.window_start)


@dataclass(frozen=True)
class ReminderRun:
    """What `reminders_send` did: messages sent, reminders they carried, recipients that
    failed (their reminders stay unsent and are tried again next run)."""

    messages: int
    reminders: int
    failed: list[str]


def stage(days_left: int) -> int | None:
    """The reminder stage for a date `days_left` ahead: 30, 7 or 1, or None when it is more than
    30 days ahead or already past. 1 covers the day before and the day itself."""
    if days_left < 0:
        return None
    for days in STAGES:
        if days_left <= days:
            return days
    return None


def week_start(day: datetime.date) -> datetime.date:
    """The Monday of `day`'s week: overdue reminders go out once per week."""
    return day - datetime.timedelta(days=day.weekday())


def _liaison_members(agreement_ids: set[int]) -> dict[tuple[int, int], set[int]]:
    """(agreement id, organisation id) → ids of the active liaison officers of that organisation
    whose group holds "view" on that agreement. Two queries."""
    grants = AgreementGroupObjectPermission.objects.filter(
        content_object_id__in=agreement_ids,
        permission__codename="view_agreement",
        group__organization_role__role=OrganizationRole.Role.LIAISON,
    ).values_list("content_object_id", "group__organization_role__organization_id", "group_id")
    by_group: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for agreement_id, organization_id, group_id in grants:
        by_group[group_id].append((agreement_id, organization_id))
    members = (
        get_user_model()
        .groups.through.objects.filter(group_id__in=by_group, user__is_active=True)
        .values_list("group_id", "user_id")
    )
    found: dict[tuple[int, int], set[int]] = defaultdict(set)
    for group_id, user_id in members:
        for pair in by_group[group_id]:
            found[pair].add(user_id)
    return found


def _obligation_reminder(obligation: Obligation, kind: str, window: datetime.date) -> Reminder:
    return Reminder(
        kind=kind,
        object_key=f"responsibility:{obligation.responsibility.pk}",
        occurrence_date=obligation.due_date,
        window_start=window,
        agreement=obligation.agreement,
        obligation=obligation,
    )


def reminders_due(*, today: datetime.date | None = None) -> list[Reminder]:
    """Every reminder that applies on `today` (default: the local date), with its recipients,
    whether or not it was sent already. Reads as the registry's system account."""
    today = today or timezone.localdate()
    system = registry_system_user()
    found: list[Reminder] = []
    for obligation in obligations_due(user=system, within_days=HORIZON_DAYS, today=today):
        days = stage((obligation.due_date - today).days)
        if days is not None:
            window = obligation.due_date - datetime.timedelta(days=days)
            found.append(_obligation_reminder(obligation, DUE_KINDS[days], window))
    monday = week_start(today)
    found.extend(
        _obligation_reminder(obligation, Kind.OVERDUE, monday)
        for obligation in obligations_overdue(user=system, today=today)
    )
    for agreement in agreements_expiring(user=system, within_days=HORIZON_DAYS, today=today):
        deadline = notice_deadline(agreement)
        days = stage((deadline - today).days)
        if days is not None:
            found.append(
                Reminder(
                    kind=NOTICE_KINDS[days],
                    object_key=f"agreement:{agreement.pk}",
                    occurrence_date=deadline,
                    window_start=deadline - datetime.timedelta(days=days),
                    agreement=agreement,
                )
            )
    return _with_recipients(found)


def _with_recipients(found: list[Reminder]) -> list[Reminder]:
    agreement_ids = {reminder.agreement.pk for reminder in found}
    members = _liaison_members(agreement_ids)
    parties: dict[int, set[int]] = defaultdict(set)
    notice_ids = {r.agreement.pk for r in found if r.obligation is None}
    for agreement_id, organization_id in Party.objects.filter(
        agreement_id__in=notice_ids
    ).values_list("agreement_id", "organization_id"):
        parties[agreement_id].add(organization_id)
    result = []
    for reminder in found:
        agreement_id = reminder.agreement.pk
        if reminder.obligation is None:
            organizations = parties[agreement_id]
        else:
            item = reminder.obligation.responsibility
            organizations = {item.responsible_party.organization_id}
            if item.accountability_owner is not None:
                organizations.add(item.accountability_owner.organization_id)
        ids = set().union(*(members.get((agreement_id, o), set()) for o in organizations))
        if ids:
            result.append(replace(reminder, recipient_ids=frozenset(ids)))
    return result


def _line(reminder: Reminder, today: datetime.date, language: str) -> dict[str, str]:
    agreement = reminder.agreement
    days = (reminder.occurrence_date - today).days
    when = format_date(reminder.occurrence_date, language)
    title = localized(agreement, "title", language)
    if reminder.obligation is None:
        what = _("%(reference)s “%(title)s”") % {"reference": agreement.reference, "title": title}
        expiry = format_date(agreement.expiry_date, language)
        detail = ngettext(
            "Last day to give notice not to renew: %(date)s (in %(days)s day); it expires on "
            "%(expiry)s.",
            "Last day to give notice not to renew: %(date)s (in %(days)s days); it expires on "
            "%(expiry)s.",
            days,
        ) % {"date": when, "days": days, "expiry": expiry}
    else:
        item = reminder.obligation.responsibility
        what = _("%(reference)s, clause %(clause)s: %(text)s") % {
            "reference": agreement.reference,
            "clause": item.clause,
            "text": localized(item, "text", language),
        }
        if days >= 0:
            detail = ngettext(
                "Due on %(date)s (in %(days)s day).", "Due on %(date)s (in %(days)s days).", days
            ) % {"date": when, "days": days}
        else:
            detail = ngettext(
                "Was due on %(date)s (%(days)s day ago), and no report has been accepted.",
                "Was due on %(date)s (%(days)s days ago), and no report has been accepted.",
                -days,
            ) % {"date": when, "days": -days}
        if item.accountability_owner is not None:
            detail += " " + _("Accountable: %(position)s.") % {
                "position": localized(item.accountability_owner, "title", language)
            }
    return {"what": what, "detail": detail, "link": admin_link(agreement.pk)}


def _render(user, reminders: list[Reminder], today: datetime.date, language: str):
    sections = {"due": [], "overdue": [], "notice": []}
    for reminder in sorted(reminders, key=lambda r: (r.occurrence_date, r.object_key)):
        if reminder.kind == Kind.OVERDUE:
            section = "overdue"
        elif reminder.obligation is None:
            section = "notice"
        else:
            section = "due"
        sections[section].append(_line(reminder, today, language))
    subject = ngettext(
        "Agreement registry: %(count)s reminder for %(date)s",
        "Agreement registry: %(count)s reminders for %(date)s",
        len(reminders),
    ) % {"count": len(reminders), "date": format_date(today, language)}
    body = render_to_string(
        "workspace/email/reminders.txt",
        {"user": user, "today": format_date(today, language), **sections},
    )
    return subject, body


def _already_sent(reminders: list[Reminder]) -> set[tuple]:
    windows = {reminder.window_start for reminder in reminders}
    if not windows:
        return set()
    return {
        (recipient_id, kind, object_key, occurrence_date, window_start)
        for recipient_id, kind, object_key, occurrence_date, window_start in (
            SentReminder.objects.filter(window_start__in=windows).values_list(
                "recipient_id", "kind", "object_key", "occurrence_date", "window_start"
            )
        )
    }


def _send_to(user: AbstractBaseUser, reminders: list[Reminder], today, language) -> bool:
    """Record and send one person's reminders in one transaction: if the e-mail cannot be sent,
    nothing is recorded (tried again next run); if another run recorded them first, nothing is
    sent. Returns True when the message went out."""
    try:
        with transaction.atomic():
            SentReminder.objects.bulk_create(
                SentReminder(
                    recipient=user,
                    kind=reminder.kind,
                    object_key=reminder.object_key,
                    occurrence_date=reminder.occurrence_date,
                    window_start=reminder.window_start,
                )
                for reminder in reminders
            )
            sent = send_in_language(
                [(user, language, lambda: _render(user, reminders, today, language))]
            )
    except IntegrityError:
        return False  # another run sent these
    return sent == 1


def reminders_send(*, today: datetime.date | None = None) -> ReminderRun:
    """Send today's reminders that were not sent yet, one message per person (see the module
    docstring). Idempotent: a second run the same day sends nothing."""
    today = today or timezone.localdate()
    reminders = reminders_due(today=today)
    sent = _already_sent(reminders)
    pending: dict[int, list[Reminder]] = defaultdict(list)
    for reminder in reminders:
        for recipient_id in reminder.recipient_ids:
            if (recipient_id, *reminder.key) not in sent:
                pending[recipient_id].append(reminder)
    users = list(
        get_user_model()
        .objects.filter(pk__in=pending, is_active=True)
        .exclude(email="")
        .order_by("pk")
    )
    languages = recipient_languages(users)
    messages, count, failed = 0, 0, []
    for user in users:
        items = pending[user.pk]
        try:
            if _send_to(user, items, today, languages[user.pk]):
                messages += 1
                count += len(items)
        except Exception as error:  # one mailbox failing must not stop the others
            logger.exception("Could not send reminders to %s", user.get_username())
            failed.append(f"{user.get_username()}: {error}")
    return ReminderRun(messages=messages, reminders=count, failed=failed)


@task()
def send_reminders(today: str | None = None) -> dict[str, int]:
    """`reminders_send` as background work; `today` an ISO date (default: the local date)."""
    run = reminders_send(today=datetime.date.fromisoformat(today) if today else None)
    return {"messages": run.messages, "reminders": run.reminders, "failed": len(run.failed)}
