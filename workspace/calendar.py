"""The personal calendar feed: an iCalendar file of the dates that matter in the agreements a
user may see, at a secret address the user subscribes to from their calendar program.

Events (all-day), each with a stable UID so a calendar program updates rather than duplicates:
- every open due date of an obligation, from 90 days back to 400 days ahead (`obligations_due`
  and `obligations_overdue`: a due date with an accepted report leaves the feed), UID
  "due-<reference>-<responsibility id>-<YYYYMMDD>@<host>";
- each agreement's next review date, "review-<reference>-<YYYYMMDD>@<host>";
- the notice date of each agreement in force (last day to give notice not to renew),
  "notice-<reference>-<YYYYMMDD>@<host>";
- each agreement's expiry date, unless it ended otherwise, "expiry-<reference>-<YYYYMMDD>@<host>".

Only agreements in `permissions.visible_agreements(user)` appear. Text is in the user's
language. The secret token is stored hashed (`CalendarToken`); resetting replaces it, so the
old address stops working; a deactivated user's address stops working too.
"""

import datetime
import re
import secrets
from urllib.parse import urlsplit

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from agreements import permissions
from agreements.models import Agreement
from agreements.selectors import notice_deadline, obligations_due, obligations_overdue
from agreements.services.notifications import admin_link, recipient_languages, site_base_url
from registry.bilingual import localized
from workspace.models import CalendarToken, calendar_token_hash

PAST_DAYS = 90
AHEAD_DAYS = 400
TOKEN_BYTES = 32
PRODID = "-//Intergovernmental Agreement Registry//Calendar feed//EN"
ENDED_OTHERWISE = (Agreement.State.TERMINATED, Agreement.State.SUPERSEDED)
UNSAFE_UID = re.compile(r"[^A-Za-z0-9.\-]+")


# --- Tokens ----------------------------------------------------------------------------------


@transaction.atomic
def calendar_token_reset(*, user: AbstractBaseUser) -> str:
    """Give `user` a new secret feed token, replacing any earlier one (whose address stops
    working at once). Returns the token: the only time it is known; only its hash is kept."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    CalendarToken.objects.update_or_create(
        user=user,
        defaults={"token_hash": calendar_token_hash(token), "created_at": timezone.now()},
    )
    return token


def calendar_token_user(token: str) -> AbstractBaseUser | None:
    """The active user whose feed `token` opens, or None."""
    found = (
        CalendarToken.objects.select_related("user")
        .filter(token_hash=calendar_token_hash(token), user__is_active=True)
        .first()
    )
    return found.user if found else None


def calendar_feed_url(token: str) -> str:
    """The absolute address of the feed, as the user pastes it into a calendar program."""
    return site_base_url() + reverse("workspace_calendar_feed", args=(token,))


# --- The feed --------------------------------------------------------------------------------


def _host() -> str:
    return urlsplit(site_base_url()).hostname or "localhost"


def event_uid(kind: str, reference: str, day: datetime.date, item_id: int | None = None) -> str:
    """A UID that stays the same from one download to the next for the same event."""
    parts = [kind, UNSAFE_UID.sub("-", reference)]
    if item_id is not None:
        parts.append(str(item_id))
    parts.append(day.strftime("%Y%m%d"))
    return f"{'-'.join(parts)}@{_host()}"


def _event(*, uid, day, summary, description, url, stamp) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def _obligation_events(user, today, start, end, language, stamp):
    overdue = [o for o in obligations_overdue(user=user, today=today) if o.due_date >= start]
    due = obligations_due(user=user, within_days=(end - today).days, today=today)
    for obligation in overdue + due:
        item = obligation.responsibility
        agreement = obligation.agreement
        lines = [localized(item, "text", language)]
        if item.accountability_owner is not None:
            lines.append(
                _("Accountable: %(position)s.")
                % {"position": localized(item.accountability_owner, "title", language)}
            )
        lines.append(
            _("Responsible party: %(organization)s.")
            % {"organization": localized(item.responsible_party.organization, "name", language)}
        )
        yield _event(
            uid=event_uid("due", agreement.reference, obligation.due_date, item.pk),
            day=obligation.due_date,
            summary=_("Due: %(reference)s, clause %(clause)s")
            % {"reference": agreement.reference, "clause": item.clause},
            description="\n".join(lines),
            url=admin_link(agreement.pk),
            stamp=stamp,
        )


def _agreement_events(user, start, end, language, stamp):
    agreements = (
        permissions.visible_agreements(user)
        .exclude(state__in=ENDED_OTHERWISE)
        # Candidates: each date is checked against the window below (a notice date comes
        # before its expiry date, so an expiry after the window may still have one in it).
        .filter(Q(next_review_date__range=(start, end)) | Q(expiry_date__gte=start))
        .only(
            "pk",
            "reference",
            "title_en",
            "title_fr",
            "state",
            "next_review_date",
            "expiry_date",
            "notice_period_days",
        )
        .order_by("reference")
    )
    for agreement in agreements:
        title = localized(agreement, "title", language)
        url = admin_link(agreement.pk)
        dates = [("review", agreement.next_review_date, _("Review: %(reference)s"))]
        if agreement.state == Agreement.State.IN_FORCE:
            dates.append(("notice", notice_deadline(agreement), _("Notice date: %(reference)s")))
        dates.append(("expiry", agreement.expiry_date, _("Expires: %(reference)s")))
        for kind, day, label in dates:
            if day is None or not start <= day <= end:
                continue
            yield _event(
                uid=event_uid(kind, agreement.reference, day),
                day=day,
                summary=label % {"reference": agreement.reference},
                description=title,
                url=url,
                stamp=stamp,
            )


def calendar_feed(*, user: AbstractBaseUser, today: datetime.date | None = None) -> bytes:
    """The user's feed as iCalendar bytes (see the module docstring), in their language."""
    today = today or timezone.localdate()
    start = today - datetime.timedelta(days=PAST_DAYS)
    end = today + datetime.timedelta(days=AHEAD_DAYS)
    language = recipient_languages([user])[user.pk]
    stamp = timezone.now().replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    with translation.override(language):
        calendar.add("x-wr-calname", _("Agreement registry"))
        for event in _obligation_events(user, today, start, end, language, stamp):
            calendar.add_component(event)
        for event in _agreement_events(user, start, end, language, stamp):
            calendar.add_component(event)
    return calendar.to_ical()
