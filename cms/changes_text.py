"""A version's change summary (`agreements.changes`) as sentences for the public pages.

Pure: reads the summary's plain data, in the active language, with no query.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.models import Agreement, Party, Responsibility
from agreements.recurrence import Recurrence
from cms.localizing import localize
from registry.dates import format_date

FIELD_LABELS = {
    "signed_date": gettext_lazy("signature date"),
    "effective_date": gettext_lazy("effective date"),
    "expiry_date": gettext_lazy("expiry date"),
    "next_review_date": gettext_lazy("next review date"),
    "title": gettext_lazy("title"),
    "summary": gettext_lazy("summary"),
    "type": gettext_lazy("agreement type"),
    "visibility": gettext_lazy("visibility"),
    "notice_period_days": gettext_lazy("notice period (days)"),
    "renewal_terms": gettext_lazy("renewal terms"),
    "service_areas": gettext_lazy("service areas"),
    "delivery_channels": gettext_lazy("delivery channels"),
    "governing_body": gettext_lazy("governing body"),
    "role": gettext_lazy("role"),
    "signatory": gettext_lazy("signatory"),
    "clause": gettext_lazy("clause"),
    "kind": gettext_lazy("kind"),
    "status": gettext_lazy("status"),
    "due_date": gettext_lazy("due date"),
    "recurrence": gettext_lazy("recurrence"),
    "recurrence_anchor": gettext_lazy("first due date"),
    "service_standard": gettext_lazy("service standard"),
    "responsible_party": gettext_lazy("responsible party"),
}


# The summary stores choices by code: they are shown with today's label in the page's language.
CHOICES = {
    "type": Agreement.Type,
    "visibility": Agreement.Visibility,
    "role": Party.Role,
    "kind": Responsibility.Kind,
    "status": Responsibility.Status,
    "recurrence": Recurrence,
}
DATE_FIELDS = {
    "signed_date",
    "effective_date",
    "expiry_date",
    "next_review_date",
    "due_date",
    "recurrence_anchor",
}
# "Department of Health: role: Party → Lead party" — the name, then what changed for it.
NAMED_CHANGES = gettext_lazy("%(name)s: %(changes)s")


@dataclass
class ChangeSection:
    heading: str
    items: list[str] = field(default_factory=list)


def _value(value) -> str:
    if value is None or value == "" or value == []:
        return _("(none)")
    if isinstance(value, dict):
        for key in ("title", "name"):
            if key in value:
                return localize(value[key]).text
        if "en" in value or "fr" in value:
            return localize(value).text
    if isinstance(value, list):
        return ", ".join(_value(item) for item in value)
    return str(value)


def _field_value(name: str, value) -> str:
    """A changed field's value: a choice by its label, a date as the page's language writes it."""
    choices = CHOICES.get(name)
    if choices is not None and isinstance(value, str) and value in choices.values:
        return str(choices(value).label)
    if name in DATE_FIELDS and isinstance(value, str):
        try:
            return format_date(datetime.date.fromisoformat(value))
        except ValueError:
            return value
    return _value(value)


def _field_change(change: dict) -> str:
    label = FIELD_LABELS.get(change["field"], change["field"])
    return _("%(field)s: %(before)s → %(after)s") % {
        "field": label,
        "before": _field_value(change["field"], change["before"]),
        "after": _field_value(change["field"], change["after"]),
    }


def _named_changes(name: str, changes: list[dict]) -> str:
    return str(NAMED_CHANGES) % {
        "name": name,
        "changes": "; ".join(_field_change(c) for c in changes),
    }


def _clause(item: dict) -> str:
    clause = item.get("clause") or ""
    text = localize(item["text"]).text if "text" in item else ""
    if clause and text:
        return f"{clause} — {text}"
    return clause or text


def describe_changes(summary: dict | None) -> list[ChangeSection]:
    """Sections of readable sentences, only for the kinds of change that happened."""
    summary = summary or {}
    sections: list[ChangeSection] = []

    def add(heading: str, items: list[str]) -> None:
        if items:
            sections.append(ChangeSection(heading, items))

    add(_("Dates"), [_field_change(c) for c in summary.get("dates_changed", [])])
    add(_("Terms"), [_field_change(c) for c in summary.get("terms_changed", [])])
    add(_("Parties joined"), [localize(p["name"]).text for p in summary.get("parties_joined", [])])
    add(_("Parties left"), [localize(p["name"]).text for p in summary.get("parties_left", [])])
    add(
        _("Parties changed"),
        [
            _named_changes(localize(p["name"]).text, p.get("changes", []))
            for p in summary.get("parties_changed", [])
        ],
    )
    add(
        _("Responsibilities added"),
        [_clause(item) for item in summary.get("responsibilities_added", [])],
    )
    add(
        _("Responsibilities removed"),
        [_clause(item) for item in summary.get("responsibilities_removed", [])],
    )
    add(
        _("Responsibilities reworded"),
        [
            _("%(clause)s: “%(before)s” → “%(after)s”")
            % {
                "clause": item.get("clause") or "—",
                "before": localize(item["before"]).text,
                "after": localize(item["after"]).text,
            }
            for item in summary.get("responsibilities_reworded", [])
        ],
    )
    add(
        _("Accountable positions changed"),
        [
            _("%(clause)s: %(before)s → %(after)s")
            % {
                "clause": item.get("clause") or "—",
                "before": _value(item["before"]),
                "after": _value(item["after"]),
            }
            for item in summary.get("owners_changed", [])
        ],
    )
    add(
        _("Responsibilities changed"),
        [
            _named_changes(item.get("clause") or "—", item.get("changes", []))
            for item in summary.get("responsibilities_changed", [])
        ],
    )
    return sections
